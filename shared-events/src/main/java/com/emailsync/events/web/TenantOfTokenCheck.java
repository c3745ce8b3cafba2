package com.emailsync.events.web;

import com.emailsync.events.logging.LogContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * A caller reaches only their own tenant's resources: a path naming another tenant is answered as if nothing were
 * there (404), before its handler runs, so that a token of one tenant cannot even learn what another holds. The tenant
 * checked is then on every log line of the request ({@link LogContext}).
 */
final class TenantOfTokenCheck implements HandlerInterceptor {

  private final ApiAuthProperties auth;

  TenantOfTokenCheck(ApiAuthProperties auth) {
    this.auth = auth;
  }

  /** A request for another tenant than the token's. */
  static final class OtherTenant extends RuntimeException {
    OtherTenant() {
      super("No such resource.");
    }
  }

  @Override
  public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
    String tenantId = TenantIdCheck.tenantIdOf(request);
    if (tenantId != null) {
      Caller caller = Caller.current(auth);
      if (caller == null || !caller.tenantId().equals(tenantId)) {
        throw new OtherTenant();
      }
      request.setAttribute(LOG_CONTEXT, LogContext.of(LogContext.TENANT, tenantId));
    }
    return true;
  }

  private static final String LOG_CONTEXT = TenantOfTokenCheck.class.getName() + ".logContext";

  @Override
  public void afterCompletion(HttpServletRequest request, HttpServletResponse response, Object handler, @Nullable Exception ex) {
    if (request.getAttribute(LOG_CONTEXT) instanceof LogContext context) {
      context.close();
    }
  }
}
