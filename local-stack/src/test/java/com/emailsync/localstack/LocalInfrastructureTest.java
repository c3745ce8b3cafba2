package com.emailsync.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.emailsync.testsupport.FreePorts;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalInfrastructureTest {

  @TempDir Path data;

  @Test
  void saysWhatToDoWhenTheKafkaPortIsTaken() throws Exception {
    try (var taken = new ServerSocket()) {
      taken.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      int port = taken.getLocalPort();

      assertThatThrownBy(() -> LocalInfrastructure.start(options(port, 0)))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("Port " + port)
          .hasMessageContaining("KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:" + port);
    }
  }

  @Test
  void saysWhatToDoWhenTheMongoPortIsTaken() throws Exception {
    try (var taken = new ServerSocket()) {
      taken.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      int port = taken.getLocalPort();

      // An external Kafka, so only MongoDB is started and checked.
      assertThatThrownBy(() -> LocalInfrastructure.start(new LocalStackOptions(data, "127.0.0.1:1", null, 0, 0, port, LocalStack.Ports.ANY, null, Map.of())))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("MONGODB_URI=mongodb://127.0.0.1:" + port);
    }
  }

  @Test
  void keepsItsKeysInAFileOnlyItsOwnerCanRead() throws Exception {
    Path file = data.resolve("local-keys.properties");

    var keys = LocalInfrastructure.localKeys(file);

    assertThat(keys.getProperty("at-rest-key")).isNotBlank();
    assertThat(java.nio.file.Files.getPosixFilePermissions(file)).isEqualTo(java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
    java.nio.file.Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
    assertThat(LocalInfrastructure.localKeys(file)).as("the same keys, read again").isEqualTo(keys);
    assertThat(java.nio.file.Files.getPosixFilePermissions(file)).as("a file others could read is restricted").isEqualTo(java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
  }

  private LocalStackOptions options(int kafkaPort, int mongoPort) {
    return new LocalStackOptions(data, null, null, kafkaPort, FreePorts.next(), mongoPort, LocalStack.Ports.ANY, null, Map.of());
  }
}
