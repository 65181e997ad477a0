package org.neuralode4j.bench;

import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.neuralode4j.autodiff.Autodiff;
import org.neuralode4j.nn.Functional;
import org.neuralode4j.nn.Linear;
import org.neuralode4j.nn.ModuleField;
import org.neuralode4j.nn.SpiralOdeFunc;
import org.neuralode4j.ode.ArrayVjpField;
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
 * The spiral vector field f(y) = Linear(50→2)(tanh(Linear(2→50)(y³))), batch 20: one forward pass
 * and one forward pass plus the vector–Jacobian product with respect to the state and all 252
 * parameters, three ways: the fused MLP through the tensor API ({@code fused*}: one recorded
 * node), its raw-array form as the adjoint calls it ({@code rawVjp}, {@code ModuleField.evaluateVjp}),
 * the split pair direct backpropagation calls ({@code splitForward} keeping the hidden activations,
 * {@code splitVjp} from them, summing the parameters' gradients), and the per-operation path it replaces ({@code perOp*}: pow, linear, tanh, linear as separate
 * recorded operations).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "--add-modules=jdk.incubator.vector")
public class MlpVjpBenchmark {
    private SpiralOdeFunc model;
    private ModuleField field;
    private Tensor[] params;
    private Linear l0;
    private Linear l2;
    private Tensor y;
    private Tensor cotangent;
    private double[] z;
    private double[] a;
    private double[] f;
    private double[] gz;
    private double[] gp;
    private double[] saved;
    private ArrayVjpField.VjpSum vjps;

    @Setup
    public void setup() {
        SplittableRandom rng = new SplittableRandom(0);
        model = new SpiralOdeFunc(rng);
        field = new ModuleField(model);
        List<Tensor> ps = model.parameters();
        params = ps.toArray(new Tensor[0]);
        l0 = (Linear) model.net().get(0);
        l2 = (Linear) model.net().get(2);
        y = Tensor.randn(rng, 20, 2);
        cotangent = Tensor.randn(rng, 20, 2);
        z = y.toArray();
        a = cotangent.toArray();
        f = new double[40];
        gz = new double[40];
        gp = new double[252];
        saved = new double[Math.max(1, field.savedSize(new int[] {20, 2}))];
        field.evaluateSaving(0.0, 40, z, 0, f, 0, saved, 0);
        vjps = field.vjpSum();
    }

    @Benchmark
    public Tensor fusedForward() {
        return Autodiff.noGrad(() -> model.forward(y));
    }

    @Benchmark
    public Tensor[] fusedForwardAndVjp() {
        Tensor leaf = y.detach().requiresGrad(true);
        Tensor[] inputs = {leaf, params[0], params[1], params[2], params[3]};
        return Autodiff.grad(model.forward(leaf), inputs, cotangent, false, false);
    }

    @Benchmark
    public double[] rawVjp() {
        field.evaluateVjp(0.0, 40, z, 0, a, 0, f, 0, gz, 0, gp, 0, -1.0);
        return gp;
    }

    /** The forward half of direct backpropagation's split pair: f, keeping the hidden activations. */
    @Benchmark
    public double[] splitForward() {
        field.evaluateSaving(0.0, 40, z, 0, f, 0, saved, 0);
        return f;
    }

    /** The VJP half: from the saved activations, the parameters' gradients joining a running sum. */
    @Benchmark
    public double[] splitVjp() {
        vjps.vjp(0.0, 40, z, 0, saved, 0, a, 0, gz, 0);
        return gz;
    }

    private Tensor perOp(Tensor x) {
        return Functional.linear(Functional.linear(x.pow(3), l0.weight(), l0.bias()).tanh(), l2.weight(), l2.bias());
    }

    @Benchmark
    public Tensor perOpForward() {
        return Autodiff.noGrad(() -> perOp(y));
    }

    @Benchmark
    public Tensor[] perOpForwardAndVjp() {
        Tensor leaf = y.detach().requiresGrad(true);
        Tensor[] inputs = {leaf, params[0], params[1], params[2], params[3]};
        return Autodiff.grad(perOp(leaf), inputs, cotangent, false, false);
    }
}
