package io.tessera.sql.plan;

import java.util.ArrayList;
import java.util.List;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.NotExpression;
import net.sf.jsqlparser.expression.operators.conditional.AndExpression;
import net.sf.jsqlparser.expression.operators.conditional.OrExpression;
import net.sf.jsqlparser.expression.operators.relational.InExpression;

/**
 * Repairs a parse JSqlParser 5.3 gets wrong: it reads {@code a AND x IN (1, 2) AND b OR c} as
 * {@code a AND x IN ((1, 2) AND b OR c)}, the rest of the condition swallowed into the IN's right
 * side, where SQL means {@code (a AND x IN (1, 2) AND b) OR c}. The repair lists the condition's
 * operands and connectives in the order the text has them (an IN whose right side is a boolean
 * tree gives back that tree's leftmost operand as its list, and the rest follows it; a NOT over
 * such an IN applies to the IN alone), then builds the tree again with AND binding tighter than
 * OR. Parenthesised groups are operands, repaired when they are bound in turn.
 */
final class BooleanPrecedence {
    private BooleanPrecedence() {}

    private enum Connective { AND, OR }

    /** The condition with SQL's precedence restored, or {@code e} itself when it needs no repair. */
    static Expression fix(Expression e) {
        if (!swallowsRest(e)) {
            return e;
        }
        List<Object> items = new ArrayList<>();
        linearize(e, items);
        return rebuild(items);
    }

    /** Whether an IN in this AND/OR/NOT tree (outside parentheses) holds a boolean tree as its list. */
    private static boolean swallowsRest(Expression e) {
        return switch (e) {
            case AndExpression a -> swallowsRest(a.getLeftExpression()) || swallowsRest(a.getRightExpression());
            case OrExpression o -> swallowsRest(o.getLeftExpression()) || swallowsRest(o.getRightExpression());
            case NotExpression n -> swallowsRest(n.getExpression());
            case InExpression in -> isConnective(in.getRightExpression());
            default -> false;
        };
    }

    private static boolean isConnective(Expression e) {
        return e instanceof AndExpression || e instanceof OrExpression;
    }

    private static void linearize(Expression e, List<Object> out) {
        switch (e) {
            case AndExpression a -> {
                linearize(a.getLeftExpression(), out);
                out.add(Connective.AND);
                linearize(a.getRightExpression(), out);
            }
            case OrExpression o -> {
                linearize(o.getLeftExpression(), out);
                out.add(Connective.OR);
                linearize(o.getRightExpression(), out);
            }
            case InExpression in when isConnective(in.getRightExpression()) -> {
                List<Object> rest = new ArrayList<>();
                linearize(in.getRightExpression(), rest);
                InExpression own = new InExpression(in.getLeftExpression(), (Expression) rest.get(0));
                own.setNot(in.isNot());
                rest.set(0, own);
                out.addAll(rest);
            }
            case NotExpression n when swallowsRest(n.getExpression()) -> {
                List<Object> rest = new ArrayList<>();
                linearize(n.getExpression(), rest);
                rest.set(0, new NotExpression((Expression) rest.get(0)));
                out.addAll(rest);
            }
            default -> out.add(e);
        }
    }

    /** Operands joined by AND into terms, the terms joined by OR; left-associative, as SQL reads them. */
    private static Expression rebuild(List<Object> items) {
        Expression or = null;
        Expression and = (Expression) items.get(0);
        for (int i = 1; i < items.size(); i += 2) {
            Expression next = (Expression) items.get(i + 1);
            if (items.get(i) == Connective.AND) {
                and = new AndExpression(and, next);
            } else {
                or = or == null ? and : new OrExpression(or, and);
                and = next;
            }
        }
        return or == null ? and : new OrExpression(or, and);
    }
}
