package org.neuralode4j.cli;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.XYChart;
import org.neuralode4j.cli.plot.Charts;
import org.neuralode4j.data.Trajectory;
import org.neuralode4j.ode.DenseSolution;

/**
 * The picture of a simulation, {@code simulate.png}: the states over time (lines from the dense
 * solution, dots at the written samples, noise included) and, for two-state systems, the phase
 * portrait beside it. With several trajectories the colours stand for the states (phase portrait:
 * for the trajectories) and only the first trajectory's series are named in the legend.
 */
final class SimulatePlot {
    /** The file name written into the plot directory. */
    static final String FILE = "simulate.png";
    /** Width of one panel, in pixels. */
    static final int PANEL_WIDTH = 700;
    /** Height of the image, in pixels. */
    static final int HEIGHT = 500;

    private static final Color[] PALETTE = {
        Charts.DATA, Charts.MODEL, Charts.DATA2, Charts.MODEL2, new Color(0x94, 0x67, 0xbd), new Color(0x8c, 0x56, 0x4b)
    };
    private static final int CURVE_POINTS = 600;
    private static final int MAX_DOTS = 400;

    private SimulatePlot() {
    }

    /**
     * One simulated trajectory: the written samples and the clean continuous solution.
     *
     * @param samples the samples as written (with noise, if any)
     * @param dense the dense solution over the samples' span
     */
    record Curve(Trajectory samples, DenseSolution dense) {
    }

    /**
     * Writes {@code dir/simulate.png}, creating the directory when needed.
     *
     * @param dir the plot directory
     * @param title the chart title (the system's name)
     * @param stateNames the state names
     * @param curves one per trajectory
     * @return the written file
     * @throws IOException when the directory or file cannot be written
     */
    static Path write(Path dir, String title, List<String> stateNames, List<Curve> curves) throws IOException {
        Files.createDirectories(dir);
        int dim = stateNames.size();
        List<XYChart> panels = new ArrayList<>();
        XYChart time = Charts.chart(title + ": states over time", "t", String.join(", ", stateNames), PANEL_WIDTH, HEIGHT);
        XYChart phase = dim == 2
                ? Charts.chart(title + ": phase portrait", stateNames.get(0), stateNames.get(1), PANEL_WIDTH, HEIGHT)
                : null;
        for (int k = 0; k < curves.size(); k++) {
            Curve c = curves.get(k);
            Trajectory s = c.samples();
            // series names must be unique; only the first trajectory's series enter the legend
            String suffix = k == 0 ? "" : " #" + s.id();
            boolean legend = k == 0;
            double[] tt = TimeGrid.linspace(s.time(0), s.time(s.length() - 1), CURVE_POINTS);
            double[][] zz = new double[dim][CURVE_POINTS];
            double[] z = new double[dim];
            for (int i = 0; i < CURVE_POINTS; i++) {
                c.dense().at(tt[i], z);
                for (int j = 0; j < dim; j++) {
                    zz[j][i] = z[j];
                }
            }
            boolean dots = s.length() <= MAX_DOTS;
            double[][] samples = columns(s);
            for (int j = 0; j < dim; j++) {
                Color color = PALETTE[j % PALETTE.length];
                Charts.line(time, stateNames.get(j) + suffix, tt, zz[j], color, false).setShowInLegend(legend);
                if (dots) {
                    Charts.dots(time, stateNames.get(j) + " samples" + suffix, s.times(), samples[j], color)
                            .setShowInLegend(legend);
                }
            }
            if (phase != null) {
                Color color = PALETTE[k % PALETTE.length];
                String name = curves.size() > 1 ? "trajectories" : "trajectory";
                Charts.line(phase, name + suffix, zz[0], zz[1], color, false).setShowInLegend(legend);
                if (dots) {
                    Charts.dots(phase, "samples" + suffix, samples[0], samples[1], color).setShowInLegend(legend);
                }
            }
        }
        panels.add(time);
        if (phase != null) {
            panels.add(phase);
        }
        Path file = dir.resolve(FILE);
        Charts.writePanels(file, panels, PANEL_WIDTH * panels.size(), HEIGHT);
        return file;
    }

    private static double[][] columns(Trajectory s) {
        double[][] out = new double[s.dim()][s.length()];
        for (int i = 0; i < s.length(); i++) {
            for (int j = 0; j < s.dim(); j++) {
                out[j][i] = s.state(i, j);
            }
        }
        return out;
    }
}
