package io.logship.agent.cli;

import picocli.CommandLine;

/**
 * The exit codes of {@code logship-agent} and its subcommands, defined once (README "Exit codes").
 *
 * <table>
 *   <caption>Exit codes</caption>
 *   <tr><td>0</td><td>success; after a stop: no record lost</td></tr>
 *   <tr><td>1</td><td>an unexpected failure (a bug: the stack trace is printed)</td></tr>
 *   <tr><td>2</td><td>a configuration or usage error, or something that cannot start (a port in use, a data
 *       directory locked by another process), or no agent answering ({@code status}, {@code send}): one line on
 *       stderr naming the setting, no stack trace</td></tr>
 *   <tr><td>3</td><td>records were lost at stop: still only in memory when {@code stop_grace_period} ended
 *       ({@code shutdown} in the stop line; with a spool they stay on disk instead)</td></tr>
 * </table>
 */
public final class ExitCodes {
    public static final int OK = CommandLine.ExitCode.OK;
    /** Picocli uses the same code for usage errors. */
    public static final int CONFIG_ERROR = CommandLine.ExitCode.USAGE;

    public static final int RECORDS_LOST = 3;

    private ExitCodes() {}
}
