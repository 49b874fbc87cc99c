package org.sasim.workloads.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.Arrays;
import java.util.List;

/**
 * Runs {@link BenchCase}s one after another: warm-ups, a GC, a heap-peak reset, then the timed repetitions. A case
 * with warm-ups gets at least its number of them, and more while the JIT is still catching up: until the last two
 * warm-ups each took at most {@link #SETTLED} times the fastest so far, up to {@link #MAX_WARMUP_FACTOR} times the number
 * asked for and {@link #MAX_EXTRA_WARMUP_NANOS} of extra warm-up. On two cores a run that starts new code paths
 * while both cores compute leaves the compiler little time: whole-network runs were measured 2-3x slower for
 * several runs after three warm-ups, then steady.
 */
public final class BenchRunner {
    /** A warm-up within this factor of the fastest one so far counts as steady. */
    static final double SETTLED = 1.15;
    /** At most this many times the warm-ups a case asks for. */
    static final int MAX_WARMUP_FACTOR = 4;
    /** At most this much time (ns) in warm-ups beyond the ones a case asks for. */
    static final long MAX_EXTRA_WARMUP_NANOS = 20_000_000_000L;

    private final List<MemoryPoolMXBean> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(p -> p.getType() == MemoryType.HEAP).toList();

    /**
     * Whether another warm-up run is due: fewer than {@code asked} done, or the last two runs ({@code previous},
     * {@code last}, ns; {@code Long.MAX_VALUE} before there were two) not both within {@link #SETTLED} of the
     * fastest, while the caps allow ({@code extra}: ns spent in warm-ups beyond the asked ones).
     */
    static boolean warmsUpAgain(int asked, int done, long previous, long last, long fastest, long extra) {
        if (done < asked) {
            return true;
        }
        return done > 0 && Math.max(previous, last) > SETTLED * fastest && done < MAX_WARMUP_FACTOR * asked
                && extra < MAX_EXTRA_WARMUP_NANOS;
    }

    /** Measures one case. */
    public BenchResult run(BenchCase c) {
        BenchCase.Body body = c.setup().prepare();
        long cycles = 0;
        int warmups = 0;
        long fastest = Long.MAX_VALUE;
        long previous = Long.MAX_VALUE;
        long last = Long.MAX_VALUE;
        long extra = 0;
        while (warmsUpAgain(c.warmups(), warmups, previous, last, fastest, extra)) {
            long t0 = System.nanoTime();
            cycles = body.run();
            previous = last;
            last = System.nanoTime() - t0;
            fastest = Math.min(fastest, last);
            if (warmups >= c.warmups()) {
                extra += last;
            }
            warmups++;
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
        return new BenchResult(c.group(), c.name(), warmups, c.repetitions(), median, sorted[0], sorted[n - 1],
                peak, cycles, perSecond);
    }
}
