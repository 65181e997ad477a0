package org.neuralode4j.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonTest {

    @Test
    void parsesValuesInDocumentOrder() throws SafetensorsFormatException {
        Object v = Json.parse(" {\"b\": [1, -2, 3.5, 1e2, true, false, null, \"s\"], \"a\": {}, \"c\": []} \n", "t");
        assertThat(v).isInstanceOf(Map.class);
        @SuppressWarnings("unchecked")
        Map<String, Object> m = (Map<String, Object>) v;
        assertThat(m.keySet()).containsExactly("b", "a", "c");
        @SuppressWarnings("unchecked")
        List<Object> b = (List<Object>) m.get("b");
        assertThat(b).containsExactly(1L, -2L, 3.5, 100.0, true, false, Json.NULL, "s");
        assertThat(Json.parse("99999999999999999999", "t")).isEqualTo(1e20);
        assertThat(Json.parse("-0", "t")).isEqualTo(0L);
    }

    @Test
    void decodesEscapesAndSurrogatePairs() throws SafetensorsFormatException {
        assertThat(Json.parse("\"a\\\"\\\\\\/\\b\\f\\n\\r\\t\\u00e9\\ud83d\\ude00\"", "t"))
                .isEqualTo("a\"\\/\b\f\n\r\té\uD83D\uDE00");
        StringBuilder sb = new StringBuilder();
        Json.quote(sb, "q\"\\\n\u0001é");
        assertThat(sb.toString()).isEqualTo("\"q\\\"\\\\\\n\\u0001é\"");
        assertThat(Json.parse(sb.toString(), "t")).isEqualTo("q\"\\\n\u0001é");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "{", "{\"a\"}", "{\"a\":1,}", "[1,]", "[1 2]", "{\"a\":1}x", "01", "1.", "1e", "-",
        "+1", ".5", "tru", "nul", "\"abc", "\"\\x\"", "\"\\u12g4\"", "\"\\ud800\"", "\"\\udc00\"", "\"\\ud800\\u0041\"",
        "\"a\u0001b\"", "{\"a\":1,\"a\":2}", "{1:2}", "[\"\\u00\"]", "NaN", "Infinity", "{\"a\" 1}", "\u00a0{}"})
    void rejectsInvalidDocuments(String doc) {
        assertThatThrownBy(() -> Json.parse(doc, "doc.json"))
                .isInstanceOf(SafetensorsFormatException.class)
                .hasMessageStartingWith("doc.json: invalid JSON header at character");
    }

    @Test
    void limitsDepthValuesAndNumberLength() {
        String deep = "[".repeat(100_000) + "]".repeat(100_000);
        assertThatThrownBy(() -> Json.parse(deep, "t")).hasMessageContaining("nesting deeper than 64");
        String ok = "[".repeat(64) + "]".repeat(64);
        assertThat(catchNothing(ok)).isTrue();
        String many = "[" + "0,".repeat(Json.MAX_VALUES) + "0]";
        assertThatThrownBy(() -> Json.parse(many, "t")).hasMessageContaining("more than 1000000 values");
        String longNumber = "1".repeat(500);
        assertThatThrownBy(() -> Json.parse(longNumber, "t")).hasMessageContaining("number longer than");
        assertThatThrownBy(() -> Json.parse("{\"a\":1,\"a\":2}", "t")).hasMessageContaining("duplicate key \"a\"");
    }

    private static boolean catchNothing(String doc) {
        try {
            Json.parse(doc, "t");
            return true;
        } catch (SafetensorsFormatException e) {
            return false;
        }
    }
}
