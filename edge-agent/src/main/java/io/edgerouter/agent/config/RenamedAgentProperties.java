package io.edgerouter.agent.config;

import io.edgerouter.protocol.config.RenamedProperty;
import io.smallrye.config.ConfigSourceInterceptor;
import io.smallrye.config.ConfigSourceInterceptorContext;
import io.smallrye.config.ConfigValidationException;
import io.smallrye.config.ConfigValue;

import java.util.Iterator;
import java.util.List;

/**
 * Fails start-up, saying what to set instead, when a renamed {@code edge.*} property is set (in any configuration
 * source, also as an environment variable). Registered in {@code META-INF/services/io.smallrye.config.ConfigSourceInterceptor}.
 */
public final class RenamedAgentProperties implements ConfigSourceInterceptor {

    static final List<RenamedProperty> RENAMED = List.of(
            new RenamedProperty("edge.engine.model-dir", "edge.engine.model", "a model directory or file"),
            new RenamedProperty("edge.engine.draft-model-dir", "edge.engine.draft-model", "a model directory or file"));

    @Override
    public ConfigValue getValue(ConfigSourceInterceptorContext context, String name) {
        return context.proceed(name);
    }

    @Override
    public Iterator<String> iterateNames(ConfigSourceInterceptorContext context) {
        return RenamedProperty.rejectRenamed(context.iterateNames(), RENAMED, problems -> new ConfigValidationException(
                problems.stream().map(ConfigValidationException.Problem::new).toArray(ConfigValidationException.Problem[]::new)));
    }
}
