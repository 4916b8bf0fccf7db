package io.logship.agent;

import java.io.IOException;
import java.net.BindException;
import java.util.Locale;

/**
 * Why the agent cannot start, as the one line the operator reads: the component, what it could not do and why, and
 * the setting to change ({@code logs[0] (tcp) cannot listen on 127.0.0.1:5170: address already in use - change
 * logs[0].port}). The command line prints {@link #getMessage()} alone, without a stack trace, and exits 2.
 */
public final class StartFailure extends IOException {
    private static final long serialVersionUID = 1L;

    /** The errno text Netty's native transport puts after this prefix: {@code bind(..) failed with error(-98): }. */
    private static final String NATIVE_ERROR = "failed with error(";

    public StartFailure(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * {@code <component> cannot listen on <address>: <why> - change <setting>}, {@code why} read from
     * {@code cause} ({@code address already in use}, {@code permission denied}, ...); the setting is
     * {@code portSetting}, or {@code bindSetting} when the address is not one of this host's.
     */
    public static StartFailure cannotListen(
            String component, String address, Throwable cause, String portSetting, String bindSetting) {
        String why = why(cause);
        String setting = why.contains("assign requested address") ? bindSetting : portSetting;
        return new StartFailure(
                component + " cannot listen on " + address + ": " + why + " - change " + setting, cause);
    }

    /** Whether {@code failure} is a socket that could not be bound (NIO's {@link BindException} or Netty's native one). */
    public static boolean isBindFailure(Throwable failure) {
        Throwable t = failure;
        for (int depth = 0; depth < 8 && t != null; depth++) {
            if (t instanceof BindException) {
                return true;
            }
            if (t.getMessage() != null && t.getMessage().contains("bind(..) " + NATIVE_ERROR)) {
                return true;
            }
            t = t.getCause();
        }
        return false;
    }

    /**
     * {@code <component> cannot start: <why> - <fix>} for a data directory named by {@code setting}: when another
     * process holds it ({@code why} says "in use"), stop that process or change the setting; else check or change it.
     */
    public static StartFailure cannotUseDirectory(String component, Throwable cause, String setting) {
        String why = String.valueOf(cause.getMessage());
        String fix = why.contains("in use") || why.contains("already open")
                ? "stop the process that uses it or change " + setting
                : "check or change " + setting;
        return cannotStart(component, cause, fix);
    }

    /** {@code <component> cannot start: <why> - <fix>}, {@code why} being the cause's message as it is. */
    public static StartFailure cannotStart(String component, Throwable cause, String fix) {
        return new StartFailure(component + " cannot start: " + cause.getMessage() + " - " + fix, cause);
    }

    /**
     * Why a socket could not be bound, in lower case: the innermost cause's message without Netty's native
     * prefix ({@code bind(..) failed with error(-98): Address already in use} gives {@code address already in use}).
     */
    public static String why(Throwable failure) {
        Throwable t = failure;
        for (int depth = 0; depth < 8 && t.getCause() != null && t.getCause() != t; depth++) {
            if (t instanceof BindException) {
                break;
            }
            t = t.getCause();
        }
        String message = t.getMessage();
        if (message == null || message.isBlank()) {
            return t.getClass().getSimpleName();
        }
        int prefix = message.indexOf(NATIVE_ERROR);
        if (prefix >= 0) {
            int colon = message.indexOf(": ", prefix);
            if (colon >= 0) {
                message = message.substring(colon + 2);
            }
        }
        return message.isEmpty() ? message : message.substring(0, 1).toLowerCase(Locale.ROOT) + message.substring(1);
    }
}
