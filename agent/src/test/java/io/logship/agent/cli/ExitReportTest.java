package io.logship.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ExitReportTest {
    @Test
    void oneRecordAndOneBatchAreSingularAndNoSpoolIsNotMentioned() {
        ExitReport report = new ExitReport(1, 1, false, 0, Map.of(), 1, 0, Map.of());

        assertThat(report.toString()).isEqualTo("stopped: 1 record delivered in 1 batch, 0 lost; 1 read");
        assertThat(report.lostAtStop()).isZero();
    }

    @Test
    void manyRecordsAndBatchesArePluralAndTheSpoolIsMentionedWhenThereIsOne() {
        ExitReport report =
                new ExitReport(1200, 3, true, 500, Map.of("intake_bad_request", 5L, "shutdown", 2L), 1707, 0, Map.of());

        assertThat(report.toString())
                .isEqualTo("stopped: 1200 records delivered in 3 batches, 500 kept in the spool for the next start,"
                        + " 7 lost (intake_bad_request=5, shutdown=2); 1707 read (+0 from the last run)");
        assertThat(report.lostAtStop()).isEqualTo(2);
    }

    @Test
    void zeroRecordsArePlural() {
        assertThat(new ExitReport(0, 0, false, 0, Map.of(), 0, 0, Map.of()).toString())
                .isEqualTo("stopped: 0 records delivered in 0 batches, 0 lost; 0 read");
    }

    @Test
    void dropsDuringTheRunAreLostButNotLostAtStop() {
        ExitReport report = new ExitReport(10, 1, false, 0, Map.of("intake_forbidden", 4L), 14, 0, Map.of());

        assertThat(report.lostTotal()).isEqualTo(4);
        assertThat(report.lostAtStop()).isZero();
    }

    @Test
    void refusedConnectionsFollowTheSumsWithTheirReasons() {
        ExitReport report = new ExitReport(5, 1, false, 0, Map.of(), 5, 0, Map.of("allow_list", 1L));

        assertThat(report.toString())
                .isEqualTo(
                        "stopped: 5 records delivered in 1 batch, 0 lost; 5 read; 1 connection refused (allow_list=1)");
    }
}
