package org.neuralode4j.sensitivity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.neuralode4j.ode.SolveOptions;
import org.neuralode4j.ode.VectorField;
import org.neuralode4j.ode.tableau.ButcherTableau;
import org.neuralode4j.ode.tableau.CashKarp;
import org.neuralode4j.tensor.Tensor;

/**
 * The automatic backward method inside the adjoint passes: Cash–Karp replaces a fifth-order FSAL
 * pair, whose every landing on an output time (where the adjoint jumps by ∂L/∂z(t_i)) costs a
 * restart; gradients stay those of DIRECT; a tableau the user built runs backwards as it is.
 *
 * <p>The problem: z' = k · z A with A = [[-0.1, 2], [-2, -0.1]] (the spiral's matrix, here linear),
 * k = 1 trainable, z(0) = (2, 0), ten outputs 0.01 apart, loss Σ z(t_i)².
 */
class AutomaticBackwardPairTest {
    private static final Tensor A = Tensor.of(new double[][] {{-0.1, 2}, {-2, -0.1}});
    private static final double[] TIMES = {0, 0.01, 0.02, 0.03, 0.04, 0.05, 0.06, 0.07, 0.08, 0.09};

    private record Run(double[] gradient, long backwardEvaluations) {
    }

    private static Run run(SolveOptions forward, Gradient gradient, AdjointOptions adjoint) {
        Tensor k = Tensor.scalar(1.0).requiresGrad(true);
        VectorField f = VectorField.withParameters(List.of(k), (t, z) -> z.matmul(A).mul(k));
        Tensor z0 = Tensor.of(new double[][] {{2, 0}}).requiresGrad(true);
        GradientSolution sol = Odeint.solve(f, z0, TIMES, forward, gradient, adjoint);
        sol.states().square().sum().backward();
        double[] g = z0.grad().toArray();
        long evaluations = gradient == Gradient.DIRECT ? 0 : sol.backwardStats().functionEvaluations();
        return new Run(new double[] {g[0], g[1], k.grad().item()}, evaluations);
    }

    private static SolveOptions forward(String method, double rtol) {
        return SolveOptions.builder().method(method).rtol(rtol).atol(rtol * 1e-2).build();
    }

    @Test
    void oneStepPerIntervalCostsSixEvaluationsInsteadOfSeven() {
        // ADJOINT: 9 intervals of one step each (the first step is the forward's average step, clipped
        // to the interval: no initial-step estimate); the FSAL pair pays a restart after each of the
        // 8 interior jumps and its first stage
        long automatic = run(forward("dopri5", 1e-4), Gradient.ADJOINT, AdjointOptions.defaults())
                .backwardEvaluations();
        long dopri5 = run(forward("dopri5", 1e-4), Gradient.ADJOINT, AdjointOptions.builder().method("dopri5").build())
                .backwardEvaluations();
        assertThat(automatic).isEqualTo(9 * 6);
        assertThat(dopri5).isEqualTo(9 * 6 + 8 + 1);
        // CHECKPOINTED_ADJOINT counts its recomputation of z too (the same for both): the same 9 apart
        long checkpointed = run(forward("dopri5", 1e-4), Gradient.CHECKPOINTED_ADJOINT, AdjointOptions.defaults())
                .backwardEvaluations();
        long checkpointedDopri5 = run(forward("dopri5", 1e-4), Gradient.CHECKPOINTED_ADJOINT,
                AdjointOptions.builder().method("dopri5").build()).backwardEvaluations();
        assertThat(checkpointedDopri5 - checkpointed).isEqualTo(9);
    }

    @Test
    void everyFifthOrderFsalForwardPairGivesDirectsGradient() {
        for (String method : new String[] {"dopri5", "dopri5-shampine", "tsit5"}) {
            double[] direct = run(forward(method, 1e-12), Gradient.DIRECT, null).gradient();
            for (Gradient g : new Gradient[] {Gradient.ADJOINT, Gradient.CHECKPOINTED_ADJOINT}) {
                double[] adjoint = run(forward(method, 1e-12), g, AdjointOptions.defaults()).gradient();
                assertClose(adjoint, direct, method + " " + g);
            }
        }
    }

    @Test
    void aTableauTheUserBuiltRunsBackwardsAsItIs() {
        ButcherTableau own = copy("my-cash-karp", CashKarp.TABLEAU);
        SolveOptions forward = SolveOptions.builder().method(own).rtol(1e-12).atol(1e-14).build();
        double[] direct = run(forward, Gradient.DIRECT, null).gradient();
        double[] adjoint = run(forward, Gradient.ADJOINT, AdjointOptions.defaults()).gradient();
        assertClose(adjoint, direct, "my-cash-karp");
        AdjointOptions defaults = AdjointOptions.defaults();
        SolveOptions backward = defaults.backwardOptions(forward);
        assertThat(defaults.backwardBuilder(backward, forward, 10, 9).build().method()).isSameAs(own);
    }

    /** Agreement to 1e-9 of the largest entry (one entry of the z0 gradient is zero: the rotation keeps |z|). */
    private static void assertClose(double[] actual, double[] expected, String what) {
        double scale = 0;
        for (double e : expected) {
            scale = Math.max(scale, Math.abs(e));
        }
        for (int i = 0; i < expected.length; i++) {
            assertThat(actual[i]).as("%s entry %d", what, i).isCloseTo(expected[i], within(1e-9 * scale));
        }
    }

    /** The same coefficients under another name: a tableau not in the registry. */
    static ButcherTableau copy(String name, ButcherTableau t) {
        ButcherTableau.Builder b = ButcherTableau.builder(name).order(t.order()).c(t.c()).a(t.a()).b(t.b())
                .errorWeights(t.embeddedOrder(), t.errorWeights());
        if (t.fsal()) {
            b.fsal();
        }
        return b.build();
    }
}
