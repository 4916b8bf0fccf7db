/**
 * The agent as a process: the {@code intake} subcommand, {@link io.logship.agent.cli.AgentProcess} (start the
 * pipeline and the metrics endpoint, stop them in order on SIGTERM/SIGINT and exit 0), the exit report that says
 * how many records were delivered, kept in the spool or lost and why, and the build version.
 */
package io.logship.agent.cli;
