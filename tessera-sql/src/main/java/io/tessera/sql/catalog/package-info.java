/**
 * Tessera's pg_catalog and information_schema: the data and the functions that psql's {@code \d}
 * family, pgbench's start-up check and pgjdbc's DatabaseMetaData, ResultSetMetaData and type-info
 * queries read. The server constructs one {@link io.tessera.sql.catalog.PgCatalogProvider} per node
 * and hands it to the engine as a {@link io.tessera.sql.spi.SystemCatalogProvider}.
 *
 * <h2>What it owns</h2>
 * <ul>
 *   <li>One model, {@code CatalogSnapshot}, computed from {@code SystemContext.catalog()} on every
 *       scan: namespaces (pg_catalog 11, public 2200, information_schema 13000, tessera 13100,
 *       pg_toast 99), relations (user tables, their primary-key indexes {@code <table>_pkey},
 *       sequences, and this provider's own system tables and views) with attributes. Every system
 *       table is a projection of it, so pg_class, pg_attribute, pg_index and
 *       information_schema.columns cannot disagree.</li>
 *   <li>Tables with PostgreSQL 15's column names and types: pg_class, pg_attribute, pg_index,
 *       pg_constraint, pg_attrdef, pg_depend, pg_sequence, pg_sequences, pg_indexes, pg_tables, pg_namespace,
 *       pg_type, pg_proc (type I/O functions only), pg_database, pg_roles, pg_user, pg_am,
 *       pg_tablespace, pg_collation, pg_settings, and the catalogs that are empty for Tessera's
 *       objects (pg_inherits, pg_partitioned_table, pg_trigger, pg_policy, pg_statistic_ext,
 *       pg_publication, pg_publication_rel, pg_publication_namespace, pg_foreign_table, pg_rewrite,
 *       pg_description, pg_shdescription, pg_auth_members, pg_extension, pg_enum); pg_views (user views,
 *       which are also pg_class rows of relkind 'v'); CHECK constraints in pg_constraint (contype 'c');
 *       information_schema.tables, columns, schemata, table_constraints, key_column_usage.</li>
 *   <li>The catalog functions: format_type, pg_get_userbyid, pg_table_is_visible,
 *       pg_type_is_visible, pg_function_is_visible, pg_get_expr, pg_get_indexdef,
 *       pg_get_constraintdef, pg_get_statisticsobjdef_columns, pg_get_triggerdef,
 *       pg_get_partkeydef, pg_get_viewdef, obj_description, col_description, shobj_description,
 *       pg_get_serial_sequence, pg_relation_is_publishable, pg_relation_size, pg_table_size,
 *       pg_indexes_size, pg_total_relation_size, has_table_privilege, has_schema_privilege,
 *       has_database_privilege, current_setting, current_database, current_catalog, current_user,
 *       session_user, current_schema, current_schemas, pg_backend_pid, pg_postmaster_start_time,
 *       pg_is_in_recovery, quote_ident, pg_encoding_to_char, pg_char_to_encoding, array_to_string,
 *       array_position, array_upper, array_lower, array_length, and the reg* conversions
 *       regclassin/regclassout, regtypein/regtypeout, regprocin/regprocout,
 *       regnamespacein/regnamespaceout, to_regclass, to_regtype, to_regproc, to_regnamespace.</li>
 * </ul>
 *
 * <h2>Data layout it relies on</h2>
 * OIDs: tables, primary-key indexes and row types from {@link io.tessera.sql.spi.Oids}; the
 * primary-key constraint takes the table's fourth OID ({@code tableOid + 3}); sequences and column
 * defaults derive theirs from a CRC-32 of their name ({@code ObjectIds}). pg_attribute.attnum is the
 * 1-based position among a table's visible columns (the hidden row id has none); RowDescription must
 * carry the same number: {@link io.tessera.sql.catalog.PgCatalogProvider#attributeNumber}. Column
 * defaults are stored as the text PostgreSQL's pg_get_expr prints ({@code nextval('t_id_seq'::regclass)});
 * adbin holds that text and pg_get_expr returns it unchanged. Types Tessera lacks are stood in for by
 * the closest kind: regproc and xid columns are oid, pg_node_tree is text, int2vector and oidvector
 * are int2[] and oid[], aclitem[], "char"[] and anyarray are text[], information_schema's domains are their base
 * types. pg_backend_pid reads the session setting {@code tessera.backend_pid}. Visibility
 * (pg_table_is_visible, unqualified regclass input, the pretty pg_get_indexdef) follows the
 * session's {@code search_path} with pg_catalog first; {@code "$user"} never selects the system
 * schema {@code tessera}, although the superuser is named so.
 *
 * <h2>What it must not do</h2>
 * Parse, plan or run SQL: joins, filters, casts, subqueries and set-returning functions are the
 * engine's. Nothing here writes the catalog.
 *
 * <h2>SQL features the captured queries need from the engine</h2>
 * The queries are in the test resources {@code catalog/queries/*.sql}, verbatim, with expected rows.
 * <ul>
 *   <li><b>Joins</b>: {@code LEFT JOIN ... ON (...)}, {@code JOIN ... ON}, comma joins mixed with a
 *       {@code LEFT JOIN} that binds to the last comma item only ({@code FROM c, c2, i LEFT JOIN con
 *       ON ...}), {@code CROSS JOIN LATERAL (SELECT ...) AS o(n)}, {@code JOIN ... USING (nspname)}.</li>
 *   <li><b>Subqueries</b>: correlated scalar subqueries in the select list; {@code ARRAY(SELECT ...)}
 *       (result {@code name[]}, OID 1003, {@code {}} when empty); derived tables with column alias
 *       lists ({@code AS s(r)}, {@code AS o(n)}); {@code IN (SELECT f(...) UNION ALL VALUES (...))};
 *       {@code UNION} (duplicate-free) of three selects with one {@code ORDER BY 1};
 *       {@code SELECT * FROM (...) c WHERE true AND attname LIKE $3}.</li>
 *   <li><b>Operators</b>: {@code ~} and {@code !~} (POSIX regex), psql's
 *       {@code OPERATOR(pg_catalog.~)} form, {@code LIKE} of a name column with a varchar parameter,
 *       {@code = ANY(array)} and {@code = any (array column)}, {@code !=} and {@code <>},
 *       three-valued {@code OR} / {@code NOT}, {@code IS NOT NULL}.</li>
 *   <li><b>Literals and casts</b>: {@code '16386'} (unknown) compared with oid columns;
 *       {@code '{0}'} compared with an oid[] column; {@code E'\n'}; {@code COLLATE pg_catalog.default}
 *       after a literal; {@code ::pg_catalog.regclass} / {@code ::regclass} (text input through
 *       regclassin, output as a name through regclassout, RowDescription type 2205),
 *       {@code ::pg_catalog.regtype}, {@code ::pg_catalog.regnamespace}, {@code ::regproc}
 *       (through the matching *in/*out functions here), chained {@code ::regtype::pg_catalog.text},
 *       {@code ::pg_catalog.int2[]}; schema-qualified type names in casts.</li>
 *   <li><b>Expressions</b>: simple and searched {@code CASE}, nested, and {@code CASE <boolean expr>
 *       WHEN true ... WHEN false ...}; array subscripts {@code prattrs[s]} and
 *       {@code (current_schemas(false))[s.r]}; record field selection
 *       {@code (information_schema._pg_expandarray(con.conkey)).n} and {@code (result.KEYS).x};
 *       {@code nullif}; {@code current_catalog} without parentheses.</li>
 *   <li><b>Functions the engine must supply</b> (not catalog functions): {@code count} and
 *       {@code string_agg} with {@code GROUP BY 1, 2}; {@code row_number() OVER (PARTITION BY ...
 *       ORDER BY ...)} (int8); set-returning {@code generate_series(int, int)} in FROM;
 *       {@code pg_partition_ancestors(regclass)} in FROM {@code WITH ORDINALITY AS a(relid, depth)}
 *       and in a select list (no row for any Tessera relation: none is a partition);
 *       {@code information_schema._pg_expandarray(int2[])} returning records {@code (x, n)}, two of
 *       them in one select list expanding in step.</li>
 *   <li><b>Names</b>: catalogs named without {@code pg_catalog.} ({@code pg_namespace},
 *       {@code pg_type}: pg_catalog is implicitly first on the search path); columns qualified by
 *       table name ({@code pg_type.oid}); quoted aliases ({@code AS "Schema"}) and
 *       {@code "PK_NAME"FROM} without a space; unquoted aliases fold to lower case and are
 *       referenced so ({@code AS TABLE_NAME} ... {@code ORDER BY result.table_name}); result
 *       columns named after functions ({@code format_type}, {@code pg_get_expr}) or {@code ?column?}.</li>
 *   <li><b>Ordering</b>: {@code ORDER BY 1,2} (positions), by output aliases ({@code nsp},
 *       quoted {@code "TABLE_TYPE"}), by expressions ({@code pg_get_expr(...) = 'DEFAULT'},
 *       {@code c.oid::regclass::text}), {@code DESC}, {@code LIMIT 1}.</li>
 *   <li><b>Result types</b>: name columns go out as type 19, "char" as 18, oid as 26, int2 as 21,
 *       text arrays as their array type; booleans print {@code t}/{@code f}.</li>
 * </ul>
 *
 * <h2>Rejected alternative</h2>
 * Storing pg_catalog rows in the replicated catalog, as PostgreSQL does, was rejected: they would
 * duplicate the catalog's descriptors and could drift from them; computing them per scan from the
 * one source keeps them exact at the cost of rebuilding a small model per scan.
 */
package io.tessera.sql.catalog;
