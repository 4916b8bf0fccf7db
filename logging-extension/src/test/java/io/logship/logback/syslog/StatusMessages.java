package io.logship.logback.syslog;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.status.Status;
import java.util.List;
import java.util.stream.Collectors;

/** Reads a context's status list, for assertions on what operators would see. */
public final class StatusMessages {
    private StatusMessages() {}

    /** Messages of the given level ({@link Status#ERROR}, {@link Status#WARN}, {@link Status#INFO}). */
    public static List<String> of(LoggerContext context, int level) {
        return context.getStatusManager().getCopyOfStatusList().stream()
                .filter(s -> s.getLevel() == level)
                .map(Status::getMessage)
                .collect(Collectors.toList());
    }
}
