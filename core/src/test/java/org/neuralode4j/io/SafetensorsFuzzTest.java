package org.neuralode4j.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.neuralode4j.tensor.Tensor;

/**
 * Hostile and damaged files: every targeted corruption must end in a SafetensorsFormatException
 * naming the source, and random corruptions (seeded) must end in that exception or a valid parse,
 * never in another exception type or error.
 */
class SafetensorsFuzzTest {

    /** The bytes of a file with the given header text (unpadded) and {@code dataBytes} zero bytes of data. */
    private static byte[] file(String header, int dataBytes) {
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(8 + h.length + dataBytes).order(ByteOrder.LITTLE_ENDIAN).putLong(h.length).put(h)
                .array();
    }

    /** A header whose key holds the byte 0xFF, which never occurs in UTF-8. */
    private static byte[] invalidUtf8() {
        byte[] b = file("{\"X\":1}", 0);
        b[10] = (byte) 0xFF;
        return b;
    }

    private static byte[] withLength(long headerLength, byte[] rest) {
        return ByteBuffer.allocate(8 + rest.length).order(ByteOrder.LITTLE_ENDIAN).putLong(headerLength).put(rest)
                .array();
    }

    private static String t(String name, String dtype, String shape, String offsets) {
        return "\"" + name + "\":{\"dtype\":\"" + dtype + "\",\"shape\":" + shape + ",\"data_offsets\":" + offsets + "}";
    }

    private static byte[] valid() {
        Map<String, Tensor> m = new LinkedHashMap<>();
        m.put("net.0.weight", Tensor.randn(new SplittableRandom(1), 5, 2));
        m.put("net.0.bias", Tensor.randn(new SplittableRandom(2), 5));
        m.put("s", Tensor.scalar(1));
        return Safetensors.toBytes(m, Map.of("arch", "mlp"), DType.F64);
    }

