/** Automations on email triggers, and their exactly-once firings. Plain Java; adapters in the sub-packages. */
@NullMarked
package com.emailsync.automation.trigger;

import org.jspecify.annotations.NullMarked;
