package io.logship.intake;

/** The intake's database failed a query or a write; the message says which, the cause is the SQL error. */
public final class IntakeStoreException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public IntakeStoreException(String message, Throwable cause) {
        super(message + ": " + cause.getMessage(), cause);
    }
}
