package org.neuralode4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neuralode4j.autodiff.Autodiff;
import org.neuralode4j.cli.io.CsvColumns;
import org.neuralode4j.cli.io.CsvTimeSeriesReader;
import org.neuralode4j.data.TimeSeriesDataset;
import org.neuralode4j.model.ModelSpec;
import org.neuralode4j.model.NeuralOde;
import org.neuralode4j.tensor.Tensor;
import picocli.CommandLine;

class PredictCommandTest {
    @TempDir
    Path dir;

    private Path model(int inputs) throws IOException {
        ModelSpec spec = ModelSpec.mlp(2).hidden(8).inputs(inputs).build();
        NeuralOde m = spec.build(new SplittableRandom(3));
        Path f = dir.resolve("m" + inputs + ".safetensors");
        m.save(f, Map.of(TrainingMetadata.STATE_COLUMNS, "x,y", TrainingMetadata.TIME_COLUMN, "t"));
        return f;
    }

    @Test
    void predictsFromAnInitialStateToStdoutAndFile() throws IOException {
        Path m = model(0);
        CliRun r = CliRun.of("predict", "--model", m.toString(), "--z0", "1,0.5", "--times", "0:2:5", "-q");
        assertThat(r.code()).as(r.err()).isZero();
        String[] lines = r.out().strip().split("\n");
        assertThat(lines[0]).isEqualTo("t,x,y");
        assertThat(lines).hasSize(6);
        assertThat(lines[1]).isEqualTo("0.0,1.0,0.5");
        NeuralOde direct = NeuralOde.load(m);
        Tensor expected = Autodiff.noGrad(() -> direct.forward(Tensor.of(new double[][] {{1, 0.5}}),
                new double[] {0, 0.5, 1, 1.5, 2}));
        String[] last = lines[5].split(",");
        assertThat(Double.parseDouble(last[1])).isCloseTo(expected.get(4, 0, 0), within(1e-12));
        Path out = dir.resolve("pred.csv");
        CliRun toFile = CliRun.of("predict", "--model", m.toString(), "--z0", "1,0.5", "--times", "0:2:5", "--out", out.toString());
        assertThat(toFile.code()).isZero();
        assertThat(toFile.err()).contains("predict: 1 trajectory,");
        TimeSeriesDataset back = CsvTimeSeriesReader.read(out, CsvColumns.defaults());
        assertThat(back.trajectory(0).length()).isEqualTo(5);
    }

    @Test
    void predictsEveryTrajectoryOfACsvAtItsOwnTimesWithInputs() throws IOException {
        Path m = model(1);
        Path data = dir.resolve("data.csv");
        Files.writeString(data, "trajectory,t,x,y,u\na,0,1,0,0.5\na,0.3,9,9,0.5\na,1.1,9,9,0.2\nb,0,0,1,0.1\nb,0.7,9,9,0.1\n");
        Path out = dir.resolve("p.csv");
        CliRun r = CliRun.of("predict", "--model", m.toString(), "--data", data.toString(), "--out", out.toString());
        assertThat(r.code()).as(r.err()).isNotEqualTo(0);
        // the model file does not name its input column: training stores it; here we name it via a new model
        Path named = dir.resolve("named.safetensors");
        NeuralOde.load(m).save(named, Map.of(TrainingMetadata.STATE_COLUMNS, "x,y", TrainingMetadata.INPUT_COLUMNS, "u",
                TrainingMetadata.TIME_COLUMN, "t", TrainingMetadata.TRAJECTORY_COLUMN, "trajectory"));
        CliRun ok = CliRun.of("predict", "--model", named.toString(), "--data", data.toString(), "--out", out.toString(), "-q");
        assertThat(ok.code()).as(ok.err()).isZero();
        TimeSeriesDataset pred = CsvTimeSeriesReader.read(out, CsvColumns.defaults());
        assertThat(pred.size()).isEqualTo(2);
        assertThat(pred.trajectory(0).times()).containsExactly(0, 0.3, 1.1);
        assertThat(pred.trajectory(1).times()).containsExactly(0, 0.7);
        assertThat(pred.trajectory(1).state(0)).containsExactly(0, 1);
    }

    @Test
    void mistakesAreOneLineErrors() throws IOException {
        Path driven = model(1);
        CliRun needsData = CliRun.of("predict", "--model", driven.toString(), "--z0", "1,0", "--times", "0:1:3");
        assertThat(needsData.code()).isEqualTo(2);
        assertThat(needsData.err()).contains("input").contains("--data");
        Path plain = model(0);
        CliRun wrongDim = CliRun.of("predict", "--model", plain.toString(), "--z0", "1,0,3", "--times", "0:1:3");
        assertThat(wrongDim.code()).isEqualTo(2);
        assertThat(wrongDim.err()).contains("--z0 has 3 values but the system has 2 states (");
        CliRun missing = CliRun.of("predict", "--model", dir.resolve("none.safetensors").toString(), "--z0", "1,0", "--times", "0:1:3");
        assertThat(missing.code()).isEqualTo(1);
        assertThat(missing.err()).contains("none.safetensors").doesNotContain("Exception");
        CliRun noSource = CliRun.of("predict", "--model", plain.toString());
        assertThat(noSource.code()).isEqualTo(2);
        Path out = dir.resolve("never.csv");
        CliRun bad = CliRun.of("predict", "--model", plain.toString(), "--z0", "1,0", "--times", "0:1:3", "--out",
                dir.resolve("no/such/dir.csv").toString());
        assertThat(bad.code()).isEqualTo(1);
        assertThat(Files.exists(out)).isFalse();
        assertThat(List.of(dir.toFile().list())).noneMatch(n -> n.endsWith(".tmp"));
    }
}
