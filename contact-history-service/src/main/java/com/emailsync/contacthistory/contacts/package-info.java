/**
 * The contact directory: the tenants' CRM contacts as the CRM last published them, keyed by tenant and contact id, and
 * found by address. Plain Java; MongoDB and Kafka are adapters in the sub-packages.
 */
@NullMarked
package com.emailsync.contacthistory.contacts;

import org.jspecify.annotations.NullMarked;
