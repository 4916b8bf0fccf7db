package io.logship.agent.buffer.spool;

import io.logship.config.FsyncPolicy;
import java.io.IOException;
import java.util.Objects;

/**
 * The answer to {@link DiskSpool#append}: the entry, or why there is none.
 *
 * <p>Only {@link Status#APPENDED} means the spool owns the batch. In every other case nothing was stored, the
 * caller still owns its bytes, and it must keep them (backpressure) or drop them and count the drop.
 *
 * @param status what happened
 * @param entry the stored entry when {@link Status#APPENDED}, else null
 * @param error the I/O failure when {@link Status#FAILED}, else null; its message names the file
 */
public record AppendResult(Status status, SpoolEntry entry, IOException error) {
    /** What happened to one append. */
    public enum Status {
        /** Written (and forced, under {@link FsyncPolicy#EVERY_BATCH}); {@link AppendResult#entry()} is set. */
        APPENDED,
        /** The spool is at {@code maxBytes}: retry after acknowledgements free a segment (backpressure). */
        FULL,
        /** The payload alone is bigger than the spool can ever hold; retrying cannot help. */
        TOO_LARGE,
        /**
         * The write failed (disk full, I/O error, file removed under us); nothing was kept. The spool stays usable:
         * a later append starts a new segment, so retrying after the cause is fixed works.
         */
        FAILED
    }

    private static final AppendResult FULL = new AppendResult(Status.FULL, null, null);
    private static final AppendResult TOO_LARGE = new AppendResult(Status.TOO_LARGE, null, null);

    static AppendResult appended(SpoolEntry entry) {
        return new AppendResult(Status.APPENDED, Objects.requireNonNull(entry), null);
    }

    static AppendResult full() {
        return FULL;
    }

    static AppendResult tooLarge() {
        return TOO_LARGE;
    }

    static AppendResult failed(IOException error) {
        return new AppendResult(Status.FAILED, null, Objects.requireNonNull(error));
    }

    /** Whether the spool now owns the batch. */
    public boolean isAppended() {
        return status == Status.APPENDED;
    }
}
