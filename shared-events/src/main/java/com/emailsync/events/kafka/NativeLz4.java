package com.emailsync.events.kafka;

/**
 * Kafka compresses and decompresses lz4 batches with lz4-java's {@code LZ4Factory.fastestInstance()}, which tries the
 * native (JNI) codec only when lz4-java was loaded by the system class loader. Inside a packaged Spring Boot jar it is
 * not, so every service ran lz4 in its pure-Java codec, the slowest lz4-java has: a backfill spent a seventh of its
 * CPU there. Loading the native codec once makes {@code fastestInstance()} choose it from then on. Reflection, so that
 * the lz4-java version stays the one kafka-clients brings.
 */
final class NativeLz4 {

  private NativeLz4() {}

  /** @return whether the native codec is what lz4-java, as loaded by {@code loader}, now chooses */
  static boolean load(ClassLoader loader) {
    try {
      Class<?> factory = Class.forName("net.jpountz.lz4.LZ4Factory", true, loader);
      Object nativeCodec = factory.getMethod("nativeInstance").invoke(null);
      return factory.getMethod("fastestInstance").invoke(null) == nativeCodec;
    } catch (ReflectiveOperationException | LinkageError | RuntimeException unavailable) {
      // No native library for this platform (or no lz4-java at all): Kafka keeps the Java codec, as before.
      return false;
    }
  }
}
