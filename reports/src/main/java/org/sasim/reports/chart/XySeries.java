package org.sasim.reports.chart;

import java.util.List;

/**
 * One series of an {@link XyChart}.
 *
 * @param legend legend text
 * @param style  how it is drawn
 * @param points its points, in drawing order
 */
public record XySeries(String legend, XyStyle style, List<XyPoint> points) {
    public XySeries {
        points = List.copyOf(points);
    }
}
