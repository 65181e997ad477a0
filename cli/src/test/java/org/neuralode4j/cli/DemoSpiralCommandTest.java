package org.neuralode4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class DemoSpiralCommandTest {
    @TempDir
    Path dir;

    @Test
    void shortRunPrintsTheLossAndDrawsBothPictures() throws IOException {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute("demo", "spiral", "--iterations", "40", "--check-every", "20", "--plot-every", "20",
                "--plot", dir.toString());
        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString()).contains("spiral: 40 iterations (direct gradient, dopri5-shampine)")
                .contains("full-trajectory L1").contains("spiral.png");
        assertThat(err.toString()).contains("iteration 40/40").contains("iteration 20: full-trajectory L1");
        BufferedImage panels = ImageIO.read(dir.resolve("spiral.png").toFile());
        assertThat(panels.getWidth()).isEqualTo(1200);
        assertThat(panels.getHeight()).isEqualTo(400);
        assertThat(ImageIO.read(dir.resolve("loss.png").toFile()).getWidth()).isEqualTo(800);
    }

    @Test
    void badOptionsAreUsageErrors() {
        StringWriter err = new StringWriter();
        CommandLine cl = Main.commandLine();
        cl.setErr(new PrintWriter(err));
        assertThat(cl.execute("demo", "spiral", "--gradient", "sideways")).isEqualTo(2);
        assertThat(err.toString()).contains("sideways").contains("direct, adjoint, checkpointed or recursive");
        assertThat(Main.commandLine().execute("demo")).isEqualTo(2);
        CliRun negative = CliRun.of("demo", "spiral", "--iterations", "-1");
        assertThat(negative.code()).isEqualTo(2);
        assertThat(negative.err()).contains("--iterations -1 must be at least 1");
        CliRun plot = CliRun.of("demo", "spiral", "--plot-every", "-2");
        assertThat(plot.code()).isEqualTo(2);
        assertThat(plot.err()).contains("--plot-every -2 must be at least 0 (0: never)");
    }
}
