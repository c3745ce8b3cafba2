package com.emailsync.events.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.net.URLClassLoader;
import org.junit.jupiter.api.Test;

class NativeLz4Test {

  /** lz4-java loaded by a class loader of its own, as the nested jars of a packaged Spring Boot service are. */
  @Test
  void kafkasFastestLz4IsTheNativeCodecOnceLoadedOutsideTheSystemClassLoader() throws Exception {
    URL lz4Jar = Class.forName("net.jpountz.lz4.LZ4Factory").getProtectionDomain().getCodeSource().getLocation();
    try (var nested = new URLClassLoader(new URL[] {lz4Jar}, ClassLoader.getPlatformClassLoader())) {
      Class<?> factory = Class.forName("net.jpountz.lz4.LZ4Factory", true, nested);
      assertThat(factory.getMethod("fastestInstance").invoke(null).toString())
          .as("what Kafka gets from lz4-java in a packaged jar, left alone").contains("Java");

      assertThat(NativeLz4.load(nested)).isTrue();

      assertThat(factory.getMethod("fastestInstance").invoke(null).toString()).contains("JNI");
    }
  }
}
