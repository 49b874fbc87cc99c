package org.sasim.models.zoo;

import org.sasim.models.graph.Network;
import org.sasim.models.graph.Shape;

/**
 * torchvision's AlexNet: the single-tower variant of "One weird trick" (Krizhevsky 2014), 64-192-384-256-256
 * channels, overlapping 3x3/2 max-pools, no LRN and no grouped convs, then a 6x6 adaptive average pool (an identity at
 * 224x224) and a dropout-4096-4096-1000 classifier. Layer names are torchvision's module names.
 *
 * <p>Like torchvision it needs at least 63x63 input: below that the last max-pool has no 3x3 window to take.
 */
public final class AlexNet {
    /** Model name in the zoo. */
    public static final String NAME = "alexnet";

    private AlexNet() {
    }

    /** AlexNet at {@code input} (N x 3 x H x W); throws a {@code GraphException} when the input is too small. */
    public static Network build(Shape input) {
        GraphBuilder b = new GraphBuilder();
        b.conv("features.0", 3, 64, 11, 4, 2, true);
        b.relu("features.1");
        b.maxPool("features.2", 3, 2, 0);
        b.conv("features.3", 64, 192, 5, 1, 2, true);
        b.relu("features.4");
        b.maxPool("features.5", 3, 2, 0);
        b.conv("features.6", 192, 384, 3, 1, 1, true);
        b.relu("features.7");
        b.conv("features.8", 384, 256, 3, 1, 1, true);
        b.relu("features.9");
        b.conv("features.10", 256, 256, 3, 1, 1, true);
        b.relu("features.11");
        b.maxPool("features.12", 3, 2, 0);
        b.adaptiveAvgPool("avgpool", 6, 6);
        b.flatten("flatten");
        b.dropout("classifier.0", 0.5);
        b.linear("classifier.1", 256 * 6 * 6, 4096);
        b.relu("classifier.2");
        b.dropout("classifier.3", 0.5);
        b.linear("classifier.4", 4096, 4096);
        b.relu("classifier.5");
        b.linear("classifier.6", 4096, ModelZoo.IMAGENET_CLASSES);
        return b.build(NAME, input);
    }
}
