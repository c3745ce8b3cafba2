package com.emailsync.automation.trigger;

import com.emailsync.events.AutomationTriggered;

/** Port: tells the CRM's automation engine to run an automation. */
public interface TriggerPublisher {

  void publish(AutomationTriggered event);
}
