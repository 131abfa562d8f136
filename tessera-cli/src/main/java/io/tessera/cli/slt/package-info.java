/**
 * {@code tessera slt}: a sqllogictest runner that checks query results of any PostgreSQL-compatible
 * server through pgjdbc, the way a user's client would see them.
 *
 * <p>It owns the script format (records separated by blank lines: {@code statement}, {@code query},
 * {@code hash-threshold}, {@code halt}, with {@code skipif}/{@code onlyif} conditions), the rendering
 * of values by type letter ({@code I}, {@code R}, {@code T}) exactly as the reference harness prints
 * them, the sort modes and the MD5 result hashing. Pieces: {@link io.tessera.cli.slt.SltParser} turns
 * a file into {@link io.tessera.cli.slt.SltRecord}s, {@link io.tessera.cli.slt.SltRunner} executes them
 * over one connection per file and {@link io.tessera.cli.slt.ResultCheck} compares a result with the
 * expected block.
 *
 * <p>It must not reach into the engine: everything goes over the wire, so the same runner measures
 * Tessera and PostgreSQL alike. Files are independent: before each file the public schema is
 * emptied (or, for a node the runner starts itself, each file gets a fresh node). The engine name
 * is {@code postgresql}, as other PostgreSQL-compatible projects call themselves for this corpus;
 * running per-engine variants of the expected results was rejected because the corpus already marks
 * its PostgreSQL exceptions with {@code skipif postgresql}.
 */
package io.tessera.cli.slt;
