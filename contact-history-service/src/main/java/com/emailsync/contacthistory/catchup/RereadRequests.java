package com.emailsync.contacthistory.catchup;

import com.emailsync.events.MailRereadRequested;

/** Port: asks the sync worker owning a connection to read a message again. */
public interface RereadRequests {

  void request(MailRereadRequested request);
}
