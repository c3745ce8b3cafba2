/**
 * A tenant's choices for what its contact history logs: address matching, blocklists, noise filters, catch-up window.
 * Plain Java; MongoDB and the web are adapters in the sub-packages.
 */
@NullMarked
package com.emailsync.contacthistory.settings;

import org.jspecify.annotations.NullMarked;
