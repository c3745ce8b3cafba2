package com.emailsync.connection.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import com.emailsync.connection.discovery.MailSettings.SignIn;
import com.emailsync.connection.discovery.MailSettings.Source;
import com.emailsync.events.ImapSecurity;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Discovery against a stub DNS: nothing leaves the machine. */
class MailSettingsDiscoveryTest {

  private final Map<String, List<DnsLookup.Srv>> srv = new HashMap<>();
  private final Map<String, List<String>> mx = new HashMap<>();
  private final List<String> asked = new ArrayList<>();
  private final MailSettingsDiscovery discovery = new MailSettingsDiscovery(new DnsLookup() {
    @Override
    public List<Srv> srv(String name) {
      asked.add(name);
      return srv.getOrDefault(name, List.of());
    }

    @Override
    public List<String> mx(String domain) {
      asked.add("MX " + domain);
      return mx.getOrDefault(domain, List.of());
    }
  });

  @Test
  void knowsTheBigProvidersByTheirDomainsWithoutAskingDns() {
    assertThat(discovery.discover("Sam@GMail.com")).hasValueSatisfying(s -> {
      assertThat(s.host()).isEqualTo("imap.gmail.com");
      assertThat(s.port()).isEqualTo(993);
      assertThat(s.security()).isEqualTo(ImapSecurity.SSL);
      assertThat(s.signIn()).isEqualTo(SignIn.OAUTH_GOOGLE);
      assertThat(s.source()).isEqualTo(Source.PRESET);
      assertThat(s.note()).contains("app password");
    });
    assertThat(discovery.discover("lee@hotmail.com")).hasValueSatisfying(s -> {
      assertThat(s.host()).isEqualTo("outlook.office365.com");
      assertThat(s.signIn()).isEqualTo(SignIn.OAUTH_MICROSOFT);
    });
    assertThat(discovery.discover("kim@icloud.com")).hasValueSatisfying(s -> assertThat(s.signIn()).isEqualTo(SignIn.APP_PASSWORD));
    assertThat(asked).isEmpty();
  }

  @Test
  void readsTheDomainsSrvRecordsPreferringImplicitTlsThenTheLowestPriorityAndTheHighestWeight() {
    srv.put("_imaps._tcp.acme.example", List.of(
        new DnsLookup.Srv(20, 100, 993, "backup.acme.example"),
        new DnsLookup.Srv(10, 5, 993, "small.acme.example"),
        new DnsLookup.Srv(10, 50, 9993, "Mail.Acme.example")));
    srv.put("_imap._tcp.acme.example", List.of(new DnsLookup.Srv(0, 0, 143, "starttls.acme.example")));

    assertThat(discovery.discover("sam@acme.example")).hasValueSatisfying(s -> {
      assertThat(s.host()).isEqualTo("mail.acme.example");
      assertThat(s.port()).isEqualTo(9993);
      assertThat(s.security()).isEqualTo(ImapSecurity.SSL);
      assertThat(s.source()).isEqualTo(Source.SRV);
      assertThat(s.signIn()).isEqualTo(SignIn.PASSWORD);
    });
  }

  @Test
  void takesStarttlsFromImapSrvWhenImplicitTlsIsNotOfferedAndHonoursTheDotForNone() {
    srv.put("_imaps._tcp.globex.example", List.of(new DnsLookup.Srv(0, 0, 0, ".")));
    srv.put("_imap._tcp.globex.example", List.of(new DnsLookup.Srv(0, 0, 143, "imap.globex.example")));

    assertThat(discovery.discover("kim@globex.example")).hasValueSatisfying(s -> {
      assertThat(s.host()).isEqualTo("imap.globex.example");
      assertThat(s.port()).isEqualTo(143);
      assertThat(s.security()).isEqualTo(ImapSecurity.STARTTLS);
    });
  }

  @Test
  void recognisesGoogleWorkspaceAndMicrosoft365ByTheDomainsMxRecords() {
    mx.put("initech.example", List.of("aspmx.l.google.com", "alt1.aspmx.l.google.com"));
    mx.put("umbrella.example", List.of("umbrella-example.mail.protection.outlook.com"));
    mx.put("small.example", List.of("mx.small.example"));

    assertThat(discovery.discover("ann@initech.example")).hasValueSatisfying(s -> {
      assertThat(s.host()).isEqualTo("imap.gmail.com");
      assertThat(s.source()).isEqualTo(Source.MX);
    });
    assertThat(discovery.discover("bob@umbrella.example")).hasValueSatisfying(s -> {
      assertThat(s.host()).isEqualTo("outlook.office365.com");
      assertThat(s.signIn()).isEqualTo(SignIn.OAUTH_MICROSOFT);
    });
    assertThat(discovery.discover("cy@small.example")).isEmpty();
    assertThat(asked).contains("_imaps._tcp.small.example", "_imap._tcp.small.example", "MX small.example");
  }

  @Test
  void asksDnsForAnInternationalisedDomainByItsAsciiName() {
    discovery.discover("jürgen@müller.example");

    assertThat(asked).contains("_imaps._tcp.xn--mller-kva.example");
    assertThat(discovery.discover("no-domain@")).isEmpty();
  }
}
