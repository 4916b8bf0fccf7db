package io.logship.agent.destinations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import io.logship.agent.batch.Batch;
import io.logship.agent.metrics.DropReason;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The sender loop against a {@link Destination} that is not HTTP: the loop only acts on {@link Outcome}s, so any
 * destination (Kafka next) gets retries, splitting and the drop ledger for free.
 */
class SenderDestinationSeamTest {
    /** The tests hand batches to {@link Sender#deliver(Batch)} themselves. */
    private static final DeliverySource NO_SOURCE = new DeliverySource() {
        @Override
        public Delivery poll(long timeout, TimeUnit unit) {
            return null;
        }

        @Override
        public boolean exhausted() {
            return true;
        }
    };

    private final SendCounters counters = new SendCounters();
    private final RetryPolicy fast = new RetryPolicy(Duration.ofMillis(1), 2.0, Duration.ofMillis(5), () -> 0.5);

    /** Accepts arrays without "bad"; refuses the others as splittable drops; fails the first attempts. */
    private static final class Scripted implements Destination {
        int failuresLeft;
        final List<String> accepted = new ArrayList<>();
        boolean closed;

        @Override
        public ByteBuf prepare(ByteBuf json) {
            return json.retainedDuplicate();
        }

        @Override
        public Outcome send(ByteBuf payload) {
            if (failuresLeft-- > 0) {
                return new Outcome.Retry("unavailable", "try later", Optional.empty(), null);
            }
            String body = payload.toString(StandardCharsets.UTF_8);
            if (body.contains("bad")) {
                return new Outcome.Drop(DropReason.INTAKE_BAD_REQUEST, "refused", true);
            }
            accepted.add(body);
            return Outcome.ACCEPTED;
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    @Test
    void aSplittableDropLosesOnlyTheRefusedRecords() {
        Scripted destination = new Scripted();
        Sender sender = new Sender(NO_SOURCE, destination, new BackoffState(fast), counters, 0);

        sender.deliver(batch("[{\"a\":1},{\"bad\":2},{\"a\":3},{\"a\":4}]", 4));

        assertThat(destination.accepted).containsExactly("[{\"a\":1}]", "[{\"a\":3},{\"a\":4}]");
        assertThat(counters.recordsSent()).isEqualTo(3);
        assertThat(counters.drops().byReason()).containsExactly(entry(DropReason.INTAKE_BAD_REQUEST, 1L));
    }

    @Test
    void retriesUntilTheDestinationAcceptsAndCountsEachRetry() {
        Scripted destination = new Scripted();
        destination.failuresLeft = 3;
        Sender sender = new Sender(NO_SOURCE, destination, new BackoffState(fast), counters, 0);

        sender.deliver(batch("[{\"a\":1}]", 1));

        assertThat(counters.retries()).isEqualTo(3);
        assertThat(counters.recordsSent()).isEqualTo(1);
        assertThat(counters.drops().total()).isZero();
    }

    private static Batch batch(String json, int records) {
        return new Batch(Unpooled.copiedBuffer(json, StandardCharsets.UTF_8), records);
    }
}
