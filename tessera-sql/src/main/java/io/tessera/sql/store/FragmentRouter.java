package io.tessera.sql.store;

import io.tessera.cluster.api.FragmentDescriptor;
import io.tessera.cluster.api.TableDescriptor;
import java.util.ArrayList;
import java.util.List;

/**
 * Maps keys and key spans to the fragments that own them, by the KV layer's rule
 * ({@link io.tessera.kv.api.FragmentRouter}): tables are hash-fragmented, so one primary key has
 * one owner while any wider span is spread over every fragment, each holding its share in key
 * order. Readers that need the span in key order merge the fragments' streams.
 */
public final class FragmentRouter {
    private FragmentRouter() {}

    /** One fragment's share of a span. */
    public record Piece(long fragmentId, byte[] start, byte[] end) {}

    public static long fragmentFor(TableDescriptor table, byte[] key) {
        return io.tessera.kv.api.FragmentRouter.owner(table, key).id();
    }

    /** The fragments that may hold keys of {@code span}, each to be scanned over the whole span. */
    public static List<Piece> pieces(TableDescriptor table, KeySpan span) {
        List<Piece> out = new ArrayList<>();
        for (FragmentDescriptor f : io.tessera.kv.api.FragmentRouter.overlapping(table, span.start(), span.end())) {
            out.add(new Piece(f.id(), span.start(), span.end()));
        }
        return out;
    }
}
