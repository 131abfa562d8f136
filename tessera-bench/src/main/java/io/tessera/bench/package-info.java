/**
 * The side-by-side benchmark: the same workloads against Tessera and PostgreSQL in one run,
 * alternating which goes first (A B B A ...) so drift of a noisy machine hits both alike, printed
 * as one table of medians, spreads and ratios. {@code bench/run.sh} starts and stops both servers.
 *
 * <p>What it owns: the JDBC workloads ({@link io.tessera.bench.Workloads}), and pgbench run as an
 * external client ({@link io.tessera.bench.Pgbench}) with the same binary and flags for both. It
 * reaches databases only through their PostgreSQL interfaces (pgjdbc, pgbench), never Tessera's
 * code, so a figure is what a user's client would see.
 *
 * <p>A workload that fails on one target (a statement Tessera does not support yet) is reported in
 * that target's cell as {@code failed: <first error line>}; the run goes on with the other target
 * and the other workloads, so one gap never hides the rest of the table. Timing never decides
 * whether a test passes: the unit tests here check only the parsing of client output.
 */
package io.tessera.bench;
