package io.tessera.sql.plan;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.function.IntToDoubleFunction;

/**
 * Orders the inner joins of one FROM clause: greedily, from the item with the fewest estimated
 * rows, each step adding the item joined to those already taken by an equality that leaves the
 * fewest rows (an item no condition connects comes last, as a cross product). Each step is a
 * {@link Joins.Slotted} hash join whose hash table holds the smaller of its two sides; every
 * condition is applied at the first step where all the items it reads are joined.
 */
final class JoinOrder {
    private JoinOrder() {}

    /** A FROM item: its plan, where its columns start in the whole row, how many, and its estimated rows. */
    record Item(Plan plan, int offset, int width, double rows) {
        boolean holds(int column) {
            return column >= offset && column < offset + width;
        }
    }

    /** A condition over two or more items, bound over the whole FROM clause's row; {@code items} are those it reads. */
    record Condition(Expr expr, BitSet items) {}

    /** An equality condition between a column of the joined items and one of the item being added. */
    record KeyPair(Expr joinedSide, Expr addedSide, int joinedColumn, int addedColumn) {}

    /**
     * Plans an item read by key once per joined row: its scan with the key equalities added,
     * their joined sides read one level out; null when they do not bring it to point reads.
     */
    interface Lookups {
        Plan lookup(int item, List<KeyPair> keys);
    }

    /**
     * A point read by key costs about as much as streaming this many rows of a scan (a read
     * through Raft's leader against a page of a scan): an item is read by key per joined row
     * when the joined rows times this are fewer than the item's rows.
     */
    static final double LOOKUP_COST_ROWS = 20;

    /**
     * @param columns the whole FROM clause's columns, in its order
     * @param distinct estimated distinct values of a column of the whole row (index into {@code columns})
     */
    static Plan plan(List<Item> items, List<Condition> conditions, List<Plan.Column> columns, IntToDoubleFunction distinct,
            Lookups lookups) {
        BitSet joined = new BitSet();
        int first = 0;
        for (int i = 1; i < items.size(); i++) {
            if (items.get(i).rows() < items.get(first).rows()) {
                first = i;
            }
        }
        joined.set(first);
        Plan plan = place(items.get(first), columns);
        double rows = items.get(first).rows();
        List<Condition> pending = new ArrayList<>(conditions);
        while (joined.cardinality() < items.size()) {
            int best = -1;
            double bestRows = 0;
            boolean bestConnected = false;
            for (int i = joined.nextClearBit(0); i < items.size(); i = joined.nextClearBit(i + 1)) {
                List<KeyPair> keys = keys(applicable(pending, joined, i), joined, i, items);
                boolean connected = !keys.isEmpty();
                double estimate = rows * items.get(i).rows() * selectivity(keys, items, distinct);
                if (best < 0 || connected && !bestConnected || connected == bestConnected && estimate < bestRows) {
                    best = i;
                    bestRows = estimate;
                    bestConnected = connected;
                }
            }
            List<Condition> now = applicable(pending, joined, best);
            pending.removeAll(now);
            plan = step(plan, rows, joined, items.get(best), best, now, items, columns, lookups);
            joined.set(best);
            rows = Math.max(1, bestRows);
        }
        return plan;
    }

    private static Plan place(Item item, List<Plan.Column> columns) {
        return new Joins.Place(item.plan(), item.offset(), columns);
    }

    /** The pending conditions that become decidable once {@code added} joins {@code joined}. */
    private static List<Condition> applicable(List<Condition> pending, BitSet joined, int added) {
        List<Condition> out = new ArrayList<>();
        for (Condition c : pending) {
            BitSet rest = (BitSet) c.items().clone();
            rest.andNot(joined);
            rest.clear(added);
            if (rest.isEmpty()) {
                out.add(c);
            }
        }
        return out;
    }

