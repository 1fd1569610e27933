package org.callbackgateway.oauth;

import java.util.UUID;
import org.callbackgateway.web.ApiException;
import org.callbackgateway.web.ErrorCode;

/**
 * A {@code state} that cannot be completed: answered 400 to the API caller, who sent that state.
 */
public final class StateRefusedException extends ApiException {
    private static final long serialVersionUID = 1L;

    private final Reason reason;

    /** Why a state was refused; the description names no state, for places that must not echo it. */
    public enum Reason {
        MALFORMED("the state is not a valid authorization request id"),
        NOT_FOUND("the authorization request was not found"),
        WRONG_USER("the authorization request belongs to another user"),
        WRONG_API("the authorization request was made for another API"),
        USED("the authorization request was already used"),
        EXPIRED("the authorization request has expired");

        private final String description;

        Reason(String description) {
            this.description = description;
        }

        public String description() {
            return description;
        }
    }

    StateRefusedException(Reason reason, UUID id) {
        super(400, ErrorCode.ERR_BAD_REQUEST, message(reason, id));
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }

    private static String message(Reason reason, UUID id) {
        return switch (reason) {
            case MALFORMED -> "state must be an authorization request id (a UUID)";
            case NOT_FOUND -> "authorization request " + id + " not found";
            case WRONG_USER -> "wrong user for authorization request " + id;
            case WRONG_API -> "authorization request " + id + " was made for another API";
            case USED -> "authorization request " + id + " was already used";
            case EXPIRED -> "authorization request " + id + " has expired";
        };
    }
}
