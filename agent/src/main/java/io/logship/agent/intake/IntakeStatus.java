package io.logship.agent.intake;

import java.util.Map;

/**
 * A snapshot of the intake's counters.
 *
 * @param recordsAccepted records accepted since start (stored or, in discard mode, only counted)
 * @param bytesAccepted   uncompressed body bytes accepted since start
 * @param recordsStored   records in the store now (in discard mode, only those stored by earlier runs)
 * @param routes          answers since start: route → HTTP status → count
 */
public record IntakeStatus(LocalIntakeOptions.StorageMode mode, long recordsAccepted, long bytesAccepted,
                           long recordsStored, Map<String, Map<Integer, Long>> routes) {
}
