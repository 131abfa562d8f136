/**
 * The {@code tessera} command (picocli): {@code start} runs a node in this process; {@code status}
 * and {@code node list|decommission} are operator commands that talk to a running cluster only
 * through a node's SQL port with pgjdbc, as any client could; {@code demo} and {@code slt} live in
 * sub-packages.
 *
 * <p>Flag values are parsed by small named functions ({@link io.tessera.cli.ClusterFlags}) that throw
 * {@link java.lang.IllegalArgumentException} naming the flag; commands print that message and exit
 * with status 2 (bad usage), and with 1 when the cluster refuses or cannot be reached. Stack traces are
 * for bugs, not for operating errors. Query results print every column of the result in order
 * ({@link io.tessera.cli.TextTable}), so the views can grow without changes here. A separate admin
 * protocol for the operator commands was rejected: SQL functions and views keep one way in.
 */
package io.tessera.cli;
