package io.logship.spring.boot;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.util.Duration;
import io.logship.logback.Logship;
import io.logship.logback.context.KeyValueArgumentFilter;
import io.logship.logback.datadog.DatadogAppender;
import io.logship.logback.datadog.DatadogOutput;
import io.logship.logback.syslog.SyslogAppender;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.springframework.core.env.Environment;

/**
 * What {@link LogshipLoggingSystem} does after every logging initialisation, whatever configured logback: the
 * {@code kv(...)} filter, {@code logship.levels}, the Datadog output, and the shutdown hand-over.
 *
 * <p><b>Shutdown.</b> Spring Boot registers a logging shutdown handler (unless {@code
 * logging.register-shutdown-hook=false}) that stops logback once every application context has closed; stopping
 * the Datadog appender then delivers what is queued for up to its shutdown timeout. An appender's own JVM hook would
 * run concurrently with Spring's and stop it while Spring is still shutting down, so it is removed here.
 */
final class LogshipOutputs {

    /** Name of the Datadog appender the starter attaches to the root logger. */
    static final String DATADOG = "LOGSHIP_DATADOG";

    /** Name of the syslog appender the starter attaches to the root logger. */
    static final String SYSLOG = "LOGSHIP_SYSLOG";

    private LogshipOutputs() {}

    static void afterInitialize(LoggerContext context, LogshipProperties properties, Environment environment) {
        KeyValueArgumentFilter.install(context);
        if (!properties.getLevels().isEmpty()) {
            try {
                Logship.setLevels(properties.getLevels().toArray(new String[0]));
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("logship.levels: " + e.getMessage(), e);
            }
        }
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        List<DatadogAppender> datadog = datadogAppenders(root);
        if (properties.getDatadog().isEnabled() && datadog.isEmpty()) {
            DatadogAppender appender = create(context, properties.getDatadog(), environment);
            root.addAppender(appender);
            datadog.add(appender);
        }
        if (properties.getSyslog().isEnabled() && !hasSyslogAppender(root)) {
            root.addAppender(LogshipSyslog.create(context, properties.getSyslog(), programName(environment)));
        }
        if (environment.getProperty("logging.register-shutdown-hook", Boolean.class, true)) {
            for (DatadogAppender appender : datadog) {
                appender.setShutdownHook(false);
            }
        }
    }

    private static DatadogAppender create(
            LoggerContext context, LogshipProperties.Datadog settings, Environment environment) {
        String service = settings.getService() != null
                ? settings.getService()
                : environment.getProperty("spring.application.name");
        DatadogOutput output = DatadogOutput.create().configure(a -> {
            a.setName(DATADOG);
            if (settings.getHost() != null) {
                a.setHost(settings.getHost());
            }
            if (settings.getPort() != null) {
                a.setPort(settings.getPort());
            }
            if (service != null) {
                a.setService(service);
            }
            a.setEnv(settings.getEnv());
            a.setVersion(settings.getVersion());
            a.setTags(settings.getTags());
            a.setQueueSize(settings.getQueueSize());
            a.setShutdownTimeout(
                    Duration.buildByMilliseconds(settings.getShutdownTimeout().toMillis()));
            LogshipProperties.Tls tls = settings.getTls();
            a.setTls(tls.isEnabled());
            a.setTlsCaFile(tls.getCaFile());
            a.setTlsTrustStore(tls.getTrustStore());
            a.setTlsTrustStorePassword(tls.getTrustStorePassword());
            a.setTlsTrustStoreType(tls.getTrustStoreType());
            a.setTlsCertFile(tls.getCertFile());
            a.setTlsKeyFile(tls.getKeyFile());
        });
        try {
            return (DatadogAppender) output.createAppender(context, service == null ? "spring" : service);
        } catch (IllegalStateException e) {
            throw new IllegalStateException("logship.datadog: " + e.getMessage(), e);
        }
    }

    private static String programName(Environment environment) {
        return environment.getProperty("spring.application.name", "spring");
    }

    private static boolean hasSyslogAppender(Logger root) {
        for (Iterator<Appender<ILoggingEvent>> it = root.iteratorForAppenders(); it.hasNext(); ) {
            if (it.next() instanceof SyslogAppender) {
                return true;
            }
        }
        return false;
    }

    static List<DatadogAppender> datadogAppenders(Logger root) {
        List<DatadogAppender> found = new ArrayList<>();
        for (Iterator<Appender<ILoggingEvent>> it = root.iteratorForAppenders(); it.hasNext(); ) {
            Appender<ILoggingEvent> appender = it.next();
            if (appender instanceof DatadogAppender) {
                found.add((DatadogAppender) appender);
            }
        }
        return found;
    }
}
