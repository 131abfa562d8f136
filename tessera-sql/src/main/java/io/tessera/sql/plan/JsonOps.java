package io.tessera.sql.plan;

import com.fasterxml.jackson.databind.JsonNode;
import io.tessera.common.error.SqlException;
import io.tessera.common.error.SqlState;
import io.tessera.common.types.Jsonb;
import io.tessera.common.types.JsonbText;
import io.tessera.common.types.SqlType;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.JsonExpression;

/** The jsonb operators {@code ->}, {@code ->>}, {@code @>}, {@code <@} and {@code ?}. */
final class JsonOps {
    private JsonOps() {}

    /** One navigation step: a key (text) or an index (integer), and whether it returns text. */
    private record Step(Expr key, boolean asText) {}

    static Expr navigate(ExprBinder b, JsonExpression j, ExprBinder.Ctx c) {
        Expr base = jsonOperand(b, b.bind(j.getExpression(), c));
        List<Step> steps = new ArrayList<>();
        flatten(b, j.getIdentList(), c, steps);
        for (int i = 0; i < steps.size() - 1; i++) {
            if (steps.get(i).asText()) {
                throw Errors.noOperator("->", SqlType.TEXT, steps.get(i + 1).key().type());
            }
        }
        boolean text = steps.get(steps.size() - 1).asText();
        return Expr.of(text ? SqlType.TEXT : SqlType.JSONB, env -> {
            Object v = base.eval(env);
            if (v == null) {
                return null;
            }
            JsonNode node = JsonbText.parseTree(((Jsonb) v).text());
            for (Step s : steps) {
                node = step(node, s.key().eval(env));
                if (node == null) {
                    return null;
                }
            }
            if (!text) {
                return new Jsonb(JsonbText.render(node));
            }
            return node.isNull() ? null : node.isTextual() ? node.asText() : JsonbText.render(node);
        });
    }

    /** JSqlParser nests {@code j -> 'a' ->> 'b'} as an ident that is itself a JSON expression. */
    private static void flatten(ExprBinder b, List<Map.Entry<Expression, String>> idents, ExprBinder.Ctx c, List<Step> out) {
        for (Map.Entry<Expression, String> e : idents) {
            if (e.getKey() instanceof JsonExpression inner) {
                out.add(new Step(b.bind(inner.getExpression(), c), e.getValue().equals("->>")));
                flatten(b, inner.getIdentList(), c, out);
            } else {
                out.add(new Step(b.bind(e.getKey(), c), e.getValue().equals("->>")));
            }
        }
    }

    private static JsonNode step(JsonNode node, Object key) {
        if (key == null) {
            return null;
        }
        if (key instanceof Number n) {
            if (!node.isArray()) {
                return null;
            }
            int i = n.intValue() < 0 ? node.size() + n.intValue() : n.intValue();
            return i >= 0 && i < node.size() ? node.get(i) : null;
        }
        return node.isObject() ? node.get(key.toString()) : null;
    }

    static Expr jsonOperand(ExprBinder b, Expr x) {
        if (x.type().kind() == io.tessera.common.types.TypeKind.UNKNOWN) {
            return b.coerce(x, SqlType.JSONB);
        }
        if (x.type().kind() != io.tessera.common.types.TypeKind.JSONB) {
            throw Errors.noOperator("->", x.type(), SqlType.TEXT);
        }
        return x;
    }

    /** {@code @>}, {@code <@} and {@code ?}. */
    static Expr operator(ExprBinder b, String op, Expr left, Expr right) {
        Expr l = jsonOperand(b, left);
        Expr r = op.equals("?") ? b.coerce(right, SqlType.TEXT) : jsonOperand(b, right);
        return Expr.of(SqlType.BOOL, env -> {
            Object x = l.eval(env);
            Object y = r.eval(env);
            if (x == null || y == null) {
                return null;
            }
            JsonNode a = JsonbText.parseTree(((Jsonb) x).text());
            return switch (op) {
                case "@>" -> contains(a, JsonbText.parseTree(((Jsonb) y).text()));
                case "<@" -> contains(JsonbText.parseTree(((Jsonb) y).text()), a);
                case "?" -> a.isObject() ? a.has((String) y) : a.isArray() && containsText(a, (String) y);
                default -> throw new SqlException(SqlState.FEATURE_NOT_SUPPORTED, "operator " + op + " is not supported");
            };
        });
    }

    private static boolean containsText(JsonNode array, String s) {
        for (JsonNode e : array) {
            if (e.isTextual() && e.asText().equals(s)) {
                return true;
            }
        }
        return false;
    }

    /** PostgreSQL's jsonb containment: objects by key, arrays by element (order and duplicates ignored). */
    static boolean contains(JsonNode a, JsonNode b) {
        if (a.isObject() && b.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = b.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> f = it.next();
                JsonNode v = a.get(f.getKey());
                if (v == null || !contains(v, f.getValue())) {
                    return false;
                }
            }
            return true;
        }
        if (a.isArray() && b.isArray()) {
            for (JsonNode want : b) {
                boolean found = false;
                for (JsonNode have : a) {
                    if (contains(have, want)) {
                        found = true;
                        break;
                    }
                }
                if (!found) {
                    return false;
                }
            }
            return true;
        }
        if (a.isArray() && !b.isContainerNode()) {
            for (JsonNode have : a) {
                if (have.equals(b)) {
                    return true;
                }
            }
            return false;
        }
        return JsonbText.render(a).equals(JsonbText.render(b));
    }
}
