package org.sasim.workloads.spec;

import java.util.Locale;
import org.sasim.simulator.arch.Accelerator;
import org.sasim.simulator.arch.ArraySpec;
import org.sasim.simulator.arch.Dataflow;
import org.sasim.simulator.arch.Datatype;
import org.sasim.simulator.arch.MemorySpec;
import org.sasim.simulator.arch.VectorUnitSpec;

/** Named starting points for {@code accelerator.preset}; any field can be overridden next to the preset. */
public enum AcceleratorPreset {
    /** SCALE-Sim v2's default: 32x32 output stationary, 64 KiB scratchpads, 1-byte words, 10 bytes/cycle. */
    SCALESIM_32X32_OS("scalesim-32x32-os", Accelerator.scaleSim(32, 32, Dataflow.OUTPUT_STATIONARY)),
    /** As {@link #SCALESIM_32X32_OS}, weight stationary. */
    SCALESIM_32X32_WS("scalesim-32x32-ws", Accelerator.scaleSim(32, 32, Dataflow.WEIGHT_STATIONARY)),
    /** As {@link #SCALESIM_32X32_OS}, input stationary. */
    SCALESIM_32X32_IS("scalesim-32x32-is", Accelerator.scaleSim(32, 32, Dataflow.INPUT_STATIONARY)),
    /**
     * TPU-v1-like: 256x256 weight stationary, int8, 0.7 GHz. Its 24 MiB unified buffer holds input and output
     * activations, so it is split evenly between the IFMAP and OFMAP scratchpads; weights stream from DRAM
     * through a 4-tile weight FIFO (4 x 64 KiB). DRAM: 34 GB/s = 34 / 0.7 bytes per cycle. 256 activation lanes.
     */
    TPU_V1("tpu-v1", new Accelerator("tpu-v1", new ArraySpec(256, 256, Dataflow.WEIGHT_STATIONARY), Datatype.INT8,
            0.7, new MemorySpec(12L << 20, 256L << 10, 12L << 20, 34.0 / 0.7, 0), new VectorUnitSpec(256))),
    /**
     * Eyeriss-like: 12x14 PEs at 0.2 GHz with 16-bit words (bf16 stands in for its 16-bit fixed point). Its
     * 108 KiB global buffer holds input activations and partial sums (split evenly); the filter scratchpad is the
     * sum of the PEs' filter spads (168 x 224 words x 2 bytes = 73.5 KiB, rounded down to 72 KiB). sasim has no
     * row-stationary dataflow; weight stationary is the nearest. DRAM 8 bytes/cycle (a 64-bit interface).
     */
    EYERISS("eyeriss", new Accelerator("eyeriss", new ArraySpec(12, 14, Dataflow.WEIGHT_STATIONARY), Datatype.BF16,
            0.2, new MemorySpec(54L << 10, 72L << 10, 54L << 10, 8, 0), new VectorUnitSpec(14)));

    private final String id;
    private final Accelerator accelerator;

    AcceleratorPreset(String id, Accelerator accelerator) {
        this.id = id;
        this.accelerator = new Accelerator(id, accelerator.array(), accelerator.datatype(), accelerator.clockGHz(),
                accelerator.memory(), accelerator.vector());
    }

    /** The name used in workloads, e.g. {@code tpu-v1}. */
    public String id() {
        return id;
    }

    /** The preset's accelerator. */
    public Accelerator accelerator() {
        return accelerator;
    }

    /** The preset with a given id (case-insensitive), or null. */
    public static AcceleratorPreset byId(String id) {
        for (AcceleratorPreset p : values()) {
            if (p.id.equals(id.toLowerCase(Locale.ROOT))) {
                return p;
            }
        }
        return null;
    }
}
