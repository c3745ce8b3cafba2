package com.emailsync.events.web;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

class RequestProblemsTest {

  @RestController
  static class FailingController {
    @GetMapping("/fails")
    String fails() {
      throw new IllegalStateException("could not reach broker with password hunter2");
    }
  }

  private final MockMvc mvc =
      MockMvcBuilders.standaloneSetup(new FailingController())
          .setControllerAdvice(new RequestProblemsAutoConfiguration.RequestProblems())
          .build();

  @Test
  void anUnexpectedFailureIsAProblemWithAnIdAndWithoutTheExceptionMessage() throws Exception {
    mvc.perform(get("/fails").accept(MediaType.APPLICATION_JSON, MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(status().isInternalServerError())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.title").value("Internal error"))
        .andExpect(jsonPath("$.problemId").isString())
        .andExpect(content().string(not(containsString("hunter2"))));
  }
}
