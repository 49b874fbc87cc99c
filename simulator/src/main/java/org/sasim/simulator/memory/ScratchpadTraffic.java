package org.sasim.simulator.memory;

/**
 * Accesses of one scratchpad during a layer, in words of that buffer.
 *
 * @param capacityBytes  total capacity, both halves (bytes)
 * @param readsWords     words read: by the array edge, and drained to DRAM
 * @param writesWords    words written: filled from DRAM, and written by the array
 * @param filledBytes    bytes filled from DRAM (part of the writes)
 * @param drainedBytes   bytes drained to DRAM (part of the reads)
 * @param peakUsedBytes  largest tile block held in one half (bytes)
 */
public record ScratchpadTraffic(long capacityBytes, long readsWords, long writesWords, long filledBytes,
                                long drainedBytes, long peakUsedBytes) {
}
