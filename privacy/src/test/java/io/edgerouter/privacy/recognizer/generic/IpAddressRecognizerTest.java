package io.edgerouter.privacy.recognizer.generic;

import static io.edgerouter.privacy.recognizer.RecognizerRow.between;
import static io.edgerouter.privacy.recognizer.RecognizerRow.found;
import static io.edgerouter.privacy.recognizer.RecognizerRow.none;
import static io.edgerouter.privacy.recognizer.RecognizerRow.weak;

import io.edgerouter.privacy.recognizer.RecognizerRow;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class IpAddressRecognizerTest {

    private static final IpAddressRecognizer RECOGNIZER = new IpAddressRecognizer();

    static Stream<RecognizerRow> rows() {
        return Stream.of(
                // IPv4 without context: valid but only moderately likely
                weak("ipv4 no context", "ping 10.0.12.7 now", "10.0.12.7", 0.6),
                // "server" nearby raises the score
                found("ipv4 with context", "server 10.0.12.7", "10.0.12.7", 0.9),
                // CIDR notation keeps the prefix length
                found("ipv4 cidr", "subnet 192.168.0.0/16", "192.168.0.0/16", 0.9),
                // octet above 255
                none("ipv4 octet out of range", "addr 256.1.1.1"),
                // full IPv6
                found("ipv6 full", "host 2001:0db8:85a3:0000:0000:8a2e:0370:7334", "2001:0db8:85a3:0000:0000:8a2e:0370:7334", 0.9),
                // compressed IPv6
                found("ipv6 compressed", "dns 2001:db8::1", "2001:db8::1", 0.9),
                // IPv4-embedded IPv6
                found("ipv6 embedded ipv4", "mapped ::ffff:192.0.2.128 ok", "::ffff:192.0.2.128", 0.6),
                // scoped link-local address with zone id
                found("ipv6 zone id", "gateway fe80::1ff:fe23:4567:890a%eth0", "fe80::1ff:fe23:4567:890a%eth0", 0.9),
                // two '::' are invalid
                none("ipv6 double compression", "bad 2001::db8::1"),
                // a clock time has colons but is not an address
                none("clock time", "at 14:30:00 sharp"),
                // a MAC address has six groups, not eight
                none("mac is not ipv6", "00:1A:2B:3C:4D:5E"),

                // Presidio's weak form: the unspecified address "::" alone
                weak("unspecified", "bind to :: only", "::", 0.15),
                // "::/0" (default route) is weak as well
                weak("unspecified with prefix", "route ::/0 via", "::/0", 0.15),
                // loopback "::1" is a full-score address
                between("loopback", "from ::1 now", "::1", 0.6, 0.6),
                // IPv4 followed by a port: the address alone
                between("ipv4 with port", "connect 10.20.30.40:8443 now", "10.20.30.40", 0.6, 0.6),
                // a fifth number after the address: the first four octets are reported (as Presidio does)
                between("five dotted numbers", "seen 172.16.5.4.9", "172.16.5.4", 0.6, 0.6),
                // an invalid prefix length stays outside the span
                between("bad prefix length", "net 10.8.0.0/99", "10.8.0.0", 0.6, 0.6),
                // glued to letters
                none("glued to a word", "id192.168.7.1x"),
                // leading zeros are ambiguous (octal) and rejected
                none("leading zeros", "at 010.001.002.003"),
                // three octets only
                none("three octets", "version 10.4.1"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void recognizesIpv4AndIpv6(RecognizerRow row) {
        row.check(RECOGNIZER);
    }
}
