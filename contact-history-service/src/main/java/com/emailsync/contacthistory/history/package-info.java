/**
 * Contact history: which email participants are CRM contacts, and one history entry per contact and message. Plain Java;
 * MongoDB, Kafka and the web are adapters in the sub-packages.
 */
@NullMarked
package com.emailsync.contacthistory.history;

import org.jspecify.annotations.NullMarked;
