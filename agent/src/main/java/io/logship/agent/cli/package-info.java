/**
 * The agent as a process and its subcommands. {@link io.logship.agent.cli.AgentProcess} starts the pipeline and the
 * metrics endpoint, logs the {@link io.logship.agent.cli.StartBlock} (listeners, destination, page, data, metrics),
 * prints a {@link io.logship.agent.cli.StatusLine} every 10 s on a terminal only, serves {@code /status}
 * ({@link io.logship.agent.cli.AgentStatus}), and on SIGTERM/SIGINT stops in order and logs the
 * {@link io.logship.agent.cli.ExitReport} (delivered, kept in the spool, lost and why). Subcommands: {@code intake}
 * (the local intake alone), {@code status} (a running agent's state as a table), {@code send} (lines to a tcp
 * source). What cannot start is one line naming the setting ({@link io.logship.agent.StartFailure}); the exit codes
 * are {@link io.logship.agent.cli.ExitCodes}.
 */
package io.logship.agent.cli;
