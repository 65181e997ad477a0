package org.neuralode4j.ode.tableau;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The shared array helpers: independent deep copies and exact entry-wise differences. */
class TableauArraysTest {

    @Test
    void copyRowsIsDeepKeepsRaggedShapeAndNullRows() {
        double[][] rows = {{}, {1.5}, null, {0.1, 0.2, 0.3}};
        double[][] copy = TableauArrays.copyRows(rows);
        assertThat(copy).isNotSameAs(rows);
        assertThat(copy.length).isEqualTo(rows.length);
        assertThat(copy[2]).isNull();
        for (int i : new int[] {0, 1, 3}) {
            assertThat(copy[i]).isNotSameAs(rows[i]).containsExactly(rows[i]);
        }
        copy[1][0] = 9.0;
        assertThat(rows[1][0]).isEqualTo(1.5);
    }

    @Test
    void differenceSubtractsEntryByEntry() {
        double[] x = {0.1, 1.0 / 3.0, 0.0};
        double[] y = {0.3, 1.0 / 7.0, 1.0};
        double[] d = TableauArrays.difference(x, y);
        assertThat(d).hasSize(3);
        for (int i = 0; i < 3; i++) {
            assertThat(Double.doubleToRawLongBits(d[i])).isEqualTo(Double.doubleToRawLongBits(x[i] - y[i]));
        }
        assertThat(x).containsExactly(0.1, 1.0 / 3.0, 0.0);
    }
}
