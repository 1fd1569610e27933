package org.callbackgateway.callbacks.forge.whck;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Repository identifiers, the names of the files in a secrets directory. {@code whck} takes any name made of the
 * base16 and base64 alphabets (without {@code /}, which no file name can hold); the web validator and the
 * gateway name a repository by the lowercase base16 of its URL's UTF-8 bytes.
 */
public final class Identifiers {
    /** The longest file name most file systems allow; a URL of up to 127 bytes fits as base16. */
    public static final int MAX_LENGTH = 255;
    /** What {@link #valid} accepts, for error messages. */
    public static final String RULE = "IDENTIFIER must be a base16 or base64 name of at most " + MAX_LENGTH
            + " characters (letters, digits, + = - _ .), not starting with a dot";
    private static final HexFormat HEX = HexFormat.of();

    private Identifiers() {
    }

    /** Whether {@code identifier} can name a file in the directory itself: no path, not hidden, not empty. */
    public static boolean valid(String identifier) {
        if (identifier.isEmpty() || identifier.length() > MAX_LENGTH || identifier.charAt(0) == '.') {
            return false;
        }
        for (int i = 0; i < identifier.length(); i++) {
            char c = identifier.charAt(i);
            boolean alphanumeric = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9';
            if (!alphanumeric && "+=-_.".indexOf(c) < 0) {
                return false;
            }
        }
        return true;
    }

    /** The identifier of a repository: the base16 of its URL exactly as the forge sends it. */
    public static String ofRepository(String url) {
        return HEX.formatHex(url.getBytes(StandardCharsets.UTF_8));
    }

    /** The repository URL a base16 identifier names; empty when it is not the base16 of UTF-8 text. */
    public static Optional<String> repository(String identifier) {
        if (identifier.isEmpty() || identifier.length() % 2 != 0) {
            return Optional.empty();
        }
        try {
            byte[] bytes = HEX.parseHex(identifier);
            return Optional.of(StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString());
        } catch (IllegalArgumentException | CharacterCodingException e) {
            return Optional.empty();
        }
    }
}
