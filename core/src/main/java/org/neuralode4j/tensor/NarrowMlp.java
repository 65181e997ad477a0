package org.neuralode4j.tensor;

import java.util.Arrays;

/**
 * The two-layer perceptron y = tanh(u·W1ᵀ + b1)·W2ᵀ + b2 with few inputs and outputs (at most
 * {@value #MAX_FEATURES} each) and any hidden width: the shape of most neural ODE vector fields
 * (torchdiffeq's spiral: 2 → 50 → 2). Evaluated row by row with a chunk of hidden units at a time
 * held in vector registers, its forward pass and its vector–Jacobian product (with respect to the
 * input and all weights and biases) are one pass over the hidden units per row: no intermediate
 * array, no product kernel call, and no transposition. The per-layer path ({@link Gemm} plus
 * {@link VectorMath}) spends most of its time in per-call overhead and vector tails at these sizes.
 *
 * <p>Two kernels: {@link PanamaNarrowMlp} on the Vector API when its module is present, and
 * {@link ScalarNarrowMlp} in plain Java otherwise (or with {@code -Dneuralode4j.vectorMath=scalar}),
 * which replaces the per-layer path there (the README's "What works today" has the spiral's
 * figures). With the Vector API present, {@value #KERNEL_PROPERTY}{@code =scalar} (or {@code plain})
 * picks the plain kernel at the vector kernel's lane count, which gives the same bits: runs too short
 * to pay for the Vector API's JIT warm-up (about a second) finish sooner on it; the command line
 * chooses so for short trainings.
 *
 * <p>Hidden units are padded to whole vectors with zero weights ({@link #paddedHidden}), which
 * contribute nothing. The tanh is {@link NarrowTanh}'s (within 3 ulps of {@link Math#tanh}); products
 * are summed in another order than the per-layer path's, so results agree with it to rounding.
 *
 * <p>Per-thread workspaces hold the weights rearranged for the kernel (W1 transposed, all padded);
 * they are rebuilt only when the weights' values change, so the ~120 evaluations of one adjoint
 * solve rearrange them once.
 */
public final class NarrowMlp {
    /** The largest number of input or output features. */
    public static final int MAX_FEATURES = 4;

    /**
     * The row kernels: inputs and outputs padded to {@code width} (2 or 4) features, rows of u, a, y
     * and ū {@code width} apart; weights as width × hp, hidden units padded to whole vectors.
     */
    interface Kernel {
        int lanes();

        /**
         * y [rows × width] = W2·tanh(W1ᵀ·u + b1) without b2 (hidden: the width before padding); saves h [rows × hp] at hOff when hSave is not
         * null; yacc: scratch of rows × width × lanes.
         */
        void forward(int width, int rows, int hp, int hidden, double[] u, double[] w1t, double[] b1, double[] w2, double[] y,
                     double[] hSave, int hOff, double[] yacc);

        /** The VJP from h saved at hOff: overwrites gu, gw1t, gb1, gw2; gacc: scratch of rows × max(width × lanes, hp). */
        void backward(int width, int rows, int hp, double[] u, double[] hSaved, int hOff, double[] a, double[] w1t,
                      double[] w2, double[] gu, double[] gw1t, double[] gb1, double[] gw2, double[] gacc);

        /** forward and backward in one pass; gacc: scratch of at least max(rows × width × lanes, width × lanes + hp). */
        void forwardVjp(int width, int rows, int hp, double[] u, double[] a, double[] w1t, double[] b1, double[] w2,
                        double[] y, double[] gu, double[] gw1t, double[] gb1, double[] gw2, double[] yacc, double[] gacc);
    }

    /**
     * The system property that picks the kernel where the Vector API is present: {@code vector} (the
     * default) or {@code scalar} (also {@code plain}), the plain kernel with the vector kernel's lanes
     * (the same bits). Read once, when the class initializes.
     */
    public static final String KERNEL_PROPERTY = "neuralode4j.narrowMlp";

    static final Kernel KERNEL = chooseKernel();
    private static final ThreadLocal<Workspace> WORKSPACE = ThreadLocal.withInitial(Workspace::new);

    private NarrowMlp() {
    }

