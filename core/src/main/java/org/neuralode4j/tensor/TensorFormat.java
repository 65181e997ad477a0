package org.neuralode4j.tensor;

import java.util.Locale;

/** PyTorch-like text form of a tensor; large tensors are abbreviated with "...". */
final class TensorFormat {
    private static final int EDGE = 3;
    private static final int FULL_LIMIT = 1000;

    private TensorFormat() {
    }

    static String format(Tensor t) {
        StringBuilder sb = new StringBuilder("tensor(");
        int[] shape = t.shapeRef();
        double[] d = t.dataRef();
        boolean abbreviate = d.length > FULL_LIMIT;
        if (shape.length == 0) {
            sb.append(number(d[0]));
        } else {
            append(sb, d, shape, Shape.strides(shape), 0, 0, abbreviate, 7);
        }
        sb.append(", shape=").append(Shape.format(shape));
        if (t.gradFn() != null) {
            sb.append(", gradFn=").append(t.gradFn().op());
        } else if (t.requiresGrad()) {
            sb.append(", requiresGrad=true");
        }
        return sb.append(')').toString();
    }

    private static void append(StringBuilder sb, double[] d, int[] shape, int[] strides, int dim, int off,
                               boolean abbreviate, int indent) {
        sb.append('[');
        int n = shape[dim];
        for (int i = 0; i < n; i++) {
            if (abbreviate && n > 2 * EDGE && i == EDGE) {
                sb.append(dim == shape.length - 1 ? "..., " : "...,\n" + " ".repeat(indent + dim + 1));
                i = n - EDGE - 1;
                continue;
            }
            if (dim == shape.length - 1) {
                sb.append(number(d[off + i * strides[dim]]));
            } else {
                append(sb, d, shape, strides, dim + 1, off + i * strides[dim], abbreviate, indent);
            }
            if (i < n - 1) {
                sb.append(dim == shape.length - 1 ? ", " : ",\n" + " ".repeat(indent + dim + 1));
            }
        }
        sb.append(']');
    }

    private static String number(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return Double.toString(v);
        }
        double a = Math.abs(v);
        if (a != 0 && (a < 1e-4 || a >= 1e6)) {
            return String.format(Locale.ROOT, "%.4e", v);
        }
        return String.format(Locale.ROOT, "%.4f", v);
    }
}
