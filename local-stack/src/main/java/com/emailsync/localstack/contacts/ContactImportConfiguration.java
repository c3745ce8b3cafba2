package com.emailsync.localstack.contacts;

import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaTemplate;

@Configuration(proxyBeanMethods = false)
class ContactImportConfiguration {

  @Bean
  Clock clock() {
    return Clock.systemUTC();
  }

  @Bean
  ContactCsv contactCsv(Clock clock) {
    return new ContactCsv(clock);
  }

  @Bean
  ContactPublisher contactPublisher(KafkaTemplate<String, byte[]> kafka) {
    return new ContactPublisher(kafka);
  }
}
