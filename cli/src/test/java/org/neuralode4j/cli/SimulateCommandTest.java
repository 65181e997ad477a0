package org.neuralode4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neuralode4j.cli.io.CsvColumns;
import org.neuralode4j.cli.io.CsvTimeSeriesReader;
import org.neuralode4j.data.TimeSeriesDataset;
import org.neuralode4j.ode.OdeSolver;
import org.neuralode4j.ode.Solution;
import org.neuralode4j.ode.SolveOptions;
import org.neuralode4j.ode.problems.Dynamics;
import org.neuralode4j.ode.problems.Problem;
import org.neuralode4j.ode.problems.Problems;
import org.neuralode4j.tensor.Tensor;
import picocli.CommandLine;

/** {@code neuralode simulate} end to end, in-process. */
class SimulateCommandTest {
    @TempDir
    Path dir;

    /** The header and the rows of a CSV text. */
    private record Csv(List<String> header, List<CSVRecord> rows) {
        double value(int row, String column) {
            return Double.parseDouble(rows.get(row).get(column));
        }
    }

    private static Csv parse(String text) throws IOException {
        CSVFormat f = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get();
        try (CSVParser p = CSVParser.builder().setReader(new StringReader(text)).setFormat(f).get()) {
            return new Csv(p.getHeaderNames(), p.getRecords());
        }
    }

    private static double[] tightSolve(String name, Map<String, Double> params, double[] times) {
        Problem p = Problems.byName(name);
        Dynamics d = p.dynamics(params);
        SolveOptions o = d.configure(SolveOptions.builder().rtol(1e-12).atol(1e-14), times[0], times[times.length - 1])
                .build();
        Solution s = OdeSolver.solve(d.field(), Tensor.of(p.y0()), times, o);
        return s.state(-1).toArray();
    }

    @Test
    void lotkaVolterraToCsv() throws IOException {
        Path csv = dir.resolve("lv.csv");
        CliRun r = CliRun.of("simulate", "lotka-volterra", "--times", "0:10:11", "--rtol", "1e-10", "--atol", "1e-12",
                "--out", csv.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).startsWith("simulate lotka-volterra: 11 times, dopri5: ").contains("evaluations")
                .contains("wrote " + csv);
        Csv c = parse(Files.readString(csv));
        assertThat(c.header()).containsExactly("t", "x", "y");
        assertThat(c.rows()).hasSize(11);
        assertThat(c.rows().get(0).toList()).containsExactly("0.0", "1.0", "1.0");
        double[] expected = tightSolve("lotka-volterra", Map.of(), new double[] {0, 10});
        assertThat(c.value(10, "t")).isEqualTo(10);
        assertThat(c.value(10, "x")).isCloseTo(expected[0], within(1e-8));
        assertThat(c.value(10, "y")).isCloseTo(expected[1], within(1e-8));
    }

