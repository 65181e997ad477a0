package org.neuralode4j.ode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.neuralode4j.tensor.Tensor;

/** Controllers, the starting step, step limits, landing on step and jump times, norms. */
class StepControlTest {

    @Test
    void piControllerFollowsHairer() {
        PIController pi = PIController.hairer();
        double alpha = 1.0 / 5 - 0.75 * 0.04;
        assertThat(pi.acceptedFactor(0.5, 1.0, 5, false)).isCloseTo(0.9 * Math.pow(0.5, -alpha), within(1e-15));
        assertThat(pi.acceptedFactor(0.1, 0.1, 5, false))
                .isCloseTo(0.9 * Math.pow(0.1, -alpha) * Math.pow(0.1, 0.04), within(1e-15));
        assertThat(pi.acceptedFactor(1e-30, 1e-4, 5, false)).isEqualTo(10);
        assertThat(pi.acceptedFactor(0, 1e-4, 5, false)).isEqualTo(10);
        assertThat(pi.acceptedFactor(0.99, 1e-4, 5, false)).as("accepted steps never shrink").isEqualTo(1);
        assertThat(pi.acceptedFactor(1e-3, 1e-4, 5, true)).as("no growth right after a rejection").isEqualTo(1);
        assertThat(pi.rejectedFactor(2, 5)).isCloseTo(0.9 * Math.pow(2, -alpha), within(1e-15));
        assertThat(pi.rejectedFactor(1e30, 5)).isEqualTo(0.2);
        assertThatThrownBy(() -> new PIController(0.5, 0.9, 0.2, 10)).hasMessageContaining("beta = 0.5");
        assertThatThrownBy(() -> new PIController(0.04, 1.5, 0.2, 10)).hasMessageContaining("safety = 1.5");
    }

    @Test
    void theNeverShrinkRuleIsOptional() {
        PIController hairer = PIController.hairer().withNeverShrink(false);
        assertThat(PIController.hairer().neverShrink()).isTrue();
        assertThat(hairer.neverShrink()).isFalse();
        double alpha = 1.0 / 5 - 0.75 * 0.04;
        assertThat(hairer.acceptedFactor(0.99, 1e-4, 5, false))
                .isCloseTo(0.9 * Math.pow(0.99, -alpha) * Math.pow(1e-4, 0.04), within(1e-15)).isLessThan(1);
        assertThat(IController.standard().withNeverShrink(false).acceptedFactor(0.99, 1, 5, false)).isLessThan(1);
    }

    @Test
    void withoutTheNeverShrinkRuleTheIControllerTracksHipparchus() {
        // the same engine arithmetic and control law as Hipparchus's DormandPrince54
        ArrayVectorField lorenz = Problems.LORENZ;
        org.hipparchus.ode.OrdinaryDifferentialEquation ode = new org.hipparchus.ode.OrdinaryDifferentialEquation() {
            @Override
            public int getDimension() {
                return 3;
            }

            @Override
            public double[] computeDerivatives(double t, double[] y) {
                double[] dy = new double[3];
                lorenz.evaluate(t, y, dy);
                return dy;
            }
        };
        for (double tol : new double[] {1e-6, 1e-8, 1e-10}) {
            org.hipparchus.ode.nonstiff.DormandPrince54Integrator hipparchus =
                    new org.hipparchus.ode.nonstiff.DormandPrince54Integrator(0, Double.POSITIVE_INFINITY, tol, tol);
            hipparchus.integrate(ode, new org.hipparchus.ode.ODEState(0, new double[] {1, 1, 1}), 5);
            Solution s = OdeSolver.solve(lorenz, Tensor.of(1, 1, 1), new double[] {0, 5}, SolveOptions.builder()
                    .rtol(tol).atol(tol).controller(IController.standard().withNeverShrink(false)).build());
            assertThat((double) s.stats().functionEvaluations()).as("tol %g", tol)
                    .isCloseTo(hipparchus.getEvaluations(), within(0.01 * hipparchus.getEvaluations()));
        }
    }

