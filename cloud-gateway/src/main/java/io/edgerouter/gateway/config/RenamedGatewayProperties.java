package io.edgerouter.gateway.config;

import io.edgerouter.protocol.config.RenamedProperty;
import io.smallrye.config.ConfigSourceInterceptor;
import io.smallrye.config.ConfigSourceInterceptorContext;
import io.smallrye.config.ConfigValidationException;
import io.smallrye.config.ConfigValue;

import java.util.Iterator;
import java.util.List;

/**
 * Fails start-up, saying what to set instead, when a renamed {@code gateway.*} property is set (in any configuration
 * source, also as an environment variable): {@code gateway.model} became the model's path, so the group that held the
 * model's settings moved. Registered in {@code META-INF/services/io.smallrye.config.ConfigSourceInterceptor}.
 */
public final class RenamedGatewayProperties implements ConfigSourceInterceptor {

    static final List<RenamedProperty> RENAMED = List.of(
            new RenamedProperty("gateway.model.dir", "gateway.model", "a model directory or file"),
            new RenamedProperty("gateway.model.draft-dir", "gateway.draft-model", "a model directory or file"),
            new RenamedProperty("gateway.model.data-dir", "gateway.data-dir", ""),
            new RenamedProperty("gateway.model.name", "gateway.model-name", ""),
            new RenamedProperty("gateway.model.intra-op-threads", "gateway.engine.intra-op-threads", ""),
            new RenamedProperty("gateway.model.max-concurrency", "gateway.engine.max-concurrency", ""),
            new RenamedProperty("gateway.model.max-completion-tokens", "gateway.engine.max-completion-tokens", ""));

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
