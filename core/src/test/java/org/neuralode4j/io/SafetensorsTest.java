package org.neuralode4j.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neuralode4j.optim.Adam;
import org.neuralode4j.optim.Optimizer;
import org.neuralode4j.tensor.Tensor;

class SafetensorsTest {

    private static Map<String, Tensor> sample() {
        Map<String, Tensor> m = new LinkedHashMap<>();
        m.put("net.2.weight", Tensor.of(new double[][] {{1.5, -2}, {Double.MIN_VALUE, -0.0}}));
        m.put("net.0.bias", Tensor.of(Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY));
        m.put("scalar", Tensor.scalar(Math.PI));
        m.put("empty", Tensor.zeros(0, 3));
        return m;
    }

    private static ByteBuffer le(byte[] b) {
        return ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
    }

    @Test
    void roundTripIsExactForF64(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("m.safetensors");
        Map<String, String> meta = Map.of("arch", "{\"type\": \"mlp\", \"hidden\": [50]}", "ünïcode", "π ≈ 3.14\n\ttab");
        Safetensors.write(file, sample(), meta);
        SafetensorsFile f = Safetensors.read(file);
        assertThat(f.metadata()).isEqualTo(meta);
        assertThat(f.tensors().keySet()).containsExactly("empty", "net.0.bias", "net.2.weight", "scalar");
        for (Map.Entry<String, Tensor> e : sample().entrySet()) {
            Tensor got = f.tensor(e.getKey());
            assertThat(got.shape()).containsExactly(e.getValue().shape());
            double[] a = got.toArray();
            double[] b = e.getValue().toArray();
            for (int i = 0; i < a.length; i++) {
                assertThat(Double.doubleToRawLongBits(a[i])).isEqualTo(Double.doubleToRawLongBits(b[i]));
            }
            assertThat(f.dtypes().get(e.getKey())).isEqualTo(DType.F64);
        }
        assertThat(Safetensors.fromBytes(Files.readAllBytes(file), "copy").metadata()).isEqualTo(meta);
    }

    @Test
    void headerIsExactlyWhatTheReferenceImplementationWrites() {
        Map<String, Tensor> t = new LinkedHashMap<>();
        t.put("b", Tensor.of(new double[][] {{1, 2, 3}, {4, 5, 6}}));
        t.put("a", Tensor.of(7, 8));
        byte[] bytes = Safetensors.toBytes(t, Map.of("z", "1", "k", "say \"hi\"\\"), DType.F64);
        long n = le(bytes).getLong(0);
        String header = new String(bytes, 8, (int) n, StandardCharsets.UTF_8);
        String json = "{\"__metadata__\":{\"k\":\"say \\\"hi\\\"\\\\\",\"z\":\"1\"},"
                + "\"a\":{\"dtype\":\"F64\",\"shape\":[2],\"data_offsets\":[0,16]},"
                + "\"b\":{\"dtype\":\"F64\",\"shape\":[2,3],\"data_offsets\":[16,64]}}";
        assertThat(n % 8).isZero();
        assertThat(header.stripTrailing()).isEqualTo(json);
        assertThat(header.substring(json.length())).matches(" {0,7}");
        assertThat(bytes.length).isEqualTo(8 + n + 64);
        // data: a then b, little-endian doubles, contiguous, offsets relative to the data start
        double[] expected = {7, 8, 1, 2, 3, 4, 5, 6};
        for (int i = 0; i < expected.length; i++) {
            assertThat(le(bytes).getDouble((int) (8 + n + 8 * i))).isEqualTo(expected[i]);
        }
        // and an independent parse of the header agrees
        @SuppressWarnings("unchecked")
        Map<String, Object> parsed = (Map<String, Object>) MiniJson.parse(header);
        assertThat(parsed.keySet()).containsExactly("__metadata__", "a", "b");
        assertThat(parsed.get("__metadata__")).isEqualTo(Map.of("k", "say \"hi\"\\", "z", "1"));
        assertThat(((Map<?, ?>) parsed.get("b")).get("data_offsets")).isEqualTo(List.of(16L, 64L));
    }

