package org.neuralode4j.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class Xoshiro256StarStarTest {

    @Test
    void matchesTheReferenceAlgorithm() {
        // outputs of the authors' C code (xoshiro256starstar.c) from the state {1, 2, 3, 4}
        Xoshiro256StarStar g = Xoshiro256StarStar.fromState(new long[] {1, 2, 3, 4});
        assertThat(new long[] {g.nextLong(), g.nextLong(), g.nextLong(), g.nextLong(), g.nextLong(), g.nextLong()})
                .containsExactly(11520L, 0L, 1509978240L, 1215971899390074240L, 1216172134540287360L,
                        607988272756665600L);
    }

    @Test
    void seedsThroughSplitMix64() {
        // SplitMix64 from 0 first yields 0xE220A8397B1DCDAF
        assertThat(new Xoshiro256StarStar(0).state()[0]).isEqualTo(0xE220A8397B1DCDAFL);
    }

    @Test
    void anExportedStateContinuesTheStreamExactly() {
        Xoshiro256StarStar a = new Xoshiro256StarStar(123);
        for (int i = 0; i < 17; i++) {
            a.nextGaussian();
            a.nextInt(990);
        }
        Xoshiro256StarStar b = Xoshiro256StarStar.fromState(a.state());
        Xoshiro256StarStar c = new Xoshiro256StarStar(5);
        c.setState(a.state());
        for (int i = 0; i < 100; i++) {
            double g = a.nextGaussian();
            assertThat(b.nextGaussian()).isEqualTo(g);
            assertThat(c.nextGaussian()).isEqualTo(g);
            int k = a.nextInt(990);
            assertThat(b.nextInt(990)).isEqualTo(k);
            assertThat(c.nextInt(990)).isEqualTo(k);
        }
        assertThat(a.copy().state()).isEqualTo(a.state());
    }

    @Test
    void gaussianAndUniformHaveTheRightMoments() {
        Xoshiro256StarStar g = new Xoshiro256StarStar(7);
        int n = 200_000;
        double sum = 0;
        double sq = 0;
        double u = 0;
        for (int i = 0; i < n; i++) {
            double x = g.nextGaussian();
            sum += x;
            sq += x * x;
            double d = g.nextDouble();
            assertThat(d).isGreaterThanOrEqualTo(0).isLessThan(1);
            u += d;
        }
        assertThat(sum / n).isCloseTo(0, org.assertj.core.api.Assertions.within(0.01));
        assertThat(sq / n).isCloseTo(1, org.assertj.core.api.Assertions.within(0.01));
        assertThat(u / n).isCloseTo(0.5, org.assertj.core.api.Assertions.within(0.005));
    }

    @Test
    void rejectsInvalidStates() {
        assertThatThrownBy(() -> Xoshiro256StarStar.fromState(new long[4])).hasMessageContaining("all zero");
        assertThatThrownBy(() -> Xoshiro256StarStar.fromState(new long[3])).hasMessageContaining("4 words, got 3");
    }
}
