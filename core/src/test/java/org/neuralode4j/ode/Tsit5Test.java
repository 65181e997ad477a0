package org.neuralode4j.ode;

/** tsit5: Tsitouras' 5(4) pair, FSAL, with his fourth-order interpolant. */
class Tsit5Test extends AdaptiveMethodTestBase {
    @Override
    String method() {
        return "tsit5";
    }

    @Override
    double accuracyFactor(double rtol) {
        return 15;
    }

    @Override
    double agreementRtol() {
        return 1e-11;
    }

    @Override
    double agreementTolerance() {
        return 5e-10;
    }
}
