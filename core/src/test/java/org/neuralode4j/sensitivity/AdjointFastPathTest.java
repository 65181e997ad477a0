package org.neuralode4j.sensitivity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.neuralode4j.nn.Losses;
import org.neuralode4j.nn.Mlp;
import org.neuralode4j.nn.Module;
import org.neuralode4j.nn.ModuleField;
import org.neuralode4j.nn.SpiralOdeFunc;
import org.neuralode4j.ode.ArrayVjpField;
import org.neuralode4j.ode.SolveOptions;
import org.neuralode4j.ode.VectorField;
import org.neuralode4j.tensor.Tensor;
import org.neuralode4j.testing.PlainField;

/**
 * The adjoints' raw-array path ({@link ArrayVjpField}, taken for multilayer perceptrons) gives the
 * gradients of the tensor path it bypasses.
 */
class AdjointFastPathTest {


    private static List<Tensor> gradients(Module model, VectorField field, Gradient method) {
        model.zeroGrad();
        Tensor z0 = Tensor.randn(new SplittableRandom(2), 6, 2).requiresGrad(true);
        double[] times = Tensor.linspace(0, 1.5, 7).toArray();
        SolveOptions o = SolveOptions.builder().rtol(1e-8).atol(1e-10).build();
        GradientSolution sol = Odeint.solve(field, z0, times, o, method);
        Losses.l1(sol.states(), Tensor.zeros(sol.states().shape())).backward();
        List<Tensor> out = new ArrayList<>();
        out.add(z0.grad());
        for (Tensor p : model.parameters()) {
            out.add(p.grad());
        }
        return out;
    }

    @ParameterizedTest
    @EnumSource(value = Gradient.class, names = {"ADJOINT", "CHECKPOINTED_ADJOINT"})
    void rawVjpsGiveTheTensorPathsGradients(Gradient method) {
        List<Module> models = List.of(new SpiralOdeFunc(new SplittableRandom(0)),
                Mlp.builder(2, 2).hidden(16, 16).activation("softplus").seed(3).build());
        for (Module model : models) {
            ModuleField field = new ModuleField(model);
            assertThat(field.hasArrayVjp()).isTrue();
            List<Tensor> fast = gradients(model, field, method);
            List<Tensor> slow = gradients(model, new PlainField(field), method);
            for (int i = 0; i < fast.size(); i++) {
                double[] a = fast.get(i).toArray();
                double[] b = slow.get(i).toArray();
                for (int k = 0; k < a.length; k++) {
                    assertThat(Math.abs(a[k] - b[k])).as("%s gradient %d[%d]", model.getClass().getSimpleName(), i, k)
                            .isLessThanOrEqualTo(1e-12 * Math.max(1, Math.abs(b[k])));
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = Gradient.class, names = {"ADJOINT", "CHECKPOINTED_ADJOINT"})
    void aFrozenParameterFallsBackToTheTensorPath(Gradient method) {
        SpiralOdeFunc model = new SpiralOdeFunc(new SplittableRandom(0));
        Tensor frozen = model.parameters().get(1).requiresGrad(false);
        List<Tensor> fast = gradients(model, new ModuleField(model), method);
        assertThat(fast.get(2)).isNull();
        assertThat(frozen.grad()).isNull();
        assertThat(fast.get(1)).isNotNull();
    }
}
