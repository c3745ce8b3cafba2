package com.emailsync.automation;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
// Webhook deliveries are sent by a scheduled dispatcher.
@org.springframework.scheduling.annotation.EnableScheduling
public class AutomationTriggerApplication {

  /** Each service reads its own {@code <name>.yml}, so all four can share one JVM in the local stack. */
  public static final String CONFIG_NAME = "automation-trigger-service";

  public static SpringApplicationBuilder application() {
    return new SpringApplicationBuilder(AutomationTriggerApplication.class)
        .properties("spring.config.name=" + CONFIG_NAME);
  }

  public static void main(String[] args) {
    application().run(args);
  }
}
