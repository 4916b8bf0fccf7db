package io.logship.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * A range of IPv4 or IPv6 addresses in CIDR notation ({@code 10.0.0.0/8}, {@code ::1/128}), as written in a
 * source's {@code allow:} list. Only literal addresses are accepted: a host name would need a DNS lookup at start
 * and would not follow later changes. An address without {@code /} is the range of that one address.
 *
 * <p>Immutable and thread-safe; {@link #contains} compares bytes and allocates nothing.
 */
public final class Cidr {
    private final byte[] network;
    private final int prefixLength;
    private final String text;

    private Cidr(byte[] network, int prefixLength, String text) {
        this.network = network;
        this.prefixLength = prefixLength;
        this.text = text;
    }

    /**
     * Parses {@code 10.0.0.0/8} or {@code 2001:db8::/32}; {@link IllegalArgumentException} with the reason otherwise.
     * Host bits set below the prefix ({@code 10.1.2.3/8}) are rejected: they usually mean a mistyped prefix.
     */
    public static Cidr parse(String text) {
        String value = text.strip();
        int slash = value.indexOf('/');
        String address = slash < 0 ? value : value.substring(0, slash);
        byte[] bytes = literal(address);
        int maxPrefix = bytes.length * 8;
        int prefix = maxPrefix;
        if (slash >= 0) {
            try {
                prefix = Integer.parseInt(value.substring(slash + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("the prefix length after / is not a number");
            }
            if (prefix < 0 || prefix > maxPrefix) {
                throw new IllegalArgumentException("the prefix length must be from 0 to " + maxPrefix);
            }
        }
        for (int bit = prefix; bit < maxPrefix; bit++) {
            if ((bytes[bit / 8] & (0x80 >>> (bit % 8))) != 0) {
                throw new IllegalArgumentException("address bits are set after the first " + prefix + " bits");
            }
        }
        return new Cidr(bytes, prefix, address + "/" + prefix);
    }

    private static byte[] literal(String address) {
        if (address.indexOf(':') < 0) {
            return ipv4(address);
        }
        if (!address.chars().allMatch(c -> c == ':' || c == '.' || Character.digit(c, 16) >= 0)) {
            throw new IllegalArgumentException("not an IPv4 or IPv6 address");
        }
        try {
            // A text with ':' is only ever parsed as an IPv6 literal: no name is looked up.
            byte[] bytes = InetAddress.getByName(address).getAddress();
            if (bytes.length == 4) {
                throw new IllegalArgumentException("write an IPv4-mapped range as IPv4");
            }
            return bytes;
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IPv4 or IPv6 address");
        }
    }

    /** Four decimal numbers from 0 to 255, parsed here: the JDK would look up anything else as a host name. */
    private static byte[] ipv4(String address) {
        String[] parts = address.split("\\.", -1);
        if (parts.length != 4) {
            throw new IllegalArgumentException("not an IPv4 or IPv6 address");
        }
        byte[] bytes = new byte[4];
        for (int i = 0; i < 4; i++) {
            String part = parts[i];
            if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(c -> c >= '0' && c <= '9')) {
                throw new IllegalArgumentException("not an IPv4 or IPv6 address");
            }
            int value = Integer.parseInt(part);
            if (value > 255) {
                throw new IllegalArgumentException("not an IPv4 address (" + part + " is above 255)");
            }
            bytes[i] = (byte) value;
        }
        return bytes;
    }

    /** Whether {@code address} lies in this range; an IPv4 address never lies in an IPv6 range, nor the reverse. */
    public boolean contains(InetAddress address) {
        byte[] other = address.getAddress();
        if (other.length != network.length) {
            return false;
        }
        int whole = prefixLength / 8;
        for (int i = 0; i < whole; i++) {
            if (other[i] != network[i]) {
                return false;
            }
        }
        int rest = prefixLength % 8;
        if (rest == 0) {
            return true;
        }
        int mask = (0xff << (8 - rest)) & 0xff;
        return (other[whole] & mask) == (network[whole] & mask);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Cidr c && c.prefixLength == prefixLength && Arrays.equals(c.network, network);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(network) + prefixLength;
    }

    /** As written in YAML, with the prefix length always shown: {@code 127.0.0.1/32}. */
    @Override
    public String toString() {
        return text;
    }
}