    @Test
    void withoutOutTheCsvGoesToStdoutOnTheDefaultGrid() throws IOException {
        CliRun r = CliRun.of("simulate", "van-der-pol", "--param", "mu=2", "--quiet");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.err()).isEmpty();
        Csv c = parse(r.out());
        assertThat(c.header()).containsExactly("t", "x", "v");
        assertThat(c.rows()).hasSize(SimulateCommand.DEFAULT_POINTS);
        assertThat(c.value(0, "x")).isEqualTo(2);
        assertThat(c.value(SimulateCommand.DEFAULT_POINTS - 1, "t")).isEqualTo(20);
        double[] expected = tightSolve("van-der-pol", Map.of("mu", 2.0), new double[] {0, 20});
        assertThat(c.value(SimulateCommand.DEFAULT_POINTS - 1, "x")).isCloseTo(expected[0], within(1e-4));
    }

    @Test
    void irregularTimesAndNoiseAreReproducibleWithASeed() throws IOException {
        String[] args = {"simulate", "lotka-volterra", "--irregular", "30", "--noise", "0.05", "--seed", "11", "--quiet"};
        CliRun a = CliRun.of(args);
        CliRun b = CliRun.of(args);
        assertThat(a.code()).as(a.err()).isZero();
        assertThat(a.out()).isEqualTo(b.out());
        CliRun other = CliRun.of("simulate", "lotka-volterra", "--irregular", "30", "--noise", "0.05", "--seed", "12",
                "--quiet");
        assertThat(other.out()).isNotEqualTo(a.out());

        Csv noisy = parse(a.out());
        assertThat(noisy.rows()).hasSize(30);
        assertThat(noisy.value(0, "t")).isZero();
        for (int i = 1; i < 30; i++) {
            assertThat(noisy.value(i, "t")).isGreaterThan(noisy.value(i - 1, "t")).isLessThan(10);
        }
        // the same seed without noise draws the same times; the difference is the noise alone
        Csv clean = parse(CliRun.of("simulate", "lotka-volterra", "--irregular", "30", "--seed", "11", "--quiet").out());
        double sumSq = 0;
        for (int i = 0; i < 30; i++) {
            assertThat(clean.value(i, "t")).isEqualTo(noisy.value(i, "t"));
            for (String s : List.of("x", "y")) {
                double e = noisy.value(i, s) - clean.value(i, s);
                assertThat(Math.abs(e)).isLessThan(5 * 0.05);
                sumSq += e * e;
            }
        }
        assertThat(Math.sqrt(sumSq / 60)).isBetween(0.03, 0.07);
        assertThat(clean.rows().get(0).toList()).containsExactly("0.0", "1.0", "1.0");
    }

    @Test
    void severalTrajectoriesGetATrajectoryColumnThatTheReaderUnderstands() throws IOException {
        Path csv = dir.resolve("h.csv");
        CliRun r = CliRun.of("simulate", "harmonic", "--trajectories", "3", "--y0-spread", "0.2", "--times", "0:5:6",
                "--seed", "4", "--out", csv.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.err()).contains("3 trajectories x 6 times");
        Csv c = parse(Files.readString(csv));
        assertThat(c.header()).containsExactly("trajectory", "t", "x", "v");
        assertThat(c.rows()).hasSize(18);
        assertThat(c.rows().stream().map(rec -> rec.get("trajectory")).distinct()).containsExactly("0", "1", "2");
        TimeSeriesDataset data = CsvTimeSeriesReader.read(csv, CsvColumns.defaults());
        assertThat(data.size()).isEqualTo(3);
        assertThat(data.stateNames()).containsExactly("x", "v");
        for (int k = 0; k < 3; k++) {
            // x = x0 cos t + v0 sin t: each trajectory follows the exact solution from its own start
            double x0 = data.trajectory(k).state(0, 0);
            double v0 = data.trajectory(k).state(0, 1);
            assertThat(Math.hypot(x0 - 1, v0)).isGreaterThan(0);
            assertThat(data.trajectory(k).state(5, 0)).isCloseTo(x0 * Math.cos(5) + v0 * Math.sin(5), within(1e-5));
        }
    }

    @Test
    void bouncingBallBouncesThroughTheRegistry() throws IOException {
        CliRun r = CliRun.of("simulate", "bouncing-ball", "--times", "0:11.5:47", "--rtol", "1e-10", "--atol", "1e-12");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.err()).contains(", 10 events in ");
        Csv c = parse(r.out());
        for (int i = 0; i < c.rows().size(); i++) {
            assertThat(c.value(i, "h")).isGreaterThan(0.2 - 1e-9);
        }
        // t = 2 (row 8): in flight after the first impact at √2 with v = 0.8 √(2 g (10 − 0.2))
        double t1 = Math.sqrt(2);
        double v1 = 0.8 * 9.8 * t1;
        double dt = 2 - t1;
        assertThat(c.value(8, "t")).isEqualTo(2);
        assertThat(c.value(8, "h")).isCloseTo(0.2 + v1 * dt - 4.9 * dt * dt, within(1e-8));
        assertThat(c.value(8, "v")).isCloseTo(v1 - 9.8 * dt, within(1e-8));
    }

    @Test
    void timesFileGivesTheOutputTimes() throws IOException {
        Path times = dir.resolve("times.csv");
        Files.writeString(times, "# measured\nt,iL\n0,0\n0.0005,1\n0.001,2\n");
        CliRun r = CliRun.of("simulate", "buck", "--times-file", times.toString(), "--rtol", "1e-10", "--atol", "1e-12",
                "--quiet");
        assertThat(r.code()).as(r.err()).isZero();
        Csv c = parse(r.out());
        assertThat(c.rows()).hasSize(3);
        assertThat(c.value(2, "t")).isEqualTo(1e-3);
        assertThat(c.value(2, "iL")).isCloseTo(0.49214777, within(1e-7));
        assertThat(c.value(2, "vC")).isCloseTo(8.02111008, within(1e-7));
    }

    @Test
    void plotWritesADecodablePngOfTheExpectedSize() throws IOException {
        Path plots = dir.resolve("plots");
        CliRun r = CliRun.of("simulate", "spiral", "--plot", plots.toString(), "--out", plots.resolve("s.csv").toString(),
                "--noise", "0.02", "--irregular", "50");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.err()).contains("simulate.png");
        BufferedImage two = ImageIO.read(plots.resolve("simulate.png").toFile());
        assertThat(two.getWidth()).isEqualTo(2 * SimulatePlot.PANEL_WIDTH);
        assertThat(two.getHeight()).isEqualTo(SimulatePlot.HEIGHT);
        assertThat(Files.exists(plots.resolve("s.csv"))).isTrue();

        CliRun lorenz = CliRun.of("simulate", "lorenz", "--t1", "2", "--trajectories", "2", "--y0-spread", "1",
                "--plot", dir.toString(), "--quiet");
        assertThat(lorenz.code()).as(lorenz.err()).isZero();
        BufferedImage one = ImageIO.read(dir.resolve("simulate.png").toFile());
        assertThat(one.getWidth()).isEqualTo(SimulatePlot.PANEL_WIDTH);
        assertThat(one.getHeight()).isEqualTo(SimulatePlot.HEIGHT);
        boolean drawn = false;
        for (int x = 100; x < 600 && !drawn; x += 2) {
            for (int y = 100; y < 400 && !drawn; y += 2) {
                drawn = (one.getRGB(x, y) & 0xffffff) != 0xffffff && (one.getRGB(x, y) & 0xffffff) != 0xf0f0f0;
            }
        }
        assertThat(drawn).isTrue();
    }

    @Test
    void listDescribesEverySystem() {
        CliRun r = CliRun.of("simulate", "--list");
        assertThat(r.code()).isZero();
        for (String name : Problems.names()) {
            assertThat(r.out()).contains("\n" + name + "\n");
        }
        assertThat(r.out()).contains("states: iL, vC").contains("L   = 1e-4 H").contains("fs     = 100000 Hz")
                .contains("mu = 1").contains("reference: Lorenz");
        CliRun one = CliRun.of("simulate", "--list", "buck");
        assertThat(one.out()).contains("\nbuck\n").doesNotContain("lorenz").contains("inputs: d (columns with --inputs)");
    }

    @Test
    void helpShowsTheOptionsAndAnExample() {
        CliRun r = CliRun.of("simulate", "--help");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("Usage: neuralode simulate").contains("--method").contains("--rtol")
                .contains("--atol").contains("--irregular").contains("--verbose").contains("Examples:")
                .contains("neuralode simulate lotka-volterra");
        CliRun top = CliRun.of("--help");
        assertThat(top.out()).contains("simulate").contains("--version");
        assertThat(CliRun.of("--version").code()).isZero();
    }

    @Test
    void pointsSetsTheGridAndStatsPrintsOneJsonLine() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute("simulate", "pendulum", "--t1", "2", "--points", "5", "--stats", "--quiet");
        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString().strip().split("\n")).hasSize(6).startsWith("t,theta,omega");
        String json = err.toString().strip();
        assertThat(json).startsWith("{\"nfe\": ").contains("\"accepted\": ").contains("\"rejected\": ").hasLineCount(1);
        StringWriter err2 = new StringWriter();
        CommandLine cl2 = Main.commandLine();
        cl2.setErr(new PrintWriter(err2));
        assertThat(cl2.execute("simulate", "pendulum", "--points", "5", "--times", "0:1:3")).isEqualTo(2);
        assertThat(err2.toString()).contains("--points");
        assertThat(Main.commandLine().execute("simulate", "buck", "--param", "d_step=0.3,t_step=0.001", "--quiet",
                "--out", dir.resolve("step.csv").toString())).isZero();
    }
}
