package com.emailsync.imap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.emailsync.events.ConnectionChanged;
import com.emailsync.events.ImapSecurity;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.Store;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ImapSessionsTest {

  @RegisterExtension static GreenMailExtension greenMail = new GreenMailExtension(ServerSetupTest.IMAP);

  private final ImapSessions sessions = new ImapSessions(Duration.ofSeconds(5), Duration.ofSeconds(5));

  @Test
  void logsInAndListsTheFoldersThatHoldMail() throws Exception {
    greenMail.setUser("sam@acme.example", "sam@acme.example", "app-password");

    try (Store store = sessions.connect(endpoint(greenMail.getImap().getPort()), "app-password")) {
      assertThat(FolderLister.list(store)).extracting(MailFolder::name).contains("INBOX");
    }
  }

  @Test
  void saysTheServerRejectedTheLoginWithoutRepeatingThePassword() {
    greenMail.setUser("sam@acme.example", "sam@acme.example", "app-password");

    assertThatThrownBy(() -> sessions.connect(endpoint(greenMail.getImap().getPort()), "wrong-secret"))
        .isInstanceOfSatisfying(
            ImapFailure.class, failure -> assertThat(failure.kind()).isEqualTo(ImapFailure.Kind.AUTHENTICATION_FAILED))
        .hasMessageContaining("rejected the login for sam@acme.example")
        .hasMessageNotContaining("wrong-secret");
  }

  @Test
  void saysTheServerCouldNotBeReached() throws Exception {
    int closedPort;
    try (var socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }

    assertThatThrownBy(() -> sessions.connect(endpoint(closedPort), "app-password"))
        .isInstanceOfSatisfying(
            ImapFailure.class, failure -> assertThat(failure.kind()).isEqualTo(ImapFailure.Kind.CONNECTION_FAILED))
        .hasMessageContaining("could not be reached");
  }

  private static ConnectionChanged.Imap endpoint(int port) {
    return new ConnectionChanged.Imap("127.0.0.1", port, ImapSecurity.NONE, "sam@acme.example");
  }
}
