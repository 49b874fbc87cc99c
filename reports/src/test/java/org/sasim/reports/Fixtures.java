package org.sasim.reports;

import java.util.List;
import org.sasim.reports.run.LayerStats;
import org.sasim.reports.run.NetworkRun;
import org.sasim.reports.run.Provenance;
import org.sasim.simulator.arch.Accelerator;
import org.sasim.simulator.arch.Dataflow;

/** A small hand-written run with every kind of cycle and some DRAM traffic, for writer and chart tests. */
public final class Fixtures {
    private Fixtures() {
    }

    public static Accelerator accelerator() {
        return Accelerator.scaleSim(32, 32, Dataflow.OUTPUT_STATIONARY);
    }

    public static NetworkRun run() {
        return new NetworkRun("tiny<net>", "1x3x32x32", accelerator(), List.of(
                new LayerStats("conv1", "conv2d", "1x16x32x32", 448, 442_368, 15_000, 2_500, 0, 81.2, 93.0,
                        1_300_000, 66_000, 3_500, 16_384, 1.4),
                new LayerStats("relu1", "relu", "1x16x32x32", 0, 0, 0, 0, 512, 0, 0, 16_384, 16_384, 0, 0, 0),
                new LayerStats("pool1", "maxpool2d", "1x16x16x16", 0, 0, 0, 0, 1_024, 0, 0, 16_384, 4_096, 0, 0, 0),
                new LayerStats("conv2", "conv2d", "1x32x16x16", 4_640, 1_179_648, 40_000, 0, 0, 60.5, 75.0,
                        2_600_000, 40_000, 4_600, 8_192, 0.3),
                new LayerStats("flatten", "flatten", "1x8192", 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0),
                new LayerStats("fc1", "linear", "1x10", 81_930, 81_920, 2_600, 7_700, 0, 4.1, 16.0, 82_000, 40,
                        81_960, 10, 31.5)),
                new Provenance("test", "0123abcd", 42));
    }
}
