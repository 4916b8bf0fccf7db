package io.logship.logback;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggerContextListener;
import ch.qos.logback.core.spi.ContextAwareBase;
import ch.qos.logback.core.spi.LifeCycle;
import io.logship.logback.context.KeyValueArgumentFilter;

/**
 * The parts of {@link Logship#setup()} that are not appenders, for {@code logback.xml} users: bridges
 * java.util.logging (with level propagation), installs the uncaught-exception handler and adds {@link
 * KeyValueArgumentFilter} at the end of the turbo filters.
 *
 * <pre>{@code
 * <contextListener class="io.logship.logback.LogshipContextListener">
 *   <programName>myapp</programName>        <!-- optional; derived as setup() does -->
 *   <julBridge>true</julBridge>               <!-- default true -->
 *   <uncaughtExceptions>true</uncaughtExceptions> <!-- default true -->
 * </contextListener>
 * }</pre>
 *
 * <p>Only meaningful with a {@link LoggerContext}; otherwise {@link #start()} reports an error and stays stopped.
 */
public class LogshipContextListener extends ContextAwareBase implements LoggerContextListener, LifeCycle {

    private String programName;
    private boolean julBridge = true;
    private boolean uncaughtExceptions = true;
    private volatile boolean started;

    @Override
    public void start() {
        if (started) {
            return;
        }
        if (!(getContext() instanceof LoggerContext)) {
            addError("LogshipContextListener needs a logback-classic LoggerContext, got " + getContext());
            return;
        }
        String program = ProgramName.resolve(programName, System.getenv(), System.getProperty("sun.java.command"));
        KeyValueArgumentFilter.install((LoggerContext) getContext());
        if (julBridge) {
            JulBridge.install((LoggerContext) getContext());
        }
        if (uncaughtExceptions) {
            UncaughtExceptionLogger.install(program);
        }
        addInfo("logship: program name " + program + ", JUL bridge " + julBridge + ", uncaught exceptions "
                + uncaughtExceptions);
        started = true;
    }

    @Override
    public void stop() {
        started = false; // the JUL bridge and the handler stay: they are JVM-wide and harmless without appenders
    }

    @Override
    public boolean isStarted() {
        return started;
    }

    @Override
    public boolean isResetResistant() {
        return false;
    }

    @Override
    public void onStart(LoggerContext context) {}

    @Override
    public void onReset(LoggerContext context) {}

    @Override
    public void onStop(LoggerContext context) {}

    @Override
    public void onLevelChange(Logger logger, Level level) {}

    public String getProgramName() {
        return programName;
    }

    public void setProgramName(String programName) {
        this.programName = programName;
    }

    public boolean isJulBridge() {
        return julBridge;
    }

    public void setJulBridge(boolean julBridge) {
        this.julBridge = julBridge;
    }

    public boolean isUncaughtExceptions() {
        return uncaughtExceptions;
    }

    public void setUncaughtExceptions(boolean uncaughtExceptions) {
        this.uncaughtExceptions = uncaughtExceptions;
    }
}
