package io.logship.logback.syslog;

import static java.time.Duration.ofMillis;

import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.CoreConstants;
import ch.qos.logback.core.Layout;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import ch.qos.logback.core.util.Duration;
import io.logship.logback.ProgramName;
import io.logship.logback.context.KeyValues;
import io.logship.logback.context.SafeText;
import io.logship.logback.tls.TlsOptions;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.UnixDomainSocketAddress;
import java.util.List;
import org.slf4j.event.KeyValuePair;

/**
 * Sends each record to a syslog daemon as an RFC 5424 message (see {@link Rfc5424Formatter} for the exact shape),
 * over UDP, TCP, TLS (RFC 5425), a unix stream socket or a unix datagram socket such as {@code /dev/log}.
 *
 * <pre>{@code
 * <appender name="SYSLOG" class="io.logship.logback.syslog.SyslogAppender">
 *   <transport>tcp</transport>            <!-- udp (default) | tcp | tls | unix-stream | unix-datagram -->
 *   <host>127.0.0.1</host> <port>601</port>
 *   <facility>local0</facility>           <!-- any case, "LOG_" prefix optional -->
 *   <programName>shop</programName>
 * </appender>
 * }</pre>
 *
 * <p>Record to message: severity from the level ({@link Severity}); text from {@code layout} (default
 * {@value #DEFAULT_PATTERN}; {@code io.logship.logback.encoder.TextLayout} with {@code includeTimestamp} and
 * {@code includePid} off gives daiquiri's syslog text; one trailing newline is removed); key/values ({@link KeyValues}: scoped, bound and call-site
 * ones, merged) as RFC 5424 structured data under {@code sdId}
 * ({@value Rfc5424Formatter#DEFAULT_SD_ID}) and, if {@code keyValuesInText} is set, also appended to the text as
 * {@code [key: value]}, daiquiri's rendering.
 *
 * <p>Failure modes: {@code start()} reports every configuration problem with {@code addError} and stays stopped.
 * At runtime nothing is thrown into the application: a message that cannot be sent is dropped and counted, with a
 * warning on the first drop and every {@value OccurrenceReporter#DEFAULT_REPORT_EVERY}th, and an info once sending
 * works again. There is no queue; see {@link StreamSender} for how long a send may block (at most
 * {@code connectTimeout} or {@code writeTimeout}, once per {@code reconnectDelay} while the daemon is down). Over
 * TLS the handshake is part of connecting, in the logging call, within {@code connectTimeout}; a refused one drops
 * and counts the record with the reason (certificate not trusted, host name mismatch, ...).
 * Messages over {@code maxMessageBytes} are truncated (and counted), never dropped.
 */
public class SyslogAppender extends UnsynchronizedAppenderBase<ILoggingEvent> {
    /** Default transport: UDP, which needs no connection and never blocks. */
    public static final SyslogTransport DEFAULT_TRANSPORT = SyslogTransport.UDP;
    /** Default daemon address for UDP and TCP. */
    public static final String DEFAULT_HOST = "127.0.0.1";
    /** Default port: 514, the registered syslog port (UDP; rsyslog and syslog-ng use it for TCP too). */
    public static final int DEFAULT_PORT = 514;
    /** Default port for transport {@code tls}: 6514, registered for syslog over TLS by RFC 5425. */
    public static final int DEFAULT_TLS_PORT = 6514;
    /** Default facility name. Same as daiquiri's. */
    public static final String DEFAULT_FACILITY = "user";
    /**
     * Default text layout pattern: the formatted message and, on the next lines, the stack trace if there is one (the
     * trailing newline is removed before sending).
     */
    public static final String DEFAULT_PATTERN = "%msg%n%ex";
    /**
     * Default size limit for UDP, in bytes: RFC 5426 §3.2 says receivers SHOULD accept 2048-octet datagrams, so
     * larger ones may be cut or dropped by the network or the daemon. Longer messages are truncated.
     */
    public static final int DEFAULT_MAX_UDP_MESSAGE_BYTES = 2048;
    /**
     * Default size limit for TCP and unix sockets, in bytes: syslog-ng's default {@code log-msg-size()} (64 KiB).
     * rsyslog's default {@code $MaxMessageSize} is 8 KiB: lower this limit when the daemon is rsyslog.
     */
    public static final int DEFAULT_MAX_LOCAL_MESSAGE_BYTES = 65536;
    /** Default longest wait for a TCP or unix stream connection, in the logging thread. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.buildByMilliseconds(1000);
    /** Default longest wait for one message to be written to a TCP or unix stream connection. */
    public static final Duration DEFAULT_WRITE_TIMEOUT = Duration.buildByMilliseconds(1000);
    /** Default pause after a failed connect or write before the next attempt; messages in between are dropped. */
    public static final Duration DEFAULT_RECONNECT_DELAY = Duration.buildByMilliseconds(1000);

