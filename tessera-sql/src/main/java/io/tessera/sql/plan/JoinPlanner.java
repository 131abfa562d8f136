package io.tessera.sql.plan;

import java.util.ArrayList;
import java.util.List;

/** Chooses a hash join when the ON condition has column equalities across the two sides, else a nested loop. */
final class JoinPlanner {
    private JoinPlanner() {}

    static Plan join(Plan left, Plan right, Joins.Kind kind, Expr on) {
        if (on == null || kind == Joins.Kind.RIGHT || kind == Joins.Kind.FULL) {
            return new Joins.NestedLoop(left, right, kind, on);
        }
        int leftWidth = left.columns().size();
        List<Expr> conjuncts = new ArrayList<>();
        KeyAccessPlanner.flatten(on, conjuncts);
        List<Expr> leftKeys = new ArrayList<>();
        List<Expr> rightKeys = new ArrayList<>();
        List<Expr> residual = new ArrayList<>();
        for (Expr c : conjuncts) {
            if (c instanceof Predicates.Compare cmp && cmp.op().equals("=")) {
                int ls = side(cmp.left(), leftWidth);
                int rs = side(cmp.right(), leftWidth);
                if (ls == 0 && rs == 1) {
                    leftKeys.add(cmp.left());
                    rightKeys.add(shift(cmp.right(), leftWidth));
                    continue;
                }
                if (ls == 1 && rs == 0) {
                    leftKeys.add(cmp.right());
                    rightKeys.add(shift(cmp.left(), leftWidth));
                    continue;
                }
            }
            residual.add(c);
        }
        if (leftKeys.isEmpty()) {
            return new Joins.NestedLoop(left, right, kind, on);
        }
        Expr rest = residual.isEmpty() ? null : residual.size() == 1 ? residual.get(0) : new Predicates.And(residual);
        return new Joins.Hash(left, right, kind, leftKeys, rightKeys, rest);
    }

    /** 0 when the expression reads only the left row, 1 only the right row, -1 otherwise. */
    private static int side(Expr e, int leftWidth) {
        Expr.ColumnRef ref = e instanceof Expr.Cast c && c.input() instanceof Expr.ColumnRef r ? r
                : e instanceof Expr.ColumnRef r ? r : null;
        if (ref == null || ref.depth() != 0) {
            return -1;
        }
        return ref.index() < leftWidth ? 0 : 1;
    }

    /** A column reference (maybe under a cast) moved {@code leftWidth} columns left: over the right row alone. */
    static Expr shift(Expr e, int leftWidth) {
        if (e instanceof Expr.Cast c && c.input() instanceof Expr.ColumnRef r) {
            return new Expr.Cast(new Expr.ColumnRef(0, r.index() - leftWidth, r.type()), c.type(), c.explicit());
        }
        Expr.ColumnRef r = (Expr.ColumnRef) e;
        return new Expr.ColumnRef(0, r.index() - leftWidth, r.type());
    }
}