    @Test
    void iControllerUsesTheClassicalExponent() {
        IController i = IController.standard();
        assertThat(i.acceptedFactor(0.5, 0.01, 5, false)).isCloseTo(0.9 * Math.pow(0.5, -0.2), within(1e-15));
        assertThat(i.rejectedFactor(3, 3)).isCloseTo(0.9 * Math.pow(3, -1.0 / 3), within(1e-15));
        assertThat(i.acceptedFactor(1e-20, 1, 5, false)).isEqualTo(10);
        Problems.Problem p = Problems.A3;
        Solution withI = OdeSolver.solve(p.f(), p.z0(), new double[] {0, 10},
                SolveOptions.builder().rtol(1e-6).atol(1e-6).controller(i).build());
        Solution withPi = OdeSolver.solve(p.f(), p.z0(), new double[] {0, 10},
                SolveOptions.builder().rtol(1e-6).atol(1e-6).build());
        assertThat(withI.stats()).isNotEqualTo(withPi.stats());
        assertThat(withI.state(1).item()).isCloseTo(p.exact().apply(10)[0], within(1e-4));
    }

    /** Records the times at which f is evaluated. */
    private static VectorField recording(VectorField f, List<Double> times) {
        return (t, z) -> {
            times.add(t);
            return f.apply(t, z);
        };
    }

    @Test
    void startingStepFollowsHairerNorsettWanner() {
        // y' = -y, y0 = 1, rtol 1e-6, atol 1e-9, RMS norm (Solving ODEs I, II.4)
        double sc = 1e-9 + 1e-6;
        double d0 = 1 / sc;
        double d1 = 1 / sc;
        double h0 = 0.01 * d0 / d1;
        double d2 = Math.abs(-(1 - h0) + 1) / sc / h0;
        double h1 = Math.pow(0.01 / Math.max(d1, d2), 1.0 / 5);
        double expected = Math.min(100 * h0, h1);
        List<Double> times = new ArrayList<>();
        OdeSolver.solve(recording((t, z) -> z.neg(), times), Tensor.of(1.0), new double[] {0, 1},
                SolveOptions.builder().rtol(1e-6).atol(1e-9).build());
        assertThat(times.get(0)).isZero();
        assertThat(times.get(1)).as("the Euler probe at h0").isCloseTo(h0, within(1e-15));
        assertThat(times.get(2) / 0.2).as("dopri5's second stage at c2 h").isCloseTo(expected, within(1e-12));
    }

    @Test
    void maxStepBoundsEveryStep() {
        Solution s = OdeSolver.solve((t, z) -> z.neg(), Tensor.of(1.0), new double[] {0, 10},
                SolveOptions.builder().maxStep(0.1).build());
        assertThat(s.stats().acceptedSteps()).isGreaterThanOrEqualTo(100);
    }

    @Test
    void stepsLandOnStepTimes() {
        List<Double> times = new ArrayList<>();
        OdeSolver.solve(recording((t, z) -> z.neg(), times), Tensor.of(1.0), new double[] {0, 10},
                SolveOptions.builder().stepTimes(1.234567, 7.5, 42).build());
        // dopri5's last stage is evaluated at exactly the end of the step
        assertThat(times).contains(1.234567, 7.5, 10.0).doesNotContain(42.0);
    }

    @Test
    void jumpTimesMakeDiscontinuitiesExact() {
        // y' = 1 before t = 1 and -1 after: y = t, then 2 - t
        VectorField kink = (t, z) -> Tensor.full(t < 1 ? 1 : -1, 1);
        List<Double> times = new ArrayList<>();
        Solution with = OdeSolver.solve(recording(kink, times), Tensor.of(0.0), new double[] {0, 0.5, 1, 1.5, 2},
                SolveOptions.builder().jumpTimes(1).build());
        assertThat(with.states().toArray()).containsExactly(new double[] {0, 0.5, 1, 0.5, 0}, within(1e-14));
        assertThat(times).contains(Math.nextDown(1.0), Math.nextUp(1.0));
        Solution without = OdeSolver.solve(kink, Tensor.of(0.0), new double[] {0, 0.5, 1, 1.5, 2});
        assertThat(with.stats().functionEvaluations()).isLessThan(without.stats().functionEvaluations());
        assertThat(Math.abs(without.state(4).item())).isGreaterThan(1e-13);
    }

