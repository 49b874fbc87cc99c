package org.sasim.workloads.scalesim;

import java.util.ArrayList;
import java.util.List;
import org.sasim.simulator.arch.ArraySpec;
import org.sasim.simulator.compute.FoldSchedule;
import org.sasim.simulator.compute.SramAccesses;
import org.sasim.simulator.compute.TimingConvention;
import org.sasim.simulator.mapping.ScaleSimLayer;

/**
 * Runs a SCALE-Sim topology on the configured array and fills SCALE-Sim's report rows.
 *
 * <p>Exact in the {@code scalesim} convention (CALC mode): total and stall cycles, the three utilization
 * percentages, and the SRAM read/write counts. Not SCALE-Sim's: the start/stop cycles (sasim reports the layer's
 * whole compute window, 0 to total cycles, for every memory) and the DRAM counts, which are sasim's compulsory
 * traffic (every IFMAP and filter word read once, every OFMAP word written once) instead of SCALE-Sim's
 * double-buffered memory simulation; the DRAM bandwidth columns follow from them.
 */
public final class ScaleSimRun {
    private ScaleSimRun() {
    }

    /** One report row per layer, in topology order. */
    public static List<ScaleSimLayerReport> run(ScaleSimConfig config, List<ScaleSimLayer> layers,
                                                TimingConvention convention, Runnable onLayerDone) {
        ArraySpec array = new ArraySpec(config.arrayHeight(), config.arrayWidth(), config.dataflow());
        List<ScaleSimLayerReport> out = new ArrayList<>();
        for (int i = 0; i < layers.size(); i++) {
            ScaleSimLayer l = layers.get(i);
            FoldSchedule s = FoldSchedule.of(l.gemm(), array, convention);
            long cycles = s.cycles();
            SramAccesses sram = s.sram();
            double end = cycles;
            long ifmapWords = (long) l.ifmapH() * l.ifmapW() * l.channels();
            long filterWords = (long) l.filterH() * l.filterW() * l.channels() * l.numFilters();
            long ofmapWords = (long) l.outputH() * l.outputW() * l.numFilters();
            out.add(new ScaleSimLayerReport(i, cycles, 0, 100 * s.utilization(), 100 * s.mappingEfficiency(),
                    100 * s.computeUtilization(),
                    new ScaleSimLayerReport.Access(0, end, sram.ifmapReads()),
                    new ScaleSimLayerReport.Access(0, end, sram.filterReads()),
                    new ScaleSimLayerReport.Access(0, end, sram.ofmapWrites()),
                    new ScaleSimLayerReport.Access(0, end, ifmapWords),
                    new ScaleSimLayerReport.Access(0, end, filterWords),
                    new ScaleSimLayerReport.Access(0, end, ofmapWords)));
            onLayerDone.run();
        }
        return out;
    }
}
