package io.datainmotion.bench;

import java.util.List;
import java.util.Locale;

/** The two charts of a benchmark run as standalone SVG: horizontal bars and lines over time. */
public final class SvgCharts {

    public record Bar(String label, double value) {}

    public record Point(double x, double y) {}

    public record Series(String name, List<Point> points) {}

    /** An axis from 0 to {@code max} with a tick every {@code step}: a 1, 2 or 5 times a power of ten. */
    record Axis(double step, double max) {
        int ticks() {
            return (int) Math.round(max / step);
        }
    }

    private static final String[] COLORS = {"#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b"};
    private static final int WIDTH = 760;
    private static final int LABEL_WIDTH = 200;
    private static final int MARGIN = 30;
    private static final int BAR_HEIGHT = 28;
    private static final int BAR_GAP = 12;
    private static final int PLOT_HEIGHT = 320;
    private static final int TICKS = 5;

    private SvgCharts() {}

    /** One horizontal bar per entry, longest for the largest value, each labelled with its value. */
    public static String bars(String title, String unit, List<Bar> bars) {
        Axis axis = axis(bars.stream().mapToDouble(Bar::value).max().orElse(0));
        int plotLeft = LABEL_WIDTH;
        int plotWidth = WIDTH - plotLeft - MARGIN - 60;
        int top = MARGIN + 20;
        int axisY = top + bars.size() * (BAR_HEIGHT + BAR_GAP);
        StringBuilder svg = header(WIDTH, axisY + 50, title);
        for (int t = 0; t <= axis.ticks(); t++) {
            double x = plotLeft + plotWidth * t * axis.step() / axis.max();
            svg.append(String.format(Locale.ROOT,
                    "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#ccc\"/>"
                            + "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\" font-size=\"11\">%s</text>%n",
                    x, top - 4, x, axisY, x, axisY + 16, format(t * axis.step())));
        }
        for (int i = 0; i < bars.size(); i++) {
            Bar bar = bars.get(i);
            int y = top + i * (BAR_HEIGHT + BAR_GAP);
            double length = bar.value() / axis.max() * plotWidth;
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>%n",
                    plotLeft - 8, y + BAR_HEIGHT / 2 + 5, escape(bar.label())));
            svg.append(String.format(Locale.ROOT,
                    "<rect class=\"bar\" x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\"/>%n",
                    plotLeft, y, length, BAR_HEIGHT, COLORS[i % COLORS.length]));
            svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\">%s</text>%n",
                    plotLeft + length + 6, y + BAR_HEIGHT / 2 + 5, escape(format(bar.value()))));
        }
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">%s</text>%n",
                plotLeft + plotWidth / 2, axisY + 36, escape(unit)));
        return svg.append("</svg>\n").toString();
    }

    /** One line per series over a shared x axis starting at 0, with a legend. */
    public static String lines(String title, String xLabel, String yLabel, List<Series> series) {
        Axis xAxis = axis(series.stream().flatMap(s -> s.points().stream()).mapToDouble(Point::x).max().orElse(0));
        Axis yAxis = axis(series.stream().flatMap(s -> s.points().stream()).mapToDouble(Point::y).max().orElse(0));
        double xMax = xAxis.max();
        double yMax = yAxis.max();
        int left = 80;
        int top = MARGIN + 20;
        int plotWidth = WIDTH - left - MARGIN;
        int height = top + PLOT_HEIGHT + 60 + 18 * series.size();
        StringBuilder svg = header(WIDTH, height, title);
        for (int t = 0; t <= yAxis.ticks(); t++) {
            double y = top + PLOT_HEIGHT - PLOT_HEIGHT * t * yAxis.step() / yMax;
            svg.append(String.format(Locale.ROOT,
                    "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#ccc\"/>"
                            + "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\" font-size=\"11\">%s</text>%n",
                    left, y, left + plotWidth, y, left - 6, y + 4, format(t * yAxis.step())));
        }
        for (int t = 0; t <= xAxis.ticks(); t++) {
            double x = left + plotWidth * t * xAxis.step() / xMax;
            svg.append(String.format(Locale.ROOT,
                    "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\" font-size=\"11\">%s</text>%n",
                    x, top + PLOT_HEIGHT + 16, format(t * xAxis.step())));
        }
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">%s</text>%n",
                left + plotWidth / 2, top + PLOT_HEIGHT + 36, escape(xLabel)));
        svg.append(String.format(Locale.ROOT,
                "<text x=\"16\" y=\"%d\" text-anchor=\"middle\" transform=\"rotate(-90 16 %d)\">%s</text>%n",
                top + PLOT_HEIGHT / 2, top + PLOT_HEIGHT / 2, escape(yLabel)));
        for (int i = 0; i < series.size(); i++) {
            Series s = series.get(i);
            String color = COLORS[i % COLORS.length];
            StringBuilder points = new StringBuilder();
            for (Point p : s.points()) {
                points.append(String.format(Locale.ROOT, "%.1f,%.1f ",
                        left + p.x() / xMax * plotWidth, top + PLOT_HEIGHT - p.y() / yMax * PLOT_HEIGHT));
            }
            svg.append(String.format(Locale.ROOT,
                    "<polyline class=\"series\" fill=\"none\" stroke=\"%s\" stroke-width=\"1.5\" points=\"%s\"/>%n",
                    color, points.toString().strip()));
            int legendY = top + PLOT_HEIGHT + 56 + 18 * i;
            svg.append(String.format(Locale.ROOT,
                    "<rect x=\"%d\" y=\"%d\" width=\"12\" height=\"12\" fill=\"%s\"/><text x=\"%d\" y=\"%d\">%s</text>%n",
                    left, legendY - 10, color, left + 18, legendY, escape(s.name())));
        }
        return svg.append("</svg>\n").toString();
    }

    /** An axis reaching {@code dataMax} in about {@value #TICKS} steps of 1, 2 or 5 times a power of ten. */
    static Axis axis(double dataMax) {
        if (!(dataMax > 0)) {
            return new Axis(1, 1);
        }
        double rough = dataMax / TICKS;
        double magnitude = Math.pow(10, Math.floor(Math.log10(rough)));
        double normalized = rough / magnitude;
        double step = (normalized <= 1 ? 1 : normalized <= 2 ? 2 : normalized <= 5 ? 5 : 10) * magnitude;
        return new Axis(step, Math.ceil(dataMax / step - 1e-9) * step);
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    /** Whole numbers from 100 up, one decimal below (axis steps like 0.5, latencies like 7.5 ms). */
    static String format(double value) {
        return Math.abs(value) >= 100 || value == Math.rint(value)
                ? String.format(Locale.ROOT, "%,.0f", value)
                : String.format(Locale.ROOT, "%,.1f", value);
    }

    private static StringBuilder header(int width, int height, String title) {
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\""
                        + " font-family=\"sans-serif\" font-size=\"13\">%n", width, height, width, height));
        svg.append(String.format(Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"white\"/>%n", width, height));
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"16\" font-weight=\"bold\">%s</text>%n",
                MARGIN, MARGIN, escape(title)));
        return svg;
    }
}
