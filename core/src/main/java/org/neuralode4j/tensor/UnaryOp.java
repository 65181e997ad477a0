package org.neuralode4j.tensor;

/** The elementwise functions of one tensor, each with its forward kernel and derivative rule. */
enum UnaryOp {
    NEG, EXP, LOG, SQRT, ABS, SIGN, TANH, SIGMOID, RELU, SOFTPLUS, ELU, GELU, ERF, SIN, COS, SQUARE, RECIPROCAL;

    /** PyTorch's softplus threshold: above it softplus(x) = x. */
    static final double SOFTPLUS_THRESHOLD = 20.0;

    /** Applies the function to every element of {@code x} into {@code out} (may alias x). */
    void apply(double[] x, double[] out) {
        int n = x.length;
        switch (this) {
            case NEG -> {
                for (int i = 0; i < n; i++) {
                    out[i] = -x[i];
                }
            }
            case EXP -> VectorMath.get().exp(x, out, n);
            case LOG -> {
                for (int i = 0; i < n; i++) {
                    out[i] = Math.log(x[i]);
                }
            }
            case SQRT -> {
                for (int i = 0; i < n; i++) {
                    out[i] = Math.sqrt(x[i]);
                }
            }
            case ABS -> {
                for (int i = 0; i < n; i++) {
                    out[i] = Math.abs(x[i]);
                }
            }
            case SIGN -> {
                for (int i = 0; i < n; i++) {
                    out[i] = Math.signum(x[i]);
                }
            }
            case TANH -> VectorMath.get().tanh(x, out, n);
            case SIGMOID -> VectorMath.get().sigmoid(x, out, n);
            case RELU -> {
                for (int i = 0; i < n; i++) {
                    out[i] = x[i] > 0 ? x[i] : (Double.isNaN(x[i]) ? x[i] : 0.0);
                }
            }
            case SOFTPLUS -> VectorMath.get().softplus(x, out, n);
            case ELU -> {
                for (int i = 0; i < n; i++) {
                    double v = x[i];
                    out[i] = v > 0 ? v : Math.expm1(v);
                }
            }
            case GELU -> {
                for (int i = 0; i < n; i++) {
                    double v = x[i];
                    out[i] = 0.5 * v * (1.0 + SpecialFunctions.erf(v / Math.sqrt(2.0)));
                }
            }
            case ERF -> {
                for (int i = 0; i < n; i++) {
                    out[i] = SpecialFunctions.erf(x[i]);
                }
            }
            case SIN -> {
                for (int i = 0; i < n; i++) {
                    out[i] = Math.sin(x[i]);
                }
            }
            case COS -> {
                for (int i = 0; i < n; i++) {
                    out[i] = Math.cos(x[i]);
                }
            }
            case SQUARE -> {
                for (int i = 0; i < n; i++) {
                    out[i] = x[i] * x[i];
                }
            }
            case RECIPROCAL -> {
                for (int i = 0; i < n; i++) {
                    out[i] = 1.0 / x[i];
                }
            }
            default -> throw new AssertionError(this);
        }
    }

    static double sigmoid(double v) {
        if (v >= 0) {
            return 1.0 / (1.0 + Math.exp(-v));
        }
        double e = Math.exp(v);
        return e / (1.0 + e);
    }

    /**
     * The gradient of the input given the output gradient {@code g}, input {@code x} and output
     * {@code y}, written with differentiable tensor operations (so it can be recorded); {@code null}
     * for a function with zero derivative. tanh, sigmoid and softplus use one fused kernel when
     * nothing is recorded (no create-graph).
     */
    Tensor backward(Tensor g, Tensor x, Tensor y) {
        if ((this == TANH || this == SIGMOID || this == SOFTPLUS) && !g.requiresGrad()
                && !org.neuralode4j.autodiff.Tape.current().isRecording()) {
            // not recorded: one fused pass instead of three or four tensor operations
            double[] out = new double[g.numel()];
            switch (this) {
                case TANH -> VectorMath.get().tanhBackward(g.dataRef(), 0, y.dataRef(), out, out.length);
                case SIGMOID -> VectorMath.get().sigmoidBackward(g.dataRef(), 0, y.dataRef(), out, out.length);
                default -> VectorMath.get().softplusBackward(g.dataRef(), 0, x.dataRef(), out, out.length);
            }
            return new Tensor(x.shapeRef(), out);
        }
        return switch (this) {
            case NEG -> g.neg();
            case EXP -> g.mul(y);
            case LOG -> g.div(x);
            case SQRT -> g.div(y.mul(2.0));
            case ABS -> g.mul(x.sign());
            case SIGN -> null;
            case TANH -> g.mul(y.square().neg().add(1.0));
            case SIGMOID -> g.mul(y.mul(y.neg().add(1.0)));
            case RELU -> g.mul(x.gt(0));
            case SOFTPLUS -> g.mul(Tensor.where(x.gt(SOFTPLUS_THRESHOLD), Tensor.scalar(1.0), x.sigmoid()));
            case ELU -> g.mul(Tensor.where(x.gt(0), Tensor.scalar(1.0), y.add(1.0)));
            case GELU -> {
                Tensor cdf = ElementwiseOps.unary(ERF, x.mul(1.0 / Math.sqrt(2.0))).add(1.0).mul(0.5);
                Tensor pdf = x.square().mul(-0.5).exp().mul(1.0 / Math.sqrt(2.0 * Math.PI));
                yield g.mul(cdf.add(x.mul(pdf)));
            }
            case ERF -> g.mul(x.square().neg().exp().mul(2.0 / Math.sqrt(Math.PI)));
            case SIN -> g.mul(x.cos());
            case COS -> g.mul(x.sin()).neg();
            case SQUARE -> g.mul(x.mul(2.0));
            case RECIPROCAL -> g.mul(y.square()).neg();
        };
    }

    String opName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
