package org.neuralode4j.ode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.neuralode4j.ode.tableau.ButcherTableau;
import org.neuralode4j.ode.tableau.ExplicitTableaus;
import org.neuralode4j.tensor.Tensor;

/**
 * The contract every adaptive method meets through the engine, with per-method tolerances in the
 * subclasses (as Hipparchus's abstract integrator tests do): accuracy on REFERENCE.md's non-stiff
 * problems at rtol 1e-3, 1e-6 and 1e-9, agreement with Hipparchus's DOP853, reverse time, a single
 * output time, and exact evaluation counts.
 */
abstract class AdaptiveMethodTestBase {

    /** @return the method's name */
    abstract String method();

    /**
     * The largest allowed max_t |y(t) - exact(t)| / (1 + |exact(t)|) divided by rtol (= atol), over
     * 11 output times (interior ones from dense output).
     */
    abstract double accuracyFactor(double rtol);

    /** @return the rtol at which the method is compared with Hipparchus (DP853 at 1e-13) */
    abstract double agreementRtol();

    /** @return the allowed relative disagreement with Hipparchus at {@link #agreementRtol()} */
    abstract double agreementTolerance();

    /**
     * Exact evaluation count of a solve over [t0, t1] (no interior output times) with
     * {@code accepted} and {@code rejected} steps and an automatic first step: f(t0, z0), the
     * starting-step probe, s - 1 stages per attempted step, and for a method that is not FSAL one
     * f(t1, y1) per accepted step but the last (the next step's first stage).
     */
    long expectedEvaluations(long accepted, long rejected) {
        ButcherTableau t = ExplicitTableaus.byName(method());
        long s = t.stages();
        long count = 2 + (s - 1) * (accepted + rejected);
        if (!t.fsal()) {
            count += accepted - 1;
        }
        return count;
    }

    /**
     * What 199 interior output times (spacing 0.05 on A3 at rtol 1e-6) add to the evaluations: 0
     * for an FSAL method with its own dense output.
     */
    long extraEvaluationsForOutputs(long acceptedSteps) {
        return 0;
    }

    SolveOptions options(double rtol) {
        return SolveOptions.builder().method(method()).rtol(rtol).atol(rtol).maxSteps(2_000_000).build();
    }

