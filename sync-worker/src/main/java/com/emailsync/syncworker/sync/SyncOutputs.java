package com.emailsync.syncworker.sync;

/** Port: the output of each connections partition this worker owns; committing through it proves the ownership. */
public interface SyncOutputs {

  /** @throws OwnershipLost when this worker does not own the partition (any more) */
  SyncOutput of(int partition);

  /** Tries again to take the partitions that could not be taken when they were assigned. */
  default void retryPending() {}
}
