package com.emailsync.automation.webhook.http;

import com.emailsync.automation.webhook.WebhookDelivery;
import com.emailsync.automation.webhook.WebhookSender;
import com.emailsync.automation.webhook.WebhookSignature;
import com.emailsync.events.net.AddressGuard;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.apache.hc.core5.util.Timeout;

/**
 * POSTs a delivery with Apache HttpClient: its DNS resolver is the SSRF guard, so every connect (a changed DNS answer,
 * a retry hours later) goes only to addresses checked then; no redirects are followed; short timeouts, so a slow
 * endpoint holds one sender for seconds, never the queue.
 */
public final class HttpWebhookSender implements WebhookSender, AutoCloseable {

  static final ContentType CLOUDEVENTS_JSON = ContentType.create("application/cloudevents+json", StandardCharsets.UTF_8);

  private final CloseableHttpClient http;
  private final Clock clock;
  private final Duration attemptDeadline;

  /** An attempt ends by {@code connectTimeout + responseTimeout}, whatever the endpoint does. */
  public HttpWebhookSender(AddressGuard guard, Duration connectTimeout, Duration responseTimeout, Clock clock) {
    this.clock = clock;
    this.attemptDeadline = connectTimeout.plus(responseTimeout);
    DnsResolver guarded = new DnsResolver() {
      @Override
      public InetAddress[] resolve(String host) throws UnknownHostException {
        try {
          return guard.check(host);
        } catch (AddressGuard.Refused refused) {
          throw new UnknownHostException(GuardedWebhookUrls.refusal(host, refused));
        }
      }

      @Override
      public String resolveCanonicalHostname(String host) {
        return host;
      }
    };
    this.http = HttpClients.custom()
        .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
            .setDnsResolver(guarded)
            .setDefaultConnectionConfig(ConnectionConfig.custom()
                .setConnectTimeout(Timeout.of(connectTimeout))
                .setSocketTimeout(Timeout.of(responseTimeout))
                .build())
            .setMaxConnTotal(256)
            .setMaxConnPerRoute(4)
            .build())
        .setDefaultRequestConfig(RequestConfig.custom().setResponseTimeout(Timeout.of(responseTimeout)).build())
        .disableRedirectHandling()
        .disableCookieManagement()
        .disableAutomaticRetries()
        .setUserAgent("email-sync-webhooks/1")
        .build();
  }

  @Override
  public Outcome send(String url, WebhookDelivery delivery, List<String> secrets) {
    long timestamp = clock.instant().getEpochSecond();
    var post = new HttpPost(url);
    post.setHeader("webhook-id", delivery.eventId());
    post.setHeader("webhook-timestamp", Long.toString(timestamp));
    post.setHeader("webhook-signature", WebhookSignature.header(delivery.eventId(), timestamp, delivery.payload(), secrets));
    post.setEntity(new StringEntity(delivery.payload(), CLOUDEVENTS_JSON));
    // One deadline for the whole attempt: per-read timeouts alone let a body that trickles in hold a sender for ever.
    var deadline = TIMER.schedule(() -> post.cancel(), attemptDeadline.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
    try (var response = http.executeOpen(null, post, null)) {
      // Only the status counts; a little of the body is read so the answer is complete, the rest is not waited for
      // (closing unread discards the connection).
      if (response.getEntity() != null) {
        try (var body = response.getEntity().getContent()) {
          body.readNBytes(ANSWER_READ);
        }
      }
      return new Outcome(response.getCode(), "HTTP " + response.getCode());
    } catch (UnknownHostException e) {
      return new Outcome(0, "not called: " + e.getMessage());
    } catch (IOException e) {
      return new Outcome(0, post.isCancelled() ? "no answer within " + attemptDeadline : "no answer (" + e.getClass().getSimpleName() + ")");
    } finally {
      deadline.cancel(false);
    }
  }

  private static final int ANSWER_READ = 16 * 1024;
  private static final java.util.concurrent.ScheduledExecutorService TIMER =
      java.util.concurrent.Executors.newSingleThreadScheduledExecutor(Thread.ofVirtual().name("webhook-deadline").factory());

  @Override
  public void close() throws IOException {
    http.close();
  }
}