    private String transport = DEFAULT_TRANSPORT.name();
    private String host = DEFAULT_HOST;
    private int port = DEFAULT_PORT;
    private boolean portSet;
    private final TlsOptions tls = new TlsOptions();
    private String socketPath;
    private String facility = DEFAULT_FACILITY;
    private String programName;
    private String hostname;
    private String msgId;
    private String sdId = Rfc5424Formatter.DEFAULT_SD_ID;
    private boolean keyValuesInStructuredData = true;
    private boolean keyValuesInText;
    private String framing;
    private Integer maxMessageBytes;
    private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
    private Duration writeTimeout = DEFAULT_WRITE_TIMEOUT;
    private Duration reconnectDelay = DEFAULT_RECONNECT_DELAY;
    private Layout<ILoggingEvent> layout;

    private Rfc5424Formatter formatter;
    private int maxBytes;
    private final SenderOutput output = new SenderOutput(this, "syslog messages");

    @Override
    public void start() {
        if (isStarted()) {
            return;
        }
        SyslogConfig config = SyslogConfig.check(this);
        if (config == null) {
            return;
        }
        MessageSender sender;
        try {
            sender = openSender(config);
        } catch (IOException | RuntimeException e) {
            addError("cannot open the syslog " + config.transport() + " socket: " + e, e);
            return;
        }
        layout = output.start(sender, layout, DEFAULT_PATTERN);
        maxBytes = config.maxBytes();
        formatter = new Rfc5424Formatter(
                config.facility(),
                hostnameOrDefault(),
                programNameOrDefault(),
                Long.toString(ProcessHandle.current().pid()),
                msgId,
                sdId);
        super.start();
    }

    private MessageSender openSender(SyslogConfig config) throws IOException {
        var connect = ofMillis(connectTimeout.getMilliseconds());
        var write = ofMillis(writeTimeout.getMilliseconds());
        var delay = ofMillis(reconnectDelay.getMilliseconds());
        switch (config.transport()) {
            case UDP:
                return new UdpSender(resolve(config.port()));
            case TCP:
                return new StreamSender(resolve(config.port()), config.framing(), connect, write, delay, null);
            case TLS:
                return new StreamSender(resolve(config.port()), config.framing(), connect, write, delay, config.tls());
            case UNIX_STREAM:
                return new StreamSender(
                        UnixDomainSocketAddress.of(socketPath), config.framing(), connect, write, delay, null);
            default:
                return new UnixDatagramSender(socketPath, config.maxBytes());
        }
    }

    /** The daemon's address, resolved once: a name that does not resolve is a start-up error, not a drop per record. */
    private InetSocketAddress resolve(int port) throws IOException {
        InetSocketAddress address = new InetSocketAddress(host, port);
        if (address.isUnresolved()) {
            throw new IOException("host '" + host + "' does not resolve");
        }
        return address;
    }

    private String hostnameOrDefault() {
        if (hostname != null && !hostname.isBlank()) {
            return hostname;
        }
        // logback computes HOSTNAME lazily on first request, once per context.
        return getContext() == null ? null : getContext().getProperty(CoreConstants.HOSTNAME_KEY);
    }

    private String programNameOrDefault() {
        return programName != null && !programName.isBlank() ? programName : ProgramName.detect();
    }

