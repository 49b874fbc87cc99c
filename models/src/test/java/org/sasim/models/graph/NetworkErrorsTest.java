package org.sasim.models.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link Network#of} rejects broken graphs with a message that names the layer and says what is wrong. */
class NetworkErrorsTest {
    private static final Shape RGB_32 = Shape.nchw(1, 3, 32, 32);

    private static GraphException buildFails(List<Layer> layers) {
        return assertThrows(GraphException.class, () -> Network.of("net", RGB_32, layers));
    }

    @Test
    void wrongInputChannelsNameTheLayerAndExpectedVersusActual() {
        GraphException e = buildFails(List.of(
                Conv2d.square("stem", Layer.NETWORK_INPUT, 3, 16, 3, 1, 1, false),
                Conv2d.square("block.conv", "stem", 8, 16, 3, 1, 1, false)));

        assertEquals("block.conv", e.layer());
        assertTrue(e.getMessage().contains("'block.conv'"), e.getMessage());
        assertTrue(e.getMessage().contains("expected 8 input channels, got 16"), e.getMessage());
    }

    @Test
    void unknownInputNamesTheConsumerAndTheMissingName() {
        GraphException e = buildFails(List.of(new Relu("act", "nowhere")));

        assertEquals("act", e.layer());
        assertTrue(e.getMessage().contains("unknown input 'nowhere'"), e.getMessage());
    }

    @Test
    void duplicateNameIsRejectedNamingTheName() {
        GraphException e = buildFails(List.of(new Relu("act", Layer.NETWORK_INPUT), new Relu("act", "act")));

        assertEquals("act", e.layer());
        assertTrue(e.getMessage().contains("duplicate layer name"), e.getMessage());
    }

    @Test
    void cycleIsRejectedListingTheLoop() {
        GraphException e = buildFails(List.of(
                new Relu("a", "b"),
                new Relu("b", "a")));

        assertTrue(e.getMessage().contains("cycle"), e.getMessage());
        assertTrue(e.getMessage().contains("a <- b <- a"), e.getMessage());
    }

    @Test
    void cycleReachedThroughAResolvedFirstInputStillListsTheLoop() {
        // 'sum' is the first stuck layer, but its first input 'x' is fine: the loop is sum -> tail -> sum.
        GraphException e = buildFails(List.of(
                new Relu("x", Layer.NETWORK_INPUT),
                new Add("sum", List.of("x", "tail")),
                new Relu("tail", "sum")));

        assertEquals("sum", e.layer());
        assertTrue(e.getMessage().contains("sum <- tail <- sum"), e.getMessage());
    }

    @Test
    void layerDownstreamOfACycleIsNotBlamedForIt() {
        GraphException e = buildFails(List.of(
                new Relu("after", "a"),
                new Relu("a", "b"),
                new Relu("b", "a")));

        assertEquals("a", e.layer());
        assertTrue(e.getMessage().contains("a <- b <- a"), e.getMessage());
    }

    @Test
    void residualAddOfDifferentShapesNamesBothInputs() {
        GraphException e = buildFails(List.of(
                Conv2d.square("down", Layer.NETWORK_INPUT, 3, 3, 3, 2, 1, false),
                new Add("add", List.of(Layer.NETWORK_INPUT, "down"))));

        assertEquals("add", e.layer());
        assertTrue(e.getMessage().contains("'input' is 1x3x32x32 but 'down' is 1x3x16x16"), e.getMessage());
    }

    @Test
    void unusedIntermediateOutputIsRejected() {
        GraphException e = buildFails(List.of(
                new Relu("dangling", Layer.NETWORK_INPUT),
                new Relu("out", Layer.NETWORK_INPUT)));

        assertEquals("dangling", e.layer());
        assertTrue(e.getMessage().contains("never used"), e.getMessage());
    }

    @Test
    void layersGivenOutOfOrderAreSortedTopologically() {
        Network net = Network.of("net", RGB_32, List.of(
                new Relu("second", "first"),
                new Relu("first", Layer.NETWORK_INPUT)));

        assertEquals(List.of("first", "second"), net.nodes().stream().map(Node::name).toList());
    }
}
