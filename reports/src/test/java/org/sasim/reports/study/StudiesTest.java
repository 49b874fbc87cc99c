package org.sasim.reports.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import org.junit.jupiter.api.Test;

class StudiesTest {
    @Test
    void namesAreUniqueAndLookedUp() {
        var names = Studies.all().stream().map(Study::name).toList();
        assertEquals(names.size(), new HashSet<>(names).size());
        assertEquals(java.util.List.of("kernel-size", "bottleneck", "fc-vs-gap", "pooling-vs-strided", "sparsity",
                "roofline", "dataflow-array", "dram-stalls"), names);
        for (Study s : Studies.all()) {
            assertEquals(s, Studies.named(s.name()));
            assertTrue(s.name().matches("[a-z]+(-[a-z]+)*") && !s.description().isBlank());
        }
        var e = assertThrows(IllegalArgumentException.class, () -> Studies.named("kernel"));
        assertTrue(e.getMessage().contains("kernel-size"));
    }
}
