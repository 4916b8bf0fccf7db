package io.logship.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.junit.jupiter.api.Test;

class CidrTest {
    @Test
    void aPrefixThatEndsInsideAByteComparesOnlyItsBits() throws UnknownHostException {
        Cidr range = Cidr.parse("10.128.0.0/9");

        assertThat(range.contains(InetAddress.getByName("10.128.0.1"))).isTrue();
        assertThat(range.contains(InetAddress.getByName("10.255.255.255"))).isTrue();
        assertThat(range.contains(InetAddress.getByName("10.127.255.255"))).isFalse();
    }

    @Test
    void prefixLengthsAtTheLimitsAndOnePast() throws UnknownHostException {
        assertThat(Cidr.parse("0.0.0.0/0").contains(InetAddress.getByName("203.0.113.9")))
                .isTrue();
        assertThat(Cidr.parse("203.0.113.9/32").contains(InetAddress.getByName("203.0.113.9")))
                .isTrue();
        assertThat(Cidr.parse("203.0.113.9/32").contains(InetAddress.getByName("203.0.113.8")))
                .isFalse();
        assertThat(Cidr.parse("::1/128").contains(InetAddress.getByName("::1"))).isTrue();
        assertThatThrownBy(() -> Cidr.parse("203.0.113.9/33")).hasMessage("the prefix length must be from 0 to 32");
        assertThatThrownBy(() -> Cidr.parse("::1/129")).hasMessage("the prefix length must be from 0 to 128");
        assertThatThrownBy(() -> Cidr.parse("10.0.0.0/-1")).hasMessage("the prefix length must be from 0 to 32");
    }

    @Test
    void anIpv4AddressIsNeverInAnIpv6RangeNorTheReverse() throws UnknownHostException {
        assertThat(Cidr.parse("::/0").contains(InetAddress.getByName("127.0.0.1")))
                .isFalse();
        assertThat(Cidr.parse("0.0.0.0/0").contains(InetAddress.getByName("::1")))
                .isFalse();
    }

    @Test
    void onlyLiteralsAreAcceptedAndNothingIsLookedUp() {
        assertThatThrownBy(() -> Cidr.parse("localhost/32")).hasMessage("not an IPv4 or IPv6 address");
        assertThatThrownBy(() -> Cidr.parse("10.0.0/8")).hasMessage("not an IPv4 or IPv6 address");
        assertThatThrownBy(() -> Cidr.parse("10.0.0.256")).hasMessage("not an IPv4 address (256 is above 255)");
        assertThatThrownBy(() -> Cidr.parse("::ffff:10.0.0.1/128")).hasMessage("write an IPv4-mapped range as IPv4");
        assertThatThrownBy(() -> Cidr.parse("10.0.0.0/x")).hasMessage("the prefix length after / is not a number");
    }

    @Test
    void aBareAddressIsTheRangeOfThatAddressAndPrintsWithItsPrefix() {
        assertThat(Cidr.parse("192.168.1.7")).hasToString("192.168.1.7/32").isEqualTo(Cidr.parse("192.168.1.7/32"));
        assertThat(Cidr.parse("2001:db8::/32")).hasToString("2001:db8::/32");
    }
}
