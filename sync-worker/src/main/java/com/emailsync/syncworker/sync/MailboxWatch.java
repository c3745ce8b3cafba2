package com.emailsync.syncworker.sync;

/**
 * Port: tells, within seconds, that new mail may be in a mailbox's selected folders, so a pass runs now rather than at
 * the next poll. A watch that cannot see a change (the server does not support it, the session dropped) only delays
 * mail to the next poll; it never loses any, as passes read from the folder cursors.
 */
public interface MailboxWatch extends AutoCloseable {

  /**
   * Watches the mailbox until {@link #stop}; replaces an earlier watch of the same connection.
   *
   * @param waitForLogin the connection is held back (its password was rejected, its provider asked to slow down): the
   *     watch logs in only once a pass has, see {@link #loginWorked}
   */
  void watch(Mailbox mailbox, String password, Runnable newMail, boolean waitForLogin);

  void stop(String connectionId);

  /** A pass logged in: a watch that paused after the server rejected its login may try again. */
  default void loginWorked(String connectionId) {}

  /** Ends every watch: at shutdown. */
  @Override
  default void close() {}

  /** No watching at all: mail comes with the polls. */
  MailboxWatch NONE = new MailboxWatch() {
    @Override
    public void watch(Mailbox mailbox, String password, Runnable newMail, boolean waitForLogin) {}

    @Override
    public void stop(String connectionId) {}
  };
}
