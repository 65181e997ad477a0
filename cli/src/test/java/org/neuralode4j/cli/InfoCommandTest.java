package org.neuralode4j.cli;

import static org.assertj.core.api.Assertions.assertThat;


import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neuralode4j.io.Safetensors;
import org.neuralode4j.tensor.Tensor;
import picocli.CommandLine;

class InfoCommandTest {
    @TempDir
    Path dir;

    private static Path fixture() {
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            Path p = d.resolve("fixtures/spiral_mlp.safetensors");
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        throw new IllegalStateException("fixtures/spiral_mlp.safetensors not found");
    }

    @Test
    void listsThePyTorchFixturesTensors() {
        CliRun r = CliRun.of("info", fixture().toString());
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("net.0.weight").contains("[50, 2]").contains("F64").contains("net.2.bias")
                .contains("parameters: 252").contains("format = pt");
    }

    @Test
    void showsMetadata() throws IOException {
        Path f = dir.resolve("m.safetensors");
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("neuralode4j.data", "buck.csv");
        Safetensors.write(f, Map.of("w", Tensor.ones(3)), meta);
        CliRun r = CliRun.of("info", f.toString());
        assertThat(r.out()).contains("neuralode4j.data = buck.csv").contains("parameters: 3");
    }

    @Test
    void missingAndCorruptFilesAreOneLineFailures() throws IOException {
        CliRun missing = CliRun.of("info", dir.resolve("nope.safetensors").toString());
        assertThat(missing.code()).isEqualTo(1);
        assertThat(missing.err()).contains("nope.safetensors").doesNotContain("Exception").hasLineCount(1);
        Path bad = dir.resolve("bad.safetensors");
        Files.write(bad, new byte[] {1, 2, 3});
        CliRun corrupt = CliRun.of("info", bad.toString());
        assertThat(corrupt.code()).isEqualTo(1);
        assertThat(corrupt.err()).contains("bad.safetensors").hasLineCount(1);
        Path csv = dir.resolve("data.csv");
        Files.writeString(csv, "t,x\n0,1\n1,2\n");
        CliRun text = CliRun.of("info", csv.toString());
        assertThat(text.code()).isEqualTo(1);
        assertThat(text.err().strip()).isEqualTo("neuralode: " + csv + ": not a safetensors file: it starts with the text"
                + " 't,x 0,1 ' where the 8-byte header length belongs (a text or CSV file in place of a model?)");
        CliRun usage = CliRun.of("info");
        assertThat(usage.code()).isEqualTo(2);
    }
}
