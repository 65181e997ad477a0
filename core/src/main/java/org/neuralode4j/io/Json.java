package org.neuralode4j.io;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small strict JSON parser (RFC 8259) for safetensors headers, with limits so that hostile input
 * ends in a {@link SafetensorsFormatException} and never in a stack overflow or an exhausted heap:
 * nesting depth, number of values and number length are bounded; duplicate keys, lone surrogates,
 * raw control characters and trailing content are rejected.
 *
 * <p>Values: objects as {@code LinkedHashMap<String, Object>} (document order), arrays as
 * {@code List<Object>}, strings, integers that fit a long as {@code Long}, other numbers as
 * {@code Double}, {@code Boolean}, and {@link #NULL}.
 */
final class Json {
    /** The JSON null. */
    static final Object NULL = new Object() {
        @Override
        public String toString() {
            return "null";
        }
    };
    static final int MAX_DEPTH = 64;
    static final int MAX_VALUES = 1_000_000;
    static final int MAX_NUMBER_CHARS = 400;

    private final String text;
    private final String source;
    private int pos;
    private int depth;
    private int values;

    private Json(String text, String source) {
        this.text = text;
        this.source = source;
    }

    /**
     * Parses a complete document; only JSON whitespace may follow the value.
     *
     * @param source named in error messages
     */
    static Object parse(String text, String source) throws SafetensorsFormatException {
        Json p = new Json(text, source);
        p.skipWhitespace();
        Object v = p.value();
        p.skipWhitespace();
        if (p.pos != text.length()) {
            throw p.error("unexpected content after the JSON value");
        }
        return v;
    }

    private SafetensorsFormatException error(String problem) {
        return new SafetensorsFormatException(source, "invalid JSON header at character " + pos + ": " + problem);
    }

    private void skipWhitespace() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return;
            }
            pos++;
        }
    }

    private Object value() throws SafetensorsFormatException {
        if (++values > MAX_VALUES) {
            throw error("more than " + MAX_VALUES + " values");
        }
        if (pos >= text.length()) {
            throw error("unexpected end of input");
        }
        char c = text.charAt(pos);
        switch (c) {
            case '{':
                return object();
            case '[':
                return array();
            case '"':
                return string();
            case 't':
                return literal("true", Boolean.TRUE);
            case 'f':
                return literal("false", Boolean.FALSE);
            case 'n':
                return literal("null", NULL);
            default:
                if (c == '-' || (c >= '0' && c <= '9')) {
                    return number();
                }
                throw error("unexpected character '" + printable(c) + "'");
        }
    }

    private Object literal(String word, Object v) throws SafetensorsFormatException {
        if (!text.startsWith(word, pos)) {
            throw error("invalid literal");
        }
        pos += word.length();
        return v;
    }

    private void enter() throws SafetensorsFormatException {
        if (++depth > MAX_DEPTH) {
            throw error("nesting deeper than " + MAX_DEPTH + " levels");
        }
        pos++;
        skipWhitespace();
    }

    private Map<String, Object> object() throws SafetensorsFormatException {
        enter();
        LinkedHashMap<String, Object> map = new LinkedHashMap<>();
        if (peek() == '}') {
            pos++;
            depth--;
            return map;
        }
        while (true) {
            if (peek() != '"') {
                throw error("expected a string key");
            }
            int keyPos = pos;
            String key = string();
            skipWhitespace();
            expect(':');
            skipWhitespace();
            Object v = value();
            if (map.put(key, v) != null) {
                pos = keyPos;
                throw error("duplicate key \"" + HeaderParser.clip(key) + "\"");
            }
            skipWhitespace();
            char c = peek();
            pos++;
            if (c == '}') {
                depth--;
                return map;
            }
            if (c != ',') {
                pos--;
                throw error("expected ',' or '}'");
            }
            skipWhitespace();
        }
    }

    private List<Object> array() throws SafetensorsFormatException {
        enter();
        List<Object> list = new ArrayList<>();
        if (peek() == ']') {
            pos++;
            depth--;
            return list;
        }
        while (true) {
            list.add(value());
            skipWhitespace();
            char c = peek();
            pos++;
            if (c == ']') {
                depth--;
                return list;
            }
            if (c != ',') {
                pos--;
                throw error("expected ',' or ']'");
            }
            skipWhitespace();
        }
    }

    /** The next character, or 0 at the end of input (0 never starts valid JSON here). */
    private char peek() {
        return pos < text.length() ? text.charAt(pos) : 0;
    }

    private void expect(char c) throws SafetensorsFormatException {
        if (peek() != c) {
            throw error("expected '" + c + "'");
        }
        pos++;
    }

    private String string() throws SafetensorsFormatException {
        pos++;
        StringBuilder sb = new StringBuilder();
        while (true) {
            if (pos >= text.length()) {
                throw error("unterminated string");
            }
            char c = text.charAt(pos);
            if (c == '"') {
                pos++;
                return sb.toString();
            }
            if (c < 0x20) {
                throw error("raw control character U+" + String.format("%04X", (int) c) + " in a string");
            }
            if (c == '\\') {
                escape(sb);
            } else {
                sb.append(c);
                pos++;
            }
        }
    }

    private void escape(StringBuilder sb) throws SafetensorsFormatException {
        pos++;
        char e = peek();
        pos++;
        switch (e) {
            case '"' -> sb.append('"');
            case '\\' -> sb.append('\\');
            case '/' -> sb.append('/');
            case 'b' -> sb.append('\b');
            case 'f' -> sb.append('\f');
            case 'n' -> sb.append('\n');
            case 'r' -> sb.append('\r');
            case 't' -> sb.append('\t');
            case 'u' -> {
                char u = hex4();
                if (Character.isHighSurrogate(u)) {
                    if (!text.startsWith("\\u", pos)) {
                        throw error("lone high surrogate in a \\u escape");
                    }
                    pos += 2;
                    char low = hex4();
                    if (!Character.isLowSurrogate(low)) {
                        throw error("high surrogate not followed by a low surrogate");
                    }
                    sb.append(u).append(low);
                } else if (Character.isLowSurrogate(u)) {
                    throw error("lone low surrogate in a \\u escape");
                } else {
                    sb.append(u);
                }
            }
            default -> {
                pos--;
                throw error("invalid escape");
            }
        }
    }

    private char hex4() throws SafetensorsFormatException {
        if (pos + 4 > text.length()) {
            throw error("truncated \\u escape");
        }
        int v = 0;
        for (int i = 0; i < 4; i++) {
            int d = Character.digit(text.charAt(pos + i), 16);
            if (d < 0 || text.charAt(pos + i) > 'f') {
                throw error("invalid hex digit in a \\u escape");
            }
            v = v * 16 + d;
        }
        pos += 4;
        return (char) v;
    }

    private Object number() throws SafetensorsFormatException {
        int start = pos;
        boolean integral = true;
        if (peek() == '-') {
            pos++;
        }
        if (peek() == '0') {
            pos++;
        } else if (peek() >= '1' && peek() <= '9') {
            digits();
        } else {
            throw error("invalid number");
        }
        if (peek() == '.') {
            integral = false;
            pos++;
            if (digits() == 0) {
                throw error("invalid number: no digits after '.'");
            }
        }
        if (peek() == 'e' || peek() == 'E') {
            integral = false;
            pos++;
            if (peek() == '+' || peek() == '-') {
                pos++;
            }
            if (digits() == 0) {
                throw error("invalid number: no digits in the exponent");
            }
        }
        if (pos - start > MAX_NUMBER_CHARS) {
            pos = start;
            throw error("number longer than " + MAX_NUMBER_CHARS + " characters");
        }
        String token = text.substring(start, pos);
        if (integral) {
            try {
                return Long.parseLong(token);
            } catch (NumberFormatException outOfRange) {
                return Double.parseDouble(token);
            }
        }
        return Double.parseDouble(token);
    }

    private int digits() {
        int n = 0;
        while (peek() >= '0' && peek() <= '9') {
            pos++;
            n++;
        }
        return n;
    }

    private static String printable(char c) {
        return c < 0x20 || c > 0x7e ? String.format("\\u%04x", (int) c) : String.valueOf(c);
    }

    /** Appends {@code s} as a JSON string literal, escaping like serde_json. */
    static void quote(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }
}
