package org.sasim.simulator.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sasim.simulator.arch.MemorySpec;

/**
 * Invariants of the memory model over a few hundred seeded random layers, arrays, datatypes, scratchpads, DRAM
 * bandwidths and latencies.
 */
class MemoryPropertiesTest {
    private static final int CASES = 300;

    record Case(String label, MemoryWorkload workload, MemorySpec spec, MemoryResult result) {
    }

    private static final List<Case> cases = new ArrayList<>();

    @BeforeAll
    static void generate() {
        SplittableRandom r = new SplittableRandom(20240501L);
        while (cases.size() < CASES) {
            MemoryWorkload w = RandomLayers.workload(RandomLayers.layer(r), RandomLayers.array(r),
                    RandomLayers.datatype(r));
            // scratchpads from tiny to roomy; bandwidth 0.25 .. 64 bytes/cycle; latency 0 .. 20 cycles
            MemorySpec spec = new MemorySpec(16L << r.nextInt(10), 16L << r.nextInt(10), 64L << r.nextInt(10),
                    0.25 * (1 << r.nextInt(9)), r.nextInt(3) == 0 ? r.nextInt(21) : 0);
            try {
                MemoryResult res = new MemorySystem(spec).simulate(w);
                cases.add(new Case(w.mapping() + " " + w.datatype() + " " + spec, w, spec, res));
            } catch (IllegalArgumentException tooSmall) {
                assertTrue(tooSmall.getMessage().contains("too small"), tooSmall.getMessage());
            }
        }
    }

    @Test
    void stallsAreNeverNegative() {
        for (Case c : cases) {
            assertTrue(c.result.stallCycles() >= 0, c.label);
            assertTrue(c.result.prologueCycles() >= 0 && c.result.epilogueCycles() >= 0, c.label);
        }
    }

    @Test
    void totalIsComputePlusStallAndComputeIsTheFoldSchedule() {
        for (Case c : cases) {
            long folds = c.workload.mapping().folds();
            long expectedCompute = folds * c.workload.timing().cycles(0);
            assertEquals(expectedCompute, c.result.computeCycles(), c.label);
            assertEquals(c.result.computeCycles() + c.result.stallCycles(), c.result.totalCycles(), c.label);
        }
    }

    @Test
    void dramTrafficIsAtLeastCompulsory() {
        for (Case c : cases) {
            DramTraffic d = c.result.dram();
            long opBytes = c.workload.datatype().operandBytes();
            long weights = c.workload.k() * c.workload.n() * c.workload.mapping().groups() * opBytes;
            long inputs = c.workload.ifmap().compulsoryElementsPerGroup() * c.workload.mapping().groups() * opBytes;
            long outputs = c.workload.m() * c.workload.n() * c.workload.mapping().groups() * opBytes;
            assertEquals(weights + inputs, c.result.compulsoryReadBytes(), c.label);
            assertTrue(d.ifmapReadBytes() >= inputs, c.label);
            assertTrue(d.filterReadBytes() >= weights, c.label);
            assertEquals(outputs, d.ofmapWrittenBytes(), c.label + ": every output written exactly once");
            assertEquals(d.psumWrittenBytes(), d.psumReadBytes(), c.label + ": every spilled psum read back");
        }
    }

    @Test
    void trafficIsCompulsoryAndStallFreeWhenEverythingFits() {
        int checked = 0;
        for (Case c : cases) {
            MemoryWorkload w = c.workload;
            long g = w.mapping().groups();
            long in = w.ifmap().compulsoryElementsPerGroup() * g * w.datatype().operandBytes();
            long wt = w.k() * w.n() * g * w.datatype().operandBytes();
            long acc = w.m() * w.n() * g * w.datatype().accumulatorBytes();
            MemorySpec big = new MemorySpec(2 * in + 2, 2 * wt, 2 * acc, c.spec.dramBytesPerCycle(),
                    c.spec.dramLatencyCycles());
            MemoryResult res = new MemorySystem(big).simulate(w);
            assertEquals(c.result.compulsoryReadBytes(), res.dram().readBytes(), c.label);
            assertEquals(c.result.compulsoryWriteBytes(), res.dram().writtenBytes(), c.label);
            assertEquals(0, res.stallCycles(), c.label);
            assertEquals(1, res.tiling().tiles(), c.label);
            checked++;
        }
        assertEquals(CASES, checked);
    }

    @Test
    void infiniteBandwidthGivesZeroStalls() {
        for (Case c : cases) {
            MemoryResult res = new MemorySystem(c.spec.withInfiniteBandwidth()).simulate(c.workload);
            assertEquals(0, res.stallCycles(), c.label);
        }
    }

    @Test
    void stallsNeverIncreaseWithBandwidth() {
        for (Case c : cases) {
            long prev = c.result.stallCycles();
            for (double f : new double[] {1.5, 2, 4, 64}) {
                MemorySpec faster = c.spec.withDramBytesPerCycle(c.spec.dramBytesPerCycle() * f);
                long s = new MemorySystem(faster).simulate(c.workload).stallCycles();
                assertTrue(s <= prev, c.label + " x" + f + ": " + s + " > " + prev);
                prev = s;
            }
        }
    }

    @Test
    void stallsNeverIncreaseWhenAScratchpadGrows() {
        for (Case c : cases) {
            MemorySpec m = c.spec;
            MemorySpec[] bigger = {
                new MemorySpec(m.ifmapSramBytes() * 2, m.filterSramBytes(), m.ofmapSramBytes(),
                        m.dramBytesPerCycle(), m.dramLatencyCycles()),
                new MemorySpec(m.ifmapSramBytes(), m.filterSramBytes() * 2, m.ofmapSramBytes(),
                        m.dramBytesPerCycle(), m.dramLatencyCycles()),
                new MemorySpec(m.ifmapSramBytes(), m.filterSramBytes(), m.ofmapSramBytes() * 2,
                        m.dramBytesPerCycle(), m.dramLatencyCycles()),
                new MemorySpec(m.ifmapSramBytes() * 4, m.filterSramBytes() * 4, m.ofmapSramBytes() * 4,
                        m.dramBytesPerCycle(), m.dramLatencyCycles()),
            };
            for (MemorySpec b : bigger) {
                long s = new MemorySystem(b).simulate(c.workload).stallCycles();
                assertTrue(s <= c.result.stallCycles(), c.label + " -> " + b + ": " + s);
            }
        }
    }

    @Test
    void runningAtTheStallFreeBandwidthGivesZeroStalls() {
        int finite = 0;
        for (Case c : cases) {
            double bw = c.result.stallFreeBytesPerCycle();
            if (Double.isInfinite(bw)) {
                // only latency can make every bandwidth stall: then even an infinitely fast channel with the
                // same latency stalls, or every transfer's latency + 1 cycle does
                assertTrue(c.spec.dramLatencyCycles() > 0 || c.result.stallCycles() > 0, c.label);
                continue;
            }
            double run = bw > 0 ? bw : 1e-3;
            MemoryResult res = new MemorySystem(c.spec.withDramBytesPerCycle(run)).simulate(c.workload);
            assertEquals(0, res.stallCycles(), c.label + " at " + run);
            if (bw > 0) {
                finite++;
                // and it is the smallest such: the next double below stalls
                MemoryResult below = new MemorySystem(c.spec.withDramBytesPerCycle(Math.nextDown(bw)))
                        .simulate(c.workload);
                assertTrue(below.stallCycles() > 0, c.label + " below " + bw);
            }
        }
        assertTrue(finite > CASES / 4, "too few finite stall-free bandwidths: " + finite);
    }
}
