package org.neuralode4j.nn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.neuralode4j.autodiff.Autodiff;
import org.neuralode4j.autodiff.Tape;
import org.neuralode4j.tensor.Gemm;
import org.neuralode4j.tensor.Tensor;
import org.neuralode4j.tensor.VectorMath;

/**
 * A multilayer perceptron [Linear, activation, Linear, (activation, Linear) …, (activation)]
 * evaluated as one operation: the forward pass runs on raw arrays ({@link Gemm} for the products,
 * {@link VectorMath} for tanh and sigmoid) and is recorded as ONE autodiff node whose backward
 * rule computes the vector–Jacobian product with respect to the input and every weight and bias in
 * raw loops as well. Small neural vector fields (the spiral's 2 → 50 → 2) spend most of their time
 * in per-operation overhead (allocations, graph nodes), which this removes; the arithmetic and its
 * order are those of the per-operation path ({@link Functional#linear}, then the activation), so
 * both agree to rounding, in practice bit for bit.
 *
 * <p>Optional input transform: the cube y³ of torchdiffeq's spiral model ({@link SpiralOdeFunc}).
 *
 * <p>When a backward pass records its own operations (create-graph, for higher derivatives), the
 * backward rule is written with differentiable tensor operations instead, so second derivatives
 * work as through the per-operation path.
 *
 * <p>Workspaces: evaluations that record nothing keep their intermediate results in per-thread
 * scratch arrays; recorded evaluations allocate what their backward pass needs.
 * {@link Sequential} and {@link SpiralOdeFunc} dispatch here transparently; parameter names and
 * state dicts do not change.
 */
