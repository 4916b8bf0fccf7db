package io.logship.logback.syslog;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.status.Status;
import ch.qos.logback.core.util.Duration;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

class SyslogAppenderConfigTest {
    private final LoggerContext context = new LoggerContext();

    private SyslogAppender appender() {
        SyslogAppender a = new SyslogAppender();
        a.setContext(context);
        a.setName("SYSLOG");
        return a;
    }

    @Test
    void unknownFacilityIsAnErrorAndTheAppenderStaysStopped() {
        SyslogAppender a = appender();
        a.setFacility("local9");

        a.start();

        assertThat(a.isStarted()).isFalse();
        assertThat(StatusMessages.of(context, Status.ERROR))
                .containsExactly(
                        "facility: unknown syslog facility 'local9'; expected one of: " + Facility.validNames(),
                        "syslog appender 'SYSLOG' not started: 1 configuration error(s)");
    }

    @Test
    void badPortIsAnError() {
        SyslogAppender a = appender();
        a.setTransport("tcp");
        a.setPort(70000);

        a.start();

        assertThat(a.isStarted()).isFalse();
        assertThat(StatusMessages.of(context, Status.ERROR)).contains("port must be 1 to 65535: 70000");
    }

    @Test
    void unixTransportsNeedASocketPath() {
        SyslogAppender stream = appender();
        stream.setTransport("unix-stream");
        SyslogAppender datagram = appender();
        datagram.setTransport("UNIX_DATAGRAM");

        stream.start();
        datagram.start();

        assertThat(stream.isStarted()).isFalse();
        assertThat(datagram.isStarted()).isFalse();
        assertThat(StatusMessages.of(context, Status.ERROR))
                .contains(
                        "socketPath is required for transport unix-stream (e.g. /dev/log)",
                        "socketPath is required for transport unix-datagram (e.g. /dev/log)");
    }

    @Test
    void reportsEveryProblemAtOnce() {
        SyslogAppender a = appender();
        a.setTransport("tcp");
        a.setFacility("nope");
        a.setPort(0);
        a.setSdId("no-at-sign");
        a.setFraming("lines");
        a.setMaxMessageBytes(100);
        a.setWriteTimeout(Duration.buildByMilliseconds(0));

        a.start();

        assertThat(a.isStarted()).isFalse();
        assertThat(StatusMessages.of(context, Status.ERROR))
                .hasSize(7)
                .contains(
                        "port must be 1 to 65535: 0",
                        "framing: unknown value 'lines'; expected one of: octet-counting, non-transparent",
                        "maxMessageBytes must be >= 480: 100",
                        "writeTimeout must be > 0: 0 milliseconds",
                        "syslog appender 'SYSLOG' not started: 6 configuration error(s)");
    }

    @Test
    void unknownTransportIsAnError() {
        SyslogAppender a = appender();
        a.setTransport("carrier-pigeon");

        a.start();

        assertThat(a.isStarted()).isFalse();
        assertThat(StatusMessages.of(context, Status.ERROR))
                .first()
                .asString()
                .startsWith("transport: unknown syslog transport 'carrier-pigeon'");
    }

    @Test
    void validConfigStartsAndStopsIdempotently() {
        SyslogAppender a = appender();
        a.setTransport("udp");
        a.setPort(9);

        a.start();
        a.start();
        a.stop();
        a.stop();

        assertThat(StatusMessages.of(context, Status.ERROR)).isEmpty();
        assertThat(a.isStarted()).isFalse();
    }

    @Test
    void syslogOutputWithUnknownFacilityThrowsWithTheAppendersErrors() {
        SyslogOutput output = SyslogOutput.udp("127.0.0.1", 514).facility("local9");

        Assertions.assertThatThrownBy(() -> output.createAppender(context, "shop"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("syslog output udp 127.0.0.1:514 (facility local9) did not start: [facility: "
                        + "unknown syslog facility 'local9'; expected one of: kern, ");
    }
}