    static Stream<Arguments> corruptions() {
        byte[] good = valid();
        byte[] rest = Arrays.copyOfRange(good, 8, good.length);
        return Stream.of(
                Arguments.of("empty file", new byte[0], "0 bytes"),
                Arguments.of("7 bytes", new byte[7], "7 bytes"),
                Arguments.of("header length 2^64-1", withLength(-1L, rest), "18446744073709551615 exceeds the limit"),
                Arguments.of("header length 2^63", withLength(Long.MIN_VALUE, rest), "exceeds the limit"),
                Arguments.of("header length above 100 MB", withLength(100_000_001L, rest), "exceeds the limit"),
                Arguments.of("header length 100 MB in a small file", withLength(100_000_000L, rest), "follow the length field"),
                Arguments.of("header length past the end", withLength(rest.length + 1, rest), "follow the length field"),
                Arguments.of("a CSV file", "t,x,y\n0,1,2\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII),
                        "not a safetensors file: it starts with the text 't,x,y 0,'"),
                Arguments.of("a long CSV file", "t,x,y\n".repeat(100).getBytes(java.nio.charset.StandardCharsets.US_ASCII),
                        "not a safetensors file: it starts with the text 't,x,y t,'"),
                Arguments.of("zero header length", withLength(0, rest), "starting with '{'"),
                Arguments.of("header is an array", file("[1]", 0), "starting with '{'"),
                Arguments.of("header not UTF-8", invalidUtf8(), "UTF-8"),
                Arguments.of("truncated JSON", file("{\"a\":{\"dtype\":\"F64\"", 0), "invalid JSON"),
                Arguments.of("trailing garbage", file("{} x", 0), "after the JSON value"),
                Arguments.of("duplicate tensor", file("{" + t("a", "F64", "[1]", "[0,8]") + "," + t("a", "F64", "[1]", "[8,16]") + "}", 16), "duplicate key"),
                Arguments.of("duplicate field", file("{\"a\":{\"dtype\":\"F64\",\"dtype\":\"F64\",\"shape\":[1],\"data_offsets\":[0,8]}}", 8), "duplicate key"),
                Arguments.of("unknown dtype", file("{" + t("a", "F99", "[1]", "[0,8]") + "}", 8), "unknown dtype \"F99\""),
                Arguments.of("unsupported dtype", file("{" + t("a", "U8", "[8]", "[0,8]") + "}", 8), "dtype U8 is not supported"),
                Arguments.of("dtype not a string", file("{\"a\":{\"dtype\":8,\"shape\":[1],\"data_offsets\":[0,8]}}", 8), "dtype must be a string"),
                Arguments.of("shape vs bytes", file("{" + t("a", "F64", "[2]", "[0,8]") + "}", 8), "needs 16 bytes"),
                Arguments.of("negative dimension", file("{" + t("a", "F64", "[-1]", "[0,8]") + "}", 8), "dimension 0"),
                Arguments.of("fractional dimension", file("{" + t("a", "F64", "[1.5]", "[0,8]") + "}", 8), "dimension 0"),
                Arguments.of("dimension above int", file("{" + t("a", "F64", "[4294967296]", "[0,8]") + "}", 8), "dimension 0"),
                Arguments.of("element count overflow", file("{" + t("a", "F64", "[2147483647,2147483647,2147483647,2147483647]", "[0,8]") + "}", 8), "more elements"),
                Arguments.of("shape not an array", file("{" + t("a", "F64", "\"1\"", "[0,8]") + "}", 8), "shape must be an array"),
                Arguments.of("rank above 64", file("{" + t("a", "F64", "[" + "1,".repeat(70) + "1]", "[0,8]") + "}", 8), "more than 64"),
                Arguments.of("begin after end", file("{" + t("a", "F64", "[0]", "[8,0]") + "}", 8), "0 <= begin <= end"),
                Arguments.of("negative offset", file("{" + t("a", "F64", "[1]", "[-8,0]") + "}", 8), "data_offsets"),
                Arguments.of("huge offset", file("{" + t("a", "F64", "[1]", "[9223372036854775800,9223372036854775808]") + "}", 8), "data_offsets"),
                Arguments.of("offsets past the data", file("{" + t("a", "F64", "[1]", "[8,16]") + "}", 8), "run past the data region"),
                Arguments.of("three offsets", file("{" + t("a", "F64", "[1]", "[0,8,16]") + "}", 8), "data_offsets"),
                Arguments.of("overlapping tensors", file("{" + t("a", "F64", "[2]", "[0,16]") + "," + t("b", "F64", "[2]", "[8,24]") + "}", 24), "overlaps tensor 'a'"),
                Arguments.of("same range twice", file("{" + t("a", "F64", "[1]", "[0,8]") + "," + t("b", "F64", "[1]", "[0,8]") + "}", 16), "overlaps"),
                Arguments.of("gap between tensors", file("{" + t("a", "F64", "[1]", "[0,8]") + "," + t("b", "F64", "[1]", "[16,24]") + "}", 24), "gap of 8 bytes"),
                Arguments.of("data left over", file("{" + t("a", "F64", "[1]", "[0,8]") + "}", 16), "cover 8 bytes but the data region holds 16"),
                Arguments.of("missing field", file("{\"a\":{\"dtype\":\"F64\",\"shape\":[1]}}", 8), "data_offsets"),
                Arguments.of("unknown field", file("{\"a\":{\"dtype\":\"F64\",\"shape\":[1],\"data_offsets\":[0,8],\"x\":1}}", 8), "unknown field 'x'"),
                Arguments.of("tensor not an object", file("{\"a\":[1]}", 0), "must be an object"),
                Arguments.of("metadata value not a string", file("{\"__metadata__\":{\"k\":1}}", 0), "must be a string"),
                Arguments.of("metadata not an object", file("{\"__metadata__\":[\"k\"]}", 0), "__metadata__ must be an object"),
                Arguments.of("deeply nested JSON", file("{\"a\":" + "[".repeat(50_000) + "]".repeat(50_000) + "}", 0), "nesting deeper"),
                Arguments.of("lone surrogate in a name", file("{\"\\ud800\":1}", 0), "surrogate"),
                Arguments.of("control character in a name", file("{\"a\nb\":1}", 0), "control character"),
                Arguments.of("number too long", file("{\"a\":" + "9".repeat(1000) + "}", 0), "number longer"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corruptions")
    void targetedCorruptionsAreFormatErrors(String name, byte[] bytes, String expected) {
        try {
            Safetensors.fromBytes(bytes, "case.safetensors");
            fail(name + ": parsed without error");
        } catch (SafetensorsFormatException e) {
            assertThat(e.getMessage()).startsWith("case.safetensors: ").contains(expected);
        } catch (Throwable other) {
            fail(name + ": threw " + other, other);
        }
    }

    @Test
    void validFileParses() throws SafetensorsFormatException {
        SafetensorsFile f = Safetensors.fromBytes(valid(), "ok");
        assertThat(f.tensors().keySet()).containsExactly("net.0.bias", "net.0.weight", "s");
    }

    @Test
    void everyTruncationIsAFormatError() {
        byte[] good = valid();
        for (int len = 0; len < good.length; len++) {
            byte[] cut = Arrays.copyOf(good, len);
            assertOnlyFormatError(cut, "truncation to " + len, true);
        }
    }

    @Test
    void randomCorruptionsNeverEscapeAsOtherExceptions() {
        byte[] good = valid();
        int headerEnd = 8 + (int) ByteBuffer.wrap(good).order(ByteOrder.LITTLE_ENDIAN).getLong(0);
        SplittableRandom rng = new SplittableRandom(20240601);
        int rejected = 0;
        int trials = 3000;
        for (int trial = 0; trial < trials; trial++) {
            byte[] b = good.clone();
            int kind = rng.nextInt(6);
            String what;
            switch (kind) {
                case 0 -> { // flip bits of 1..4 header bytes
                    int k = 1 + rng.nextInt(4);
                    for (int i = 0; i < k; i++) {
                        b[8 + rng.nextInt(headerEnd - 8)] ^= (byte) (1 << rng.nextInt(8));
                    }
                    what = "header bit flips";
                }
                case 1 -> { // random bytes anywhere
                    for (int i = 0; i < 3; i++) {
                        b[rng.nextInt(b.length)] = (byte) rng.nextInt(256);
                    }
                    what = "random bytes";
                }
                case 2 -> { // a random header length
                    long n = switch (rng.nextInt(3)) {
                        case 0 -> rng.nextLong();
                        case 1 -> rng.nextInt(b.length + 16);
                        default -> headerEnd - 8 + rng.nextInt(-8, 9);
                    };
                    ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putLong(0, n);
                    what = "header length " + n;
                }
                case 3 -> { // delete a byte of the header
                    int at = 8 + rng.nextInt(headerEnd - 8);
                    byte[] c = new byte[b.length - 1];
                    System.arraycopy(b, 0, c, 0, at);
                    System.arraycopy(b, at + 1, c, at, b.length - at - 1);
                    b = c;
                    what = "deleted byte " + at;
                }
                case 4 -> { // duplicate a slice of the header (JSON splice)
                    int from = 8 + rng.nextInt(headerEnd - 8);
                    int len = 1 + rng.nextInt(Math.min(40, headerEnd - from));
                    byte[] c = new byte[b.length + len];
                    System.arraycopy(b, 0, c, 0, from + len);
                    System.arraycopy(b, from, c, from + len, b.length - from);
                    b = c;
                    what = "spliced " + len + " bytes at " + from;
                }
                default -> { // change a digit of the header (offsets, shapes)
                    int at = 8 + rng.nextInt(headerEnd - 8);
                    if (b[at] >= '0' && b[at] <= '9') {
                        b[at] = (byte) ('0' + rng.nextInt(10));
                    } else {
                        b[at] = (byte) "0123456789[]{},:\"-.e"
                                .charAt(rng.nextInt(20));
                    }
                    what = "digit change at " + at;
                }
            }
            if (assertOnlyFormatError(b, "trial " + trial + " (" + what + ")", false)) {
                rejected++;
            }
        }
        assertThat(rejected).as("most corruptions are detected").isGreaterThan(trials / 2);
    }

    /** @return true when the bytes were rejected */
    private static boolean assertOnlyFormatError(byte[] bytes, String what, boolean mustReject) {
        try {
            Safetensors.fromBytes(bytes, "fuzz");
            if (mustReject) {
                fail(what + ": parsed without error");
            }
            return false;
        } catch (SafetensorsFormatException e) {
            assertThat(e.getMessage()).startsWith("fuzz: ");
            return true;
        } catch (Throwable other) {
            fail(what + ": threw " + other, other);
            return false;
        }
    }

    @Test
    void corruptFilesOnDiskAreFormatErrorsToo(@TempDir Path dir) throws IOException {
        byte[] good = valid();
        Path file = dir.resolve("cut.safetensors");
        Files.write(file, Arrays.copyOf(good, good.length - 3));
        try {
            Safetensors.read(file);
            fail("truncated file parsed");
        } catch (SafetensorsFormatException e) {
            assertThat(e.getMessage()).startsWith(file.toString()).contains("data region");
        }
        Files.write(file, withLength(Long.MAX_VALUE, new byte[16]));
        try {
            Safetensors.read(file);
            fail("huge header length parsed");
        } catch (SafetensorsFormatException e) {
            assertThat(e.getMessage()).contains("exceeds the limit");
        }
    }
}
