package io.logship.agent.sources.file;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

/**
 * A {@code path} glob of a file source, and its {@code exclude_paths}: which regular files it matches now.
 *
 * <p>{@code *} and {@code ?} stay within one path segment, {@code **} crosses directories, {@code {a,b}} and
 * {@code [...]} work as in {@link java.nio.file.FileSystem#getPathMatcher}. The walk starts at the longest leading
 * directory without a glob character, and descends only as deep as the pattern's segments (any depth with
 * {@code **}). Directories and other non-regular files never match; symbolic links are followed.
 *
 * <p>Thread-safety: immutable.
 */
final class Glob {
    private final String pattern;
    private final Path base;
    private final int maxDepth;
    private final PathMatcher include;
    private final List<PathMatcher> exclude = new ArrayList<>();

    /**
     * @param pattern an absolute or relative glob ({@code /var/log/app/*.log})
     * @param excludePaths globs of files never matched
     */
    Glob(String pattern, List<String> excludePaths) {
        this.pattern = pattern;
        Path normalized = Path.of(pattern).toAbsolutePath().normalize();
        Path start = normalized.getRoot();
        int depth = 0;
        boolean literal = true;
        boolean deep = false;
        for (Path segment : normalized) {
            String s = segment.toString();
            boolean glob = s.chars().anyMatch(c -> c == '*' || c == '?' || c == '[' || c == '{');
            if (literal && !glob) {
                start = start == null ? segment : start.resolve(segment);
            } else {
                literal = false;
                depth++;
                if (s.contains("**")) {
                    deep = true;
                }
            }
        }
        this.base = literal ? normalized.getParent() : start;
        this.maxDepth = literal ? 1 : deep ? Integer.MAX_VALUE : depth;
        this.include = FileSystems.getDefault().getPathMatcher("glob:" + normalized);
        for (String e : excludePaths) {
            exclude.add(FileSystems.getDefault()
                    .getPathMatcher("glob:" + Path.of(e).toAbsolutePath().normalize()));
        }
    }

    /** Whether {@code file} (absolute, normalized) matches the pattern and no exclusion. */
    boolean matches(Path file) {
        if (!include.matches(file)) {
            return false;
        }
        for (PathMatcher m : exclude) {
            if (m.matches(file)) {
                return false;
            }
        }
        return true;
    }

    /**
     * The regular files matching now, sorted by path. A directory that cannot be read is skipped (its files are
     * not matched); a missing base directory matches nothing.
     */
    List<Path> scan() throws IOException {
        if (base == null || !Files.isDirectory(base)) {
            return List.of();
        }
        List<Path> found = new ArrayList<>();
        Files.walkFileTree(base, EnumSet.noneOf(FileVisitOption.class), maxDepth, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                if (attrs.isRegularFile() && matches(file)) {
                    found.add(file);
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
                return FileVisitResult.CONTINUE; // vanished or unreadable: not a match this time
            }
        });
        found.sort(null);
        return found;
    }

    @Override
    public String toString() {
        return pattern;
    }
}
