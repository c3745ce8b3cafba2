package com.emailsync.syncworker.sync;

/**
 * The mailbox's partition belongs to another worker now (a rebalance, or this worker was presumed dead and fenced):
 * whatever this pass read must not be committed, and it is no failure to report, the new owner carries on.
 */
public class OwnershipLost extends RuntimeException {

  public OwnershipLost(int partition, Throwable cause) {
    super("partition " + partition + " of the connections topic belongs to another worker now", cause);
  }

  public OwnershipLost(int partition) {
    this(partition, null);
  }
}