    private static Kernel chooseKernel() {
        Kernel vector = null;
        if (!"scalar".equals(System.getProperty("neuralode4j.vectorMath"))
                && ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()) {
            try {
                Class<?> c = Class.forName("org.neuralode4j.tensor.PanamaNarrowMlp");
                vector = (Kernel) c.getDeclaredConstructor().newInstance();
            } catch (ReflectiveOperationException | LinkageError e) {
                System.getLogger(NarrowMlp.class.getName()).log(System.Logger.Level.DEBUG,
                        "Vector API MLP kernel unavailable: " + e);
            }
        }
        if (vector == null) {
            return new ScalarNarrowMlp(1);
        }
        // the plain kernel at the vector kernel's lane count gives the vector kernel's bits (a short
        // run skips the Vector API's JIT warm-up with it; see the class comment)
        String choice = System.getProperty(KERNEL_PROPERTY, "vector");
        return choice.equals("scalar") || choice.equals("plain") ? new ScalarNarrowMlp(vector.lanes()) : vector;
    }

    /**
     * The kernel in use: {@code "vector (L lanes)"}, or {@code "plain (L lanes)"} for the plain-Java one
     * (with the vector kernel's lanes when the Vector API is present, or one lane without it).
     */
    public static String kernelName() {
        return (vectorized() ? "vector" : "plain") + " (" + KERNEL.lanes() + (KERNEL.lanes() == 1 ? " lane)" : " lanes)");
    }

    /** Whether the kernels run on the Vector API here (its module is present), rather than in plain Java. */
    public static boolean vectorized() {
        return KERNEL instanceof PanamaNarrowMlp;
    }

    /** Whether a network from {@code in} to {@code out} features fits the kernels. */
    public static boolean supports(int in, int out) {
        return in >= 1 && in <= MAX_FEATURES && out >= 1 && out <= MAX_FEATURES;
    }

    /** Hidden units rounded up to whole vectors: the width of a saved hidden row. */
    public static int paddedHidden(int hidden) {
        int l = KERNEL.lanes();
        return (hidden + l - 1) / l * l;
    }

    /** The network's parameters as given: W1 [hidden × in], b1 [hidden] or null, W2 [out × hidden], b2 [out] or null. */
    public record Weights(int in, int hidden, int out, double[] w1, double[] b1, double[] w2, double[] b2) {
    }

    /**
     * The forward pass: y = tanh(u·W1ᵀ + b1)·W2ᵀ + b2 for {@code rows} rows.
     *
     * @param u rows × in at {@code uOff}; not modified
     * @param y receives rows × out at {@code yOff}
     * @param hSave receives tanh's outputs, rows × {@link #paddedHidden}(hidden), for {@link #backward};
     *              {@code null} when not needed
     */
    public static void forward(Weights w, int rows, double[] u, int uOff, double[] y, int yOff, double[] hSave) {
        forward(w, rows, u, uOff, y, yOff, hSave, 0);
    }

    /**
     * The forward pass saving tanh's outputs at {@code hOff} of {@code hSave} (a slice of a larger
     * store, e.g. one evaluation among all those of a solve).
     */
    public static void forward(Weights w, int rows, double[] u, int uOff, double[] y, int yOff, double[] hSave,
                               int hOff) {
        Workspace ws = WORKSPACE.get();
        Packed p = ws.pack(w);
        int pw = p.width;
        double[] u4 = ws.rows4(0, rows);
        pad4(u, uOff, rows, w.in, pw, u4);
        double[] y4 = ws.rows4(2, rows);
        KERNEL.forward(pw, rows, p.hp, w.hidden, u4, p.w1t, p.b1, p.w2, y4, hSave, hOff, ws.acc(0, rows));
        unpad4(y4, rows, w.out, pw, w.b2, 1.0, y, yOff);
    }

    /**
     * The vector–Jacobian product from a forward pass's saved hidden outputs: ū = scale·aᵀ∂y/∂u and
     * the parameters' gradients scale·aᵀ∂y/∂θ; every target overwritten, {@code null} skips one.
     *
     * @param a the cotangent, rows × out at {@code aOff}; not modified
     */
    public static void backward(Weights w, int rows, double[] u, int uOff, double[] hSaved, double[] a, int aOff,
                                double scale, double[] gu, int guOff, double[] gw1, int gw1Off, double[] gb1, int gb1Off,
                                double[] gw2, int gw2Off, double[] gb2, int gb2Off) {
        backward(w, rows, u, uOff, hSaved, 0, a, aOff, scale, gu, guOff, gw1, gw1Off, gb1, gb1Off, gw2, gw2Off, gb2, gb2Off);
    }

