package org.neuralode4j.nn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.neuralode4j.autodiff.Autodiff;
import org.neuralode4j.autodiff.Backward;
import org.neuralode4j.autodiff.Tape;
import org.neuralode4j.tensor.Gemm;
import org.neuralode4j.tensor.NarrowMlp;
import org.neuralode4j.tensor.Tensor;
import org.neuralode4j.tensor.VectorMath;

/**
 * A multilayer perceptron [Linear, activation, Linear, (activation, Linear) …, (activation)]
 * evaluated as one operation: the forward pass runs on raw arrays ({@link Gemm} for the products,
 * {@link VectorMath} for tanh and sigmoid) and is recorded as ONE autodiff node whose backward
 * rule computes the vector–Jacobian product with respect to the input and every weight and bias in
 * raw loops as well. Small neural vector fields (the spiral's 2 → 50 → 2) spend most of their time
 * in per-operation overhead (allocations, graph nodes), which this removes. The formulas are those
 * of the per-operation path ({@link Functional#linear}, then the activation); only the summation
 * order of the products differs, so both agree to rounding (about 10⁻¹⁵ relative).
 *
 * <p>Optional input transform: the cube y³ of torchdiffeq's spiral model ({@link SpiralOdeFunc}).
 *
 * <p>When a backward pass records its own operations (create-graph, for higher derivatives), the
 * backward rule is written with differentiable tensor operations instead, so second derivatives
 * work as through the per-operation path.
 *
 * <p>Layout: activations stay row-major [rows, features] as the caller's tensors are, so the
 * elementwise passes run over whole contiguous arrays and every product contracting over the batch
 * (the weight gradients) is a sum of rank-one updates vectorized along the features, with no
 * horizontal reductions; {@link Gemm} picks the loop order of each product from its shape. (A
 * feature-major layout with the batch along the vectors measured slower on the spiral: it pads the
 * batch to whole vectors for tanh and needs a reduction per weight-gradient entry.)
 *
 * <p>Workspaces: evaluations that record nothing keep their intermediate results in per-thread
 * scratch arrays; recorded evaluations allocate what their backward pass needs.
 * {@link Sequential} and {@link SpiralOdeFunc} dispatch here transparently; parameter names and
 * state dicts do not change.
 */
