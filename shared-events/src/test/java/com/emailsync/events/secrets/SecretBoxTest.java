package com.emailsync.events.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import org.junit.jupiter.api.Test;

class SecretBoxTest {

  private static final String KEY = Base64.getEncoder().encodeToString(new byte[32]);
  private static final String OTHER_KEY = Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes());

  private final SecretBox box = SecretBox.fromBase64Key(KEY);

  @Test
  void opensWhatItSealedForTheSameOwner() {
    String sealed = box.seal("app-password 1", "conn-1");

    assertThat(sealed).startsWith("v2:k1:").doesNotContain("app-password");
    assertThat(box.open(sealed, "conn-1")).isEqualTo("app-password 1");
  }

  @Test
  void sealsTheSameSecretDifferentlyEachTime() {
    assertThat(box.seal("s", "conn-1")).isNotEqualTo(box.seal("s", "conn-1"));
  }

  @Test
  void refusesToOpenASecretCopiedToAnotherOwner() {
    String sealed = box.seal("app-password", "conn-1");

    assertThatThrownBy(() -> box.open(sealed, "conn-2"))
        .isInstanceOf(SecretBox.SecretUnreadableException.class)
        .hasMessageNotContaining("app-password");
  }

  @Test
  void refusesToOpenWithAnotherKey() {
    String sealed = box.seal("app-password", "conn-1");

    assertThatThrownBy(() -> SecretBox.fromBase64Key(OTHER_KEY).open(sealed, "conn-1"))
        .isInstanceOf(SecretBox.SecretUnreadableException.class);
  }

  @Test
  void rejectsAKeyOfTheWrongLength() {
    assertThatThrownBy(() -> SecretBox.fromBase64Key(Base64.getEncoder().encodeToString(new byte[16])))
        .hasMessageContaining("32 bytes");
  }

  @Test
  void aTagTellsTheSameSecretFromAnotherWithoutRevealingItAndOnlyUnderItsKey() {
    String tag = box.tag("app-password", "conn-1");

    assertThat(box.tag("app-password", "conn-1")).isEqualTo(tag);
    assertThat(box.tag("new-password", "conn-1")).isNotEqualTo(tag);
    assertThat(box.tag("app-password", "conn-2")).isNotEqualTo(tag);
    assertThat(SecretBox.fromBase64Key(OTHER_KEY).tag("app-password", "conn-1")).isNotEqualTo(tag);
    assertThat(tag).doesNotContain("app-password").hasSize(43);
  }

  private static final CredentialBinding SAM = new CredentialBinding("acme", "conn-1", "imap.acme.example", "sam@acme.example");

  @Test
  void aCredentialOpensOnlyForTheTenantConnectionHostAndUsernameItWasSealedFor() {
    String sealed = box.seal("app-password", SAM);

    assertThat(box.open(sealed, SAM)).isEqualTo("app-password");
    assertThat(box.open(sealed, new CredentialBinding("acme", "conn-1", "IMAP.acme.example", "sam@acme.example")))
        .as("host names are case-insensitive").isEqualTo("app-password");
    for (CredentialBinding elsewhere : java.util.List.of(
        new CredentialBinding("globex", "conn-1", "imap.acme.example", "sam@acme.example"),
        new CredentialBinding("acme", "conn-2", "imap.acme.example", "sam@acme.example"),
        new CredentialBinding("acme", "conn-1", "evil.example", "sam@acme.example"),
        new CredentialBinding("acme", "conn-1", "imap.acme.example", "lee@acme.example"))) {
      assertThatThrownBy(() -> box.open(sealed, elsewhere)).as(elsewhere.toString()).isInstanceOf(SecretBox.SecretUnreadableException.class);
    }
  }

  @Test
  void eachValueHasADataKeyOfItsOwnThatOpensOnlyItsOwnValue() {
    String[] first = box.seal("app-password", SAM).split(":");
    String[] second = box.seal("other-password", SAM).split(":");

    assertThat(first[0]).isEqualTo("v2");
    assertThat(first[1]).isEqualTo(SecretBox.DEFAULT_KEY_ID);
    assertThat(first[2]).as("each value's data key differs").isNotEqualTo(second[2]);
    String swapped = String.join(":", first[0], first[1], second[2], first[3]);
    assertThatThrownBy(() -> box.open(swapped, SAM)).isInstanceOf(SecretBox.SecretUnreadableException.class);
  }

  @Test
  void opensAValueSealedBeforeKeyIdsBoundToItsConnectionId() throws Exception {
    // Format v1, as stored and published before envelopes: IV and ciphertext under the one key, the connection id as
    // associated data.
    byte[] iv = new byte[12];
    var cipher = javax.crypto.Cipher.getInstance("AES/GCM/NoPadding");
    cipher.init(javax.crypto.Cipher.ENCRYPT_MODE, new javax.crypto.spec.SecretKeySpec(new byte[32], "AES"), new javax.crypto.spec.GCMParameterSpec(128, iv));
    cipher.updateAAD("conn-1".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    byte[] body = cipher.doFinal("app-password".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    byte[] all = new byte[iv.length + body.length];
    System.arraycopy(body, 0, all, iv.length, body.length);
    String v1 = "v1:" + Base64.getEncoder().encodeToString(all);

    assertThat(box.open(v1, SAM)).isEqualTo("app-password");
    assertThat(box.needsResealing(v1)).isTrue();
    assertThatThrownBy(() -> box.open(v1, new CredentialBinding("acme", "conn-2", "imap.acme.example", "sam@acme.example")))
        .isInstanceOf(SecretBox.SecretUnreadableException.class);
  }

  @Test
  void aNewKeySealsWhileTheOldOneStillOpensItsValuesUntilItIsRetired() {
    String sealedUnderK1 = box.seal("app-password", SAM);
    var rotating = SecretBox.fromKeyring("k2:" + OTHER_KEY + ", k1:" + KEY);
    var retired = SecretBox.fromKeyring("k2:" + OTHER_KEY);

    String sealedUnderK2 = rotating.seal("app-password", SAM);

    assertThat(rotating.currentKeyId()).isEqualTo("k2");
    assertThat(sealedUnderK2).startsWith("v2:k2:");
    assertThat(rotating.open(sealedUnderK1, SAM)).isEqualTo("app-password");
    assertThat(rotating.needsResealing(sealedUnderK1)).isTrue();
    assertThat(rotating.needsResealing(sealedUnderK2)).isFalse();
    assertThat(retired.open(sealedUnderK2, SAM)).isEqualTo("app-password");
    assertThatThrownBy(() -> retired.open(sealedUnderK1, SAM))
        .isInstanceOf(SecretBox.SecretUnreadableException.class)
        .hasMessageContaining("k1")
        .hasMessageNotContaining("app-password");
    assertThatThrownBy(() -> SecretBox.fromKeyring("k2:" + KEY + ",k2:" + OTHER_KEY)).hasMessageContaining("twice");
  }
}
