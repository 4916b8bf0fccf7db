/**
 * Framing: bytes in, lines out.
 *
 * <p><b>What enters:</b> a TCP byte stream ({@link io.logship.agent.frame.LineFramer}) or the content of one UDP
 * datagram ({@link io.logship.agent.frame.LineSplitter} with {@code endOfInput}). <b>What leaves:</b> one
 * {@link io.netty.buffer.ByteBuf} per line, owned by the receiver, without its {@code \n} or trailing {@code \r}.
 *
 * <p><b>Limits and what happens at each one</b>
 * <ul>
 *   <li>{@code max_message_bytes} (default {@link io.logship.agent.frame.LineSplitter#DEFAULT_MAX_MESSAGE_BYTES}):
 *       a line of exactly the limit passes unmarked; a longer one is chopped into chunks of the limit, the flag
 *       {@code ...TRUNCATED...} appended to every chunk but the last and prepended to every chunk but the first
 *       (as the Datadog Agent does). Nothing is dropped and the connection is never closed for it.</li>
 *   <li>Empty lines (also {@code \r\n} alone) are skipped.</li>
 *   <li>A partial last line is delivered when the peer closes (or at the end of a datagram).</li>
 * </ul>
 * Bytes are not validated here: invalid UTF-8 is replaced by the enricher.
 */
package io.logship.agent.frame;
