package io.rostersync.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

/**
 * The lookup a connection to a district's provider uses refuses private and local addresses itself, so
 * there is no moment between a check and a connect in which a name could answer otherwise.
 */
class CheckedDnsTest {

    @Test
    void aNameOfThisMachineOrAPrivateNetworkIsRefusedInTheLookupItself() throws Exception {
        CheckedDns strict = new CheckedDns(() -> false);
        for (String host : new String[] {"localhost", "127.0.0.1", "10.1.2.3", "169.254.169.254", "::1"}) {
            assertThatThrownBy(() -> strict.resolve(host)).as(host)
                    .isInstanceOf(CheckedDns.PrivateHostException.class)
                    .hasMessageContaining("private or local address");
        }
        assertThat(strict.resolve("93.184.215.14")).as("a public address is given as it is")
                .containsExactly(InetAddress.getByName("93.184.215.14"));
    }

    /**
     * An IPv6 answer that carries an IPv4 address reaches that address through a dual-stack socket: a
     * name whose AAAA record is ::ffff:169.254.169.254 is the cloud's metadata service.
     */
    @Test
    void anIpv4AddressInsideAnIpv6OneIsCheckedAsItself() throws Exception {
        byte[] mapped = new byte[16];
        mapped[10] = (byte) 0xff;
        mapped[11] = (byte) 0xff;
        mapped[12] = (byte) 169;
        mapped[13] = (byte) 254;
        mapped[14] = (byte) 169;
        mapped[15] = (byte) 254;
        assertThat(PublicHosts.isPrivate(java.net.Inet6Address.getByAddress(null, mapped, -1))).as("::ffff:169.254.169.254")
                .isTrue();
        byte[] compatible = new byte[16];
        compatible[12] = 127;
        compatible[15] = 1;
        assertThat(PublicHosts.isPrivate(java.net.Inet6Address.getByAddress(null, compatible, -1))).as("::127.0.0.1")
                .isTrue();
        byte[] sixToFour = new byte[16];
        sixToFour[0] = 0x20;
        sixToFour[1] = 0x02;
        sixToFour[2] = 10;
        sixToFour[5] = 1;
        assertThat(PublicHosts.isPrivate(java.net.Inet6Address.getByAddress(null, sixToFour, -1))).as("2002:0a00:0001::")
                .isTrue();
        byte[] publicMapped = mapped.clone();
        publicMapped[12] = 93;
        publicMapped[13] = (byte) 184;
        publicMapped[14] = (byte) 215;
        publicMapped[15] = 14;
        assertThat(PublicHosts.isPrivate(java.net.Inet6Address.getByAddress(null, publicMapped, -1)))
                .as("::ffff:93.184.215.14").isFalse();
    }

    @Test
    void anOperatorMayAllowPrivateHosts() throws Exception {
        boolean[] allowed = {true};
        CheckedDns dns = new CheckedDns(() -> allowed[0]);
        assertThat(dns.resolve("127.0.0.1")).containsExactly(InetAddress.getByName("127.0.0.1"));
        allowed[0] = false;
        assertThatThrownBy(() -> dns.resolve("127.0.0.1")).isInstanceOf(CheckedDns.PrivateHostException.class);
    }
}
