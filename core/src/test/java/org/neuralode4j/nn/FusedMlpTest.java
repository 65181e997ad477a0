package org.neuralode4j.nn;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.neuralode4j.autodiff.Autodiff;
import org.neuralode4j.autodiff.GradientCheck;
import org.neuralode4j.autodiff.Tape;
import org.neuralode4j.tensor.Tensor;

/** The fused MLP against the per-operation path it replaces: values, gradients, second derivatives, raw VJPs. */
class FusedMlpTest {
    private static final Activation[] ACTIVATIONS = {Activation.TANH, Activation.SIGMOID, Activation.RELU,
        Activation.ELU, Activation.SOFTPLUS, Activation.IDENTITY};

    /** The per-operation evaluation of the same layers. */
    private static Tensor perOp(Sequential net, Tensor x, boolean cube) {
        Tensor h = cube ? x.pow(3) : x;
        for (int i = 0; i < net.size(); i++) {
            Module m = net.get(i);
            h = m instanceof Linear l ? Functional.linear(h, l.weight(), l.bias()) : m.forward(h);
        }
        return h;
    }

    private static Sequential net(Activation act, int in, int[] hidden, int out, boolean bias, boolean finalAct,
                                  long seed) {
        Sequential base = Mlp.builder(in, out).hidden(hidden).activation(act).bias(bias).init(Init.normal(0.5))
                .seed(seed).build();
        if (!finalAct) {
            return base;
        }
        List<Module> layers = new ArrayList<>();
        for (int i = 0; i < base.size(); i++) {
            layers.add(base.get(i));
        }
        layers.add(act.module());
        return new Sequential(layers);
    }

    private static double maxDiff(Tensor a, Tensor b) {
        assertThat(a.shape()).containsExactly(b.shape());
        double[] x = a.toArray();
        double[] y = b.toArray();
        double m = 0;
        for (int i = 0; i < x.length; i++) {
            m = Math.max(m, Math.abs(x[i] - y[i]) / Math.max(1, Math.abs(y[i])));
        }
        return m;
    }

    @Test
    void forwardAndGradientsMatchThePerOperationPath() {
        SplittableRandom rng = new SplittableRandom(11);
        int cases = 0;
        for (Activation act : ACTIVATIONS) {
            for (boolean cube : new boolean[] {false, true}) {
                for (int[] hidden : new int[][] {{}, {7}, {9, 5}}) {
                    for (boolean finalAct : new boolean[] {false, true}) {
                        for (int[] shape : new int[][] {{3}, {13, 3}, {2, 5, 3}}) {
                            Sequential net = net(act, 3, hidden, 4, cases % 3 != 0, finalAct, cases);
                            FusedMlp plan = FusedMlp.plan(layers(net), cube);
                            assertThat(plan).isNotNull();
                            // inputs around ±3 so that relu, elu and softplus's threshold see both sides
                            Tensor x = Tensor.randn(rng, shape).mul(cube ? 1.5 : 8.0);
                            compare(net, plan, x, cube, rng);
                            cases++;
                        }
                    }
                }
            }
        }
        assertThat(cases).isEqualTo(6 * 2 * 3 * 2 * 3);
    }

    private static Module[] layers(Sequential net) {
        Module[] m = new Module[net.size()];
        for (int i = 0; i < m.length; i++) {
            m[i] = net.get(i);
        }
        return m;
    }

