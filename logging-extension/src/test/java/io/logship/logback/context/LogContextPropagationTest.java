package io.logship.logback.context;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.context.ContextRegistry;
import io.micrometer.context.ContextSnapshot;
import io.micrometer.context.ContextSnapshotFactory;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

@SuppressWarnings("try") // scopes are opened for their effect on the MDC
class LogContextPropagationTest {

    private static ExecutorService pool;

    @BeforeAll
    static void startPool() {
        pool = Executors.newSingleThreadExecutor();
    }

    @AfterAll
    static void stopPool() throws InterruptedException {
        pool.shutdownNow();
        assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void currentHoldsOnlyLogContextKeysInOrder() {
        MDC.put("traceId", "t-1");
        try (LogContext.Scope a = LogContext.put("request_id", "r-1");
                LogContext.Scope b = LogContext.put("user", "jd")) {
            assertThat(LogContext.current()).containsExactly(Map.entry("request_id", "r-1"), Map.entry("user", "jd"));
        } finally {
            MDC.remove("traceId");
        }
        assertThat(LogContext.current()).isEmpty();
    }

    @Test
    void wrappedRunnableAndCallableSeeTheSubmittersContextAndLeaveTheWorkerClean() throws Exception {
        try (LogContext.Scope scope = LogContext.put("request_id", "r-2")) {
            String[] seen = new String[1];
            pool.submit(LogContext.wrap(() -> {
                        seen[0] = MDC.get("request_id");
                    }))
                    .get(10, TimeUnit.SECONDS);
            String called =
                    pool.submit(LogContext.wrap(() -> MDC.get("request_id"))).get(10, TimeUnit.SECONDS);

            assertThat(seen[0]).isEqualTo("r-2");
            assertThat(called).isEqualTo("r-2");
        }
        assertThat(pool.submit(() -> MDC.get("request_id")).get(10, TimeUnit.SECONDS))
                .isNull();
    }

    @Test
    void wrappedExecutorCarriesTheContextOfEachSubmissionThroughCompletableFuture() throws Exception {
        var executor = LogContext.wrap(pool);

        CompletableFuture<String> first;
        CompletableFuture<String> second;
        try (LogContext.Scope scope = LogContext.put("request_id", "r-3")) {
            first = CompletableFuture.supplyAsync(() -> MDC.get("request_id"), executor);
        }
        try (LogContext.Scope scope = LogContext.put("request_id", "r-4")) {
            second = CompletableFuture.supplyAsync(() -> MDC.get("request_id"), executor)
                    .thenApplyAsync(v -> v + "/" + MDC.get("request_id"), executor);
        }

        assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo("r-3");
        // thenApplyAsync is submitted by the worker that ran the first stage, inside r-4's context: it carries r-4 on
        assertThat(second.get(10, TimeUnit.SECONDS)).isEqualTo("r-4/r-4");
    }

    @Test
    void workerKeepsItsOwnMdcEntriesAndGetsItsContextBack() throws Exception {
        String[] inside = new String[1];
        Runnable wrapped;
        try (LogContext.Scope scope = LogContext.put("request_id", "r-6")) {
            wrapped = LogContext.wrap(() -> {
                inside[0] = MDC.get("request_id") + "," + MDC.get("job") + "," + MDC.get("worker");
            });
        }

        String after = pool.submit(() -> {
                    MDC.put("worker", "w");
                    try (LogContext.Scope own = LogContext.put("job", "j-1")) {
                        wrapped.run();
                        return MDC.get("worker") + "," + MDC.get("job") + "," + MDC.get("request_id");
                    } finally {
                        MDC.remove("worker");
                    }
                })
                .get(10, TimeUnit.SECONDS);

        assertThat(inside[0]).isEqualTo("r-6,null,w");
        assertThat(after).isEqualTo("w,j-1,null");
    }

    @Test
    void accessorIsFoundByServiceLoaderAndCarriesTheContextInASnapshot() throws Exception {
        ContextSnapshotFactory factory = ContextSnapshotFactory.builder()
                .contextRegistry(ContextRegistry.getInstance())
                .build();

        ContextSnapshot snapshot;
        try (LogContext.Scope scope = LogContext.put("request_id", "r-7")) {
            snapshot = factory.captureAll();
        }
        String inside = pool.submit(snapshot.wrap(() -> MDC.get("request_id"))).get(10, TimeUnit.SECONDS);
        String afterwards = pool.submit(() -> MDC.get("request_id")).get(10, TimeUnit.SECONDS);

        assertThat(ContextRegistry.getInstance().getThreadLocalAccessors())
                .anyMatch(a -> a.key().equals(LogContextAccessor.KEY));
        assertThat(inside).isEqualTo("r-7");
        assertThat(afterwards).isNull();
    }
}
