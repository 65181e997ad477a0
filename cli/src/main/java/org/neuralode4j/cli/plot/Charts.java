package org.neuralode4j.cli.plot;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.BiFunction;
import javax.imageio.ImageIO;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.neuralode4j.cli.io.AtomicFiles;

/**
 * Headless PNG charts with XChart: line plots, phase portraits, quiver plots of a vector field, and
 * several charts side by side in one image (written atomically).
 */
public final class Charts {
    /** Colour of measured / true data. */
    public static final Color DATA = new Color(0x1f, 0x77, 0xb4);
    /** Colour of model predictions. */
    public static final Color MODEL = new Color(0xd6, 0x27, 0x28);
    /** Colour of a second data channel. */
    public static final Color DATA2 = new Color(0x2c, 0xa0, 0x2c);
    /** Colour of a second model channel. */
    public static final Color MODEL2 = new Color(0xff, 0x7f, 0x0e);

    static {
        System.setProperty("java.awt.headless", "true");
    }

    private Charts() {
    }

    /** An empty chart with a title and axis labels, legend inside the plot. */
    public static XYChart chart(String title, String xLabel, String yLabel, int width, int height) {
        XYChart c = new XYChartBuilder().width(width).height(height).title(title).xAxisTitle(xLabel).yAxisTitle(yLabel).build();
        org.knowm.xchart.style.XYStyler s = c.getStyler();
        s.setLegendPosition(Styler.LegendPosition.InsideNE);
        s.setChartBackgroundColor(Color.WHITE);
        s.setPlotGridLinesVisible(true);
        c.getStyler().setMarkerSize(4);
        s.setXAxisDecimalPattern("#.####");
        return c;
    }

    /** Adds a line series (no markers); {@code dashed} for model curves drawn over data. */
    public static XYSeries line(XYChart c, String name, double[] x, double[] y, Color color, boolean dashed) {
        XYSeries s = c.addSeries(name, x, y);
        s.setMarker(SeriesMarkers.NONE);
        s.setLineColor(color);
        s.setLineStyle(dashed ? SeriesLines.DASH_DASH : SeriesLines.SOLID);
        return s;
    }

    /** Adds a scatter series of small dots. */
    public static XYSeries dots(XYChart c, String name, double[] x, double[] y, Color color) {
        XYSeries s = c.addSeries(name, x, y);
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        s.setMarker(SeriesMarkers.CIRCLE);
        s.setMarkerColor(color);
        return s;
    }

    /**
     * Adds a quiver plot of the field (x, y) → (u, v) on an n×n grid over [x0, x1]×[y0, y1]: one
     * series of arrows (shaft and head, separated by NaN gaps), lengths normalized so the longest
     * arrow spans 90% of a grid cell.
     */
    public static XYSeries quiver(XYChart c, String name, double x0, double x1, double y0, double y1, int n,
                                  BiFunction<Double, Double, double[]> field, Color color) {
        double dx = (x1 - x0) / (n - 1);
        double dy = (y1 - y0) / (n - 1);
        double[][] uv = new double[n * n][];
        double maxLen = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double[] v = field.apply(x0 + i * dx, y0 + j * dy);
                uv[i * n + j] = v;
                maxLen = Math.max(maxLen, Math.hypot(v[0] / dx, v[1] / dy));
            }
        }
        double scale = maxLen > 0 ? 0.9 / maxLen : 0;
        double[] xs = new double[n * n * 6];
        double[] ys = new double[n * n * 6];
        int k = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double px = x0 + i * dx;
                double py = y0 + j * dy;
                double u = uv[i * n + j][0] * scale;
                double v = uv[i * n + j][1] * scale;
                double hx = px + u;
                double hy = py + v;
                // shaft, then the head as two barbs at ±25° of 30% length (in grid-cell units)
                double ang = Math.atan2(v / dy, u / dx);
                double len = 0.3 * Math.hypot(u / dx, v / dy);
                double b1x = hx - len * dx * Math.cos(ang - 0.44);
                double b1y = hy - len * dy * Math.sin(ang - 0.44);
                double b2x = hx - len * dx * Math.cos(ang + 0.44);
                double b2y = hy - len * dy * Math.sin(ang + 0.44);
                double[] px6 = {px, hx, b1x, hx, b2x, Double.NaN};
                double[] py6 = {py, hy, b1y, hy, b2y, Double.NaN};
                System.arraycopy(px6, 0, xs, k, 6);
                System.arraycopy(py6, 0, ys, k, 6);
                k += 6;
            }
        }
        return line(c, name, xs, ys, color, false);
    }

    /** Renders the charts side by side into one PNG of total size (width × height), atomically. */
    public static void writePanels(Path file, List<XYChart> charts, int width, int height) throws IOException {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);
            int w = width / charts.size();
            for (int i = 0; i < charts.size(); i++) {
                Graphics2D sub = (Graphics2D) g.create(i * w, 0, w, height);
                try {
                    charts.get(i).paint(sub, w, height);
                } finally {
                    sub.dispose();
                }
            }
        } finally {
            g.dispose();
        }
        AtomicFiles.write(file, out -> {
            if (!ImageIO.write(img, "png", out)) {
                throw new IOException("no PNG writer available");
            }
        });
    }
}
