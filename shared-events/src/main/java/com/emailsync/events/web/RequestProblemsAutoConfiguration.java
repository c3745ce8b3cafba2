package com.emailsync.events.web;

import java.util.List;
import java.util.Map;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every REST service answers malformed or invalid requests with an RFC 9457 problem that names each invalid field, so
 * the calling service can fix its request without reading our logs. Rejected values are not echoed: they may be
 * secrets.
 */
// Before Spring MVC's own configuration, whose problem-details handler steps back when this one exists.
@AutoConfiguration(beforeName = "org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class RequestProblemsAutoConfiguration {

  @Bean
  RequestProblems requestProblems() {
    return new RequestProblems();
  }

  @RestControllerAdvice
  static class RequestProblems extends ResponseEntityExceptionHandler {

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
