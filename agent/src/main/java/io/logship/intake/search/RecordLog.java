package io.logship.intake.search;

import io.logship.intake.StoredRecord;
import java.sql.SQLException;
import java.util.List;
import java.util.OptionalLong;

/** The durable record log the index follows (the intake's H2 store): ids increase with arrival order. */
public interface RecordLog {
    /** Up to {@code limit} committed records with an id above {@code id}, in id order. */
    List<StoredRecord> after(long id, int limit) throws SQLException;

    /** The smallest stored id; empty when nothing is stored. Everything below it was deleted (oldest first). */
    OptionalLong oldestId() throws SQLException;

    /** The largest stored id, or 0 when nothing is stored. */
    long newestId() throws SQLException;
}
