/**
 * {@code tessera demo}: three node processes on loopback, a sample table, and a clean stop on Ctrl-C.
 *
 * <p>Pure pieces decide and are unit-tested: {@link io.tessera.cli.demo.DemoLayout} (ports, data
 * directories, labels, who joins whom), {@link io.tessera.cli.demo.DemoNode#startArgs()} and
 * {@link io.tessera.cli.demo.JavaCommand} (the command line of each child),
 * {@link io.tessera.cli.demo.CustomerData#customer(long)} (the sample rows). The pieces that act are
 * small: {@link io.tessera.cli.demo.NodeProcesses} starts and stops children,
 * {@link io.tessera.cli.demo.SqlReadiness} waits for a SQL port,
 * {@link io.tessera.cli.demo.Membership} for the cluster to count every node live, {@link io.tessera.cli.demo.DemoCommand}
 * sequences them.
 *
 * <p>The children run the very java, class path and main class of this process as separate JVMs: a
 * node killed or crashed must not take the others with it, which rules out running the three nodes
 * inside this JVM. The demo talks to its nodes only through pgjdbc.
 */
package io.tessera.cli.demo;
