package org.neuralode4j.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.neuralode4j.tensor.Tensor;

class ModuleTest {

    @Test
    void spiralFieldHasPyTorchNamesAndShapes() {
        SpiralOdeFunc f = new SpiralOdeFunc(new SplittableRandom(0));
        LinkedHashMap<String, Tensor> p = f.namedParameters();
        assertThat(p.keySet()).containsExactly("net.0.weight", "net.0.bias", "net.2.weight", "net.2.bias");
        assertThat(p.get("net.0.weight").shape()).containsExactly(50, 2);
        assertThat(p.get("net.0.bias").shape()).containsExactly(50);
        assertThat(p.get("net.2.weight").shape()).containsExactly(2, 50);
        assertThat(p.get("net.2.bias").shape()).containsExactly(2);
        assertThat(f.parameterCount()).isEqualTo(50 * 2 + 50 + 2 * 50 + 2);
        assertThat(f.parameters()).containsExactlyElementsOf(p.values());
        assertThat(p.values()).allMatch(Tensor::requiresGrad);
        // weights N(0, 0.1), biases 0
        assertThat(p.get("net.0.bias").toArray()).containsOnly(0.0);
        assertThat(p.get("net.0.weight").abs().max().item()).isLessThan(0.6).isGreaterThan(0.0);
    }

    @Test
    void spiralFieldComputesNetOfCube() {
        SpiralOdeFunc f = new SpiralOdeFunc(new SplittableRandom(1));
        Linear l0 = (Linear) f.net().get(0);
        Linear l2 = (Linear) f.net().get(2);
        Tensor y = Tensor.of(new double[][] {{2, 0}, {0.5, -1}});
        Tensor expected = y.pow(3).matmul(l0.weight().mT()).add(l0.bias()).tanh().matmul(l2.weight().mT()).add(l2.bias());
        assertThat(f.forward(y).allClose(expected, 1e-14)).isTrue();
    }

    @Test
    void ownParametersComeBeforeChildrenAndSharedTensorsAppearOnce() {
        Module m = new Module() {
            final Tensor scale = registerParameter("scale", Tensor.scalar(2));
            final Linear a = registerModule("a", new Linear(2, 3, new SplittableRandom(1)));
            final Tensor shared = registerParameter("shared", a.weight());

            @Override
            public Tensor forward(Tensor x) {
                return a.forward(x).mul(scale);
            }
        };
        // as in PyTorch: the module's own parameters first, then the children's; a.weight is "shared" already
        assertThat(m.namedParameters().keySet()).containsExactly("scale", "shared", "a.bias");
        assertThat(m.stateDict().keySet()).containsExactly("scale", "shared", "a.weight", "a.bias");
        assertThat(m.parameterCount()).isEqualTo(1 + 6 + 3);
    }

    @Test
    void registrationRejectsBadNames() {
        assertThatThrownBy(() -> new Module() {
            final Tensor p = registerParameter("a.b", Tensor.zeros(1));

            @Override
            public Tensor forward(Tensor x) {
                return x;
            }
        }).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'a.b'");
        assertThatThrownBy(() -> new Module() {
            final Tensor p = registerParameter("w", Tensor.zeros(1));
            final Tensor q = registerParameter("w", Tensor.zeros(1));

            @Override
            public Tensor forward(Tensor x) {
                return x;
            }
        }).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("already used");
        Tensor leaf = Tensor.zeros(2).requiresGrad(true);
        assertThatThrownBy(() -> new Module() {
            final Tensor p = registerParameter("w", leaf.mul(2.0));

            @Override
            public Tensor forward(Tensor x) {
                return x;
            }
        }).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("leaf");
    }

    @Test
    void stateDictIsACopyAndLoadCopiesInPlace() {
        SpiralOdeFunc a = new SpiralOdeFunc(new SplittableRandom(2));
        SpiralOdeFunc b = new SpiralOdeFunc(new SplittableRandom(3));
        Map<String, Tensor> sa = a.stateDict();
        sa.get("net.2.bias").buffer()[0] = 123;
        assertThat(a.namedParameters().get("net.2.bias").get(0)).isNotEqualTo(123);
        Tensor liveW = b.namedParameters().get("net.0.weight");
        Module.LoadResult r = b.loadStateDict(sa, true);
        assertThat(r.missingKeys()).isEmpty();
        assertThat(r.unexpectedKeys()).isEmpty();
        assertThat(b.namedParameters().get("net.0.weight")).isSameAs(liveW);
        assertThat(liveW.allClose(a.namedParameters().get("net.0.weight"), 0)).isTrue();
        assertThat(b.namedParameters().get("net.2.bias").get(0)).isEqualTo(123);
    }

    @Test
    void strictLoadNamesEveryProblemAndCopiesNothing() {
        SpiralOdeFunc m = new SpiralOdeFunc(new SplittableRandom(4));
        double before = m.namedParameters().get("net.0.bias").get(0);
        Map<String, Tensor> s = new LinkedHashMap<>(new SpiralOdeFunc(new SplittableRandom(5)).stateDict());
        s.get("net.0.bias").buffer()[0] = 42;
        s.remove("net.2.bias");
        s.put("net.9.weight", Tensor.zeros(1));
        s.put("net.0.weight", Tensor.zeros(2, 50));
        assertThatThrownBy(() -> m.loadStateDict(s))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("missing keys [net.2.bias]")
                .hasMessageContaining("unexpected keys [net.9.weight]")
                .hasMessageContaining("shape mismatch for net.0.weight: the state dict has [2, 50], the model expects [50, 2]")
                .hasMessageContaining("transposed");
        assertThat(m.namedParameters().get("net.0.bias").get(0)).isEqualTo(before);
    }

    @Test
    void nonStrictLoadReportsMissingAndUnexpected() {
        SpiralOdeFunc m = new SpiralOdeFunc(new SplittableRandom(6));
        Map<String, Tensor> s = new LinkedHashMap<>();
        s.put("net.0.bias", Tensor.ones(50));
        s.put("extra", Tensor.ones(3));
        Module.LoadResult r = m.loadStateDict(s, false);
        assertThat(r.missingKeys()).containsExactly("net.0.weight", "net.2.weight", "net.2.bias");
        assertThat(r.unexpectedKeys()).containsExactly("extra");
        assertThat(m.namedParameters().get("net.0.bias").toArray()).containsOnly(1.0);
        s.put("net.2.bias", Tensor.ones(3));
        assertThatThrownBy(() -> m.loadStateDict(s, false)).hasMessageContaining("shape mismatch for net.2.bias");
    }

    @Test
    void zeroGradForgetsGradients() {
        SpiralOdeFunc m = new SpiralOdeFunc(new SplittableRandom(7));
        m.forward(Tensor.ones(3, 2)).sum().backward();
        assertThat(m.parameters()).allMatch(p -> p.grad() != null);
        m.zeroGrad();
        assertThat(m.parameters()).allMatch(p -> p.grad() == null);
    }

    @Test
    void printsATree() {
        SpiralOdeFunc m = new SpiralOdeFunc(new SplittableRandom(8));
        assertThat(m.toString()).isEqualTo("SpiralOdeFunc(\n  (net): Sequential(\n    (0): Linear(in=2, out=50, bias=true)\n"
                + "    (1): Tanh()\n    (2): Linear(in=50, out=2, bias=true)\n  )\n)");
        assertThat(new Lambda("cube", y -> y.pow(3)).toString()).isEqualTo("Lambda(cube)");
        assertThat(m.namedChildren().keySet()).containsExactly("net");
        assertThat(List.copyOf(m.net().namedChildren().keySet())).containsExactly("0", "1", "2");
    }
}
