/**
 * Connecting a mailbox by OAuth (authorization code with PKCE): the grant's start and callback, the token exchange, the
 * ID token's checks. The core here imports no framework; adapters live in the sub-packages.
 */
@NullMarked
package com.emailsync.connection.oauth;

import org.jspecify.annotations.NullMarked;
