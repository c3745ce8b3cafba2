package com.emailsync.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class LocalStackServicesTest {

  @Test
  void runsEveryServiceUnlessTheEnvironmentNamesSome() {
    assertThat(LocalStackOptions.from(new String[0], Map.of()).services()).containsExactlyInAnyOrder(LocalStack.Service.values());
    assertThat(LocalStackOptions.from(new String[0], Map.of("EMAILSYNC_SERVICES", " connection, SYNC ")).services())
        .containsExactlyInAnyOrder(LocalStack.Service.CONNECTION, LocalStack.Service.SYNC);
  }

  @Test
  void anUnknownServiceStopsTheStartWithTheNamesItKnows() {
    assertThatThrownBy(() -> LocalStack.Service.parse("connection,mailer"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("'mailer'")
        .hasMessageContaining("connection, sync, history, automation, contacts");
  }
}
