package io.tessera.sql.plan;

import com.fasterxml.jackson.databind.JsonNode;
import io.tessera.common.error.SqlException;
import io.tessera.common.error.SqlState;
import io.tessera.common.types.JsonbText;
import io.tessera.common.types.SqlType;
import io.tessera.common.types.TypeKind;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.BinaryExpression;
import net.sf.jsqlparser.expression.JsonExpression;
import net.sf.jsqlparser.expression.operators.arithmetic.Addition;
import net.sf.jsqlparser.expression.operators.arithmetic.Division;
import net.sf.jsqlparser.expression.operators.arithmetic.Modulo;
import net.sf.jsqlparser.expression.operators.arithmetic.Multiplication;
import net.sf.jsqlparser.expression.operators.arithmetic.Subtraction;
import net.sf.jsqlparser.expression.operators.relational.IsNullExpression;

/**
 * The jsonb operators: navigation ({@code ->}, {@code ->>}, {@code #>}, {@code #>>}), containment
 * and existence ({@code @>}, {@code <@}, {@code ?}, {@code ?|}, {@code ?&}), and the edits
 * {@code -} and {@code ||}, with PostgreSQL's rules for untyped literals on the right.
 */
final class JsonOps {
    private JsonOps() {}

    /** One navigation step: {@code ->} / {@code ->>} take a key or index, {@code #>} / {@code #>>} a text[] path. */
    private record Step(Expr key, String op) {
        boolean asText() { return op.equals("->>") || op.equals("#>>"); }

        boolean path() { return op.startsWith("#"); }
    }

    static Expr navigate(ExprBinder b, JsonExpression j, ExprBinder.Ctx c) {
        Expression reassociated = b.rewriteOnce(j, e -> reassociate((JsonExpression) e));
        if (reassociated != j) {
            return b.bind(reassociated, c);
        }
        Expr base = jsonOperand(b, b.bind(j.getExpression(), c), j.getIdentList().get(0).getValue());
        List<Step> steps = new ArrayList<>();
        flatten(b, j.getIdentList(), c, steps);
        for (int i = 0; i < steps.size() - 1; i++) {
            if (steps.get(i).asText()) {
                throw Errors.noOperator(steps.get(i + 1).op(), SqlType.TEXT, steps.get(i + 1).key().type());
            }
        }
        boolean text = steps.get(steps.size() - 1).asText();
        return new Expr.Op("json", List.of(base, steps), Expr.of(text ? SqlType.TEXT : SqlType.JSONB, env -> {
            Object v = base.eval(env);
            if (v == null) {
                return null;
            }
            JsonNode node = JsonTrees.tree(v);
            for (Step s : steps) {
                Object key = s.key().eval(env);
                node = key == null ? null : s.path() ? JsonTrees.atPath(node, (List<?>) key) : step(node, key);
                if (node == null) {
                    return null;
                }
            }
            return text ? JsonTrees.text(node) : JsonTrees.jsonb(node);
        }));
    }

    /**
     * JSqlParser reads {@code doc ->> 'a' = 'x' AND ...} in a WHERE clause as
     * {@code doc ->> ('a' = 'x' AND ...)}; in PostgreSQL {@code ->} binds tighter than comparison and
     * logic and as tight as {@code ?}, {@code @>} and {@code ||} (left to right). The operators
     * caught in the last key are lifted above the navigation; arithmetic binds tighter and stays.
     */
    private static Expression reassociate(JsonExpression j) {
        List<Map.Entry<Expression, String>> idents = new ArrayList<>();
        flattenIdents(j.getIdentList(), idents);
        Map.Entry<Expression, String> last = idents.get(idents.size() - 1);
        if (!lifts(last.getKey())) {
            return j;
        }
        return lift(j.getExpression(), idents.subList(0, idents.size() - 1), last.getKey(), last.getValue());
    }

    /** {@code a -> 'b' -> 'c'} arrives as {@code a -> ('b' -> 'c')}: the chain as one list of steps. */
    private static void flattenIdents(List<Map.Entry<Expression, String>> idents, List<Map.Entry<Expression, String>> out) {
        for (Map.Entry<Expression, String> e : idents) {
            if (e.getKey() instanceof JsonExpression inner) {
                out.add(new java.util.AbstractMap.SimpleEntry<>(inner.getExpression(), e.getValue()));
                flattenIdents(inner.getIdentList(), out);
            } else {
                out.add(e);
            }
        }
    }

    private static boolean lifts(Expression e) {
        return e instanceof BinaryExpression && !(e instanceof Addition || e instanceof Subtraction
                || e instanceof Multiplication || e instanceof Division || e instanceof Modulo)
                || e instanceof IsNullExpression;
    }

    private static Expression lift(Expression base, List<Map.Entry<Expression, String>> head, Expression key, String op) {
        if (!lifts(key)) {
            List<Map.Entry<Expression, String>> idents = new ArrayList<>(head);
            idents.add(new java.util.AbstractMap.SimpleEntry<>(key, op));
            return new JsonExpression(base, idents);
        }
        if (key instanceof IsNullExpression n) {
            n.setLeftExpression(lift(base, head, n.getLeftExpression(), op));
            return n;
        }
        BinaryExpression bin = (BinaryExpression) key;
        bin.setLeftExpression(lift(base, head, bin.getLeftExpression(), op));
        return bin;
    }

    /**
     * In a function's arguments JSqlParser reads {@code doc -> 'k'} as a lambda {@code (doc) -> 'k'};
     * SQL has no lambdas, so it is the jsonb navigation it looks like.
     */
    static Expression fromLambda(net.sf.jsqlparser.expression.LambdaExpression l) {
        List<Map.Entry<Expression, String>> idents = new ArrayList<>();
        idents.add(new java.util.AbstractMap.SimpleEntry<>(l.getExpression(), "->"));
        return new JsonExpression(new net.sf.jsqlparser.schema.Column(l.getIdentifiers().get(0)), idents);
    }

