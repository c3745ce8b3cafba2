package com.emailsync.events.web;

import org.jspecify.annotations.Nullable;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/** Gives a handler's {@link Caller} parameter the verified caller of the request. */
final class CallerArgument implements HandlerMethodArgumentResolver {

  private final ApiAuthProperties auth;

  CallerArgument(ApiAuthProperties auth) {
    this.auth = auth;
  }

  @Override
  public boolean supportsParameter(MethodParameter parameter) {
    return parameter.getParameterType() == Caller.class;
  }

  @Override
  public Caller resolveArgument(
      MethodParameter parameter, @Nullable ModelAndViewContainer mavContainer, NativeWebRequest webRequest, @Nullable WebDataBinderFactory binderFactory) {
    Caller caller = Caller.current(auth);
    if (caller == null) {
      // Every /api path needs a verified token before it reaches a handler; a handler reached without one is a bug.
      throw new IllegalStateException("A handler that needs its caller was reached without a verified token");
    }
    return caller;
  }
}
