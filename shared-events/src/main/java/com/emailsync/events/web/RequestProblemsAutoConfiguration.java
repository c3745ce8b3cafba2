package com.emailsync.events.web;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every REST service answers malformed or invalid requests with an RFC 9457 problem that names each invalid field, so
 * the calling service can fix its request without reading our logs, and answers its own failures as problems too.
 * Rejected values and exception messages are not echoed: they may be secrets.
 */
// Before Spring MVC's own configuration, whose problem-details handler steps back when this one exists.
@AutoConfiguration(beforeName = "org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class RequestProblemsAutoConfiguration {

  @Bean
  RequestProblems requestProblems() {
    return new RequestProblems();
  }

  /** Bodies over {@code emailsync.web.max-request-size} (1 MB) are refused before they are read. */
  @Bean
  org.springframework.boot.web.servlet.FilterRegistrationBean<RequestSizeLimit> requestSizeLimit(
      @org.springframework.beans.factory.annotation.Value("${emailsync.web.max-request-size:1MB}") org.springframework.util.unit.DataSize limit) {
    var registration = new org.springframework.boot.web.servlet.FilterRegistrationBean<>(new RequestSizeLimit(limit.toBytes()));
    registration.setOrder(org.springframework.core.Ordered.HIGHEST_PRECEDENCE);
    return registration;
  }

  /** Every service checks the tenant id of its paths the same way, before any handler has an effect. */
  @Bean
  org.springframework.web.servlet.config.annotation.WebMvcConfigurer tenantIdCheck() {
    return new org.springframework.web.servlet.config.annotation.WebMvcConfigurer() {
      @Override
      public void addInterceptors(org.springframework.web.servlet.config.annotation.InterceptorRegistry registry) {
        registry.addInterceptor(new TenantIdCheck());
      }
    };
  }

  // Last among advices: a service's own handlers for its own exceptions come first.
  @RestControllerAdvice
  @Order(Ordered.LOWEST_PRECEDENCE)
  static class RequestProblems extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(RequestProblems.class);

    /**
     * A failure nobody anticipated still answers as a problem, never with a stack trace or an exception message (which
     * could hold data the caller must not see); the id ties the answer to the log line.
     */
    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> unexpected(Exception ex, WebRequest request) {
      String problemId = UUID.randomUUID().toString();
      log.error("Unexpected failure {} on {}", problemId, request.getDescription(false), ex);
      ProblemDetail problem =
          ProblemDetail.forStatusAndDetail(
              HttpStatus.INTERNAL_SERVER_ERROR,
              "The request failed on our side. Retry it; if it keeps failing, report problem id " + problemId + ".");
      problem.setTitle("Internal error");
      problem.setProperty("problemId", problemId);
      return handleExceptionInternal(ex, problem, new HttpHeaders(), HttpStatus.INTERNAL_SERVER_ERROR, request);
    }

    @ExceptionHandler(TenantOfTokenCheck.OtherTenant.class)
    ResponseEntity<Object> otherTenant(TenantOfTokenCheck.OtherTenant ex, WebRequest request) {
      ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, ex.getMessage());
      problem.setTitle("Not found");
      return handleExceptionInternal(ex, problem, new HttpHeaders(), HttpStatus.NOT_FOUND, request);
    }

    @ExceptionHandler(PageCursor.InvalidCursor.class)
    ResponseEntity<Object> invalidCursor(PageCursor.InvalidCursor ex, WebRequest request) {
      ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, ex.getMessage());
      problem.setTitle("Invalid cursor");
      return handleExceptionInternal(ex, problem, new HttpHeaders(), HttpStatus.BAD_REQUEST, request);
    }

    @ExceptionHandler(TenantIdCheck.InvalidTenantId.class)
    ResponseEntity<Object> invalidTenantId(TenantIdCheck.InvalidTenantId ex, WebRequest request) {
      ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "The request has invalid fields: tenantId.");
      problem.setTitle("Invalid tenant id");
      problem.setProperty("errors", List.of(Map.of("field", "tenantId", "message", ex.getMessage())));
      return handleExceptionInternal(ex, problem, new HttpHeaders(), HttpStatus.BAD_REQUEST, request);
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(
        MethodArgumentNotValidException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
      ProblemDetail problem = ex.getBody();
      List<Map<String, String>> errors =
          ex.getBindingResult().getFieldErrors().stream()
              .map(error -> Map.of("field", error.getField(), "message", String.valueOf(error.getDefaultMessage())))
              .toList();
      problem.setDetail("The request has invalid fields: " + String.join(", ", errors.stream().map(e -> e.get("field")).toList()) + ".");
      problem.setProperty("errors", errors);
      return handleExceptionInternal(ex, problem, headers, status, request);
    }
  }
}
