package io.tessera.sql.catalog;

import static io.tessera.common.types.TypeKind.BOOL;
import static io.tessera.common.types.TypeKind.INT4;
import static io.tessera.common.types.TypeKind.TEXT;
import static io.tessera.common.types.TypeKind.TEXT_ARRAY;

import java.util.ArrayList;
import java.util.List;

/**
 * pg_settings: the session settings Tessera knows, each with PostgreSQL's category, type and
 * context, and its current value from {@link io.tessera.sql.spi.SystemContext#setting}. A setting
 * the session does not report (null) is not listed.
 */
final class Settings {
    private Settings() {}

    /** What pg_settings says about a parameter besides its value. */
    record Parameter(String name, String category, String shortDescription, String context, String type) {}

    static final List<Parameter> KNOWN = List.of(
            p("application_name", "Reporting and Logging / What to Log", "Sets the application name to be reported in statistics and logs.", "user", "string"),
            p("client_encoding", "Client Connection Defaults / Locale and Formatting", "Sets the client's character set encoding.", "user", "string"),
            p("DateStyle", "Client Connection Defaults / Locale and Formatting", "Sets the display format for date and time values.", "user", "string"),
            p("default_transaction_isolation", "Client Connection Defaults / Statement Behavior", "Sets the transaction isolation level of each new transaction.", "user", "enum"),
            p("default_transaction_deferrable", "Client Connection Defaults / Statement Behavior", "Sets the default deferrable status of new read-only serializable transactions.", "user", "bool"),
            p("default_transaction_read_only", "Client Connection Defaults / Statement Behavior", "Sets the default read-only status of new transactions.", "user", "bool"),
            p("extra_float_digits", "Client Connection Defaults / Locale and Formatting", "Sets the number of digits displayed for floating-point values.", "user", "integer"),
            p("in_hot_standby", "Preset Options", "Shows whether hot standby is currently active.", "internal", "bool"),
            p("integer_datetimes", "Preset Options", "Shows whether datetimes are integer based.", "internal", "bool"),
            p("IntervalStyle", "Client Connection Defaults / Locale and Formatting", "Sets the display format for interval values.", "user", "enum"),
            p("is_superuser", "Preset Options", "Shows whether the current user is a superuser.", "internal", "bool"),
            p("lc_collate", "Preset Options", "Shows the collation order locale.", "internal", "string"),
            p("lc_ctype", "Preset Options", "Shows the character classification and case conversion locale.", "internal", "string"),
            p("max_connections", "Connections and Authentication / Connection Settings", "Sets the maximum number of concurrent connections.", "postmaster", "integer"),
            p("max_identifier_length", "Preset Options", "Shows the maximum identifier length.", "internal", "integer"),
            p("search_path", "Client Connection Defaults / Statement Behavior", "Sets the schema search order for names that are not schema-qualified.", "user", "string"),
            p("server_encoding", "Preset Options", "Shows the server (database) character set encoding.", "internal", "string"),
            p("server_version", "Preset Options", "Shows the server version.", "internal", "string"),
            p("server_version_num", "Preset Options", "Shows the server version as an integer.", "internal", "integer"),
            p("session_authorization", "Preset Options", "Sets the session user name.", "user", "string"),
            p("standard_conforming_strings", "Version and Platform Compatibility / Previous PostgreSQL Versions", "Causes '...' strings to treat backslashes literally.", "user", "bool"),
            p("statement_timeout", "Client Connection Defaults / Statement Behavior", "Sets the maximum allowed duration of any statement.", "user", "integer"),
            p("TimeZone", "Client Connection Defaults / Locale and Formatting", "Sets the time zone for displaying and interpreting time stamps.", "user", "string"),
            p("transaction_isolation", "Client Connection Defaults / Statement Behavior", "Sets the current transaction's isolation level.", "user", "enum"),
            p("transaction_deferrable", "Client Connection Defaults / Statement Behavior", "Whether to defer a read-only serializable transaction until it can be executed with no possible serialization failures.", "user", "bool"),
            p("transaction_read_only", "Client Connection Defaults / Statement Behavior", "Sets the current transaction's read-only status.", "user", "bool"));

    private static Parameter p(String name, String category, String description, String context, String type) {
        return new Parameter(name, category, description, context, type);
    }

    static final TableShape SHAPE = TableShape.of("name", TEXT, "setting", TEXT, "unit", TEXT, "category", TEXT,
            "short_desc", TEXT, "extra_desc", TEXT, "context", TEXT, "vartype", TEXT, "source", TEXT,
            "min_val", TEXT, "max_val", TEXT, "enumvals", TEXT_ARRAY, "boot_val", TEXT, "reset_val", TEXT,
            "sourcefile", TEXT, "sourceline", INT4, "pending_restart", BOOL);

    static List<Object[]> rows(TableShape shape, CatalogSnapshot snapshot) {
        List<Object[]> rows = new ArrayList<>();
        for (Parameter parameter : KNOWN) {
            String value = snapshot.context().setting(parameter.name());
            if (value == null) {
                continue;
            }
            String unit = parameter.name().equals("statement_timeout") ? "ms" : null;
            rows.add(shape.row().set("name", parameter.name()).set("setting", value).set("unit", unit)
                    .set("category", parameter.category()).set("short_desc", parameter.shortDescription())
                    .set("context", parameter.context()).set("vartype", parameter.type()).set("source", "session")
                    .set("pending_restart", false).build());
        }
        return rows;
    }
}
