package org.neuralode4j.ode;

/** dopri8 (DOP853): 12 stages, Hairer's combined 5th/3rd-order error, seventh-order dense output. */
class Dopri8Test extends AdaptiveMethodTestBase {
    @Override
    String method() {
        return "dopri8";
    }

    @Override
    double accuracyFactor(double rtol) {
        // DOP853's estimator is optimistic at loose tolerances (few, long steps): A3 at 1e-6 is ~38
        return rtol >= 1e-6 ? 60 : 10;
    }

    @Override
    double agreementRtol() {
        return 1e-12;
    }

    @Override
    double agreementTolerance() {
        return 5e-11;
    }

    @Override
    long extraEvaluationsForOutputs(long acceptedSteps) {
        return 3 * acceptedSteps + 1; // three extra stages per interpolated step, f(t1, y1) of the last
    }
}
