package io.tessera.sql.catalog;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The pg_proc rows Tessera lists: the input and output functions of the built-in types (so that
 * {@code typinput = 'pg_catalog.array_in'::regproc}, as pgjdbc asks, resolves), with PostgreSQL
 * 15's OIDs. Tessera's SQL functions are not listed here: the engine resolves them by name.
 */
final class BuiltinProcs {
    private static final Map<String, Long> OID_BY_NAME = build();

    private BuiltinProcs() {}

    static Map<String, Long> all() { return OID_BY_NAME; }

    /** The OID of a listed function; 0 (PostgreSQL's InvalidOid) for a name not listed. */
    static long oid(String name) {
        Long oid = OID_BY_NAME.get(name);
        return oid == null ? 0 : oid;
    }

    static String nameOf(long oid) {
        for (Map.Entry<String, Long> e : OID_BY_NAME.entrySet()) {
            if (e.getValue() == oid) {
                return e.getKey();
            }
        }
        return null;
    }

    private static Map<String, Long> build() {
        Object[] pairs = {
            "boolin", 1242, "boolout", 1243, "byteain", 1244, "byteaout", 31, "charin", 1245, "charout", 33,
            "namein", 34, "nameout", 35, "int8in", 460, "int8out", 461, "int2in", 38, "int2out", 39,
            "int2vectorin", 40, "int2vectorout", 41, "int4in", 42, "int4out", 43, "regprocin", 44, "regprocout", 45,
            "textin", 46, "textout", 47, "oidin", 1798, "oidout", 1799, "tidin", 48, "tidout", 49,
            "xidin", 50, "xidout", 51, "cidin", 52, "cidout", 53, "oidvectorin", 54, "oidvectorout", 55,
            "json_in", 321, "json_out", 322, "pg_node_tree_in", 195, "pg_node_tree_out", 196,
            "float4in", 200, "float4out", 201, "float8in", 214, "float8out", 215, "unknownin", 109, "unknownout", 110,
            "bpcharin", 1044, "bpcharout", 1045, "varcharin", 1046, "varcharout", 1047, "date_in", 1084,
            "date_out", 1085, "time_in", 1143, "time_out", 1144, "timestamp_in", 1312, "timestamp_out", 1313,
            "timestamptz_in", 1150, "timestamptz_out", 1151, "interval_in", 1160, "interval_out", 1161,
            "bit_in", 1564, "bit_out", 1565, "varbit_in", 1579, "varbit_out", 1580, "numeric_in", 1701,
            "numeric_out", 1702, "regclassin", 2218, "regclassout", 2219, "regtypein", 2220, "regtypeout", 2221,
            "regnamespacein", 4084, "regnamespaceout", 4085, "uuid_in", 2952, "uuid_out", 2953,
            "jsonb_in", 3806, "jsonb_out", 3804, "record_in", 2290, "record_out", 2291, "cstring_in", 2292,
            "cstring_out", 2293, "any_in", 2294, "any_out", 2295, "anyarray_in", 2296, "anyarray_out", 2297,
            "anyelement_in", 2312, "anyelement_out", 2313, "void_in", 2298, "void_out", 2299,
            "array_in", 750, "array_out", 751,
        };
        Map<String, Long> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], ((Integer) pairs[i + 1]).longValue());
        }
        return java.util.Collections.unmodifiableMap(map);
    }
}
