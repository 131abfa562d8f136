package io.tessera.common.types;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tessera.common.error.SqlException;
import io.tessera.common.error.SqlState;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * PostgreSQL's jsonb text form: parsing validates the input and canonicalises it the way jsonb
 * stores it — object keys deduplicated (the last wins) and ordered by length, then bytes; numbers
 * kept exactly as written; output with one space after {@code :} and {@code ,}.
 */
public final class JsonbText {
    private JsonbText() {}

    /** jsonb nests at most this deep, as PostgreSQL's parser limits the stack. */
    private static final int MAX_NESTING_DEPTH = 6400;

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(JsonParser.Feature.ALLOW_COMMENTS)
            .nodeFactory(com.fasterxml.jackson.databind.node.JsonNodeFactory.withExactBigDecimals(true)) // 1.50 stays 1.50
            .build();

    static {
        MAPPER.getFactory().setStreamReadConstraints(
                StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING_DEPTH).build());
    }

    /** Parses JSON text into canonical jsonb; 22P02 on invalid input. */
    public static Jsonb parse(String text) {
        return new Jsonb(render(parseTree(text)));
    }

    public static JsonNode parseTree(String text) {
        try {
            JsonNode node = MAPPER.readTree(text);
            if (node == null || node.isMissingNode()) {
                throw invalid(text, "The input string ended unexpectedly.");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw invalid(text, e.getOriginalMessage());
        }
    }

    private static SqlException invalid(String text, String detail) {
        return new SqlException(SqlState.INVALID_TEXT_REPRESENTATION, "invalid input syntax for type json")
                .withDetail(detail);
    }

    /** Canonical text of a parsed tree. */
    public static String render(JsonNode node) {
        StringBuilder out = new StringBuilder();
        render(node, out);
        return out.toString();
    }

    private static void render(JsonNode node, StringBuilder out) {
        if (node.isObject()) {
            renderObject((ObjectNode) node, out);
        } else if (node.isArray()) {
            out.append('[');
            for (int i = 0; i < node.size(); i++) {
                if (i > 0) {
                    out.append(", ");
                }
                render(node.get(i), out);
            }
            out.append(']');
        } else if (node.isTextual()) {
            quote(node.textValue(), out);
        } else if (node.isBigDecimal()) {
            out.append(node.decimalValue().toPlainString()); // numeric output never uses an exponent
        } else {
            out.append(node.toString());
        }
    }

    /** An object's fields in jsonb order: by key length in bytes, then by bytes. */
    public static List<Map.Entry<String, JsonNode>> sortedFields(ObjectNode node) {
        List<Map.Entry<String, JsonNode>> fields = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            fields.add(it.next());
        }
        fields.sort(Comparator.comparing((Map.Entry<String, JsonNode> e) -> utf8Length(e.getKey()))
                .thenComparing(Map.Entry::getKey, JsonbText::compareUtf8));
        return fields;
    }

    private static void renderObject(ObjectNode node, StringBuilder out) {
        List<Map.Entry<String, JsonNode>> fields = sortedFields(node);
        out.append('{');
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                out.append(", ");
            }
            quote(fields.get(i).getKey(), out);
            out.append(": ");
            render(fields.get(i).getValue(), out);
        }
        out.append('}');
    }

    private static int utf8Length(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
    }

    private static int compareUtf8(String a, String b) {
        return java.util.Arrays.compareUnsigned(a.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                b.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** JSON string quoting as PostgreSQL's escape_json does. */
    public static void quote(String s, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
