package io.edgerouter.engine.chat.jinja;

import com.hubspot.jinjava.el.TruthyTypeConverter;

/**
 * Jinjava's conversions with Python's text ({@code str(x)} for {@code ~}) and truthiness ({@code not x},
 * {@code a if c else b}).
 */
final class PyTypeConverter extends TruthyTypeConverter {

    private static final long serialVersionUID = 1L;

    @Override
    protected Boolean coerceToBoolean(Object value) {
        return PyTypes.truthy(value);
    }

    @Override
    protected String coerceToString(Object value) {
        return value == null ? "" : PyValues.str(value); // "" + undefined is "" in Jinja's ~ as well
    }
}
