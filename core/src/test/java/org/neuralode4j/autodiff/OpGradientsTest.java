package org.neuralode4j.autodiff;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.neuralode4j.tensor.Tensor;

/** Finite-difference check of every differentiable operation on seeded random shapes. */
class OpGradientsTest {
    private static final double TOL = 1e-7;
    private static final int TRIALS = 4;

    /** A random shape of rank 1..3 with dimensions 1..4. */
    private static int[] shape(SplittableRandom rng) {
        int[] s = new int[1 + rng.nextInt(3)];
        for (int i = 0; i < s.length; i++) {
            s[i] = 1 + rng.nextInt(4);
        }
        return s;
    }

    /** A shape that broadcasts to {@code s}: leading dimensions dropped and some set to 1. */
    private static int[] broadcastable(SplittableRandom rng, int[] s) {
        int drop = rng.nextInt(s.length);
        int[] b = new int[s.length - drop];
        for (int i = 0; i < b.length; i++) {
            b[i] = rng.nextInt(3) == 0 ? 1 : s[i + drop];
        }
        return b;
    }

    private static Tensor positive(SplittableRandom rng, int... s) {
        return Tensor.uniform(rng, 0.5, 2.0, s);
    }

    interface Case {
        Tensor[] inputs(SplittableRandom rng);
    }

    private static Arguments op(String name, Function<Tensor[], Tensor> f, Case inputs) {
        return Arguments.of(name, f, inputs);
    }

    private static Case one() {
        return rng -> new Tensor[] {Tensor.randn(rng, shape(rng))};
    }

    private static Case onePositive() {
        return rng -> new Tensor[] {positive(rng, shape(rng))};
    }

    private static Case twoBroadcast(boolean positiveSecond) {
        return rng -> {
            int[] s = shape(rng);
            int[] b = broadcastable(rng, s);
            boolean swap = rng.nextBoolean();
            Tensor x = Tensor.randn(rng, swap ? b : s);
            Tensor y = positiveSecond ? positive(rng, swap ? s : b) : Tensor.randn(rng, swap ? s : b);
            return new Tensor[] {x, y};
        };
    }

