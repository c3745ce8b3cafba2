/**
 * The event contract of Email Sync: one immutable record per event, the topics they travel on, and the codec that puts
 * them on the wire as CloudEvents (binary mode) with a versioned logical type name, never a Java class name.
 */
@NullMarked
package com.emailsync.events;

import org.jspecify.annotations.NullMarked;
