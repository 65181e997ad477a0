package org.neuralode4j.readme;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.neuralode4j.autodiff.Autodiff;
import org.neuralode4j.nn.Losses;
import org.neuralode4j.nn.ModuleField;
import org.neuralode4j.nn.SpiralOdeFunc;
import org.neuralode4j.ode.SolveOptions;
import org.neuralode4j.sensitivity.Gradient;
import org.neuralode4j.sensitivity.GradientSolution;
import org.neuralode4j.sensitivity.Odeint;
import org.neuralode4j.tensor.Tensor;

/**
 * Runs the README's API tour and checks that the README shows exactly this code, so that the tour
 * can never drift from what compiles and works.
 */
class ReadmeTourTest {

    @Test
    void tensorsAndAutodiff() throws IOException {
        // tour:start tensors
        // The spiral network of torchdiffeq's ode_demo: f(y) = tanh(y³ W1 + b1) W2 + b2
        var rng = new SplittableRandom(0);
        Tensor w1 = Tensor.normal(rng, 0, 0.1, 2, 50).requiresGrad(true);
        Tensor b1 = Tensor.zeros(50).requiresGrad(true);
        Tensor w2 = Tensor.normal(rng, 0, 0.1, 50, 2).requiresGrad(true);
        Tensor b2 = Tensor.zeros(2).requiresGrad(true);
        Tensor y = Tensor.of(new double[][] {{2, 0}, {0.5, -1}});           // [batch, dim]
        Tensor dydt = y.pow(3).matmul(w1).add(b1).tanh().matmul(w2).add(b2);

        // Reverse mode: gradients accumulate into the leaves' grad()
        dydt.square().mean().backward();
        Tensor dW1 = w1.grad();                                               // shape [2, 50]

        // Functional vector-Jacobian product (what the adjoint method calls), leaves untouched
        Autodiff.VjpResult r = Autodiff.vjp(
                z -> z[0].pow(3).matmul(w1).add(b1).tanh().matmul(w2).add(b2),
                new Tensor[] {y}, Tensor.ones(2, 2));
        Tensor aTdfdz = r.gradients()[0];                                     // shape [2, 2]
        // tour:end tensors
        assertThat(dW1.shape()).containsExactly(2, 50);
        assertThat(dW1.hasNonFinite()).isFalse();
        assertThat(aTdfdz.shape()).containsExactly(2, 2);
        assertThat(r.output().allClose(dydt.detach(), 0)).isTrue();
        assertReadmeShows("tensors");
    }

    @Test
    void solveAndDifferentiate() throws IOException {
        // tour:start solve
        // A neural ODE: the spiral model solved by dopri5, differentiated by the adjoint method
        var model = new SpiralOdeFunc(new SplittableRandom(0));               // net.0.weight, ...
        Tensor z0 = Tensor.of(new double[][] {{2, 0}, {0.5, -1}});
        double[] times = Tensor.linspace(0, 5, 25).toArray();
        SolveOptions options = SolveOptions.builder().method("dopri5").rtol(1e-7).atol(1e-9).build();
        GradientSolution sol = Odeint.solve(new ModuleField(model), z0, times, options, Gradient.ADJOINT);
        Tensor trajectory = sol.states();                                     // [25, 2, 2]
        Losses.l1(trajectory, Tensor.zeros(25, 2, 2)).backward();            // fills the model's grads
        long backwardEvaluations = sol.backwardStats().functionEvaluations();
        // tour:end solve
        assertThat(trajectory.shape()).containsExactly(25, 2, 2);
        assertThat(model.parameters().get(0).grad()).isNotNull();
        assertThat(backwardEvaluations).isPositive();
        assertReadmeShows("solve");
    }

    private static void assertReadmeShows(String name) throws IOException {
        String source = Files.readString(Path.of("src/test/java/org/neuralode4j/readme/ReadmeTourTest.java"),
                StandardCharsets.UTF_8);
        String start = "// tour:start " + name;
        String tour = source.substring(source.indexOf(start) + start.length(), source.indexOf("// tour:end " + name));
        String dedented = tour.lines().map(l -> l.length() >= 8 ? l.substring(8) : l.strip())
                .collect(Collectors.joining("\n")).strip();
        String readme = Files.readString(Path.of("../README.md"), StandardCharsets.UTF_8);
        assertThat(readme).as("README.md must show the '%s' tour exactly as tested here", name).contains(dedented);
    }
}
