package org.neuralode4j.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.neuralode4j.autodiff.Autodiff;
import org.neuralode4j.autodiff.GradientCheck;
import org.neuralode4j.tensor.Tensor;

class SequentialTest {

    @Test
    void mlpBuilderLaysOutLinearActivationLinear() {
        Sequential net = Mlp.builder(3, 2).hidden(8, 16).activation("softplus").init(Init.xavierUniform()).seed(5).build();
        assertThat(net.size()).isEqualTo(5);
        assertThat(net.get(1)).isInstanceOf(Softplus.class);
        assertThat(net.get(3)).isInstanceOf(Softplus.class);
        assertThat(net.namedParameters().keySet())
                .containsExactly("0.weight", "0.bias", "2.weight", "2.bias", "4.weight", "4.bias");
        assertThat(net.namedParameters().get("2.weight").shape()).containsExactly(16, 8);
        assertThat(net.forward(Tensor.ones(7, 3)).shape()).containsExactly(7, 2);
        Sequential same = Mlp.builder(3, 2).hidden(8, 16).activation(Activation.SOFTPLUS).init(Init.xavierUniform())
                .rng(new SplittableRandom(5)).build();
        assertThat(same.namedParameters().get("4.weight").allClose(net.namedParameters().get("4.weight"), 0)).isTrue();
        Sequential plain = Mlp.builder(4, 1).bias(false).build();
        assertThat(plain.namedParameters().keySet()).containsExactly("0.weight");
    }

    @Test
    void sequentialComposesAndLambdaTransforms() {
        Linear l = new Linear(2, 3, new SplittableRandom(1));
        Sequential s = new Sequential(new Lambda("cube", y -> y.pow(3)), l, new Sigmoid());
        Tensor x = Tensor.randn(new SplittableRandom(2), 4, 2);
        assertThat(s.forward(x).allClose(l.forward(x.pow(3)).sigmoid(), 0)).isTrue();
        assertThat(s.namedParameters().keySet()).containsExactly("1.weight", "1.bias");
        assertThatThrownBy(Sequential::new).hasMessageContaining("at least one");
    }

    @Test
    void timeConcatAddsAColumnAndSequentialPassesTheTime() {
        Tensor x = Tensor.of(new double[][] {{1, 2}, {3, 4}});
        Tensor first = new TimeConcat().forward(0.5, x);
        assertThat(first.allClose(Tensor.of(new double[][] {{0.5, 1, 2}, {0.5, 3, 4}}), 0)).isTrue();
        Tensor last = new TimeConcat(TimeConcat.Position.LAST).forward(Tensor.of(7, 8), x);
        assertThat(last.allClose(Tensor.of(new double[][] {{1, 2, 7}, {3, 4, 8}}), 0)).isTrue();
        assertThat(new TimeConcat().forward(2.0, Tensor.of(1, 2)).toArray()).containsExactly(2, 1, 2);
        assertThatThrownBy(() -> new TimeConcat().forward(x)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("forward(t, x)");
        assertThatThrownBy(() -> new TimeConcat().forward(Tensor.of(1, 2, 3), x)).hasMessageContaining("[3]");

        SplittableRandom rng = new SplittableRandom(3);
        Sequential f = new Sequential(new TimeConcat(), new Linear(3, 5, rng), new Tanh(), new TimeConcat(),
                new Linear(6, 2, rng));
        Tensor out = f.forward(0.25, x);
        assertThat(out.shape()).containsExactly(2, 2);
        Linear l1 = (Linear) f.get(1);
        Linear l4 = (Linear) f.get(4);
        Tensor t = Tensor.full(0.25, 2, 1);
        Tensor expected = l4.forward(Tensor.cat(1, t, l1.forward(Tensor.cat(1, t, x)).tanh()));
        assertThat(out.allClose(expected, 1e-15)).isTrue();
        // the time is differentiable
        GradientCheck.Result r = GradientCheck.check(in -> f.forward(in[0], in[1]), Tensor.scalar(0.3), x);
        assertThat(r.passed(1e-7)).as("%s", r.worst()).isTrue();
        Tensor tt = Tensor.scalar(0.3).requiresGrad(true);
        Tensor g = Autodiff.grad(f.forward(tt, x).sum(), tt)[0];
        assertThat(g.numel()).isEqualTo(1);
    }

    @Test
    void modulesIgnoreTimeByDefault() {
        Linear l = new Linear(2, 2, new SplittableRandom(4));
        Tensor x = Tensor.ones(1, 2);
        assertThat(l.forward(3.0, x).allClose(l.forward(x), 0)).isTrue();
    }
}
