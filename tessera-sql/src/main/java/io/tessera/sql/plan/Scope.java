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

    /**
     * A FROM item of this level, for {@code SELECT ... FOR UPDATE}: its alias, what it is (a user
     * table, with its descriptor, or a "view", "subquery", "function", ...), and where its columns
     * start in the row.
     */
    record Source(String alias, String kind, io.tessera.cluster.api.TableDescriptor table, int offset) {}

    final List<Entry> entries;
    final Scope outer;
    /**
     * Entries a JOIN USING / NATURAL JOIN merged into their partner: reachable qualified
     * ({@code b.id}) but not unqualified, and left out of an unqualified {@code *}.
     */
    private final java.util.BitSet merged;
    /** The merged columns' survivors, which an unqualified {@code *} lists first, as PostgreSQL does. */
    final List<Integer> leading;
    /** The FROM items these entries come from, in row order; empty for scopes that are not a FROM clause. */
    final List<Source> sources;

    Scope(List<Entry> entries, Scope outer) {
        this(entries, outer, new java.util.BitSet(), List.of(), List.of());
    }

    private Scope(List<Entry> entries, Scope outer, java.util.BitSet merged, List<Integer> leading, List<Source> sources) {
        this.entries = List.copyOf(entries);
        this.outer = outer;
        this.merged = merged;
        this.leading = List.copyOf(leading);
        this.sources = List.copyOf(sources);
    }

    /** This scope as the one FROM item {@code alias} of this {@code kind} ({@code table} for a user table). */
    Scope asSource(String alias, String kind, io.tessera.cluster.api.TableDescriptor table) {
        return new Scope(entries, outer, merged, leading, List.of(new Source(alias, kind, table, 0)));
    }

    /** This scope keeping the FROM items of {@code from} (a parenthesised join given an alias). */
    Scope withSourcesOf(Scope from) {
        return new Scope(entries, outer, merged, leading, from.sources);
    }

    boolean isMerged(int index) {
        return merged.get(index);
    }

    /** This scope with these entries merged away (see {@link #merged}). */
    Scope withMerged(List<Integer> indexes, List<Integer> survivors) {
        java.util.BitSet next = (java.util.BitSet) merged.clone();
        indexes.forEach(next::set);
        List<Integer> lead = new ArrayList<>(survivors);
        leading.stream().filter(i -> !lead.contains(i) && !next.get(i)).forEach(lead::add);
        return new Scope(entries, outer, next, lead, sources);
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
        java.util.BitSet m = (java.util.BitSet) merged.clone();
        right.merged.stream().forEach(i -> m.set(entries.size() + i));
        List<Integer> lead = new ArrayList<>(leading);
        right.leading.forEach(i -> lead.add(entries.size() + i));
        List<Source> s = new ArrayList<>(sources);
        right.sources.forEach(x -> s.add(new Source(x.alias(), x.kind(), x.table(), entries.size() + x.offset())));
        return new Scope(e, outer, m, lead, s);
    }

    boolean hasQualifier(String qualifier) {
        return entries.stream().anyMatch(e -> qualifier.equals(e.qualifier()));
    }

    /** The index of a column at this level, -1 when absent; 42702 when two FROM items have it. */
    int find(String qualifier, String name) {
        int found = -1;
        for (int i = 0; i < entries.size(); i++) {
            Entry e = entries.get(i);
            if (e.name().equals(name) && (qualifier == null ? !merged.get(i) : qualifier.equals(e.qualifier()))) {
                if (found >= 0) {
                    throw new SqlException(SqlState.AMBIGUOUS_COLUMN, "column reference \"" + name + "\" is ambiguous");
                }
                found = i;
            }
        }
        return found;
    }
}