    @Override
    protected void append(ILoggingEvent event) {
        List<KeyValuePair> keyValues = KeyValues.of(event);
        String text = LayoutText.withoutTrailingNewline(layout.doLayout(event));
        if (keyValuesInText && !keyValues.isEmpty()) {
            text = appendKeyValues(text, keyValues);
        }
        Rfc5424Formatter.Message message = formatter.format(
                Severity.of(event.getLevel()),
                event.getTimeStamp(),
                keyValuesInStructuredData ? keyValues : null,
                text,
                maxBytes);
        if (message.truncated()) {
            output.truncated("a message was longer than maxMessageBytes (" + maxBytes + ")");
        }
        output.send(message.bytes(), message.bytes().length);
    }

    /** daiquiri's text rendering of extras: {@code text [k1: v1] [k2: v2]}. */
    static String appendKeyValues(String text, List<KeyValuePair> keyValues) {
        StringBuilder sb = new StringBuilder(text.length() + 16 * keyValues.size()).append(text);
        for (KeyValuePair kv : keyValues) {
            sb.append(" [")
                    .append(kv.key)
                    .append(": ")
                    .append(SafeText.of(kv.value))
                    .append(']');
        }
        return sb.toString();
    }

    @Override
    public void stop() {
        if (!isStarted()) {
            return;
        }
        super.stop();
        layout = output.stop(layout);
    }

    /** Records dropped since start because they could not be sent. */
    public long getDroppedCount() {
        return output.droppedCount();
    }

    /** Records truncated since start because they were longer than {@code maxMessageBytes}. */
    public long getTruncatedCount() {
        return output.truncatedCount();
    }

    // ---- configuration, one get/set pair per logback.xml element ----

    public String getTransport() {
        return transport;
    }

    /** {@code udp} (default), {@code tcp}, {@code tls}, {@code unix-stream} or {@code unix-datagram}; any case. */
    public void setTransport(String transport) {
        this.transport = transport;
    }

    public String getHost() {
        return host;
    }

    /** Daemon host for UDP and TCP; default {@value #DEFAULT_HOST}. Resolved once, at start. */
    public void setHost(String host) {
        this.host = host;
    }

    public int getPort() {
        return port;
    }

    /**
     * Daemon port for UDP, TCP and TLS, 1 to 65535; default {@value #DEFAULT_PORT}, or {@value #DEFAULT_TLS_PORT} for
     * transport {@code tls}.
     */
    public void setPort(int port) {
        this.port = port;
        this.portSet = true;
    }

    /** The port used with {@code transport}: the one set, else the transport's default. */
    int portFor(SyslogTransport transport) {
        return !portSet && transport == SyslogTransport.TLS ? DEFAULT_TLS_PORT : port;
    }

    TlsOptions tlsOptions() {
        return tls;
    }

    public String getTlsCaFile() {
        return tls.getCaFile();
    }

    /**
     * SyslogTransport {@code tls}: PEM file of the certificates (CAs) trusted for the daemon's certificate; unset (and no
     * {@code tlsTrustStore}): the JVM's default trust. The certificate must also name {@code host}.
     */
    public void setTlsCaFile(String file) {
        tls.setCaFile(file);
    }

    public String getTlsTrustStore() {
        return tls.getTrustStore();
    }

    /** SyslogTransport {@code tls}: key store file of trusted certificates, instead of {@code tlsCaFile}. */
    public void setTlsTrustStore(String file) {
        tls.setTrustStore(file);
    }

    /** Password of {@code tlsTrustStore}, if it has one. Never logged. */
    public void setTlsTrustStorePassword(String password) {
        tls.setTrustStorePassword(password);
    }

    public String getTlsTrustStoreType() {
        return tls.getTrustStoreType();
    }

    /** Type of {@code tlsTrustStore}: PKCS12 (default) or JKS. */
    public void setTlsTrustStoreType(String type) {
        tls.setTrustStoreType(type);
    }

    public String getTlsCertFile() {
        return tls.getCertFile();
    }

    /** SyslogTransport {@code tls}, mutual TLS: PEM file of this client's certificate chain; needs {@code tlsKeyFile}. */
    public void setTlsCertFile(String file) {
        tls.setCertFile(file);
    }

    public String getTlsKeyFile() {
        return tls.getKeyFile();
    }

