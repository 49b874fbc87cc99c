package org.sasim.workloads.scalesim;

import org.sasim.simulator.arch.Dataflow;

/**
 * A SCALE-Sim v2 configuration file, as values. Word size (1 byte) and batch (1) are fixed by SCALE-Sim.
 *
 * @param runName            {@code [general] run_name}
 * @param arrayHeight        {@code ArrayHeight}: PE rows
 * @param arrayWidth         {@code ArrayWidth}: PE columns
 * @param ifmapSramKiB       {@code IfmapSramSzkB} (SCALE-Sim's kB are 1024 bytes)
 * @param filterSramKiB      {@code FilterSramSzkB}
 * @param ofmapSramKiB       {@code OfmapSramSzkB}
 * @param ifmapOffset        {@code IfmapOffset}: address offset of the IFMAP in SCALE-Sim's traces
 * @param filterOffset       {@code FilterOffset}
 * @param ofmapOffset        {@code OfmapOffset}
 * @param bandwidth          the first value of {@code Bandwidth} (words per cycle; used only in USER mode)
 * @param dataflow           {@code Dataflow}: os, ws or is
 * @param interfaceBandwidth {@code [run_presets] InterfaceBandwidth}
 */
public record ScaleSimConfig(String runName, int arrayHeight, int arrayWidth, long ifmapSramKiB, long filterSramKiB,
                             long ofmapSramKiB, long ifmapOffset, long filterOffset, long ofmapOffset,
                             double bandwidth, Dataflow dataflow, InterfaceBandwidth interfaceBandwidth) {

    /** SCALE-Sim's bandwidth modes. */
    public enum InterfaceBandwidth {
        /** Bandwidth computed so that reads never stall. */
        CALC,
        /** The user's {@code Bandwidth}, with stalls. */
        USER
    }
}
