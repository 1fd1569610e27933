package org.callbackgateway.web;

import jakarta.servlet.http.HttpServlet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's modules in dependency order: started in that order, closed in the reverse one.
 */
final class ModuleList implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ModuleList.class);

    private final List<FeatureModule> modules = new ArrayList<>();

    <M extends FeatureModule> M add(M module) {
        modules.add(module);
        return module;
    }

    void startAll() {
        modules.forEach(FeatureModule::start);
    }

    List<Object> resources() {
        List<Object> resources = new ArrayList<>();
        modules.forEach(module -> resources.addAll(module.resources()));
        return resources;
    }

    Map<String, HttpServlet> servlets() {
        Map<String, HttpServlet> servlets = new LinkedHashMap<>();
        modules.forEach(module -> servlets.putAll(module.servlets()));
        return servlets;
    }

    @Override
    public void close() {
        for (int i = modules.size() - 1; i >= 0; i--) {
            FeatureModule module = modules.get(i);
            try {
                module.close();
            } catch (RuntimeException e) {
                LOG.warn("stopping {} failed: {}", module.getClass().getSimpleName(), e.toString());
            }
        }
    }
}
