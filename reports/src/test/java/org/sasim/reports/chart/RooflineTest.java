package org.sasim.reports.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sasim.reports.Fixtures;
import org.sasim.reports.run.LayerStats;
import org.sasim.reports.run.NetworkRun;
import org.sasim.reports.table.Table;

class RooflineTest {
    @Test
    void roofsAndPointsFollowTheDefinitions() {
        NetworkRun run = Fixtures.run();
        // 32 x 32 PEs, 10 bytes/cycle: ridge at 1024 / 10 = 102.4 MACs/byte.
        assertEquals(102.4, Roofline.ridge(run.accelerator()), 1e-12);
        assertEquals(50.0, Roofline.attainable(run.accelerator(), 5), 0);
        assertEquals(1024.0, Roofline.attainable(run.accelerator(), 1000), 0);

        Table t = Roofline.chart("r", run.accelerator(), run.layers()).data();
        List<Object> series = t.column("series");
        List<Object> labels = t.column("label");
        for (LayerStats l : run.layers().stream().filter(LayerStats::onArray).toList()) {
            int i = labels.indexOf(l.name());
            assertEquals((double) l.macs() / (l.dramReadBytes() + l.dramWriteBytes()), t.rows().get(i).get(2));
            assertEquals((double) l.macs() / l.totalCycles(), t.rows().get(i).get(3));
            assertEquals(l.kind().equals("conv2d") ? "conv layers" : "linear layers", series.get(i));
        }
        // Each roof ends at the ridge: the DRAM roof rises to the compute roof there.
        int dram = labels.lastIndexOf("dram_roof");
        assertEquals(102.4, (double) t.rows().get(dram).get(2), 1e-12);
        assertEquals(1024.0, (double) t.rows().get(dram).get(3), 1e-9);
        // Vector layers have no MACs and no place on the roofline.
        assertEquals(-1, labels.indexOf("relu1"));
    }
}
