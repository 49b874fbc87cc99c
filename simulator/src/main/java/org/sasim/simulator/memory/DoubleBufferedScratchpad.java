package org.sasim.simulator.memory;

/**
 * One double-buffered on-chip scratchpad: two halves of {@code capacityBytes / 2}; one half feeds the array while
 * the other is filled from (or drained to) DRAM, so one tile's block may use at most half the capacity. Counts its
 * fills, drains and array-edge accesses for one layer. Not thread-safe; one instance per layer simulation.
 */
public final class DoubleBufferedScratchpad {
    private final String name;
    private final long capacityBytes;
    private final int wordBytes;
    private long readsWords;
    private long writesWords;
    private long filledBytes;
    private long drainedBytes;
    private long peakUsedBytes;

    /**
     * @param name          for messages, e.g. {@code ifmap}
     * @param capacityBytes both halves together (bytes)
     * @param wordBytes     bytes per word held (operand or accumulator size)
     */
    public DoubleBufferedScratchpad(String name, long capacityBytes, int wordBytes) {
        if (capacityBytes <= 0 || wordBytes <= 0) {
            throw new IllegalArgumentException(name + " scratchpad: capacity and word size must be positive");
        }
        this.name = name;
        this.capacityBytes = capacityBytes;
        this.wordBytes = wordBytes;
    }

    public String name() {
        return name;
    }

    /** Bytes one tile may use: half the capacity (rounded down). */
    public long halfBytes() {
        return capacityBytes / 2;
    }

    /** Whether a block of {@code bytes} fits in one half. */
    public boolean fits(long bytes) {
        return bytes <= halfBytes();
    }

    /** A block of {@code bytes} is placed in a half (for the peak-occupancy report). */
    public void hold(long bytes) {
        peakUsedBytes = Math.max(peakUsedBytes, bytes);
    }

    /** DRAM fills a half with {@code bytes}. */
    public void fill(long bytes) {
        filledBytes += bytes;
        writesWords += bytes / wordBytes;
    }

    /** A half is drained to DRAM: {@code words} words leaving as {@code bytes} DRAM bytes. */
    public void drain(long words, long bytes) {
        drainedBytes += bytes;
        readsWords += words;
    }

    /** The array edge reads {@code words}. */
    public void arrayRead(long words) {
        readsWords += words;
    }

    /** The array edge writes {@code words}. */
    public void arrayWrite(long words) {
        writesWords += words;
    }

    public ScratchpadTraffic traffic() {
        return new ScratchpadTraffic(capacityBytes, readsWords, writesWords, filledBytes, drainedBytes,
                peakUsedBytes);
    }
}
