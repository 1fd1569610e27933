package org.callbackgateway.oauth;

import java.lang.annotation.Annotation;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.jdbi.v3.core.config.ConfigRegistry;
import org.jdbi.v3.core.extension.SimpleExtensionConfigurer;
import org.jdbi.v3.core.extension.annotation.UseExtensionConfigurer;
import org.jdbi.v3.core.statement.StatementExceptions;

/**
 * Keeps a DAO's bound arguments out of Jdbi's exception messages.
 *
 * <p>By default a failed statement's message lists every argument, and the catch-all mapper logs that message:
 * these DAOs bind verifiers and ciphertexts, which must never reach a log.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@UseExtensionConfigurer(RedactedStatements.Configurer.class)
public @interface RedactedStatements {

    /** Applies the annotation: statement exceptions say what failed, not with which values. */
    final class Configurer extends SimpleExtensionConfigurer {
        @Override
        public void configure(ConfigRegistry config, Annotation annotation, Class<?> extensionType) {
            config.get(StatementExceptions.class).setMessageRendering(StatementExceptions.MessageRendering.NONE);
        }
    }
}
