package io.tessera.sql.engine;

import io.tessera.common.error.SqlException;
import io.tessera.common.error.SqlState;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A session's settings (GUCs): the parameters clients SET and SHOW, with their defaults, the
 * values Tessera accepts, and the ones reported to the client (ParameterStatus) when they change.
 */
final class Settings {
    /** The version clients parse; it must start with "15." so they send PostgreSQL 15's catalog queries. */
    static final String SERVER_VERSION = "15.20 (Tessera 0.1.0)";

    /** One parameter: its name as PostgreSQL spells it, its default, and whether clients may set it. */
    private record Param(String name, String defaultValue, boolean readOnly, boolean reported, String description) {}

    private static final Map<String, Param> PARAMS = new LinkedHashMap<>();

    private static void param(String name, String def, boolean readOnly, boolean reported, String description) {
        PARAMS.put(name.toLowerCase(Locale.ROOT), new Param(name, def, readOnly, reported, description));
    }

    static {
        param("application_name", "", false, true, "Sets the application name to be reported in statistics and logs.");
        param("client_encoding", "UTF8", false, true, "Sets the client's character set encoding.");
        param("DateStyle", "ISO, MDY", false, true, "Sets the display format for date and time values.");
        param("default_transaction_read_only", "off", false, true, "Sets the default read-only status of new transactions.");
        param("in_hot_standby", "off", true, true, "Shows whether hot standby is currently active.");
        param("integer_datetimes", "on", true, true, "Shows whether datetimes are integer based.");
        param("IntervalStyle", "postgres", false, true, "Sets the display format for interval values.");
        param("is_superuser", "on", true, true, "Shows whether the current user is a superuser.");
        param("server_encoding", "UTF8", true, true, "Shows the server (database) character set encoding.");
        param("server_version", SERVER_VERSION, true, true, "Shows the server version.");
        param("session_authorization", "tessera", true, true, "Sets the session user name.");
        param("standard_conforming_strings", "on", false, true, "Causes '...' strings to treat backslashes literally.");
        param("TimeZone", "Etc/UTC", false, true, "Sets the time zone for displaying and interpreting time stamps.");
        param("server_version_num", "150020", true, false, "Shows the server version as an integer.");
        param("extra_float_digits", "1", false, false, "Sets the number of digits displayed for floating-point values.");
        param("search_path", "\"$user\", public", false, false, "Sets the schema search order for names that are not schema-qualified.");
        param("statement_timeout", "0", false, false, "Sets the maximum allowed duration of any statement.");
        param("lock_timeout", "0", false, false, "Sets the maximum allowed duration of any wait for a lock.");
        param("idle_in_transaction_session_timeout", "0", false, false, "Sets the maximum allowed idle time between queries, when in a transaction.");
        param("idle_session_timeout", "0", false, false, "Sets the maximum allowed idle time between queries, when not in a transaction.");
        param("transaction_isolation", "read committed", false, false, "Sets the current transaction's isolation level.");
        param("default_transaction_isolation", "read committed", false, false, "Sets the transaction isolation level of each new transaction.");
        param("transaction_read_only", "off", false, false, "Sets the current transaction's read-only status.");
        param("transaction_deferrable", "off", false, false, "Whether to defer a read-only serializable transaction until it can be executed with no possible serialization failures.");
        param("default_transaction_deferrable", "off", false, false, "Sets the default deferrable status of new transactions.");
        param("bytea_output", "hex", false, false, "Sets the output format for bytea.");
        param("client_min_messages", "notice", false, false, "Sets the message levels that are sent to the client.");
        param("max_identifier_length", "63", true, false, "Shows the maximum identifier length.");
        param("synchronous_commit", "on", false, false, "Sets the current transaction's synchronization level.");
        param("work_mem", "4MB", false, false, "Sets the maximum memory to be used for query workspaces.");
        param("row_security", "on", false, false, "Enable row security.");
        param("jit", "off", false, false, "Allow JIT compilation.");
        param("lc_messages", "C.UTF-8", false, false, "Sets the language in which messages are displayed.");
        param("lc_monetary", "C.UTF-8", false, false, "Sets the locale for formatting monetary amounts.");
        param("lc_numeric", "C.UTF-8", false, false, "Sets the locale for formatting numbers.");
        param("lc_time", "C.UTF-8", false, false, "Sets the locale for formatting date and time values.");
        param("max_connections", "100", true, false, "Sets the maximum number of concurrent connections.");
        param("default_with_oids", "off", true, false, "WITH OIDS is not supported.");
        param("geqo", "on", false, false, "Enables genetic query optimization.");
        param("tcp_keepalives_idle", "0", false, false, "Time between issuing TCP keepalives.");
        param("tcp_keepalives_interval", "0", false, false, "Time between TCP keepalive retransmits.");
        param("tcp_keepalives_count", "0", false, false, "Maximum number of TCP keepalive retransmits.");
    }

