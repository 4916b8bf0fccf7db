package io.logship.schema;

import java.util.List;

/**
 * The one definition of the intake record's reserved attributes (Datadog's standard attributes) and of the names
 * common loggers give the same facts, in the order they are read. The agent's enrich stage and the extension's JSON
 * and Datadog encoders both use it, so they cannot drift.
 *
 * <p>A dotted name ({@code log.level}) means a top-level key spelled with the dot or the same path through nested
 * objects ({@code "log":{"level":...}}), as Datadog reads it.
 */
public final class ReservedAttributes {
    /** The record's text. */
    public static final String MESSAGE = "message";
    /** The record's severity, one of {@link Status}'s names. */
    public static final String STATUS = "status";
    /** The record's time; the agent writes epoch milliseconds. */
    public static final String TIMESTAMP = "timestamp";
    /** The host that produced the record (the intake's field). */
    public static final String HOSTNAME = "hostname";
    /** The host attribute Datadog's host remapper reads; the extension writes it. */
    public static final String HOST = "host";
    /** The service that produced the record. */
    public static final String SERVICE = "service";
    /** The integration / technology the record comes from. */
    public static final String DDSOURCE = "ddsource";
    /** Comma-separated {@code key:value} tags. */
    public static final String DDTAGS = "ddtags";
    /** The logger object: {@code logger.name}, {@code logger.thread_name}. */
    public static final String LOGGER = "logger";

    public static final String LOGGER_NAME = "logger.name";
    public static final String LOGGER_THREAD_NAME = "logger.thread_name";
    /** The error object: {@code error.kind}, {@code error.message}, {@code error.stack}. */
    public static final String ERROR = "error";

    public static final String ERROR_KIND = "error.kind";
    public static final String ERROR_MESSAGE = "error.message";
    public static final String ERROR_STACK = "error.stack";
    /** Trace correlation, as Datadog's tracers inject it. */
    public static final String TRACE_ID = "dd.trace_id";

    public static final String SPAN_ID = "dd.span_id";

    /** The top-level fields of the intake's record (Vector's {@code DD_RESERVED_SEMANTIC_ATTRS} plus message). */
    public static final List<String> INTAKE_FIELDS =
            List.of(MESSAGE, STATUS, TIMESTAMP, HOSTNAME, SERVICE, DDSOURCE, DDTAGS);

    /**
     * Suffix of the key under which the agent keeps a record's own value of a reserved attribute that it had to
     * rewrite ({@code "status":"WARNING"} becomes {@code "status":"warn"} plus {@code "status_original":"WARNING"}).
     */
    public static final String ORIGINAL_SUFFIX = "_original";
    /**
     * Added by the agent when the record's own time is more than {@link #MAX_PAST_MILLIS} in the past or
     * {@link #MAX_FUTURE_MILLIS} in the future: its value is that time (epoch ms), and {@code timestamp} is the
     * ingestion time, since the intake refuses such times.
     */
    public static final String TIMESTAMP_OUT_OF_RANGE = "logship.timestamp_out_of_range";
    /** How old a record's time may be for the intake: 18 hours. */
    public static final long MAX_PAST_MILLIS = 18L * 3600 * 1000;
    /** How far ahead a record's time may be: 2 hours (clock skew). */
    public static final long MAX_FUTURE_MILLIS = 2L * 3600 * 1000;

    /** Where a record's status is read, first match wins. Serilog's compact JSON writes {@code @l}. */
    public static final List<String> STATUS_SOURCES =
            List.of(STATUS, "severity", "level", "levelname", "log.level", "syslog.severity", "loglevel", "@l");
    /**
     * Where a record's message is read. Serilog's compact JSON writes {@code @m} (rendered) or {@code @mt} (the
     * template), log4j2's JSON templates {@code short_message} (GELF).
     */
    public static final List<String> MESSAGE_SOURCES =
            List.of(MESSAGE, "msg", "log", "short_message", "event", "text", "@m", "@mt");
    /** Where a record's time is read. Serilog's compact JSON writes {@code @t}. */
    public static final List<String> TIMESTAMP_SOURCES = List.of(
            TIMESTAMP,
            "@timestamp",
            "time",
            "ts",
            "date",
            "_timestamp",
            "Timestamp",
            "eventTime",
            "published_date",
            "syslog.timestamp",
            "asctime",
            "@t");
    /** Where a record's host is read ({@code source_host}: log4j2's Logstash template). */
    public static final List<String> HOSTNAME_SOURCES =
            List.of(HOSTNAME, HOST, "host.name", "syslog.hostname", "source_host");
    /** Where a record's service is read. */
    public static final List<String> SERVICE_SOURCES = List.of(SERVICE, "service.name", "dd.service", "syslog.appname");
    /** Where a trace id is read (copied to {@link #TRACE_ID}). */
    public static final List<String> TRACE_ID_SOURCES = List.of(TRACE_ID, "trace_id", "traceId", "trace.id");
    /** Where a span id is read (copied to {@link #SPAN_ID}). */
    public static final List<String> SPAN_ID_SOURCES = List.of(SPAN_ID, "span_id", "spanId", "span.id");
    /** Where an error's type is read (ECS, log4j2's JSON templates, logback's JsonEncoder). */
    public static final List<String> ERROR_KIND_SOURCES = List.of(
            ERROR_KIND,
            "error.type",
            "exception.exception_class",
            "exception.class",
            "error.class",
            "throwable.className");
    /** Where an error's message is read. */
    public static final List<String> ERROR_MESSAGE_SOURCES =
            List.of(ERROR_MESSAGE, "exception.exception_message", "exception.message", "throwable.message");
    /**
     * Where an error's stack is read: ECS, logstash-logback-encoder ({@code stack_trace}), log4j2's templates
     * ({@code exception.stacktrace}), GELF ({@code full_message}), Serilog ({@code @x}).
     */
    public static final List<String> ERROR_STACK_SOURCES = List.of(
            ERROR_STACK,
            "error.stack_trace",
            "stack_trace",
            "exception.stacktrace",
            "exception.stack_trace",
            "full_message",
            "@x",
            "exc_info");

    private ReservedAttributes() {}
}