    static Stream<Arguments> ops() {
        return Stream.of(
                op("add", x -> x[0].add(x[1]), twoBroadcast(false)),
                op("sub", x -> x[0].sub(x[1]), twoBroadcast(false)),
                op("mul", x -> x[0].mul(x[1]), twoBroadcast(false)),
                op("div", x -> x[0].div(x[1]), twoBroadcast(true)),
                op("pow tensor", x -> x[0].pow(x[1]), rng -> {
                    int[] s = shape(rng);
                    return new Tensor[] {positive(rng, s), Tensor.randn(rng, broadcastable(rng, s))};
                }),
                op("minimum", x -> x[0].minimum(x[1]), twoBroadcast(false)),
                op("maximum", x -> x[0].maximum(x[1]), twoBroadcast(false)),
                op("where", x -> Tensor.where(x[0].gt(0), x[0].mul(x[1]), x[1].exp()), twoBroadcast(false)),
                op("add/sub/mul/div scalar", x -> x[0].add(1.5).mul(-2.0).sub(0.25).div(3.0), one()),
                op("pow scalar", x -> x[0].pow(2.5).add(x[0].pow(3)).add(x[0].pow(-1.5)), onePositive()),
                op("clamp", x -> x[0].clamp(-0.5, 0.7), one()),
                op("neg", x -> x[0].neg(), one()),
                op("exp", x -> x[0].exp(), one()),
                op("log", x -> x[0].log(), onePositive()),
                op("sqrt", x -> x[0].sqrt(), onePositive()),
                op("abs", x -> x[0].abs(), one()),
                op("tanh", x -> x[0].tanh(), one()),
                op("sigmoid", x -> x[0].sigmoid(), one()),
                op("relu", x -> x[0].relu(), one()),
                op("softplus", x -> x[0].mul(3).softplus(), one()),
                op("elu", x -> x[0].elu(), one()),
                op("gelu", x -> x[0].mul(2).gelu(), one()),
                op("erf", x -> x[0].erf(), one()),
                op("sin", x -> x[0].sin(), one()),
                op("cos", x -> x[0].cos(), one()),
                op("square", x -> x[0].square(), one()),
                op("reciprocal", x -> x[0].reciprocal(), onePositive()),
                op("copy", x -> x[0].copy(), one()),
                op("sum all", x -> x[0].sum(), one()),
                op("sum dim", x -> x[0].sum(0, false), one()),
                op("sum dims keepdim", x -> x[0].sum(new int[] {0, -1}, true), rng ->
                        new Tensor[] {Tensor.randn(rng, 2 + rng.nextInt(2), 3, 2)}),
                op("mean", x -> x[0].mean(-1, true).add(x[0].mean()), one()),
                op("max", x -> x[0].max(0, false).add(x[0].max()), one()),
                op("min", x -> x[0].min(-1, true).mul(x[0].min()), one()),
                op("norm", x -> x[0].norm(-1, false).add(x[0].norm()), one()),
                op("sumTo", x -> x[0].sumTo(1, x[0].size(-1)), rng -> new Tensor[] {Tensor.randn(rng, 3, 2, 4)}),
                op("matmul 2-d", x -> x[0].matmul(x[1]), rng -> {
                    int m = 1 + rng.nextInt(4);
                    int k = 1 + rng.nextInt(4);
                    int n = 1 + rng.nextInt(4);
                    return new Tensor[] {Tensor.randn(rng, m, k), Tensor.randn(rng, k, n)};
                }),
                op("matmul batched", x -> x[0].matmul(x[1]), rng -> {
                    int b = 1 + rng.nextInt(3);
                    int m = 1 + rng.nextInt(4);
                    int k = 1 + rng.nextInt(4);
                    int n = 1 + rng.nextInt(4);
                    return new Tensor[] {Tensor.randn(rng, b, m, k), Tensor.randn(rng, b, k, n)};
                }),
                op("matmul broadcast", x -> x[0].matmul(x[1]).add(x[2].matmul(x[0].mT()).sum()), rng -> {
                    int b = 2 + rng.nextInt(2);
                    int m = 1 + rng.nextInt(4);
                    int k = 1 + rng.nextInt(4);
                    int n = 1 + rng.nextInt(4);
                    return new Tensor[] {Tensor.randn(rng, b, m, k), Tensor.randn(rng, k, n), Tensor.randn(rng, m, k)};
                }),
                op("dot", x -> x[0].dot(x[1]), rng -> {
                    int n = 1 + rng.nextInt(5);
                    return new Tensor[] {Tensor.randn(rng, n), Tensor.randn(rng, n)};
                }),
                op("outer", x -> x[0].outer(x[1]), rng ->
                        new Tensor[] {Tensor.randn(rng, 1 + rng.nextInt(4)), Tensor.randn(rng, 1 + rng.nextInt(4))}),
                op("reshape", x -> x[0].reshape(-1).mul(Tensor.arange(x[0].numel())), one()),
                op("expand", x -> x[0].expand(3, x[0].size(0), x[0].size(1)).mul(Tensor.arange(3).reshape(3, 1, 1)), rng ->
                        new Tensor[] {Tensor.randn(rng, 1 + rng.nextInt(3), 1)}),
                op("permute", x -> x[0].permute(2, 0, 1).mul(Tensor.arange(3)), rng ->
                        new Tensor[] {Tensor.randn(rng, 2, 3, 4)}),
                op("transpose/unsqueeze/squeeze", x -> x[0].transpose(0, 1).unsqueeze(1).squeeze(1).exp(), rng ->
                        new Tensor[] {Tensor.randn(rng, 2, 3)}),
                op("select", x -> x[0].select(1, 1).square(), rng -> new Tensor[] {Tensor.randn(rng, 2, 3, 2)}),
                op("slice", x -> x[0].slice(1, 0, 4, 2).square(), rng -> new Tensor[] {Tensor.randn(rng, 2, 5, 2)}),
                op("indexSelect repeated", x -> x[0].indexSelect(0, 2, 0, 2, 1).square(), rng ->
                        new Tensor[] {Tensor.randn(rng, 3, 2)}),
                op("cat", x -> Tensor.cat(1, x[0], x[1].exp()).square(), rng ->
                        new Tensor[] {Tensor.randn(rng, 2, 1 + rng.nextInt(3)), Tensor.randn(rng, 2, 2)}),
                op("stack", x -> Tensor.stack(1, x[0], x[1].sin()).square(), rng ->
                        new Tensor[] {Tensor.randn(rng, 3, 2), Tensor.randn(rng, 3, 2)}),
                op("split/chunk", x -> {
                    Tensor[] p = x[0].split(0, 1, 3);
                    Tensor[] c = x[0].chunk(1, 2);
                    return p[0].sum().add(p[1].square().sum()).add(c[1].exp().sum());
                }, rng -> new Tensor[] {Tensor.randn(rng, 4, 3)}),
                op("mlp", x -> x[0].pow(3).matmul(x[1]).add(x[2]).tanh().matmul(x[3]).add(x[4]), rng -> new Tensor[] {
                    Tensor.randn(rng, 5, 2), Tensor.randn(rng, 2, 7), Tensor.randn(rng, 7),
                    Tensor.randn(rng, 7, 2), Tensor.randn(rng, 2)}));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ops")
    void gradientMatchesCentralDifferences(String name, Function<Tensor[], Tensor> f, Case inputs) {
        SplittableRandom rng = new SplittableRandom(name.hashCode());
        for (int trial = 0; trial < TRIALS; trial++) {
            Tensor[] xs = inputs.inputs(rng);
            GradientCheck.Result r = GradientCheck.check(f, xs);
            assertThat(r.passed(TOL)).as("%s trial %d: %s (max rel err %.3g)", name, trial, r.worst(),
                    r.maxRelativeError()).isTrue();
            assertThat(r.checked()).isPositive();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ops")
    void secondOrderThroughCreateGraph(String name, Function<Tensor[], Tensor> f, Case inputs) {
        // The gradient itself, computed with createGraph, must be differentiable: check the
        // Hessian-vector product g(x) = d/dx <w, f(x)> against finite differences of g.
        SplittableRandom rng = new SplittableRandom(name.hashCode() + 1);
        Tensor[] xs = inputs.inputs(rng);
        Function<Tensor[], Tensor> gradOfF = x -> {
            boolean outer = x[0].requiresGrad();
            Tensor[] in = x.clone();
            if (!outer) {
                in[0] = x[0].detach().requiresGrad(true);
            }
            return Autodiff.enableGrad(() -> {
                Tensor out = f.apply(in);
                Tensor w = Tensor.randn(new SplittableRandom(5), out.shape());
                return Autodiff.grad(out.mul(w).sum(), new Tensor[] {in[0]}, null, false, outer)[0];
            });
        };
        GradientCheck.Result r = GradientCheck.check(gradOfF, xs, 1e-4, 1e-3, 9L);
        assertThat(r.passed(1e-5)).as("%s: %s (max rel err %.3g)", name, r.worst(), r.maxRelativeError()).isTrue();
    }
}
