package org.neuralode4j.sensitivity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.neuralode4j.autodiff.Autodiff;
import org.neuralode4j.io.Safetensors;
import org.neuralode4j.nn.ModuleField;
import org.neuralode4j.nn.SpiralOdeFunc;
import org.neuralode4j.ode.OdeSolver;
import org.neuralode4j.ode.SolveOptions;
import org.neuralode4j.tensor.Tensor;
import org.neuralode4j.testing.Fixtures;
import org.neuralode4j.testing.Compare;
import org.neuralode4j.testing.MiniJson;

/**
 * REFERENCE.md's interop fixture, for every gradient method: the PyTorch-trained spiral model loaded
 * from safetensors reproduces torchdiffeq's trajectory to 1e-9 and the loss gradient (computed by
 * PyTorch with backpropagation through the solver) to 1e-6 relative, at tight tolerances.
 */
class SpiralFixtureGradientsTest {
    private static final Tensor A = Tensor.of(new double[][] {{-0.1, 2.0}, {-2.0, -0.1}});

    @ParameterizedTest
    @EnumSource(Gradient.class)
    @SuppressWarnings("unchecked")
    void everyMethodReproducesPyTorchsGradients(Gradient method) throws IOException {
        Map<String, Object> expected = (Map<String, Object>) MiniJson.parse(
                Files.readString(Fixtures.path("spiral_mlp_expected.json")));
        SpiralOdeFunc field = new SpiralOdeFunc(new SplittableRandom(0));
        field.loadStateDict(Safetensors.read(Fixtures.path("spiral_mlp.safetensors")).tensors());
        ModuleField f = new ModuleField(field);

        double[] times = MiniJson.flatten(expected.get("times"));
        Tensor z0 = Tensor.fromArray(MiniJson.flatten(expected.get("z0")), 2, 2).requiresGrad(true);
        SolveOptions options = SolveOptions.builder().rtol(1e-10).atol(1e-12).build();
        GradientSolution pred = Odeint.solve(f, z0, times, options, method,
                AdjointOptions.builder().rtol(1e-11).atol(1e-13).build());
        assertThat(Compare.maxRelative(pred.states().toArray(), MiniJson.flatten(expected.get("trajectory")))).isLessThan(5e-9);
        Tensor target = Autodiff.noGrad(() -> OdeSolver.solve((t, y) -> y.pow(3).matmul(A), z0.detach(), times, options)
                .states());
        Tensor loss = pred.states().sub(target).square().mean();
        assertThat(loss.item()).isCloseTo((Double) expected.get("loss"), within(1e-9));
        loss.backward();

        Map<String, Object> grad = (Map<String, Object>) expected.get("grad");
        assertThat(Compare.maxRelative(z0.grad().toArray(), MiniJson.flatten(grad.get("z0")))).as("dL/dz0").isLessThan(1e-6);
        Map<String, Tensor> params = field.namedParameters();
        for (String name : new String[] {"net.0.weight", "net.0.bias", "net.2.weight", "net.2.bias"}) {
            Tensor p = params.get(name);
            assertThat(Compare.maxRelative(p.grad().toArray(), MiniJson.flatten(grad.get(name)))).as(name).isLessThan(1e-6);
        }
    }
}
