package org.sasim.simulator.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.sasim.models.graph.Network;
import org.sasim.models.graph.Node;
import org.sasim.models.zoo.ModelZoo;
import org.sasim.simulator.arch.ArraySpec;
import org.sasim.simulator.arch.Dataflow;
import org.sasim.simulator.arch.Datatype;
import org.sasim.simulator.arch.MemorySpec;
import org.sasim.simulator.mapping.Im2colMapping;

/**
 * The production {@link TilingPlanner} (shared block counts, zero-stall test without running the tiles, pruned
 * searches) returns exactly what the straightforward {@link ExhaustiveTilingPlanner} returns: same tiling, stalls,
 * traffic, stall-free bandwidth (to the bit) and feasible count, over seeded random layers, arrays, datatypes,
 * scratchpads, bandwidths and latencies, and over real ResNet-18 layers (32x32 input).
 */
class TilingPlannerEquivalenceTest {

    private static MemorySpec randomSpec(SplittableRandom r) {
        double bw = r.nextInt(4) == 0 ? Double.POSITIVE_INFINITY
                : r.nextBoolean() ? 0.25 * (1 << r.nextInt(9)) : 0.05 + 40 * r.nextDouble();
        return new MemorySpec(16L << r.nextInt(10), 16L << r.nextInt(10), 64L << r.nextInt(10), bw,
                r.nextInt(3) == 0 ? r.nextInt(21) : 0);
    }

    /** Compares the two planners; returns whether anything fitted. */
    private static boolean assertSamePlan(MemoryWorkload w, MemorySpec spec, String label) {
        TilingPlanner.Plan want = new ExhaustiveTilingPlanner(spec).plan(w);
        if (want == null) {
            assertThrows(IllegalArgumentException.class, () -> new TilingPlanner(spec).plan(w), label);
            return false;
        }
        assertSamePlan(want, new TilingPlanner(spec).plan(w), label);
        return true;
    }

    private static void assertSamePlan(TilingPlanner.Plan want, TilingPlanner.Plan got, String label) {
        assertEquals(want.schedule().tiling, got.schedule().tiling, label);
        assertEquals(want.schedule().report, got.schedule().report, label);
        assertEquals(want.schedule().traffic, got.schedule().traffic, label);
        assertEquals(want.stalls(), got.stalls(), label);
        assertEquals(want.feasible(), got.feasible(), label);
        assertEquals(Double.doubleToLongBits(want.stallFreeBytesPerCycle()),
                Double.doubleToLongBits(got.stallFreeBytesPerCycle()),
                label + ": " + want.stallFreeBytesPerCycle() + " vs " + got.stallFreeBytesPerCycle());
    }

    @Test
    void plansEqualTheExhaustiveDefinitionOnRandomLayers() {
        SplittableRandom r = new SplittableRandom(8);
        int planned = 0;
        for (int i = 0; i < 300; i++) {
            MemoryWorkload w = RandomLayers.workload(RandomLayers.layer(r), RandomLayers.array(r),
                    RandomLayers.datatype(r));
            if (r.nextInt(4) == 0) {
                w = w.withOnChip(r.nextBoolean(), r.nextBoolean());
            }
            MemorySpec spec = randomSpec(r);
            planned += assertSamePlan(w, spec, i + ": " + w.mapping() + " " + w.datatype() + " " + spec) ? 1 : 0;
        }
        assertTrue(planned > 150, planned + " of 300 layers fitted");
    }

    @Test
    void plansEqualTheExhaustiveDefinitionOnResNet18Layers() {
        Network net = ModelZoo.build("resnet18", 1, 32, 32);
        List<Node> gemms = net.nodes().stream().filter(n -> Im2colMapping.gemmOf(n).isPresent()).toList();
        SplittableRandom r = new SplittableRandom(18);
        for (Node n : gemms) {
            Dataflow df = Dataflow.values()[r.nextInt(3)];
            int side = 16 << r.nextInt(2);
            MemoryWorkload w = RandomLayers.workload(n, new ArraySpec(side, side, df), Datatype.INT8);
            MemorySpec spec = new MemorySpec(4096L << r.nextInt(5), 4096L << r.nextInt(5), 4096L << r.nextInt(5),
                    1 + r.nextInt(16), r.nextInt(2) * 10);
            assertTrue(assertSamePlan(w, spec, n.name() + " " + w.mapping() + " " + spec));
        }
    }

    @Test
    void plansAtSeveralBandwidthsAtOnceEqualTheExhaustiveDefinitionAtEachBandwidth() {
        SplittableRandom r = new SplittableRandom(88);
        int planned = 0;
        for (int i = 0; i < 120; i++) {
            MemoryWorkload w = RandomLayers.workload(RandomLayers.layer(r), RandomLayers.array(r),
                    RandomLayers.datatype(r));
            MemorySpec spec = randomSpec(r);
            // bandwidths in any order, repeats and an infinite one included
            double[] bws = new double[1 + r.nextInt(6)];
            for (int k = 0; k < bws.length; k++) {
                bws[k] = k > 0 && r.nextInt(5) == 0 ? bws[r.nextInt(k)]
                        : r.nextInt(6) == 0 ? Double.POSITIVE_INFINITY
                        : Math.scalb(0.5 + r.nextDouble(), r.nextInt(-3, 7));
            }
            String label = i + ": " + w.mapping() + " " + w.datatype() + " " + spec;
            if (new ExhaustiveTilingPlanner(spec).plan(w) == null) {
                assertThrows(IllegalArgumentException.class, () -> new TilingPlanner(spec).plan(w, bws), label);
                continue;
            }
            TilingPlanner.Plan[] got = new TilingPlanner(spec).plan(w, bws);
            assertEquals(bws.length, got.length, label);
            for (int k = 0; k < bws.length; k++) {
                TilingPlanner.Plan want = new ExhaustiveTilingPlanner(spec.withDramBytesPerCycle(bws[k])).plan(w);
                assertSamePlan(want, got[k], label + " at " + bws[k] + " bytes/cycle");
            }
            planned++;
        }
        assertTrue(planned > 60, planned + " of 120 layers fitted");
    }

