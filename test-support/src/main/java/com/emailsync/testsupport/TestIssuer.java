package com.emailsync.testsupport;

import com.emailsync.devissuer.LoopbackIssuer;

/**
 * The tests' identity provider: one {@link LoopbackIssuer} on loopback for the whole test JVM, whose keys every
 * service under test verifies bearer tokens with (see {@link ServiceIntegrationTest}).
 */
public final class TestIssuer {

  /** The role that lets a user manage every connection of the tenant. */
  public static final String ADMIN = "emailsync-admin";

  private static final LoopbackIssuer ISSUER = LoopbackIssuer.start(0);

  private TestIssuer() {}

  public static LoopbackIssuer issuer() {
    return ISSUER;
  }

  /** A token of a user of the tenant, with the given roles. */
  public static String token(String tenantId, String userId, String... roles) {
    return ISSUER.token(tenantId, userId, roles);
  }
}
