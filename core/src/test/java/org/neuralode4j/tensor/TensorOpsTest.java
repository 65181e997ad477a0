package org.neuralode4j.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TensorOpsTest {

    private static Tensor t(double[] d, int... shape) {
        return Tensor.fromArray(d, shape);
    }

    @Test
    void creation() {
        assertThat(Tensor.zeros(2, 3).toArray()).containsOnly(0.0).hasSize(6);
        assertThat(Tensor.ones(4).toArray()).containsOnly(1.0);
        assertThat(Tensor.full(2.5, 2, 2).toArray()).containsOnly(2.5);
        assertThat(Tensor.linspace(0, 25, 1000).get(999)).isEqualTo(25.0);
        assertThat(Tensor.linspace(0, 1, 5).toArray()).containsExactly(0, 0.25, 0.5, 0.75, 1.0);
        assertThat(Tensor.arange(0, 1, 0.25).toArray()).containsExactly(0, 0.25, 0.5, 0.75);
        assertThat(Tensor.arange(3).toArray()).containsExactly(0, 1, 2);
        assertThat(Tensor.eye(2).toArray()).containsExactly(1, 0, 0, 1);
        assertThat(Tensor.scalar(3).rank()).isZero();
        assertThat(Tensor.scalar(3).item()).isEqualTo(3.0);
        Tensor a = Tensor.randn(new SplittableRandom(7), 3, 4);
        Tensor b = Tensor.randn(new SplittableRandom(7), 3, 4);
        assertThat(a.toArray()).containsExactly(b.toArray());
        Tensor u = Tensor.uniform(new SplittableRandom(1), -2, 2, 1000);
        assertThat(u.max().item()).isLessThan(2.0);
        assertThat(u.min().item()).isGreaterThanOrEqualTo(-2.0);
        Tensor n = Tensor.randn(new SplittableRandom(3), 20000);
        assertThat(n.mean().item()).isCloseTo(0, within(0.03));
        assertThat(n.square().mean().item()).isCloseTo(1, within(0.05));
        assertThatThrownBy(() -> Tensor.fromArray(new double[3], 2, 2)).hasMessageContaining("[2, 2]");
    }

    @Test
    void broadcastingArithmetic() {
        Tensor a = t(new double[] {1, 2, 3, 4, 5, 6}, 2, 3);
        Tensor row = Tensor.of(10, 20, 30);
        Tensor col = t(new double[] {100, 200}, 2, 1);
        assertThat(a.add(row).toArray()).containsExactly(11, 22, 33, 14, 25, 36);
        assertThat(a.add(col).toArray()).containsExactly(101, 102, 103, 204, 205, 206);
        assertThat(row.sub(a).toArray()).containsExactly(9, 18, 27, 6, 15, 24);
        assertThat(col.mul(row).shape()).containsExactly(2, 3);
        assertThat(col.mul(row).toArray()).containsExactly(1000, 2000, 3000, 2000, 4000, 6000);
        assertThat(a.div(Tensor.scalar(2)).toArray()).containsExactly(0.5, 1, 1.5, 2, 2.5, 3);
        assertThat(a.pow(2).toArray()).containsExactly(1, 4, 9, 16, 25, 36);
        assertThat(a.pow(row.div(10)).get(1, 2)).isCloseTo(216, within(1e-12));
        assertThat(a.minimum(Tensor.scalar(3)).toArray()).containsExactly(1, 2, 3, 3, 3, 3);
        assertThat(a.maximum(row.div(10).add(2)).toArray()).containsExactly(3, 4, 5, 4, 5, 6);
        Tensor w = Tensor.where(a.gt(3), a, Tensor.scalar(-1));
        assertThat(w.toArray()).containsExactly(-1, -1, -1, 4, 5, 6);
        assertThat(a.clamp(2, 5).toArray()).containsExactly(2, 2, 3, 4, 5, 5);
        Tensor b3 = Tensor.ones(4, 1, 3).add(t(new double[] {1, 2}, 2, 1));
        assertThat(b3.shape()).containsExactly(4, 2, 3);
        assertThat(b3.get(3, 1, 2)).isEqualTo(3.0);
    }

    @Test
    void unaryFunctions() {
        Tensor x = Tensor.of(-2, -0.5, 0, 0.5, 2);
        double[] xs = x.toArray();
        double[] tanh = x.tanh().toArray();
        double[] sig = x.sigmoid().toArray();
        double[] sp = x.softplus().toArray();
        double[] elu = x.elu().toArray();
        double[] gelu = x.gelu().toArray();
        for (int i = 0; i < xs.length; i++) {
            assertThat(tanh[i]).isCloseTo(Math.tanh(xs[i]), within(5e-16));
            assertThat(sig[i]).isCloseTo(1 / (1 + Math.exp(-xs[i])), within(1e-16));
            assertThat(sp[i]).isCloseTo(Math.log(1 + Math.exp(xs[i])), within(1e-15));
            assertThat(elu[i]).isCloseTo(xs[i] > 0 ? xs[i] : Math.exp(xs[i]) - 1, within(1e-16));
        }
        assertThat(x.relu().toArray()).containsExactly(0, 0, 0, 0.5, 2);
        assertThat(x.abs().toArray()).containsExactly(2, 0.5, 0, 0.5, 2);
        assertThat(x.sign().toArray()).containsExactly(-1, -1, 0, 1, 1);
        // GELU(x) = x Φ(x); Φ(2) = 0.9772498680518208
        assertThat(gelu[4]).isCloseTo(2 * 0.9772498680518208, within(1e-15));
        assertThat(Tensor.of(30).softplus().item()).isEqualTo(30.0);
        assertThat(Tensor.of(1).exp().log().item()).isCloseTo(1.0, within(1e-15));
        assertThat(Tensor.of(9).sqrt().item()).isEqualTo(3.0);
        assertThat(Tensor.of(4).reciprocal().item()).isEqualTo(0.25);
        assertThat(Tensor.of(Math.PI / 2).sin().item()).isEqualTo(1.0);
        assertThat(Tensor.of(Math.PI).cos().item()).isEqualTo(-1.0);
    }

    @Test
    void erfMatchesReferenceValues() {
        // Abramowitz & Stegun Table 7.1 and high-precision values.
        assertThat(SpecialFunctions.erf(0.0)).isEqualTo(0.0);
        assertThat(SpecialFunctions.erf(0.5)).isCloseTo(0.5204998778130465, within(4.5e-16));
        assertThat(SpecialFunctions.erf(1.0)).isCloseTo(0.8427007929497149, within(4.5e-16));
        assertThat(SpecialFunctions.erf(2.0)).isCloseTo(0.9953222650189527, within(4.5e-16));
        assertThat(SpecialFunctions.erf(-2.9)).isCloseTo(-0.9999589021219005, within(4.5e-16));
        assertThat(SpecialFunctions.erf(3.5)).isCloseTo(0.9999992569016276, within(4.5e-16));
        assertThat(SpecialFunctions.erf(6.0)).isEqualTo(1.0);
        assertThat(SpecialFunctions.erf(Double.NaN)).isNaN();
    }

    @Test
    void reductions() {
        Tensor a = t(new double[] {1, 5, 3, 4, 2, 6}, 2, 3);
        assertThat(a.sum().item()).isEqualTo(21.0);
        assertThat(a.sum(0, false).toArray()).containsExactly(5, 7, 9);
        assertThat(a.sum(1, true).shape()).containsExactly(2, 1);
        assertThat(a.sum(1, true).toArray()).containsExactly(9, 12);
        assertThat(a.mean(-1, false).toArray()).containsExactly(3, 4);
        assertThat(a.max(1, false).toArray()).containsExactly(5, 6);
        assertThat(a.min(0, false).toArray()).containsExactly(1, 2, 3);
        assertThat(a.max().item()).isEqualTo(6.0);
        assertThat(Tensor.of(3, 4).norm().item()).isEqualTo(5.0);
        assertThat(a.norm(0, false).get(0)).isCloseTo(Math.sqrt(17), within(1e-15));
        Tensor b = Tensor.ones(2, 3, 4);
        assertThat(b.sum(new int[] {0, 2}, false).toArray()).containsExactly(8, 8, 8);
        assertThat(b.sumTo(3, 1).toArray()).containsExactly(8, 8, 8);
        assertThat(b.sumTo(4).toArray()).containsExactly(6, 6, 6, 6);
        assertThat(Tensor.of(1, Double.NaN, 3).max().item()).isNaN();
    }

    @Test
    void matmulAgainstNaiveLoops() {
        SplittableRandom rng = new SplittableRandom(11);
        for (int trial = 0; trial < 10; trial++) {
            int m = 1 + rng.nextInt(6);
            int k = 1 + rng.nextInt(6);
            int n = 1 + rng.nextInt(6);
            int batch = 1 + rng.nextInt(3);
            Tensor a = Tensor.randn(rng, batch, m, k);
            Tensor b = Tensor.randn(rng, batch, k, n);
            Tensor c = a.matmul(b);
            Tensor b2 = Tensor.randn(rng, k, n);
            Tensor c2 = a.matmul(b2);
            for (int t = 0; t < batch; t++) {
                for (int i = 0; i < m; i++) {
                    for (int j = 0; j < n; j++) {
                        double s = 0;
                        double s2 = 0;
                        for (int p = 0; p < k; p++) {
                            s += a.get(t, i, p) * b.get(t, p, j);
                            s2 += a.get(t, i, p) * b2.get(p, j);
                        }
                        assertThat(c.get(t, i, j)).isCloseTo(s, within(1e-12));
                        assertThat(c2.get(t, i, j)).isCloseTo(s2, within(1e-12));
                    }
                }
            }
        }
        assertThat(Tensor.of(1, 2, 3).dot(Tensor.of(4, 5, 6)).item()).isEqualTo(32.0);
        assertThat(Tensor.of(1, 2).outer(Tensor.of(3, 4, 5)).toArray()).containsExactly(3, 4, 5, 6, 8, 10);
    }

    @Test
    void shapeManipulation() {
        Tensor a = Tensor.arange(24).reshape(2, 3, 4);
        assertThat(a.reshape(-1, 4).shape()).containsExactly(6, 4);
        Tensor p = a.permute(2, 0, 1);
        assertThat(p.shape()).containsExactly(4, 2, 3);
        assertThat(p.get(3, 1, 2)).isEqualTo(a.get(1, 2, 3));
        assertThat(a.transpose(0, 2).get(3, 2, 1)).isEqualTo(a.get(1, 2, 3));
        assertThat(a.mT().shape()).containsExactly(2, 4, 3);
        assertThat(a.select(1, 2).toArray()).containsExactly(8, 9, 10, 11, 20, 21, 22, 23);
        assertThat(a.select(-1, 0).shape()).containsExactly(2, 3);
        assertThat(a.slice(2, 1, 4, 2).toArray()).containsExactly(1, 3, 5, 7, 9, 11, 13, 15, 17, 19, 21, 23);
        assertThat(a.slice(0, -1, 2).shape()).containsExactly(1, 3, 4);
        assertThat(a.indexSelect(1, 2, 0, 2).select(0, 0).toArray()).containsExactly(8, 9, 10, 11, 0, 1, 2, 3, 8, 9, 10, 11);
        Tensor c = Tensor.cat(1, a, Tensor.zeros(2, 1, 4));
        assertThat(c.shape()).containsExactly(2, 4, 4);
        assertThat(c.get(1, 3, 0)).isZero();
        assertThat(c.get(1, 2, 3)).isEqualTo(23.0);
        Tensor s = Tensor.stack(0, Tensor.of(1, 2), Tensor.of(3, 4), Tensor.of(5, 6));
        assertThat(s.shape()).containsExactly(3, 2);
        assertThat(Tensor.stack(1, Tensor.of(1, 2), Tensor.of(3, 4)).toArray()).containsExactly(1, 3, 2, 4);
        Tensor[] parts = a.split(2, 1, 3);
        assertThat(parts[1].shape()).containsExactly(2, 3, 3);
        assertThat(parts[1].get(0, 0, 0)).isEqualTo(1.0);
        assertThat(a.chunk(1, 2)).hasSize(2);
        assertThat(a.chunk(1, 2)[1].shape()).containsExactly(2, 1, 4);
        assertThat(Tensor.of(1, 2).expand(3, 2).toArray()).containsExactly(1, 2, 1, 2, 1, 2);
        assertThat(a.unsqueeze(0).shape()).containsExactly(1, 2, 3, 4);
        assertThat(a.unsqueeze(-1).shape()).containsExactly(2, 3, 4, 1);
        assertThat(a.flatten().shape()).containsExactly(24);
    }

    @Test
    void rankFourTensorsWork() {
        Tensor a = Tensor.arange(120).reshape(2, 3, 4, 5);
        assertThat(a.get(1, 2, 3, 4)).isEqualTo(119.0);
        Tensor p = a.permute(3, 1, 0, 2);
        assertThat(p.shape()).containsExactly(5, 3, 2, 4);
        assertThat(p.get(4, 2, 1, 3)).isEqualTo(a.get(1, 2, 3, 4));
        assertThat(a.sum(new int[] {1, 3}, false).shape()).containsExactly(2, 4);
        assertThat(a.sum(new int[] {1, 3}, false).get(1, 2)).isEqualTo(
                a.select(0, 1).select(1, 2).sum().item());
        Tensor b = a.add(Tensor.ones(3, 1, 5));
        assertThat(b.get(1, 2, 3, 4)).isEqualTo(120.0);
        assertThat(a.slice(3, 1, 5, 3).shape()).containsExactly(2, 3, 4, 2);
        assertThat(Tensor.stack(0, a, a).shape()).containsExactly(2, 2, 3, 4, 5);
    }

    @Test
    void readableToString() {
        assertThat(Tensor.of(new double[][] {{1, 2}, {3, 4}}).toString())
                .isEqualTo("tensor([[1.0000, 2.0000],\n        [3.0000, 4.0000]], shape=[2, 2])");
        assertThat(Tensor.scalar(1e-7).toString()).isEqualTo("tensor(1.0000e-07, shape=[])");
        assertThat(Tensor.arange(5000).toString()).contains("...").hasSizeLessThan(200);
        assertThat(Tensor.ones(1).requiresGrad(true).mul(2).toString()).contains("gradFn=mulScalar");
    }

    @Test
    void shapeMistakesNameTheOpAndBothShapes() {
        Tensor a = Tensor.zeros(2, 3);
        Tensor b = Tensor.zeros(4, 3);
        assertThatThrownBy(() -> a.add(b)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("add").hasMessageContaining("[2, 3]").hasMessageContaining("[4, 3]");
        assertThatThrownBy(() -> a.matmul(b)).hasMessageContaining("matmul").hasMessageContaining("[2, 3]")
                .hasMessageContaining("[4, 3]");
        assertThatThrownBy(() -> a.reshape(5)).hasMessageContaining("reshape").hasMessageContaining("[2, 3]");
        assertThatThrownBy(() -> Tensor.cat(0, a, Tensor.zeros(2, 2))).hasMessageContaining("cat")
                .hasMessageContaining("[2, 2]").hasMessageContaining("[2, 3]");
        assertThatThrownBy(() -> a.sum(2, false)).hasMessageContaining("dimension 2");
        assertThatThrownBy(() -> a.select(0, 5)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> a.item()).hasMessageContaining("item");
        assertThatThrownBy(() -> Tensor.of(1, 2).dot(Tensor.of(1, 2, 3))).hasMessageContaining("dot");
    }

    @Test
    void nanPropagatesWithoutException() {
        Tensor x = Tensor.of(1, Double.NaN, 3);
        Tensor y = x.tanh().mul(2).add(Tensor.of(1, 1, 1)).sum();
        assertThat(y.item()).isNaN();
        assertThat(x.hasNonFinite()).isTrue();
        assertThat(x.isNonFinite().toArray()).containsExactly(0, 1, 0);
        assertThat(Tensor.of(Double.NaN).relu().item()).isNaN();
        assertThat(Tensor.of(1, 2).hasNonFinite()).isFalse();
    }
}
