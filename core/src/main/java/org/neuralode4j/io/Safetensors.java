package org.neuralode4j.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.CharBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.neuralode4j.tensor.Tensor;

/**
 * Reads and writes the safetensors format of Hugging Face, the format PyTorch models are exchanged
 * in (https://github.com/huggingface/safetensors).
 *
 * <p>Layout: an unsigned 64-bit little-endian header length N; N bytes of UTF-8 JSON mapping each
 * tensor name to {@code {"dtype", "shape", "data_offsets": [begin, end]}} plus an optional
 * {@code "__metadata__"} object of strings; then the raw little-endian data, the offsets relative to
 * its start.
 *
 * <p>Writing follows the reference implementation: {@code __metadata__} first (omitted when empty,
 * keys sorted), tensors in byte-wise name order, data contiguous in that order, the header padded
 * with spaces to a multiple of 8 bytes. Files are replaced atomically: the bytes go to a temporary
 * file in the target's directory, are forced to the device, and the temporary file is renamed over
 * the target, so a reader sees the old file or the new one, never a partial one.
 *
 * <p>Reading is safe on hostile files: the header length is bounded by the file size and
 * {@link #MAX_HEADER_BYTES}, the JSON is parsed strictly with depth and size limits, dtypes are
 * whitelisted ({@link DType}), shapes are checked against byte counts with overflow checks, and the
 * offsets must tile the data region exactly (no overlap, no gap, nothing left over). Every violation
 * is a {@link SafetensorsFormatException} naming the file; nothing is allocated for tensor data
 * before the whole header has been validated against the file's size.
 */
public final class Safetensors {
    /** The largest header accepted, as in the reference implementation (100 MB). */
    public static final long MAX_HEADER_BYTES = 100_000_000L;
    /** The largest tensor rank accepted. */
    public static final int MAX_RANK = 64;
    private static final String METADATA = "__metadata__";
    private static final int CHUNK = 1 << 16;

    private Safetensors() {
    }

    // ------------------------------------------------------------------ writing

    /** Writes {@code tensors} as F64 with {@code metadata}, atomically replacing {@code file}. */
    public static void write(Path file, Map<String, Tensor> tensors, Map<String, String> metadata) throws IOException {
        write(file, tensors, metadata, DType.F64);
    }

    /**
     * Writes {@code tensors} with element type {@code dtype}, atomically replacing {@code file}.
     *
     * @param tensors by name; not modified. Names must not be {@code __metadata__}
     * @param metadata string pairs stored in {@code __metadata__} (architecture, options); may be empty
     * @param dtype F64, or F32 (values rounded to the nearest float)
     * @throws IllegalArgumentException for an invalid name or dtype
     * @throws IOException when the file cannot be written; the target is then untouched
     */
    public static void write(Path file, Map<String, Tensor> tensors, Map<String, String> metadata, DType dtype)
            throws IOException {
        Plan plan = plan(tensors, metadata, dtype);
        AtomicWrite.channel(file, ch -> plan.encode(buf -> {
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
        }));
    }

    /**
     * The bytes of a safetensors file holding {@code tensors} and {@code metadata}, as
     * {@link #write(Path, Map, Map, DType)} would write them.
     *
     * @throws IllegalArgumentException for an invalid name or dtype, or more than 2 GB of output
     */
    public static byte[] toBytes(Map<String, Tensor> tensors, Map<String, String> metadata, DType dtype) {
        Plan plan = plan(tensors, metadata, dtype);
        long total = 8L + plan.header.length + plan.dataBytes;
        if (total > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("toBytes: " + total + " bytes do not fit in one array; write a file");
        }
        ByteBuffer out = ByteBuffer.allocate((int) total);
        try {
            plan.encode(out::put);
        } catch (IOException e) {
            throw new AssertionError("in-memory encoding cannot fail", e);
        }
        return out.array();
    }

    private interface Sink {
        void accept(ByteBuffer b) throws IOException;
    }

    /** What will be written: the padded header and the tensors in data order. */
    private static final class Plan {
        final byte[] header;
        final List<Tensor> order;
        final DType dtype;
        final long dataBytes;

        Plan(byte[] header, List<Tensor> order, DType dtype, long dataBytes) {
            this.header = header;
            this.order = order;
            this.dtype = dtype;
            this.dataBytes = dataBytes;
        }

