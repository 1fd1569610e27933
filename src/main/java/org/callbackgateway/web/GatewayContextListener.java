package org.callbackgateway.web;

import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.ServletRegistration;
import java.time.Clock;
import org.callbackgateway.config.ConfigException;
import org.callbackgateway.config.GatewayConfig;
import org.glassfish.jersey.servlet.ServletContainer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * Starts the gateway when the web application starts (declared in {@code WEB-INF/web.xml}) and stops it after.
 */
public final class GatewayContextListener implements ServletContextListener {
    private static final Logger LOG = LoggerFactory.getLogger(GatewayContextListener.class);
    static final String APPLICATION_ATTRIBUTE = GatewayApplication.class.getName();

    @Override
    public void contextInitialized(ServletContextEvent event) {
        routeJulToSlf4j();
        ServletContext context = event.getServletContext();
        GatewayConfig config;
        try {
            config = GatewayConfig.load(ContainerConfigSources.forContext(context));
        } catch (ConfigException e) {
            LOG.error("Configuration error: {}", e.getMessage());
            throw e;
        }
        GatewayApplication application;
        try {
            application = GatewayApplication.start(config, Clock.systemUTC());
        } catch (ConfigException e) {
            LOG.error("Configuration error: {}", e.getMessage());
            throw e;
        } catch (RuntimeException e) {
            LOG.error("Start-up failed: {}", e.toString());
            throw e;
        }
        context.setAttribute(APPLICATION_ATTRIBUTE, application);

        ServletRegistration.Dynamic jersey = context.addServlet("jersey", new ServletContainer(application.resourceConfig()));
        jersey.addMapping("/*");
        jersey.setLoadOnStartup(1);
        application.servlets().forEach((pattern, servlet) ->
                context.addServlet(servlet.getClass().getSimpleName(), servlet).addMapping(pattern));
        LOG.info("callback gateway started at context path '{}' with {}", context.getContextPath(), config);
    }

    @Override
    public void contextDestroyed(ServletContextEvent event) {
        Object application = event.getServletContext().getAttribute(APPLICATION_ATTRIBUTE);
        if (application instanceof GatewayApplication gateway) {
            gateway.close();
            LOG.info("callback gateway stopped");
        }
    }

    private static void routeJulToSlf4j() {
        if (!SLF4JBridgeHandler.isInstalled()) {
            SLF4JBridgeHandler.removeHandlersForRootLogger();
            SLF4JBridgeHandler.install();
        }
    }
}