    @Test
    void zeroStallTestAgreesWithRunningTheTiles() {
        SplittableRandom r = new SplittableRandom(80);
        int stallFree = 0;
        int stalling = 0;
        for (int i = 0; i < 300; i++) {
            MemoryWorkload w = RandomLayers.workload(RandomLayers.layer(r), RandomLayers.array(r),
                    RandomLayers.datatype(r));
            MemorySpec spec = randomSpec(r);
            List<Tiling> tilings = TilingPlanner.candidates(w.mapping());
            TileSchedule s = TileSchedule.build(w, spec, tilings.get(r.nextInt(tilings.size())));
            if (s == null) {
                continue;
            }
            TileTimeline.NoStallCheck check = new TileTimeline.NoStallCheck(s);
            int lat = spec.dramLatencyCycles();
            for (int k = 0; k < 20; k++) {
                double bw = k == 0 ? Double.POSITIVE_INFINITY : Math.scalb(0.5 + r.nextDouble(), r.nextInt(-4, 8));
                boolean want = TileTimeline.stalls(s, bw, lat) == 0;
                assertEquals(want, check.stallFree(bw, lat), i + " " + s.tiling + " at " + bw);
                if (want) {
                    stallFree++;
                } else {
                    stalling++;
                }
            }
        }
        assertTrue(stallFree > 100 && stalling > 100, stallFree + " stall-free, " + stalling + " stalling");
    }

    @Test
    void cappedStallCountIsExactUpToTheCapAndAboveItBeyond() {
        SplittableRandom r = new SplittableRandom(81);
        int checked = 0;
        while (checked < 100) {
            MemoryWorkload w = RandomLayers.workload(RandomLayers.layer(r), RandomLayers.array(r),
                    RandomLayers.datatype(r));
            MemorySpec spec = randomSpec(r);
            TileSchedule s = TileSchedule.build(w, spec, new Tiling(TileLevel.STREAM, 1));
            if (s == null) {
                continue;
            }
            long exact = TileTimeline.stalls(s, spec.dramBytesPerCycle(), spec.dramLatencyCycles());
            long cap = exact == 0 ? 0 : r.nextLong(exact * 2);
            long capped = TileTimeline.stalls(s, spec.dramBytesPerCycle(), spec.dramLatencyCycles(), cap);
            if (exact <= cap) {
                assertEquals(exact, capped);
            } else {
                assertTrue(capped > cap);
            }
            checked++;
        }
    }

    @Test
    void stallCountsInReusedBuffersEqualCountsInFreshOnes() {
        // one set of buffers through schedules of every size, capped counts that stop early included: nothing
        // one count leaves behind may change the next
        SplittableRandom r = new SplittableRandom(82);
        TileTimeline.StallBuffers buffers = new TileTimeline.StallBuffers();
        int counted = 0;
        int stopped = 0;
        while (counted < 300) {
            MemoryWorkload w = RandomLayers.workload(RandomLayers.layer(r), RandomLayers.array(r),
                    RandomLayers.datatype(r));
            MemorySpec spec = randomSpec(r);
            List<Tiling> tilings = TilingPlanner.candidates(w.mapping());
            TileSchedule s = TileSchedule.build(w, spec, tilings.get(r.nextInt(tilings.size())));
            if (s == null) {
                continue;
            }
            double bw = Math.scalb(0.5 + r.nextDouble(), r.nextInt(-4, 6));
            int lat = spec.dramLatencyCycles();
            long exact = TileTimeline.stalls(s, bw, lat, Long.MAX_VALUE, new TileTimeline.StallBuffers());
            long cap = r.nextBoolean() || exact == 0 ? Long.MAX_VALUE : r.nextLong(exact);
            long fresh = TileTimeline.stalls(s, bw, lat, cap, new TileTimeline.StallBuffers());
            assertEquals(fresh, TileTimeline.stalls(s, bw, lat, cap, buffers), counted + " " + s.tiling + " at " + bw);
            stopped += fresh < exact ? 1 : 0;
            counted++;
        }
        assertTrue(stopped > 20, stopped + " counts stopped early");
    }

    @Test
    void exhaustiveDefinitionFindsNothingWhenScratchpadsAreTooSmall() {
        MemoryWorkload w = RandomLayers.workload(RandomLayers.conv(new SplittableRandom(3)),
                new ArraySpec(8, 8, Dataflow.OUTPUT_STATIONARY), Datatype.FP32);
        assertNull(new ExhaustiveTilingPlanner(new MemorySpec(1, 1, 1, 1, 0)).plan(w));
    }
}