    /** {@link #backward} from hidden outputs saved at {@code hOff} of {@code hSaved}. */
    public static void backward(Weights w, int rows, double[] u, int uOff, double[] hSaved, int hOff, double[] a,
                                int aOff, double scale, double[] gu, int guOff, double[] gw1, int gw1Off, double[] gb1,
                                int gb1Off, double[] gw2, int gw2Off, double[] gb2, int gb2Off) {
        Workspace ws = WORKSPACE.get();
        Packed p = ws.pack(w);
        Accumulators acc = runBackward(ws, p, w, rows, u, uOff, hSaved, hOff, a, aOff);
        write(w, rows, a, aOff, scale, ws.rows4(3, rows), gu, guOff, acc, gw1, gw1Off, gb1, gb1Off, gw2, gw2Off, gb2,
                gb2Off, p.hp);
    }

    /**
     * The backward kernel from saved hidden outputs on padded rows: the input gradient into the
     * workspace's slot-3 rows (padded), the parameters' gradients into the returned accumulators.
     */
    private static Accumulators runBackward(Workspace ws, Packed p, Weights w, int rows, double[] u, int uOff,
                                            double[] hSaved, int hOff, double[] a, int aOff) {
        int pw = p.width;
        double[] u4 = ws.rows4(0, rows);
        pad4(u, uOff, rows, w.in, pw, u4);
        double[] a4 = ws.rows4(1, rows);
        pad4(a, aOff, rows, w.out, pw, a4);
        Accumulators acc = ws.accumulators(p.hp);
        KERNEL.backward(pw, rows, p.hp, u4, hSaved, hOff, a4, p.w1t, p.w2, ws.rows4(3, rows), acc.gw1t, acc.gb1,
                acc.gw2, ws.acc(1, rows, p.hp));
        return acc;
    }

    /**
     * Parameter gradients summed over many vector–Jacobian products ({@link #backwardInto}), kept in
     * the kernels' layout and written out once ({@link #addTo}): a reverse sweep through a solve
     * takes one VJP per evaluation and needs only their sum. Each VJP's gradients are added to the
     * sum in call order, as adding each one to the caller's arrays would. Not thread-safe.
     */
    public static final class GradientSum {
        private Weights shape;
        private int hp;
        private double[] gw1t = new double[0];
        private double[] gb1 = new double[0];
        private double[] gw2 = new double[0];
        private double[] gb2 = new double[0];

        private void prepare(Weights w, int paddedHidden) {
            if (shape == null) {
                shape = w;
                hp = paddedHidden;
                gw1t = new double[w.in * hp];
                gb1 = new double[hp];
                gw2 = new double[w.out * hp];
                gb2 = new double[w.out];
            } else if (shape.in != w.in || shape.hidden != w.hidden || shape.out != w.out) {
                throw new IllegalArgumentException("GradientSum: a network of another shape ("
                        + w.in + " -> " + w.hidden + " -> " + w.out + ") joined the sum");
            }
        }

        /**
         * Adds the summed gradients, W̄1 [hidden × in], b̄1, W̄2 [out × hidden] and b̄2 as given, to the
         * targets; {@code null} skips one (as it does for an absent bias). Nothing when no VJP was added.
         */
        public void addTo(double[] gw1, int gw1Off, double[] gb1Out, int gb1Off, double[] gw2Out, int gw2Off,
                          double[] gb2Out, int gb2Off) {
            if (shape == null) {
                return;
            }
            int in = shape.in;
            int hidden = shape.hidden;
            int out = shape.out;
            if (gw1 != null) {
                for (int k = 0; k < in; k++) {
                    for (int j = 0, dst = gw1Off + k; j < hidden; j++, dst += in) {
                        gw1[dst] += gw1t[k * hp + j];
                    }
                }
            }
            if (gb1Out != null) {
                for (int j = 0; j < hidden; j++) {
                    gb1Out[gb1Off + j] += gb1[j];
                }
            }
            if (gw2Out != null) {
                for (int o = 0; o < out; o++) {
                    for (int j = 0; j < hidden; j++) {
                        gw2Out[gw2Off + o * hidden + j] += gw2[o * hp + j];
                    }
                }
            }
            if (gb2Out != null) {
                for (int o = 0; o < out; o++) {
                    gb2Out[gb2Off + o] += gb2[o];
                }
            }
        }
    }

