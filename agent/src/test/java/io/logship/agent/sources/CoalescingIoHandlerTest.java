package io.logship.agent.sources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.netty.channel.IoHandle;
import io.netty.channel.IoHandler;
import io.netty.channel.IoHandlerContext;
import io.netty.channel.IoRegistration;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CoalescingIoHandlerTest {
    /** Longer than any test's deadline: a run that waited the whole window would fail the test. */
    private static final long HOUR = TimeUnit.HOURS.toNanos(1);

    private final FakeHandler delegate = new FakeHandler();
    private final IoHandler handler =
            CoalescingIoHandler.wrap(executor -> delegate, HOUR).newHandler(null);

    @Test
    void anIdleLoopDoesNotWait() {
        delegate.handled = 0;
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            handler.run(new Context(true, HOUR));
            handler.run(new Context(true, HOUR));
        });
        assertThat(delegate.runs).hasValue(2);
    }

    @Test
    void aLoopWithPendingTasksDoesNotWait() {
        delegate.handled = 1;
        handler.run(new Context(true, HOUR));
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> handler.run(new Context(false, HOUR)));
        assertThat(delegate.runs).hasValue(2);
    }

    @Test
    void theNextScheduledTaskEndsTheWait() {
        delegate.handled = 1;
        handler.run(new Context(true, HOUR));
        assertTimeoutPreemptively(
                Duration.ofSeconds(10), () -> handler.run(new Context(true, TimeUnit.MILLISECONDS.toNanos(10))));
        assertThat(delegate.runs).hasValue(2);
    }

    @Test
    void aWakeupEndsTheWaitOfALightlyLoadedLoop() throws Exception {
        delegate.handled = 1;
        handler.run(new Context(true, HOUR));
        CountDownLatch waiting = new CountDownLatch(1);
        Thread loop = new Thread(() -> {
            waiting.countDown();
            handler.run(new Context(true, HOUR));
        });
        loop.start();
        waiting.await();
        // The loop thread is in (or about to enter) its wait: a wakeup must end it whichever it is.
        while (loop.isAlive()) {
            handler.wakeup();
            loop.join(50);
        }
        assertThat(delegate.runs).hasValue(2);
        assertThat(delegate.wakeups.get()).isPositive();
    }

    private record Context(boolean canBlock, long untilNextTask) implements IoHandlerContext {
        @Override
        public long delayNanos(long currentTimeNanos) {
            return untilNextTask;
        }

        @Override
        public long deadlineNanos() {
            return System.nanoTime() + untilNextTask;
        }
    }

    private static final class FakeHandler implements IoHandler {
        volatile int handled;
        final AtomicInteger runs = new AtomicInteger();
        final AtomicInteger wakeups = new AtomicInteger();

        @Override
        public int run(IoHandlerContext context) {
            runs.incrementAndGet();
            return handled;
        }

        @Override
        public IoRegistration register(IoHandle handle) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void wakeup() {
            wakeups.incrementAndGet();
        }

        @Override
        public boolean isCompatible(Class<? extends IoHandle> handleType) {
            return false;
        }
    }
}
