package org.neuralode4j.ode;

/** bosh3: Bogacki–Shampine 3(2), FSAL, cubic Hermite dense output from its own stages. */
class Bosh3Test extends AdaptiveMethodTestBase {
    @Override
    String method() {
        return "bosh3";
    }

    @Override
    double accuracyFactor(double rtol) {
        return 100;
    }

    @Override
    double agreementRtol() {
        return 1e-10;
    }

    @Override
    double agreementTolerance() {
        return 5e-8;
    }
}
