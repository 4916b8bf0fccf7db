package io.logship.agent.buffer.spool;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A file channel that behaves like a filling disk: writes succeed until a shared byte budget is spent, then write
 * what fits and fail with "No space left on device". Truncate and force can be made to fail too.
 */
final class FailingChannel extends FileChannel {
    private final FileChannel delegate;
    private final AtomicLong budget;
    private final AtomicBoolean failTruncate;
    private final AtomicBoolean failForce;

    FailingChannel(FileChannel delegate, AtomicLong budget, AtomicBoolean failTruncate, AtomicBoolean failForce) {
        this.delegate = delegate;
        this.budget = budget;
        this.failTruncate = failTruncate;
        this.failForce = failForce;
    }

    /** An opener whose channels share one budget. */
    static FileOpener opener(AtomicLong budget, AtomicBoolean failTruncate, AtomicBoolean failForce) {
        return (path, options) -> new FailingChannel(FileChannel.open(path, options), budget, failTruncate, failForce);
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
        long allowed = budget.get();
        if (allowed <= 0) {
            throw new IOException("No space left on device");
        }
        int n = (int) Math.min(src.remaining(), allowed);
        ByteBuffer slice = src.duplicate().limit(src.position() + n);
        int written = delegate.write(slice);
        src.position(src.position() + written);
        budget.addAndGet(-written);
        return written;
    }

    @Override
    public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
        long total = 0;
        for (int i = offset; i < offset + length; i++) {
            while (srcs[i].hasRemaining()) {
                total += write(srcs[i]);
            }
        }
        return total;
    }

    @Override
    public FileChannel truncate(long size) throws IOException {
        if (failTruncate.get()) {
            throw new IOException("Input/output error");
        }
        delegate.truncate(size);
        return this;
    }

    @Override
    public void force(boolean metaData) throws IOException {
        if (failForce.get()) {
            throw new IOException("Input/output error");
        }
        delegate.force(metaData);
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        return delegate.read(dst);
    }

    @Override
    public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
        return delegate.read(dsts, offset, length);
    }

    @Override
    public long position() throws IOException {
        return delegate.position();
    }

    @Override
    public FileChannel position(long newPosition) throws IOException {
        delegate.position(newPosition);
        return this;
    }

    @Override
    public long size() throws IOException {
        return delegate.size();
    }

    @Override
    public long transferTo(long position, long count, WritableByteChannel target) throws IOException {
        return delegate.transferTo(position, count, target);
    }

    @Override
    public long transferFrom(ReadableByteChannel src, long position, long count) throws IOException {
        throw new UnsupportedOperationException("not used by the spool");
    }

    @Override
    public int read(ByteBuffer dst, long position) throws IOException {
        return delegate.read(dst, position);
    }

    @Override
    public int write(ByteBuffer src, long position) throws IOException {
        throw new UnsupportedOperationException("not used by the spool");
    }

    @Override
    public MappedByteBuffer map(MapMode mode, long position, long size) throws IOException {
        return delegate.map(mode, position, size);
    }

    @Override
    public FileLock lock(long position, long size, boolean shared) throws IOException {
        return delegate.lock(position, size, shared);
    }

    @Override
    public FileLock tryLock(long position, long size, boolean shared) throws IOException {
        return delegate.tryLock(position, size, shared);
    }

    @Override
    protected void implCloseChannel() throws IOException {
        delegate.close();
    }
}
