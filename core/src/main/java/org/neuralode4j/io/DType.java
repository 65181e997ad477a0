package org.neuralode4j.io;

/**
 * The element types this library reads from safetensors files, with their safetensors names. All
 * are converted to double on reading: F64, F32, F16, BF16 and I32 exactly; I64 exactly up to 2^53 in
 * magnitude and rounded to the nearest double beyond. F64 and F32 can be written.
 */
public enum DType {
    /** IEEE binary64. */
    F64(8),
    /** IEEE binary32. */
    F32(4),
    /** IEEE binary16 (half precision). */
    F16(2),
    /** bfloat16: the upper 16 bits of a binary32. */
    BF16(2),
    /** Signed 64-bit integer. */
    I64(8),
    /** Signed 32-bit integer. */
    I32(4);

    private final int bytes;

    DType(int bytes) {
        this.bytes = bytes;
    }

    /** Bytes per element. */
    public int byteSize() {
        return bytes;
    }

    /** Whether tensors can be written with this type. */
    public boolean writable() {
        return this == F64 || this == F32;
    }

    /** Converts a binary16 bit pattern (low 16 bits of {@code h}) to double, exactly. */
    static double halfToDouble(int h) {
        int exp = (h >>> 10) & 0x1f;
        int mant = h & 0x3ff;
        double v;
        if (exp == 0) {
            v = mant * 0x1p-24;
        } else if (exp == 31) {
            v = mant == 0 ? Double.POSITIVE_INFINITY : Double.NaN;
        } else {
            v = (1024 + mant) * Math.scalb(1.0, exp - 25);
        }
        return (h & 0x8000) != 0 ? -v : v;
    }

    /** Converts a bfloat16 bit pattern (low 16 bits of {@code b}) to double, exactly. */
    static double bf16ToDouble(int b) {
        return Float.intBitsToFloat((b & 0xffff) << 16);
    }
}
