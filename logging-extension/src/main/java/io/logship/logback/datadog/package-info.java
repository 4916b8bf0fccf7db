/**
 * The Datadog output: one UTF-8 JSON object per record, {@code \n}-terminated, sent over TCP (default
 * {@code 127.0.0.1:10518}) or UDP to a local Datadog Agent (or a logship agent) with a {@code type: tcp/udp} log source.
 *
 * <p><b>Path of a record.</b> The application thread hands the logback event to {@link
 * io.logship.logback.datadog.DatadogAppender}, which only estimates its size and puts it into a bounded {@link
 * io.logship.logback.datadog.RecordQueue} (bounded by records and by estimated bytes). One background {@link
 * io.logship.logback.datadog.DatadogWriter} thread peeks batches from the queue head, encodes them with {@link
 * io.logship.logback.datadog.DatadogJsonEncoder} into one reusable buffer, writes them through a {@link
 * io.logship.logback.datadog.Connection}, and only then removes them from the queue.
 *
 * <p><b>Limits and what happens at each.</b>
 * <ul>
 *   <li>Queue full (records or bytes): the newest record is dropped and counted ({@link
 *       io.logship.logback.datadog.WhenQueueFull#DROP_NEWEST}, the default), or the caller waits up to a timeout
 *       ({@link io.logship.logback.datadog.WhenQueueFull#BLOCK_WITH_TIMEOUT}) and then drops and counts.</li>
 *   <li>A record larger than the whole byte budget of the queue: dropped and counted ("too large").</li>
 *   <li>UDP, a record larger than one datagram: message and stack are truncated to fit, else dropped and counted.</li>
 *   <li>Agent unreachable or connection lost: records stay queued and are sent in order after a reconnect (backoff
 *       with full jitter, 1 s to 30 s by default); a batch whose write failed is re-sent whole.</li>
 *   <li>Shutdown: the queue is drained for up to the shutdown timeout (default 5 s); what is left is reported.</li>
 * </ul>
 * Every drop is counted in {@link io.logship.logback.datadog.DeliveryStats}, reported through logback's status
 * (first drop, every Nth, and the total when sending resumes), on stderr (every warning, at most one line per 10 s,
 * the shutdown loss always; {@code StderrNotice}) and by one warning record sent once the connection is back.
 *
 * <p><b>TLS.</b> With {@code tls} on (TCP only), {@link io.logship.logback.datadog.TcpConnection} runs the handshake on
 * the writer thread as part of connecting, so a refused or stalled handshake is a failed connect: the records stay
 * queued and the warning names the reason ({@link io.logship.logback.tls}).
 *
 * <p><b>Delivery guarantee.</b> At-least-once from the application to the socket: a batch whose write failed part way
 * is re-sent whole, so the receiver may see some records twice. Nothing acknowledges a line, so records the kernel
 * accepted just before the peer died are lost; the peer-closed probe before each batch shrinks that window to a race
 * instead of the certain loss daiquiri shows (its issue #46).
 */
package io.logship.logback.datadog;
