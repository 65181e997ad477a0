package org.neuralode4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neuralode4j.sensitivity.Gradient;
import org.neuralode4j.tensor.NarrowMlp;

/**
 * {@link KernelChoice}: the measured crossovers on the spiral, a choice the user made stands, and in a
 * fresh JVM the choice is made before anything initializes NarrowMlp (else it would silently do
 * nothing): the plain kernel's class is loaded for a short run, not for a long one.
 */
class KernelChoiceTest {

    @Test
    void shortRunsTakeThePlainKernelLongOnesTheVectorKernel() {
        // the spiral (batch 20, hidden 50): plain for 200 iterations, vector for 2000, either way about 1000 (DIRECT)
        assertThat(KernelChoice.plainFor(200, 20, 50, Gradient.DIRECT)).isTrue();
        assertThat(KernelChoice.plainFor(999, 20, 50, Gradient.DIRECT)).isTrue();
        assertThat(KernelChoice.plainFor(1000, 20, 50, Gradient.DIRECT)).isFalse();
        assertThat(KernelChoice.plainFor(2000, 20, 50, Gradient.DIRECT)).isFalse();
        // the adjoints' evaluations cost more: the crossover comes at 400 iterations
        assertThat(KernelChoice.plainFor(399, 20, 50, Gradient.ADJOINT)).isTrue();
        assertThat(KernelChoice.plainFor(400, 20, 50, Gradient.ADJOINT)).isFalse();
        // wider batches and layers reach it sooner
        assertThat(KernelChoice.plainFor(200, 256, 128, Gradient.DIRECT)).isFalse();
    }

    @Test
    void aKernelTheUserChoseStands() {
        String before = System.getProperty(NarrowMlp.KERNEL_PROPERTY);
        try {
            System.setProperty(NarrowMlp.KERNEL_PROPERTY, "vector");
            KernelChoice.forTraining(10, 20, 50, Gradient.DIRECT);
            assertThat(System.getProperty(NarrowMlp.KERNEL_PROPERTY)).isEqualTo("vector");
        } finally {
            if (before == null) {
                System.clearProperty(NarrowMlp.KERNEL_PROPERTY);
            } else {
                System.setProperty(NarrowMlp.KERNEL_PROPERTY, before);
            }
        }
    }

    @Test
    void aShortRunInAFreshJvmLoadsThePlainKernel(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("lv.csv");
        assertThat(Main.execute("simulate", "lotka-volterra", "--times", "0:5:51", "--out", csv.toString(), "-q"))
                .isZero();
        String train = run("train", "--data", csv.toString(), "--iterations", "3", "--hidden", "8", "--layers", "1",
                "--activation", "tanh", "--out", dir.resolve("m.safetensors").toString(), "-q");
        assertThat(train).contains("org.neuralode4j.tensor.ScalarNarrowMlp");
        String bench = run("bench", "spiral", "--iterations", "3");
        assertThat(bench).contains("org.neuralode4j.tensor.ScalarNarrowMlp").contains("\"kernel\": \"plain (");
        String longBench = run("bench", "spiral", "--iterations", "1", "--warmup", "2000", "--gradient", "adjoint");
        assertThat(longBench).doesNotContain("org.neuralode4j.tensor.ScalarNarrowMlp")
                .contains("\"kernel\": \"vector (");
    }

    /** The command in a new JVM with the Vector API and class-load logging; its output (stdout and stderr). */
    private static String run(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-modules", "jdk.incubator.vector", "-Xlog:class+load=info", "-cp",
                System.getProperty("java.class.path"), Main.class.getName()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(out.length() > 2000 ? out.substring(out.length() - 2000) : out).isZero();
        return out;
    }
}
