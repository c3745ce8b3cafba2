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

    int created;

    @org.springframework.web.bind.annotation.PostMapping("/api/v1/tenants/{tenantId}/things")
    String create(@org.springframework.web.bind.annotation.PathVariable String tenantId) {
      created++;
      return tenantId;
    }
  }

  private final FailingController controller = new FailingController();

  private final MockMvc mvc =
      MockMvcBuilders.standaloneSetup(controller)
          .setControllerAdvice(new RequestProblemsAutoConfiguration.RequestProblems())
          .addInterceptors(new TenantIdCheck())
          .addFilters(new RequestSizeLimit(1024))
          .build();

  @Test
  void aBodyOverTheLimitIsRefusedAsAProblemBeforeTheHandlerRuns() throws Exception {
    mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post("/api/v1/tenants/{tenantId}/things", "acme")
            .contentType(MediaType.APPLICATION_JSON)
            .content("{\"password\":\"" + "x".repeat(2000) + "\"}"))
        .andExpect(status().isPayloadTooLarge())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.status").value(413))
        .andExpect(content().string(not(containsString("xxxx"))));
    org.assertj.core.api.Assertions.assertThat(controller.created).isZero();
  }

  @Test
  void aTenantIdThatCannotBeOneIsRefusedBeforeTheHandlerHasAnyEffect() throws Exception {
    for (String tenantId : new String[] {"acme corp", "acme%2Fother", "-acme", "a".repeat(65), "acme\u00e9"}) {
      mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post("/api/v1/tenants/{tenantId}/things", tenantId)
              .accept(MediaType.APPLICATION_JSON, MediaType.APPLICATION_PROBLEM_JSON))
          .andExpect(status().isBadRequest())
          .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
          .andExpect(jsonPath("$.errors[0].field").value("tenantId"));
    }
    org.assertj.core.api.Assertions.assertThat(controller.created).isZero();

    mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post("/api/v1/tenants/{tenantId}/things", "acme-corp.eu_1"))
        .andExpect(status().isOk());
    org.assertj.core.api.Assertions.assertThat(controller.created).isEqualTo(1);
  }

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
