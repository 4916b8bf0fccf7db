package io.logship.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.logship.intake.LocalIntake;
import io.logship.intake.LocalIntakeOptions;
import io.logship.intake.RecordQuery;
import io.logship.intake.StoredRecord;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.BitSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Durable at acceptance (issue 11): with {@code spool.path} set, what the agent read survives {@code kill -9} at any
 * moment, a full disk, and SIGTERM while clients write; the stop line's sums agree with what was read. Real agent
 * processes, the real local intake, loopback.
 */
class DurableAcceptanceTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String RECORDS_IN = "logship_records_in_total";
    private static final Pattern STOP_LINE = Pattern.compile("stopped: (\\d+) records? delivered in \\d+ batch(?:es)?, "
            + "(\\d+) kept in the spool for the next start, (\\d+) lost[^;]*; (\\d+) read \\(\\+(\\d+) from the last "
            + "run\\)");

    @TempDir
    Path dir;

    @Test
    void theOpenBatchSurvivesKillMinus9() throws Exception {
        int n = 400;
        long rss;
        try (LocalIntake intake = intake()) {
            try (ForkedAgent first = ForkedAgent.start(dir, "open-batch", yaml(intake, "10m", spool(), "64MiB"))) {
                // 100 lines per write, like a slow app: many small reads, each written ahead before the next.
                try (Socket socket = new Socket(first.input.getAddress(), first.input.getPort())) {
                    OutputStream out = socket.getOutputStream();
                    for (int i = 0; i < n; i++) {
                        out.write(SeqLines.lines(i, i + 1, 200));
                        out.flush();
                        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(2)); // pacing the client, not a wait
                    }
                    await().atMost(WAIT).until(() -> first.metric(RECORDS_IN) == n);
                    assertThat(intake.count(RecordQuery.all()))
                            .as("still in the open batch")
                            .isZero();
                    rss = first.peakRssKib();
                    first.kill();
                }
            }
            try (ForkedAgent second = ForkedAgent.start(dir, "open-batch-2", yaml(intake, "50ms", spool(), "64MiB"))) {
                await().atMost(WAIT).until(() -> SeqLines.tally(intake, n).delivered() == n);
                SeqLines.Tally tally = SeqLines.tally(intake, n);
                assertThat(tally.duplicated()).isZero();
                assertThat(tally.foreign()).isZero();
                assertThat(second.output()).contains("recovered " + n + " records from the spool journals");
                FaultTable.row(
                        "kill -9 with the spool on, " + n + " lines in small writes, batch still open "
                                + "(max_wait 10m)",
                        n,
                        tally.delivered(),
                        tally.lost(),
                        tally.duplicated(),
                        rss,
                        "the open batch is written ahead to the loop's journal after each read");
            }
        }
    }

    @Test
    void killMinus9AtAnyMomentLosesNothingTheAgentHadRead() throws Exception {
        int[] readBeforeKill = {500, 1200, 2100};
        BitSet mustArrive = new BitSet();
        int next = 0;
        long rss = 0;
        try (LocalIntake intake = intake()) {
            intake.knobs().delay(Duration.ofMillis(20)); // a slower intake: batches pile up in the spool
            for (int round = 0; round < readBeforeKill.length; round++) {
                try (ForkedAgent agent =
                        ForkedAgent.start(dir, "any-" + round, yaml(intake, "200ms", spool(), "64MiB"))) {
                    Writer writer = Writer.start(agent.input, next, 2500, 0);
                    int threshold = readBeforeKill[round];
                    await().atMost(WAIT).until(() -> agent.metric(RECORDS_IN) >= threshold);
                    int read = (int) agent.metric(RECORDS_IN); // read before the kill: must all arrive
                    rss = Math.max(rss, agent.peakRssKib());
                    agent.kill();
                    writer.join();
                    mustArrive.set(next, next + read);
                    next = writer.nextSeq(); // what the kernel held when the agent died was never accepted
                }
            }
            intake.knobs().clear();
            int offered = next;
            try (ForkedAgent last = ForkedAgent.start(dir, "any-last", yaml(intake, "50ms", spool(), "64MiB"))) {
                await().atMost(WAIT).until(() -> missing(intake, offered, mustArrive) == 0);
                int duplicated = SeqLines.tally(intake, offered).duplicated();
                // A kill can come between a spool append and its journal reset (one batch per loop), or while a
                // request was unanswered (max_in_flight x max_records).
                assertThat(duplicated).isLessThanOrEqualTo(readBeforeKill.length * (2 + 2) * 1000);
                FaultTable.row(
                        "kill -9 at 3 moments while a client streams (spool on), restarts",
                        mustArrive.cardinality(),
                        mustArrive.cardinality(),
                        0,
                        duplicated,
                        rss,
                        "offered = lines the agent had "
                                + "counted as read before each kill; lines still in the kernel's socket buffer were not "
                                + "accepted");
            }
        }
    }

    @Test
    void aFullDiskPausesTheInputsAndKillMinus9ThenLosesNothing() throws Exception {
        Path mount = dir.resolve("small-disk");
        Files.createDirectories(mount);
        assumeMounted(mount, "5m");
        try {
            Path spool = mount.resolve("spool");
            try (LocalIntake intake = intake()) {
                intake.knobs().failNext(1_000_000, 503, Optional.empty());
                int read;
                long rss;
                try (ForkedAgent agent = ForkedAgent.start(dir, "full", yaml(intake, "200ms", spool, "1GiB"))) {
                    Writer writer = Writer.start(agent.input, 0, 200_000, 0);
                    await().atMost(WAIT).until(() -> agent.output().contains("cannot spool a batch"));
                    // Paused: the count stops moving while the client still has lines to write.
                    await().atMost(WAIT).until(() -> {
                        double before = agent.metric(RECORDS_IN);
                        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(300));
                        return agent.metric(RECORDS_IN) == before;
                    });
                    read = (int) agent.metric(RECORDS_IN);
                    assertThat(writer.nextSeq()).as("the client is held back").isLessThan(200_000);
                    rss = agent.peakRssKib();
                    agent.kill();
                    writer.join();
                }
                intake.knobs().clear();
                try (ForkedAgent second = ForkedAgent.start(dir, "full-2", yaml(intake, "50ms", spool, "1GiB"))) {
                    BitSet must = new BitSet();
                    must.set(0, read);
                    await().atMost(WAIT).until(() -> missing(intake, read, must) == 0);
                    SeqLines.Tally tally = SeqLines.tally(intake, read);
                    FaultTable.row(
                            "spool on a full disk (5 MiB tmpfs), intake 503, then kill -9 and restart",
                            read,
                            tally.delivered(),
                            tally.lost(),
                            tally.duplicated(),
                            rss,
                            "inputs paused at the first refused "
                                    + "append; the refused batch stayed in the preallocated journal");
                    assertThat(tally.lost()).isZero();
                }
            }
        } finally {
            unmount(mount);
        }
    }

    @Test
    void sigtermWhileClientsWriteReadsThemToTheEndAndTheSumsAgree() throws Exception {
        int perClient = 15_000;
        try (LocalIntake intake = intake()) {
            try (ForkedAgent agent = ForkedAgent.start(
                    dir,
                    "term",
                    yaml(intake, "200ms", spool(), "64MiB")
                            .replace("stop_grace_period: 5s", "stop_grace_period: 20s"))) {
                Writer a = Writer.start(agent.input, 0, perClient, 1);
                Writer b = Writer.start(agent.input, perClient, perClient, 1);
                await().atMost(WAIT).until(() -> agent.metric(RECORDS_IN) >= 2000);
                long rss = agent.peakRssKib();
                int exit = agent.terminate(Duration.ofSeconds(60));
                a.join();
                b.join();
                assertThat(exit).isZero();
                int written = (a.nextSeq() - 0) + (b.nextSeq() - perClient);
                Matcher m = STOP_LINE.matcher(agent.output());
                assertThat(m.find()).as(agent.output()).isTrue();
                long delivered = Long.parseLong(m.group(1));
                long kept = Long.parseLong(m.group(2));
                long lost = Long.parseLong(m.group(3));
                long read = Long.parseLong(m.group(4));
                assertThat(delivered + kept + lost)
                        .as("delivered + kept + lost = read")
                        .isEqualTo(read);
                assertThat(read).as("every line the clients wrote was read").isEqualTo(written);
                assertThat(a.failed() || b.failed())
                        .as("the clients finished before the stop closed them")
                        .isFalse();
                FaultTable.row(
                        "SIGTERM while 2 clients write 15,000 lines each (spool on)",
                        written,
                        delivered,
                        lost,
                        0,
                        rss,
                        "connections read to their end before closing; " + kept + " kept in the spool; "
                                + "stop line: delivered + kept + lost = read");
                assertThat(lost).isZero();
            }
        }
    }

    /** Sequence numbers in {@code must} that the intake does not hold. */
    private static int missing(LocalIntake intake, int offered, BitSet must) {
        BitSet seen = new BitSet(offered);
        List<StoredRecord> records = intake.query(RecordQuery.all().withLimit(RecordQuery.MAX_LIMIT));
        for (StoredRecord r : records) {
            int seq = SeqLines.seqOf(r.json());
            if (seq >= 0) {
                seen.set(seq);
            }
        }
        BitSet gone = (BitSet) must.clone();
        gone.andNot(seen);
        return gone.cardinality();
    }

    private LocalIntake intake() throws IOException {
        return LocalIntake.start(LocalIntakeOptions.builder(dir.resolve("intake"))
                .port(0)
                .knobs(true)
                .build());
    }

    private Path spool() {
        return dir.resolve("spool");
    }

    private static String yaml(LocalIntake intake, String maxWait, Path spool, String spoolMax) {
        return "hostname: durable-host\n"
                + "stop_grace_period: 5s\n"
                + "intake:\n  url: " + intake.logsUrl() + "\n  max_in_flight: 2\n  timeout: 5s\n"
                + "retry:\n  base: 50ms\n  max: 500ms\n"
                + "batch:\n  max_records: 1000\n  max_bytes: 256KiB\n  max_wait: " + maxWait + "\n"
                + "spool:\n  path: " + spool + "\n  max_bytes: " + spoolMax + "\n  fsync: every_batch\n";
    }

    /** Mounts a small tmpfs (as root, or with password-less sudo); skips the test where neither is possible. */
    private static void assumeMounted(Path mount, String size) throws Exception {
        boolean mounted = run("mount", "-t", "tmpfs", "-o", "size=" + size, "tmpfs", mount.toString())
                || run("sudo", "-n", "mount", "-t", "tmpfs", "-o", "size=" + size, "tmpfs", mount.toString());
        Assumptions.assumeTrue(mounted, "mounting a tmpfs needs root or password-less sudo");
    }

    private static void unmount(Path mount) throws Exception {
        if (!run("umount", "-l", mount.toString())) {
            run("sudo", "-n", "umount", "-l", mount.toString());
        }
    }

    private static boolean run(String... command) throws Exception {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException notInstalled) {
            return false;
        }
    }

    /** A client writing sequence lines as fast as the agent takes them, until done or the connection breaks. */
    private static final class Writer extends Thread {
        private final InetSocketAddress to;
        private final int first;
        private final int count;
        private final long pauseNanos;
        private final AtomicInteger next = new AtomicInteger();
        private volatile boolean failed;

        private Writer(InetSocketAddress to, int first, int count, long pauseMillis) {
            super("writer-" + first);
            this.pauseNanos = TimeUnit.MILLISECONDS.toNanos(pauseMillis);
            this.to = to;
            this.first = first;
            this.count = count;
            next.set(first);
            setDaemon(true);
        }

        /** Writes lines {@code first..first+count-1}, 10 per write, pausing {@code pauseMillis} between writes. */
        static Writer start(InetSocketAddress to, int first, int count, long pauseMillis) {
            Writer w = new Writer(to, first, count, pauseMillis);
            w.start();
            return w;
        }

        @Override
        public void run() {
            try (Socket socket = new Socket(to.getAddress(), to.getPort())) {
                OutputStream out = socket.getOutputStream();
                for (int seq = first; seq < first + count; seq += 10) {
                    int end = Math.min(first + count, seq + 10);
                    out.write(SeqLines.lines(seq, end, 200));
                    out.flush();
                    next.set(end);
                    if (pauseNanos > 0) {
                        LockSupport.parkNanos(pauseNanos); // pacing the client, not a wait
                    }
                }
            } catch (IOException e) {
                failed = true;
            }
        }

        /** The first sequence number not (fully) written. */
        int nextSeq() {
            return next.get();
        }

        boolean failed() {
            return failed;
        }
    }
}
