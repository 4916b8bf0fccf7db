package io.logship.agent.cli;

import java.io.Console;
import java.lang.reflect.Method;

/** Whether the agent's output goes to a terminal (a person watching), rather than a file, a pipe or the journal. */
final class Terminal {
    private Terminal() {}

    /**
     * True when standard input and output are a terminal. Up to Java 21 that is {@code System.console() != null};
     * from Java 22 a console exists even when redirected and {@code Console.isTerminal()} (not in Java 17's API,
     * hence the reflective call) tells.
     */
    static boolean attached() {
        Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            Method isTerminal = Console.class.getMethod("isTerminal");
            return (Boolean) isTerminal.invoke(console);
        } catch (ReflectiveOperationException e) {
            return true; // before Java 22: a console exists only on a terminal
        }
    }
}
