package io.mezzo.internal.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class BasicCredentialsTest {
    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsPrincipalAndSecretSplitAtTheFirstColon() {
        // "ops:pa:ss" → principal ops, secret pa:ss (RFC 7617: the user-id holds no colon)
        BasicCredentials c = BasicCredentials.parse("basic " + b64("ops:pa:ss"));
        assertThat(c.principal()).isEqualTo("ops");
        assertThat(c.secret()).isEqualTo("pa:ss");
        assertThat(BasicCredentials.parse(c.header())).isEqualTo(c);
    }

    @Test
    void malformedHeadersAreRefusedNamingTheProblemButNotTheSecret() {
        assertThatThrownBy(() -> BasicCredentials.parse("Bearer abc")).hasMessageContaining("'Bearer' scheme");
        assertThatThrownBy(() -> BasicCredentials.parse("Basic")).hasMessageContaining("empty");
        assertThatThrownBy(() -> BasicCredentials.parse("Basic %%%")).hasMessageContaining("not valid Base64");
        assertThatThrownBy(() -> BasicCredentials.parse("Basic " + b64("topsecret")))
                .hasMessageContaining("no ':'").message().doesNotContain("topsecret");
        assertThatThrownBy(() -> BasicCredentials.parse("Basic " + b64(":topsecret")))
                .hasMessageContaining("empty principal").message().doesNotContain("topsecret");
    }

    @Test
    void printingNeverShowsTheSecret() {
        assertThat(new BasicCredentials("ops", "topsecret").toString()).contains("ops").doesNotContain("topsecret");
        assertThat(new Credential("ops", "topsecret").toString()).contains("ops").doesNotContain("topsecret");
    }
}
