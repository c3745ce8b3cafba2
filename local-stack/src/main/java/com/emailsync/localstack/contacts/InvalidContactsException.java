package com.emailsync.localstack.contacts;

import java.util.List;

/** Contacts that cannot be imported, each problem with where it is ({@code line 3}, {@code contacts[2]}). */
final class InvalidContactsException extends RuntimeException {

  record Problem(String at, String message) {}

  private final List<Problem> problems;

  InvalidContactsException(List<Problem> problems) {
    super(problems.size() + " invalid contact(s)");
    this.problems = List.copyOf(problems);
  }

  List<Problem> problems() {
    return problems;
  }
}
