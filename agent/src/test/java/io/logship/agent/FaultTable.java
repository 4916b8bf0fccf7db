package io.logship.agent;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Appends one row per fault test to {@code target/fault-table.md} (fault, records offered, delivered, lost,
 * duplicated, notes), the table in NOTES-agent-reliability.md.
 */
final class FaultTable {
    private static final Path FILE = Path.of("target", "fault-table.md");

    private FaultTable() {}

    static synchronized void row(String fault, long offered, long delivered, long lost, long duplicated,
                                 String notes) {
        String line = "| " + fault + " | " + offered + " | " + delivered + " | " + lost + " | " + duplicated + " | "
                + notes + " |\n";
        try {
            Files.createDirectories(FILE.getParent());
            Files.writeString(FILE, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            System.err.println("cannot write " + FILE + ": " + e);
        }
    }
}
