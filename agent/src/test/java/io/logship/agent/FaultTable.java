package io.logship.agent;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Appends one row per fault test to {@code target/fault-table.md} (fault, records offered, delivered, lost,
 * duplicated, the agent's peak RSS where a forked agent was measured, notes): the README's fault table.
 */
final class FaultTable {
    private static final Path FILE = Path.of("target", "fault-table.md");

    private FaultTable() {}

    static void row(String fault, long offered, long delivered, long lost, long duplicated, String notes) {
        row(fault, offered, delivered, lost, duplicated, -1, notes);
    }

    /** A row with the agent's peak RSS (VmHWM, KiB, from a forked agent), or -1 when not measured. */
    static synchronized void row(
            String fault, long offered, long delivered, long lost, long duplicated, long peakRssKib, String notes) {
        String rss = peakRssKib > 0 ? (peakRssKib / 1024) + " MiB" : "–";
        String line = "| " + fault + " | " + offered + " | " + delivered + " | " + lost + " | " + duplicated + " | "
                + rss + " | " + notes + " |\n";
        try {
            Files.createDirectories(FILE.getParent());
            Files.writeString(FILE, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            System.err.println("cannot write " + FILE + ": " + e);
        }
    }
}
