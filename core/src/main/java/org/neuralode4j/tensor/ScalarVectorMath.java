package org.neuralode4j.tensor;

/** {@link VectorMath} on {@link Math}: portable, and the reference the vector kernels are tested against. */
final class ScalarVectorMath implements VectorMath {
    static final ScalarVectorMath INSTANCE = new ScalarVectorMath();

    private ScalarVectorMath() {
    }

    @Override
    public String name() {
        return "scalar";
    }

    @Override
    public void tanh(double[] x, double[] out, int n) {
        for (int i = 0; i < n; i++) {
            out[i] = Math.tanh(x[i]);
        }
    }

    @Override
    public void exp(double[] x, double[] out, int n) {
        for (int i = 0; i < n; i++) {
            out[i] = Math.exp(x[i]);
        }
    }

    @Override
    public void sigmoid(double[] x, double[] out, int n) {
        for (int i = 0; i < n; i++) {
            out[i] = UnaryOp.sigmoid(x[i]);
        }
    }

    @Override
    public void softplus(double[] x, double[] out, int n) {
        for (int i = 0; i < n; i++) {
            double v = x[i];
            out[i] = v > UnaryOp.SOFTPLUS_THRESHOLD ? v : Math.log1p(Math.exp(v));
        }
    }

    @Override
    public void tanhBackward(double[] g, int gOff, double[] y, double[] out, int n) {
        for (int i = 0; i < n; i++) {
            double v = y[i];
            out[i] = g[gOff + i] * (-(v * v) + 1.0);
        }
    }

    @Override
    public void sigmoidBackward(double[] g, int gOff, double[] y, double[] out, int n) {
        for (int i = 0; i < n; i++) {
            double v = y[i];
            out[i] = g[gOff + i] * (v * (-v + 1.0));
        }
    }

    @Override
    public void softplusBackward(double[] g, int gOff, double[] x, double[] out, int n) {
        for (int i = 0; i < n; i++) {
            double v = x[i];
            out[i] = g[gOff + i] * (v > UnaryOp.SOFTPLUS_THRESHOLD ? 1.0 : UnaryOp.sigmoid(v));
        }
    }
}
