package org.neuralode4j.ode.problems;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.neuralode4j.ode.OdeSolver;
import org.neuralode4j.ode.Solution;
import org.neuralode4j.ode.SolveOptions;
import org.neuralode4j.tensor.Tensor;

/** The registry, parameter resolution and the consistency of every problem's definition. */
class ProblemsTest {

    @Test
    void registryHoldsTheReferenceSystemsInOrder() {
        assertThat(Problems.names()).containsExactly("exp-decay", "lotka-volterra", "van-der-pol", "lorenz", "spiral",
                "pendulum", "harmonic", "bouncing-ball", "buck", "buck-switched", "boost", "robertson", "buck-parasitic");
        assertThat(Problems.byName("  Lotka-Volterra ")).isSameAs(Problems.byName("lotka-volterra"));
        assertThat(Problems.all()).extracting(Problem::name).containsExactlyElementsOf(Problems.names());
    }

    @Test
    void unknownNameListsTheValidOnes() {
        assertThatThrownBy(() -> Problems.byName("lorentz"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown system 'lorentz'")
                .hasMessageContaining("lorenz, spiral");
        assertThatThrownBy(() -> Problems.byName(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void everyProblemIsCompleteAndItsFieldIsFiniteAtY0() {
        for (Problem p : Problems.all()) {
            assertThat(p.description()).as(p.name()).isNotBlank();
            assertThat(p.reference()).as(p.name()).isNotBlank();
            assertThat(p.y0()).as(p.name()).hasSize(p.dim());
            assertThat(p.t1()).as(p.name()).isGreaterThan(p.t0());
            double[] dz = new double[p.dim()];
            p.dynamics().field().evaluate(p.t0(), p.y0(), dz);
            for (double v : dz) {
                assertThat(Double.isFinite(v)).as(p.name()).isTrue();
            }
            assertThat(p.values(Map.of()).asMap().keySet()).as(p.name())
                    .containsExactlyElementsOf(p.parameters().stream().map(Parameter::name).toList());
        }
    }

    @Test
    void overridesReplaceDefaultsAndAreChecked() {
        Problem buck = Problems.byName("buck");
        ParameterValues v = buck.values(Map.of("d", 0.25, "R", 10.0));
        assertThat(v.asMap()).containsExactly(Map.entry("Vin", 12.0), Map.entry("d", 0.25), Map.entry("L", 100e-6),
                Map.entry("C", 100e-6), Map.entry("R", 10.0), Map.entry("d_step", -1.0), Map.entry("t_step", 0.0));
        assertThatThrownBy(() -> buck.values(Map.of("Rload", 1.0)))
                .hasMessage("unknown parameter 'Rload' for buck; its parameters: Vin, d, L, C, R, d_step, t_step");
        assertThatThrownBy(() -> buck.values(Map.of("L", -1e-6)))
                .hasMessageContaining("parameter L = -1.0E-6 is invalid: inductance must be positive");
        assertThatThrownBy(() -> buck.values(Map.of("d", 1.5))).hasMessageContaining("must be in [0, 1]");
        assertThatThrownBy(() -> buck.values(Map.of("Vin", Double.NaN))).hasMessageContaining("must be finite");
        assertThatThrownBy(() -> Problems.byName("spiral").values(Map.of("a", 1.0)))
                .hasMessageContaining("it has no parameters");
        assertThatThrownBy(() -> v.get("fs")).hasMessageContaining("has no parameter 'fs'");
    }

    @Test
    void harmonicAndExpDecayMatchTheirExactSolutions() {
        SolveOptions tight = SolveOptions.builder().rtol(1e-11).atol(1e-12).build();
        Problem h = Problems.byName("harmonic");
        Solution s = OdeSolver.solve(h.dynamics(Map.of("omega", 2.0)).field(), Tensor.of(h.y0()),
                new double[] {0, 1, 2.5}, tight);
        assertThat(s.state(2).get(0)).isCloseTo(Math.cos(5), within(1e-9));
        assertThat(s.state(2).get(1)).isCloseTo(-2 * Math.sin(5), within(1e-9));
        Problem e = Problems.byName("exp-decay");
        Solution d = OdeSolver.solve(e.dynamics(Map.of("k", 0.5)).field(), Tensor.of(e.y0()),
                new double[] {0, e.t1()}, tight);
        assertThat(d.state(1).item()).isCloseTo(Math.exp(-2.5), within(1e-11));
    }

    @Test
    void robertsonConservesTotalMass() {
        Problem p = Problems.byName("robertson");
        Solution s = OdeSolver.solve(p.dynamics().field(), Tensor.of(p.y0()), new double[] {0, 0.01, 0.3},
                SolveOptions.builder().rtol(1e-8).atol(1e-8, 1e-14, 1e-8).build());
        for (int i = 0; i < 3; i++) {
            double[] y = s.state(i).toArray();
            assertThat(y[0] + y[1] + y[2]).isCloseTo(1, within(1e-13));
        }
        assertThat(s.state(2).get(1)).isBetween(1e-5, 5e-5); // y2 on its quasi-steady plateau
    }
}
