package com.emailsync.connection;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class ConnectionServiceApplication {

  /** Each service reads its own {@code <name>.yml}, so all four can share one JVM in the local stack. */
  public static final String CONFIG_NAME = "connection-service";

  public static SpringApplicationBuilder application() {
    return new SpringApplicationBuilder(ConnectionServiceApplication.class)
        .properties("spring.config.name=" + CONFIG_NAME);
  }

  public static void main(String[] args) {
    application().run(args);
  }
}
