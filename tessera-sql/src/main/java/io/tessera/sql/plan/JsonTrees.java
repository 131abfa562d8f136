package io.tessera.sql.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tessera.common.error.SqlException;
import io.tessera.common.error.SqlState;
import io.tessera.common.types.Jsonb;
import io.tessera.common.types.JsonbText;
import io.tessera.common.types.SqlType;
import io.tessera.common.types.TextFormat;
import io.tessera.common.types.TypeKind;
import java.math.BigDecimal;
import java.time.ZoneId;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * jsonb values as Jackson trees: SQL values to JSON (to_jsonb's rules), and the edits of the jsonb
 * operators and jsonb_set. A jsonb value is stored as canonical text, so every edit parses a fresh
 * tree, changes it in place and renders it back; no tree is shared between calls.
 */
final class JsonTrees {
    private JsonTrees() {}

    static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

    static JsonNode tree(Object jsonb) {
        return JsonbText.parseTree(((Jsonb) jsonb).text());
    }

    static Jsonb jsonb(JsonNode node) {
        return new Jsonb(JsonbText.render(node));
    }

    /** What {@code ->>} and the {@code _text} functions return: a string's value, SQL NULL for null. */
    static String text(JsonNode node) {
        return node == null || node.isNull() ? null : node.isTextual() ? node.textValue() : JsonbText.render(node);
    }

    /** to_jsonb: numbers and booleans as themselves, arrays element-wise, date/times in ISO 8601, the rest as strings. */
    static JsonNode toJson(Object v, SqlType type, ZoneId zone) {
        if (v == null) {
            return NODES.nullNode();
        }
        return switch (v) {
            case Jsonb j -> tree(j);
            case Boolean b -> NODES.booleanNode(b);
            case Integer i -> NODES.numberNode(i);
            case Long l -> NODES.numberNode(l);
            case Short s -> NODES.numberNode(s);
            case BigDecimal d -> NODES.numberNode(d);
            case Double d -> floating(d.isNaN() || d.isInfinite(), TextFormat.formatFloat8(d));
            case Float f -> floating(f.isNaN() || f.isInfinite(), TextFormat.formatFloat4(f));
            case List<?> list -> {
                ArrayNode out = NODES.arrayNode();
                SqlType element = type.kind().isArray() ? Types.elementOf(type) : SqlType.TEXT;
                for (Object e : list) {
                    out.add(toJson(e, element, zone));
                }
                yield out;
            }
            case String s -> NODES.textNode(s);
            default -> NODES.textNode(dateTimeText(v, type, zone));
        };
    }

    /** A float goes through its text form, as PostgreSQL converts float output to numeric; NaN and infinities become strings. */
    private static JsonNode floating(boolean special, String text) {
        return special ? NODES.textNode(text) : NODES.numberNode(new BigDecimal(text));
    }

    /** PostgreSQL's JSON date/time style: ISO 8601 with a {@code T} and a {@code +hh:mm} offset. */
    private static String dateTimeText(Object v, SqlType type, ZoneId zone) {
        String s = TextFormat.format(v, type, zone);
        return switch (type.kind()) {
            case TIMESTAMP -> s.replaceFirst(" ", "T");
            case TIMESTAMPTZ -> {
                String t = s.replaceFirst(" ", "T");
                yield t.matches(".*[+-]\\d\\d$") ? t + ":00" : t;
            }
            default -> s;
        };
    }

    /** The text of an object key built from a SQL value, as jsonb_build_object converts keys. */
    static String keyText(Object v, SqlType type, ZoneId zone, int argument) {
        if (v == null) {
            throw new SqlException(SqlState.INVALID_PARAMETER_VALUE, "argument " + argument + ": key must not be null");
        }
        if (v instanceof Boolean b) {
            return b.toString();
        }
        return Functions.text(v, type, zone);
    }

    // ---------------------------------------------------------------- operators

    /** {@code a || b}: objects merge (the right wins), arrays concatenate, anything else is wrapped in an array. */
    static JsonNode concat(JsonNode a, JsonNode b) {
        if (a.isObject() && b.isObject()) {
            ObjectNode out = ((ObjectNode) a);
            for (Iterator<Map.Entry<String, JsonNode>> it = b.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> f = it.next();
                out.set(f.getKey(), f.getValue());
            }
            return out;
        }
        ArrayNode out = NODES.arrayNode();
        appendAsElements(out, a);
        appendAsElements(out, b);
        return out;
    }

    private static void appendAsElements(ArrayNode out, JsonNode x) {
        if (x.isArray()) {
            out.addAll((ArrayNode) x);
        } else {
            out.add(x);
        }
    }

    /** {@code jsonb - text}: removes the key, or from an array every string element equal to it. */
    static JsonNode deleteKey(JsonNode node, String key) {
        if (node.isObject()) {
            ((ObjectNode) node).remove(key);
            return node;
        }
        if (!node.isArray()) {
            throw new SqlException(SqlState.INVALID_PARAMETER_VALUE, "cannot delete from scalar");
        }
        ArrayNode array = (ArrayNode) node;
        for (int i = array.size() - 1; i >= 0; i--) {
            if (array.get(i).isTextual() && array.get(i).textValue().equals(key)) {
                array.remove(i);
            }
        }
        return array;
    }

    /** {@code jsonb - integer}: removes an array element, counting from the end when negative. */
    static JsonNode deleteIndex(JsonNode node, int index) {
        if (node.isObject()) {
            throw new SqlException(SqlState.INVALID_PARAMETER_VALUE, "cannot delete from object using integer index");
        }
        if (!node.isArray()) {
            throw new SqlException(SqlState.INVALID_PARAMETER_VALUE, "cannot delete from scalar");
        }
        int i = index < 0 ? node.size() + index : index;
        if (i >= 0 && i < node.size()) {
            ((ArrayNode) node).remove(i);
        }
        return node;
    }

    /** The value at a {@code #>} path, or null; array steps must be integers, else the path finds nothing. */
    static JsonNode atPath(JsonNode node, List<?> path) {
        JsonNode at = node;
        for (Object step : path) {
            if (step == null || at == null) {
                return null;
            }
            String key = step.toString();
            if (at.isObject()) {
                at = at.get(key);
            } else if (at.isArray()) {
                Integer i = index(key);
                if (i == null) {
                    return null;
                }
                int k = i < 0 ? at.size() + i : i;
                at = k >= 0 && k < at.size() ? at.get(k) : null;
            } else {
                return null;
            }
        }
        return at;
    }

    private static Integer index(String key) {
        try {
            return Integer.parseInt(key.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** jsonb_set: replaces (or with createMissing adds) the value at the path; a missing step leaves the target as it is. */
    static JsonNode set(JsonNode target, List<?> path, JsonNode value, boolean createMissing) {
        if (!target.isContainerNode()) {
            throw new SqlException(SqlState.INVALID_PARAMETER_VALUE, "cannot set path in scalar");
        }
        if (!path.isEmpty()) {
            setAt(target, path, 0, value, createMissing);
        }
        return target;
    }

    private static void setAt(JsonNode node, List<?> path, int level, JsonNode value, boolean createMissing) {
        Object step = path.get(level);
        if (step == null) {
            throw new SqlException("22004", "path element at position " + (level + 1) + " is null");
        }
        boolean last = level == path.size() - 1;
        String key = step.toString();
        if (node.isObject()) {
            ObjectNode object = (ObjectNode) node;
            JsonNode child = object.get(key);
            if (last && (child != null || createMissing)) {
                object.set(key, value);
            } else if (!last && child != null && child.isContainerNode()) {
                setAt(child, path, level + 1, value, createMissing);
            }
            return;
        }
        if (node.isArray()) {
            setInArray((ArrayNode) node, path, level, value, createMissing, last, key);
        }
    }

    private static void setInArray(ArrayNode array, List<?> path, int level, JsonNode value, boolean createMissing,
            boolean last, String key) {
        Integer i = index(key);
        if (i == null) {
            throw new SqlException(SqlState.INVALID_TEXT_REPRESENTATION,
                    "path element at position " + (level + 1) + " is not an integer: \"" + key + "\"");
        }
        int k = i < 0 ? array.size() + i : i;
        if (k >= 0 && k < array.size()) {
            if (last) {
                array.set(k, value);
            } else if (array.get(k).isContainerNode()) {
                setAt(array.get(k), path, level + 1, value, createMissing);
            }
        } else if (last && createMissing) {
            if (k < 0) {
                array.insert(0, value);
            } else {
                array.add(value);
            }
        }
    }

    /** jsonb_strip_nulls: drops object fields whose value is null, at every depth; array elements stay. */
    static JsonNode stripNulls(JsonNode node) {
        if (node.isObject()) {
            ObjectNode object = (ObjectNode) node;
            List<String> nullFields = new java.util.ArrayList<>();
            object.fieldNames().forEachRemaining(k -> {
                if (object.get(k).isNull()) {
                    nullFields.add(k);
                }
            });
            object.remove(nullFields);
            for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
                stripNulls(it.next().getValue());
            }
        } else if (node.isArray()) {
            for (JsonNode e : node) {
                stripNulls(e);
            }
        }
        return node;
    }

    /**
     * jsonb's btree order: object > array > boolean > number > string > null, except that an empty
     * top-level array sorts lowest; containers compare by size first, then element by element (an
     * object's pairs in jsonb key order, key before value); numbers by value, strings by code point.
     */
    static int compare(JsonNode a, JsonNode b) {
        return compare(a, b, true);
    }

    private static int compare(JsonNode a, JsonNode b, boolean top) {
        int ra = rank(a, top);
        int rb = rank(b, top);
        if (ra != rb) {
            return Integer.compare(ra, rb);
        }
        if (a.isContainerNode()) {
            return a.size() != b.size() ? Integer.compare(a.size(), b.size()) : compareElements(a, b);
        }
        return switch (a.getNodeType()) {
            case NUMBER -> a.decimalValue().compareTo(b.decimalValue());
            case STRING -> Values.compareCodePoints(a.textValue(), b.textValue());
            case BOOLEAN -> Boolean.compare(a.booleanValue(), b.booleanValue());
            default -> 0;
        };
    }

    private static int compareElements(JsonNode a, JsonNode b) {
        if (a.isArray()) {
            for (int i = 0; i < a.size(); i++) {
                int c = compare(a.get(i), b.get(i), false);
                if (c != 0) {
                    return c;
                }
            }
            return 0;
        }
        List<Map.Entry<String, JsonNode>> fa = JsonbText.sortedFields((ObjectNode) a);
        List<Map.Entry<String, JsonNode>> fb = JsonbText.sortedFields((ObjectNode) b);
        for (int i = 0; i < fa.size(); i++) {
            int c = Values.compareCodePoints(fa.get(i).getKey(), fb.get(i).getKey());
            if (c == 0) {
                c = compare(fa.get(i).getValue(), fb.get(i).getValue(), false);
            }
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    private static int rank(JsonNode n, boolean top) {
        return switch (n.getNodeType()) {
            case OBJECT -> 5;
            case ARRAY -> top && n.isEmpty() ? -1 : 4;
            case BOOLEAN -> 3;
            case NUMBER -> 2;
            case STRING -> 1;
            default -> 0;
        };
    }

    /** jsonb_typeof's names. */
    static String typeName(JsonNode node) {
        return switch (node.getNodeType()) {
            case OBJECT -> "object";
            case ARRAY -> "array";
            case STRING -> "string";
            case NUMBER -> "number";
            case BOOLEAN -> "boolean";
            default -> "null";
        };
    }

    /** jsonb_pretty: four-space indentation, each element on its own line, keys in jsonb order. */
    static String pretty(JsonNode node) {
        StringBuilder out = new StringBuilder();
        pretty(node, 0, out);
        return out.toString();
    }

    private static void pretty(JsonNode node, int level, StringBuilder out) {
        if (!node.isContainerNode()) {
            out.append(JsonbText.render(node));
            return;
        }
        boolean object = node.isObject();
        out.append(object ? '{' : '[');
        if (object) {
            List<Map.Entry<String, JsonNode>> fields = JsonbText.sortedFields((ObjectNode) node);
            for (int i = 0; i < fields.size(); i++) {
                out.append(i == 0 ? "\n" : ",\n").append("    ".repeat(level + 1));
                JsonbText.quote(fields.get(i).getKey(), out);
                out.append(": ");
                pretty(fields.get(i).getValue(), level + 1, out);
            }
        } else {
            for (int i = 0; i < node.size(); i++) {
                out.append(i == 0 ? "\n" : ",\n").append("    ".repeat(level + 1));
                pretty(node.get(i), level + 1, out);
            }
        }
        out.append('\n').append("    ".repeat(level)).append(object ? '}' : ']');
    }
}
