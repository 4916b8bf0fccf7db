package io.logship.logback;

import java.util.Map;

/**
 * The program name used for file names and the uncaught-exception logger. First match wins: the explicit option,
 * {@value #ENV_VAR}, the jar file name without {@code .jar} (from {@code sun.java.command}), the main class's simple
 * name, then {@value #FALLBACK}. Unlike daiquiri (quirk Q9) no {@code .py}-style suffix or {@code <string>} leaks in.
 * Appenders configured from logback.xml without a program name (syslog APP-NAME, journald SYSLOG_IDENTIFIER) use
 * {@link #detect()}.
 */
public final class ProgramName {

    /** Environment variable that names the program. */
    public static final String ENV_VAR = "LOGSHIP_PROGRAM_NAME";

    /** The name when nothing better is known. */
    public static final String FALLBACK = "java";

    private ProgramName() {}

    /** The name of this JVM's program, from {@value #ENV_VAR} or the {@code sun.java.command} property. */
    public static String detect() {
        return resolve(null, System.getenv(), System.getProperty("sun.java.command"));
    }

    static String resolve(String explicit, Map<String, String> environment, String javaCommand) {
        if (explicit != null && !explicit.isBlank()) {
            return explicit.strip();
        }
        String fromEnv = environment.get(ENV_VAR);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return fromEnv.strip();
        }
        if (javaCommand != null && !javaCommand.isBlank()) {
            String first = javaCommand.strip().split("\\s+", 2)[0];
            if (first.endsWith(".jar")) {
                String file = first.substring(Math.max(first.lastIndexOf('/'), first.lastIndexOf('\\')) + 1);
                String name = file.substring(0, file.length() - ".jar".length());
                if (!name.isEmpty()) {
                    return name;
                }
            } else {
                String simple = first.substring(first.lastIndexOf('.') + 1);
                simple = simple.substring(simple.lastIndexOf('/') + 1);
                if (!simple.isEmpty()) {
                    return simple;
                }
            }
        }
        return FALLBACK;
    }
}
