package org.neuralode4j.cli;

import static org.assertj.core.api.Assertions.assertThat;


import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neuralode4j.cli.io.CsvColumns;
import org.neuralode4j.cli.io.CsvTimeSeriesReader;
import org.neuralode4j.data.TimeSeriesDataset;
import org.neuralode4j.data.Trajectory;
import org.neuralode4j.model.SavedModel;
import picocli.CommandLine;

/**
 * The whole command-line workflow: simulate Lotka–Volterra on [0, 15] at 150 irregular times with
 * noise, train on t ≤ 10 (validating on the rest), then predict the held-out range [10, 11] from the
 * true state at t = 10. The prediction's largest error there must stay below 0.75, while the states
 * move by about 1.9 over that range (holding the state at t = 10 would be off by that much).
 */
class EndToEndTest {
    private static final double BOUND = 0.75;

    @TempDir
    Path dir;

    @Test
    void simulateTrainPredict() throws IOException {
        Path data = dir.resolve("lv.csv");
        CliRun sim = CliRun.of("simulate", "lotka-volterra", "--t1", "15", "--irregular", "150", "--noise", "0.02", "--seed", "1",
                "--out", data.toString(), "--quiet");
        assertThat(sim.code()).as(sim.err()).isZero();

        Path model = dir.resolve("lv.safetensors");
        Path plots = dir.resolve("plots");
        CliRun train = CliRun.of("train", "--data", data.toString(), "--hidden", "32", "--layers", "2", "--iterations", "300",
                "--validate-after", "10", "--lr", "0.01", "--seed", "0", "--out", model.toString(), "--plot",
                plots.toString());
        assertThat(train.code()).as(train.err()).isZero();
        assertThat(train.err()).contains("validation loss").contains("model written to");
        CliRun info = CliRun.of("info", model.toString());
        assertThat(info.out()).contains("model: mlp, dz/dt = MLP(z), layers 2 → 32 → 32 → 2, tanh")
                .contains("trained: on " + data).contains("300 iterations");
        SavedModel saved = SavedModel.read(model);
        assertThat(saved.metadata()).containsEntry(TrainingMetadata.STATE_COLUMNS, "x,y")
                .containsEntry(TrainingMetadata.ITERATIONS, "300");
        BufferedImage png = ImageIO.read(plots.resolve("train.png").toFile());
        assertThat(png.getWidth()).isEqualTo(1200);
        assertThat(png.getHeight()).isEqualTo(400);
        assertThat(ImageIO.read(plots.resolve("loss.png").toFile()).getWidth()).isEqualTo(800);

        Path truth = dir.resolve("truth.csv");
        assertThat(CliRun.of("simulate", "lotka-volterra", "--times", "10:11:11", "--y0", z10(), "--out", truth.toString(),
                "--quiet").code()).isZero();
        Path pred = dir.resolve("pred.csv");
        CliRun predict = CliRun.of("predict", "--model", model.toString(), "--z0", z10(), "--times", "10:11:11", "--out",
                pred.toString(), "--quiet");
        assertThat(predict.code()).as(predict.err()).isZero();

        Trajectory expected = CsvTimeSeriesReader.read(truth, CsvColumns.defaults()).trajectory(0);
        Trajectory got = CsvTimeSeriesReader.read(pred, CsvColumns.defaults()).trajectory(0);
        double worst = 0;
        double drift = 0;
        for (int i = 0; i < expected.length(); i++) {
            assertThat(got.time(i)).isEqualTo(expected.time(i));
            for (int j = 0; j < 2; j++) {
                worst = Math.max(worst, Math.abs(got.state(i, j) - expected.state(i, j)));
                drift = Math.max(drift, Math.abs(expected.state(i, j) - expected.state(0, j)));
            }
        }
        assertThat(drift).as("the held-out range is not trivial").isGreaterThan(2 * BOUND);
        assertThat(worst).as("prediction error on the held-out range [10, 11]").isLessThan(BOUND);
    }