    private static void compare(Sequential net, FusedMlp plan, Tensor x0, boolean cube, SplittableRandom rng) {
        Tensor want = Autodiff.noGrad(() -> perOp(net, x0, cube));
        Tensor got = Autodiff.noGrad(() -> plan.forward(x0));
        assertThat(maxDiff(got, want)).isLessThanOrEqualTo(1e-13);

        Tensor x = x0.detach().requiresGrad(true);
        List<Tensor> ps = net.parameters();
        Tensor[] inputs = new Tensor[1 + ps.size()];
        inputs[0] = x;
        for (int i = 0; i < ps.size(); i++) {
            inputs[i + 1] = ps.get(i);
        }
        Tensor seed = Tensor.randn(rng, want.shape());
        Tensor[] gWant = Autodiff.grad(perOp(net, x, cube), inputs, seed, false, false);
        long before = Tape.current().liveNodes();
        Tensor y = plan.forward(x);
        assertThat(Tape.current().liveNodes() - before).as("one node").isEqualTo(1);
        Tensor[] gGot = Autodiff.grad(y, inputs, seed, false, false);
        for (int i = 0; i < inputs.length; i++) {
            assertThat(maxDiff(gGot[i], gWant[i])).as("gradient %d", i).isLessThanOrEqualTo(1e-12);
        }

        // the raw VJP of the adjoint, at offsets, scaled by -1, into the flat parameter layout
        int n = x0.numel();
        int m = want.numel();
        double[] xs = pad(x0.toArray(), 3);
        double[] as = pad(seed.toArray(), 5);
        double[] f = new double[m + 2];
        double[] gx = new double[n + 4];
        double[] gp = new double[plan.flatSize() + 1];
        plan.vjp(xs, 3, as, 5, n / plan.inFeatures(), f, 2, gx, 4, gp, 1, -1.0);
        for (int i = 0; i < m; i++) {
            assertThat(f[2 + i]).isCloseTo(want.toArray()[i],
                    org.assertj.core.api.Assertions.within(1e-13 * (1 + Math.abs(want.toArray()[i]))));
        }
        double[] gxWant = gWant[0].toArray();
        for (int i = 0; i < n; i++) {
            assertThat(gx[4 + i]).isCloseTo(-gxWant[i], org.assertj.core.api.Assertions.within(1e-12 * (1 + Math.abs(gxWant[i]))));
        }
        int off = 1;
        for (int k = 1; k < inputs.length; k++) {
            double[] g = gWant[k].toArray();
            for (int i = 0; i < g.length; i++) {
                assertThat(gp[off + i]).isCloseTo(-g[i], org.assertj.core.api.Assertions.within(1e-12 * (1 + Math.abs(g[i]))));
            }
            off += g.length;
        }
    }

    private static double[] pad(double[] v, int before) {
        double[] out = new double[v.length + before + 3];
        java.util.Arrays.fill(out, Double.NaN);
        System.arraycopy(v, 0, out, before, v.length);
        return out;
    }

    @Test
    void theNarrowOnePassKernelsMatchThePerLayerPath() {
        SplittableRandom rng = new SplittableRandom(21);
        for (int[] dims : new int[][] {{2, 50, 2}, {1, 7, 3}, {4, 33, 4}, {3, 16, 1}}) {
            for (boolean cube : new boolean[] {false, true}) {
                for (boolean bias : new boolean[] {true, false}) {
                    Sequential net = net(Activation.TANH, dims[0], new int[] {dims[1]}, dims[2], bias, false, dims[1]);
                    FusedMlp narrow = FusedMlp.plan(layers(net), cube);
                    System.setProperty("neuralode4j.noNarrowMlp", "true");
                    FusedMlp perLayer;
                    try {
                        perLayer = FusedMlp.plan(layers(net), cube);
                    } finally {
                        System.clearProperty("neuralode4j.noNarrowMlp");
                    }
                    Tensor x = Tensor.randn(rng, 9, dims[0]);
                    Tensor want = Autodiff.noGrad(() -> perLayer.forward(x));
                    assertThat(maxDiff(Autodiff.noGrad(() -> narrow.forward(x)), want)).isLessThanOrEqualTo(1e-13);
                    Tensor leaf = x.detach().requiresGrad(true);
                    List<Tensor> ps = net.parameters();
                    Tensor[] inputs = new Tensor[1 + ps.size()];
                    inputs[0] = leaf;
                    for (int i = 0; i < ps.size(); i++) {
                        inputs[i + 1] = ps.get(i);
                    }
                    Tensor seed = Tensor.randn(rng, 9, dims[2]);
                    Tensor[] g1 = Autodiff.grad(narrow.forward(leaf), inputs, seed, false, false);
                    Tensor[] g2 = Autodiff.grad(perLayer.forward(leaf), inputs, seed, false, false);
                    for (int i = 0; i < inputs.length; i++) {
                        assertThat(maxDiff(g1[i], g2[i])).as("%s cube=%s bias=%s gradient %d",
                                java.util.Arrays.toString(dims), cube, bias, i).isLessThanOrEqualTo(1e-12);
                    }
                    int n = x.numel();
                    double[] gxa = new double[n];
                    double[] gxb = new double[n];
                    double[] gpa = new double[narrow.flatSize()];
                    double[] gpb = new double[narrow.flatSize()];
                    double[] fa = new double[9 * dims[2]];
                    double[] fb = new double[9 * dims[2]];
                    narrow.vjp(x.toArray(), 0, seed.toArray(), 0, 9, fa, 0, gxa, 0, gpa, 0, -1.0);
                    perLayer.vjp(x.toArray(), 0, seed.toArray(), 0, 9, fb, 0, gxb, 0, gpb, 0, -1.0);
                    assertThat(maxDiff(Tensor.of(fa), Tensor.of(fb))).isLessThanOrEqualTo(1e-13);
                    assertThat(maxDiff(Tensor.of(gxa), Tensor.of(gxb))).isLessThanOrEqualTo(1e-12);
                    assertThat(maxDiff(Tensor.of(gpa), Tensor.of(gpb))).isLessThanOrEqualTo(1e-12);
                }
            }
        }
    }

