package org.neuralode4j.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neuralode4j.nn.Init;
import org.neuralode4j.nn.Linear;
import org.neuralode4j.nn.Module;
import org.neuralode4j.nn.Sequential;
import org.neuralode4j.nn.Tanh;
import org.neuralode4j.tensor.Tensor;

/** The PyTorch-written spiral model (shared/fixtures/spiral_mlp.safetensors) loads and runs here. */
class SpiralFixtureTest {

    /** torchdiffeq's spiral vector field f(y) = net(y³), net = Linear(2, 50), Tanh, Linear(50, 2). */
    static final class Spiral extends Module {
        final Sequential net = registerModule("net", new Sequential(
                new Linear(2, 50, Init.normal(0.1), new SplittableRandom(0)), new Tanh(),
                new Linear(50, 2, Init.normal(0.1), new SplittableRandom(1))));

        @Override
        public Tensor forward(Tensor y) {
            return net.forward(y.pow(3));
        }
    }

    @Test
    void fixtureLoadsWithItsFourTensorsAndMetadata() throws IOException {
        SafetensorsFile f = Safetensors.read(org.neuralode4j.testing.Fixtures.path("spiral_mlp.safetensors"));
        assertThat(f.tensors().keySet()).containsExactly("net.0.weight", "net.0.bias", "net.2.weight", "net.2.bias");
        assertThat(f.tensor("net.0.weight").shape()).containsExactly(50, 2);
        assertThat(f.tensor("net.0.bias").shape()).containsExactly(50);
        assertThat(f.tensor("net.2.weight").shape()).containsExactly(2, 50);
        assertThat(f.tensor("net.2.bias").shape()).containsExactly(2);
        assertThat(f.dtypes().values()).containsOnly(DType.F64);
        assertThat(f.metadata()).containsEntry("format", "pt").containsKey("model");
    }

    @Test
    void fixtureValuesMatchAnIndependentReadOfTheRawBytes() throws IOException {
        Path path = org.neuralode4j.testing.Fixtures.path("spiral_mlp.safetensors");
        byte[] bytes = Files.readAllBytes(path);
        ByteBuffer bb = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int n = (int) bb.getLong(0);
        @SuppressWarnings("unchecked")
        Map<String, Object> header = (Map<String, Object>) MiniJson.parse(new String(bytes, 8, n, StandardCharsets.UTF_8));
        SafetensorsFile f = Safetensors.read(path);
        for (String name : f.tensors().keySet()) {
            @SuppressWarnings("unchecked")
            Map<String, Object> info = (Map<String, Object>) header.get(name);
            assertThat(info.get("dtype")).isEqualTo("F64");
            List<?> offsets = (List<?>) info.get("data_offsets");
            int begin = (int) (long) (Long) offsets.get(0);
            double[] values = f.tensor(name).toArray();
            assertThat((long) (Long) offsets.get(1) - begin).isEqualTo(8L * values.length);
            for (int i = 0; i < values.length; i++) {
                assertThat(values[i]).isEqualTo(bb.getDouble(8 + n + begin + 8 * i));
            }
        }
    }

    @Test
    void loadsIntoTheSpiralModelAndComputesItsField() throws IOException {
        SafetensorsFile f = Safetensors.read(org.neuralode4j.testing.Fixtures.path("spiral_mlp.safetensors"));
        Spiral model = new Spiral();
        model.loadStateDict(f.tensors());
        double[] w1 = f.tensor("net.0.weight").toArray();
        double[] b1 = f.tensor("net.0.bias").toArray();
        double[] w2 = f.tensor("net.2.weight").toArray();
        double[] b2 = f.tensor("net.2.bias").toArray();
        double[][] z = {{2, 0}, {0.5, -1}};
        Tensor out = model.forward(Tensor.of(z));
        assertThat(out.shape()).containsExactly(2, 2);
        for (int r = 0; r < 2; r++) {
            // plain loops: h = tanh(W1 z³ + b1), f = W2 h + b2, with W [out, in]
            double[] cube = {z[r][0] * z[r][0] * z[r][0], z[r][1] * z[r][1] * z[r][1]};
            double[] h = new double[50];
            for (int j = 0; j < 50; j++) {
                h[j] = Math.tanh(w1[2 * j] * cube[0] + w1[2 * j + 1] * cube[1] + b1[j]);
            }
            for (int o = 0; o < 2; o++) {
                double s = b2[o];
                for (int j = 0; j < 50; j++) {
                    s += w2[50 * o + j] * h[j];
                }
                assertThat(out.get(r, o)).as("f(z)[%d][%d]", r, o).isCloseTo(s, within(1e-14 * Math.max(1, Math.abs(s))));
            }
        }
    }

    @Test
    void modelSavedHereReloadsIdentically(@TempDir Path dir) throws IOException {
        Spiral a = new Spiral();
        a.loadStateDict(Safetensors.read(org.neuralode4j.testing.Fixtures.path("spiral_mlp.safetensors")).tensors());
        Path file = dir.resolve("spiral.safetensors");
        Safetensors.write(file, a.stateDict(), Map.of("model", "spiral"));
        Spiral b = new Spiral();
        b.loadStateDict(Safetensors.read(file).tensors());
        Tensor z = Tensor.of(new double[][] {{2, 0}, {0.5, -1}});
        assertThat(b.forward(z).toArray()).containsExactly(a.forward(z).toArray());
    }
}