    @Test
    void predictTakesDataWithoutTheTrainingFilesTrajectoryColumnAndNamesMissingColumns() throws IOException {
        Path many = dir.resolve("many.csv");
        assertThat(CliRun.of("simulate", "lotka-volterra", "--trajectories", "3", "--t1", "2", "--out", many.toString(),
                "--quiet").code()).isZero();
        assertThat(Files.readString(many)).startsWith("trajectory,t,x,y");
        Path model = dir.resolve("m.safetensors");
        CliRun train = CliRun.of("train", "--data", many.toString(), "--iterations", "3", "--hidden", "8", "--out",
                model.toString(), "--quiet");
        assertThat(train.code()).as(train.err()).isZero();

        Path one = dir.resolve("one.csv");
        assertThat(CliRun.of("simulate", "lotka-volterra", "--t1", "1", "--out", one.toString(), "--quiet").code()).isZero();
        CliRun single = CliRun.of("predict", "--model", model.toString(), "--data", one.toString());
        assertThat(single.code()).as(single.err()).isZero();
        assertThat(single.out()).startsWith("t,x,y");
        assertThat(single.err()).contains("predict: 1 trajectory,");

        // the three trajectories one after another without their column: say what the model was trained with
        List<String> rows = Files.readAllLines(many);
        StringBuilder merged = new StringBuilder("t,x,y\n");
        for (String row : rows.subList(1, rows.size())) {
            merged.append(row, row.indexOf(',') + 1, row.length()).append('\n');
        }
        Path concatenated = dir.resolve("merged.csv");
        Files.writeString(concatenated, merged);
        CliRun grouped = CliRun.of("predict", "--model", model.toString(), "--data", concatenated.toString());
        assertThat(grouped.code()).isEqualTo(1);
        assertThat(grouped.err()).contains("twice").contains("grouped by a 'trajectory' column");

        // --epochs counts a batch as every window when there are fewer windows than --batch-size
        CliRun epochs = CliRun.of("train", "--data", one.toString(), "--epochs", "2", "--batch-size", "1000", "--hidden",
                "4", "--out", dir.resolve("e.safetensors").toString());
        assertThat(epochs.code()).as(epochs.err()).isZero();
        assertThat(epochs.err()).contains("train: 2 iterations");

        Path other = dir.resolve("other.csv");
        Files.writeString(other, "t,iL,vC\n0,0,0\n1,1,1\n");
        CliRun wrong = CliRun.of("predict", "--model", model.toString(), "--data", other.toString());
        assertThat(wrong.code()).isEqualTo(2);
        assertThat(wrong.err()).contains("lacks [x, y], which the model was trained on (time t, states [x, y])")
                .doesNotContain("Exception");
    }

    @Test
    void aConverterWithItsDutyCycleTrainsAndPredictsADrivenModel() throws IOException {
        Path train = dir.resolve("buck.csv");
        CliRun sim = CliRun.of("simulate", "buck", "--param", "d_step=0.7,t_step=0.0025", "--inputs", "--out",
                train.toString(), "--quiet");
        assertThat(sim.code()).as(sim.err()).isZero();
        List<String> lines = Files.readAllLines(train);
        assertThat(lines.get(0)).isEqualTo("t,iL,vC,d");
        assertThat(lines.get(1)).endsWith(",0.5");
        assertThat(lines.get(lines.size() - 1)).endsWith(",0.7");
        Path model = dir.resolve("buck.safetensors");
        CliRun fit = CliRun.of("train", "--data", train.toString(), "--input", "d", "--iterations", "3", "--hidden", "8",
                "--out", model.toString(), "--quiet");
        assertThat(fit.code()).as(fit.err()).isZero();
        Path other = dir.resolve("buck2.csv");
        assertThat(CliRun.of("simulate", "buck", "--param", "d_step=0.3,t_step=0.002", "--inputs", "--out",
                other.toString(), "--quiet").code()).isZero();
        CliRun predict = CliRun.of("predict", "--model", model.toString(), "--data", other.toString());
        assertThat(predict.code()).as(predict.err()).isZero();
        assertThat(predict.out()).startsWith("t,iL,vC");
        // without --input the duty cycle would be a third state: train says which states it took
        CliRun guess = CliRun.of("train", "--data", train.toString(), "--iterations", "1", "--hidden", "4", "--out",
                dir.resolve("guess.safetensors").toString());
        assertThat(guess.code()).as(guess.err()).isZero();
        assertThat(guess.err()).contains("train: states [iL, vC, d] from ");
        CliRun none = CliRun.of("simulate", "lotka-volterra", "--inputs");
        assertThat(none.code()).isEqualTo(2);
        assertThat(none.err()).contains("--inputs: lotka-volterra has no input signals");
    }

