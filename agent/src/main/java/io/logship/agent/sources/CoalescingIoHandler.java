package io.logship.agent.sources;

import io.netty.channel.IoHandle;
import io.netty.channel.IoHandler;
import io.netty.channel.IoHandlerContext;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.IoRegistration;
import io.netty.util.concurrent.ThreadAwareExecutor;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Interrupt coalescing for an event loop: when the loop is lightly loaded, it waits a short window before asking
 * the kernel for ready connections, so one wake-up serves many connections instead of one.
 *
 * <p><b>Why:</b> a thousand clients that each send a line now and then make an idle loop wake up, {@code
 * epoll_wait} and {@code read} once per line; the wake-up and the syscalls then cost more than the record itself
 * (README, "Connection scaling": 3.79× the CPU per record of one connection before this). Network cards do the
 * same for interrupts (NAPI); the price is at most {@link #window} of extra delay per record, small next to a
 * batch's {@code max_wait}.
 *
 * <p><b>When it waits:</b> only after a run that handled I/O and was short (light load: under a quarter of the
 * window). An idle loop (the last run handled nothing) blocks in the kernel as before, with no timer wake-ups; a
 * busy loop (long runs) never waits, so peak throughput is not capped. Tasks submitted to the loop end the wait
 * at once ({@link #wakeup}), and so does the loop's next scheduled task.
 */
public final class CoalescingIoHandler implements IoHandler {
    /** The default window: 1 ms adds at most 1 ms to a record's delay and caps wake-ups at 1,000/s per loop. */
    public static final long DEFAULT_WINDOW_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    private final IoHandler delegate;
    private final long window;
    private final long shortRun;
    private Thread loopThread;
    private boolean lightlyLoaded;
    private volatile boolean waiting;

    private CoalescingIoHandler(IoHandler delegate, long windowNanos) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.window = windowNanos;
        this.shortRun = windowNanos / 4;
    }

    /** Wraps every handler {@code factory} makes; a window of 0 returns {@code factory} unchanged. */
    public static IoHandlerFactory wrap(IoHandlerFactory factory, long windowNanos) {
        if (windowNanos <= 0) {
            return factory;
        }
        return new IoHandlerFactory() {
            @Override
            public IoHandler newHandler(ThreadAwareExecutor executor) {
                return new CoalescingIoHandler(factory.newHandler(executor), windowNanos);
            }

            @Override
            public boolean isChangingThreadSupported() {
                return factory.isChangingThreadSupported();
            }
        };
    }

    @Override
    public void initialize() {
        delegate.initialize();
    }

    @Override
    public int run(IoHandlerContext context) {
        if (lightlyLoaded && context.canBlock()) {
            long wait = Math.min(window, context.delayNanos(System.nanoTime()));
            if (wait > 0) {
                loopThread = Thread.currentThread();
                waiting = true;
                if (context.canBlock()) {
                    LockSupport.parkNanos(this, wait);
                }
                waiting = false;
            }
        }
        long started = System.nanoTime();
        int handled = delegate.run(context);
        lightlyLoaded = handled > 0 && System.nanoTime() - started < shortRun;
        return handled;
    }

    @Override
    public void wakeup() {
        if (waiting) {
            LockSupport.unpark(loopThread);
        }
        delegate.wakeup();
    }

    @Override
    public void prepareToDestroy() {
        delegate.prepareToDestroy();
    }

    @Override
    public void destroy() {
        delegate.destroy();
    }

    @Override
    public IoRegistration register(IoHandle handle) throws Exception {
        return delegate.register(handle);
    }

    @Override
    public boolean isCompatible(Class<? extends IoHandle> handleType) {
        return delegate.isCompatible(handleType);
    }
}
