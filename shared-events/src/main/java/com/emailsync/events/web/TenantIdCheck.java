package com.emailsync.events.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;

/**
 * Refuses a request whose {@code {tenantId}} path segment is no tenant id, before its handler runs: a tenant id with a
 * space or a slash once created a connection and then failed on building its URI, so a client's retry created a
 * duplicate. Letters, digits, dot, underscore and hyphen, at most 64, starting with a letter or digit.
 */
final class TenantIdCheck implements HandlerInterceptor {

  static final Pattern TENANT_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

  /** A request for a tenant id that cannot be one. */
  static final class InvalidTenantId extends RuntimeException {
    InvalidTenantId() {
      super("tenantId must be 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit");
    }
  }

  @Override
  public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
    String tenantId = tenantIdOf(request);
    if (tenantId != null && !TENANT_ID.matcher(tenantId).matches()) {
      throw new InvalidTenantId();
    }
    return true;
  }

  /** The {@code {tenantId}} of the handler's path, once Spring MVC has matched it; null for a path without one. */
  static @org.jspecify.annotations.Nullable String tenantIdOf(HttpServletRequest request) {
    return request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE) instanceof Map<?, ?> variables
        && variables.get("tenantId") instanceof String tenantId ? tenantId : null;
  }
}
