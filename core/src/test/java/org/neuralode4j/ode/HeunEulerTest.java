package org.neuralode4j.ode;

/** heun-euler 2(1): not FSAL, cubic Hermite dense output using f(t1, y1). */
class HeunEulerTest extends AdaptiveMethodTestBase {
    @Override
    String method() {
        return "heun-euler";
    }

    @Override
    double accuracyFactor(double rtol) {
        return 30;
    }

    @Override
    double agreementRtol() {
        return 1e-9;
    }

    @Override
    double agreementTolerance() {
        return 5e-8;
    }

    @Override
    long extraEvaluationsForOutputs(long acceptedSteps) {
        // f(t1, y1), which the Hermite interpolant needs, is the next step's first stage anyway; only
        // a last step holding an interior output would cost one more, and at rtol 1e-6 the steps
        // (about 0.002) are much shorter than the output spacing 0.05
        return 0;
    }
}
