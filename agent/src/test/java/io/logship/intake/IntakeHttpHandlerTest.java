package io.logship.intake;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The handler alone in an {@link EmbeddedChannel}, with executors that run, hold or reject work. */
class IntakeHttpHandlerTest {
    @TempDir
    Path directory;

    private IntakeStore store;
    private RouteStats stats;
    private IntakeRouter router;
    private final List<Runnable> held = new ArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        LocalIntakeOptions options = LocalIntakeOptions.builder(directory)
                .port(0)
                .mode(LocalIntakeOptions.StorageMode.DISCARD)
                .build();
        store = IntakeStore.open(directory);
        stats = new RouteStats();
        router = new IntakeRouter(
                null,
                new IngestRoute(options, store, new Knobs(), stats),
                stats,
                new RequestGuard("127.0.0.1", () -> 8282),
                false);
    }

    @AfterEach
    void tearDown() {
        store.close();
    }

    private static FullHttpRequest post(String body) {
        FullHttpRequest request = new DefaultFullHttpRequest(
                HttpVersion.HTTP_1_1,
                HttpMethod.POST,
                "/api/v2/logs",
                Unpooled.copiedBuffer(body, StandardCharsets.UTF_8));
        request.headers().set("Host", "127.0.0.1:8282");
        return request;
    }

    private EmbeddedChannel channel(Executor workers) {
        return new EmbeddedChannel(IntakeHttpHandler.malformed(stats), new IntakeHttpHandler(router, stats, workers));
    }

    @Test
    void answers503WithRetryAfterAndReleasesTheRequestWhenWorkersAreFull() {
        EmbeddedChannel channel = channel(task -> {
            throw new RejectedExecutionException("full");
        });
        FullHttpRequest request = post("[{}]");

        channel.writeInbound(request);
        FullHttpResponse response = channel.readOutbound();

        assertThat(response.status().code()).isEqualTo(503);
        assertThat(response.headers().get("Retry-After")).isEqualTo("1");
        assertThat(request.refCnt()).isZero();
        assertThat(stats.snapshot().get("/api/v2/logs")).containsEntry(503, 1L);
        assertThat(channel.config().isAutoRead()).isTrue();
        response.release();
        assertThat(channel.finishAndReleaseAll()).isFalse();
    }

    @Test
    void answersInOrderAndReadsAgainOnlyWhenIdle() {
        EmbeddedChannel channel = channel(held::add);
        FullHttpRequest first = post("[{}]");
        FullHttpRequest second = post("nope");

        channel.writeInbound(first, second);
        assertThat(channel.config().isAutoRead()).isFalse();
        assertThat(held).hasSize(1); // the second waits for the first
        held.remove(0).run();
        channel.runPendingTasks();
        FullHttpResponse firstAnswer = channel.readOutbound();
        held.remove(0).run();
        channel.runPendingTasks();
        FullHttpResponse secondAnswer = channel.readOutbound();

        assertThat(firstAnswer.status().code()).isEqualTo(202);
        assertThat(secondAnswer.status().code()).isEqualTo(400);
        assertThat(first.refCnt()).isZero();
        assertThat(second.refCnt()).isZero();
        assertThat(channel.config().isAutoRead()).isTrue();
        firstAnswer.release();
        secondAnswer.release();
        assertThat(channel.finishAndReleaseAll()).isFalse();
    }

    @Test
    void closesAndReleasesWhenAClientPipelinesTooMuch() {
        EmbeddedChannel channel = channel(held::add);
        List<FullHttpRequest> requests = new ArrayList<>();
        for (int i = 0; i < IntakeHttpHandler.MAX_PIPELINED_REQUESTS + 2; i++) {
            requests.add(post("[{}]"));
        }

        channel.writeInbound(requests.toArray());
        held.remove(0).run();
        channel.runPendingTasks();

        assertThat(channel.isOpen()).isFalse();
        assertThat(requests).allSatisfy(request -> assertThat(request.refCnt()).isZero());
        channel.finishAndReleaseAll();
    }

    @Test
    void answers400AndClosesOnAnUndecodableRequest() {
        EmbeddedChannel channel = channel(held::add);
        FullHttpRequest broken = post("");
        broken.setDecoderResult(DecoderResult.failure(new IllegalArgumentException("bad header")));

        channel.writeInbound(broken);
        FullHttpResponse response = channel.readOutbound();

        assertThat(response.status().code()).isEqualTo(400);
        assertThat(broken.refCnt()).isZero();
        assertThat(channel.isOpen()).isFalse();
        assertThat(held).isEmpty();
        response.release();
        channel.finishAndReleaseAll();
    }
}
