package io.logship.spring.boot.demo;

import static io.logship.logback.context.KeyValues.kv;

import io.logship.logback.context.LogContext;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.task.AsyncTaskExecutor;
import org.springframework.scheduling.annotation.Async;
import org.springframework.scheduling.annotation.EnableAsync;
import org.springframework.stereotype.Service;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Hooks;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** A plain Spring Boot web application using the starter with no logging XML: what the tests run. */
@SpringBootApplication
@SuppressWarnings("try") // LogContext scopes are opened for their effect
@EnableAsync
public class DemoApp {

    /** Virtual threads (spring.threads.virtual.enabled) where the JDK has them. */
    public static final boolean VIRTUAL = Runtime.version().feature() >= 21;

    /**
     * Runs the application as {@code main} would, on a random port, sending to the agent at {@code agentPort};
     * prints {@code PORT=<port>} on stdout once it serves (a forked test reads it).
     */
    public static void main(String[] args) {
        ConfigurableApplicationContext context = start(Integer.parseInt(args[0]));
        System.out.println("PORT=" + context.getEnvironment().getProperty("local.server.port"));
    }

    public static ConfigurableApplicationContext start(int agentPort) {
        SpringApplication application = new SpringApplication(DemoApp.class);
        application.setMainApplicationClass(DemoApp.class); // in a test JVM, main is the test runner
        return application.run(
                "--server.port=0",
                "--server.address=127.0.0.1",
                "--server.shutdown=graceful",
                "--spring.application.name=checkout",
                "--spring.threads.virtual.enabled=" + VIRTUAL,
                "--logship.datadog.enabled=true",
                "--logship.datadog.host=127.0.0.1",
                "--logship.datadog.port=" + agentPort,
                "--logship.datadog.env=test",
                "--logship.levels=io.logship.agent=off,io.netty=warn");
    }

    @Service
    public static class Billing {
        /** Runs on Spring's application task executor (virtual threads when enabled). */
        @Async
        public CompletableFuture<String> requestIdLater() {
            return CompletableFuture.completedFuture(MDC.get("request_id") + (isVirtual() ? "@virtual" : ""));
        }
    }

    static boolean isVirtual() {
        return Thread.currentThread().toString().startsWith("VirtualThread");
    }

    @RestController
    public static class Orders implements DisposableBean {
        private static final Logger LOG = LoggerFactory.getLogger(Orders.class);

        private final Billing billing;
        private final AsyncTaskExecutor applicationTaskExecutor;
        private final ExecutorService plain = Executors.newSingleThreadExecutor();

        public Orders(
                Billing billing, @Qualifier("applicationTaskExecutor") AsyncTaskExecutor applicationTaskExecutor) {
            this.billing = billing;
            this.applicationTaskExecutor = applicationTaskExecutor;
            Hooks.enableAutomaticContextPropagation(); // what spring.reactor.context-propagation=auto does
        }

        @Override
        public void destroy() {
            plain.shutdownNow();
        }

        /** Logs {@code n} records with kv pairs inside a LogContext scope. */
        @GetMapping("/orders")
        public String orders(@RequestParam("n") int n) {
            try (LogContext.Scope scope = LogContext.put("request_id", "r-1")) {
                for (int i = 0; i < n; i++) {
                    LOG.info("order {} paid", i, kv("order", i), kv("user", "jd"));
                }
            }
            return "logged " + n;
        }

        /** The request_id each thread hop sees. */
        @GetMapping("/hops")
        public Map<String, String> hops() throws Exception {
            Map<String, String> seen = new LinkedHashMap<>();
            try (LogContext.Scope scope = LogContext.put("request_id", "r-hop")) {
                seen.put("async", billing.requestIdLater().get(10, TimeUnit.SECONDS));
                seen.put(
                        "completableFuture",
                        CompletableFuture.supplyAsync(() -> MDC.get("request_id"), applicationTaskExecutor)
                                .get(10, TimeUnit.SECONDS));
                seen.put(
                        "wrappedExecutor",
                        CompletableFuture.supplyAsync(() -> MDC.get("request_id"), LogContext.wrap(plain))
                                .get(10, TimeUnit.SECONDS));
                seen.put(
                        "mono",
                        Mono.fromSupplier(() -> MDC.get("request_id") + "@"
                                        + Thread.currentThread().getName())
                                .subscribeOn(Schedulers.boundedElastic())
                                .block());
            }
            seen.put("afterScope", String.valueOf(MDC.get("request_id")));
            return seen;
        }
    }
}
