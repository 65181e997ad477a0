package org.neuralode4j.ode;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.neuralode4j.ode.problems.StiffProblems;
import org.neuralode4j.tensor.Tensor;

/**
 * REFERENCE.md's stiff problems through every stiff method: Robertson to t = 1e11 and Van der Pol
 * with μ = 1000 to t = 2000, within 1e-6 relative of the reference values.
 */
class StiffReferenceTest {

    static double maxRelative(double[] got, double[] want) {
        double m = 0;
        for (int i = 0; i < want.length; i++) {
            m = Math.max(m, Math.abs(got[i] - want[i]) / Math.abs(want[i]));
        }
        return m;
    }

    /**
     * At the typical atol (1e-8, 1e-14, 1e-8) y1(1e11) = 2.1e-8 is only controlled to about 1e-8
     * absolutely (Rodas5P is then 3.6e-5 off relatively); 1e-6 relative on every component needs
     * atol (1e-14, 1e-20, 1e-14), and rtol 1e-10 for y3. The reference itself agrees with Rodas5P and
     * Rodas4 at tighter settings only to about 1e-8 relative in y1 and y2.
     */
    @ParameterizedTest
    @ValueSource(strings = {"rodas5p", "rodas4", "kvaerno5"})
    void robertson(String method) {
        SolveOptions o = SolveOptions.builder().method(method).rtol(1e-10).atol(1e-14, 1e-20, 1e-14).build();
        Solution s = OdeSolver.solve(StiffProblems.robertson(), Tensor.of(StiffProblems.ROBERTSON_Y0),
                new double[] {0, StiffProblems.ROBERTSON_T_END}, o);
        double[] y = s.states().slice(0, 1, 2).toArray();
        double rel = maxRelative(y, StiffProblems.ROBERTSON_AT_T_END);
        System.out.printf(Locale.ROOT, "robertson %s rel %.3g sum-1 %.3g %s%n", method, rel, y[0] + y[1] + y[2] - 1,
                s.stats());
        assertThat(rel).isLessThan(1e-6);
        assertThat(Math.abs(y[0] + y[1] + y[2] - 1)).isLessThan(1e-9);
    }

    @ParameterizedTest
    @ValueSource(strings = {"rodas5p", "rodas4", "kvaerno5"})
    void vanDerPol(String method) {
        SolveOptions o = SolveOptions.builder().method(method).rtol(1e-9).atol(1e-9).build();
        Solution s = OdeSolver.solve(StiffProblems.vanDerPol(), Tensor.of(StiffProblems.VAN_DER_POL_Y0),
                new double[] {0, StiffProblems.VAN_DER_POL_T_END}, o);
        double[] y = s.states().slice(0, 1, 2).toArray();
        double rel = maxRelative(y, StiffProblems.VAN_DER_POL_AT_T_END);
        System.out.printf(Locale.ROOT, "vdp %s rel %.3g %s%n", method, rel, s.stats());
        assertThat(rel).isLessThan(1e-6);
    }
}
