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

    @Test
    void anOperatorMayAllowPrivateHosts() throws Exception {
        boolean[] allowed = {true};
        CheckedDns dns = new CheckedDns(() -> allowed[0]);
        assertThat(dns.resolve("127.0.0.1")).containsExactly(InetAddress.getByName("127.0.0.1"));
        allowed[0] = false;
        assertThatThrownBy(() -> dns.resolve("127.0.0.1")).isInstanceOf(CheckedDns.PrivateHostException.class);
    }
}
