package org.neuralode4j.ode.tableau;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ExplicitTableausTest {

    static List<String> names() {
        return ExplicitTableaus.names();
    }

    @Test
    void listsTheMethodsInOrder() {
        assertThat(ExplicitTableaus.names()).containsExactly("euler", "midpoint", "heun2", "heun3", "ralston3", "rk4",
                "rk38", "heun-euler", "bosh3", "cashkarp", "dopri5", "dopri5-shampine", "tsit5", "dopri8");
        assertThatThrownBy(() -> ExplicitTableaus.names().add("x")).isInstanceOf(UnsupportedOperationException.class);
    }

    @ParameterizedTest
    @MethodSource("names")
    void findsEveryMethodByItsName(String name) {
        ButcherTableau t = ExplicitTableaus.byName(name);
        assertThat(t.name()).isEqualTo(name);
        assertThat(ExplicitTableaus.byName(" " + name.toUpperCase() + " ")).isSameAs(t);
    }

    @Test
    void returnsTheMethodClassesConstants() {
        assertThat(ExplicitTableaus.byName("euler")).isSameAs(Euler.TABLEAU);
        assertThat(ExplicitTableaus.byName("midpoint")).isSameAs(Midpoint.TABLEAU);
        assertThat(ExplicitTableaus.byName("heun2")).isSameAs(Heun2.TABLEAU);
        assertThat(ExplicitTableaus.byName("heun3")).isSameAs(Heun3.TABLEAU);
        assertThat(ExplicitTableaus.byName("ralston3")).isSameAs(Ralston3.TABLEAU);
        assertThat(ExplicitTableaus.byName("rk4")).isSameAs(Rk4.TABLEAU);
        assertThat(ExplicitTableaus.byName("rk38")).isSameAs(Rk38.TABLEAU);
        assertThat(ExplicitTableaus.byName("heun-euler")).isSameAs(HeunEuler.TABLEAU);
        assertThat(ExplicitTableaus.byName("bosh3")).isSameAs(Bosh3.TABLEAU);
        assertThat(ExplicitTableaus.byName("cashkarp")).isSameAs(CashKarp.TABLEAU);
        assertThat(ExplicitTableaus.byName("dopri5")).isSameAs(Dopri5.TABLEAU);
        assertThat(ExplicitTableaus.byName("tsit5")).isSameAs(Tsit5.TABLEAU);
        assertThat(ExplicitTableaus.byName("dopri8")).isSameAs(Dopri8.TABLEAU);
    }

    @Test
    void describesTheMethods() {
        assertThat(ExplicitTableaus.byName("dopri5")).hasToString("dopri5: 7 stages, order 5(4), FSAL, dense order 4");
        assertThat(ExplicitTableaus.byName("tsit5")).hasToString("tsit5: 7 stages, order 5(4), FSAL, dense order 4");
        assertThat(ExplicitTableaus.byName("bosh3")).hasToString("bosh3: 4 stages, order 3(2), FSAL, dense order 3");
        assertThat(ExplicitTableaus.byName("dopri8")).hasToString("dopri8: 12 stages, order 8(5)");
        assertThat(ExplicitTableaus.byName("cashkarp")).hasToString("cashkarp: 6 stages, order 5(4)");
        assertThat(ExplicitTableaus.byName("dopri8").secondaryErrorWeights()).hasSize(12);
        assertThat(ExplicitTableaus.byName("heun-euler")).hasToString("heun-euler: 2 stages, order 2(1)");
        assertThat(ExplicitTableaus.byName("rk4")).hasToString("rk4: 4 stages, order 4, dense order 3");
        assertThat(ExplicitTableaus.byName("euler")).hasToString("euler: 1 stage, order 1");
        for (String name : ExplicitTableaus.names()) {
            ButcherTableau t = ExplicitTableaus.byName(name);
            assertThat(t.secondaryErrorWeights() != null).as(name).isEqualTo(name.equals("dopri8"));
        }
    }

    @Test
    void rejectsUnknownNamesListingTheValidOnes() {
        assertThatThrownBy(() -> ExplicitTableaus.byName("dopri7"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown explicit Runge-Kutta method 'dopri7'; valid names: euler, midpoint, heun2, heun3, "
                        + "ralston3, rk4, rk38, heun-euler, bosh3, cashkarp, dopri5, dopri5-shampine, tsit5, dopri8");
        assertThatThrownBy(() -> ExplicitTableaus.byName(null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("valid names: euler");
    }
}
