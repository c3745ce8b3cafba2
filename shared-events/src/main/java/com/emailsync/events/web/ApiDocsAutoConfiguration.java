package com.emailsync.events.web;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import java.util.List;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * Each REST service describes its API at {@code /v3/api-docs(.yaml)} (springdoc, from the controllers themselves), the
 * same way: named after the service, with the two kinds of bearer token the APIs take, and a relative server so the
 * document is the same wherever the service runs. The checked-in copies under {@code docs/api/} are compared with the
 * served ones by each service's tests.
 */
@AutoConfiguration
@ConditionalOnClass({OpenAPI.class, OpenApiCustomizer.class})
public class ApiDocsAutoConfiguration {

  static {
    // The verified caller is taken from the bearer token (CallerArgument), never from the request: not a parameter.
    SpringDocUtils.getConfig().addRequestWrapperToIgnore(Caller.class);
  }

  static final String USER_TOKEN = "userToken";
  static final String SERVICE_TOKEN = "serviceToken";

  @Bean
  OpenAPI emailSyncOpenApi(Environment environment) {
    String service = environment.getProperty("spring.application.name", "email-sync");
    return new OpenAPI()
        .info(new Info()
            .title(service)
            .version("v1")
            .description("Email Sync's " + service + ". Errors are RFC 9457 problem documents (application/problem+json). "
                + "Paths under /api take a CRM user's bearer token; paths under /internal take a service token."))
        .servers(List.of(new Server().url("/").description("wherever the service is deployed")))
        .components(new Components()
            .addSecuritySchemes(USER_TOKEN, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT")
                .description("A CRM user's access token from the CRM's identity provider: audience email-sync, a tenant claim, roles."))
            .addSecuritySchemes(SERVICE_TOKEN, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT")
                .description("A service token (client credentials): audience email-sync-internal, a listed client_id, at most 15 minutes.")));
  }

  /** Each operation names the token it takes, from its path: no controller has to repeat it. */
  @Bean
  OpenApiCustomizer tokenOfEachPath() {
    return openApi -> {
      if (openApi.getPaths() == null) {
        return;
      }
      openApi.getPaths().forEach((path, item) -> item.readOperations().forEach(operation ->
          operation.setSecurity(List.of(new SecurityRequirement().addList(path.startsWith("/internal/") ? SERVICE_TOKEN : USER_TOKEN)))));
    };
  }
}
