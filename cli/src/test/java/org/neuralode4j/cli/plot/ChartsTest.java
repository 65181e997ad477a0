package org.neuralode4j.cli.plot;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.XYChart;

class ChartsTest {
    @TempDir
    Path dir;

    @Test
    void threePanelsDecodeAtTheRequestedSize() throws IOException {
        double[] t = {0, 1, 2, 3};
        XYChart a = Charts.chart("trajectories", "t", "x, y", 400, 400);
        Charts.line(a, "data x", t, new double[] {0, 1, 0, -1}, Charts.DATA, false);
        Charts.line(a, "model x", t, new double[] {0, 0.9, 0.1, -0.8}, Charts.MODEL, true);
        XYChart b = Charts.chart("phase portrait", "x", "y", 400, 400);
        Charts.dots(b, "data", new double[] {0, 1}, new double[] {1, 0}, Charts.DATA);
        XYChart c = Charts.chart("vector field", "x", "y", 400, 400);
        Charts.quiver(c, "f", -2, 2, -2, 2, 9, (x, y) -> new double[] {-y, x}, Charts.MODEL);
        Path png = dir.resolve("panels.png");
        Charts.writePanels(png, List.of(a, b, c), 1200, 400);
        BufferedImage img = ImageIO.read(png.toFile());
        assertThat(img.getWidth()).isEqualTo(1200);
        assertThat(img.getHeight()).isEqualTo(400);
        // something was drawn in each panel: not every pixel of the panel is white
        for (int p = 0; p < 3; p++) {
            boolean drawn = false;
            for (int x = p * 400 + 50; x < p * 400 + 350 && !drawn; x += 3) {
                for (int y = 50; y < 350 && !drawn; y += 3) {
                    drawn = (img.getRGB(x, y) & 0xffffff) != 0xffffff;
                }
            }
            assertThat(drawn).as("panel %d has content", p).isTrue();
        }
    }
}
