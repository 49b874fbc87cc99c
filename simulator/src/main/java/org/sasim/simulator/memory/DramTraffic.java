package org.sasim.simulator.memory;

/**
 * Bytes moved over the DRAM channel during a layer, per operand and direction.
 *
 * @param ifmapReadBytes     input feature map read
 * @param filterReadBytes    weights read
 * @param psumReadBytes      spilled partial sums read back
 * @param ofmapWrittenBytes  final outputs written
 * @param psumWrittenBytes   partial sums spilled
 */
public record DramTraffic(long ifmapReadBytes, long filterReadBytes, long psumReadBytes, long ofmapWrittenBytes,
                          long psumWrittenBytes) {
    public static final DramTraffic NONE = new DramTraffic(0, 0, 0, 0, 0);

    public long readBytes() {
        return ifmapReadBytes + filterReadBytes + psumReadBytes;
    }

    public long writtenBytes() {
        return ofmapWrittenBytes + psumWrittenBytes;
    }

    public long totalBytes() {
        return readBytes() + writtenBytes();
    }

    public DramTraffic plus(DramTraffic o) {
        return new DramTraffic(ifmapReadBytes + o.ifmapReadBytes, filterReadBytes + o.filterReadBytes,
                psumReadBytes + o.psumReadBytes, ofmapWrittenBytes + o.ofmapWrittenBytes,
                psumWrittenBytes + o.psumWrittenBytes);
    }

    /** Bytes of one operand and direction ({@code read} false means written). */
    public long bytes(Operand op, boolean read) {
        return switch (op) {
            case IFMAP -> read ? ifmapReadBytes : 0;
            case FILTER -> read ? filterReadBytes : 0;
            case PSUM -> read ? psumReadBytes : psumWrittenBytes;
            case OFMAP -> read ? 0 : ofmapWrittenBytes;
        };
    }
}
