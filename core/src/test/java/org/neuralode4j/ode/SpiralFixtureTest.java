package org.neuralode4j.ode;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.neuralode4j.autodiff.Autodiff;
import org.neuralode4j.tensor.Tensor;
import org.neuralode4j.testing.Compare;
import org.neuralode4j.testing.MiniJson;

/**
 * REFERENCE.md's interop fixture: the ode_demo MLP after 300 training iterations, its trajectory
 * from z0 = [[2, 0], [0.5, -1]] at linspace(0, 5, 25) with dopri5 at rtol 1e-10, atol 1e-12, the
 * MSE loss against the true spiral, and the loss's gradients with respect to z0 and every parameter,
 * all computed by PyTorch + torchdiffeq in float64 with backpropagation through the solver.
 * REFERENCE.md expects about 1e-9 on the trajectory and 1e-6 relative on the gradients. Direct
 * backpropagation through this solver, with its own step sequence, agrees to about 1e-9 of the
 * largest value on both (5e-9 and 1e-7 are asserted).
 *
 * <p>The fixture files are read from the repository's {@code fixtures/} directory.
 */
class SpiralFixtureTest {
    private static final Tensor A = Tensor.of(new double[][] {{-0.1, 2.0}, {-2.0, -0.1}});

    private static Path fixtures() {
        return org.neuralode4j.testing.Fixtures.path("spiral_mlp_expected.json").getParent();
    }

    /** Reads every F64 tensor of a safetensors file (8-byte little-endian header size, JSON header, data). */
    @SuppressWarnings("unchecked")
    private static Map<String, Tensor> safetensors(Path file) throws IOException {
        ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        int headerSize = (int) bytes.getLong(0);
        String header = new String(bytes.array(), 8, headerSize, StandardCharsets.UTF_8);
        Map<String, Object> entries = (Map<String, Object>) MiniJson.parse(header);
        Map<String, Tensor> out = new java.util.HashMap<>();
        for (Map.Entry<String, Object> e : entries.entrySet()) {
            if (e.getKey().equals("__metadata__")) {
                continue;
            }
            Map<String, Object> info = (Map<String, Object>) e.getValue();
            assertThat(info.get("dtype")).isEqualTo("F64");
            double[] shapeD = MiniJson.flatten(info.get("shape"));
            int[] shape = new int[shapeD.length];
            for (int k = 0; k < shape.length; k++) {
                shape[k] = (int) shapeD[k];
            }
            double[] offsets = MiniJson.flatten(info.get("data_offsets"));
            int start = 8 + headerSize + (int) offsets[0];
            double[] data = new double[((int) offsets[1] - (int) offsets[0]) / 8];
            for (int k = 0; k < data.length; k++) {
                data[k] = bytes.getDouble(start + 8 * k);
            }
            out.put(e.getKey(), Tensor.fromArray(data, shape));
        }
        return out;
    }

    @Test
    @SuppressWarnings("unchecked")
    void trajectoryLossAndGradientsMatchPyTorch() throws IOException {
        Path dir = fixtures();
        Map<String, Object> expected = (Map<String, Object>) MiniJson.parse(
                Files.readString(dir.resolve("spiral_mlp_expected.json")));
        Map<String, Tensor> params = safetensors(dir.resolve("spiral_mlp.safetensors"));
        Tensor w0 = params.get("net.0.weight").requiresGrad(true);
        Tensor b0 = params.get("net.0.bias").requiresGrad(true);
        Tensor w2 = params.get("net.2.weight").requiresGrad(true);
        Tensor b2 = params.get("net.2.bias").requiresGrad(true);
        double[] times = MiniJson.flatten(expected.get("times"));
        Tensor z0 = Tensor.fromArray(MiniJson.flatten(expected.get("z0")), 2, 2).requiresGrad(true);
        SolveOptions options = SolveOptions.builder().method("dopri5").rtol(1e-10).atol(1e-12).build();

        VectorField model = (t, y) -> y.pow(3).matmul(w0.mT()).add(b0).tanh().matmul(w2.mT()).add(b2);
        Solution pred = OdeSolver.solve(model, z0, times, options);
        Tensor target = Autodiff.noGrad(() -> OdeSolver.solve((t, y) -> y.pow(3).matmul(A), z0.detach(), times, options)
                .states());
        assertThat(Compare.maxRelative(pred.states().toArray(), MiniJson.flatten(expected.get("trajectory")))).isLessThan(5e-9);
        assertThat(Compare.maxRelative(target.toArray(), MiniJson.flatten(expected.get("target")))).isLessThan(5e-9);

        Tensor loss = pred.states().sub(target).square().mean();
        assertThat(loss.item()).isCloseTo((Double) expected.get("loss"),
                org.assertj.core.api.Assertions.within(1e-9));
        loss.backward();
        Map<String, Object> grad = (Map<String, Object>) expected.get("grad");
        assertThat(Compare.maxRelative(z0.grad().toArray(), MiniJson.flatten(grad.get("z0")))).as("dL/dz0").isLessThan(1e-7);
        assertThat(Compare.maxRelative(w0.grad().toArray(), MiniJson.flatten(grad.get("net.0.weight")))).isLessThan(1e-7);
        assertThat(Compare.maxRelative(b0.grad().toArray(), MiniJson.flatten(grad.get("net.0.bias")))).isLessThan(1e-7);
        assertThat(Compare.maxRelative(w2.grad().toArray(), MiniJson.flatten(grad.get("net.2.weight")))).isLessThan(1e-7);
        assertThat(Compare.maxRelative(b2.grad().toArray(), MiniJson.flatten(grad.get("net.2.bias")))).isLessThan(1e-7);
    }
}
