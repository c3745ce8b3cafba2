package com.emailsync.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.function.Function;

/** What every tenant API must do with callers who are not the tenant's: refuse them as problems, and change nothing. */
public final class StrangerCalls {

  private StrangerCalls() {}

  /**
   * Makes {@code calls} against the tenant's API without a token, then with an admin token of another tenant: each
   * must be a 401, then a 404, problem.
   *
   * @param tenantApi the tenant's base URL, {@code .../api/v1/tenants/{tenantId}}
   */
  public static void assertRefused(String tenantApi, Function<JsonHttp, List<JsonHttp.Response>> calls) {
    var anonymous = new JsonHttp(tenantApi);
    var otherTenant = anonymous.withToken(TestIssuer.token("globex", "user-1", TestIssuer.ADMIN));
    for (JsonHttp caller : List.of(anonymous, otherTenant)) {
      int expected = caller == anonymous ? 401 : 404;
      assertThat(calls.apply(caller)).isNotEmpty().allSatisfy(answer -> {
        assertThat(answer.status()).isEqualTo(expected);
        assertThat(answer.contentType()).startsWith("application/problem+json");
      });
    }
  }
}
