package io.logship.intake;

/**
 * A request the intake refuses: carries the HTTP status and a message for the client's {@code errors} array.
 *
 * <p>Built for each refused request, so it skips the stack trace: a flood of bad requests costs no stack walks.
 */
final class IntakeException extends Exception {
    private static final long serialVersionUID = 1L;

    private final int status;

    IntakeException(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    /** The HTTP status to answer with. */
    int status() {
        return status;
    }
}
