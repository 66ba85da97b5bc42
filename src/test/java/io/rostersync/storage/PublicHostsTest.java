package io.rostersync.storage;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A host a district gives us may not be this machine or a private network. */
class PublicHostsTest {

    @Test
    void loopbackLinkLocalAndPrivateAddressesAreRefusedPublicOnesAreNot() {
        for (String host : new String[] {"127.0.0.1", "localhost", "169.254.169.254", "10.1.2.3", "192.168.0.4",
            "172.16.5.5", "::1", "fd00::1", "0.0.0.0", "100.100.100.200", "198.18.0.1", "192.0.0.170",
            "64:ff9b::a9fe:a9fe"}) {
            assertThat(PublicHosts.refusal(host)).as(host).contains("private or local");
        }
        assertThat(PublicHosts.refusal("8.8.8.8")).isNull();
        assertThat(PublicHosts.refusal("2001:4860:4860::8888")).isNull();
    }
}
