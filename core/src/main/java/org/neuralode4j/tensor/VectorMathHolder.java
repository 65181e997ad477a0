package org.neuralode4j.tensor;

/** Chooses the {@link VectorMath} implementation once, at first use. */
final class VectorMathHolder {
    static final VectorMath INSTANCE = choose();

    private VectorMathHolder() {
    }

    private static VectorMath choose() {
        if ("scalar".equals(System.getProperty("neuralode4j.vectorMath"))) {
            return ScalarVectorMath.INSTANCE;
        }
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
            return ScalarVectorMath.INSTANCE;
        }
        try {
            Class<?> c = Class.forName("org.neuralode4j.tensor.PanamaVectorMath");
            return (VectorMath) c.getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException | LinkageError e) {
            System.getLogger(VectorMath.class.getName()).log(System.Logger.Level.DEBUG,
                    "Vector API kernels unavailable, using scalar ones: " + e);
            return ScalarVectorMath.INSTANCE;
        }
    }
}