    /**
     * The settings of the current transaction, each with the session default it reads when the
     * transaction did not set it (and outside a transaction block). They live in {@link #values}
     * only while a transaction has set them; {@link #endTransaction()} removes them.
     */
    private static final Map<String, String> TRANSACTION_SCOPED = Map.of(
            "transaction_isolation", "default_transaction_isolation",
            "transaction_read_only", "default_transaction_read_only",
            "transaction_deferrable", "default_transaction_deferrable");

    /**
     * Pseudo-parameters for a SET TRANSACTION (or SET SESSION CHARACTERISTICS) of several modes at
     * once; the value is {@link TransactionModes#toSql()}. Their names have a space, so no SET of a
     * real parameter can reach them.
     */
    static final String TRANSACTION_MODES = "transaction modes";
    static final String DEFAULT_TRANSACTION_MODES = "default transaction modes";

    private final Map<String, String> values = new HashMap<>();
    private final Map<String, String> changed = new LinkedHashMap<>();
    private final Map<String, String> beforeLocal = new HashMap<>();

    Settings(String user) {
        reset();
        values.put("session_authorization", user);
    }

    private void reset() {
        for (Map.Entry<String, Param> e : PARAMS.entrySet()) {
            if (TRANSACTION_SCOPED.containsKey(e.getKey())) {
                continue;
            }
            if (!e.getValue().readOnly() || !values.containsKey(e.getKey())) {
                values.put(e.getKey(), e.getValue().defaultValue());
            }
        }
    }

    /** The value SHOW prints, or null for an unknown parameter. */
    String get(String name) {
        String key = name.toLowerCase(Locale.ROOT);
        String value = values.get(key);
        String sessionDefault = TRANSACTION_SCOPED.get(key);
        return value == null && sessionDefault != null ? values.get(sessionDefault) : value;
    }

    static boolean isTransactionScoped(String name) {
        return TRANSACTION_SCOPED.containsKey(name.toLowerCase(Locale.ROOT));
    }

    /**
     * Applies BEGIN's (or START TRANSACTION's) modes to the transaction it starts; modes not given
     * keep the session defaults (default_transaction_isolation, ...). Undone by {@link #endTransaction()}.
     */
    void beginTransaction(TransactionModes modes) {
        if (modes.count() > 0) {
            set(TRANSACTION_MODES, modes.toSql(), true);
        }
    }

    /** The isolation the current transaction (or the next one, outside a block) runs at. */
    TransactionModes.Isolation isolation() {
        return TransactionModes.Isolation.of(get("transaction_isolation"));
    }

    /** Whether the current transaction (or the next one, outside a block) is READ ONLY. */
    boolean readOnly() {
        return get("transaction_read_only").equals("on");
    }

    ZoneId zone() {
        return zoneOf(get("timezone"));
    }

    /** Sets a parameter; {@code local} settings are undone by {@link #endTransaction()}. */
    String set(String rawName, String value, boolean local) {
        String key = rawName.toLowerCase(Locale.ROOT);
        if (key.equals(TRANSACTION_MODES) || key.equals(DEFAULT_TRANSACTION_MODES)) {
            return setModes(key.equals(TRANSACTION_MODES) ? "transaction_" : "default_transaction_", value, local);
        }
        Param p = PARAMS.get(key);
        if (p == null && !key.contains(".")) {
            throw new SqlException(SqlState.UNDEFINED_OBJECT, "unrecognized configuration parameter \"" + rawName + "\"");
        }
        if (p != null && p.readOnly()) {
            throw new SqlException("55P02", "parameter \"" + key + "\" cannot be changed");
        }
        String v = value != null ? validate(key, value)
                : TRANSACTION_SCOPED.containsKey(key) ? values.get(TRANSACTION_SCOPED.get(key))
                : p == null ? "" : p.defaultValue();
        if (local || TRANSACTION_SCOPED.containsKey(key)) {
            if (!beforeLocal.containsKey(key)) { // putIfAbsent would overwrite a recorded null
                beforeLocal.put(key, values.get(key));
            }
        }
        put(key, v);
        return v;
    }

