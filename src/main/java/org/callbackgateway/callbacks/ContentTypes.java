package org.callbackgateway.callbacks;

import java.util.Locale;
import java.util.Optional;

/**
 * Which Content-Type headers a JSON callback accepts.
 */
public final class ContentTypes {
    private ContentTypes() {
    }

    /** The media type without parameters, lower-cased. */
    public static String mediaType(String contentType) {
        int semicolon = contentType.indexOf(';');
        return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
    }

    public static boolean isJson(Optional<String> contentType) {
        return contentType.map(ContentTypes::mediaType)
                .filter(type -> type.equals("application/json") || (type.startsWith("application/") && type.endsWith("+json")))
                .isPresent();
    }

    /**
     * JSON, or the form type that {@code curl -d} sends: the DE documents its notification callback with
     * {@code curl -d '<json>'}, so a JSON body under that label is read as JSON.
     */
    public static boolean isJsonOrLegacyForm(Optional<String> contentType) {
        return isJson(contentType)
                || contentType.map(ContentTypes::mediaType).filter("application/x-www-form-urlencoded"::equals).isPresent();
    }
}
