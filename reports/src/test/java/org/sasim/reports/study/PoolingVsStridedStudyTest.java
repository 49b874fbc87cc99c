package org.sasim.reports.study;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sasim.models.graph.Conv2d;
import org.sasim.models.graph.Layer;
import org.sasim.models.graph.MaxPool2d;
import org.sasim.models.graph.Network;
import org.sasim.models.graph.Shape;
import org.sasim.simulator.arch.Accelerator;
import org.sasim.simulator.arch.Dataflow;

class PoolingVsStridedStudyTest {
    @Test
    void averagePoolingCostsOneMoreLaneOperationPerOutputThanMaxPooling() {
        Network max = Network.of("p", Shape.nchw(1, 3, 16, 16), List.<Layer>of(
                Conv2d.square("conv", Layer.NETWORK_INPUT, 3, 8, 3, 1, 1, false),
                MaxPool2d.square("pool", "conv", 2, 2, 0)));
        Network avg = PoolingVsStridedStudy.maxPoolsAsAverage(max);
        assertEquals("avgpool2d", avg.nodes().get(1).layer().kind());
        assertEquals(max.outputShape(), avg.outputShape());
        // 8x8 array: 8 vector lanes. 8 channels x 8 x 8 outputs; max: 4 compares each, avg: 4 adds + 1 scale.
        Accelerator a = Accelerator.scaleSim(8, 8, Dataflow.OUTPUT_STATIONARY);
        long outputs = 8 * 8 * 8;
        assertEquals(4 * outputs / 8, StudySimulation.run(max, a, "t").layers().get(1).vectorCycles());
        assertEquals(5 * outputs / 8, StudySimulation.run(avg, a, "t").layers().get(1).vectorCycles());
    }
}
