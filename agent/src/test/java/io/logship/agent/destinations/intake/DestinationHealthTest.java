package io.logship.agent.destinations.intake;

import static org.assertj.core.api.Assertions.assertThat;

import io.logship.agent.destinations.DestinationHealth;
import java.io.IOException;
import java.net.ConnectException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class DestinationHealthTest {
    private final AtomicLong now = new AtomicLong();
    private final DestinationHealth health = new DestinationHealth(Duration.ofSeconds(10), now::get);

    @Test
    void aRefusalIsReportedOnlyOnceItLastedLongerThanTheGrace() {
        IntakeDestination.answered(health, 403, Reason.FORBIDDEN);
        now.addAndGet(Duration.ofSeconds(10).toNanos());
        assertThat(health.problem()).isEmpty();

        now.addAndGet(Duration.ofSeconds(1).toNanos());
        IntakeDestination.answered(health, 401, Reason.UNAUTHORIZED); // still refusing: the problem keeps its start

        assertThat(health.problem())
                .hasValueSatisfying(p -> assertThat(p)
                        .startsWith("intake refusing: HTTP 401 (unauthorized) since ")
                        .endsWith(" (11 s)"));
    }

    @Test
    void aSuccessOrABadBatchClearsIt() {
        IntakeDestination.answered(health, 500, Reason.SERVER_ERROR);
        now.addAndGet(Duration.ofMinutes(1).toNanos());
        IntakeDestination.answered(health, 400, Reason.BAD_REQUEST);
        assertThat(health.problem()).isEmpty();

        IntakeDestination.unreachable(
                health,
                Reason.TRANSPORT_ERROR,
                new IOException("cannot connect to http://u:p@h/: x", new ConnectException("Connection refused")));
        now.addAndGet(Duration.ofMinutes(1).toNanos());
        assertThat(health.problem())
                .hasValueSatisfying(p ->
                        assertThat(p).startsWith("intake unreachable: transport_error: Connection refused since "));

        IntakeDestination.answered(health, 202, Reason.ACCEPTED);
        assertThat(health.problem()).isEmpty();
    }

    @Test
    void urlsInDescriptionsAreRedacted() {
        assertThat(DestinationHealth.describe(new IOException("no answer from http://u:p@h/?api_key=k")))
                .isEqualTo("no answer from http://********@h/?api_key=********");
    }
}
