package io.logship.logback.syslog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class FacilityTest {

    @Test
    void namesAreCaseInsensitiveWithOptionalLogPrefix() {
        assertThat(Facility.fromName("local7")).isEqualTo(Facility.LOCAL7);
        assertThat(Facility.fromName("LOG_LOCAL7")).isEqualTo(Facility.LOCAL7);
        assertThat(Facility.fromName(" Daemon ")).isEqualTo(Facility.DAEMON);
        assertThat(Facility.fromName("log_user").code()).isEqualTo(1);
        assertThat(Facility.LOCAL0.code()).isEqualTo(16);
    }

    @Test
    void unknownNameListsTheValidOnes() {
        assertThatThrownBy(() -> Facility.fromName("local8"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(
                        "unknown syslog facility 'local8'; expected one of: kern, user, mail, daemon, auth, syslog, "
                                + "lpr, news, uucp, cron, authpriv, ftp, ntp, security, console, solaris_cron, local0, local1, "
                                + "local2, local3, local4, local5, local6, local7");
        assertThatThrownBy(() -> Facility.fromName(null)).hasMessageStartingWith("unknown syslog facility 'null'");
    }

    @Test
    void transportNamesAcceptDashes() {
        assertThat(SyslogTransport.fromName("unix-stream")).isEqualTo(SyslogTransport.UNIX_STREAM);
        assertThat(SyslogTransport.fromName("UDP")).isEqualTo(SyslogTransport.UDP);
        assertThatThrownBy(() -> SyslogTransport.fromName("sctp"))
                .hasMessage(
                        "unknown syslog transport 'sctp'; expected one of: udp, tcp, tls, unix-stream, unix-datagram");
    }
}
