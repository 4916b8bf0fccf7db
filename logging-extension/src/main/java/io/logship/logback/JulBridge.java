package io.logship.logback;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.jul.LevelChangePropagator;
import ch.qos.logback.classic.spi.LoggerContextListener;
import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * Routes java.util.logging into SLF4J (jul-to-slf4j) and keeps JUL's levels in step with logback's ({@link
 * LevelChangePropagator}), so disabled JUL records cost no more than a level check. Idempotent.
 */
final class JulBridge {

    private JulBridge() {}

    static synchronized void install(LoggerContext context) {
        boolean hasPropagator = false;
        for (LoggerContextListener listener : context.getCopyOfListenerList()) {
            hasPropagator |= listener instanceof LevelChangePropagator;
        }
        if (!hasPropagator) {
            LevelChangePropagator propagator = new LevelChangePropagator();
            propagator.setContext(context);
            propagator.setResetJUL(true);
            propagator.start();
            context.addListener(propagator);
        }
        if (!SLF4JBridgeHandler.isInstalled()) {
            SLF4JBridgeHandler.removeHandlersForRootLogger();
            SLF4JBridgeHandler.install();
        }
    }
}
