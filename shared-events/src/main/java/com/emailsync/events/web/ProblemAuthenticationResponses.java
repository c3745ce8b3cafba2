package com.emailsync.events.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.oauth2.server.resource.web.access.BearerTokenAccessDeniedHandler;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import tools.jackson.databind.json.JsonMapper;

/**
 * A refused token or a missing role answers as an RFC 9457 problem, like every other refusal of our APIs, besides the
 * {@code WWW-Authenticate} header RFC 6750 asks for. The detail says what was wrong with the token, never the token.
 */
final class ProblemAuthenticationResponses implements AuthenticationEntryPoint, AccessDeniedHandler {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final BearerTokenAuthenticationEntryPoint challenge = new BearerTokenAuthenticationEntryPoint();
  private final BearerTokenAccessDeniedHandler denied = new BearerTokenAccessDeniedHandler();

  @Override
  public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException refused) throws IOException {
    challenge.commence(request, response, refused);
    String detail = refused instanceof OAuth2AuthenticationException oauth && oauth.getError().getDescription() != null
        ? "The bearer token was refused: " + oauth.getError().getDescription() + ". Get a new token from the CRM's identity provider."
        : "This API needs a bearer token from the CRM's identity provider (Authorization: Bearer ...).";
    write(response, HttpStatus.UNAUTHORIZED, "Unauthorized", detail);
  }

  @Override
  public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException refused) throws IOException {
    denied.handle(request, response, refused);
    write(response, HttpStatus.FORBIDDEN, "Forbidden", "The bearer token does not carry the role this request needs.");
  }

  private static void write(HttpServletResponse response, HttpStatus status, String title, String detail) throws IOException {
    response.setStatus(status.value());
    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    response.setCharacterEncoding(StandardCharsets.UTF_8.name());
    var problem = new LinkedHashMap<String, Object>();
    problem.put("type", "about:blank");
    problem.put("title", title);
    problem.put("status", status.value());
    problem.put("detail", detail);
    response.getWriter().write(JSON.writeValueAsString(problem));
  }
}