final class FusedMlp {
    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);
    private static final int SLOT_G0 = 0;
    private static final int SLOT_G1 = 1;
    private static final int SLOT_U = 2;
    private static final int SLOT_LAYERS = 3;
    /** PyTorch's softplus threshold (as the per-operation softplus). */
    private static final double SOFTPLUS_THRESHOLD = 20.0;

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
    /** Two layers, tanh between, at most 4 inputs and outputs: {@link NarrowMlp}'s one-pass kernels apply. */
    private final boolean narrow;

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
        narrow = count == 2 && acts[0] == Activation.TANH && acts[1] == Activation.IDENTITY
                && NarrowMlp.supports(widths[0], widths[2]) && !Boolean.getBoolean("neuralode4j.noNarrowMlp");
    }

    /** The live weights in {@link NarrowMlp}'s terms (buffers, not copies). */
    private NarrowMlp.Weights narrowWeights() {
        Tensor b1 = layers[0].bias();
        Tensor b2 = layers[1].bias();
        return new NarrowMlp.Weights(widths[0], widths[1], widths[2], layers[0].weight().buffer(),
                b1 == null ? null : b1.buffer(), layers[1].weight().buffer(), b2 == null ? null : b2.buffer());
    }

    /** The first layer's input: x itself, or x³ in {@code into} (which is returned). */
    private double[] cubed(double[] x, int xOff, int n, double[] into) {
        for (int i = 0; i < n; i++) {
            double v = x[xOff + i];
            into[i] = v * v * v;
        }
        return into;
    }

    /** x̄ = ū·3x² in place, the cube's chain rule. */
    private static void cubeBackward(double[] x, int xOff, double[] gx, int gxOff, int n) {
        for (int i = 0; i < n; i++) {
            double v = x[xOff + i];
            gx[gxOff + i] *= v * v * 3.0;
        }
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

    // ------------------------------------------------------------------ buffers

    /** One evaluation's intermediates, row-major [rows, features], each at offset 0. */
    private static final class Buffers {
        final int rows;
        /** The input as given, for the cube's derivative (at {@code xOff}). */
        double[] x;
        int xOff;
        /** The first layer's input x³ (with the cube), or {@code null} to read x in place. */
        double[] u;
        /** Pre-activations (only where the derivative needs them: softplus). */
        final double[][] pre;
        /** Layer outputs; the last one is the output itself when it is at offset 0. */
        final double[][] post;

        Buffers(int rows, int layers) {
            this.rows = rows;
            this.pre = new double[layers][];
            this.post = new double[layers][];
        }
    }

    /**
     * Buffers for an evaluation: fresh arrays for a recorded one (its backward pass needs them
     * later), the thread's scratch slots otherwise. The last layer's output array is the caller's.
     */
    private Buffers buffers(int rows, Scratch s) {
        Buffers b = new Buffers(rows, layers.length);
        ArrayPool pool = s == null ? POOL.get() : null;
        if (cube) {
            int n = rows * widths[0];
            b.u = s == null ? pool.take(n) : s.get(SLOT_U, n);
        }
        for (int l = 0; l < layers.length; l++) {
            int n = rows * widths[l + 1];
            if (l + 1 < layers.length || acts[l] != Activation.IDENTITY) {
                b.post[l] = s == null ? pool.take(n) : s.get(SLOT_LAYERS + 2 * l, n);
            }
            if (needsPre(acts[l])) {
                b.pre[l] = s == null ? pool.take(n) : s.get(SLOT_LAYERS + 2 * l + 1, n);
            }
        }
        return b;
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
        if (narrow) {
            return narrowForward(x, rows, out, inputs);
        }
        if (!Autodiff.shouldRecord(inputs)) {
            run(x.buffer(), 0, buffers(rows, SCRATCH.get()), out.buffer(), 0);
            return out;
        }
        Buffers b = buffers(rows, null);
        run(x.buffer(), 0, b, out.buffer(), 0);
        long bytes = b.u == null ? 0 : 8L * b.u.length;
        for (int l = 0; l < layers.length; l++) {
            bytes += (b.post[l] != null && b.post[l] != out.buffer() ? 8L * b.post[l].length : 0)
                    + (b.pre[l] != null ? 8L * b.pre[l].length : 0);
        }
        return Autodiff.record(cube ? "fusedCubeMlp" : "fusedMlp", out, new Rule(inputs, b, out.buffer()), bytes, inputs);
    }

    private Tensor narrowForward(Tensor x, int rows, Tensor out, Tensor[] inputs) {
        int n = rows * widths[0];
        if (!Autodiff.shouldRecord(inputs)) {
            double[] u = cube ? cubed(x.buffer(), 0, n, SCRATCH.get().get(SLOT_U, n)) : x.buffer();
            NarrowMlp.forward(narrowWeights(), rows, u, 0, out.buffer(), 0, null);
            return out;
        }
        ArrayPool pool = POOL.get();
        double[] u = cube ? cubed(x.buffer(), 0, n, pool.take(n)) : x.buffer();
        double[] h = pool.take(rows * NarrowMlp.paddedHidden(widths[1]));
        NarrowMlp.forward(narrowWeights(), rows, u, 0, out.buffer(), 0, h);
        long bytes = 8L * h.length + (cube ? 8L * n : 0);
        return Autodiff.record(cube ? "fusedCubeMlp" : "fusedMlp", out, new NarrowRule(inputs, rows, u, h), bytes, inputs);
    }

    /** The recorded node of the narrow path: the hidden layer's tanh outputs are all it keeps. */
    private final class NarrowRule implements Backward {
        private final Tensor[] inputs;
        private final int rows;
        private double[] u;
        private double[] h;

        NarrowRule(Tensor[] inputs, int rows, double[] u, double[] h) {
            this.inputs = inputs;
            this.rows = rows;
            this.u = u;
            this.h = h;
        }

        @Override
        public Tensor[] apply(Tensor g) {
            if (h == null) {
                throw new IllegalStateException("fused MLP node used after its release");
            }
            Tensor x = inputs[0];
            if (Tape.current().isRecording()) {
                return composableBackward(g, x, inputs);
            }
            Tensor[] grads = new Tensor[inputs.length];
            for (int i = 0; i < params.length; i++) {
                if (params[i].requiresGrad()) {
                    grads[i + 1] = Tensor.zeros(params[i].shape());
                }
            }
            double[] gx = null;
            if (x.requiresGrad()) {
                grads[0] = Tensor.zeros(x.shape());
                gx = grads[0].buffer();
            }
            NarrowMlp.backward(narrowWeights(), rows, u, 0, h, g.buffer(), 0, 1.0, gx, 0, buf(grads, weightIndex[0]), 0,
                    biasIndex[0] < 0 ? null : buf(grads, biasIndex[0]), 0, buf(grads, weightIndex[1]), 0,
                    biasIndex[1] < 0 ? null : buf(grads, biasIndex[1]), 0);
            if (gx != null && cube) {
                cubeBackward(x.buffer(), 0, gx, 0, gx.length);
            }
            return grads;
        }

        @Override
        public void release() {
            if (h == null) {
                return;
            }
            ArrayPool pool = POOL.get();
            pool.put(h);
            if (cube) {
                pool.put(u);
            }
            h = null;
            u = null;
        }
    }

    private static double[] buf(Tensor[] grads, int i) {
        return grads[i] == null ? null : grads[i].buffer();
    }

    /** The recorded node's backward rule; its buffers go back to the thread's pool when the node is released. */
    private final class Rule implements Backward {
        private final Tensor[] inputs;
        private Buffers buffers;
        private final double[] output;

        Rule(Tensor[] inputs, Buffers buffers, double[] output) {
            this.inputs = inputs;
            this.buffers = buffers;
            this.output = output;
        }

        @Override
        public Tensor[] apply(Tensor g) {
            if (buffers == null) {
                throw new IllegalStateException("fused MLP node used after its release");
            }
            return backward(g, inputs, buffers);
        }

        @Override
        public void release() {
            Buffers b = buffers;
            buffers = null;
            if (b == null) {
                return;
            }
            ArrayPool pool = POOL.get();
            pool.put(b.u);
            for (int l = 0; l < layers.length; l++) {
                if (b.post[l] != output) {
                    pool.put(b.post[l]);
                }
                pool.put(b.pre[l]);
            }
        }
    }

    /** The forward pass; writes the output (rows × out features) at {@code outOff} of {@code out}. */
    private void run(double[] x, int xOff, Buffers b, double[] out, int outOff) {
        int rows = b.rows;
        b.x = x;
        b.xOff = xOff;
        double[] h = x;
        int hOff = xOff;
        if (cube) {
            int n = rows * widths[0];
            for (int i = 0; i < n; i++) {
                double v = x[xOff + i];
                b.u[i] = v * v * v;
            }
            h = b.u;
            hOff = 0;
        }
        int count = layers.length;
        for (int l = 0; l < count; l++) {
            int in = widths[l];
            int o = widths[l + 1];
            Activation act = acts[l];
            boolean last = l == count - 1;
            double[] z;
            int zOff;
            if (needsPre(act)) {
                z = b.pre[l];
                zOff = 0;
            } else if (last && act == Activation.IDENTITY) {
                z = out;
                zOff = outOff;
            } else {
                z = b.post[l];
                zOff = 0;
            }
            Tensor bias = layers[l].bias();
            if (bias != null) {
                double[] bb = bias.buffer();
                for (int i = 0; i < rows; i++) {
                    System.arraycopy(bb, 0, z, zOff + i * o, o);
                }
            }
            // Z = H·Wᵀ (+ b): both row-major, W read in place
            Gemm.gemm(false, true, rows, o, in, 1.0, h, hOff, in, layers[l].weight().buffer(), 0, in,
                    bias == null ? 0.0 : 1.0, z, zOff, o);
            if (act != Activation.IDENTITY) {
                activate(act, z, b.post[l], rows * o);
                if (last) {
                    System.arraycopy(b.post[l], 0, out, outOff, rows * o);
                }
            } else if (!last) {
                b.post[l] = z;
            }
            h = last ? null : b.post[l];
            hOff = 0;
        }
        if (acts[count - 1] == Activation.IDENTITY && outOff == 0) {
            b.post[count - 1] = out;
        }
    }

    /** y = act(z) elementwise (y may be z), with the kernels and formulas of the per-operation path. */
    private static void activate(Activation act, double[] z, double[] y, int n) {
        switch (act) {
            case TANH -> VectorMath.get().tanh(z, y, n);
            case SIGMOID -> VectorMath.get().sigmoid(z, y, n);
            case RELU -> {
                for (int i = 0; i < n; i++) {
                    double v = z[i];
                    y[i] = v > 0 ? v : (Double.isNaN(v) ? v : 0.0);
                }
            }
            case ELU -> {
                for (int i = 0; i < n; i++) {
                    double v = z[i];
                    y[i] = v > 0 ? v : Math.expm1(v);
                }
            }
            case SOFTPLUS -> VectorMath.get().softplus(z, y, n);
            case IDENTITY -> {
                if (y != z) {
                    System.arraycopy(z, 0, y, 0, n);
                }
            }
            default -> throw new AssertionError(act);
        }
    }

    /**
     * d = g·act'(·) elementwise (d may be g), with the per-operation path's formulas: tanh 1 − y²,
     * sigmoid y(1 − y), relu [y &gt; 0], elu [y &gt; 0] or y + 1, softplus [z &gt; 20] or σ(z).
     */
    private static void activationBackward(Activation act, double[] g, int gOff, double[] pre, double[] post,
                                           double[] d, int n) {
        switch (act) {
            case TANH -> VectorMath.get().tanhBackward(g, gOff, post, d, n);
            case SIGMOID -> VectorMath.get().sigmoidBackward(g, gOff, post, d, n);
            case RELU -> {
                for (int i = 0; i < n; i++) {
                    d[i] = g[gOff + i] * (post[i] > 0 ? 1.0 : 0.0);
                }
            }
            case ELU -> {
                for (int i = 0; i < n; i++) {
                    double y = post[i];
                    d[i] = g[gOff + i] * (y > 0 ? 1.0 : y + 1.0);
                }
            }
            case SOFTPLUS -> VectorMath.get().softplusBackward(g, gOff, pre, d, n);
            default -> throw new AssertionError(act);
        }
    }

    // ------------------------------------------------------------------ backward

    private Tensor[] backward(Tensor g, Tensor[] inputs, Buffers b) {
        Tensor x = inputs[0];
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
        backwardArrays(b, g.buffer(), 0, gx, 0, gp, null, 0, 1.0, SCRATCH.get());
        return grads;
    }

    /**
     * The VJP on arrays. Parameter gradients go either to one array per parameter ({@code gp}, entries
     * {@code null} to skip) or to the flat layout at {@code flatOff} of {@code flat}; everything is
     * multiplied by {@code scale} and overwrites its target.
     *
     * @param g the cotangent, rows × out features at {@code gOff}; not modified
     * @param gx receives x̄ at {@code gxOff}, or {@code null}
     */
    private void backwardArrays(Buffers b, double[] g, int gOff, double[] gx, int gxOff, double[][] gp, double[] flat,
                                int flatOff, double scale, Scratch s) {
        int count = layers.length;
        int rows = b.rows;
        double[] d = g;
        int dOff = gOff;
        int slot = SLOT_G0;
        for (int l = count - 1; l >= 0; l--) {
            int in = widths[l];
            int o = widths[l + 1];
            Activation act = acts[l];
            if (act != Activation.IDENTITY) {
                double[] dl = d == g ? s.get(slot, rows * o) : d;
                activationBackward(act, d, dOff, b.pre[l], b.post[l], dl, rows * o);
                if (d == g) {
                    slot = slot == SLOT_G0 ? SLOT_G1 : SLOT_G0;
                }
                d = dl;
                dOff = 0;
            }
            double[] h;
            int hOff;
            if (l > 0) {
                h = b.post[l - 1];
                hOff = 0;
            } else if (cube) {
                h = b.u;
                hOff = 0;
            } else {
                h = b.x;
                hOff = b.xOff;
            }
            // W̄ = Dᵀ·H, contracted over the batch: rank-one updates along the features
            int wi = weightIndex[l] - 1;
            double[] gw = flat != null ? flat : gp[wi];
            if (gw != null) {
                int wOff = flat != null ? flatOff + flatOffsetW[l] : 0;
                Gemm.gemm(true, false, o, in, rows, scale, d, dOff, o, h, hOff, in, 0.0, gw, wOff, in);
            }
            if (biasIndex[l] >= 0) {
                double[] gb = flat != null ? flat : gp[biasIndex[l] - 1];
                if (gb != null) {
                    // b̄ = the column sums of D, row by row (a loop along the features, which C2 vectorizes)
                    int bOff = flat != null ? flatOff + flatOffsetB[l] : 0;
                    Arrays.fill(gb, bOff, bOff + o, 0.0);
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
            // the layer input's gradient D·W
            boolean direct = l == 0 && !cube;
            double[] gh = direct ? gx : s.get(slot, rows * in);
            int ghOff = direct ? gxOff : 0;
            Gemm.gemm(false, false, rows, in, o, direct ? scale : 1.0, d, dOff, o, layers[l].weight().buffer(), 0, in,
                    0.0, gh, ghOff, in);
            slot = slot == SLOT_G0 ? SLOT_G1 : SLOT_G0;
            d = gh;
            dOff = ghOff;
        }
        if (gx != null && cube) {
            int n = rows * widths[0];
            double[] x = b.x;
            int xOff = b.xOff;
            for (int i = 0; i < n; i++) {
                double v = x[xOff + i];
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
            if (l == count - 1 && acts[l] == Activation.IDENTITY) {
                break; // the output itself is not needed, and recording it would leave a node nothing reads
            }
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
        if (narrow) {
            int n = rows * widths[0];
            double[] u = cube ? cubed(x, xOff, n, s.get(SLOT_U, n)) : x;
            int uOff = cube ? 0 : xOff;
            NarrowMlp.forwardVjp(narrowWeights(), rows, u, uOff, a, aOff, f, fOff, scale, gx, gxOff,
                    gp, gpOff + flatOffsetW[0], biasIndex[0] < 0 ? null : gp, gpOff + flatOffsetB[0],
                    gp, gpOff + flatOffsetW[1], biasIndex[1] < 0 ? null : gp, gpOff + flatOffsetB[1]);
            if (cube) {
                cubeBackward(x, xOff, gx, gxOff, n);
            }
            return;
        }
        Buffers b = buffers(rows, s);
        double[] y = f;
        int yOff = fOff;
        if (f == null) {
            y = s.get(SLOT_LAYERS + 2 * layers.length, rows * outFeatures());
            yOff = 0;
        }
        run(x, xOff, b, y, yOff);
        backwardArrays(b, a, aOff, gx, gxOff, null, gp, gpOff, scale, s);
    }

    // ------------------------------------------------------------------ direct backpropagation's split pair

    /**
     * Doubles {@link #forwardSaving} keeps per evaluation of {@code rows} rows on the narrow path
     * ({@link NarrowMlp}): the first layer's input x³ (with the cube) and the hidden layer's tanh
     * outputs, all its backward pass reads besides x; 0 otherwise (the VJP then recomputes the forward
     * pass, {@link #vjp}).
     */
    int savedSize(int rows) {
        return narrow ? (cube ? rows * widths[0] : 0) + rows * NarrowMlp.paddedHidden(widths[1]) : 0;
    }

    /**
     * f = mlp(x) on flat arrays, keeping what {@link SavedVjpSum} needs at {@code savedOff} of {@code saved}
     * (the narrow path only: {@link #savedSize} &gt; 0). The same kernel and arithmetic as a recorded
     * {@link #forward}, so the output is bit-identical to it.
     */
    void forwardSaving(double[] x, int xOff, int rows, double[] f, int fOff, double[] saved, int savedOff) {
        if (!narrow) {
            throw new IllegalStateException("forwardSaving: only the narrow two-layer tanh network saves its forward pass");
        }
        int n = rows * widths[0];
        if (cube) {
            for (int i = 0; i < n; i++) {
                double v = x[xOff + i];
                saved[savedOff + i] = v * v * v;
            }
            NarrowMlp.forward(narrowWeights(), rows, saved, savedOff, f, fOff, saved, savedOff + n);
        } else {
            NarrowMlp.forward(narrowWeights(), rows, x, xOff, f, fOff, saved, savedOff);
        }
    }

    /**
     * VJPs of evaluations made by {@link #forwardSaving} with the parameters' gradients summed in the
     * kernels' layout ({@link NarrowMlp.GradientSum}) and written out once, in the flat layout of
     * {@link #vjp}: the backward rule of a recorded {@link #forward}, on arrays, without repeating the
     * forward pass. The narrow path only.
     */
    final class SavedVjpSum {
        private final NarrowMlp.GradientSum sum = new NarrowMlp.GradientSum();

        /**
         * gx = aᵀ∂f/∂x (overwritten) for the evaluation at x whose intermediates are at {@code savedOff},
         * and its parameters' gradients added to the sum.
         */
        void vjp(double[] x, int xOff, int rows, double[] saved, int savedOff, double[] a, int aOff, double[] gx,
                 int gxOff) {
            int n = rows * widths[0];
            if (cube) {
                NarrowMlp.backwardInto(narrowWeights(), rows, saved, savedOff, saved, savedOff + n, a, aOff, gx, gxOff,
                        sum);
                cubeBackward(x, xOff, gx, gxOff, n);
            } else {
                NarrowMlp.backwardInto(narrowWeights(), rows, x, xOff, saved, savedOff, a, aOff, gx, gxOff, sum);
            }
        }

        /** Adds the summed gradients to gp in the flat layout [W1, b1, W2, b2] from {@code gpOff} on. */
        void addTo(double[] gp, int gpOff) {
            sum.addTo(gp, gpOff + flatOffsetW[0], biasIndex[0] < 0 ? null : gp, gpOff + flatOffsetB[0],
                    gp, gpOff + flatOffsetW[1], biasIndex[1] < 0 ? null : gp, gpOff + flatOffsetB[1]);
        }
    }

    /** A new sum of VJPs of saved evaluations (the narrow path only: {@link #savedSize} &gt; 0). */
    SavedVjpSum vjpSum() {
        if (!narrow) {
            throw new IllegalStateException("vjpSum: only the narrow two-layer tanh network saves its forward pass");
        }
        return new SavedVjpSum();
    }

    private static final ThreadLocal<ArrayPool> POOL = ThreadLocal.withInitial(ArrayPool::new);

    /**
     * Arrays that recorded evaluations keep for their backward pass, recycled: a backward pass that
     * releases the graph (the usual case) returns them, and the next recorded evaluations take them
     * instead of allocating (and zeroing) fresh ones. Bounded; arrays of a graph that is retained or
     * dropped are left to the garbage collector.
     */
    private static final class ArrayPool {
        private static final int PER_LENGTH = 256;
        private static final long MAX_DOUBLES = 2L << 20;
        private final java.util.HashMap<Integer, java.util.ArrayDeque<double[]>> free = new java.util.HashMap<>();
        private long held;

        double[] take(int n) {
            java.util.ArrayDeque<double[]> q = free.get(n);
            double[] a = q == null ? null : q.pollLast();
            if (a == null) {
                return new double[n];
            }
            held -= n;
            return a;
        }

        void put(double[] a) {
            if (a == null || held + a.length > MAX_DOUBLES) {
                return;
            }
            java.util.ArrayDeque<double[]> q = free.computeIfAbsent(a.length, k -> new java.util.ArrayDeque<>());
            if (q.size() < PER_LENGTH) {
                q.addLast(a);
                held += a.length;
            }
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
