package io.logship.agent.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine;

/** The agent's version, from the Maven-filtered {@code io/logship/agent/version.properties}. */
public final class Version implements CommandLine.IVersionProvider {
    private static final String RESOURCE = "/io/logship/agent/version.properties";
    private static final String VERSION = load();

    /** {@code 0.1.0-SNAPSHOT}, as in the build; used in {@code User-Agent: logship/<version>}. */
    public static String current() {
        return VERSION;
    }

    @Override
    public String[] getVersion() {
        return new String[] {
            "logship-agent " + VERSION, "Java " + Runtime.version() + " (" + System.getProperty("java.vendor") + ")"
        };
    }

    private static String load() {
        try (InputStream in = Version.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the classpath");
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
