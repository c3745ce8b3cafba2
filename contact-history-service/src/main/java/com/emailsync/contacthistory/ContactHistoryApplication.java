package com.emailsync.contacthistory;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

@SpringBootApplication
@EnableScheduling
@ConfigurationPropertiesScan
public class ContactHistoryApplication {

  /** Each service reads its own {@code <name>.yml}, so all four can share one JVM in the local stack. */
  public static final String CONFIG_NAME = "contact-history-service";

  public static SpringApplicationBuilder application() {
    return new SpringApplicationBuilder(ContactHistoryApplication.class)
        .properties("spring.config.name=" + CONFIG_NAME);
  }

  public static void main(String[] args) {
    application().run(args);
  }
}
