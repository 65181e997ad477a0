package org.neuralode4j.tensor;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Which kernels run: the Vector API ones exactly when its module is in the boot layer (and
 * {@code neuralode4j.vectorMath=scalar} is not set). The build runs the tests with the module
 * (the parent pom sets {@code neuralode4j.expectVectorApi=true}) and the end-to-end ones a second time
 * without it ({@code core/pom.xml}, execution {@code without-vector-api}, {@code false}); this test
 * makes sure each run had the kernels it was meant to test.
 */
class KernelSelectionTest {

    @Test
    void theVectorKernelsRunExactlyWhenTheModuleIsThere() {
        boolean module = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
        boolean vectorMath = module && !"scalar".equals(System.getProperty("neuralode4j.vectorMath"));
        String narrow = System.getProperty(NarrowMlp.KERNEL_PROPERTY, "vector");
        boolean vector = vectorMath && !narrow.equals("scalar") && !narrow.equals("plain");
        String expected = System.getProperty("neuralode4j.expectVectorApi");
        if (expected != null) {
            assertThat(module).as("the Vector API module in this test JVM").isEqualTo(Boolean.parseBoolean(expected));
        }
        assertThat(NarrowMlp.vectorized()).isEqualTo(vector);
        assertThat(VectorMath.get().name().equals("scalar")).isEqualTo(!vectorMath);
        assertThat(NarrowMlp.supports(2, 2)).isTrue();
    }
}
