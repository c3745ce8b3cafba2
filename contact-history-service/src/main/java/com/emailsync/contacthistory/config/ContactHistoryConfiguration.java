package com.emailsync.contacthistory.config;

import com.emailsync.contacthistory.catchup.CatchUpPolicy;
import com.emailsync.contacthistory.catchup.ContactCatchUp;
import com.emailsync.contacthistory.catchup.MailIndex;
import com.emailsync.contacthistory.catchup.messaging.CatchUpRetryScheduler;
import com.emailsync.contacthistory.catchup.messaging.KafkaRereadRequests;
import com.emailsync.contacthistory.catchup.mongo.MongoMailIndex;
import com.emailsync.contacthistory.catchup.mongo.MongoPendingCatchUps;
import com.emailsync.contacthistory.contacts.ContactDirectory;
import com.emailsync.contacthistory.contacts.ContactSync;
import com.emailsync.contacthistory.contacts.messaging.ContactListener;
import com.emailsync.contacthistory.contacts.mongo.MongoContactDirectory;
import com.emailsync.contacthistory.history.EmailLogging;
import com.emailsync.contacthistory.history.HistoryErasure;
import com.emailsync.contacthistory.history.HistoryTombstones;
import com.emailsync.contacthistory.history.HistoryRepository;
import com.emailsync.contacthistory.history.messaging.ConnectionDeletionListener;
import com.emailsync.contacthistory.history.messaging.RetentionScheduler;
import com.emailsync.contacthistory.history.messaging.KafkaActivityPublisher;
import com.emailsync.contacthistory.history.mongo.MongoErasureAnnouncements;
import com.emailsync.contacthistory.history.mongo.MongoHistoryRepository;
import com.emailsync.contacthistory.history.mongo.MongoHistoryTombstones;
import com.emailsync.contacthistory.history.mongo.MongoSuggestionLedger;
import com.emailsync.contacthistory.settings.HistorySettingsStore;
import com.emailsync.contacthistory.settings.mongo.MongoHistorySettingsStore;
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
  Clock clock() {
    return Clock.systemUTC();
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
  HistorySettingsStore historySettings(MongoDatabase historyDatabase) {
    return new MongoHistorySettingsStore(historyDatabase);
  }

  @Bean
  MailIndex mailIndex(MongoDatabase historyDatabase, ContactHistoryProperties properties, Clock clock) {
    return new MongoMailIndex(historyDatabase, properties.catchUp().policy().longestWindow(), clock);
  }

  @Bean
  ContactCatchUp contactCatchUp(
      MailIndex mailIndex,
      MongoPendingCatchUps pendingCatchUps,
      HistoryRepository history,
      HistorySettingsStore historySettings,
      KafkaTemplate<String, byte[]> kafka,
      EventCodec codec,
      ContactHistoryProperties properties,
      Clock clock) {
    CatchUpPolicy policy = properties.catchUp().policy();
    return new ContactCatchUp(
        mailIndex, pendingCatchUps, new KafkaRereadRequests(kafka, codec), history, historySettings, policy, clock);
  }

  @Bean
  MongoPendingCatchUps pendingCatchUps(MongoDatabase historyDatabase) {
    return new MongoPendingCatchUps(historyDatabase);
  }

  @Bean
  HistoryTombstones historyTombstones(MongoDatabase historyDatabase) {
    return new MongoHistoryTombstones(historyDatabase);
  }

  @Bean
  HistoryErasure historyErasure(
      MongoDatabase historyDatabase,
      HistoryTombstones tombstones,
      HistoryRepository history,
      HistorySettingsStore historySettings,
      MailIndex mailIndex,
      MongoPendingCatchUps pendingCatchUps,
      KafkaTemplate<String, byte[]> kafka,
      EventCodec codec,
      Clock clock) {
    return new HistoryErasure(
        history, historySettings, mailIndex, pendingCatchUps, new KafkaActivityPublisher(kafka, codec), new MongoErasureAnnouncements(historyDatabase), tombstones, clock);
  }

  @Bean
  ConnectionDeletionListener connectionDeletionListener(HistoryErasure erasure) {
    return new ConnectionDeletionListener(erasure);
  }

  @Bean
  RetentionScheduler retentionScheduler(HistoryErasure erasure) {
    return new RetentionScheduler(erasure);
  }

  @Bean
  CatchUpRetryScheduler catchUpRetryScheduler(ContactCatchUp catchUp) {
    return new CatchUpRetryScheduler(catchUp);
  }

  @Bean
  ContactListener contactListener(ContactDirectory contacts, ContactCatchUp catchUp, HistoryErasure erasure, EventCodec codec) {
    return new ContactListener(new ContactSync(contacts, catchUp::addressesGained, erasure::merged), codec);
  }

  @Bean
  EmailLogging emailLogging(
      MongoDatabase historyDatabase,
      HistoryTombstones tombstones,
      ContactDirectory contacts,
      HistorySettingsStore historySettings,
      MailIndex mailIndex,
      HistoryRepository history,
      KafkaTemplate<String, byte[]> kafka,
      EventCodec codec,
      Clock clock) {
    return new EmailLogging(
        contacts, historySettings, mailIndex, history, new KafkaActivityPublisher(kafka, codec), new MongoSuggestionLedger(historyDatabase), tombstones, clock);
  }
}
