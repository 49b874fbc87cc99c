package org.sasim.reports.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sasim.reports.CsvRead;

class CsvFormatTest {
    private static final List<Column> COLS = List.of(new Column("layer", "name"), new Column("cycles", "c"),
            new Column("utilization_pct", "u"));

    @Test
    void quotesOnlyWhatNeedsQuotingAndRoundTrips() {
        Table t = Table.builder(COLS).row("a,b", 12L, 0.1).row("say \"hi\"", 3, 2.0).row("plain", 0L, 1e-17)
                .build();
        String csv = CsvFormat.format(t);
        assertEquals("layer,cycles,utilization_pct\n\"a,b\",12,0.1\n\"say \"\"hi\"\"\",3,2\nplain,0,1.0E-17\n", csv);
        List<List<String>> back = CsvRead.parse(csv);
        assertEquals(List.of("a,b", "say \"hi\"", "plain"), CsvRead.column(back, "layer"));
        assertEquals(1e-17, Double.parseDouble(CsvRead.column(back, "utilization_pct").get(2)));
    }

    @Test
    void rejectsRaggedRowsAndNonSnakeNames() {
        assertThrows(IllegalArgumentException.class, () -> Table.builder(COLS).row("x", 1L).build());
        assertThrows(IllegalArgumentException.class, () -> new Column("Compute Cycles", "x"));
    }
}
