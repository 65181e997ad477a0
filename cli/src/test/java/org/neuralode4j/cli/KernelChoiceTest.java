package org.neuralode4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.neuralode4j.sensitivity.Gradient;
import org.neuralode4j.tensor.NarrowMlp;

/** {@link KernelChoice}: the measured crossovers on the spiral, and a choice the user made stands. */
class KernelChoiceTest {

    @Test
    void shortRunsTakeThePlainKernelLongOnesTheVectorKernel() {
        // the spiral (batch 20, hidden 50): plain for 200 iterations, vector for 2000, either way about 1000 (DIRECT)
        assertThat(KernelChoice.plainFor(200, 20, 50, Gradient.DIRECT)).isTrue();
        assertThat(KernelChoice.plainFor(999, 20, 50, Gradient.DIRECT)).isTrue();
        assertThat(KernelChoice.plainFor(1000, 20, 50, Gradient.DIRECT)).isFalse();
        assertThat(KernelChoice.plainFor(2000, 20, 50, Gradient.DIRECT)).isFalse();
        // the adjoints do three passes an evaluation: the crossover comes at about 670 iterations
        assertThat(KernelChoice.plainFor(600, 20, 50, Gradient.ADJOINT)).isTrue();
        assertThat(KernelChoice.plainFor(700, 20, 50, Gradient.ADJOINT)).isFalse();
        // wider batches and layers reach it sooner
        assertThat(KernelChoice.plainFor(200, 256, 128, Gradient.DIRECT)).isFalse();
    }

    @Test
    void aKernelTheUserChoseStands() {
        String before = System.getProperty(NarrowMlp.KERNEL_PROPERTY);
        try {
            System.setProperty(NarrowMlp.KERNEL_PROPERTY, "vector");
            KernelChoice.forTraining(10, 20, 50, Gradient.DIRECT);
            assertThat(System.getProperty(NarrowMlp.KERNEL_PROPERTY)).isEqualTo("vector");
        } finally {
            if (before == null) {
                System.clearProperty(NarrowMlp.KERNEL_PROPERTY);
            } else {
                System.setProperty(NarrowMlp.KERNEL_PROPERTY, before);
            }
        }
    }
}
