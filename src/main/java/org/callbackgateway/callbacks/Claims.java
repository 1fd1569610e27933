package org.callbackgateway.callbacks;

import java.util.List;
import java.util.Optional;

/**
 * What a request says about itself before its signature is checked; used to pick keys and to label the
 * stored delivery, never to act on.
 *
 * @param deliveryId the sender's delivery id from its headers, for de-duplication
 * @param eventType the sender's event name
 * @param scopes where to look for keys, most specific first (a repository URL, a TuxSuite group); the
 *               source-wide keys are the fallback when none of these has keys of its own
 */
public record Claims(Optional<String> deliveryId, Optional<String> eventType, List<String> scopes) {

    public Claims {
        scopes = List.copyOf(scopes);
    }
}
