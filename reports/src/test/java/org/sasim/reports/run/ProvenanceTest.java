package org.sasim.reports.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Provenance as written into summary.json. */
class ProvenanceTest {
    @Test
    void provenanceSettingsAndFileAppearInTheSummaryOnlyWhenGiven() {
        Map<String, Object> with = ResultTables.provenance(new Provenance("v", "sha", 1, "w.yaml",
                Map.of("engine", "fast")));
        assertEquals("w.yaml", with.get("workload_file"));
        assertEquals(Map.of("engine", "fast"), with.get("settings"));
        Map<String, Object> without = ResultTables.provenance(new Provenance("v", "sha", 1));
        assertEquals(List.of("sasim_version", "workload_sha256", "seed"), List.copyOf(without.keySet()));
    }
}