    @Test
    void withoutMetadataTheKeyIsOmitted() {
        byte[] bytes = Safetensors.toBytes(Map.of("x", Tensor.of(1)), Map.of(), DType.F64);
        String header = new String(bytes, 8, (int) le(bytes).getLong(0), StandardCharsets.UTF_8);
        assertThat(header).doesNotContain("__metadata__").startsWith("{\"x\":");
        byte[] empty = Safetensors.toBytes(Map.of(), null, DType.F64);
        assertThat(empty.length).isEqualTo(16);
        assertThat(new String(empty, 8, 8, StandardCharsets.UTF_8)).isEqualTo("{}      ");
    }

    @Test
    void f32RoundsToFloat() throws SafetensorsFormatException {
        Tensor t = Tensor.of(0.1, 1e300, -3.25);
        byte[] bytes = Safetensors.toBytes(Map.of("t", t), Map.of(), DType.F32);
        assertThat(new String(bytes, 8, (int) le(bytes).getLong(0), StandardCharsets.UTF_8))
                .contains("\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[0,12]");
        SafetensorsFile f = Safetensors.fromBytes(bytes, "f32");
        assertThat(f.tensor("t").toArray()).containsExactly((double) 0.1f, Double.POSITIVE_INFINITY, -3.25);
        assertThat(f.dtypes().get("t")).isEqualTo(DType.F32);
        assertThatThrownBy(() -> Safetensors.toBytes(Map.of("t", t), Map.of(), DType.F16))
                .hasMessageContaining("writing F16 is not supported");
    }

