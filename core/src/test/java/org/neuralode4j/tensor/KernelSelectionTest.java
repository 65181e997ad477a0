package org.neuralode4j.tensor;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Which kernels run: the Vector API ones exactly when its module is in the boot layer. The build runs
 * the end-to-end tests a second time on a JVM without the module ({@code core/pom.xml}, execution
 * {@code without-vector-api}, which sets {@code neuralode4j.expectVectorApi=false}); this test makes
 * sure that execution really ran on the plain-Java kernels.
 */
class KernelSelectionTest {

    @Test
    void theVectorKernelsRunExactlyWhenTheModuleIsThere() {
        boolean module = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
        String expected = System.getProperty("neuralode4j.expectVectorApi");
        if (expected != null) {
            assertThat(module).as("the Vector API module in this test JVM").isEqualTo(Boolean.parseBoolean(expected));
        }
        assertThat(NarrowMlp.vectorized()).isEqualTo(module);
        assertThat(VectorMath.get().name().equals("scalar")).isEqualTo(!module);
        assertThat(NarrowMlp.supports(2, 2)).isTrue();
    }
}
