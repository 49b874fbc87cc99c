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
 * @param jvm         empty to run in the bench's own JVM; else the name of a forked JVM that runs, in plan order,
 *                    every case naming it ({@link ForkedJvm}), so that what other cases compiled cannot slow it
 * @param setup       prepares the workload
 */
public record BenchCase(String group, String name, int warmups, int repetitions, String jvm, Setup setup) {
    /** A case run in the bench's own JVM. */
    public BenchCase(String group, String name, int warmups, int repetitions, Setup setup) {
        this(group, name, warmups, repetitions, "", setup);
    }

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
        if (jvm == null || jvm.contains("\t") || name.contains("\t")) {
            throw new IllegalArgumentException("a case's jvm must not be null, and neither it nor its name may "
                    + "hold a tab");
        }
    }
}
