package com.emailsync.events.web;

import java.net.URI;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/**
 * A 400 problem naming the one field at fault, shaped as a failed bean validation answers ({@code errors: [{field,
 * message}]}), for checks validation annotations cannot express (a pattern that does not compile, a host that
 * resolves inside the network).
 */
public final class FieldProblems {

  private FieldProblems() {}

  public static ProblemDetail invalid(String field, String message) {
    var problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, field + ": " + message);
    problem.setType(URI.create("https://emailsync.example/problems/invalid-request"));
    problem.setTitle("Invalid request");
    problem.setProperty("errors", List.of(Map.of("field", field, "message", message)));
    return problem;
  }
}
