package org.sasim.reports.study;

import java.nio.file.Path;
import java.util.List;
import org.sasim.reports.chart.ChartFiles;

/**
 * What a study wrote.
 *
 * @param study   study name
 * @param charts  the charts, the headline chart first
 * @param summary the {@code summary.md} file
 */
public record StudyResult(String study, List<ChartFiles> charts, Path summary) {
    public StudyResult {
        charts = List.copyOf(charts);
        if (charts.isEmpty()) {
            throw new IllegalArgumentException("study '" + study + "' wrote no chart");
        }
    }

    /** The chart that best shows the conclusion (used for the README figures). */
    public ChartFiles headline() {
        return charts.get(0);
    }
}
