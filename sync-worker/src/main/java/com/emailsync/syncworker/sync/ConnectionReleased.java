package com.emailsync.syncworker.sync;

/**
 * The connection stopped being this worker's to sync during its pass (deleted, disabled, emptied of folders): the pass
 * stops after the batch it committed, whose cursor says where a new owner, or a connection enabled again, resumes.
 * Nothing to report: there is no one to report to.
 */
public class ConnectionReleased extends RuntimeException {

  public ConnectionReleased(String connectionId) {
    super("connection " + connectionId + " was released during its pass");
  }
}
