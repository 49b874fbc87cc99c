package org.sasim.workloads.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.Arrays;
import java.util.List;

/** Runs {@link BenchCase}s one after another: warm-ups, a GC, a heap-peak reset, then the timed repetitions. */
public final class BenchRunner {
    private final List<MemoryPoolMXBean> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(p -> p.getType() == MemoryType.HEAP).toList();

    /** Measures one case. */
    public BenchResult run(BenchCase c) {
        BenchCase.Body body = c.setup().prepare();
        long cycles = 0;
        for (int i = 0; i < c.warmups(); i++) {
            cycles = body.run();
        }
        System.gc();
        heapPools.forEach(MemoryPoolMXBean::resetPeakUsage);
        double[] ms = new double[c.repetitions()];
        for (int i = 0; i < ms.length; i++) {
            long t0 = System.nanoTime();
            cycles = body.run();
            ms[i] = (System.nanoTime() - t0) / 1e6;
        }
        long peak = heapPools.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
        double[] sorted = ms.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
        double perSecond = median > 0 ? cycles / (median / 1e3) : 0;
        return new BenchResult(c.group(), c.name(), c.warmups(), c.repetitions(), median, sorted[0], sorted[n - 1],
                peak, cycles, perSecond);
    }
}