    /** JSqlParser nests {@code j -> 'a' ->> 'b'} as an ident that is itself a JSON expression. */
    private static void flatten(ExprBinder b, List<Map.Entry<Expression, String>> idents, ExprBinder.Ctx c, List<Step> out) {
        for (Map.Entry<Expression, String> e : idents) {
            if (e.getKey() instanceof JsonExpression inner) {
                out.add(step(b, b.bind(inner.getExpression(), c), e.getValue()));
                flatten(b, inner.getIdentList(), c, out);
            } else {
                out.add(step(b, b.bind(e.getKey(), c), e.getValue()));
            }
        }
    }

    private static Step step(ExprBinder b, Expr key, String op) {
        if (!op.startsWith("#")) {
            return new Step(key, op);
        }
        TypeKind k = key.type().kind();
        if (k != TypeKind.UNKNOWN && k != TypeKind.TEXT_ARRAY) {
            throw Errors.noOperator(op, SqlType.JSONB, key.type());
        }
        return new Step(b.coerce(key, SqlType.of(TypeKind.TEXT_ARRAY)), op);
    }

    private static JsonNode step(JsonNode node, Object key) {
        if (key instanceof Number n) {
            if (!node.isArray()) {
                return null;
            }
            int i = n.intValue() < 0 ? node.size() + n.intValue() : n.intValue();
            return i >= 0 && i < node.size() ? node.get(i) : null;
        }
        return node.isObject() ? node.get(key.toString()) : null;
    }

    static Expr jsonOperand(ExprBinder b, Expr x, String op) {
        if (x.type().kind() == TypeKind.UNKNOWN) {
            return b.coerce(x, SqlType.JSONB);
        }
        if (x.type().kind() != TypeKind.JSONB) {
            throw Errors.noOperator(op, x.type(), SqlType.UNKNOWN);
        }
        return x;
    }

    /** {@code @>}, {@code <@}, {@code ?}, {@code ?|} and {@code ?&}. */
    static Expr operator(ExprBinder b, String op, Expr left, Expr right) {
        if (left.type().kind() != TypeKind.JSONB && left.type().kind() != TypeKind.UNKNOWN) {
            throw Errors.noOperator(op, left.type(), right.type());
        }
        Expr l = jsonOperand(b, left, op);
        Expr r = switch (op) {
            case "?" -> b.coerce(right, SqlType.TEXT);
            case "?|", "?&" -> b.coerce(right, SqlType.of(TypeKind.TEXT_ARRAY));
            default -> jsonOperand(b, right, op);
        };
        return Expr.of(SqlType.BOOL, env -> {
            Object x = l.eval(env);
            Object y = r.eval(env);
            if (x == null || y == null) {
                return null;
            }
            JsonNode a = JsonTrees.tree(x);
            return switch (op) {
                case "@>" -> contains(a, JsonTrees.tree(y));
                case "<@" -> contains(JsonTrees.tree(y), a);
                case "?" -> exists(a, (String) y);
                case "?|" -> ((List<?>) y).stream().anyMatch(k -> k != null && exists(a, (String) k));
                case "?&" -> ((List<?>) y).stream().allMatch(k -> k != null && exists(a, (String) k));
                default -> throw new SqlException(SqlState.FEATURE_NOT_SUPPORTED, "operator " + op + " is not supported");
            };
        });
    }

    /** {@code ?}: a key of an object, a string element of an array, or a string scalar equal to the text. */
    private static boolean exists(JsonNode a, String key) {
        if (a.isObject()) {
            return a.has(key);
        }
        if (a.isArray()) {
            return containsText(a, key);
        }
        return a.isTextual() && a.textValue().equals(key);
    }

    /** {@code jsonb - text}, {@code jsonb - text[]} and {@code jsonb - integer}; an untyped literal is text. */
    static Expr minus(ExprBinder b, Expr left, Expr right) {
        TypeKind rk = right.type().kind();
        Expr r = rk == TypeKind.UNKNOWN ? b.coerce(right, SqlType.TEXT) : right;
        if (!rk.isString() && !rk.isInteger() && rk != TypeKind.TEXT_ARRAY && rk != TypeKind.UNKNOWN) {
            throw Errors.noOperator("-", left.type(), right.type());
        }
        return Expr.of(SqlType.JSONB, env -> {
            Object x = left.eval(env);
            Object y = r.eval(env);
            if (x == null || y == null) {
                return null;
            }
            JsonNode a = JsonTrees.tree(x);
            if (y instanceof Number n) {
                return JsonTrees.jsonb(JsonTrees.deleteIndex(a, n.intValue()));
            }
            if (y instanceof List<?> keys) {
                for (Object k : keys) {
                    if (k != null) {
                        a = JsonTrees.deleteKey(a, k.toString());
                    }
                }
                return JsonTrees.jsonb(a);
            }
            return JsonTrees.jsonb(JsonTrees.deleteKey(a, y.toString()));
        });
    }

    /** {@code jsonb || jsonb}. */
    static Expr concat(ExprBinder b, Expr left, Expr right) {
        Expr l = jsonOperand(b, left, "||");
        Expr r = jsonOperand(b, right, "||");
        return Expr.of(SqlType.JSONB, env -> {
            Object x = l.eval(env);
            Object y = r.eval(env);
            return x == null || y == null ? null : JsonTrees.jsonb(JsonTrees.concat(JsonTrees.tree(x), JsonTrees.tree(y)));
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
