package org.sasim.simulator.memory;

import java.util.Arrays;

/**
 * The DRAM interface as one serial channel: transfers are served one after another in the order they are issued.
 * A transfer of b > 0 bytes that may start at cycle e starts at {@code max(e, channel free)} and takes
 * {@code latency + ceil(b / bandwidth)} cycles (just {@code latency} at infinite bandwidth); an empty transfer takes
 * no time and does not queue. Counts bytes per operand and direction; optionally keeps the (start, end, bytes) of
 * every transfer for bandwidth statistics (memory grows with the number of transfers, which is bounded by the tile count).
 */
public final class DramChannel {
    private final double bytesPerCycle;
    private final int latencyCycles;
    private final boolean recordIntervals;
    private long freeAt;
    private final long[] readBytes = new long[Operand.values().length];
    private final long[] writtenBytes = new long[Operand.values().length];
    private long busyCycles;
    private long[] starts = new long[0];
    private long[] ends = new long[0];
    private long[] sizes = new long[0];
    private int count;

    /**
     * @param bytesPerCycle   bandwidth (bytes per cycle; may be infinite)
     * @param latencyCycles   fixed cycles added to every non-empty transfer
     * @param startCycle      cycle from which the channel is free
     * @param recordIntervals keep each transfer's interval for {@link #peakBytesPerCycle}
     */
    public DramChannel(double bytesPerCycle, int latencyCycles, long startCycle, boolean recordIntervals) {
        if (!(bytesPerCycle > 0) || latencyCycles < 0) {
            throw new IllegalArgumentException("DRAM bandwidth must be positive and latency not negative");
        }
        this.bytesPerCycle = bytesPerCycle;
        this.latencyCycles = latencyCycles;
        this.freeAt = startCycle;
        this.recordIntervals = recordIntervals;
        if (recordIntervals) {
            starts = new long[16];
            ends = new long[16];
            sizes = new long[16];
        }
    }

    /** Cycles a transfer of {@code bytes} occupies the channel. */
    public long duration(long bytes) {
        return duration(bytes, bytesPerCycle, latencyCycles);
    }

    /**
     * Cycles a transfer of {@code bytes} occupies a channel of {@code bytesPerCycle} (bytes per cycle, may be
     * infinite) and {@code latencyCycles}: none for no bytes, else the latency plus the bytes' transfer cycles
     * (rounded up); what {@link #duration(long)} returns, without a channel object.
     */
    public static long duration(long bytes, double bytesPerCycle, int latencyCycles) {
        if (bytes <= 0) {
            return 0;
        }
        if (Double.isInfinite(bytesPerCycle)) {
            return latencyCycles;
        }
        // capped at 2^40 cycles per transfer so that sums over many transfers cannot overflow in searches
        return latencyCycles + (long) Math.min(Math.ceil(bytes / bytesPerCycle), 0x1p40);
    }

    /**
     * Issues a transfer.
     *
     * @param op            what is moved
     * @param read          true for DRAM to scratchpad, false for scratchpad to DRAM
     * @param bytes         size (bytes)
     * @param eligibleCycle earliest start cycle
     * @return the cycle the transfer completes
     */
    public long transfer(Operand op, boolean read, long bytes, long eligibleCycle) {
        if (bytes <= 0) {
            return eligibleCycle;
        }
        long start = Math.max(freeAt, eligibleCycle);
        long d = duration(bytes);
        long end = start + d;
        freeAt = end;
        busyCycles += d;
        (read ? readBytes : writtenBytes)[op.ordinal()] += bytes;
        if (recordIntervals) {
            record(start, end, bytes);
        }
        return end;
    }

    private void record(long start, long end, long bytes) {
        if (count == starts.length) {
            starts = Arrays.copyOf(starts, count * 2);
            ends = Arrays.copyOf(ends, count * 2);
            sizes = Arrays.copyOf(sizes, count * 2);
        }
        starts[count] = start;
        ends[count] = end;
        sizes[count] = bytes;
        count++;
    }

    /** The cycle from which the channel is idle. */
    public long freeAt() {
        return freeAt;
    }

    /** Cycles the channel was transferring. */
    public long busyCycles() {
        return busyCycles;
    }

    public DramTraffic traffic() {
        return new DramTraffic(readBytes[Operand.IFMAP.ordinal()], readBytes[Operand.FILTER.ordinal()],
                readBytes[Operand.PSUM.ordinal()], writtenBytes[Operand.OFMAP.ordinal()],
                writtenBytes[Operand.PSUM.ordinal()]);
    }

    /**
     * The highest average DRAM bandwidth over the given windows, each transfer's bytes spread evenly over its
     * duration. Windows are consecutive, non-overlapping [from, to) intervals in increasing order.
     *
     * @return bytes per cycle; infinite when a non-empty transfer took zero cycles
     */
    public double peakBytesPerCycle(long[] windowFrom, long[] windowTo, int windows) {
        if (!recordIntervals) {
            throw new IllegalStateException("intervals were not recorded");
        }
        double peak = 0;
        int first = 0;
        for (int w = 0; w < windows; w++) {
            long a = windowFrom[w];
            long b = windowTo[w];
            while (first < count && ends[first] < a) {
                first++;
            }
            double bytes = 0;
            for (int i = first; i < count && starts[i] < b; i++) {
                long s = starts[i];
                long e = ends[i];
                if (e == s) {
                    if (s >= a) {
                        return Double.POSITIVE_INFINITY;
                    }
                    continue;
                }
                long overlap = Math.min(e, b) - Math.max(s, a);
                if (overlap > 0) {
                    bytes += (double) sizes[i] * overlap / (e - s);
                }
            }
            if (b > a) {
                peak = Math.max(peak, bytes / (b - a));
            }
        }
        return peak;
    }
}
