package org.neuralode4j.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.neuralode4j.autodiff.GradientCheck;
import org.neuralode4j.tensor.Tensor;

class ActivationTest {

    @Test
    void lookupByNameIgnoresCase() {
        assertThat(Activation.fromName("tanh")).isEqualTo(Activation.TANH);
        assertThat(Activation.fromName(" Softplus ")).isEqualTo(Activation.SOFTPLUS);
        assertThat(Activation.fromName("RELU")).isEqualTo(Activation.RELU);
        assertThat(Activation.fromName("elu")).isEqualTo(Activation.ELU);
        assertThat(Activation.fromName("gelu")).isEqualTo(Activation.GELU);
        assertThat(Activation.fromName("sigmoid")).isEqualTo(Activation.SIGMOID);
        assertThatThrownBy(() -> Activation.fromName("swish"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'swish'").hasMessageContaining("tanh|softplus|relu|elu|gelu|sigmoid|identity");
    }

    @Test
    void modulesMatchTheTensorOperations() {
        Tensor x = Tensor.linspace(-3, 3, 13);
        for (Activation a : Activation.values()) {
            Module m = a.module();
            assertThat(m.parameterCount()).isZero();
            assertThat(m.forward(x).allClose(a.apply(x), 0)).as(a.id()).isTrue();
        }
        assertThat(new Tanh().forward(x).allClose(x.tanh(), 0)).isTrue();
        assertThat(new ReLU().forward(x).allClose(x.relu(), 0)).isTrue();
        assertThat(new Sigmoid().forward(x).allClose(x.sigmoid(), 0)).isTrue();
        assertThat(new GELU().forward(x).allClose(x.gelu(), 0)).isTrue();
        assertThat(new Identity().forward(x)).isSameAs(x);
        assertThat(Activation.TANH.module()).isInstanceOf(Tanh.class);
        assertThat(Activation.TANH.gain()).isEqualTo(5.0 / 3);
        assertThat(Activation.RELU.gain()).isEqualTo(Math.sqrt(2));
    }

    @Test
    void softplusWithBetaAndEluWithAlphaFollowPyTorch() {
        double[] xs = {-30, -2, -0.5, 0.0, 0.3, 4, 11, 30};
        Tensor x = Tensor.of(xs);
        double[] sp = new Softplus(2).forward(x).toArray();
        double[] elu = new ELU(0.5).forward(x).toArray();
        for (int i = 0; i < xs.length; i++) {
            double bx = 2 * xs[i];
            double expectSp = bx > 20 ? xs[i] : Math.log1p(Math.exp(bx)) / 2;
            assertThat(sp[i]).isCloseTo(expectSp, org.assertj.core.data.Offset.offset(1e-15));
            double expectElu = xs[i] > 0 ? xs[i] : 0.5 * Math.expm1(xs[i]);
            assertThat(elu[i]).isCloseTo(expectElu, org.assertj.core.data.Offset.offset(1e-15));
        }
        Tensor pts = Tensor.randn(new SplittableRandom(1), 7);
        for (Module m : new Module[] {new Softplus(2), new ELU(0.5), new ELU()}) {
            GradientCheck.Result r = GradientCheck.check(in -> m.forward(in[0]), pts);
            assertThat(r.passed(1e-7)).as("%s: %s", m, r.worst()).isTrue();
        }
        assertThat(new Softplus(2).toString()).isEqualTo("Softplus(beta=2.0)");
    }
}
