package org.callbackgateway.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.glassfish.jersey.jackson.JacksonFeature;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.ServerProperties;

/**
 * The Jersey application: JSON with the gateway's mapper, the error envelope for every failure, the body cap,
 * and then every module's resources.
 */
final class JerseyResources {
    private JerseyResources() {
    }

    static ResourceConfig of(Foundation foundation, List<Object> moduleResources) {
        ObjectMapper mapper = foundation.mapper();
        ResourceConfig resources = new ResourceConfig();
        resources.property(ServerProperties.WADL_FEATURE_DISABLE, true);
        resources.property(ServerProperties.RESPONSE_SET_STATUS_OVER_SEND_ERROR, true);
        resources.register(JacksonFeature.withoutExceptionMappers());
        resources.register(new ObjectMapperProvider(mapper));
        resources.register(new ApiExceptionMapper());
        resources.register(new WebApplicationExceptionMapper());
        resources.register(new JsonProcessingExceptionMapper());
        resources.register(new CatchAllExceptionMapper(foundation.config().retryAfterSeconds()));
        resources.register(new BodyCapFilter(foundation.config().maxBodyBytes()));
        moduleResources.forEach(resources::register);
        return resources;
    }
}
