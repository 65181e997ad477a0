package org.neuralode4j.ode.tableau;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class RootedTreeTest {

    /** OEIS A000081: the number of rooted trees with n nodes. */
    @Test
    void countsMatchA000081() {
        int[] expected = {1, 1, 2, 4, 9, 20, 48, 115, 286, 719};
        for (int n = 1; n <= expected.length; n++) {
            assertThat(RootedTree.ofOrder(n)).as("trees of order %d", n).hasSize(expected[n - 1]);
        }
    }

    @Test
    void treesOfAnOrderAreDistinct() {
        for (int n = 1; n <= 9; n++) {
            List<RootedTree> trees = RootedTree.ofOrder(n);
            Set<String> shapes = trees.stream().map(t -> t.toString().split(" ")[0]).collect(Collectors.toSet());
            assertThat(shapes).as("order %d", n).hasSize(trees.size());
            int order = n;
            assertThat(trees).allMatch(t -> t.order() == order);
        }
    }

    @Test
    void densitiesOfOrderFour() {
        Set<Double> gammas = new HashSet<>();
        RootedTree.ofOrder(4).forEach(t -> gammas.add(t.gamma()));
        assertThat(gammas).containsExactlyInAnyOrder(24.0, 12.0, 8.0, 4.0);
    }

    /**
     * The number of monotone labellings α(t) = ρ! / (σ(t) γ(t)) sums to (n-1)! over the trees of
     * order n (α counts the increasing labellings, and there are (n-1)! increasing labelled trees on
     * n nodes), which checks γ, σ and the generator together.
     */
    @Test
    void labellingsSumToFactorial() {
        for (int n = 1; n <= 9; n++) {
            double nFactorial = factorial(n);
            double sum = 0.0;
            for (RootedTree t : RootedTree.ofOrder(n)) {
                double alpha = nFactorial / (t.sigma() * t.gamma());
                assertThat(alpha).isEqualTo(Math.rint(alpha));
                sum += alpha;
            }
            assertThat(sum).as("order %d", n).isEqualTo(factorial(n - 1));
        }
    }

    /** Stage vectors worked by hand for a 3-stage matrix. */
    @Test
    void stageVectorOfTallTreeIsIteratedMatrixProduct() {
        double[][] a = {{0, 0, 0}, {0.5, 0, 0}, {0.25, 0.75, 0}};
        RootedTree tall = RootedTree.ofOrder(3).get(0); // levels (1, 2, 3)
        double[] g = tall.stageVector(a);
        // g = A (A 1): A1 = (0, 0.5, 1), A(A1) = (0, 0, 0.375)
        assertThat(g).containsExactly(0.0, 0.0, 0.375);
        RootedTree cherry = RootedTree.ofOrder(3).get(1); // levels (1, 2, 2)
        assertThat(cherry.stageVector(a)).containsExactly(0.0, 0.25, 1.0);
    }

    private static double factorial(int n) {
        double f = 1.0;
        for (int i = 2; i <= n; i++) {
            f *= i;
        }
        return f;
    }
}
