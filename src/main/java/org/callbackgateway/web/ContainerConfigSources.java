package org.callbackgateway.web;

import jakarta.servlet.ServletContext;
import java.util.List;
import java.util.Optional;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import org.callbackgateway.config.ConfigSource;

/**
 * The documented lookup order: environment variables, then servlet context parameters, then JNDI
 * {@code java:comp/env} entries.
 */
public final class ContainerConfigSources {
    private ContainerConfigSources() {
    }

    public static ConfigSource forContext(ServletContext context) {
        return ConfigSource.firstOf(List.of(ConfigSource.environment(), servletContext(context), jndi()));
    }

    static ConfigSource servletContext(ServletContext context) {
        return name -> Optional.ofNullable(context.getInitParameter(name));
    }

    static ConfigSource jndi() {
        return name -> {
            try {
                Object value = new InitialContext().lookup("java:comp/env/" + name);
                return value == null ? Optional.empty() : Optional.of(value.toString());
            } catch (NamingException | RuntimeException e) {
                return Optional.empty();
            }
        };
    }
}
