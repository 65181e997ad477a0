package org.neuralode4j.io;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A minimal JSON reader written for the tests, independent of the production parser, to check the
 * headers we write and the fixture's header. Handles what safetensors headers contain: objects,
 * arrays, strings with simple escapes, and integers.
 */
final class MiniJson {
    private final String s;
    private int i;

    private MiniJson(String s) {
        this.s = s;
    }

    static Object parse(String s) {
        MiniJson p = new MiniJson(s);
        Object v = p.value();
        if (!s.substring(p.i).isBlank()) {
            throw new IllegalArgumentException("trailing content at " + p.i);
        }
        return v;
    }

    private void ws() {
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
    }

    private Object value() {
        ws();
        char c = s.charAt(i);
        if (c == '{') {
            Map<String, Object> m = new LinkedHashMap<>();
            i++;
            ws();
            if (s.charAt(i) == '}') {
                i++;
                return m;
            }
            do {
                ws();
                String k = (String) value();
                ws();
                i++; // ':'
                m.put(k, value());
                ws();
            } while (s.charAt(i++) == ',');
            return m;
        }
        if (c == '[') {
            List<Object> l = new ArrayList<>();
            i++;
            ws();
            if (s.charAt(i) == ']') {
                i++;
                return l;
            }
            do {
                l.add(value());
                ws();
            } while (s.charAt(i++) == ',');
            return l;
        }
        if (c == '"') {
            StringBuilder b = new StringBuilder();
            i++;
            while (s.charAt(i) != '"') {
                char ch = s.charAt(i++);
                if (ch == '\\') {
                    char e = s.charAt(i++);
                    if (e == 'u') {
                        b.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
                        i += 4;
                    } else {
                        b.append(e == 'n' ? '\n' : e == 't' ? '\t' : e);
                    }
                } else {
                    b.append(ch);
                }
            }
            i++;
            return b.toString();
        }
        int start = i;
        while (i < s.length() && "-0123456789".indexOf(s.charAt(i)) >= 0) {
            i++;
        }
        return Long.parseLong(s.substring(start, i));
    }
}