    /** Each mode of {@code modes} (SQL for {@link TransactionModes#parse}) as its own setting. */
    private String setModes(String prefix, String modes, boolean local) {
        TransactionModes m = TransactionModes.parse(Utility.tokens(modes), 0);
        if (m.isolation() != null) {
            set(prefix + "isolation", m.isolation(), local);
        }
        if (m.readOnly() != null) {
            set(prefix + "read_only", m.readOnly() ? "on" : "off", local);
        }
        if (m.deferrable() != null) {
            set(prefix + "deferrable", m.deferrable() ? "on" : "off", local);
        }
        return m.toSql();
    }

    void resetAll() {
        for (String key : new ArrayList<>(PARAMS.keySet())) {
            Param p = PARAMS.get(key);
            if (!p.readOnly() && !TRANSACTION_SCOPED.containsKey(key)) {
                put(key, p.defaultValue());
            }
        }
        values.keySet().removeIf(k -> !PARAMS.containsKey(k));
    }

    /** Undoes SET LOCAL at COMMIT or ROLLBACK. */
    void endTransaction() {
        beforeLocal.forEach((k, v) -> {
            if (v == null) {
                values.remove(k);
            } else {
                put(k, v);
            }
        });
        beforeLocal.clear();
    }

    private void put(String key, String value) {
        String old = values.put(key, value);
        Param p = PARAMS.get(key);
        if (p != null && p.reported() && !value.equals(old)) {
            changed.put(p.name(), value);
        }
    }

    Map<String, String> drainChanges() {
        Map<String, String> out = Map.copyOf(changed);
        changed.clear();
        return out;
    }

    /** The 13 reported settings in the order PostgreSQL 15 sends them after authentication. */
    Map<String, String> reported() {
        Map<String, String> out = new LinkedHashMap<>();
        for (Param p : PARAMS.values()) {
            if (p.reported()) {
                out.put(p.name(), values.get(p.name().toLowerCase(Locale.ROOT)));
            }
        }
        changed.clear();
        return out;
    }

    /** SHOW ALL: name, setting, description. */
    List<Object[]> all() {
        List<Object[]> rows = new ArrayList<>();
        PARAMS.values().stream().sorted((a, b) -> a.name().compareToIgnoreCase(b.name()))
                .forEach(p -> rows.add(new Object[] {p.name(), get(p.name()), p.description()}));
        return rows;
    }

    private static final Set<String> UTF8_NAMES = Set.of("utf8", "utf-8", "unicode");

    private static String validate(String key, String value) {
        return switch (key) {
            case "client_encoding" -> {
                if (!UTF8_NAMES.contains(value.toLowerCase(Locale.ROOT).trim())) {
                    throw invalid(key, value).withHint("Tessera supports only the UTF8 client encoding.");
                }
                yield "UTF8";
            }
            case "datestyle" -> dateStyle(value);
            case "timezone" -> {
                zoneOf(value);
                yield value;
            }
            case "intervalstyle" -> {
                if (!value.equalsIgnoreCase("postgres")) {
                    throw new SqlException(SqlState.FEATURE_NOT_SUPPORTED, "IntervalStyle " + value + " is not supported");
                }
                yield "postgres";
            }
            case "extra_float_digits" -> integer(key, value, -15, 3);
            case "statement_timeout", "lock_timeout", "idle_in_transaction_session_timeout", "idle_session_timeout" -> {
                millis(value);
                yield value;
            }
            case "standard_conforming_strings" -> {
                if (!List.of("on", "true", "1", "yes").contains(value.toLowerCase(Locale.ROOT))) {
                    throw new SqlException(SqlState.FEATURE_NOT_SUPPORTED, "standard_conforming_strings = off is not supported");
                }
                yield "on";
            }
            case "transaction_isolation", "default_transaction_isolation" -> isolationLevel(key, value);
            case "transaction_read_only", "default_transaction_read_only", "transaction_deferrable",
                    "default_transaction_deferrable" -> bool(key, value);
            default -> value;
        };
    }

