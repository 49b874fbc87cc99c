package org.sasim.simulator.memory;

import org.sasim.simulator.arch.Datatype;
import org.sasim.simulator.mapping.ArrayMapping;

/**
 * What the memory model needs to know about one GEMM layer: how it sits on the array, what its input looks like,
 * the word sizes, the compute cycles of each fold, and whether its input or output stays on chip between layers.
 *
 * @param mapping     the layer's GEMM on the array (dataflow, R x C, spatial/streamed extents, groups)
 * @param ifmap       input geometry, for counting distinct input elements
 * @param datatype    operand and accumulator word sizes
 * @param timing      compute cycles per fold
 * @param ifmapOnChip the input activation is already resident (kept from the previous layer): no IFMAP DRAM reads
 * @param ofmapOnChip the output activation stays on chip for the next layer: no OFMAP DRAM writes
 */
public record MemoryWorkload(ArrayMapping mapping, IfmapFootprint ifmap, Datatype datatype, FoldCycles timing,
                             boolean ifmapOnChip, boolean ofmapOnChip) {
    public MemoryWorkload {
        if (mapping == null || ifmap == null || datatype == null || timing == null) {
            throw new IllegalArgumentException("memory workload needs mapping, ifmap geometry, datatype and timing");
        }
    }

    /** A layer that reads its input from and writes its output to DRAM. */
    public MemoryWorkload(ArrayMapping mapping, IfmapFootprint ifmap, Datatype datatype, FoldCycles timing) {
        this(mapping, ifmap, datatype, timing, false, false);
    }

    public MemoryWorkload withOnChip(boolean ifmapResident, boolean ofmapResident) {
        return new MemoryWorkload(mapping, ifmap, datatype, timing, ifmapResident, ofmapResident);
    }

    /** GEMM rows per group (M, output pixels over the batch). */
    public long m() {
        return switch (mapping.dataflow()) {
            case OUTPUT_STATIONARY -> mapping.spatialRows();
            case WEIGHT_STATIONARY -> mapping.streamed();
            case INPUT_STATIONARY -> mapping.spatialCols();
        };
    }

    /** GEMM columns per group (N, filters). */
    public long n() {
        return switch (mapping.dataflow()) {
            case OUTPUT_STATIONARY, WEIGHT_STATIONARY -> mapping.spatialCols();
            case INPUT_STATIONARY -> mapping.streamed();
        };
    }

    /** Reduction length per group (K). */
    public long k() {
        return switch (mapping.dataflow()) {
            case OUTPUT_STATIONARY -> mapping.streamed();
            case WEIGHT_STATIONARY, INPUT_STATIONARY -> mapping.spatialRows();
        };
    }

    /** Bytes every layer must read at least once: each used input element and each weight, once. */
    public long compulsoryReadBytes() {
        long in = ifmapOnChip ? 0 : ifmap.compulsoryElementsPerGroup() * mapping.groups();
        return (in + k() * n() * mapping.groups()) * datatype.operandBytes();
    }

    /** Bytes every layer must write at least once: each output, once (0 when kept on chip). */
    public long compulsoryWriteBytes() {
        return ofmapOnChip ? 0 : m() * n() * mapping.groups() * datatype.operandBytes();
    }
}
