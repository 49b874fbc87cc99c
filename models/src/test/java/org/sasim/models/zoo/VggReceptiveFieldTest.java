package org.sasim.models.zoo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sasim.models.graph.ReceptiveField;

/**
 * Receptive fields of VGG-16, derived by hand. Each layer grows the field by (k - 1) x jump and multiplies the jump
 * by its stride; VGG-16 has only 3x3/1 convs (+2 x jump) and 2x2/2 pools (+1 x jump, jump doubles):
 *
 * <pre>
 *   block 1, jump 1:  conv 3, conv 5;            pool 6  (jump 2)
 *   block 2, jump 2:  conv 10, conv 14;          pool 16 (jump 4)
 *   block 3, jump 4:  conv 24, 32, 40;           pool 44 (jump 8)
 *   block 4, jump 8:  conv 60, 76, 92;           pool 100 (jump 16)
 *   block 5, jump 16: conv 132, 164, 196;        pool 212 (jump 32)
 * </pre>
 *
 * So the often quoted 212 is pool5's field; conv5_3 itself sees 196 x 196.
 */
class VggReceptiveFieldTest {
    private static final Map<String, ReceptiveField> RF = ModelZoo.build("vgg16", 1, 224, 224).receptiveFields();

    @Test
    void conv53SeesA196PixelSquareWithAJumpOf16() {
        // features.28 is conv5_3: 13 convs with a ReLU each and 4 pools before it.
        assertEquals(new ReceptiveField(196, 196, 16, 16), RF.get("features.28"));
    }

    @Test
    void pool5SeesThe212PixelSquareUsuallyQuotedForVgg16() {
        assertEquals(new ReceptiveField(212, 212, 32, 32), RF.get("features.30"));
    }

    @Test
    void firstConvOfBlock2SeesTenPixels() {
        assertEquals(new ReceptiveField(10, 10, 2, 2), RF.get("features.5"));
    }
}