    /** SyslogTransport {@code tls}, mutual TLS: PEM file of this client's private key (PKCS#8 or PKCS#1, unencrypted). */
    public void setTlsKeyFile(String file) {
        tls.setKeyFile(file);
    }

    public String getSocketPath() {
        return socketPath;
    }

    /** Socket file for the unix transports (required for them), e.g. {@code /dev/log}. */
    public void setSocketPath(String socketPath) {
        this.socketPath = socketPath;
    }

    public String getFacility() {
        return facility;
    }

    /** Facility name, e.g. {@code local0} or {@code LOG_DAEMON}; default {@value #DEFAULT_FACILITY}. */
    public void setFacility(String facility) {
        this.facility = facility;
    }

    public String getProgramName() {
        return programName;
    }

    /** APP-NAME; default {@link ProgramName#detect()}. */
    public void setProgramName(String programName) {
        this.programName = programName;
    }

    public String getHostname() {
        return hostname;
    }

    /** HOSTNAME field; default the context's {@code HOSTNAME} property. */
    public void setHostname(String hostname) {
        this.hostname = hostname;
    }

    public String getMsgId() {
        return msgId;
    }

    /** MSGID field, the same for every message; default the NILVALUE. */
    public void setMsgId(String msgId) {
        this.msgId = msgId;
    }

    public String getSdId() {
        return sdId;
    }

    /** SD-ID of the key/value element, {@code name@number}; default {@value Rfc5424Formatter#DEFAULT_SD_ID}. */
    public void setSdId(String sdId) {
        this.sdId = sdId;
    }

    public boolean isKeyValuesInStructuredData() {
        return keyValuesInStructuredData;
    }

    /** Whether key/values go into the structured data; default true. */
    public void setKeyValuesInStructuredData(boolean keyValuesInStructuredData) {
        this.keyValuesInStructuredData = keyValuesInStructuredData;
    }

    public boolean isKeyValuesInText() {
        return keyValuesInText;
    }

    /** Whether key/values are also appended to the text as {@code [key: value]}; default false. */
    public void setKeyValuesInText(boolean keyValuesInText) {
        this.keyValuesInText = keyValuesInText;
    }

    public String getFraming() {
        return framing;
    }

    /**
     * {@code octet-counting} or {@code non-transparent} ({@link Framing}); default octet-counting for TCP and
     * non-transparent for unix-stream. Ignored by the datagram transports.
     */
    public void setFraming(String framing) {
        this.framing = framing;
    }

    public int getMaxMessageBytes() {
        return maxMessageBytes == null ? 0 : maxMessageBytes;
    }

    /**
     * Longest message in bytes, header included; longer ones are truncated. Default
     * {@value #DEFAULT_MAX_UDP_MESSAGE_BYTES} for UDP, {@value #DEFAULT_MAX_LOCAL_MESSAGE_BYTES} otherwise.
     */
    public void setMaxMessageBytes(int maxMessageBytes) {
        this.maxMessageBytes = maxMessageBytes;
    }

    Integer maxMessageBytesOrNull() {
        return maxMessageBytes;
    }

    public Duration getConnectTimeout() {
        return connectTimeout;
    }

    /** Longest wait for a stream connection; default 1 second. */
    public void setConnectTimeout(Duration connectTimeout) {
        this.connectTimeout = connectTimeout;
    }

    public Duration getWriteTimeout() {
        return writeTimeout;
    }

    /** Longest wait to write one message to a stream connection; default 1 second. */
    public void setWriteTimeout(Duration writeTimeout) {
        this.writeTimeout = writeTimeout;
    }

    public Duration getReconnectDelay() {
        return reconnectDelay;
    }

    /** Pause after a stream failure before the next connect; default 1 second. */
    public void setReconnectDelay(Duration reconnectDelay) {
        this.reconnectDelay = reconnectDelay;
    }

    public Layout<ILoggingEvent> getLayout() {
        return layout;
    }

    /** Renders the message text; default a {@link PatternLayout} of {@value #DEFAULT_PATTERN}. */
    public void setLayout(Layout<ILoggingEvent> layout) {
        this.layout = layout;
    }
}
