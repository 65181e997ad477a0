package org.neuralode4j.io;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Validates a parsed safetensors header against the format and the size of the data region. */
final class HeaderParser {
    private static final Set<String> INFO_KEYS = Set.of("dtype", "shape", "data_offsets");
    private static final Set<String> KNOWN_UNSUPPORTED = Set.of("BOOL", "U8", "I8", "U16", "I16", "U32", "U64",
            "F8_E5M2", "F8_E4M3", "F8_E8M0", "F6_E2M3", "F6_E3M2", "F4", "C64");
    /** The largest element count of one Java array. */
    private static final long MAX_ELEMENTS = Integer.MAX_VALUE - 8;

    private HeaderParser() {
    }

    /** One tensor's header entry. */
    record Entry(String name, DType dtype, int[] shape, long begin, long end) {
    }

    /** The entries in data order and the metadata. */
    record Header(List<Entry> entries, Map<String, String> metadata) {
    }

    /**
     * @param root the parsed JSON document
     * @param dataLength bytes after the header
     */
    static Header parse(Object root, long dataLength, String source) throws SafetensorsFormatException {
        if (!(root instanceof Map<?, ?> top)) {
            throw new SafetensorsFormatException(source, "the header must be a JSON object");
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        List<Entry> entries = new ArrayList<>();
        for (Map.Entry<?, ?> e : top.entrySet()) {
            String key = (String) e.getKey();
            if (key.equals("__metadata__")) {
                metadata(e.getValue(), metadata, source);
            } else {
                entries.add(entry(key, e.getValue(), dataLength, source));
            }
        }
        entries.sort(Comparator.comparingLong(Entry::begin).thenComparingLong(Entry::end));
        long expected = 0;
        Entry previous = null;
        for (Entry e : entries) {
            if (e.begin() < expected) {
                throw new SafetensorsFormatException(source, "tensor '" + clip(e.name()) + "' " + range(e)
                        + " overlaps tensor '" + clip(previous.name()) + "' " + range(previous));
            }
            if (e.begin() > expected) {
                throw new SafetensorsFormatException(source, "gap of " + (e.begin() - expected)
                        + " bytes in the data before tensor '" + clip(e.name()) + "' " + range(e));
            }
            expected = e.end();
            previous = e;
        }
        if (expected != dataLength) {
            throw new SafetensorsFormatException(source, "the tensors cover " + expected
                    + " bytes but the data region holds " + dataLength + " bytes");
        }
        return new Header(entries, metadata);
    }

    private static String range(Entry e) {
        return "[" + e.begin() + ", " + e.end() + ")";
    }

    private static void metadata(Object value, Map<String, String> out, String source)
            throws SafetensorsFormatException {
        if (value == Json.NULL) {
            return;
        }
        if (!(value instanceof Map<?, ?> map)) {
            throw new SafetensorsFormatException(source, "__metadata__ must be an object of strings");
        }
        for (Map.Entry<?, ?> e : map.entrySet()) {
            if (!(e.getValue() instanceof String s)) {
                throw new SafetensorsFormatException(source, "__metadata__ value of '" + clip((String) e.getKey())
                        + "' must be a string, got " + describe(e.getValue()));
            }
            out.put((String) e.getKey(), s);
        }
    }

    private static Entry entry(String name, Object value, long dataLength, String source)
            throws SafetensorsFormatException {
        String where = "tensor '" + clip(name) + "'";
        if (!(value instanceof Map<?, ?> info)) {
            throw new SafetensorsFormatException(source, where + " must be an object with dtype, shape and data_offsets");
        }
        for (Object k : info.keySet()) {
            if (!INFO_KEYS.contains(k)) {
                throw new SafetensorsFormatException(source, where + " has the unknown field '" + k + "'");
            }
        }
        DType dtype = dtype(info.get("dtype"), where, source);
        int[] shape = shape(info.get("shape"), where, source);
        Object offsets = info.get("data_offsets");
        if (!(offsets instanceof List<?> off) || off.size() != 2 || !(off.get(0) instanceof Long b)
                || !(off.get(1) instanceof Long en) || b < 0 || en < b) {
            throw new SafetensorsFormatException(source, where
                    + ": data_offsets must be [begin, end] with integers 0 <= begin <= end, got " + describe(offsets));
        }
        if (en > dataLength) {
            throw new SafetensorsFormatException(source, where + ": data_offsets [" + b + ", " + en
                    + "] run past the data region of " + dataLength + " bytes");
        }
        long numel = 1;
        for (int d : shape) {
            numel = d == 0 ? 0 : numel;
        }
        for (int d : shape) {
            numel *= d; // numel <= 2^31 and d < 2^31 before each product: no overflow
            if (numel > MAX_ELEMENTS) {
                throw new SafetensorsFormatException(source, where + ": shape " + describe(info.get("shape"))
                        + " has more elements than one Java array can hold");
            }
        }
        long bytes = numel * dtype.byteSize();
        if (bytes != en - b) {
            throw new SafetensorsFormatException(source, where + ": shape " + describe(info.get("shape")) + " of "
                    + dtype + " needs " + bytes + " bytes but data_offsets [" + b + ", " + en + "] hold " + (en - b));
        }
        return new Entry(name, dtype, shape, b, en);
    }

    private static DType dtype(Object v, String where, String source) throws SafetensorsFormatException {
        if (!(v instanceof String s)) {
            throw new SafetensorsFormatException(source, where + ": dtype must be a string, got " + describe(v));
        }
        for (DType d : DType.values()) {
            if (d.name().equals(s)) {
                return d;
            }
        }
        String supported = "F64, F32, F16, BF16, I64, I32";
        if (KNOWN_UNSUPPORTED.contains(s)) {
            throw new SafetensorsFormatException(source, where + ": dtype " + s + " is not supported (supported: "
                    + supported + ")");
        }
        throw new SafetensorsFormatException(source, where + ": unknown dtype \"" + s + "\" (supported: "
                + supported + ")");
    }

    private static int[] shape(Object v, String where, String source) throws SafetensorsFormatException {
        if (!(v instanceof List<?> list)) {
            throw new SafetensorsFormatException(source, where + ": shape must be an array of integers, got "
                    + describe(v));
        }
        if (list.size() > Safetensors.MAX_RANK) {
            throw new SafetensorsFormatException(source, where + ": shape has " + list.size()
                    + " dimensions, more than " + Safetensors.MAX_RANK);
        }
        int[] shape = new int[list.size()];
        for (int i = 0; i < shape.length; i++) {
            if (!(list.get(i) instanceof Long d) || d < 0 || d > Integer.MAX_VALUE) {
                throw new SafetensorsFormatException(source, where + ": shape dimension " + i
                        + " must be an integer in [0, 2^31), got " + describe(list.get(i)));
            }
            shape[i] = (int) (long) d;
        }
        return shape;
    }

    /** {@code s}, shortened to at most 200 characters for messages. */
    static String clip(String s) {
        return s.length() <= 200 ? s : s.substring(0, 197) + "...";
    }

    /** A short description of a JSON value for messages, cheap even for huge values. */
    private static String describe(Object v) {
        if (v instanceof Map<?, ?> m) {
            return "an object of " + m.size() + " fields";
        }
        if (v instanceof List<?> l) {
            if (l.size() > 8) {
                return "an array of " + l.size() + " values";
            }
            StringBuilder sb = new StringBuilder("[");
            for (Object x : l) {
                sb.append(sb.length() == 1 ? "" : ",").append(x instanceof List || x instanceof Map ? "..." : describe(x));
            }
            return sb.append(']').toString();
        }
        if (v instanceof String str) {
            return "\"" + clip(str) + "\"";
        }
        return String.valueOf(v);
    }
}
