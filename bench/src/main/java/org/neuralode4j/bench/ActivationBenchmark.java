package org.neuralode4j.bench;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.neuralode4j.autodiff.Autodiff;
import org.neuralode4j.tensor.Tensor;
import org.neuralode4j.tensor.VectorMath;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Elementwise activations on n doubles (1000: one spiral evaluation's hidden layer; 10⁶: a large
 * batch): the raw {@link VectorMath} kernels ({@code vectorTanh} …, against {@code scalarTanh} on
 * {@link Math}) and the recorded tensor operation with its backward pass ({@code tanhForwardBackward}:
 * tanh, then the gradient 1 − y² times the seed, one fused backward op).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "--add-modules=jdk.incubator.vector")
public class ActivationBenchmark {
    @Param({"1000", "1000000"})
    public int n;

    private double[] x;
    private double[] out;
    private Tensor t;
    private Tensor seed;

    @Setup
    public void setup() {
        SplittableRandom rng = new SplittableRandom(2);
        t = Tensor.randn(rng, n).mul(2.0);
        x = t.toArray();
        out = new double[n];
        seed = Tensor.randn(rng, n);
    }

    @Benchmark
    public double[] vectorTanh() {
        VectorMath.get().tanh(x, out, n);
        return out;
    }

    @Benchmark
    public double[] scalarTanh() {
        VectorMath.scalar().tanh(x, out, n);
        return out;
    }

    @Benchmark
    public double[] vectorExp() {
        VectorMath.get().exp(x, out, n);
        return out;
    }

    @Benchmark
    public double[] vectorSigmoid() {
        VectorMath.get().sigmoid(x, out, n);
        return out;
    }

    @Benchmark
    public Tensor tanhForwardBackward() {
        Tensor leaf = t.detach().requiresGrad(true);
        return Autodiff.grad(leaf.tanh(), new Tensor[] {leaf}, seed, false, false)[0];
    }

    @Benchmark
    public Tensor softplusForwardBackward() {
        Tensor leaf = t.detach().requiresGrad(true);
        return Autodiff.grad(leaf.softplus(), new Tensor[] {leaf}, seed, false, false)[0];
    }
}
