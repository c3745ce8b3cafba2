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

    assertThat(sealed).startsWith("v1:").doesNotContain("app-password");
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
}