    /** Equalities of a joined item's column with the added item's column, usable as hash keys. */
    private static List<KeyPair> keys(List<Condition> conditions, BitSet joined, int added, List<Item> items) {
        List<KeyPair> out = new ArrayList<>();
        for (Condition c : conditions) {
            if (c.expr() instanceof Predicates.Compare cmp && cmp.op().equals("=")) {
                int l = Estimates.columnOf(cmp.left());
                int r = Estimates.columnOf(cmp.right());
                if (l < 0 || r < 0) {
                    continue;
                }
                if (items.get(added).holds(r) && joined.get(itemOf(l, items))) {
                    out.add(new KeyPair(cmp.left(), cmp.right(), l, r));
                } else if (items.get(added).holds(l) && joined.get(itemOf(r, items))) {
                    out.add(new KeyPair(cmp.right(), cmp.left(), r, l));
                }
            }
        }
        return out;
    }

    /** The index of the item whose columns include {@code column} of the whole row. */
    static int itemOf(int column, List<Item> items) {
        for (int i = 0; i < items.size(); i++) {
            if (items.get(i).holds(column)) {
                return i;
            }
        }
        throw new IllegalStateException("column " + column + " is in no FROM item");
    }

    /** The share of the cross product an equi-join keeps: 1/max(distinct) per key, as PostgreSQL estimates. */
    private static double selectivity(List<KeyPair> keys, List<Item> items, IntToDoubleFunction distinct) {
        double s = 1;
        for (KeyPair k : keys) {
            double l = Math.min(distinct.applyAsDouble(k.joinedColumn()), items.get(itemOf(k.joinedColumn(), items)).rows());
            double r = Math.min(distinct.applyAsDouble(k.addedColumn()), items.get(itemOf(k.addedColumn(), items)).rows());
            s *= 1 / Math.max(1, Math.max(l, r));
        }
        return s;
    }

    /**
     * Joins {@code added} to the plan of the joined items: by key lookups when few joined rows
     * meet a large item, else a hash join hashing whichever side is estimated smaller.
     */
    private static Plan step(Plan plan, double rows, BitSet joined, Item added, int addedIndex, List<Condition> conditions,
            List<Item> items, List<Plan.Column> columns, Lookups lookups) {
        List<KeyPair> keys = keys(conditions, joined, addedIndex, items);
        List<Expr> residual = new ArrayList<>();
        for (Condition c : conditions) {
            if (keys.stream().noneMatch(k -> isKeyOf(k, c.expr()))) {
                residual.add(c.expr());
            }
        }
        Expr rest = residual.isEmpty() ? null : residual.size() == 1 ? residual.get(0) : new Predicates.And(residual);
        List<Expr> joinedKeys = keys.stream().map(KeyPair::joinedSide).toList();
        List<Expr> addedKeys = keys.stream().map(KeyPair::addedSide).toList();
        List<Expr> shown = conditions.stream().map(Condition::expr).toList();
        if (!keys.isEmpty() && rows * LOOKUP_COST_ROWS < added.rows()) {
            Plan lookup = lookups.lookup(addedIndex, keys);
            if (lookup != null) {
                return new Joins.Lookup(plan, lookup, added.offset(), rest, shown);
            }
        }
        Plan addedPlan = place(added, columns);
        if (added.rows() <= rows) {
            return new Joins.Slotted(plan, addedPlan, joinedKeys, addedKeys, rest,
                    List.of(new int[] {added.offset(), added.offset() + added.width()}), shown);
        }
        List<int[]> joinedSlots = new ArrayList<>();
        for (int i = joined.nextSetBit(0); i >= 0; i = joined.nextSetBit(i + 1)) {
            joinedSlots.add(new int[] {items.get(i).offset(), items.get(i).offset() + items.get(i).width()});
        }
        return new Joins.Slotted(addedPlan, plan, addedKeys, joinedKeys, rest, joinedSlots, shown);
    }

    private static boolean isKeyOf(KeyPair k, Expr condition) {
        return condition instanceof Predicates.Compare cmp
                && (cmp.left() == k.joinedSide() && cmp.right() == k.addedSide()
                        || cmp.left() == k.addedSide() && cmp.right() == k.joinedSide());
    }
}