final class FusedMlp {
    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);
    private static final int SLOT_D0 = 0;
    private static final int SLOT_D1 = 1;
    private static final int SLOT_U = 2;
    private static final int SLOT_TMP = 3;
    private static final int SLOT_LAYERS = 4;

    private final Linear[] layers;
    private final Activation[] acts;
    private final boolean cube;
    private final int[] widths;
    private final Tensor[] params;
    private final int[] weightIndex;
    private final int[] biasIndex;
    private final int[] flatOffsetW;
    private final int[] flatOffsetB;
    private final int flatSize;

    private FusedMlp(Linear[] layers, Activation[] acts, boolean cube) {
        this.layers = layers;
        this.acts = acts;
        this.cube = cube;
        int count = layers.length;
        widths = new int[count + 1];
        widths[0] = layers[0].inFeatures();
        List<Tensor> ps = new ArrayList<>();
        weightIndex = new int[count];
        biasIndex = new int[count];
        flatOffsetW = new int[count];
        flatOffsetB = new int[count];
        int flat = 0;
        for (int l = 0; l < count; l++) {
            widths[l + 1] = layers[l].outFeatures();
            weightIndex[l] = 1 + ps.size();
            ps.add(layers[l].weight());
            flatOffsetW[l] = flat;
            flat += layers[l].weight().numel();
            if (layers[l].bias() != null) {
                biasIndex[l] = 1 + ps.size();
                ps.add(layers[l].bias());
                flatOffsetB[l] = flat;
                flat += layers[l].bias().numel();
            } else {
                biasIndex[l] = -1;
                flatOffsetB[l] = -1;
            }
        }
        params = ps.toArray(new Tensor[0]);
        flatSize = flat;
    }

    /**
     * The fused plan of {@code modules} applied in order, or {@code null} when they are not a chain of
     * {@link Linear} layers (matching widths), each followed by at most one supported activation.
     *
     * @param cube whether the input is cubed first
     */
    static FusedMlp plan(Module[] modules, boolean cube) {
        List<Linear> ls = new ArrayList<>();
        List<Activation> as = new ArrayList<>();
        for (Module m : modules) {
            if (m instanceof Linear lin) {
                if (!ls.isEmpty() && (as.size() < ls.size())) {
                    as.add(Activation.IDENTITY);
                }
                if (!ls.isEmpty() && ls.get(ls.size() - 1).outFeatures() != lin.inFeatures()) {
                    return null;
                }
                ls.add(lin);
            } else {
                Activation a = activationOf(m);
                if (a == null || ls.isEmpty() || as.size() == ls.size()) {
                    return null;
                }
                as.add(a);
            }
        }
        if (ls.isEmpty()) {
            return null;
        }
        while (as.size() < ls.size()) {
            as.add(Activation.IDENTITY);
        }
        return new FusedMlp(ls.toArray(new Linear[0]), as.toArray(new Activation[0]), cube);
    }

    private static Activation activationOf(Module m) {
        if (m instanceof Tanh) {
            return Activation.TANH;
        } else if (m instanceof Sigmoid) {
            return Activation.SIGMOID;
        } else if (m instanceof ReLU) {
            return Activation.RELU;
        } else if (m instanceof ELU e && e.alpha() == 1.0) {
            return Activation.ELU;
        } else if (m instanceof Softplus s && s.beta() == 1.0) {
            return Activation.SOFTPLUS;
        } else if (m instanceof Identity) {
            return Activation.IDENTITY;
        }
        return null;
    }

    /** The parameters in node-input order after the input: W1, b1, W2, b2, … (absent biases skipped). */
    List<Tensor> parameters() {
        return List.of(params);
    }

    /** Input features. */
    int inFeatures() {
        return widths[0];
    }

    /** Output features. */
    int outFeatures() {
        return widths[widths.length - 1];
    }

    /** Total number of scalar parameters, in the flat layout of {@link #vjp}. */
    int flatSize() {
        return flatSize;
    }

    /** Whether this plan can take x (else the caller runs the per-operation path, which reports errors). */
    boolean accepts(Tensor x) {
        return x.rank() >= 1 && x.numel() > 0 && x.size(-1) == widths[0];
    }

    /** Whether the activations' derivatives must be read from pre-activations (softplus) rather than outputs. */
    private static boolean needsPre(Activation a) {
        return a == Activation.SOFTPLUS;
    }

    // ------------------------------------------------------------------ forward

    /** The network applied to x [..., in]: one recorded node when x or a parameter requires gradients. */
    Tensor forward(Tensor x) {
        int[] ys = x.shape();
        ys[ys.length - 1] = outFeatures();
        int rows = x.numel() / widths[0];
        Tensor out = Tensor.zeros(ys);
        Tensor[] inputs = new Tensor[1 + params.length];
        inputs[0] = x;
        System.arraycopy(params, 0, inputs, 1, params.length);
        if (!Autodiff.shouldRecord(inputs)) {
            Scratch s = SCRATCH.get();
            run(x.buffer(), 0, rows, out.buffer(), 0, s, null);
            return out;
        }
        Saved saved = new Saved(layers.length);
        run(x.buffer(), 0, rows, out.buffer(), 0, null, saved);
        long bytes = 0;
        for (int l = 0; l < layers.length; l++) {
            bytes += 8L * saved.post[l].length + (saved.pre[l] != null ? 8L * saved.pre[l].length : 0);
        }
        Tensor xIn = x;
        return Autodiff.record(cube ? "fusedCubeMlp" : "fusedMlp", out, g -> backward(g, xIn, inputs, saved, rows),
                bytes, inputs);
    }

    /** Intermediate results a recorded evaluation keeps for its backward pass. */
    private static final class Saved {
        double[] x;
        double[] u;
        final double[][] post;
        final double[][] pre;

        Saved(int layers) {
            post = new double[layers][];
            pre = new double[layers][];
        }
    }

    /**
     * The forward pass on arrays. With {@code saved} every intermediate is a fresh array kept there;
     * otherwise intermediates live in the scratch arrays (valid until the next use of the scratch).
     *
     * @param out receives the output, rows × out features at {@code outOff}; modified
     */
    private void run(double[] x, int xOff, int rows, double[] out, int outOff, Scratch s, Saved saved) {
        int count = layers.length;
        double[] h;
        int hOff;
        if (cube) {
            int n = rows * widths[0];
            double[] u = saved != null ? new double[n] : s.get(SLOT_U, n);
            for (int i = 0; i < n; i++) {
                double v = x[xOff + i];
                u[i] = v * v * v;
            }
            h = u;
            hOff = 0;
            if (saved != null) {
                saved.u = u;
                saved.x = xOff == 0 ? x : Arrays.copyOfRange(x, xOff, xOff + n);
            }
        } else {
            h = x;
            hOff = xOff;
            if (saved != null) {
                // kept by reference, as the per-operation linear keeps its input
                saved.u = xOff == 0 ? x : Arrays.copyOfRange(x, xOff, xOff + rows * widths[0]);
                h = saved.u;
                hOff = 0;
            }
        }
        for (int l = 0; l < count; l++) {
            int in = widths[l];
            int o = widths[l + 1];
            int n = rows * o;
            boolean last = l == count - 1;
            Activation act = acts[l];
            double[] z;
            int zOff;
            if (last && !needsPre(act)) {
                z = out;
                zOff = outOff;
            } else {
                z = saved != null ? new double[n] : s.get(SLOT_LAYERS + count + l, n);
                zOff = 0;
            }
            linear(h, hOff, layers[l], z, zOff, rows, in, o);
            double[] y;
            int yOff;
            if (act == Activation.IDENTITY) {
                y = z;
                yOff = zOff;
            } else if (needsPre(act)) {
                if (last) {
                    y = out;
                    yOff = outOff;
                } else {
                    y = saved != null ? new double[n] : s.get(SLOT_LAYERS + l, n);
                    yOff = 0;
                }
                activate(act, z, zOff, y, yOff, n, s);
            } else {
                y = z;
                yOff = zOff;
                activate(act, z, zOff, y, yOff, n, s);
            }
            if (saved != null) {
                saved.pre[l] = needsPre(act) ? z : null;
                saved.post[l] = last && y == out ? null : y;
            }
            h = y;
            hOff = yOff;
        }
        if (saved != null) {
            saved.post[count - 1] = out;
        }
    }

    /** z = h·Wᵀ + b: the bias fills the rows, then one product (as {@link Functional#linear}). */
    private static void linear(double[] h, int hOff, Linear layer, double[] z, int zOff, int rows, int in, int out) {
        Tensor bias = layer.bias();
        if (bias != null) {
            double[] b = bias.buffer();
            for (int i = 0; i < rows; i++) {
                System.arraycopy(b, 0, z, zOff + i * out, out);
            }
        }
        Gemm.gemm(false, true, rows, out, in, 1.0, h, hOff, in, layer.weight().buffer(), 0, in, bias == null ? 0.0 : 1.0,
                z, zOff, out);
    }

    /** y = act(z) elementwise, with the kernels and formulas of the per-operation path. */
    private static void activate(Activation act, double[] z, int zOff, double[] y, int yOff, int n, Scratch s) {
        switch (act) {
            case TANH, SIGMOID -> {
                if (zOff == 0 && yOff == 0) {
                    if (act == Activation.TANH) {
                        VectorMath.get().tanh(z, y, n);
                    } else {
                        VectorMath.get().sigmoid(z, y, n);
                    }
                } else {
                    double[] t = (s != null ? s : SCRATCH.get()).get(SLOT_TMP, n);
                    System.arraycopy(z, zOff, t, 0, n);
                    if (act == Activation.TANH) {
                        VectorMath.get().tanh(t, t, n);
                    } else {
                        VectorMath.get().sigmoid(t, t, n);
                    }
                    System.arraycopy(t, 0, y, yOff, n);
                }
            }
            case RELU -> {
                for (int i = 0; i < n; i++) {
                    double v = z[zOff + i];
                    y[yOff + i] = v > 0 ? v : (Double.isNaN(v) ? v : 0.0);
                }
            }
            case ELU -> {
                for (int i = 0; i < n; i++) {
                    double v = z[zOff + i];
                    y[yOff + i] = v > 0 ? v : Math.expm1(v);
                }
            }
            case SOFTPLUS -> {
                for (int i = 0; i < n; i++) {
                    double v = z[zOff + i];
                    y[yOff + i] = v > SOFTPLUS_THRESHOLD ? v : Math.log1p(Math.exp(v));
                }
            }
            case IDENTITY -> {
                if (y != z || yOff != zOff) {
                    System.arraycopy(z, zOff, y, yOff, n);
                }
            }
            default -> throw new AssertionError(act);
        }
    }

    /** PyTorch's softplus threshold (as the per-operation softplus). */
    private static final double SOFTPLUS_THRESHOLD = 20.0;

    /**
     * d = g·act'(·) elementwise (d may be g), with the per-operation path's formulas: tanh 1 − y²,
     * sigmoid y(1 − y), relu [z &gt; 0], elu [z &gt; 0] or y + 1, softplus [z &gt; 20] or σ(z).
     */
    private static void activationBackward(Activation act, double[] g, double[] pre, double[] post, double[] d, int n,
                                           Scratch s) {
        switch (act) {
            case TANH -> {
                for (int i = 0; i < n; i++) {
                    double y = post[i];
                    d[i] = g[i] * (-(y * y) + 1.0);
                }
            }
            case SIGMOID -> {
                for (int i = 0; i < n; i++) {
                    double y = post[i];
                    d[i] = g[i] * (y * (-y + 1.0));
                }
            }
            case RELU -> {
                for (int i = 0; i < n; i++) {
                    d[i] = g[i] * (post[i] > 0 ? 1.0 : 0.0);
                }
            }
            case ELU -> {
                for (int i = 0; i < n; i++) {
                    double y = post[i];
                    d[i] = g[i] * (y > 0 ? 1.0 : y + 1.0);
                }
            }
            case SOFTPLUS -> {
                double[] sig = s.get(SLOT_TMP, n);
                VectorMath.get().sigmoid(pre, sig, n);
                for (int i = 0; i < n; i++) {
                    d[i] = g[i] * (pre[i] > SOFTPLUS_THRESHOLD ? 1.0 : sig[i]);
                }
            }
            case IDENTITY -> {
                if (d != g) {
                    System.arraycopy(g, 0, d, 0, n);
                }
            }
            default -> throw new AssertionError(act);
        }
    }

    // ------------------------------------------------------------------ backward

    private Tensor[] backward(Tensor g, Tensor x, Tensor[] inputs, Saved saved, int rows) {
        if (Tape.current().isRecording()) {
            return composableBackward(g, x, inputs);
        }
        Tensor[] grads = new Tensor[inputs.length];
        double[][] gp = new double[params.length][];
        for (int i = 0; i < params.length; i++) {
            if (params[i].requiresGrad()) {
                grads[i + 1] = Tensor.zeros(params[i].shape());
                gp[i] = grads[i + 1].buffer();
            }
        }
        double[] gx = null;
        if (x.requiresGrad()) {
            grads[0] = Tensor.zeros(x.shape());
            gx = grads[0].buffer();
        }
        Scratch s = SCRATCH.get();
        backwardArrays(g.buffer(), 0, rows, saved.x, saved.u, saved.pre, saved.post, gx, 0, gp, null, 0, 1.0, s);
        return grads;
    }

    /**
     * The VJP on arrays. Parameter gradients go either to one array per parameter ({@code gp}, entries
     * {@code null} to skip) or to the flat layout at {@code flatOff} of {@code flat}; everything is
     * multiplied by {@code scale} and overwrites its target.
     *
     * @param x the input (needed for the cube's derivative), or {@code null} without the cube
     * @param u the first layer's input (x, or x³)
     * @param gx receives x̄ at {@code gxOff}, or {@code null}
     */
    private void backwardArrays(double[] g, int gOff, int rows, double[] x, double[] u, double[][] pre, double[][] post,
                                double[] gx, int gxOff, double[][] gp, double[] flat, int flatOff, double scale,
                                Scratch s) {
        int count = layers.length;
        double[] d = g;
        int dOff = gOff;
        int slot = SLOT_D0;
        for (int l = count - 1; l >= 0; l--) {
            int in = widths[l];
            int o = widths[l + 1];
            int n = rows * o;
            Activation act = acts[l];
            if (act != Activation.IDENTITY) {
                double[] dl = d == g ? s.get(slot, n) : d;
                if (d == g && dOff != 0) {
                    System.arraycopy(g, dOff, dl, 0, n);
                    activationBackward(act, dl, pre[l], post[l], dl, n, s);
                } else {
                    activationBackward(act, d, pre[l], post[l], dl, n, s);
                }
                if (d == g) {
                    slot = slot == SLOT_D0 ? SLOT_D1 : SLOT_D0;
                }
                d = dl;
                dOff = 0;
            }
            double[] h = l == 0 ? u : post[l - 1];
            double[] w = layers[l].weight().buffer();
            int wi = weightIndex[l] - 1;
            if (flat != null) {
                Gemm.gemm(true, false, o, in, rows, scale, d, dOff, o, h, 0, in, 0.0, flat, flatOff + flatOffsetW[l], in);
            } else if (gp[wi] != null) {
                Gemm.gemm(true, false, o, in, rows, scale, d, dOff, o, h, 0, in, 0.0, gp[wi], 0, in);
            }
            if (biasIndex[l] >= 0) {
                double[] gb = flat != null ? flat : gp[biasIndex[l] - 1];
                int bOff = flat != null ? flatOff + flatOffsetB[l] : 0;
                if (gb != null) {
                    for (int j = 0; j < o; j++) {
                        gb[bOff + j] = 0.0;
                    }
                    for (int i = 0; i < rows; i++) {
                        int row = dOff + i * o;
                        for (int j = 0; j < o; j++) {
                            gb[bOff + j] += d[row + j];
                        }
                    }
                    if (scale != 1.0) {
                        for (int j = 0; j < o; j++) {
                            gb[bOff + j] *= scale;
                        }
                    }
                }
            }
            if (l == 0 && gx == null) {
                break;
            }
            int m = rows * in;
            boolean direct = l == 0 && !cube;
            double[] gh = direct ? gx : s.get(slot, m);
            int ghOff = direct ? gxOff : 0;
            Gemm.gemm(false, false, rows, in, o, direct ? scale : 1.0, d, dOff, o, w, 0, in, 0.0, gh, ghOff, in);
            slot = slot == SLOT_D0 ? SLOT_D1 : SLOT_D0;
            d = gh;
            dOff = ghOff;
        }
        if (gx != null && cube) {
            int m = rows * widths[0];
            for (int i = 0; i < m; i++) {
                double v = x[i];
                gx[gxOff + i] = scale * (d[i] * (v * v * 3.0));
            }
        }
    }

    /**
     * The backward rule as differentiable tensor operations (create-graph): the forward pass again
     * through the per-operation path, then the chain rule written out with tensor operations.
     */
    private Tensor[] composableBackward(Tensor g, Tensor x, Tensor[] inputs) {
        int count = layers.length;
        Tensor[] hs = new Tensor[count + 1];
        Tensor[] zs = new Tensor[count];
        hs[0] = cube ? x.pow(3) : x;
        for (int l = 0; l < count; l++) {
            zs[l] = Functional.linear(hs[l], layers[l].weight(), layers[l].bias());
            hs[l + 1] = acts[l].apply(zs[l]);
        }
        Tensor[] grads = new Tensor[inputs.length];
        Tensor d = g;
        for (int l = count - 1; l >= 0; l--) {
            d = switch (acts[l]) {
                case TANH -> d.mul(hs[l + 1].square().neg().add(1.0));
                case SIGMOID -> d.mul(hs[l + 1].mul(hs[l + 1].neg().add(1.0)));
                case RELU -> d.mul(zs[l].gt(0));
                case ELU -> d.mul(Tensor.where(zs[l].gt(0), Tensor.scalar(1.0), hs[l + 1].add(1.0)));
                case SOFTPLUS -> d.mul(Tensor.where(zs[l].gt(SOFTPLUS_THRESHOLD), Tensor.scalar(1.0), zs[l].sigmoid()));
                case IDENTITY -> d;
                default -> throw new AssertionError(acts[l]);
            };
            int in = widths[l];
            int o = widths[l + 1];
            int rows = d.numel() / o;
            Tensor d2 = d.reshape(rows, o);
            Tensor h2 = hs[l].reshape(rows, in);
            if (layers[l].weight().requiresGrad()) {
                grads[weightIndex[l]] = Functional.matmulTN(d2, h2);
            }
            if (biasIndex[l] >= 0 && layers[l].bias().requiresGrad()) {
                grads[biasIndex[l]] = d2.sum(0, false);
            }
            if (l > 0 || x.requiresGrad()) {
                d = d2.matmul(layers[l].weight()).reshape(hs[l].shape());
            }
        }
        if (x.requiresGrad()) {
            grads[0] = cube ? d.mul(x.pow(2.0).mul(3.0)) : d;
        }
        return grads;
    }

    // ------------------------------------------------------------------ the adjoint's fast path

    /**
     * f = mlp(x) and the VJP with cotangent a on flat arrays, without any tensor or node: gx =
     * scale·aᵀ∂f/∂x and the parameters' gradients scale·aᵀ∂f/∂θ in the flat layout [W1, b1, W2, …]
     * (row-major, absent biases skipped), which is {@link Module#parameters()} order for a
     * {@link Sequential} of these layers.
     *
     * @param x the input, rows × in features at {@code xOff}; not modified
     * @param a the cotangent, rows × out features at {@code aOff}; not modified
     * @param f receives the output at {@code fOff}, or {@code null}
     * @param gx receives the input gradient at {@code gxOff}
     * @param gp receives the parameter gradients at {@code gpOff}
     */
    void vjp(double[] x, int xOff, double[] a, int aOff, int rows, double[] f, int fOff, double[] gx, int gxOff,
             double[] gp, int gpOff, double scale) {
        Scratch s = SCRATCH.get();
        int count = layers.length;
        int outN = rows * outFeatures();
        double[] y = f != null ? f : s.get(SLOT_LAYERS + 2 * count, outN);
        int yOff = f != null ? fOff : 0;
        double[] xs = x;
        if (cube && xOff != 0) {
            xs = s.get(SLOT_LAYERS + 2 * count + 1, rows * widths[0]);
            System.arraycopy(x, xOff, xs, 0, rows * widths[0]);
        }
        // forward with every intermediate in the scratch; the pre/post views of the scratch slots
        double[][] pre = new double[count][];
        double[][] post = new double[count][];
        runScratch(x, xOff, rows, y, yOff, s, pre, post);
        double[] u;
        if (cube) {
            u = s.get(SLOT_U, rows * widths[0]);
        } else if (xOff == 0) {
            u = x;
        } else {
            u = s.get(SLOT_U, rows * widths[0]);
            System.arraycopy(x, xOff, u, 0, rows * widths[0]);
        }
        backwardArrays(a, aOff, rows, cube ? xs : null, u, pre, post, gx, gxOff, null, gp, gpOff, scale, s);
    }

    /** The unrecorded forward pass, exposing where the intermediates of each layer are. */
    private void runScratch(double[] x, int xOff, int rows, double[] out, int outOff, Scratch s, double[][] pre,
                            double[][] post) {
        run(x, xOff, rows, out, outOff, s, null);
        int count = layers.length;
        for (int l = 0; l < count; l++) {
            int n = rows * widths[l + 1];
            boolean last = l == count - 1;
            Activation act = acts[l];
            if (needsPre(act)) {
                pre[l] = s.get(SLOT_LAYERS + count + l, n);
                post[l] = last ? null : s.get(SLOT_LAYERS + l, n);
            } else {
                post[l] = last ? null : s.get(SLOT_LAYERS + count + l, n);
            }
        }
        if (acts[count - 1] != Activation.IDENTITY) {
            // the last activation's output is needed at offset 0 for its derivative
            int n = rows * outFeatures();
            double[] t = s.get(SLOT_LAYERS + 2 * count + 2, n);
            System.arraycopy(out, outOff, t, 0, n);
            post[count - 1] = t;
        }
    }

    /** Per-thread scratch arrays by slot, grown on demand. */
    private static final class Scratch {
        private double[][] slots = new double[8][];

        double[] get(int slot, int n) {
            if (slot >= slots.length) {
                slots = Arrays.copyOf(slots, Math.max(slot + 1, 2 * slots.length));
            }
            double[] a = slots[slot];
            if (a == null || a.length < n) {
                a = new double[n];
                slots[slot] = a;
            }
            return a;
        }
    }
}
