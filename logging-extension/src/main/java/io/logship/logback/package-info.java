/**
 * One-call logging setup, keyword context and outputs for SLF4J/logback: daiquiri for Java.
 *
 * <p>What enters: {@link io.logship.logback.SetupOptions} (level, {@link io.logship.logback.Output outputs},
 * program name, per-logger levels) and the environment ({@code LOGSHIP_LEVELS}, {@code LOGSHIP_PROGRAM_NAME},
 * {@code NO_COLOR}). What leaves: appenders named {@code logship-N} on logback's root logger, logger levels, the
 * java.util.logging bridge and one uncaught-exception handler per JVM. Failure modes: a malformed level entry or an
 * output that cannot start throws from {@link io.logship.logback.Logship#setup(SetupOptions)} before anything changes;
 * at runtime nothing here throws into a logging call. Limits: a rotating file keeps at most {@value
 * io.logship.logback.RotatingFileOutput#MAX_FILES_LIMIT} archives.
 */
package io.logship.logback;
