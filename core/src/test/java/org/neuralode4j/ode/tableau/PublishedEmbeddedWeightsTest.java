package org.neuralode4j.ode.tableau;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/**
 * The sign convention e = b - b̂. Order conditions cannot see it: if b has order p and b - e has
 * order p̂ &lt; p, then e is orthogonal to every condition up to p̂, so b + e has order p̂ too. So
 * the embedded weights b - e are compared with the published b̂ of each pair.
 */
class PublishedEmbeddedWeightsTest {

    @Test
    void heunEuler() {
        assertEmbedded(HeunEuler.TABLEAU, 1.0, 0.0);
    }

    /** Bogacki and Shampine (1989). */
    @Test
    void bosh3() {
        assertEmbedded(Bosh3.TABLEAU, 7.0 / 24, 1.0 / 4, 1.0 / 3, 1.0 / 8);
    }

    /** Dormand and Prince (1980), RK5(4)7M. */
    @Test
    void dopri5() {
        assertEmbedded(Dopri5.TABLEAU, 5179.0 / 57600, 0.0, 7571.0 / 16695, 393.0 / 640, -92097.0 / 339200,
                187.0 / 2100, 1.0 / 40);
    }

    /** Cash and Karp (1990), the fourth-order row of their Table II. */
    @Test
    void cashKarp() {
        assertEmbedded(CashKarp.TABLEAU, 2825.0 / 27648, 0.0, 18575.0 / 48384, 13525.0 / 55296, 277.0 / 14336,
                1.0 / 4);
    }

    /** The b̂ of Tsitouras (2011) as OrdinaryDiffEq.jl lists them (its commented b1 … b7, b̂7 = 1/66). */
    @Test
    void tsit5() {
        assertEmbedded(Tsit5.TABLEAU, 0.09468075576583945807478876255758922856117527357724631226139574065785592789071067303271,
                0.009183565540343253096776363936645313759813746240984095238905939532922955247253608687270,
                0.4877705284247615707855642599631228241516691959761363774365216240304071651579571959813,
                1.234297566930478985655109673884237654035539930748192848315425833500484878378061439761,
                -2.707712349983525454881109975059321670689605166938197378763992255714444407154902012702,
                1.866628418170587035753719399566211498666255505244122593996591602841258328965767580089,
                1.0 / 66);
    }

    /** dop853.f: the third-order solution uses BHH1, BHH2, BHH3 on stages 1, 9 and 12. */
    @Test
    void dop853ThirdOrderSolution() {
        ButcherTableau t = Dopri8.TABLEAU;
        double[] bhh = OrderConditions.minus(t.b(), t.secondaryErrorWeights());
        double[] expected = new double[12];
        expected[0] = 0.244094488188976377952755905512;
        expected[8] = 0.733846688281611857341361741547;
        expected[11] = 0.220588235294117647058823529412e-1;
        for (int i = 0; i < 12; i++) {
            assertThat(bhh[i]).as("stage %d", i).isCloseTo(expected[i], within(1e-15));
        }
    }

    private static void assertEmbedded(ButcherTableau t, double... bHat) {
        double[] actual = OrderConditions.embeddedWeights(t);
        assertThat(actual).hasSameSizeAs(bHat);
        for (int i = 0; i < bHat.length; i++) {
            assertThat(actual[i]).as("%s b̂[%d]", t.name(), i).isCloseTo(bHat[i], within(2e-15));
        }
    }
}
