package org.neuralode4j.cli.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neuralode4j.cli.UsageException;
import org.neuralode4j.data.TimeSeriesDataset;

class CsvTimeSeriesReaderTest {
    @TempDir
    Path dir;

    private Path csv(String content) throws IOException {
        Path p = dir.resolve("data.csv");
        Files.writeString(p, content);
        return p;
    }

    private TimeSeriesDataset read(String content) throws IOException {
        return CsvTimeSeriesReader.read(csv(content), CsvColumns.defaults());
    }

    @Test
    void readsTrajectoriesInAnyRowOrderWithIrregularTimes() throws IOException {
        TimeSeriesDataset ds = read("""
                trajectory,t,x,y,label
                b,0.5,5,6,q
                a,0.0,1,2,q
                b,0.0,3,4,q
                a,0.3,7,8,q
                a,0.1,9,10,q
                """.replace(",label", "").replace(",q", ""));
        assertThat(ds.size()).isEqualTo(2);
        assertThat(ds.stateNames()).containsExactly("x", "y");
        assertThat(ds.trajectory(0).id()).isEqualTo("b");
        assertThat(ds.trajectory(1).times()).containsExactly(0.0, 0.1, 0.3);
        assertThat(ds.trajectory(1).state(1)).containsExactly(9, 10);
    }

    @Test
    void explicitColumnsAndInputs() throws IOException {
        Path p = csv("time,iL,vC,duty,run\n0,0,0,0.5,1\n1e-6,0.1,0.01,0.5,1\n2e-6,0.2,0.03,0.4,1\n");
        TimeSeriesDataset ds = CsvTimeSeriesReader.read(p, new CsvColumns("time", List.of("vC", "iL"), "run", List.of("duty")));
        assertThat(ds.stateNames()).containsExactly("vC", "iL");
        assertThat(ds.inputNames()).containsExactly("duty");
        assertThat(ds.trajectory(0).state(1)).containsExactly(0.01, 0.1);
        assertThat(ds.trajectory(0).input(2, 0)).isEqualTo(0.4);
    }

    @Test
    void malformedFilesNameFileLineAndColumn() throws IOException {
        assertThatThrownBy(() -> read("")).isInstanceOf(CsvDataException.class).hasMessageContaining("empty");
        assertThatThrownBy(() -> read("0,1,2\n1,2,3\n")).hasMessageContaining(":1").hasMessageContaining("header row");
        assertThatThrownBy(() -> read("t,x\n")).hasMessageContaining("no data rows");
        assertThatThrownBy(() -> read("t,x,y\n0,1,2\n1,2\n")).isInstanceOf(CsvDataException.class)
                .hasMessageContaining("data.csv:3").hasMessageContaining("2 fields").hasMessageContaining("3");
        assertThatThrownBy(() -> read("t,x\n0,1\n1,abc\n")).hasMessageContaining("data.csv:3 (column 'x')")
                .hasMessageContaining("'abc' is not a number");
        assertThatThrownBy(() -> read("t,x\n0,1\n1,NaN\n")).hasMessageContaining(":3 (column 'x')").hasMessageContaining("NaN");
        assertThatThrownBy(() -> read("t,x\n0,1\n1,\n")).hasMessageContaining(":3 (column 'x')").hasMessageContaining("empty");
        assertThatThrownBy(() -> read("t,x\n0,1\n1,2\n0,3\n")).hasMessageContaining("lines 2 and 4")
                .hasMessageContaining("twice");
        assertThatThrownBy(() -> read("trajectory,t,x\na,0,1\na,1,2\nb,0,3\n")).hasMessageContaining(":4")
                .hasMessageContaining("trajectory 'b'").hasMessageContaining("single row");
        assertThatThrownBy(() -> read("t,x,x\n0,1,2\n1,2,3\n")).hasMessageContaining("twice");
    }

    @Test
    void unknownColumnNamesAreUsageErrors() throws IOException {
        Path p = csv("t,x\n0,1\n1,2\n");
        assertThatThrownBy(() -> CsvTimeSeriesReader.read(p, new CsvColumns("time", null, null, List.of())))
                .isInstanceOf(UsageException.class).hasMessageContaining("--time").hasMessageContaining("'time'")
                .hasMessageContaining("[t, x]");
        assertThatThrownBy(() -> CsvTimeSeriesReader.read(p, new CsvColumns("t", List.of("z"), null, List.of())))
                .isInstanceOf(UsageException.class).hasMessageContaining("--state");
        assertThatThrownBy(() -> CsvTimeSeriesReader.read(p, new CsvColumns("t", List.of("x"), null, List.of("x"))))
                .isInstanceOf(UsageException.class).hasMessageContaining("more than one role");
    }

    @Test
    void atomicWriteLeavesNoPartialFileOnFailure() throws IOException {
        Path target = dir.resolve("out.csv");
        Files.writeString(target, "old");
        assertThatThrownBy(() -> AtomicFiles.write(target, out -> {
            out.write("partial".getBytes());
            throw new IOException("disk full");
        })).hasMessageContaining("disk full");
        assertThat(Files.readString(target)).isEqualTo("old");
        try (var files = Files.list(dir)) {
            assertThat(files.map(f -> f.getFileName().toString())).containsExactly("out.csv");
        }
        AtomicFiles.write(target, out -> out.write("new".getBytes()));
        assertThat(Files.readString(target)).isEqualTo("new");
        assertThatThrownBy(() -> AtomicFiles.write(dir.resolve("missing/x.csv"), out -> { }))
                .isInstanceOf(java.nio.file.NoSuchFileException.class);
    }
}
