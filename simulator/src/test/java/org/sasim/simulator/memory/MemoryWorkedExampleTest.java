package org.sasim.simulator.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import org.sasim.simulator.arch.ArraySpec;
import org.sasim.simulator.arch.Dataflow;
import org.sasim.simulator.arch.Datatype;
import org.sasim.simulator.arch.MemorySpec;
import org.sasim.simulator.mapping.ArrayMapping;
import org.sasim.simulator.mapping.Gemm;

/**
 * The worked example of {@code docs/memory-worked-example.md}, number by number: a linear layer with batch 4,
 * 3 inputs and 4 outputs (M = 4, K = 3, N = 4), int8, on a 2x2 output-stationary array whose folds take
 * T + R + C - 2 = 5 cycles; scratchpads of 16 B (IFMAP), 16 B (filter), 64 B (output); DRAM 2 bytes/cycle, no
 * latency.
 */
class MemoryWorkedExampleTest {
    private static final MemorySpec SPEC = new MemorySpec(16, 16, 64, 2, 0);
    private static final int R = 2;
    private static final int C = 2;
    private static final int M = 4;
    private static final int K = 3;
    private static final int N = 4;
    private static final int FOLD_CYCLES = K + R + C - 2;

    private static MemoryWorkload workload() {
        ArrayMapping m = ArrayMapping.of(new Gemm(M, N, K, 1), new ArraySpec(R, C, Dataflow.OUTPUT_STATIONARY));
        return new MemoryWorkload(m, IfmapFootprint.linear(M, K), Datatype.INT8, FoldCycles.uniform(FOLD_CYCLES));
    }

    @Test
    void wholeLayerAndWholeColumnTilesDoNotFitHalfTheIfmapScratchpad() {
        // all of A is 4 x 3 = 12 B > 16 / 2 = 8 B
        assertThrows(IllegalArgumentException.class,
                () -> new MemorySystem(SPEC).simulate(workload(), new Tiling(TileLevel.GROUPS, 1), null));
        assertThrows(IllegalArgumentException.class,
                () -> new MemorySystem(SPEC).simulate(workload(), new Tiling(TileLevel.COLUMNS, 1), null));
    }

    @Test
    void plannerChoosesOneFoldPerTile() {
        MemoryResult r = new MemorySystem(SPEC).simulate(workload());
        assertEquals(new Tiling(TileLevel.ROWS, 1), r.tiling().tiling());
        // 2 row folds x 2 column folds, one fold each; block 2 rows x 3 K x 2 cols
        assertEquals(4, r.tiling().tiles());
        assertEquals(1, r.tiling().foldsPerTile());
        assertEquals(2, r.tiling().tileRows());
        assertEquals(2, r.tiling().tileCols());
        assertEquals(3, r.tiling().tileK());
        assertEquals(2 * 3, r.tiling().ifmapTileBytes());
        assertEquals(3 * 2, r.tiling().filterTileBytes());
        assertEquals(2 * 2 * 4, r.tiling().ofmapTileBytes());
    }

    @Test
    void bytesMatchTheHandCount() {
        MemoryResult r = new MemorySystem(SPEC).simulate(workload());
        // IFMAP rows re-read once per column fold: 2 x 12 B; filters once: 12 B; outputs once as int8: 16 B
        assertEquals(2 * M * K, r.dram().ifmapReadBytes());
        assertEquals(K * N, r.dram().filterReadBytes());
        assertEquals(M * N, r.dram().ofmapWrittenBytes());
        assertEquals(0, r.dram().psumReadBytes() + r.dram().psumWrittenBytes());
        assertEquals(M * K + K * N, r.compulsoryReadBytes());
        // scratchpad words: os edge reads M*K per column fold and K*N per row fold
        assertEquals(2 * M * K, r.ifmapSram().readsWords());
        assertEquals(2 * K * N, r.filterSram().readsWords());
        assertEquals(M * N, r.ofmapSram().writesWords());
        assertEquals(M * N, r.ofmapSram().readsWords());
    }

    @Test
    void cyclesMatchTheHandTimeline() {
        MemoryResult r = new MemorySystem(SPEC).simulate(workload());
        assertEquals(4 * FOLD_CYCLES, r.computeCycles());
        // prologue: IFMAP rows 0-1 (6 B) and filter cols 0-1 (6 B) at 2 B/cycle
        assertEquals(3 + 3, r.prologueCycles());
        // tile 2 waits from 10 to 11: the channel spent 0-3 IFMAP(t1), 3-6 filter(t2), 6-8 out(t0), 8-11 IFMAP(t2)
        assertEquals(1, r.stallCycles());
        assertEquals(21, r.totalCycles());
        // tile 3 ends at 21; its 4 output bytes take 2 more cycles
        assertEquals(2, r.epilogueCycles());
        assertEquals(29, r.latencyCycles());
        assertEquals(52.0 / 29.0, r.averageDramBytesPerCycle(), 1e-12);
        assertEquals(2.0, r.peakDramBytesPerCycle(), 1e-12);
    }

    @Test
    void stallFreeBandwidthIsThreeBytesPerCycle() {
        MemoryResult r = new MemorySystem(SPEC).simulate(workload());
        // zero stalls needs max(5, 2*ceil(6/B)) + ceil(4/B) + ceil(6/B) <= 10, first true at B = 3
        assertEquals(3.0, r.stallFreeBytesPerCycle());
        assertEquals(0, new MemorySystem(SPEC.withDramBytesPerCycle(3.0)).simulate(workload()).stallCycles());
        assertEquals(1, new MemorySystem(SPEC.withDramBytesPerCycle(2.99)).simulate(workload()).stallCycles());
    }

    @Test
    void traceListsEveryTileAndTransfer() {
        StringWriter trace = new StringWriter();
        new MemorySystem(SPEC).simulate(workload(), trace);
        String expected = String.join("\n",
                "prologue,6,ifmap_bytes,6,filter_bytes,6",
                "dram,ifmap,read,6,start,0,end,3,for_tile,1",
                "dram,filter,read,6,start,3,end,6,for_tile,2",
                "tile,0,start,0,end,5,stall,0",
                "dram,ofmap,write,4,start,6,end,8,for_tile,2",
                "dram,ifmap,read,6,start,8,end,11,for_tile,2",
                "tile,1,start,5,end,10,stall,0",
                "dram,ofmap,write,4,start,11,end,13,for_tile,3",
                "dram,ifmap,read,6,start,13,end,16,for_tile,3",
                "tile,2,start,11,end,16,stall,1",
                "dram,ofmap,write,4,start,16,end,18,for_tile,-1",
                "tile,3,start,16,end,21,stall,0",
                "dram,ofmap,write,4,start,21,end,23,for_tile,-1", "");
        assertEquals(expected, trace.toString());
    }
}