        void encode(Sink sink) throws IOException {
            ByteBuffer len = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
            len.putLong(header.length).flip();
            sink.accept(len);
            sink.accept(ByteBuffer.wrap(header));
            ByteBuffer buf = ByteBuffer.allocate(CHUNK).order(ByteOrder.LITTLE_ENDIAN);
            for (Tensor t : order) {
                double[] d = t.buffer();
                for (int i = 0; i < d.length; i++) {
                    if (buf.remaining() < 8) {
                        sink.accept(buf.flip());
                        buf.clear();
                    }
                    if (dtype == DType.F64) {
                        buf.putDouble(d[i]);
                    } else {
                        buf.putFloat((float) d[i]);
                    }
                }
            }
            sink.accept(buf.flip());
        }
    }

    private static Plan plan(Map<String, Tensor> tensors, Map<String, String> metadata, DType dtype) {
        Objects.requireNonNull(tensors, "tensors");
        Objects.requireNonNull(dtype, "dtype");
        if (!dtype.writable()) {
            throw new IllegalArgumentException("safetensors: writing " + dtype + " is not supported (use F64 or F32)");
        }
        List<String> names = new ArrayList<>(tensors.keySet());
        for (String n : names) {
            if (n == null || n.equals(METADATA) || tensors.get(n) == null) {
                throw new IllegalArgumentException("safetensors: invalid tensor name '" + n
                        + "' (names must be non-null, not __metadata__, and map to a tensor)");
            }
        }
        names.sort((a, b) -> Arrays.compareUnsigned(utf8(a), utf8(b)));
        StringBuilder json = new StringBuilder("{");
        Map<String, String> meta = metadata == null ? Map.of() : new TreeMap<>(metadata);
        if (!meta.isEmpty()) {
            Json.quote(json, METADATA);
            json.append(":{");
            String sep = "";
            for (Map.Entry<String, String> e : meta.entrySet()) {
                json.append(sep);
                Json.quote(json, Objects.requireNonNull(e.getKey(), "metadata key"));
                json.append(':');
                Json.quote(json, Objects.requireNonNull(e.getValue(), "metadata value of " + e.getKey()));
                sep = ",";
            }
            json.append('}');
        }
        List<Tensor> order = new ArrayList<>();
        long offset = 0;
        for (String n : names) {
            Tensor t = tensors.get(n);
            long bytes = (long) t.numel() * dtype.byteSize();
            json.append(json.length() == 1 ? "" : ",");
            Json.quote(json, n);
            json.append(":{\"dtype\":\"").append(dtype.name()).append("\",\"shape\":[");
            int[] shape = t.shape();
            for (int i = 0; i < shape.length; i++) {
                json.append(i == 0 ? "" : ",").append(shape[i]);
            }
            json.append("],\"data_offsets\":[").append(offset).append(',').append(offset + bytes).append("]}");
            offset += bytes;
            order.add(t);
        }
        json.append('}');
        byte[] raw = utf8(json.toString());
        if (raw.length > MAX_HEADER_BYTES) {
            throw new IllegalArgumentException("safetensors: the header would be " + raw.length
                    + " bytes, above the limit of " + MAX_HEADER_BYTES);
        }
        byte[] header = Arrays.copyOf(raw, (raw.length + 7) / 8 * 8);
        Arrays.fill(header, raw.length, header.length, (byte) ' ');
        return new Plan(header, order, dtype, offset);
    }

    private static byte[] utf8(String s) {
        try {
            ByteBuffer b = StandardCharsets.UTF_8.newEncoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .encode(CharBuffer.wrap(s));
            return Arrays.copyOf(b.array(), b.limit());
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("safetensors: a name or metadata string is not valid Unicode "
                    + "(unpaired surrogate)", e);
        }
    }

    // ------------------------------------------------------------------ reading

