package io.tessera.sql.engine;

import io.tessera.cluster.api.Catalog;
import io.tessera.cluster.api.FragmentDescriptor;
import io.tessera.cluster.api.TableDescriptor;
import io.tessera.cluster.api.TableSpec;
import io.tessera.common.encoding.KeyCodec;
import io.tessera.common.encoding.KeySpace;
import io.tessera.common.error.SqlException;
import io.tessera.common.error.SqlState;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A test-only {@link Catalog}. A table of N fragments is split on the first byte after the key's
 * tag byte (for integer keys: negative and non-negative values first), so routing is exercised.
 */
public final class InMemoryCatalog implements Catalog {
    private final InMemoryKvStore kv;
    private final Map<String, TableDescriptor> tables = new TreeMap<>();
    private final Map<String, AtomicLong> sequences = new TreeMap<>();
    private long nextTableId = 1;
    private long nextFragmentId = 100;
    private long version;

    public InMemoryCatalog(InMemoryKvStore kv) {
        this.kv = kv;
    }

    @Override
    public synchronized TableDescriptor createTable(TableSpec spec) {
        if (tables.containsKey(spec.name())) {
            throw new SqlException(SqlState.DUPLICATE_TABLE, "relation \"" + spec.name() + "\" already exists");
        }
        long id = nextTableId++;
        byte[] prefix = KeySpace.tablePrefix(id);
        List<FragmentDescriptor> fragments = new ArrayList<>();
        byte[] start = prefix;
        for (int i = 1; i <= spec.fragmentCount(); i++) {
            byte[] end = i == spec.fragmentCount() ? KeyCodec.prefixEnd(prefix) : splitPoint(prefix, i, spec.fragmentCount());
            long fid = nextFragmentId++;
            fragments.add(new FragmentDescriptor(fid, id, start, end));
            kv.addFragment(fid, start, end);
            start = end;
        }
        TableDescriptor t = new TableDescriptor(id, spec.name(), spec.columns(), spec.primaryKey(), fragments);
        tables.put(t.name(), t);
        version++;
        return t;
    }

    private static byte[] splitPoint(byte[] prefix, int i, int n) {
        byte[] out = java.util.Arrays.copyOf(prefix, prefix.length + 2);
        out[prefix.length] = KeyCodec.TAG_VALUE;
        out[prefix.length + 1] = (byte) (256 * i / n);
        return out;
    }

    @Override
    public synchronized void dropTable(String name) {
        TableDescriptor t = tables.remove(name);
        if (t == null) {
            throw new SqlException(SqlState.UNDEFINED_TABLE, "relation \"" + name + "\" does not exist");
        }
        t.fragments().forEach(f -> kv.removeFragment(f.id()));
        version++;
    }

    @Override
    public synchronized TableDescriptor alterTable(long tableId, TableSpec definition) {
        TableDescriptor old = table(tableId).orElseThrow(() -> new SqlException(SqlState.UNDEFINED_TABLE, "no table " + tableId));
        if (!definition.name().equals(old.name()) && tables.containsKey(definition.name())) {
            throw new SqlException(SqlState.DUPLICATE_TABLE, "relation \"" + definition.name() + "\" already exists");
        }
        TableDescriptor t = new TableDescriptor(old.id(), definition.name(), definition.columns(), definition.primaryKey(),
                old.fragments());
        tables.remove(old.name());
        tables.put(t.name(), t);
        version++;
        return t;
    }

    @Override public synchronized Optional<TableDescriptor> table(String name) { return Optional.ofNullable(tables.get(name)); }

    @Override
    public synchronized Optional<TableDescriptor> table(long id) {
        return tables.values().stream().filter(t -> t.id() == id).findFirst();
    }

    @Override public synchronized List<TableDescriptor> tables() { return List.copyOf(tables.values()); }

    @Override
    public synchronized void createSequence(String name) {
        if (sequences.putIfAbsent(name, new AtomicLong()) != null) {
            throw new SqlException(SqlState.DUPLICATE_TABLE, "relation \"" + name + "\" already exists");
        }
        version++;
    }

    @Override
    public synchronized void dropSequence(String name) {
        sequences.remove(name);
        version++;
    }

    @Override
    public synchronized long nextval(String sequence) {
        AtomicLong s = sequences.get(sequence);
        if (s == null) {
            throw new SqlException(SqlState.UNDEFINED_TABLE, "relation \"" + sequence + "\" does not exist");
        }
        return s.incrementAndGet();
    }

    @Override public synchronized List<String> sequences() { return List.copyOf(sequences.keySet()); }

    @Override public synchronized long version() { return version; }
}
