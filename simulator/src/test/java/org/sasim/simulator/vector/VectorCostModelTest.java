package org.sasim.simulator.vector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sasim.models.graph.Add;
import org.sasim.models.graph.Conv2d;
import org.sasim.models.graph.Dims2;
import org.sasim.models.graph.Flatten;
import org.sasim.models.graph.GlobalAvgPool;
import org.sasim.models.graph.Layer;
import org.sasim.models.graph.MaxPool2d;
import org.sasim.models.graph.Network;
import org.sasim.models.graph.Relu;
import org.sasim.models.graph.Shape;

class VectorCostModelTest {
    private static final String IN = Layer.NETWORK_INPUT;

    @Test
    void maxPoolCostsOneCompareperWindowTapOverTheLanes() {
        // 1x2x7x7, 3x3/2, padding 1: 4x4 outputs per plane, 32 outputs, 9 taps each
        Network n = Network.of("p", Shape.nchw(1, 2, 7, 7),
                List.of(new MaxPool2d("l", IN, Dims2.square(3), Dims2.square(2), Dims2.square(1), false)));
        VectorOpCost c = new VectorCostModel(16).cost(n.node("l"));
        assertEquals(9L * 32, c.operations());
        assertEquals((9L * 32 + 15) / 16, c.cycles());
        // taps inside the input along one axis: windows start at -1, 1, 3, 5 -> 2 + 3 + 3 + 2 = 10; 10 x 10 per plane
        assertEquals(2L * 10 * 10, c.sramReadsWords());
        assertEquals(32, c.sramWritesWords());
    }

    @Test
    void residualAddOfTwoInputsIsOneOperationPerElement() {
        Network n = Network.of("a", Shape.nchw(2, 3, 5, 5), List.of(new Relu("a", IN), new Relu("b", IN),
                new Add("l", List.of("a", "b"))));
        VectorOpCost c = new VectorCostModel(7).cost(n.node("l"));
        assertEquals(150, c.operations());
        assertEquals(22, c.cycles()); // ceil(150 / 7)
        assertEquals(300, c.sramReadsWords());
    }

    @Test
    void globalAveragePoolAddsEveryTapAndScalesOnce() {
        Network n = Network.of("g", Shape.nchw(1, 4, 3, 3), List.of(new GlobalAvgPool("l", IN)));
        VectorOpCost c = new VectorCostModel(4).cost(n.node("l"));
        assertEquals((9 + 1) * 4, c.operations());
        assertEquals(10, c.cycles());
    }

    @Test
    void flattenIsFree() {
        Network n = Network.of("f", Shape.nchw(1, 4, 3, 3), List.of(new Flatten("l", IN)));
        assertEquals(VectorOpCost.FREE, new VectorCostModel(4).cost(n.node("l")));
    }

    @Test
    void convolutionIsRefused() {
        Network n = Network.of("c", Shape.nchw(1, 1, 3, 3),
                List.of(Conv2d.square("l", IN, 1, 1, 1, 1, 0, false)));
        assertThrows(IllegalArgumentException.class, () -> new VectorCostModel(4).cost(n.node("l")));
    }
}
