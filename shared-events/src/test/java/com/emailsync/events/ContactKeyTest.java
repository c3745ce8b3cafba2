package com.emailsync.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ContactKeyTest {

  @Test
  void theSameContactIdInTwoTenantsGivesTwoKeys() {
    var ann = new ContactChanged(UUID.randomUUID(), Instant.now(), "t1", "c-ann", "Ann", List.of("ann@x.example"));
    var otherAnn = new ContactChanged(UUID.randomUUID(), Instant.now(), "t1d", "c-ann", "Ann", List.of("ann@x.example"));

    assertThat(ann.aggregateId()).isEqualTo("t1/c-ann").isNotEqualTo(otherAnn.aggregateId());
  }

  @Test
  void aKeyReadsBackIntoTenantAndContactEvenWhenTheContactIdHasASlash() {
    assertThat(ContactKey.parse(new ContactKey("acme", "crm/42").value())).isEqualTo(new ContactKey("acme", "crm/42"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"c-ann", "/c-ann", "t1/", ""})
  void aKeyWithoutBothPartsIsUndecodable(String key) {
    assertThatThrownBy(() -> ContactKey.parse(key)).isInstanceOf(UndecodableEventException.class).hasMessageContaining("<tenantId>/<contactId>");
  }

  @Test
  void aTenantIdWithASlashIsRejectedWhenTheEventIsMade() {
    assertThatThrownBy(() -> new ContactChanged(UUID.randomUUID(), Instant.now(), "a/b", "c", null, List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("tenantId must not contain '/'");
  }
}
