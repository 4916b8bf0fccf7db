package io.logship.logback.syslog;

/**
 * The default program name (syslog APP-NAME, journald SYSLOG_IDENTIFIER) when an appender is configured from
 * logback.xml without one: {@value #ENV_VAR} if set, else, like daiquiri's {@code get_program_name()}, the name of
 * what was launched. The same rule as {@code io.logship.logback.ProgramName} (package-private there), which
 * {@code Logship.setup} passes to outputs directly. For {@code java -jar /opt/app/shop.jar} it is
 * {@code shop}; for {@code java com.example.Main} it is {@code Main}; when the launcher says nothing it is
 * {@link #FALLBACK}.
 */
public final class ProgramName {
  /** Environment variable that names the program, as for {@code Logship.setup}. */
  public static final String ENV_VAR = "LOGSHIP_PROGRAM_NAME";

  /** Used when the JVM does not say how it was launched. */
  public static final String FALLBACK = "java";

  private ProgramName() {}

  /** The name derived from the {@code sun.java.command} system property. */
  public static String detect() {
    String fromEnv = System.getenv(ENV_VAR);
    if (fromEnv != null && !fromEnv.isBlank()) {
      return fromEnv.strip();
    }
    return fromJavaCommand(System.getProperty("sun.java.command"));
  }

  static String fromJavaCommand(String command) {
    if (command == null || command.isBlank()) {
      return FALLBACK;
    }
    String first = command.strip().split("\\s+", 2)[0];
    if (first.endsWith(".jar")) {
      String base = first.substring(Math.max(first.lastIndexOf('/'), first.lastIndexOf('\\')) + 1);
      return base.substring(0, base.length() - ".jar".length());
    }
    String simple = first.substring(first.lastIndexOf('.') + 1);
    return simple.isEmpty() ? FALLBACK : simple;
  }
}
