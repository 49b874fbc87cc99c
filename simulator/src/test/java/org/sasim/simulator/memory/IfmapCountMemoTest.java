package org.sasim.simulator.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.sasim.models.graph.Node;
import org.sasim.simulator.arch.MemorySpec;

/**
 * An {@link IfmapCountMemo} keeps IFMAP counts from one layer plan to the next; what it holds must never change a
 * result, and it must stay within its bounds.
 */
class IfmapCountMemoTest {

    @Test
    void resultsThroughOneMemoEqualResultsWithoutOne() {
        // a few layers planned over and over on different arrays, datatypes and scratchpads, as a sweep does
        SplittableRandom r = new SplittableRandom(12);
        List<Node> layers = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            layers.add(RandomLayers.layer(r));
        }
        IfmapCountMemo memo = new IfmapCountMemo();
        int compared = 0;
        for (int i = 0; i < 200; i++) {
            MemoryWorkload w = RandomLayers.workload(layers.get(r.nextInt(layers.size())), RandomLayers.array(r),
                    RandomLayers.datatype(r));
            MemorySpec spec = new MemorySpec(64L << r.nextInt(6), 64L << r.nextInt(6), 256L << r.nextInt(6), 1,
                    r.nextInt(3) == 0 ? r.nextInt(11) : 0);
            double[] bws = {Math.scalb(0.5 + r.nextDouble(), r.nextInt(-3, 6)), 2};
            MemoryResult[] fresh;
            try {
                fresh = new MemorySystem(spec).simulate(w, bws);
            } catch (IllegalArgumentException tooSmall) {
                continue;
            }
            MemoryResult[] memoised = new MemorySystem(spec).simulate(w, bws, memo);
            for (int k = 0; k < bws.length; k++) {
                assertEquals(fresh[k], memoised[k], i + ": " + w.mapping() + " " + spec + " at " + bws[k]);
                compared++;
            }
        }
        assertTrue(compared > 150, compared + " results compared");
        assertTrue(memo.geometries() <= layers.size());
    }

    @Test
    void keepsAtMostItsBoundOfGeometries() {
        SplittableRandom r = new SplittableRandom(13);
        IfmapCountMemo memo = new IfmapCountMemo();
        List<IfmapFootprint> seen = new ArrayList<>();
        while (seen.size() < IfmapCountMemo.MAX_GEOMETRIES + 10) {
            IfmapFootprint f = IfmapFootprint.of(RandomLayers.layer(r));
            if (!seen.contains(f)) {
                seen.add(f);
            }
            memo.counts(f).distinctElements(0, f.gemmRows(), 0, f.gemmK());
            assertTrue(memo.geometries() <= IfmapCountMemo.MAX_GEOMETRIES, memo.geometries() + " geometries");
        }
        assertEquals(IfmapCountMemo.MAX_GEOMETRIES, memo.geometries());
    }

    @Test
    void theGeometryBeingPlannedIsKeptAndTheOthersCountsStayBounded() {
        // a layer with many distinct blocks: its counts exceed the bound of the others' within one plan
        IfmapCountMemo memo = new IfmapCountMemo();
        IfmapFootprint big = new IfmapFootprint(1, 64, 64, 64, 64, 64, 3, 3, 1, 1, 1, 1, 1, 1);
        IfmapFootprint small = IfmapFootprint.linear(1, 8);
        IfmapBlockCounts bigCounts = memo.counts(big);
        for (long m = 0; m < 600; m++) {
            for (long k = 0; k < 500; k++) {
                bigCounts.distinctElements(m, m + 1, k, k + 1);
            }
        }
        assertTrue(bigCounts.size() > IfmapCountMemo.MAX_COUNTS);
        // planning another geometry drops the big one; planning the big one again starts it afresh
        memo.counts(small);
        assertEquals(1, memo.geometries());
        assertTrue(memo.counts(big).size() == 0);
    }
}
