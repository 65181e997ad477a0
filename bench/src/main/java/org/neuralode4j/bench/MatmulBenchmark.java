package org.neuralode4j.bench;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.neuralode4j.tensor.Gemm;
import org.neuralode4j.tensor.Tensor;
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
 * The matrix products neural ODEs are made of, m×k · k×n: the spiral network's two layers
 * (20×2·2×50 and 20×50·50×2) and a wide layer on a large batch (4096×512·512×512). {@code gemm}
 * is the raw kernel ({@link Gemm}, C overwritten in place), {@code matmul} the tensor operation
 * (allocates C). One thread unless {@code -Dneuralode4j.threads=N}.
 *
 * <p>Run: {@code java --add-modules jdk.incubator.vector -jar bench/target/benchmarks.jar MatmulBenchmark
 * -jvmArgsAppend --add-modules=jdk.incubator.vector}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "--add-modules=jdk.incubator.vector")
public class MatmulBenchmark {
    @Param({"20x2x50", "20x50x2", "4096x512x512"})
    public String shape;

    private int m;
    private int k;
    private int n;
    private double[] a;
    private double[] b;
    private double[] c;
    private Tensor ta;
    private Tensor tb;

    @Setup
    public void setup() {
        String[] p = shape.split("x");
        m = Integer.parseInt(p[0]);
        k = Integer.parseInt(p[1]);
        n = Integer.parseInt(p[2]);
        SplittableRandom rng = new SplittableRandom(1);
        ta = Tensor.randn(rng, m, k);
        tb = Tensor.randn(rng, k, n);
        a = ta.buffer();
        b = tb.buffer();
        c = new double[m * n];
    }

    @Benchmark
    public double[] gemm() {
        Gemm.gemm(false, false, m, n, k, 1.0, a, 0, k, b, 0, n, 0.0, c, 0, n);
        return c;
    }

    @Benchmark
    public Tensor matmul() {
        return ta.matmul(tb);
    }
}
