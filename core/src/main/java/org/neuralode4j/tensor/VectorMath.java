package org.neuralode4j.tensor;

/**
 * Elementwise transcendental kernels over arrays, the hot spot of small neural vector fields (for
 * the spiral network, 1000 tanh evaluations dominate a forward pass).
 *
 * <p>Two implementations: a scalar one on {@link Math} that always works, and one on the JDK's
 * incubating Vector API, used only when the JVM was started with
 * {@code --add-modules jdk.incubator.vector} (the {@code neuralode} launcher does this). The library
 * therefore needs no extra JVM flags. The system property {@code neuralode4j.vectorMath=scalar}
 * forces the scalar kernels. Both agree to a few ulps, and each is deterministic: the same input
 * gives the same bits on every call, whether the JIT has compiled the kernel or not (which seeded,
 * bit-exact training relies on; see {@code PortableKernels}).
 */
public interface VectorMath {

    /** The implementation in use: vectorized when available, scalar otherwise. */
    static VectorMath get() {
        return VectorMathHolder.INSTANCE;
    }

    /** The always-available scalar implementation. */
    static VectorMath scalar() {
        return ScalarVectorMath.INSTANCE;
    }

    /** A short name for reports, e.g. {@code "vector(8 lanes)"} or {@code "scalar"}. */
    String name();

    /** out[i] = tanh(x[i]) for i in [0, n); {@code out} may be {@code x}. */
    void tanh(double[] x, double[] out, int n);

    /** out[i] = exp(x[i]) for i in [0, n); {@code out} may be {@code x}. */
    void exp(double[] x, double[] out, int n);

    /** out[i] = 1 / (1 + exp(-x[i])) for i in [0, n); {@code out} may be {@code x}. */
    void sigmoid(double[] x, double[] out, int n);

    /**
     * Softplus log(1 + e^x) with PyTorch's threshold: out[i] = x[i] where x[i] &gt; 20; {@code out} may
     * be {@code x}.
     */
    void softplus(double[] x, double[] out, int n);

    /**
     * tanh's backward from its output: out[i] = g[gOff + i]·(1 − y[i]²) for i in [0, n);
     * {@code out} may be {@code y}, or {@code g} when {@code gOff} is 0.
     */
    void tanhBackward(double[] g, int gOff, double[] y, double[] out, int n);

    /**
     * The logistic sigmoid's backward from its output: out[i] = g[gOff + i]·y[i]·(1 − y[i]);
     * {@code out} may be {@code y}, or {@code g} when {@code gOff} is 0.
     */
    void sigmoidBackward(double[] g, int gOff, double[] y, double[] out, int n);

    /**
     * Softplus's backward from its input (PyTorch's threshold 20): out[i] = g[gOff + i] where
     * x[i] &gt; 20, else g[gOff + i]·sigmoid(x[i]); {@code out} may be {@code x}, or {@code g} when
     * {@code gOff} is 0.
     */
    void softplusBackward(double[] g, int gOff, double[] x, double[] out, int n);
}
