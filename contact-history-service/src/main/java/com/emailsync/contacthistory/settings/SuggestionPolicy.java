package com.emailsync.contacthistory.settings;

/** Whether the tenant wants {@code ContactSuggested} for the people it corresponds with who are no contacts. */
public enum SuggestionPolicy {
  /** Never: the default. */
  OFF,
  /** The people the account wrote to. */
  PEOPLE_WRITTEN_TO,
  /** Those, and the people who wrote to the account. */
  BOTH_DIRECTIONS
}
