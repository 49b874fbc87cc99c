package org.sasim.workloads.bench;

/**
 * The measurements of one {@link BenchCase}.
 *
 * @param group                     as the case
 * @param name                      as the case
 * @param warmups                   unmeasured runs
 * @param repetitions               measured runs
 * @param medianMillis              median wall-clock time of one run (ms)
 * @param minMillis                 fastest run (ms)
 * @param maxMillis                 slowest run (ms)
 * @param peakHeapBytes             peak heap use during the measured runs (bytes): the sum of the heap pools'
 *                                  peaks after a GC and a reset before the first measured run
 * @param simulatedCycles           cycles one run simulates
 * @param simulatedCyclesPerSecond  simulated cycles per wall-clock second at the median
 */
public record BenchResult(String group, String name, int warmups, int repetitions, double medianMillis,
                          double minMillis, double maxMillis, long peakHeapBytes, long simulatedCycles,
                          double simulatedCyclesPerSecond) {
}