    /** The true (noise-free) Lotka–Volterra state at t = 10. */
    private String z10() throws IOException {
        Path f = dir.resolve("z10.csv");
        assertThat(CliRun.of("simulate", "lotka-volterra", "--times", "0:10:2", "--out", f.toString(), "--quiet").code()).isZero();
        TimeSeriesDataset d = CsvTimeSeriesReader.read(f, CsvColumns.defaults());
        double[] z = d.trajectory(0).state(1);
        return z[0] + "," + z[1];
    }

    @Test
    void trainRefusesBadInputWithOneLineAndLeavesNoFile() throws IOException {
        Path out = dir.resolve("m.safetensors");
        for (String[] bad : List.of(
                new String[] {"t,x\n"},
                new String[] {"0,1\n1,2\n2,3\n"},
                new String[] {"t,x,y\n0,1,2\n1,2\n"},
                new String[] {"t,x\n0,1\n1,oops\n2,3\n"},
                new String[] {"t,x\n0,1\n1,NaN\n2,3\n"},
                new String[] {"t,x\n0,1\n0,2\n2,3\n"},
                new String[] {"trajectory,t,x\na,0,1\na,1,2\nb,0,3\n"})) {
            Path csv = dir.resolve("bad.csv");
            Files.writeString(csv, bad[0]);
            CliRun r = CliRun.of("train", "--data", csv.toString(), "--iterations", "2", "--out", out.toString(), "--quiet");
            assertThat(r.code()).as(bad[0] + " → " + r.err()).isEqualTo(1);
            assertThat(r.err().strip()).as(bad[0]).contains("bad.csv").doesNotContain("Exception").hasLineCount(1);
            assertThat(out).doesNotExist();
        }
        Path good = dir.resolve("good.csv");
        Files.writeString(good, "t,x\n0,1\n1,2\n2,3\n3,4\n");
        CliRun unknownColumn = CliRun.of("train", "--data", good.toString(), "--state", "nope", "--out", out.toString());
        assertThat(unknownColumn.code()).isEqualTo(2);
        assertThat(unknownColumn.err()).contains("--state").contains("nope");
        CliRun unknownOption = CliRun.of("train", "--data", good.toString(), "--frobnicate");
        assertThat(unknownOption.code()).isEqualTo(2);
        for (String[] option : List.of(new String[] {"--hidden", "0", "--hidden 0 must be at least 1"},
                new String[] {"--batch-time", "1", "--batch-time 1 must be at least 2"},
                new String[] {"--augment", "-1", "--augment -1 must be at least 0"},
                new String[] {"--lr", "0", "--lr 0.0 must be a finite learning rate > 0"},
                new String[] {"--validate-every", "0", "--validate-every 0 must be at least 1"},
                new String[] {"--checkpoint-every", "0", "--checkpoint-every 0 must be at least 1"})) {
            CliRun r = CliRun.of("train", "--data", good.toString(), option[0], option[1], "--out", out.toString());
            assertThat(r.code()).as(option[0]).isEqualTo(2);
            assertThat(r.err()).as(option[0]).contains(option[2]);
        }
        CliRun unwritable = CliRun.of("train", "--data", good.toString(), "--batch-time", "2", "--iterations", "1", "--out",
                dir.resolve("missing/m.safetensors").toString(), "--quiet");
        assertThat(unwritable.code()).isEqualTo(2);
        assertThat(unwritable.err()).contains("does not exist");
        assertThat(out).doesNotExist();
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
        }
    }

    @Test
    void trainResumesFromItsCheckpointToTheSameModel() throws IOException {
        Path data = dir.resolve("h.csv");
        assertThat(CliRun.of("simulate", "harmonic", "--trajectories", "3", "--y0-spread", "0.3", "--points", "30",
                "--seed", "2", "--out", data.toString(), "--quiet").code()).isZero();
        Path straight = dir.resolve("straight.safetensors");
        String[] common = {"train", "--data", data.toString(), "--hidden", "8", "--layers", "1", "--batch-size", "4",
            "--gradient", "direct", "--seed", "5", "--quiet"};
        assertThat(CliRun.of(concat(common, "--iterations", "12", "--out", straight.toString())).code()).isZero();
        Path checkpoint = dir.resolve("ckpt.safetensors");
        Path first = dir.resolve("first.safetensors");
        assertThat(CliRun.of(concat(common, "--iterations", "6", "--checkpoint", checkpoint.toString(),
                "--checkpoint-every", "3", "--out", first.toString())).code()).isZero();
        assertThat(checkpoint).exists();
        Path resumed = dir.resolve("resumed.safetensors");
        CliRun r = CliRun.of(concat(common, "--iterations", "12", "--checkpoint", checkpoint.toString(), "--resume",
                "--out", resumed.toString()));
        assertThat(r.code()).as(r.err()).isZero();
        var a = SavedModel.read(straight).model().stateDict();
        var b = SavedModel.read(resumed).model().stateDict();
        for (String name : a.keySet()) {
            assertThat(b.get(name).toArray()).as(name).containsExactly(a.get(name).toArray());
        }
    }

    @Test
    void trainsWithAStiffSolverAndPredictsFromTheSavedModel() throws IOException {
        Path data = dir.resolve("s.csv");
        assertThat(CliRun.of("simulate", "harmonic", "--points", "20", "--out", data.toString(), "--quiet").code())
                .isZero();
        Path model = dir.resolve("stiff.safetensors");
        CliRun train = CliRun.of("train", "--data", data.toString(), "--hidden", "8", "--layers", "1", "--iterations",
                "3", "--method", "rodas5p", "--gradient", "adjoint", "--out", model.toString(), "--quiet");
        assertThat(train.code()).as(train.err()).isZero();
        assertThat(CliRun.of("info", model.toString()).out()).contains("solver: rodas5p, rtol 1e-6, atol 1e-8");
        CliRun predict = CliRun.of("predict", "--model", model.toString(), "--z0", "1,0", "--times", "0:1:3");
        assertThat(predict.code()).as(predict.err()).isZero();
        assertThat(predict.out().lines()).hasSize(4);
        CliRun refused = CliRun.of("train", "--data", data.toString(), "--iterations", "1", "--method", "rodas5p",
                "--gradient", "recursive", "--out", dir.resolve("no.safetensors").toString(), "--quiet");
        assertThat(refused.code()).isEqualTo(1);
        assertThat(refused.err()).contains("use an explicit method").doesNotContain("Exception");
        assertThat(dir.resolve("no.safetensors")).doesNotExist();
    }

    private static String[] concat(String[] head, String... tail) {
        String[] out = java.util.Arrays.copyOf(head, head.length + tail.length);
        System.arraycopy(tail, 0, out, head.length, tail.length);
        return out;
    }
}
