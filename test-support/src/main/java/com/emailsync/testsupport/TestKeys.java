package com.emailsync.testsupport;

/** Fixed AES-256 keys for tests only; real keys come from the environment or a Kubernetes secret. */
public final class TestKeys {

  /** 32 bytes of 0x00. */
  public static final String AT_REST = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";

  /** 32 bytes of 0x01. */
  public static final String TRANSPORT = "AQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQE=";

  private TestKeys() {}
}
