package org.sasim.simulator.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.sasim.simulator.arch.MemorySpec;

/**
 * {@link MemorySystem#simulate(MemoryWorkload, double[])} cuts each candidate tiling once for several DRAM
 * bandwidths; every result must equal simulating at that bandwidth alone, field for field (stalls, prologue,
 * epilogue, average and peak bandwidth, traffic, tiling, stall-free bandwidth).
 */
class MemoryAtSeveralBandwidthsTest {

    @Test
    void eachResultEqualsTheSimulationAtThatBandwidthAlone() {
        SplittableRandom r = new SplittableRandom(7);
        int compared = 0;
        for (int i = 0; i < 150; i++) {
            MemoryWorkload w = RandomLayers.workload(RandomLayers.layer(r), RandomLayers.array(r),
                    RandomLayers.datatype(r));
            if (r.nextInt(4) == 0) {
                w = w.withOnChip(r.nextBoolean(), r.nextBoolean());
            }
            MemorySpec spec = new MemorySpec(256L << r.nextInt(8), 256L << r.nextInt(8), 1024L << r.nextInt(8), 1,
                    r.nextInt(3) == 0 ? r.nextInt(21) : 0);
            double[] bws = new double[2 + r.nextInt(8)];
            for (int k = 0; k < bws.length; k++) {
                bws[k] = r.nextInt(8) == 0 ? Double.POSITIVE_INFINITY
                        : Math.scalb(0.5 + r.nextDouble(), r.nextInt(-3, 7));
            }
            MemoryResult[] together;
            try {
                together = new MemorySystem(spec).simulate(w, bws);
            } catch (IllegalArgumentException tooSmall) {
                MemoryWorkload fw = w;
                assertThrows(IllegalArgumentException.class, () -> new MemorySystem(spec).simulate(fw));
                continue;
            }
            for (int k = 0; k < bws.length; k++) {
                MemoryResult alone = new MemorySystem(spec.withDramBytesPerCycle(bws[k])).simulate(w);
                assertEquals(alone, together[k], i + ": " + w.mapping() + " at " + bws[k] + " bytes/cycle");
                compared++;
            }
        }
        assertEquals(true, compared > 300, compared + " results compared");
    }

    @Test
    void aBandwidthThatIsNotPositiveIsRejected() {
        MemoryWorkload w = RandomLayers.workload(RandomLayers.layer(new SplittableRandom(1)),
                RandomLayers.array(new SplittableRandom(2)), RandomLayers.datatype(new SplittableRandom(3)));
        MemorySystem m = new MemorySystem(MemorySpec.scaleSimDefault());
        assertThrows(IllegalArgumentException.class, () -> m.simulate(w, new double[] {4, 0}));
        assertThrows(IllegalArgumentException.class, () -> m.simulate(w, new double[0]));
    }
}
