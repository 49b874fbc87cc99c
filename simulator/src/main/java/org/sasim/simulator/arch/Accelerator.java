package org.sasim.simulator.arch;

/**
 * The architecture specification (what hardware), kept apart from the workload (what to compute) and the mapping
 * (how one goes onto the other).
 *
 * @param name     a label for reports, e.g. {@code scalesim-32x32-os}
 * @param array    the systolic array
 * @param datatype the datapath number format
 * @param clockGHz clock frequency (GHz), used to convert cycles to seconds and bytes/cycle to GB/s
 * @param memory   scratchpads and DRAM
 * @param vector   the vector unit
 */
public record Accelerator(String name, ArraySpec array, Datatype datatype, double clockGHz, MemorySpec memory,
                          VectorUnitSpec vector) {
    public Accelerator {
        if (array == null || datatype == null || memory == null || vector == null) {
            throw new IllegalArgumentException("accelerator needs array, datatype, memory and vector unit");
        }
        if (!(clockGHz > 0)) {
            throw new IllegalArgumentException("clock must be positive, got " + clockGHz + " GHz");
        }
    }

    /** SCALE-Sim v2's default configuration: 32x32, the given dataflow, 64 kB scratchpads, 1-byte words. */
    public static Accelerator scaleSim(int rows, int cols, Dataflow dataflow) {
        return new Accelerator("scalesim-" + rows + "x" + cols + "-" + dataflow, new ArraySpec(rows, cols, dataflow),
                Datatype.INT8, 1.0, MemorySpec.scaleSimDefault(), new VectorUnitSpec(cols));
    }

    public Accelerator withArray(ArraySpec a) {
        return new Accelerator(name, a, datatype, clockGHz, memory, vector);
    }

    public Accelerator withDatatype(Datatype d) {
        return new Accelerator(name, array, d, clockGHz, memory, vector);
    }

    public Accelerator withMemory(MemorySpec m) {
        return new Accelerator(name, array, datatype, clockGHz, m, vector);
    }
}