    /**
     * The vector–Jacobian product from saved hidden outputs (at {@code hOff} of {@code hSaved}) with
     * the parameters' gradients added to {@code sum} instead of written out: ū = aᵀ∂y/∂u is
     * overwritten, aᵀ∂y/∂θ joins the sum. The same kernel and arithmetic as {@link #backward}.
     */
    public static void backwardInto(Weights w, int rows, double[] u, int uOff, double[] hSaved, int hOff, double[] a,
                                    int aOff, double[] gu, int guOff, GradientSum sum) {
        Workspace ws = WORKSPACE.get();
        Packed p = ws.pack(w);
        Accumulators acc = runBackward(ws, p, w, rows, u, uOff, hSaved, hOff, a, aOff);
        unpad4(ws.rows4(3, rows), rows, w.in, p.width, null, 1.0, gu, guOff);
        sum.prepare(w, p.hp);
        int hp = p.hp;
        for (int k = 0; k < w.in; k++) {
            add(sum.gw1t, acc.gw1t, k * hp, w.hidden);
        }
        add(sum.gb1, acc.gb1, 0, w.hidden);
        for (int o = 0; o < w.out; o++) {
            add(sum.gw2, acc.gw2, o * hp, w.hidden);
        }
        for (int o = 0; o < w.out; o++) {
            double s = 0;
            for (int r = 0; r < rows; r++) {
                s += a[aOff + r * w.out + o];
            }
            sum.gb2[o] += s;
        }
    }

    /** into[off ..] += x[off ..], count elements. */
    private static void add(double[] into, double[] x, int off, int count) {
        for (int j = off; j < off + count; j++) {
            into[j] += x[j];
        }
    }

    /**
     * The forward pass and the vector–Jacobian product in one pass (the adjoint's evaluation):
     * y (when not null) and the gradients of {@link #backward}.
     */
    public static void forwardVjp(Weights w, int rows, double[] u, int uOff, double[] a, int aOff, double[] y, int yOff,
                                  double scale, double[] gu, int guOff, double[] gw1, int gw1Off, double[] gb1,
                                  int gb1Off, double[] gw2, int gw2Off, double[] gb2, int gb2Off) {
        Workspace ws = WORKSPACE.get();
        Packed p = ws.pack(w);
        int pw = p.width;
        double[] u4 = ws.rows4(0, rows);
        pad4(u, uOff, rows, w.in, pw, u4);
        double[] a4 = ws.rows4(1, rows);
        pad4(a, aOff, rows, w.out, pw, a4);
        double[] y4 = ws.rows4(2, rows);
        double[] gu4 = ws.rows4(3, rows);
        Accumulators acc = ws.accumulators(p.hp);
        KERNEL.forwardVjp(pw, rows, p.hp, u4, a4, p.w1t, p.b1, p.w2, y4, gu4, acc.gw1t, acc.gb1, acc.gw2,
                ws.acc(0, rows), ws.forwardVjpScratch(rows, p.hp));
        if (y != null) {
            unpad4(y4, rows, w.out, pw, w.b2, 1.0, y, yOff);
        }
        write(w, rows, a, aOff, scale, gu4, gu, guOff, acc, gw1, gw1Off, gb1, gb1Off, gw2, gw2Off, gb2, gb2Off, p.hp);
    }

    private static void pad4(double[] x, int off, int rows, int cols, int width, double[] x4) {
        if (cols == width) {
            System.arraycopy(x, off, x4, 0, rows * cols);
            return;
        }
        for (int r = 0; r < rows; r++) {
            int src = off + r * cols;
            int dst = width * r;
            for (int k = 0; k < width; k++) {
                x4[dst + k] = k < cols ? x[src + k] : 0.0;
            }
        }
    }

    private static void unpad4(double[] y4, int rows, int cols, int width, double[] bias, double scale, double[] y,
                               int off) {
        if (cols == width && bias == null) {
            int n = rows * cols;
            for (int i = 0; i < n; i++) {
                y[off + i] = scale * y4[i];
            }
            return;
        }
        if (cols == 2 && width == 2) {
            // the common 2 → 2 case in one flat pass: the general loop's arithmetic, without its inner loop
            double b0 = bias[0];
            double b1 = bias[1];
            for (int i = 0; i < 2 * rows; i += 2) {
                y[off + i] = scale * y4[i] + b0;
                y[off + i + 1] = scale * y4[i + 1] + b1;
            }
            return;
        }
        for (int r = 0; r < rows; r++) {
            int dst = off + r * cols;
            for (int k = 0; k < cols; k++) {
                y[dst + k] = scale * y4[width * r + k] + (bias == null ? 0.0 : bias[k]);
            }
        }
    }

