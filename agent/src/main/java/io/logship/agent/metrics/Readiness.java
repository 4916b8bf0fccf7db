package io.logship.agent.metrics;

import java.util.Optional;

/**
 * Whether the agent is ready, for {@code /ready}: empty when it is, else the reason, shown to the operator in the
 * 503's body (e.g. {@code intake refusing: HTTP 403 (forbidden) since ...}). A reason never holds a secret.
 *
 * <p>Called on the metrics server's event loop for each {@code /ready} request: it must not block.
 */
@FunctionalInterface
public interface Readiness {
    /** Empty when ready; else why not. */
    Optional<String> notReadyBecause();
}