    /**
     * Reads a safetensors file, converting every tensor to double.
     *
     * @throws SafetensorsFormatException when the file violates the format (the message names it)
     * @throws IOException when it cannot be read
     */
    public static SafetensorsFile read(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            String name = file.toString();
            return read(new Source() {
                @Override
                public long size() throws IOException {
                    return ch.size();
                }

                @Override
                public void readFully(long pos, ByteBuffer dst) throws IOException {
                    long p = pos;
                    while (dst.hasRemaining()) {
                        int r = ch.read(dst, p);
                        if (r < 0) {
                            throw new SafetensorsFormatException(name, "unexpected end of file at byte " + p
                                    + " (was the file truncated while reading?)");
                        }
                        p += r;
                    }
                }
            }, name);
        }
    }

    /**
     * Reads safetensors bytes held in memory.
     *
     * @param bytes not modified
     * @param sourceName names the bytes in error messages
     * @throws SafetensorsFormatException when the bytes violate the format
     */
    public static SafetensorsFile fromBytes(byte[] bytes, String sourceName) throws SafetensorsFormatException {
        try {
            return read(new Source() {
                @Override
                public long size() {
                    return bytes.length;
                }

                @Override
                public void readFully(long pos, ByteBuffer dst) {
                    dst.put(bytes, (int) pos, dst.remaining());
                }
            }, sourceName);
        } catch (SafetensorsFormatException e) {
            throw e;
        } catch (IOException e) {
            throw new AssertionError("in-memory reading cannot fail", e);
        }
    }

    /** Random access to the bytes being read. */
    private interface Source {
        long size() throws IOException;

        /** Fills {@code dst} from position {@code pos}; the caller guarantees the range exists. */
        void readFully(long pos, ByteBuffer dst) throws IOException;
    }

    /**
     * The 8 bytes read as the header length as text, line breaks and tabs shown as spaces, when all
     * are printable ASCII (a CSV or other text file given where a model file belongs); else null.
     */
    private static String asText(ByteBuffer first8) {
        StringBuilder shown = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            int b = first8.get(i) & 0xff;
            if (b == '\n' || b == '\r' || b == '\t') {
                shown.append(' ');
            } else if (b < 0x20 || b > 0x7e) {
                return null;
            } else {
                shown.append((char) b);
            }
        }
        return shown.toString();
    }

    private static SafetensorsFile read(Source src, String name) throws IOException {
        long size = src.size();
        if (size < 8) {
            throw new SafetensorsFormatException(name, "the file has " + size
                    + " bytes; a safetensors file starts with an 8-byte header length");
        }
        ByteBuffer lenBuf = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        src.readFully(0, lenBuf);
        long n = lenBuf.getLong(0);
        String leadingText = n < 0 || n > MAX_HEADER_BYTES || n > size - 8 ? asText(lenBuf) : null;
        if (leadingText != null) {
            throw new SafetensorsFormatException(name, "not a safetensors file: it starts with the text '" + leadingText
                    + "' where the 8-byte header length belongs (a text or CSV file in place of a model?)");
        }
        if (n < 0 || n > MAX_HEADER_BYTES) {
            throw new SafetensorsFormatException(name, "header length " + Long.toUnsignedString(n)
                    + " exceeds the limit of " + MAX_HEADER_BYTES + " bytes");
        }
        if (n > size - 8) {
            throw new SafetensorsFormatException(name, "header length " + n + " exceeds the " + (size - 8)
                    + " bytes that follow the length field");
        }
        ByteBuffer headerBuf = ByteBuffer.allocate((int) n);
        src.readFully(8, headerBuf);
        byte[] header = headerBuf.array();
        if (n == 0 || header[0] != '{') {
            throw new SafetensorsFormatException(name, "the header must be a JSON object starting with '{'");
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(header)).toString();
        } catch (CharacterCodingException e) {
            throw new SafetensorsFormatException(name, "the header is not valid UTF-8");
        }
        HeaderParser.Header h = HeaderParser.parse(Json.parse(text, name), size - 8 - n, name);
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        Map<String, DType> dtypes = new LinkedHashMap<>();
        long dataStart = 8 + n;
        for (HeaderParser.Entry e : h.entries()) {
            tensors.put(e.name(), readTensor(src, dataStart + e.begin(), e));
            dtypes.put(e.name(), e.dtype());
        }
        return new SafetensorsFile(Collections.unmodifiableMap(tensors), Collections.unmodifiableMap(dtypes),
                Collections.unmodifiableMap(h.metadata()));
    }

    private static Tensor readTensor(Source src, long pos, HeaderParser.Entry e) throws IOException {
        Tensor t = Tensor.zeros(e.shape());
        double[] d = t.buffer();
        DType dtype = e.dtype();
        int size = dtype.byteSize();
        ByteBuffer buf = ByteBuffer.allocate(CHUNK).order(ByteOrder.LITTLE_ENDIAN);
        int perChunk = CHUNK / size;
        long p = pos;
        for (int i = 0; i < d.length; ) {
            int count = Math.min(perChunk, d.length - i);
            buf.clear().limit(count * size);
            src.readFully(p, buf);
            buf.flip();
            p += (long) count * size;
            for (int k = 0; k < count; k++, i++) {
                d[i] = switch (dtype) {
                    case F64 -> buf.getDouble();
                    case F32 -> buf.getFloat();
                    case F16 -> DType.halfToDouble(buf.getShort());
                    case BF16 -> DType.bf16ToDouble(buf.getShort());
                    case I64 -> (double) buf.getLong();
                    case I32 -> buf.getInt();
                };
            }
        }
        return t;
    }
}
