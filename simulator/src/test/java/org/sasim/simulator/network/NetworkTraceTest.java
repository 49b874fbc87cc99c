package org.sasim.simulator.network;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.Writer;
import org.junit.jupiter.api.Test;
import org.sasim.models.graph.Network;
import org.sasim.models.zoo.ModelZoo;
import org.sasim.simulator.arch.Accelerator;
import org.sasim.simulator.arch.Dataflow;
import org.sasim.simulator.arch.Datatype;

/** The streamed per-tile trace of a whole network. */
class NetworkTraceTest {
    private static final Network NET = ModelZoo.build("resnet18", 1, 32, 32);
    private static final Accelerator ACC = Accelerator.scaleSim(16, 16, Dataflow.WEIGHT_STATIONARY)
            .withDatatype(Datatype.FP32);

    /** Counts lines by their first field without keeping them, so the check itself holds no trace. */
    private static final class LineCounter extends Writer {
        private final StringBuilder current = new StringBuilder();
        long layers;
        long tiles;
        long vectorLines;
        long dramBytes;

        @Override
        public void write(char[] buf, int off, int len) {
            for (int i = off; i < off + len; i++) {
                if (buf[i] == '\n') {
                    count(current.toString().split(","));
                    current.setLength(0);
                } else {
                    current.append(buf[i]);
                }
            }
        }

        private void count(String[] f) {
            switch (f[0]) {
                case "layer" -> layers++;
                case "tile" -> tiles++;
                case "vector" -> {
                    vectorLines++;
                    dramBytes += Long.parseLong(f[8]) + Long.parseLong(f[10]);
                }
                case "dram" -> dramBytes += Long.parseLong(f[3]);
                case "prologue" -> dramBytes += Long.parseLong(f[3]) + Long.parseLong(f[5]);
                default -> throw new AssertionError("unknown trace line " + String.join(",", f));
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }

    @Test
    void everyLayerTileAndDramByteOfTheRunIsInTheTrace() {
        LineCounter trace = new LineCounter();
        NetworkSimulator sim = new NetworkSimulator(ACC, SimulationOptions.defaults());
        NetworkResult traced = sim.timing(NET, trace);
        assertEquals(sim.timing(NET), traced); // tracing changes nothing
        assertEquals(NET.nodes().size(), trace.layers);
        long tiles = traced.layers().stream().mapToLong(l -> l.tiling().map(t -> t.tiles()).orElse(0L)).sum();
        assertEquals(tiles, trace.tiles);
        assertEquals(traced.layers().stream().filter(l -> !l.onArray()).count(), trace.vectorLines);
        assertEquals(traced.dram().totalBytes(), trace.dramBytes);
    }
}
