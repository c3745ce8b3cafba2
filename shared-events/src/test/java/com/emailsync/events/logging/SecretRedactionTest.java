package com.emailsync.events.logging;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

class SecretRedactionTest {

  @Test
  void credentialsAfterTheirSchemeInAUriOrUnderTheirNameAreRedacted() {
    assertThat(SecretRedaction.redact("Authorization: Bearer ya29.a0AfH6SMBx-Long_token")).isEqualTo("Authorization: Bearer [redacted]");
    assertThat(SecretRedaction.redact("Authorization: Basic c2FtOmh1bnRlcjI=")).isEqualTo("Authorization: Basic [redacted]");
    assertThat(SecretRedaction.redact("mongodb://emailsync:Sup3r-s3cret@mongo:27017/db")).isEqualTo("mongodb://emailsync:[redacted]@mongo:27017/db");
    assertThat(SecretRedaction.redact("EMAILSYNC_SECRETS_TRANSPORT_KEY=k1:AAAAbbbbCCCC, at-rest-key: k2:DDDD"))
        .isEqualTo("EMAILSYNC_SECRETS_TRANSPORT_KEY=[redacted], at-rest-key: [redacted]");
    assertThat(SecretRedaction.redact("{\"client_secret\":\"s3cr3t V4lue with spaces\",\"password\":\"Hunter-22\"}"))
        .isEqualTo("{\"client_secret\":\"[redacted]\",\"password\":\"[redacted]\"}");
    assertThat(SecretRedaction.redact("id_token=eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJzYW0ifQ.c2ln")).doesNotContain("eyJ");
  }

  @Test
  void wordsThatOnlySayWhatBecameOfACredentialAreKept() {
    for (String plain : new String[] {
        "The server asked for basic authentication", "The access token: expired", "password: rejected by the server",
        "A bearer credential is required", "Kafka record key=conn-1 sent"}) {
      assertThat(SecretRedaction.redact(plain)).isEqualTo(plain);
    }
  }

  @Test
  void aLogContextPutsBackWhatWasThereBefore() {
    try (var outer = LogContext.of(LogContext.TENANT, "acme", LogContext.CONNECTION, "conn-1")) {
      try (var inner = LogContext.of(LogContext.CONNECTION, "conn-2", LogContext.MESSAGE, null)) {
        assertThat(MDC.get(LogContext.CONNECTION)).isEqualTo("conn-2");
        assertThat(MDC.get(LogContext.MESSAGE)).as("a null value is left out").isNull();
      }
      assertThat(MDC.get(LogContext.CONNECTION)).isEqualTo("conn-1");
      assertThat(MDC.get(LogContext.TENANT)).isEqualTo("acme");
    }
    assertThat(MDC.get(LogContext.TENANT)).isNull();
    assertThat(MDC.get(LogContext.CONNECTION)).isNull();
  }
}
