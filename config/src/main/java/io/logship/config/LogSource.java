package io.logship.config;

import java.util.List;
import java.util.Optional;

/**
 * One entry of the {@code logs:} list: a listener and the attributes its records get.
 *
 * @param type            TCP or UDP
 * @param bind            the address to listen on
 * @param port            the port; 0 picks a free one
 * @param service         the {@code service} given to records that carry none
 * @param source          the {@code ddsource} given to records that carry none
 * @param tags            tags added to every record's {@code ddtags}, before the global ones
 * @param maxMessageBytes lines longer than this are split into {@code ...TRUNCATED...} chunks
 */
public record LogSource(SourceType type, String bind, int port, Optional<String> service, Optional<String> source,
                        List<String> tags, int maxMessageBytes) {
    public static final SourceType DEFAULT_TYPE = SourceType.TCP;
    public static final String DEFAULT_BIND = "127.0.0.1";
    /** The port of a Datadog Agent's custom {@code type: tcp} source in its docs, and daiquiri's default. */
    public static final int DEFAULT_PORT = 10518;
    /** The Datadog Agent's {@code logs_config.max_message_size_bytes} since PR #40473 (was 256,000). */
    public static final int DEFAULT_MAX_MESSAGE_BYTES = 900_000;

    public LogSource {
        tags = List.copyOf(tags);
    }
}
