package io.logship.agent.send;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class IntakeHealthTest {
    private final AtomicLong now = new AtomicLong();
    private final IntakeHealth health = new IntakeHealth(Duration.ofSeconds(10), now::get);

    @Test
    void aRefusalIsReportedOnlyOnceItLastedLongerThanTheGrace() {
        health.answered(403, Reason.FORBIDDEN);
        now.addAndGet(Duration.ofSeconds(10).toNanos());
        assertThat(health.problem()).isEmpty();

        now.addAndGet(Duration.ofSeconds(1).toNanos());
        health.answered(401, Reason.UNAUTHORIZED); // still refusing: the problem keeps its start

        assertThat(health.problem()).hasValueSatisfying(p -> assertThat(p)
                .startsWith("intake refusing: HTTP 401 (unauthorized) since ").endsWith(" (11 s)"));
    }

    @Test
    void aSuccessOrABadBatchClearsIt() {
        health.answered(500, Reason.SERVER_ERROR);
        now.addAndGet(Duration.ofMinutes(1).toNanos());
        health.answered(400, Reason.BAD_REQUEST);
        assertThat(health.problem()).isEmpty();

        health.unreachable(Reason.TRANSPORT_ERROR, new java.io.IOException("cannot connect to http://u:p@h/: x",
                new ConnectException("Connection refused")));
        now.addAndGet(Duration.ofMinutes(1).toNanos());
        assertThat(health.problem()).hasValueSatisfying(p -> assertThat(p)
                .startsWith("intake unreachable: transport_error: Connection refused since "));

        health.answered(202, Reason.ACCEPTED);
        assertThat(health.problem()).isEmpty();
    }

    @Test
    void urlsInDescriptionsAreRedacted() {
        assertThat(IntakeHealth.describe(new java.io.IOException("no answer from http://u:p@h/?api_key=k")))
                .isEqualTo("no answer from http://********@h/?api_key=********");
    }
}