    private static void write(Weights w, int rows, double[] a, int aOff, double scale, double[] gu4, double[] gu, int guOff,
                              Accumulators acc, double[] gw1, int gw1Off, double[] gb1, int gb1Off, double[] gw2,
                              int gw2Off, double[] gb2, int gb2Off, int hp) {
        int in = w.in;
        int hidden = w.hidden;
        int out = w.out;
        if (gu != null) {
            unpad4(gu4, rows, in, Math.max(in, out) <= 2 ? 2 : 4, null, scale, gu, guOff);
        }
        if (gw1 != null) {
            // W̄1 [hidden × in] from its transpose; the input features outermost, so each pass is long
            for (int k = 0; k < in; k++) {
                int src = k * hp;
                for (int j = 0, dst = gw1Off + k; j < hidden; j++, dst += in) {
                    gw1[dst] = scale * acc.gw1t[src + j];
                }
            }
        }
        if (gb1 != null) {
            for (int j = 0; j < hidden; j++) {
                gb1[gb1Off + j] = scale * acc.gb1[j];
            }
        }
        if (gw2 != null) {
            for (int o = 0; o < out; o++) {
                for (int j = 0; j < hidden; j++) {
                    gw2[gw2Off + o * hidden + j] = scale * acc.gw2[o * hp + j];
                }
            }
        }
        if (gb2 != null) {
            for (int o = 0; o < out; o++) {
                double s = 0;
                for (int r = 0; r < rows; r++) {
                    s += a[aOff + r * out + o];
                }
                gb2[gb2Off + o] = scale * s;
            }
        }
    }

    /**
     * Opens a scope on this thread in which the caller promises that no weights given to this class
     * are written to: arrays may be swapped for others, but not changed in place. The kernels read
     * the weights rearranged into their layout, cached per thread for one network at a time; outside
     * a scope each call checks the cache against the weights' values (about 3% of a spiral training
     * iteration), inside one the first call per network does and later calls compare array
     * identities. The promise covers every call on the thread while the scope is open, callbacks
     * included; opening or closing a nested scope makes the next call check the values again, so a
     * solve started inside another (an event handler's, say) sees weights changed before it began.
     * The solvers open a scope around each solve and each reverse sweep ({@code Integrator},
     * {@code RungeKuttaAdjoint}), where the field's parameters are fixed. Close on the thread that
     * opened; every scope of a thread is the same object.
     */
    public static FixedWeights fixWeights() {
        Workspace ws = WORKSPACE.get();
        ws.fixedDepth++;
        ws.fixedScope++;
        return ws.fixed;
    }

    /** A scope of {@link #fixWeights}; {@link #close} ends it. */
    public static final class FixedWeights implements AutoCloseable {
        private final Workspace ws;

        private FixedWeights(Workspace ws) {
            this.ws = ws;
        }

        /** Ends the innermost open scope; the next call checks the weights' values again. */
        @Override
        public void close() {
            if (Thread.currentThread() != ws.owner) {
                throw new IllegalStateException("NarrowMlp.fixWeights: closed on thread '" + Thread.currentThread().getName()
                        + "', opened on '" + ws.owner.getName() + "'; close a scope on the thread that opened it");
            }
            if (ws.fixedDepth == 0) {
                throw new IllegalStateException("NarrowMlp.fixWeights: closed more often than opened");
            }
            ws.fixedDepth--;
            ws.fixedScope++;
        }
    }

    /** The weights rearranged: W1ᵀ and W2 as 4 × hp, b1 as hp, zero-padded. */
    private static final class Packed {
        int hp;
        /** 2 when inputs and outputs both fit in 2, else 4. */
        int width;
        double[] w1t = new double[0];
        double[] b1 = new double[0];
        double[] w2 = new double[0];
        // the values they were built from
        double[] srcW1 = new double[0];
        double[] srcB1;
        double[] srcW2 = new double[0];
        int in;
        int hidden;
        int out;
        // the arrays last checked against, and the fixed-weights scope that check counts for (0: none)
        double[] lastW1;
        double[] lastB1;
        double[] lastW2;
        long checkedInScope;
    }