    @Test
    void fixedStepsLandOnTheEndAndOnJumps() {
        Solution s = OdeSolver.solve((t, z) -> z.neg(), Tensor.of(1.0), new double[] {0, 1},
                SolveOptions.builder().method("rk4").stepSize(0.3).build());
        assertThat(s.stats().acceptedSteps()).isEqualTo(4); // 0.3, 0.6, 0.9, 1.0
        assertThat(s.stats().functionEvaluations()).isEqualTo(16);
        VectorField kink = (t, z) -> Tensor.full(t < 0.45 ? 1 : -1, 1);
        Solution j = OdeSolver.solve(kink, Tensor.of(0.0), new double[] {0, 1},
                SolveOptions.builder().method("euler").stepSize(0.1).jumpTimes(0.45).build());
        assertThat(j.stats().acceptedSteps()).isEqualTo(11); // 0.1 .. 0.4, 0.45, then 0.55 .. 0.95, 1.0
        assertThat(j.state(1).item()).isCloseTo(0.45 - 0.55, within(1e-14));
    }

    @Test
    void fixedStepEvaluationCountsAreExact() {
        double[] ends = {0, 1};
        double[] many = Tensor.linspace(0, 1, 23).toArray();
        for (String m : new String[] {"euler", "midpoint", "heun3", "rk4", "rk38"}) {
            int stages = org.neuralode4j.ode.tableau.ExplicitTableaus.byName(m).stages();
            SolveOptions o = SolveOptions.builder().method(m).stepSize(0.1).build();
            Solution a = OdeSolver.solve((t, z) -> z.neg(), Tensor.of(1.0), ends, o);
            Solution b = OdeSolver.solve((t, z) -> z.neg(), Tensor.of(1.0), many, o);
            assertThat(a.stats()).isEqualTo(Stats.explicit(10L * stages, 10, 0));
            // interpolated outputs: the Hermite fallback needs f(t1, y1), which the next step uses
            // anyway; only the last step's costs one more evaluation
            boolean hermite = !org.neuralode4j.ode.tableau.ExplicitTableaus.byName(m).hasDenseOutput();
            assertThat(b.stats().functionEvaluations()).as(m).isEqualTo(10L * stages + (hermite ? 1 : 0));
            assertThat(b.state(-1).item()).isEqualTo(a.state(-1).item());
        }
    }

    @Test
    void normsArePluggable() {
        Problems.Problem p = Problems.HARMONIC;
        Solution rms = OdeSolver.solve(p.f(), p.z0(), new double[] {0, 10}, SolveOptions.builder().rtol(1e-6).build());
        Solution max = OdeSolver.solve(p.f(), p.z0(), new double[] {0, 10},
                SolveOptions.builder().rtol(1e-6).norm(ErrorNorm.MAX).build());
        assertThat(max.stats().acceptedSteps()).isGreaterThan(rms.stats().acceptedSteps());
        int[] calls = new int[1];
        ErrorNorm user = (e, s) -> {
            calls[0]++;
            return ErrorNorm.RMS.norm(e, s);
        };
        Solution custom = OdeSolver.solve(p.f(), p.z0(), new double[] {0, 10},
                SolveOptions.builder().rtol(1e-6).norm(user).build());
        assertThat(custom.stats()).isEqualTo(rms.stats());
        assertThat(calls[0]).isEqualTo(3 + rms.stats().attemptedSteps()); // three for the starting step
    }

    @Test
    void aSeminormIgnoresTheOtherComponents() {
        // component 0 decays slowly, component 1 oscillates fast; measuring only component 0 takes
        // far fewer steps and keeps component 0 accurate
        VectorField f = (t, z) -> Tensor.of(-z.get(0, 0), 50 * Math.cos(50 * t)).reshape(1, 2);
        Tensor z0 = Tensor.of(new double[][] {{1, 0}});
        SolveOptions base = SolveOptions.builder().rtol(1e-8).atol(1e-8).build();
        Solution full = OdeSolver.solve(f, z0, new double[] {0, 5}, base);
        Solution semi = OdeSolver.solve(f, z0, new double[] {0, 5}, base.toBuilder().norm(ErrorNorm.rmsOfRange(0, 1))
                .build());
        assertThat(semi.stats().acceptedSteps()).isLessThan(full.stats().acceptedSteps() / 5);
        assertThat(semi.state(1).get(0, 0)).isCloseTo(Math.exp(-5), within(1e-7));
        assertThatThrownBy(() -> ErrorNorm.rmsOfRange(2, 1)).hasMessageContaining("from < to");
    }
}
