package org.callbackgateway.web;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.KeyDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jsr310.deser.InstantDeserializer;
import java.io.IOException;
import java.time.Instant;
import org.callbackgateway.db.Timestamps;

/**
 * Refuses, while JSON is bound to the API's records, what PostgreSQL cannot store: strings (and object keys) with
 * NUL, and instants outside {@link Timestamps}. The refusal is an {@link InvalidFormatException}, which the mapper
 * answers as a 400 that names the field.
 */
final class InputChecksModule extends SimpleModule {
    private static final long serialVersionUID = 1L;
    static final String NUL_REASON = "must not contain NUL (U+0000) characters";
    static final String INSTANT_REASON = "is out of range (" + Timestamps.RANGE + ")";

    InputChecksModule() {
        super("input-checks");
        addDeserializer(String.class, new NulFreeStrings());
        addKeyDeserializer(String.class, new NulFreeKeys());
        addDeserializer(Instant.class, new StorableInstants());
    }

    private static final class NulFreeStrings extends StdDeserializer<String> {
        private static final long serialVersionUID = 1L;

        NulFreeStrings() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            String value = StringDeserializer.instance.deserialize(parser, context);
            if (InboundText.hasNul(value)) {
                throw InvalidFormatException.from(parser, NUL_REASON, value, String.class);
            }
            return value;
        }
    }

    private static final class NulFreeKeys extends KeyDeserializer {
        @Override
        public Object deserializeKey(String key, DeserializationContext context) throws IOException {
            if (InboundText.hasNul(key)) {
                throw InvalidFormatException.from(context.getParser(), NUL_REASON, key, String.class);
            }
            return key;
        }
    }

    private static final class StorableInstants extends StdDeserializer<Instant> {
        private static final long serialVersionUID = 1L;
        private final JsonDeserializer<Instant> standard = InstantDeserializer.INSTANT;

        StorableInstants() {
            super(Instant.class);
        }

        @Override
        public Instant deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            Instant value = standard.deserialize(parser, context);
            if (value != null && !Timestamps.storable(value)) {
                throw InvalidFormatException.from(parser, INSTANT_REASON, value.toString(), Instant.class);
            }
            return value;
        }
    }
}
