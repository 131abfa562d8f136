/**
 * Binding, planning and execution of SQL statements. {@link io.tessera.sql.plan.Planner} turns a
 * JSqlParser tree into a tree of {@link io.tessera.sql.plan.Plan} operators and
 * {@link io.tessera.sql.plan.Expr} expressions, resolving names against the catalog and the system
 * tables; execution pulls rows through the tree one at a time (a scan fetches pages of keys), so
 * LIMIT and fetch sizes do not materialise a table. Blocking operators (sort, aggregate, the build
 * side of a hash join) hold their input in memory, bounded by {@link io.tessera.sql.plan.Limits}.
 *
 * <p>Values are the Java classes of {@code TypeKind}; SQL NULL is Java null and every operator
 * follows PostgreSQL's three-valued logic. Integer arithmetic checks overflow (22003) like
 * PostgreSQL, and string comparison is by code point (the C collation).
 *
 * <p>Names resolve as PostgreSQL with search_path {@code "$user", public}: unqualified relations
 * are looked up among WITH queries, then user tables (schema public), then pg_catalog's system
 * tables; {@code information_schema.x} and {@code tessera.x} need their schema. Functions resolve by
 * unqualified name, a catalog provider's first, then the engine's ({@link io.tessera.sql.plan.Functions}).
 *
 * <p>Views are stored as SQL text in the catalog and planned in place of each reference
 * ({@code Planner.expandView}); WITH RECURSIVE runs PostgreSQL's working-table iteration
 * ({@link io.tessera.sql.plan.Recursion}); CHECK constraints are bound per DML statement
 * ({@code CheckConstraints}); {@link io.tessera.sql.plan.Explain} prints the operator tree.
 *
 * <p>jsonb values travel as canonical text ({@code Jsonb}); {@code JsonOps} (operators),
 * {@code JsonFns} (functions, set-returning ones included) and {@code JsonTrees} (to_jsonb, edits)
 * parse a fresh Jackson tree per call. JSqlParser reads {@code doc ->> 'a' = 'x'} in a WHERE as
 * {@code doc ->> ('a' = 'x')}; {@code JsonOps} re-associates it to PostgreSQL's precedence. A
 * function in FROM is implicitly LATERAL, so {@code FROM t, jsonb_array_elements(t.doc -> 'k') e} works.
 *
 * <p>{@code SELECT ... FOR UPDATE} ({@link io.tessera.sql.plan.RowLocking}) carries each locked
 * table's columns as hidden select-list columns up to an operator above ORDER BY and LIMIT, which
 * locks the rows through {@code RowStore.lockRows} in batches before they leave the executor. DML
 * and locking reads refuse to run in a READ ONLY transaction ({@code ExecContext.checkWritable}).
 * The SQL surface of transactions is described in {@code docs/transactions.md}.
 *
 * <p>Secondary indexes: {@code KeyAccessPlanner} turns a single-table WHERE clause into point
 * lookups or a span of an index, {@code OrderedIndexPlanner} turns ORDER BY ... LIMIT into a read of
 * an index in key order. Expression key parts ({@code IndexExpressions}) are matched structurally
 * after binding: operators and function calls bind to {@link io.tessera.sql.plan.Expr.Op}, which
 * compares by name and operands. docs/indexes.md describes the user-visible rules.
 *
 * <p>Known gaps: named windows (WINDOW clause), RANGE frames with offsets, intervals, EXPLAIN of
 * DML, writes through views, secondary indexes and UNIQUE/FOREIGN KEY constraints (0A000). A FULL
 * JOIN ... USING keeps both copies of the join column. regclass and name[] results are typed name
 * and text[] because {@code TypeKind} has neither.
 *
 * <p>Rejected alternative: an interpreter over the parser's tree. Binding once gives the types
 * needed for RowDescription at prepare time and lets a prepared plan run many times.
 */
package io.tessera.sql.plan;
