package org.sasim.reports.chart;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.CategoryItemRenderer;
import org.jfree.chart.renderer.category.LineAndShapeRenderer;
import org.jfree.chart.renderer.category.StackedBarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.data.category.DefaultCategoryDataset;
import org.sasim.reports.table.Column;
import org.sasim.reports.table.Table;

/**
 * Values per category (layers, network variants): stacked bars, grouped bars or lines.
 *
 * @param title          chart title
 * @param categoryAxis   category axis label, e.g. {@code layer}
 * @param valueAxis      value axis label with its unit, e.g. {@code cycles}
 * @param categoryColumn CSV column of the category names, snake_case
 * @param categories     category names in axis order; unique
 * @param series         the series, each with one value per category
 * @param style          how the series are drawn
 */
public record CategoryChart(String title, String categoryAxis, String valueAxis, String categoryColumn,
                            List<String> categories, List<Series> series, CategoryStyle style) implements Chart {

    /** Horizontal pixels per category, so long per-layer charts widen instead of squashing their labels. */
    private static final int PX_PER_CATEGORY = 18;

    public CategoryChart {
        categories = List.copyOf(categories);
        series = List.copyOf(series);
        new Column(categoryColumn, categoryAxis);
        if (series.isEmpty()) {
            throw new IllegalArgumentException("chart '" + title + "' has no series");
        }
        Set<String> seen = new HashSet<>();
        for (String c : categories) {
            if (!seen.add(c)) {
                throw new IllegalArgumentException("chart '" + title + "': duplicate category '" + c + "'");
            }
        }
        for (Series s : series) {
            if (s.values().size() != categories.size()) {
                throw new IllegalArgumentException("chart '" + title + "': series '" + s.legend() + "' has "
                        + s.values().size() + " values for " + categories.size() + " categories");
            }
        }
    }

    @Override
    public Table data() {
        List<Column> cols = new ArrayList<>();
        cols.add(new Column(categoryColumn, categoryAxis));
        for (Series s : series) {
            cols.add(new Column(s.column(), s.legend()));
        }
        Table.Builder b = Table.builder(cols);
        for (int i = 0; i < categories.size(); i++) {
            Object[] row = new Object[series.size() + 1];
            row[0] = categories.get(i);
            for (int j = 0; j < series.size(); j++) {
                row[j + 1] = series.get(j).values().get(i);
            }
            b.row(row);
        }
        return b.build();
    }

    @Override
    public int width() {
        int perCategory = style == CategoryStyle.GROUPED_BAR ? Math.max(PX_PER_CATEGORY, 14 * series.size() + 24)
                : PX_PER_CATEGORY;
        return Math.max(900, 140 + perCategory * categories.size());
    }

    @Override
    public int height() {
        // Rotated layer names need room below the plot.
        return rotatedLabels() ? 600 : 500;
    }

    private boolean rotatedLabels() {
        int longest = categories.stream().mapToInt(String::length).max().orElse(0);
        return categories.size() > 8 || longest * categories.size() > 90;
    }

    @Override
    public JFreeChart toJFreeChart() {
        DefaultCategoryDataset ds = new DefaultCategoryDataset();
        for (Series s : series) {
            for (int i = 0; i < categories.size(); i++) {
                ds.addValue(s.values().get(i), s.legend(), categories.get(i));
            }
        }
        CategoryAxis x = new CategoryAxis(categoryAxis);
        NumberAxis y = new NumberAxis(valueAxis);
        y.setAutoRangeIncludesZero(true);
        // Grouped thousands (130,000,000), never scientific notation (1.3E8), which report readers misread.
        y.setNumberFormatOverride(new java.text.DecimalFormat("#,##0.##"));
        CategoryItemRenderer r = switch (style) {
            case STACKED_BAR -> bars(new StackedBarRenderer());
            case GROUPED_BAR -> bars(new BarRenderer());
            case LINE -> {
                LineAndShapeRenderer l = new LineAndShapeRenderer(true, categories.size() <= 60);
                l.setDefaultStroke(new BasicStroke(2.5f));
                l.setAutoPopulateSeriesStroke(false);
                yield l;
            }
        };
        CategoryPlot plot = new CategoryPlot(ds, x, y, r);
        plot.setOrientation(PlotOrientation.VERTICAL);
        JFreeChart chart = new JFreeChart(title, plot);
        ChartTheme.apply(chart);
        if (rotatedLabels()) {
            x.setCategoryLabelPositions(CategoryLabelPositions.UP_90);
            x.setMaximumCategoryLabelWidthRatio(1.0f);
        }
        x.setTickLabelFont(new Font(ChartTheme.FONT, Font.PLAIN, 12));
        x.setCategoryMargin(style == CategoryStyle.GROUPED_BAR ? 0.25 : 0.15);
        x.setLowerMargin(0.01);
        x.setUpperMargin(0.01);
        plot.setDomainGridlinesVisible(false);
        plot.setRangeGridlinePaint(ChartTheme.GRID);
        plot.setOutlineVisible(false);
        return chart;
    }

    private static BarRenderer bars(BarRenderer r) {
        r.setBarPainter(new StandardBarPainter());
        r.setShadowVisible(false);
        r.setDrawBarOutline(false);
        r.setItemMargin(0.02);
        r.setMaximumBarWidth(0.08);
        r.setDefaultOutlinePaint(Color.WHITE);
        return r;
    }
}
