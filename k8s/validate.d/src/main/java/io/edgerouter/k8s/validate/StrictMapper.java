package io.edgerouter.k8s.validate;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.BeanDeserializerBuilder;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import java.util.Collection;
import java.util.stream.Collectors;

/**
 * A YAML mapper as strict as the Kubernetes API server's field validation.
 *
 * <p>fabric8's and Strimzi's model classes keep unknown fields in an {@code additionalProperties}
 * map (a Jackson any-setter), which would accept any misspelling silently. This mapper removes
 * every any-setter, so with {@code FAIL_ON_UNKNOWN_PROPERTIES} an unknown field fails. It also
 * rejects duplicate keys, {@code null} for numbers and booleans, and scalars of the wrong type
 * (a number where a string belongs, {@code "3"} where a number belongs): the API server rejects those too.
 */
final class StrictMapper {

    private StrictMapper() {
    }

    static ObjectMapper create() {
        SimpleModule noAnySetter = new SimpleModule("no-any-setter");
        noAnySetter.setDeserializerModifier(new BeanDeserializerModifier() {
            @Override
            public BeanDeserializerBuilder updateBuilder(DeserializationConfig config, BeanDescription description,
                                                         BeanDeserializerBuilder builder) {
                builder.setAnySetter(null);
                builder.setIgnoreUnknownProperties(false);
                return builder;
            }
        });
        ObjectMapper mapper = YAMLMapper.builder(new YAMLFactory())
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
                .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
                .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .addModule(noAnySetter)
                .build();
        for (CoercionInputShape shape : new CoercionInputShape[] {
                CoercionInputShape.Integer, CoercionInputShape.Float, CoercionInputShape.Boolean}) {
            mapper.coercionConfigFor(LogicalType.Textual).setCoercion(shape, CoercionAction.Fail);
        }
        return mapper;
    }

    /** The field path of a mapping failure: {@code spec.template.spec.containers[0].livenessProbe}. */
    static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                path.append(path.length() == 0 ? "" : ".").append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    /** A one-line reason for a mapping failure, listing the allowed fields for an unknown one. */
    static String reason(JsonMappingException e) {
        if (e instanceof UnrecognizedPropertyException u) {
            Collection<Object> known = u.getKnownPropertyIds();
            String allowed = known == null ? "" : known.stream().map(String::valueOf)
                    .filter(name -> !name.equals("additionalProperties")).sorted()
                    .collect(Collectors.joining(", ", " (allowed: ", ")"));
            return "unknown field '" + u.getPropertyName() + "' in " + u.getReferringClass().getSimpleName() + allowed;
        }
        // Jackson's hint about CoercionConfig is advice to a programmer, not to the manifest's author.
        String message = e.getOriginalMessage().replaceAll(" \\(but (might|could) if coercion[^)]*\\)", "");
        int cut = message.indexOf('\n');
        return cut < 0 ? message : message.substring(0, cut);
    }
}