    /** One of PostgreSQL's four level names, any case and spacing; 22023 with the list otherwise. */
    private static String isolationLevel(String key, String value) {
        String level = value.trim().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
        if (!TransactionModes.LEVELS.contains(level)) {
            throw invalid(key, value).withHint("Available values: " + String.join(", ", TransactionModes.LEVELS) + ".");
        }
        return level;
    }

    /** PostgreSQL's boolean spellings (and unique prefixes of them), as "on" or "off". */
    private static String bool(String key, String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        if (List.of("on", "true", "yes", "1", "t", "y", "tr", "tru", "ye").contains(v)) {
            return "on";
        }
        if (List.of("off", "false", "no", "0", "f", "n", "fa", "fal", "fals", "of").contains(v)) {
            return "off";
        }
        throw new SqlException(SqlState.INVALID_PARAMETER_VALUE, "parameter \"" + key + "\" requires a Boolean value");
    }

    private static String dateStyle(String value) {
        String v = value.toUpperCase(Locale.ROOT);
        for (String part : v.split("[,\\s]+")) {
            if (!part.isEmpty() && !List.of("ISO", "MDY", "DMY", "YMD", "US", "EUROPEAN", "NONEUROPEAN").contains(part)) {
                throw new SqlException(SqlState.FEATURE_NOT_SUPPORTED, "DateStyle " + value + " is not supported")
                        .withHint("Tessera prints dates in ISO style only.");
            }
        }
        String order = v.contains("DMY") || v.contains("EUROPEAN") && !v.contains("NON") ? "DMY" : v.contains("YMD") ? "YMD" : "MDY";
        return "ISO, " + order;
    }

    private static String integer(String key, String value, int min, int max) {
        try {
            int n = Integer.parseInt(value.trim());
            if (n < min || n > max) {
                throw new SqlException(SqlState.INVALID_PARAMETER_VALUE, n + " is outside the valid range for parameter \""
                        + key + "\" (" + min + " .. " + max + ")");
            }
            return Integer.toString(n);
        } catch (NumberFormatException e) {
            throw invalid(key, value);
        }
    }

    /** A duration setting in milliseconds: a plain number is milliseconds, units us/ms/s/min/h/d allowed. */
    static long millis(String value) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\s*(\\d+)\\s*(us|ms|s|min|h|d)?\\s*").matcher(value == null ? "0" : value);
        if (!m.matches()) {
            throw invalid("statement_timeout", value);
        }
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "ms" : m.group(2);
        return switch (unit) {
            case "us" -> n / 1000;
            case "s" -> n * 1000;
            case "min" -> n * 60_000;
            case "h" -> n * 3_600_000;
            case "d" -> n * 86_400_000;
            default -> n;
        };
    }

    static ZoneId zoneOf(String value) {
        String v = value.trim();
        try {
            if (v.equalsIgnoreCase("utc") || v.equalsIgnoreCase("gmt") || v.equalsIgnoreCase("z")) {
                return ZoneId.of("UTC");
            }
            return ZoneId.of(v);
        } catch (DateTimeException e) {
            throw invalid("TimeZone", value);
        }
    }

    private static SqlException invalid(String key, String value) {
        return new SqlException(SqlState.INVALID_PARAMETER_VALUE, "invalid value for parameter \"" + key + "\": \"" + value + "\"");
    }

    /** The name as PostgreSQL spells it (SHOW's column label), e.g. DateStyle for datestyle. */
    static String canonical(String name) {
        Param p = PARAMS.get(name.toLowerCase(Locale.ROOT));
        return p == null ? name : p.name();
    }

    /** The canonical spelling of a parameter name (for SHOW's column name PostgreSQL uses the given one lower-cased). */
    static boolean known(String name) {
        return PARAMS.containsKey(name.toLowerCase(Locale.ROOT));
    }
}
