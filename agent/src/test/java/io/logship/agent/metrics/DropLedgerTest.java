package io.logship.agent.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import org.junit.jupiter.api.Test;

class DropLedgerTest {
    @Test
    void countsByReasonInDeclarationOrderWithTotals() {
        DropLedger ledger = new DropLedger();

        ledger.dropped(DropReason.SHUTDOWN, 2);
        ledger.dropped(DropReason.BUFFER_FULL, 5);
        ledger.dropped(DropReason.INTAKE_FORBIDDEN, 0);

        assertThat(ledger.byReason())
                .containsExactly(entry(DropReason.BUFFER_FULL, 5L), entry(DropReason.SHUTDOWN, 2L));
        assertThat(ledger.total()).isEqualTo(7);
        assertThat(ledger.unintentional()).isEqualTo(2); // buffer_full is the operator's choice
        assertThat(ledger.count(DropReason.INTAKE_FORBIDDEN)).isZero();
    }

    @Test
    void theAgentsLedgerIsWhatMetricsShow() {
        AgentMetrics metrics = new AgentMetrics();

        metrics.drops().dropped(DropReason.UDP_KERNEL_DROPS, 3);

        assertThat(metrics.droppedCount(DropReason.UDP_KERNEL_DROPS)).isEqualTo(3);
        assertThat(metrics.scrape())
                .contains("logship_records_dropped_total{intentional=\"false\",reason=\"udp_kernel_drops\"} 3.0");
    }

    @Test
    void aNegativeCountIsRefused() {
        assertThatThrownBy(() -> new DropLedger().dropped(DropReason.SHUTDOWN, -1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("records must be >= 0: -1");
    }
}
