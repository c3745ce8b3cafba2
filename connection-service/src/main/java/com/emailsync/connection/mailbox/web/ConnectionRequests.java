package com.emailsync.connection.mailbox.web;

import com.emailsync.events.ImapSecurity;
import com.emailsync.events.ConnectionChanged;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import org.jspecify.annotations.Nullable;
import jakarta.validation.constraints.Size;
import jakarta.validation.constraints.NotNull;
import java.util.List;

/** The request bodies of the connections API, validated before they reach the use cases. */
final class ConnectionRequests {

  private ConnectionRequests() {}

  /**
   * @param ownerUserId the CRM user whose mailbox it is; the caller when left out (only an admin may name another)
   * @param aliases the account's other addresses (send-as aliases), optional
   * @param backfill the mail already in the folders to sync too, optional: {@code {"days": 90}} or {@code {"all": true}}
   */
  record Connect(
      @Nullable @Size(min = 1, max = 200) String ownerUserId,
      @NotBlank @Email @Size(max = 320) String emailAddress,
      @NotNull @Valid Imap imap,
      @Nullable @Size(max = 50) List<@NotBlank @Email @Size(max = 320) String> aliases,
      @Nullable @Valid Backfill backfill) {}

  /** Either a number of days before now, or all the mail the folders hold: one of the two. */
  record Backfill(@Nullable Boolean all, @Nullable @Min(1) @Max(ConnectionChanged.Backfill.MOST_DAYS) Integer days) {

    @AssertTrue(message = "give either days (1 to 36500) or all: true, not both and not neither")
    boolean isEitherDaysOrAll() {
      return Boolean.TRUE.equals(all) ? days == null : days != null;
    }

    ConnectionChanged.Backfill toWindow() {
      return Boolean.TRUE.equals(all) ? ConnectionChanged.Backfill.everything() : ConnectionChanged.Backfill.ofDays(days);
    }
  }

  record ChangeAliases(@NotNull @Size(max = 50) List<@NotBlank @Email @Size(max = 320) String> aliases) {}

  record Imap(
      @NotBlank @Size(max = 253) String host,
      @NotNull @Min(1) @Max(65535) Integer port,
      @NotNull ImapSecurity security,
      @NotBlank @Size(max = 320) String username,
      @NotBlank @Size(max = 4096) String password) {

    /** Never prints the password. */
    @Override
    public String toString() {
      return "Imap[host=%s, port=%s, security=%s, username=%s]".formatted(host, port, security, username);
    }
  }

  record ChooseFolders(@NotNull @Size(max = 200) List<@NotBlank @Size(max = 1000) String> folders) {}

  record ChangePassword(@NotBlank @Size(max = 4096) String password) {

    /** Never prints the password. */
    @Override
    public String toString() {
      return "ChangePassword[password hidden]";
    }
  }
}
