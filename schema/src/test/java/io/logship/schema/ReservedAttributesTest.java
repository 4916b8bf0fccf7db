package io.logship.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ReservedAttributesTest {
    @Test
    void eachSourceListStartsWithTheReservedNameItself() {
        assertThat(ReservedAttributes.STATUS_SOURCES.get(0)).isEqualTo(ReservedAttributes.STATUS);
        assertThat(ReservedAttributes.MESSAGE_SOURCES.get(0)).isEqualTo(ReservedAttributes.MESSAGE);
        assertThat(ReservedAttributes.TIMESTAMP_SOURCES.get(0)).isEqualTo(ReservedAttributes.TIMESTAMP);
        assertThat(ReservedAttributes.HOSTNAME_SOURCES.get(0)).isEqualTo(ReservedAttributes.HOSTNAME);
        assertThat(ReservedAttributes.SERVICE_SOURCES.get(0)).isEqualTo(ReservedAttributes.SERVICE);
        assertThat(ReservedAttributes.TRACE_ID_SOURCES.get(0)).isEqualTo(ReservedAttributes.TRACE_ID);
        assertThat(ReservedAttributes.SPAN_ID_SOURCES.get(0)).isEqualTo(ReservedAttributes.SPAN_ID);
        assertThat(ReservedAttributes.ERROR_KIND_SOURCES.get(0)).isEqualTo(ReservedAttributes.ERROR_KIND);
        assertThat(ReservedAttributes.ERROR_MESSAGE_SOURCES.get(0)).isEqualTo(ReservedAttributes.ERROR_MESSAGE);
        assertThat(ReservedAttributes.ERROR_STACK_SOURCES.get(0)).isEqualTo(ReservedAttributes.ERROR_STACK);
    }

    @Test
    void theIssuesOrderIsKept() {
        assertThat(ReservedAttributes.STATUS_SOURCES)
                .startsWith("status", "severity", "level", "levelname", "log.level", "syslog.severity", "loglevel");
        assertThat(ReservedAttributes.MESSAGE_SOURCES)
                .startsWith("message", "msg", "log", "short_message", "event", "text");
        assertThat(ReservedAttributes.TIMESTAMP_SOURCES)
                .startsWith(
                        "timestamp",
                        "@timestamp",
                        "time",
                        "ts",
                        "date",
                        "_timestamp",
                        "Timestamp",
                        "eventTime",
                        "published_date",
                        "syslog.timestamp",
                        "asctime");
        assertThat(ReservedAttributes.HOSTNAME_SOURCES).startsWith("hostname", "host", "host.name", "syslog.hostname");
        assertThat(ReservedAttributes.SERVICE_SOURCES)
                .startsWith("service", "service.name", "dd.service", "syslog.appname");
    }

    @Test
    void namesAreDistinctAndDottedOnceAtMost() {
        for (List<String> names : List.of(
                ReservedAttributes.STATUS_SOURCES,
                ReservedAttributes.MESSAGE_SOURCES,
                ReservedAttributes.TIMESTAMP_SOURCES,
                ReservedAttributes.HOSTNAME_SOURCES,
                ReservedAttributes.SERVICE_SOURCES,
                ReservedAttributes.TRACE_ID_SOURCES,
                ReservedAttributes.SPAN_ID_SOURCES,
                ReservedAttributes.ERROR_KIND_SOURCES,
                ReservedAttributes.ERROR_MESSAGE_SOURCES,
                ReservedAttributes.ERROR_STACK_SOURCES)) {
            assertThat(names).doesNotHaveDuplicates().hasSizeLessThanOrEqualTo(16);
            assertThat(names)
                    .allSatisfy(n ->
                            assertThat(n.chars().filter(c -> c == '.').count()).isLessThan(2));
        }
    }
}
