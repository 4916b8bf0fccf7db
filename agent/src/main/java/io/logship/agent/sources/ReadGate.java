package io.logship.agent.sources;

import io.logship.agent.batch.BatchQueue;
import io.logship.config.WhenFull;
import io.netty.channel.Channel;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Backpressure for the inputs: while the batch queue is full, every registered channel has {@code autoRead} off,
 * so the agent stops reading and the clients' writes block once the kernel buffers fill (as the Datadog Agent
 * does). UDP listeners are not registered: they check {@link #isPaused()} per datagram and drop with a count.
 *
 * <p>With {@code when_full: drop_newest} ({@link #ReadGate(WhenFull)}) channels keep reading while the queue is
 * full and {@link #dropsNow()} tells the pipeline to drop each new record (counted as {@code buffer_full}).
 *
 * <p>Several holders may pause the gate (the batch queue, each event loop's spool sink): it stays paused until
 * every {@link #pause()} has had its {@link #resume()}.
 *
 * <p>Thread-safe. {@code setAutoRead} is safe from any thread (Netty runs it on the channel's event loop).
 * Pause and resume touch every open channel: that happens once per full episode, never per record.
 */
public final class ReadGate implements BatchQueue.FlowListener {
    private final Set<Channel> channels = ConcurrentHashMap.newKeySet();
    private final boolean dropNewest;
    private volatile boolean paused;
    private int holds;

    /** A gate that stops reading when the queue is full ({@code when_full: block}). */
    public ReadGate() {
        this(WhenFull.BLOCK);
    }

    /**
     * @param whenFull {@code BLOCK}: stop reading TCP channels while full; {@code DROP_NEWEST}: keep reading and drop
     *     each new record while full
     */
    public ReadGate(WhenFull whenFull) {
        this.dropNewest = Objects.requireNonNull(whenFull, "whenFull") == WhenFull.DROP_NEWEST;
    }

    /** Adds a channel for as long as it is open; it starts paused if the gate is closed now. */
    public synchronized void register(Channel channel) {
        channels.add(channel);
        channel.closeFuture().addListener(f -> channels.remove(channel));
        if (paused && !dropNewest) {
            channel.config().setAutoRead(false);
        }
    }

    @Override
    public synchronized void pause() {
        if (holds++ > 0) {
            return;
        }
        paused = true;
        if (dropNewest) {
            return;
        }
        for (Channel c : channels) {
            c.config().setAutoRead(false);
        }
    }

    @Override
    public synchronized void resume() {
        if (holds == 0 || --holds > 0) {
            return;
        }
        paused = false;
        if (dropNewest) {
            return;
        }
        for (Channel c : channels) {
            c.config().setAutoRead(true);
        }
    }

    /** True while the queue is full and the policy is {@code drop_newest}: a new record must be dropped. */
    public boolean dropsNow() {
        return dropNewest && paused;
    }

    public boolean isPaused() {
        return paused;
    }

    /** Channels registered and open. */
    public int openChannels() {
        return channels.size();
    }
}
