package io.tessera.sql.plan;

import io.tessera.common.error.SqlException;
import io.tessera.common.error.SqlState;
import java.util.ArrayList;
import java.util.List;

/**
 * The names visible at one query level: the columns of its FROM clause in row order, each with
 * the alias of the FROM item it came from. {@link #outer} is the enclosing query level.
 */
final class Scope {
    record Entry(String qualifier, String name, Plan.Column column, boolean hidden) {}

    final List<Entry> entries;
    final Scope outer;

    Scope(List<Entry> entries, Scope outer) {
        this.entries = List.copyOf(entries);
        this.outer = outer;
    }

    static Scope empty(Scope outer) {
        return new Scope(List.of(), outer);
    }

    static Scope of(String qualifier, List<Plan.Column> columns, List<Boolean> hidden, Scope outer) {
        List<Entry> e = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            e.add(new Entry(qualifier, columns.get(i).name(), columns.get(i), hidden != null && hidden.get(i)));
        }
        return new Scope(e, outer);
    }

    Scope join(Scope right) {
        List<Entry> e = new ArrayList<>(entries);
        e.addAll(right.entries);
        return new Scope(e, outer);
    }

    boolean hasQualifier(String qualifier) {
        return entries.stream().anyMatch(e -> qualifier.equals(e.qualifier()));
    }

    /** The index of a column at this level, -1 when absent; 42702 when two FROM items have it. */
    int find(String qualifier, String name) {
        int found = -1;
        for (int i = 0; i < entries.size(); i++) {
            Entry e = entries.get(i);
            if (e.name().equals(name) && (qualifier == null || qualifier.equals(e.qualifier()))) {
                if (found >= 0) {
                    throw new SqlException(SqlState.AMBIGUOUS_COLUMN, "column reference \"" + name + "\" is ambiguous");
                }
                found = i;
            }
        }
        return found;
    }
}
