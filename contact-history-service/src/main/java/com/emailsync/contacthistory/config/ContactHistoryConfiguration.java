package com.emailsync.contacthistory.config;

import com.emailsync.contacthistory.contacts.ContactDirectory;
import com.emailsync.contacthistory.contacts.ContactSync;
import com.emailsync.contacthistory.contacts.messaging.ContactListener;
import com.emailsync.contacthistory.contacts.mongo.MongoContactDirectory;
import com.emailsync.contacthistory.history.EmailLogging;
import com.emailsync.contacthistory.history.HistoryRepository;
import com.emailsync.contacthistory.history.messaging.KafkaActivityPublisher;
import com.emailsync.contacthistory.history.mongo.MongoHistoryRepository;
import com.emailsync.events.EventCodec;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaTemplate;

@Configuration(proxyBeanMethods = false)
class ContactHistoryConfiguration {

  @Bean
  EventCodec eventCodec() {
    return new EventCodec("/emailsync/contact-history-service");
  }

  @Bean
  MongoDatabase historyDatabase(MongoClient mongo, ContactHistoryProperties properties) {
    return mongo.getDatabase(properties.mongoDatabase());
  }

  @Bean
  ContactDirectory contactDirectory(MongoDatabase historyDatabase) {
    return new MongoContactDirectory(historyDatabase);
  }

  @Bean
  HistoryRepository historyRepository(MongoDatabase historyDatabase) {
    return new MongoHistoryRepository(historyDatabase);
  }

  @Bean
  ContactListener contactListener(ContactDirectory contacts, EventCodec codec) {
    return new ContactListener(new ContactSync(contacts), codec);
  }

  @Bean
  EmailLogging emailLogging(
      ContactDirectory contacts, HistoryRepository history, KafkaTemplate<String, byte[]> kafka, EventCodec codec) {
    return new EmailLogging(contacts, history, new KafkaActivityPublisher(kafka, codec), Clock.systemUTC());
  }
}