    /** A file with one tensor of raw little-endian elements. */
    private static byte[] raw(String dtype, int count, byte[] data) {
        String json = "{\"t\":{\"dtype\":\"" + dtype + "\",\"shape\":[" + count + "],\"data_offsets\":[0," + data.length + "]}}";
        byte[] h = json.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(8 + h.length + data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(h.length).put(h).put(data);
        return b.array();
    }

    @Test
    void readsHalfBfloatAndIntegerTypes() throws SafetensorsFormatException {
        ByteBuffer half = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
        // 1.0, -2.0, 65504 (max), 2^-24 (smallest subnormal), +inf, 0x3555 ≈ 0.333
        for (int bits : new int[] {0x3C00, 0xC000, 0x7BFF, 0x0001, 0x7C00, 0x3555}) {
            half.putShort((short) bits);
        }
        double[] h = Safetensors.fromBytes(raw("F16", 6, half.array()), "f16").tensor("t").toArray();
        assertThat(h).containsExactly(1.0, -2.0, 65504.0, 0x1p-24, Double.POSITIVE_INFINITY, 0.333251953125);
        ByteBuffer bf = ByteBuffer.allocate(6).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : new float[] {1.0f, -0.5f, 3.0e38f}) {
            bf.putShort((short) (Float.floatToIntBits(v) >>> 16));
        }
        double[] b = Safetensors.fromBytes(raw("BF16", 3, bf.array()), "bf16").tensor("t").toArray();
        assertThat(b[0]).isEqualTo(1.0);
        assertThat(b[1]).isEqualTo(-0.5);
        assertThat(b[2]).isEqualTo((double) Float.intBitsToFloat(Float.floatToIntBits(3.0e38f) & 0xffff0000));
        ByteBuffer i64 = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN).putLong(-5).putLong(1L << 53)
                .putLong(Long.MAX_VALUE);
        SafetensorsFile fi = Safetensors.fromBytes(raw("I64", 3, i64.array()), "i64");
        assertThat(fi.tensor("t").toArray()).containsExactly(-5, 9007199254740992.0, 9.223372036854775807E18);
        assertThat(fi.dtypes().get("t")).isEqualTo(DType.I64);
        ByteBuffer i32 = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putInt(-7).putInt(Integer.MAX_VALUE);
        assertThat(Safetensors.fromBytes(raw("I32", 2, i32.array()), "i32").tensor("t").toArray())
                .containsExactly(-7, Integer.MAX_VALUE);
    }

    @Test
    void largeTensorsCrossChunkBoundaries(@TempDir Path dir) throws IOException {
        Tensor big = Tensor.randn(new SplittableRandom(1), 301, 97);
        Path file = dir.resolve("big.safetensors");
        Safetensors.write(file, Map.of("a", big, "b", Tensor.randn(new SplittableRandom(2), 9999)), Map.of());
        SafetensorsFile f = Safetensors.read(file);
        assertThat(f.tensor("a").toArray()).containsExactly(big.toArray());
        Safetensors.write(file, Map.of("a", big), Map.of(), DType.F32);
        double[] back = Safetensors.read(file).tensor("a").toArray();
        double[] src = big.toArray();
        for (int i = 0; i < src.length; i++) {
            assertThat(back[i]).isEqualTo((double) (float) src[i]);
        }
    }

    @Test
    void writeReplacesAtomicallyAndLeavesNoTemporaryFiles(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("m.safetensors");
        Safetensors.write(file, Map.of("x", Tensor.of(1)), Map.of());
        Safetensors.write(file, Map.of("x", Tensor.of(2, 3)), Map.of("v", "2"));
        assertThat(Safetensors.read(file).tensor("x").toArray()).containsExactly(2, 3);
        try (Stream<Path> s = Files.list(dir)) {
            assertThat(s.map(p -> p.getFileName().toString())).containsExactly("m.safetensors");
        }
    }

    @Test
    void failedWriteLeavesTheTargetAndNoTemporaryFile(@TempDir Path dir) throws IOException {
        // the target is a non-empty directory: the final rename fails after all bytes were written
        Path target = dir.resolve("model.safetensors");
        Files.createDirectory(target);
        Files.writeString(target.resolve("keep"), "x");
        assertThatThrownBy(() -> Safetensors.write(target, Map.of("x", Tensor.of(1)), Map.of()))
                .isInstanceOf(IOException.class);
        try (Stream<Path> s = Files.list(dir)) {
            assertThat(s.map(p -> p.getFileName().toString())).containsExactly("model.safetensors");
        }
        assertThat(Files.readString(target.resolve("keep"))).isEqualTo("x");
        // invalid input fails before anything touches the disk
        Path other = dir.resolve("other.safetensors");
        assertThatThrownBy(() -> Safetensors.write(other, Map.of("__metadata__", Tensor.of(1)), Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("__metadata__");
        assertThat(other).doesNotExist();
    }

    @Test
    void errorsNameTheFile(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("broken.safetensors");
        Files.write(file, new byte[] {1, 2, 3});
        assertThatThrownBy(() -> Safetensors.read(file))
                .isInstanceOf(SafetensorsFormatException.class)
                .hasMessageStartingWith(file.toString() + ": ")
                .hasMessageContaining("3 bytes");
        assertThat(catchSource(file)).isEqualTo(file.toString());
    }

    private static String catchSource(Path file) {
        try {
            Safetensors.read(file);
            return null;
        } catch (SafetensorsFormatException e) {
            return e.source();
        } catch (IOException e) {
            return "other";
        }
    }

    @Test
    void optimizerStateSurvivesACheckpointBitForBit(@TempDir Path dir) throws IOException {
        Tensor p = Tensor.randn(new SplittableRandom(3), 4, 3).requiresGrad(true);
        Optimizer adam = new Adam(List.of(p), 0.01, 0.9, 0.999, 1e-8, 0, true);
        for (int k = 0; k < 3; k++) {
            adam.zeroGrad();
            p.sin().sum().backward();
            adam.step();
        }
        Path file = dir.resolve("opt.safetensors");
        Safetensors.write(file, adam.state(), Map.of("optimizer", "Adam"));
        Map<String, Tensor> back = Safetensors.read(file).tensors();
        Map<String, Tensor> original = adam.state();
        assertThat(back.keySet()).containsExactlyInAnyOrderElementsOf(original.keySet());
        for (String k : original.keySet()) {
            assertThat(back.get(k).shape()).containsExactly(original.get(k).shape());
            assertThat(back.get(k).toArray()).containsExactly(original.get(k).toArray());
        }
        new Adam(List.of(Tensor.zeros(4, 3).requiresGrad(true)), 0.5, 0.9, 0.999, 1e-8, 0, true).loadState(back);
    }
}