    static Stream<Arguments> problemsAndTolerances() {
        List<Arguments> out = new ArrayList<>();
        for (Problems.Problem p : Problems.NON_STIFF) {
            for (double rtol : new double[] {1e-3, 1e-6, 1e-9}) {
                out.add(Arguments.of(p, rtol));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} at rtol {1}")
    @MethodSource("problemsAndTolerances")
    void accurateOnReferenceProblems(Problems.Problem p, double rtol) {
        double[] times = Tensor.linspace(p.t0(), p.t1(), 11).toArray();
        Solution s = OdeSolver.solve(p.f(), p.z0(), times, options(rtol));
        double worst = scaledError(p, times, s.states().toArray());
        assertThat(worst / rtol).as("%s on %s at rtol %g: error / rtol", method(), p.name(), rtol)
                .isLessThanOrEqualTo(accuracyFactor(rtol));
    }

    static double scaledError(Problems.Problem p, double[] times, double[] states) {
        int n = states.length / times.length;
        double worst = 0;
        for (int i = 0; i < times.length; i++) {
            double[] exact = p.exact().apply(times[i]);
            for (int j = 0; j < n; j++) {
                worst = Math.max(worst, Math.abs(states[i * n + j] - exact[j]) / (1 + Math.abs(exact[j])));
            }
        }
        return worst;
    }

    @Test
    void agreesWithHipparchusOnLotkaVolterra() {
        double[] times = Tensor.linspace(0, 10, 21).toArray();
        assertAgreement(Problems.LOTKA_VOLTERRA, new double[] {1, 1}, times);
    }

    @Test
    void agreesWithHipparchusOnLorenz() {
        double[] times = Tensor.linspace(0, 2, 21).toArray();
        assertAgreement(Problems.LORENZ, new double[] {1, 1, 1}, times);
    }

    private void assertAgreement(ArrayVectorField f, double[] y0, double[] times) {
        double[][] ref = HipparchusReference.solve(f, y0, times, 1e-13);
        Solution s = OdeSolver.solve(f, Tensor.of(y0), times, options(agreementRtol()));
        double[] st = s.states().toArray();
        double worst = 0;
        for (int i = 0; i < times.length; i++) {
            for (int j = 0; j < y0.length; j++) {
                worst = Math.max(worst, Math.abs(st[i * y0.length + j] - ref[i][j]) / (1 + Math.abs(ref[i][j])));
            }
        }
        assertThat(worst).as("%s vs Hipparchus DP853", method()).isLessThanOrEqualTo(agreementTolerance());
    }

    @Test
    void reverseTimeSolveReturnsToTheStart() {
        Problems.Problem p = Problems.A3;
        double rtol = 1e-8;
        Solution forward = OdeSolver.solve(p.f(), p.z0(), new double[] {0, 2, 5}, options(rtol));
        Tensor end = forward.state(2);
        Solution backward = OdeSolver.solve(p.f(), end, new double[] {5, 2, 0},
                options(rtol).toBuilder().dense(true).build());
        double[] back = backward.states().toArray();
        assertThat(back[1]).isCloseTo(p.exact().apply(2)[0], within(accuracyFactor(1e-9) * 20 * rtol * 3));
        assertThat(back[2]).isCloseTo(p.z0().item(), within(accuracyFactor(1e-9) * 20 * rtol * 3));
        assertThat(backward.stats().acceptedSteps()).isPositive();
        assertThat(backward.dense().startTime()).isEqualTo(5);
        assertThat(backward.dense().endTime()).isEqualTo(0);
        assertThat(backward.dense().at(2.0).item()).isCloseTo(back[1], within(1e-13));
        assertThat(backward.dense().at(3.7).item())
                .isCloseTo(p.exact().apply(3.7)[0], within(accuracyFactor(1e-9) * 20 * rtol * 3));
    }

    @Test
    void singleOutputTimeReturnsZ0WithoutEvaluations() {
        Tensor z0 = Tensor.of(new double[][] {{1, 2}, {3, 4}});
        Solution s = OdeSolver.solve((t, z) -> z.neg(), z0, new double[] {0.5}, options(1e-6));
        assertThat(s.states().shape()).containsExactly(1, 2, 2);
        assertThat(s.states().toArray()).containsExactly(1, 2, 3, 4);
        assertThat(s.stats()).isEqualTo(Stats.explicit(0, 0, 0));
    }

    @Test
    void evaluationsAreCountedExactly() {
        Problems.Problem p = Problems.A3;
        int[] calls = new int[1];
        VectorField counted = (t, z) -> {
            calls[0]++;
            return p.f().apply(t, z);
        };
        Solution s = OdeSolver.solve(counted, p.z0(), new double[] {0, 10}, options(1e-6));
        Stats st = s.stats();
        assertThat(st.functionEvaluations()).isEqualTo(calls[0]);
        assertThat(st.functionEvaluations())
                .isEqualTo(expectedEvaluations(st.acceptedSteps(), st.rejectedSteps()));
    }

    @Test
    void outputTimesComeFromDenseOutput() {
        Problems.Problem p = Problems.A3;
        Solution ends = OdeSolver.solve(p.f(), p.z0(), new double[] {0, 10}, options(1e-6));
        double[] many = Tensor.linspace(0, 10, 201).toArray();
        int[] calls = new int[1];
        VectorField counted = (t, z) -> {
            calls[0]++;
            return p.f().apply(t, z);
        };
        Solution s = OdeSolver.solve(counted, p.z0(), many, options(1e-6));
        assertThat(s.stats().acceptedSteps()).isEqualTo(ends.stats().acceptedSteps());
        assertThat(s.stats().rejectedSteps()).isEqualTo(ends.stats().rejectedSteps());
        assertThat(s.state(-1).item()).isEqualTo(ends.state(-1).item());
        assertThat(s.stats().functionEvaluations()).isEqualTo(calls[0])
                .isEqualTo(ends.stats().functionEvaluations() + extraEvaluationsForOutputs(s.stats().acceptedSteps()));
    }

    @Test
    void denseSolutionMatchesTheOutputsAndTheField() {
        Problems.Problem p = Problems.HARMONIC;
        double[] times = Tensor.linspace(0, 10, 7).toArray();
        Solution s = OdeSolver.solve(p.f(), p.z0(), times, options(1e-9).toBuilder().dense(true).build());
        DenseSolution d = s.dense();
        assertThat(d.startTime()).isEqualTo(0);
        assertThat(d.endTime()).isEqualTo(10);
        for (int i = 0; i < times.length; i++) {
            assertThat(d.at(times[i]).toArray())
                    .containsExactly(s.state(i).toArray(), within(1e-13));
        }
        for (double t : new double[] {0.1234, 3.3, 7.77, 9.99}) {
            double[] z = d.at(t).toArray();
            double[] dz = d.derivativeAt(t).toArray();
            assertThat(z[0]).isCloseTo(Math.cos(t), within(accuracyFactor(1e-9) * 1e-8));
            assertThat(dz[0]).as("dz/dt at %s", t).isCloseTo(-Math.sin(t), within(1e-4));
        }
    }
}
