package io.logship.intake;

import java.util.Map;

/**
 * A snapshot of the intake's counters.
 *
 * @param recordsAccepted records accepted since start (stored or, in discard mode, only counted)
 * @param bytesAccepted   uncompressed body bytes accepted since start
 * @param recordsStored   records in the store now (in discard mode, only those stored by earlier runs)
 * @param storedBytes     the stored records' JSON bytes ({@link IntakeStore#storedBytes()})
 * @param recordsExpired  records deleted by retention ({@code max_age}, {@code max_bytes}) since start
 * @param routes          answers since start: route → HTTP status → count
 * @param probeCount      latency-probe records seen in discard mode (see {@code loadgen --probe})
 * @param probeP50Micros  their median end-to-end delay in µs (0 without probes)
 * @param probeP99Micros  their 99th-percentile delay in µs
 * @param probeMaxMicros  their largest delay in µs
 */
public record IntakeStatus(
        LocalIntakeOptions.StorageMode mode,
        long recordsAccepted,
        long bytesAccepted,
        long recordsStored,
        long storedBytes,
        long recordsExpired,
        Map<String, Map<Integer, Long>> routes,
        long probeCount,
        long probeP50Micros,
        long probeP99Micros,
        long probeMaxMicros) {}
