package com.emailsync.localstack.contacts;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;

/**
 * Stands in for the CRM's contact service on one machine: it takes contacts as CSV or JSON and publishes them to
 * {@code crm.contacts.v1}, exactly as the CRM would. It only runs in the local stack; in production the CRM owns the
 * topic.
 */
@SpringBootApplication
public class ContactImportApplication {

  public static final String CONFIG_NAME = "contact-import";

  public static SpringApplicationBuilder application() {
    return new SpringApplicationBuilder(ContactImportApplication.class).properties("spring.config.name=" + CONFIG_NAME);
  }
}
