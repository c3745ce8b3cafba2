/** What a container runs to ask its service whether it is ready: the image's health check. */
@NullMarked
package com.emailsync.events.probe;

import org.jspecify.annotations.NullMarked;
