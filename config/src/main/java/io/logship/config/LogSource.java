package io.logship.config;

import java.util.List;
import java.util.Optional;

/**
 * One entry of the {@code logs:} list: where records come from and the attributes they get. The entry's
 * {@code type:} chooses the variant, and each variant reads and validates its own keys
 * ({@link ConfigKeys#SOCKET_SOURCE}, {@link ConfigKeys#FILE_SOURCE}); the keys every variant has are
 * {@link ConfigKeys#SOURCE}.
 *
 * <p>Adding a kind of source: one {@link SourceType} constant, one record implementing this interface, its keys in
 * {@link ConfigKeys}, one case in {@code ConfigLoader#source}; the agent then needs one package under
 * {@code io.logship.agent.sources} and one case in its pipeline.
 */
public sealed interface LogSource permits SocketSource, FileSource {
    SourceType DEFAULT_TYPE = SourceType.TCP;
    /** The Datadog Agent's {@code logs_config.max_message_size_bytes} since PR #40473 (was 256,000). */
    int DEFAULT_MAX_MESSAGE_BYTES = 900_000;

    /** The entry's {@code type:}. */
    SourceType type();

    /** The {@code service} given to records that carry none. */
    Optional<String> service();

    /** The {@code ddsource} given to records that carry none. */
    Optional<String> source();

    /** Tags added to every record's {@code ddtags}, before the global ones. */
    List<String> tags();

    /** Lines longer than this are split into {@code ...TRUNCATED...} chunks. */
    int maxMessageBytes();
}
