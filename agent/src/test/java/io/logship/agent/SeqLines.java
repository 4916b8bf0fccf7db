package io.logship.agent;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.logship.intake.LocalIntake;
import io.logship.intake.RecordQuery;
import io.logship.intake.StoredRecord;
import java.util.BitSet;
import java.util.List;

/** JSON lines carrying a unique {@code seq}, and the check of what the intake holds: delivered, lost, duplicated. */
final class SeqLines {
    private SeqLines() {}

    /** Lines {@code from..to-1}, each {@code {"message":"fault <pad>","seq":N}\n}, about {@code lineBytes} long. */
    static byte[] lines(int from, int to, int lineBytes) {
        StringBuilder sb = new StringBuilder();
        String pad = "x".repeat(Math.max(0, lineBytes - 40));
        for (int i = from; i < to; i++) {
            sb.append("{\"message\":\"fault ")
                    .append(pad)
                    .append("\",\"seq\":")
                    .append(i)
                    .append("}\n");
        }
        return sb.toString().getBytes(UTF_8);
    }

    /** What the intake holds of seq 0..offered-1. At most {@link RecordQuery#MAX_LIMIT} records are read. */
    static Tally tally(LocalIntake intake, int offered) {
        List<StoredRecord> records = intake.query(RecordQuery.all().withLimit(RecordQuery.MAX_LIMIT));
        BitSet seen = new BitSet(offered);
        int duplicated = 0;
        int foreign = 0;
        for (StoredRecord r : records) {
            int seq = seqOf(r.json());
            if (seq < 0 || seq >= offered) {
                foreign++;
            } else if (seen.get(seq)) {
                duplicated++;
            } else {
                seen.set(seq);
            }
        }
        return new Tally(offered, seen.cardinality(), offered - seen.cardinality(), duplicated, foreign);
    }

    static int seqOf(String json) {
        int at = json.indexOf("\"seq\":");
        if (at < 0) {
            return -1;
        }
        int i = at + 6;
        while (i < json.length() && json.charAt(i) == ' ') {
            i++;
        }
        int v = 0;
        int digits = 0;
        while (i < json.length() && Character.isDigit(json.charAt(i))) {
            v = v * 10 + (json.charAt(i++) - '0');
            digits++;
        }
        return digits == 0 ? -1 : v;
    }

    /** Offered, delivered (distinct), lost, duplicated (extra copies), foreign (records without a known seq). */
    record Tally(int offered, int delivered, int lost, int duplicated, int foreign) {}
}
