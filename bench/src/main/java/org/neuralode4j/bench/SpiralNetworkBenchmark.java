package org.neuralode4j.bench;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.neuralode4j.autodiff.Autodiff;
import org.neuralode4j.tensor.Tensor;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The spiral vector field of torchdiffeq's ode_demo (REFERENCE.md): f(y) = tanh(y³ W1 + b1) W2 + b2,
 * batch 20, 2 → 50 → 2. Measures one forward pass, and one forward pass plus the vector–Jacobian
 * product with respect to the state and all parameters (what each adjoint step evaluates).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class SpiralNetworkBenchmark {
    private Tensor w1;
    private Tensor b1;
    private Tensor w2;
    private Tensor b2;
    private Tensor y;
    private Tensor cotangent;

    @Setup
    public void setup() {
        SplittableRandom rng = new SplittableRandom(0);
        w1 = Tensor.normal(rng, 0, 0.1, 2, 50).requiresGrad(true);
        b1 = Tensor.zeros(50).requiresGrad(true);
        w2 = Tensor.normal(rng, 0, 0.1, 50, 2).requiresGrad(true);
        b2 = Tensor.zeros(2).requiresGrad(true);
        y = Tensor.randn(rng, 20, 2);
        cotangent = Tensor.randn(rng, 20, 2);
    }

    private Tensor field(Tensor z) {
        return z.pow(3).matmul(w1).add(b1).tanh().matmul(w2).add(b2);
    }

    @Benchmark
    public Tensor forward() {
        return Autodiff.noGrad(() -> field(y));
    }

    @Benchmark
    public Tensor[] forwardAndVjp() {
        Tensor z = y.detach().requiresGrad(true);
        Tensor out = field(z);
        return Autodiff.grad(out, new Tensor[] {z, w1, b1, w2, b2}, cotangent, false, false);
    }
}
