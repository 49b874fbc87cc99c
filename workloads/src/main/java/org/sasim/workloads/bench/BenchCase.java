package org.sasim.workloads.bench;

/**
 * One measured workload: what it is, how often to run it, and how to prepare it (untimed: building weights and
 * inputs) into the code that is timed, which returns the cycles it simulated (for simulated cycles per wall-clock
 * second). Preparing per case keeps only one case's data alive at a time, so peak heaps are per case.
 *
 * @param group       what is measured (e.g. {@code timing}, {@code memory}, {@code numerics}, {@code cycle-stepped})
 * @param name        the workload within the group (e.g. {@code resnet50 32x32 os})
 * @param warmups     unmeasured runs first (JIT compilation, class loading)
 * @param repetitions measured runs
 * @param setup       prepares the workload
 */
public record BenchCase(String group, String name, int warmups, int repetitions, Setup setup) {
    /** Prepares a workload (not timed). */
    @FunctionalInterface
    public interface Setup {
        Body prepare();
    }

    /** A run of the workload. */
    @FunctionalInterface
    public interface Body {
        /** Runs once; returns the simulated cycles (array cycles for the cycle-stepped engine). */
        long run();
    }

    public BenchCase {
        if (warmups < 0 || repetitions < 1) {
            throw new IllegalArgumentException("warm-ups must be >= 0 and repetitions >= 1");
        }
    }
}
