package io.tessera.sql.catalog;

import io.tessera.sql.catalog.BuiltinTypes.TypeInfo;

/**
 * PostgreSQL's {@code format_type(oid, typmod)}: the SQL spelling of a type. A NULL typmod and a
 * typmod of -1 differ on purpose, as in PostgreSQL: {@code format_type(1042, NULL)} is
 * {@code character} (what a function signature would say) while {@code format_type(1042, -1)} is
 * {@code bpchar}, because {@code character} alone would read back as {@code character(1)}.
 */
final class FormatType {
    private static final int VARHDRSZ = 4;

    private FormatType() {}

    /**
     * @param typmod null when no modifier applies (function arguments), else atttypmod
     * @param snapshot resolves the row types of tables; may be null to format built-in types only
     */
    static String format(long oid, Integer typmod, CatalogSnapshot snapshot) {
        TypeInfo type = BuiltinTypes.byOid(oid);
        if (type == null) {
            String rowType = snapshot == null ? null : snapshot.rowTypeName(oid);
            return rowType == null ? "???" : rowType;
        }
        if (isArray(type)) {
            return format(type.element(), typmod, snapshot) + "[]";
        }
        boolean given = typmod != null;
        int modifier = given ? typmod : -1;
        return special(type, given, modifier >= 0 && given, modifier);
    }

    /** Arrays print as their element plus "[]"; int2vector and oidvector (plain storage) do not. */
    private static boolean isArray(TypeInfo type) {
        return type.element() != 0 && type.length() == -1 && !type.storage().equals("p");
    }

    private static String special(TypeInfo type, boolean given, boolean withModifier, int modifier) {
        return switch ((int) type.oid()) {
            case 1560 -> withModifier ? "bit(" + modifier + ")" : given ? "\"bit\"" : "bit";
            case 16 -> "boolean";
            case 1042 -> withModifier ? "character(" + (modifier - VARHDRSZ) + ")" : given ? "bpchar" : "character";
            case 700 -> "real";
            case 701 -> "double precision";
            case 21 -> "smallint";
            case 23 -> "integer";
            case 20 -> "bigint";
            case 1700 -> withModifier ? numeric(modifier) : "numeric";
            case 1083 -> withModifier ? "time(" + modifier + ") without time zone" : "time without time zone";
            case 1114 -> withModifier ? "timestamp(" + modifier + ") without time zone" : "timestamp without time zone";
            case 1184 -> withModifier ? "timestamp(" + modifier + ") with time zone" : "timestamp with time zone";
            case 1562 -> withModifier ? "bit varying(" + modifier + ")" : "bit varying";
            case 1043 -> withModifier ? "character varying(" + (modifier - VARHDRSZ) + ")" : "character varying";
            default -> Identifiers.quote(type.name());
        };
    }

    private static String numeric(int modifier) {
        int packed = modifier - VARHDRSZ;
        return "numeric(" + ((packed >> 16) & 0xffff) + "," + (packed & 0xffff) + ")";
    }
}
