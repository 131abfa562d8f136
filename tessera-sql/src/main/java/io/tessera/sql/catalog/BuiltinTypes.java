package io.tessera.sql.catalog;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The built-in rows of pg_type, with PostgreSQL 15's OIDs, names, lengths, categories and array
 * types (from PostgreSQL's pg_type.dat): every {@link io.tessera.common.types.TypeKind} plus the
 * types clients such as pgjdbc ask about by OID (interval, uuid, json, the reg* types). Array
 * types are derived from their element the way PostgreSQL's catalog generator does.
 */
final class BuiltinTypes {
    /** PostgreSQL's default collation (pg_collation 'default') and the "C" collation of name. */
    static final long DEFAULT_COLLATION = 100;
    static final long C_COLLATION = 950;

    private static final Map<Long, TypeInfo> BY_OID = build();

    private BuiltinTypes() {}

    /**
     * One pg_type row. {@code typtype} is 'b' base or 'p' pseudo; input and output are pg_proc OIDs.
     */
    record TypeInfo(long oid, String name, int length, boolean byValue, String typtype, String category,
            boolean preferred, long element, long array, String input, String output, String align,
            String storage, long collation) {}

    static List<TypeInfo> all() { return List.copyOf(BY_OID.values()); }

    static TypeInfo byOid(long oid) { return BY_OID.get(oid); }

    static TypeInfo byName(String name) {
        for (TypeInfo t : BY_OID.values()) {
            if (t.name().equals(name)) {
                return t;
            }
        }
        return null;
    }

    private static Map<Long, TypeInfo> build() {
        List<TypeInfo> bases = new ArrayList<>();
        // oid, name, len, byval, category, preferred, elem, array, in, out, align, storage, collation
        bases.add(base(16, "bool", 1, true, "B", true, 0, 1000, "boolin", "boolout", "c", "p", 0));
        bases.add(base(17, "bytea", -1, false, "U", false, 0, 1001, "byteain", "byteaout", "i", "x", 0));
        bases.add(base(18, "char", 1, true, "Z", false, 0, 1002, "charin", "charout", "c", "p", 0));
        bases.add(base(19, "name", 64, false, "S", false, 18, 1003, "namein", "nameout", "c", "p", C_COLLATION));
        bases.add(base(20, "int8", 8, true, "N", false, 0, 1016, "int8in", "int8out", "d", "p", 0));
        bases.add(base(21, "int2", 2, true, "N", false, 0, 1005, "int2in", "int2out", "s", "p", 0));
        bases.add(base(22, "int2vector", -1, false, "A", false, 21, 1006, "int2vectorin", "int2vectorout", "i", "p", 0));
        bases.add(base(23, "int4", 4, true, "N", false, 0, 1007, "int4in", "int4out", "i", "p", 0));
        bases.add(base(24, "regproc", 4, true, "N", false, 0, 1008, "regprocin", "regprocout", "i", "p", 0));
        bases.add(base(25, "text", -1, false, "S", true, 0, 1009, "textin", "textout", "i", "x", DEFAULT_COLLATION));
        bases.add(base(26, "oid", 4, true, "N", true, 0, 1028, "oidin", "oidout", "i", "p", 0));
        bases.add(base(27, "tid", 6, false, "U", false, 0, 1010, "tidin", "tidout", "s", "p", 0));
        bases.add(base(28, "xid", 4, true, "U", false, 0, 1011, "xidin", "xidout", "i", "p", 0));
        bases.add(base(29, "cid", 4, true, "U", false, 0, 1012, "cidin", "cidout", "i", "p", 0));
        bases.add(base(30, "oidvector", -1, false, "A", false, 26, 1013, "oidvectorin", "oidvectorout", "i", "p", 0));
        bases.add(base(114, "json", -1, false, "U", false, 0, 199, "json_in", "json_out", "i", "x", 0));
        bases.add(base(194, "pg_node_tree", -1, false, "Z", false, 0, 0, "pg_node_tree_in", "pg_node_tree_out", "i", "x",
                DEFAULT_COLLATION));
        bases.add(base(700, "float4", 4, true, "N", false, 0, 1021, "float4in", "float4out", "i", "p", 0));
        bases.add(base(701, "float8", 8, true, "N", true, 0, 1022, "float8in", "float8out", "d", "p", 0));
        bases.add(base(1042, "bpchar", -1, false, "S", false, 0, 1014, "bpcharin", "bpcharout", "i", "x", DEFAULT_COLLATION));
        bases.add(base(1043, "varchar", -1, false, "S", false, 0, 1015, "varcharin", "varcharout", "i", "x", DEFAULT_COLLATION));
        bases.add(base(1082, "date", 4, true, "D", false, 0, 1182, "date_in", "date_out", "i", "p", 0));
        bases.add(base(1083, "time", 8, true, "D", false, 0, 1183, "time_in", "time_out", "d", "p", 0));
        bases.add(base(1114, "timestamp", 8, true, "D", false, 0, 1115, "timestamp_in", "timestamp_out", "d", "p", 0));
        bases.add(base(1184, "timestamptz", 8, true, "D", true, 0, 1185, "timestamptz_in", "timestamptz_out", "d", "p", 0));
        bases.add(base(1186, "interval", 16, false, "T", true, 0, 1187, "interval_in", "interval_out", "d", "p", 0));
        bases.add(base(1560, "bit", -1, false, "V", false, 0, 1561, "bit_in", "bit_out", "i", "x", 0));
        bases.add(base(1562, "varbit", -1, false, "V", true, 0, 1563, "varbit_in", "varbit_out", "i", "x", 0));
        bases.add(base(1700, "numeric", -1, false, "N", false, 0, 1231, "numeric_in", "numeric_out", "i", "m", 0));
        bases.add(base(2205, "regclass", 4, true, "N", false, 0, 2210, "regclassin", "regclassout", "i", "p", 0));
        bases.add(base(2206, "regtype", 4, true, "N", false, 0, 2211, "regtypein", "regtypeout", "i", "p", 0));
        bases.add(base(4089, "regnamespace", 4, true, "N", false, 0, 4090, "regnamespacein", "regnamespaceout", "i", "p", 0));
        bases.add(base(2950, "uuid", 16, false, "U", false, 0, 2951, "uuid_in", "uuid_out", "c", "p", 0));
        bases.add(base(3802, "jsonb", -1, false, "U", false, 0, 3807, "jsonb_in", "jsonb_out", "i", "x", 0));
        List<TypeInfo> pseudo = List.of(
                pseudo(705, "unknown", -2, false, "X", 0, "unknownin", "unknownout", "c"),
                pseudo(2249, "record", -1, false, "P", 2287, "record_in", "record_out", "d"),
                pseudo(2275, "cstring", -2, false, "P", 1263, "cstring_in", "cstring_out", "c"),
                pseudo(2276, "any", 4, true, "P", 0, "any_in", "any_out", "i"),
                pseudo(2277, "anyarray", -1, false, "P", 0, "anyarray_in", "anyarray_out", "d"),
                pseudo(2283, "anyelement", 4, true, "P", 0, "anyelement_in", "anyelement_out", "i"),
                pseudo(2278, "void", 4, true, "P", 0, "void_in", "void_out", "i"));
        Map<Long, TypeInfo> byOid = new LinkedHashMap<>();
        for (TypeInfo t : bases) {
            byOid.put(t.oid(), t);
        }
        for (TypeInfo t : pseudo) {
            byOid.put(t.oid(), t);
        }
        for (TypeInfo t : List.copyOf(byOid.values())) {
            if (t.array() != 0) {
                TypeInfo array = arrayOf(t);
                byOid.put(array.oid(), array);
            }
        }
        return Collections.unmodifiableMap(byOid);
    }

    private static TypeInfo base(long oid, String name, int length, boolean byValue, String category,
            boolean preferred, long element, long array, String input, String output, String align, String storage,
            long collation) {
        return new TypeInfo(oid, name, length, byValue, "b", category, preferred, element, array, input, output, align,
                storage, collation);
    }

    private static TypeInfo pseudo(long oid, String name, int length, boolean byValue, String category, long array,
            String input, String output, String align) {
        return new TypeInfo(oid, name, length, byValue, "p", category, false, 0, array, input, output, align, "p", 0);
    }

    /** The array type of an element, as genbki derives it: "_" + name, category 'A' (_record is a pseudo-type). */
    private static TypeInfo arrayOf(TypeInfo element) {
        String align = element.align().equals("d") ? "d" : "i";
        boolean ofRecord = element.name().equals("record");
        String typtype = ofRecord ? "p" : "b";
        String category = ofRecord ? "P" : "A";
        return new TypeInfo(element.array(), "_" + element.name(), -1, false, typtype, category, false, element.oid(), 0,
                "array_in", "array_out", align, "x", element.collation());
    }
}
