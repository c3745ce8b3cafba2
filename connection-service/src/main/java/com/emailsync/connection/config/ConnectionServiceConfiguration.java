package com.emailsync.connection.config;

import com.emailsync.connection.mailbox.MailboxConnections;
import com.emailsync.connection.mailbox.imap.ImapMailboxProbe;
import com.emailsync.connection.mailbox.messaging.KafkaConnectionPublisher;
import com.emailsync.connection.mailbox.messaging.SyncStatusListener;
import com.emailsync.connection.mailbox.mongo.MongoConnectionRepository;
import com.emailsync.connection.mailbox.scheduling.PendingPublicationRetry;
import com.emailsync.events.EventCodec;
import com.emailsync.events.secrets.SecretBox;
import com.emailsync.imap.ImapSessions;
import com.mongodb.client.MongoClient;
import java.time.Clock;
import java.util.UUID;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaTemplate;

@Configuration(proxyBeanMethods = false)
class ConnectionServiceConfiguration {

  @Bean
  com.emailsync.connection.oauth.OAuthConnections oauthConnections(
      ConnectionServiceProperties properties, MongoClient mongo, MailboxConnections connections) {
    if (!properties.oauth().providers().isEmpty() && properties.oauth().redirectUri().isBlank()) {
      throw new IllegalStateException(
          "emailsync.oauth.redirect-uri must name the CRM page providers send users back to (registered with each provider), as OAuth providers are configured");
    }
    var providers = properties.oauth().providers().entrySet().stream()
        .map(e -> new com.emailsync.connection.oauth.OAuthProvider(e.getKey(), e.getValue().authorizationUri(), e.getValue().tokenUri(),
            e.getValue().jwksUri(), e.getValue().issuer(), e.getValue().clientId(), e.getValue().clientSecret(), e.getValue().scopes(),
            e.getValue().authorizationParameters(), e.getValue().imapHost(), e.getValue().imapPort(), e.getValue().imapSecurity(),
            e.getValue().reconsentAfter()))
        .toList();
    return new com.emailsync.connection.oauth.OAuthConnections(providers, properties.oauth().redirectUri(),
        new com.emailsync.connection.oauth.mongo.MongoPendingAuthorizations(mongo.getDatabase(properties.mongoDatabase())),
        new com.emailsync.connection.oauth.http.HttpTokenEndpoint(), new com.emailsync.connection.oauth.jwt.NimbusIdTokens(), connections,
        SecretBox.fromKeyring(properties.secrets().atRestKey()), Clock.systemUTC(), properties.oauth().renewRefusedTokenAfter());
  }

  @Bean
  com.emailsync.connection.oauth.scheduling.AccessTokenRefresh accessTokenRefresh(
      com.emailsync.connection.oauth.OAuthConnections oauth, ConnectionServiceProperties properties) {
    return new com.emailsync.connection.oauth.scheduling.AccessTokenRefresh(oauth, properties.oauth().announceReauthAhead());
  }

  /** The system's DNS unless {@code emailsync.discovery.dns-server} names another (tests: one on loopback). */
  @Bean
  com.emailsync.connection.discovery.DnsLookup dnsLookup(@org.springframework.beans.factory.annotation.Value("${emailsync.discovery.dns-server:}") String server) {
    return new com.emailsync.connection.discovery.dns.JndiDnsLookup(server);
  }

  @Bean
  com.emailsync.connection.discovery.MailSettingsDiscovery mailSettingsDiscovery(com.emailsync.connection.discovery.DnsLookup dns) {
    return new com.emailsync.connection.discovery.MailSettingsDiscovery(dns);
  }

  @Bean
  EventCodec eventCodec() {
    return new EventCodec("/emailsync/connection-service");
  }

  /** How IMAP host names are looked up before the SSRF guard checks them; a stub in tests. */
  @Bean
  com.emailsync.imap.HostGuard.Resolver imapHostResolver() {
    return java.net.InetAddress::getAllByName;
  }

  @Bean
  MailboxConnections mailboxConnections(
      ConnectionServiceProperties properties, MongoClient mongo, KafkaTemplate<String, byte[]> kafka, EventCodec codec,
      com.emailsync.imap.HostGuard.Resolver imapHostResolver) {
    var secrets = properties.secrets();
    return new MailboxConnections(
        new MongoConnectionRepository(mongo.getDatabase(properties.mongoDatabase())),
        new ImapMailboxProbe(new ImapSessions(properties.imap().connectTimeout(), properties.imap().readTimeout(), com.emailsync.imap.HostGuard.allowing(properties.imap().allowedHosts(), imapHostResolver))),
        new KafkaConnectionPublisher(kafka, codec, properties.publishTimeout()),
        SecretBox.fromBase64Key(secrets.atRestKey()),
        SecretBox.fromBase64Key(secrets.transportKey()),
        Clock.systemUTC(),
        () -> UUID.randomUUID().toString());
  }

  /** A request gives up publishing after the publish timeout; a change twice that old was missed, not in flight. */
  @Bean
  PendingPublicationRetry pendingPublicationRetry(MailboxConnections connections, ConnectionServiceProperties properties) {
    return new PendingPublicationRetry(connections, properties.publishTimeout().multipliedBy(2));
  }

  @Bean
  SyncStatusListener syncStatusListener(MailboxConnections connections, EventCodec codec) {
    return new SyncStatusListener(connections, codec);
  }
}
