package io.logship.agent.destinations.intake;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The {@code User-Agent} of every request: {@code logship/<version>}, the version from the build. */
public final class UserAgent {
    /** Classpath resource holding {@code version=...}, filtered by Maven. */
    static final String VERSION_RESOURCE = "/io/logship/agent/version.properties";

    private static final String VALUE = "logship/" + readVersion();

    private UserAgent() {}

    /** {@code logship/<version>}, e.g. {@code logship/0.1.0-SNAPSHOT}. */
    public static String value() {
        return VALUE;
    }

    private static String readVersion() {
        try (InputStream in = UserAgent.class.getResourceAsStream(VERSION_RESOURCE)) {
            if (in == null) {
                return "unknown";
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            // A missing version only changes the header; the agent still works.
            return "unknown";
        }
    }
}
