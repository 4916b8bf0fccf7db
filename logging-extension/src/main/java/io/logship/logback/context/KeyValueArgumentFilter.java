package io.logship.logback.context;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.TurboFilterList;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import java.util.List;
import org.slf4j.Marker;
import org.slf4j.event.DefaultLoggingEvent;
import org.slf4j.event.KeyValuePair;
import org.slf4j.event.LoggingEvent;

/**
 * Makes every {@link KeyValues#kv kv(...)} argument of a logging call one of the event's SLF4J key/value pairs, so
 * that every encoder sees it: {@code %kvp}, logback's {@code JsonEncoder}, logstash-logback-encoder and Spring Boot's
 * structured formats, not only logship's. The argument stays in the argument array too, so message formatting is
 * unchanged.
 *
 * <pre>{@code
 * <turboFilter class="io.logship.logback.context.KeyValueArgumentFilter"/>   <!-- logback.xml; setup() adds it -->
 * }</pre>
 *
 * <p><b>How.</b> A call through the fluent API ({@link BoundLogger} uses it) carries an SLF4J event: its {@code kv}
 * arguments are added to its pairs and the filter answers NEUTRAL. A classic call ({@code log.info("x", kv(..))})
 * has no event yet: when, and only when, one of its arguments is a {@link KeyValuePair} and the level is enabled,
 * the filter builds the event itself (with the pairs), hands it to the logger's appenders and answers DENY, so
 * logback does not build a second one. Calls without such an argument cost one scan of the argument array.
 * Caller data of an event built here skips this filter's frames, so {@code %caller} still names the application.
 *
 * <p><b>Pitfalls.</b> It must be the last turbo filter: filters after it are not asked about the events it builds,
 * and a filter before it that answers ACCEPT or DENY decides alone. {@link #install(LoggerContext)} adds it at the
 * end, once; a reset of the logback context removes it (logback drops every turbo filter). The filter sees no
 * caller boundary: a facade that passes its own through {@code LocationAwareLogger} together with {@code kv}
 * arguments gets caller data as if it had called logback's {@code Logger} directly. With a turbo filter present,
 * logback asks the chain on every call, disabled levels included: one list walk and a null check here.
 */
public class KeyValueArgumentFilter extends TurboFilter {

    /** Classes whose frames sit between the logger and the appenders when this filter builds the event. */
    static final List<String> OWN_FRAMES = List.of(
            KeyValueArgumentFilter.class.getName(), TurboFilterList.class.getName(), LoggerContext.class.getName());

    /** Adds a started filter to the end of {@code context}'s turbo filters, unless one is there already. */
    public static void install(LoggerContext context) {
        for (TurboFilter filter : context.getTurboFilterList()) {
            if (filter instanceof KeyValueArgumentFilter) {
                return;
            }
        }
        KeyValueArgumentFilter filter = new KeyValueArgumentFilter();
        filter.setContext(context);
        filter.setName("logship-kv-arguments");
        filter.start();
        context.addTurboFilter(filter);
    }

    @Override
    public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
        if (params == null
                || level == null
                || !isStarted()
                || !containsPair(params)
                || level.levelInt < logger.getEffectiveLevel().levelInt) {
            return FilterReply.NEUTRAL;
        }
        PairedLoggingEvent event = new PairedLoggingEvent(logger, level, format, t, params);
        for (Object param : params) {
            if (param instanceof KeyValuePair) {
                event.addKeyValuePair((KeyValuePair) param);
            }
        }
        if (marker != null) {
            event.addMarker(marker);
        }
        logger.callAppenders(event);
        return FilterReply.DENY;
    }

    @Override
    public FilterReply decide(Logger logger, LoggingEvent slf4jEvent) {
        Object[] params = slf4jEvent.getArgumentArray();
        if (params != null && isStarted() && slf4jEvent instanceof DefaultLoggingEvent && containsPair(params)) {
            DefaultLoggingEvent event = (DefaultLoggingEvent) slf4jEvent;
            for (Object param : params) {
                if (param instanceof KeyValuePair) {
                    KeyValuePair pair = (KeyValuePair) param;
                    event.addKeyValue(pair.key, pair.value);
                }
            }
        }
        return FilterReply.NEUTRAL;
    }

    private static boolean containsPair(Object[] params) {
        for (Object param : params) {
            if (param instanceof KeyValuePair) {
                return true;
            }
        }
        return false;
    }
}
