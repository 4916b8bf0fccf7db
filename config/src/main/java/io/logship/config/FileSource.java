package io.logship.config;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@code logs:} entry of {@code type: file}: files matching a glob, tailed line by line, like the Datadog Agent's
 * file source.
 *
 * @param path            a glob ({@code /var/log/app/*.log}); {@code *} and {@code ?} do not cross {@code /},
 *                        {@code **} does
 * @param excludePaths    globs of files never read, even when {@code path} matches them
 * @param service         the {@code service} given to records that carry none
 * @param source          the {@code ddsource} given to records that carry none
 * @param tags            tags added to every record's {@code ddtags}, before the global ones
 * @param maxMessageBytes lines longer than this are split into {@code ...TRUNCATED...} chunks
 * @param startPosition   where a file present at start, with no checkpoint, is read from; a file that appears
 *                        later is always read from its beginning
 * @param multiLineStart  a regular expression: a line that does not match it is appended to the previous record
 *                        (stack traces); empty: every line is a record
 * @param maxOpenFiles    files open at once at most; more matches wait their turn
 */
public record FileSource(
        String path,
        List<String> excludePaths,
        Optional<String> service,
        Optional<String> source,
        List<String> tags,
        int maxMessageBytes,
        StartPosition startPosition,
        Optional<String> multiLineStart,
        int maxOpenFiles)
        implements LogSource {
    public static final StartPosition DEFAULT_START_POSITION = StartPosition.END;
    /** Open files per source at most (the Datadog Agent's {@code logs_config.open_files_limit} is 500 on Linux). */
    public static final int DEFAULT_MAX_OPEN_FILES = 500;

    public FileSource {
        Objects.requireNonNull(path, "path");
        excludePaths = List.copyOf(excludePaths);
        tags = List.copyOf(tags);
        Objects.requireNonNull(startPosition, "startPosition");
        Objects.requireNonNull(multiLineStart, "multiLineStart");
        if (maxOpenFiles < 1) {
            throw new IllegalArgumentException("maxOpenFiles must be > 0: " + maxOpenFiles);
        }
    }

    /** A file source with the default start position, no multi-line rule and the default open-file limit. */
    public FileSource(
            String path, Optional<String> service, Optional<String> source, List<String> tags, int maxMessageBytes) {
        this(
                path,
                List.of(),
                service,
                source,
                tags,
                maxMessageBytes,
                DEFAULT_START_POSITION,
                Optional.empty(),
                DEFAULT_MAX_OPEN_FILES);
    }

    @Override
    public SourceType type() {
        return SourceType.FILE;
    }
}