    @Test
    void secondDerivativesMatchThroughCreateGraph() {
        SplittableRandom rng = new SplittableRandom(12);
        for (Activation act : new Activation[] {Activation.TANH, Activation.SIGMOID, Activation.SOFTPLUS, Activation.ELU}) {
            for (boolean cube : new boolean[] {false, true}) {
                Sequential net = net(act, 2, new int[] {6}, 2, true, false, 3);
                FusedMlp plan = FusedMlp.plan(layers(net), cube);
                Tensor x = Tensor.randn(rng, 4, 2).requiresGrad(true);
                Tensor w = net.parameters().get(0);
                Tensor v = Tensor.randn(rng, 4, 2);
                Tensor[] want = secondOrder(perOp(net, x, cube), x, w, v);
                Tensor[] got = secondOrder(plan.forward(x), x, w, v);
                for (int i = 0; i < want.length; i++) {
                    assertThat(maxDiff(got[i], want[i])).as("%s cube=%s %d", act, cube, i).isLessThanOrEqualTo(1e-12);
                }
            }
        }
    }

    /** d/d(x, w) of Σ v·∂(Σ y)/∂x: mixed second derivatives through a create-graph gradient. */
    private static Tensor[] secondOrder(Tensor y, Tensor x, Tensor w, Tensor v) {
        Tensor gx = Autodiff.grad(y.sum(), new Tensor[] {x}, null, false, true)[0];
        return Autodiff.grad(gx.mul(v).sum(), x, w);
    }

    @Test
    void finiteDifferencesAgreeWithTheFusedGradient() {
        Sequential net = net(Activation.TANH, 2, new int[] {5}, 2, true, false, 4);
        FusedMlp plan = FusedMlp.plan(layers(net), true);
        Tensor x = Tensor.randn(new SplittableRandom(5), 3, 2);
        GradientCheck.Result r = GradientCheck.check(in -> plan.forward(in[0]), x);
        assertThat(r.passed(1e-7)).as("%s", r.worst()).isTrue();
        // the weights' gradients equal the per-operation path's (above), which has its own checks
    }

    @Test
    void sequentialAndSpiralDispatchTransparently() {
        Sequential mlp = Mlp.builder(2, 2).hidden(8).activation(Activation.TANH).seed(1).build();
        assertThat(mlp.fusedPlan()).isNotNull();
        Tensor x = Tensor.randn(new SplittableRandom(6), 5, 2).requiresGrad(true);
        assertThat(mlp.forward(x).gradFn().op()).isEqualTo("fusedMlp");
        SpiralOdeFunc spiral = new SpiralOdeFunc(new SplittableRandom(0));
        assertThat(spiral.forward(x).gradFn().op()).isEqualTo("fusedCubeMlp");
        assertThat(spiral.namedParameters().keySet())
                .containsExactly("net.0.weight", "net.0.bias", "net.2.weight", "net.2.bias");
        // not an MLP: the per-operation path
        Sequential other = new Sequential(new Lambda("cube", y -> y.pow(3)), new Linear(2, 3, new SplittableRandom(1)));
        assertThat(other.fusedPlan()).isNull();
        assertThat(new Sequential(new Tanh(), new Linear(2, 2, new SplittableRandom(1))).fusedPlan()).isNull();
        assertThat(new Sequential(new Linear(2, 3, new SplittableRandom(1)), new Tanh(), new Tanh()).fusedPlan()).isNull();
        assertThat(new Sequential(new Linear(2, 3, new SplittableRandom(1)), new Softplus(2.0),
                new Linear(3, 1, new SplittableRandom(1))).fusedPlan()).isNull();
        // a wrong input width reaches the per-operation path and its error message
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> mlp.forward(Tensor.ones(3, 5)))
                .hasMessageContaining("linear");
    }
}