    /** The gradients in the kernel's layout (each chunk written once by the kernel). */
    private static final class Accumulators {
        double[] gw1t = new double[0];
        double[] gb1 = new double[0];
        double[] gw2 = new double[0];
    }

    private static final class Workspace {
        /** The thread this workspace belongs to (a ThreadLocal's initial value is made on its thread). */
        private final Thread owner = Thread.currentThread();
        private final Packed packed = new Packed();
        private final FixedWeights fixed = new FixedWeights(this);
        /** Open {@link #fixWeights} scopes on this thread, and a number that changes at every open and close. */
        private int fixedDepth;
        private long fixedScope;
        private final Accumulators acc = new Accumulators();
        private final double[][] rows4 = new double[4][0];
        private final double[][] sums = new double[2][0];

        Packed pack(Weights w) {
            Packed p = packed;
            if (fixedDepth > 0 && p.checkedInScope == fixedScope && p.lastW1 == w.w1 && p.lastW2 == w.w2
                    && p.lastB1 == w.b1 && p.in == w.in && p.hidden == w.hidden && p.out == w.out) {
                return p;
            }
            boolean same = p.in == w.in && p.hidden == w.hidden && p.out == w.out && Arrays.equals(p.srcW1, w.w1)
                    && Arrays.equals(p.srcW2, w.w2) && (w.b1 == null ? p.srcB1 == null : Arrays.equals(p.srcB1, w.b1));
            if (same) {
                return checked(p, w);
            }
            int hp = paddedHidden(w.hidden);
            p.width = Math.max(w.in, w.out) <= 2 ? 2 : 4;
            p.in = w.in;
            p.hidden = w.hidden;
            p.out = w.out;
            p.hp = hp;
            if (p.w1t.length < 4 * hp) {
                p.w1t = new double[4 * hp];
                p.w2 = new double[4 * hp];
                p.b1 = new double[hp];
            }
            Arrays.fill(p.w1t, 0.0);
            Arrays.fill(p.w2, 0.0);
            Arrays.fill(p.b1, 0.0);
            for (int j = 0; j < w.hidden; j++) {
                for (int k = 0; k < w.in; k++) {
                    p.w1t[k * hp + j] = w.w1[j * w.in + k];
                }
                if (w.b1 != null) {
                    p.b1[j] = w.b1[j];
                }
            }
            for (int o = 0; o < w.out; o++) {
                System.arraycopy(w.w2, o * w.hidden, p.w2, o * hp, w.hidden);
            }
            p.srcW1 = w.w1.clone();
            p.srcW2 = w.w2.clone();
            p.srcB1 = w.b1 == null ? null : w.b1.clone();
            return checked(p, w);
        }

        /** Notes that p was checked against w's values, and in which scope (only once it is complete). */
        private Packed checked(Packed p, Weights w) {
            p.lastW1 = w.w1;
            p.lastW2 = w.w2;
            p.lastB1 = w.b1;
            p.checkedInScope = fixedDepth > 0 ? fixedScope : 0;
            return p;
        }

        Accumulators accumulators(int hp) {
            if (acc.gb1.length < hp) {
                acc.gw1t = new double[4 * hp];
                acc.gb1 = new double[hp];
                acc.gw2 = new double[4 * hp];
            }
            return acc;
        }

        /** Per-row vector sums: rows × 4 × lanes. */
        double[] acc(int slot, int rows) {
            return acc(slot, rows, 0);
        }

        /** Per-row vector sums or, in the VJP, the hidden gradients: rows × max(4 × lanes, hp). */
        double[] acc(int slot, int rows, int hp) {
            int n = rows * Math.max(4 * KERNEL.lanes(), hp);
            if (sums[slot].length < n) {
                sums[slot] = new double[n];
            }
            return sums[slot];
        }

        /** forwardVjp's input-gradient sums (rows × 4 × lanes), or the plain kernel's row of sums and hidden outputs. */
        double[] forwardVjpScratch(int rows, int hp) {
            int l4 = 4 * KERNEL.lanes();
            int n = Math.max(rows * l4, l4 + hp);
            if (sums[1].length < n) {
                sums[1] = new double[n];
            }
            return sums[1];
        }

        double[] rows4(int slot, int rows) {
            if (rows4[slot].length < 4 * rows) {
                rows4[slot] = new double[4 * rows];
            }
            return rows4[slot];
        }
    }
}
