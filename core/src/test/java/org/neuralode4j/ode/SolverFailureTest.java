package org.neuralode4j.ode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import org.junit.jupiter.api.Test;
import org.neuralode4j.tensor.Tensor;

/** Failures are typed exceptions carrying t, h and the reason. */
class SolverFailureTest {
    /** The exception {@code call} throws, checked to be of {@code type}. */
    private static <T extends Throwable> T thrown(org.assertj.core.api.ThrowableAssert.ThrowingCallable call,
                                                  Class<T> type) {
        Throwable t = catchThrowable(call);
        assertThat(t).isInstanceOf(type);
        return type.cast(t);
    }

    private static final VectorField BLOW_UP = (t, z) -> z.square(); // y' = y², y(0) = 1: y = 1/(1 - t)

    @Test
    void stepSizeUnderflowBelowMinStep() {
        StepSizeUnderflowException e = thrown(() -> OdeSolver.solve(BLOW_UP, Tensor.of(1.0),
                new double[] {0, 2}, SolveOptions.builder().minStep(1e-4).build()), StepSizeUnderflowException.class);
        assertThat(e.t()).isBetween(0.99, 1.0);
        assertThat(Math.abs(e.h())).isLessThan(1e-4);
        assertThat(e.reason()).contains("minStep");
        assertThat(e.getMessage()).contains("t = 0.99").contains("h = ");
    }

    @Test
    void blowUpWithoutMinStepIsATypedFailureNearTheSingularity() {
        SolverException e = thrown(() -> OdeSolver.solve(BLOW_UP, Tensor.of(1.0), new double[] {0, 2}),
                SolverException.class);
        assertThat(e).isInstanceOfAny(StepSizeUnderflowException.class, NonFiniteStateException.class);
        assertThat(e.t()).isBetween(0.999, 1.001);
    }

    @Test
    void tooManySteps() {
        Problems.Problem p = Problems.A3;
        TooManyStepsException e = thrown(() -> OdeSolver.solve(p.f(), p.z0(), new double[] {0, 10},
                SolveOptions.builder().rtol(1e-9).atol(1e-9).maxSteps(10).build()), TooManyStepsException.class);
        assertThat(e.maxSteps()).isEqualTo(10);
        assertThat(e.t()).isBetween(0.0, 10.0);
        assertThat(e.h()).isPositive();
        assertThat(e.reason()).contains("maxSteps = 10").contains("raise maxSteps");
    }

    @Test
    void nonFiniteDerivativeInAdaptiveSteps() {
        VectorField poisoned = (t, z) -> t > 0.5 ? z.mul(Double.NaN) : z.neg();
        NonFiniteStateException e = thrown(() -> OdeSolver.solve(poisoned, Tensor.of(1.0),
                new double[] {0, 1}), NonFiniteStateException.class);
        assertThat(e.t()).isBetween(0.49, 0.5);
        assertThat(e.reason()).contains("non-finite");
    }

    @Test
    void nonFiniteStateInFixedSteps() {
        VectorField poisoned = (t, z) -> t > 0.5 ? z.mul(Double.POSITIVE_INFINITY) : z.neg();
        NonFiniteStateException e = thrown(() -> OdeSolver.solve(poisoned, Tensor.of(1.0),
                new double[] {0, 1}, SolveOptions.builder().method("rk4").stepSize(0.1).build()),
                NonFiniteStateException.class);
        assertThat(e.t()).isCloseTo(0.5, org.assertj.core.api.Assertions.within(1e-12));
        assertThat(e.h()).isCloseTo(0.1, org.assertj.core.api.Assertions.within(1e-12));
        assertThat(e.reason()).contains("component 0");
    }

    @Test
    void nonFiniteInitialStateOrDerivative() {
        assertThatThrownBy(() -> OdeSolver.solve(BLOW_UP, Tensor.of(Double.NaN), new double[] {0, 1}))
                .isInstanceOf(NonFiniteStateException.class).hasMessageContaining("z0");
        NonFiniteStateException e = thrown(() -> OdeSolver.solve((t, z) -> z.mul(Double.NaN),
                Tensor.of(1.0), new double[] {0, 1}), NonFiniteStateException.class);
        assertThat(e.t()).isZero();
        assertThat(e.reason()).contains("initial state");
    }

    @Test
    void exceptionsShareOneSupertype() {
        assertThat(SolverException.class).isAssignableFrom(StepSizeUnderflowException.class);
        assertThat(SolverException.class).isAssignableFrom(TooManyStepsException.class);
        assertThat(SolverException.class).isAssignableFrom(NonFiniteStateException.class);
        assertThat(RuntimeException.class).isAssignableFrom(SolverException.class);
    }
}
