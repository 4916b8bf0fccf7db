package io.logship.logback.syslog;

import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Layout;
import ch.qos.logback.core.spi.ContextAware;
import java.io.IOException;

/**
 * What the syslog and journald appenders share around their {@link MessageSender}: the layout they render with (the
 * configured one, started if needed, or a default {@link PatternLayout} they own and stop), sending with every lost
 * record counted and reported, the truncation count, and closing.
 *
 * <p>Lifecycle: {@link #start} then {@link #send} per record, then {@link #stop}. Start and stop are called by
 * logback, one at a time; {@link #send} is as thread-safe as the sender.
 */
public final class SenderOutput {
    private final ContextAware owner;
    private final OccurrenceReporter drops;
    private final OccurrenceReporter truncations;
    private MessageSender sender;
    private boolean ownsLayout;

    /**
     * @param owner the appender, for its context and status messages
     * @param what what one record is called in reports, e.g. {@code "syslog messages"}
     */
    public SenderOutput(ContextAware owner, String what) {
        this.owner = owner;
        this.drops = new OccurrenceReporter(owner, what + " dropped");
        this.truncations = new OccurrenceReporter(owner, what + " truncated");
    }

    /**
     * Takes the sender and returns the layout to render with: {@code configured}, started if it was not, or when it
     * is null a new, started {@link PatternLayout} of {@code defaultPattern} that {@link #stop} will stop.
     */
    public Layout<ILoggingEvent> start(MessageSender sender, Layout<ILoggingEvent> configured, String defaultPattern) {
        this.sender = sender;
        if (configured == null) {
            PatternLayout pattern = new PatternLayout();
            pattern.setContext(owner.getContext());
            pattern.setPattern(defaultPattern);
            pattern.start();
            ownsLayout = true;
            return pattern;
        }
        if (!configured.isStarted()) {
            configured.start();
        }
        return configured;
    }

    /** Sends one record; a failure is counted as a drop and reported, never thrown. */
    public void send(byte[] bytes, int length) {
        try {
            sender.send(bytes, length);
            drops.resolved();
        } catch (IOException e) {
            drops.occurred(e.getMessage(), null);
        } catch (RuntimeException e) {
            // Not expected from a sender; still a lost record, so it is counted like the others, with its stack trace.
            drops.occurred(e.toString(), e);
        }
    }

    /** Counts a record dropped before sending, e.g. one too large even when cut. */
    public void dropped(String reason) {
        drops.occurred(reason, null);
    }

    /** Counts a record cut to fit. */
    public void truncated(String reason) {
        truncations.occurred(reason, null);
    }

    /**
     * Closes the sender and stops the layout if {@link #start} made it.
     *
     * @return the layout the appender keeps configured: {@code layout}, or null when it was the default one
     */
    public Layout<ILoggingEvent> stop(Layout<ILoggingEvent> layout) {
        sender.close();
        if (!ownsLayout) {
            return layout;
        }
        layout.stop();
        ownsLayout = false;
        return null;
    }

    /** Records dropped since the appender was created. */
    public long droppedCount() {
        return drops.total();
    }

    /** Records truncated since the appender was created. */
    public long truncatedCount() {
        return truncations.total();
    }
}
