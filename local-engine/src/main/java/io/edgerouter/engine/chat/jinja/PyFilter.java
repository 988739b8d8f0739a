package io.edgerouter.engine.chat.jinja;

import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.lib.filter.Filter;

import java.util.Map;

/**
 * A Jinja filter with Python's behaviour, replacing Jinjava's filter of the same name: the value and the positional
 * and keyword arguments as the template wrote them (Jinjava's plain filters only see arguments as text).
 */
interface PyFilter extends Filter {

    Object apply(Object value, Object[] args, Map<String, Object> kwargs);

    @Override
    default Object filter(Object var, JinjavaInterpreter interpreter, Object[] args, Map<String, Object> kwargs) {
        return apply(var, args, kwargs);
    }

    @Override
    default Object filter(Object var, JinjavaInterpreter interpreter, String... args) {
        return apply(var, args, Map.of());
    }

    /** The argument at {@code position}, else the keyword {@code name}, else {@code fallback}. */
    static Object arg(Object[] args, Map<String, Object> kwargs, int position, String name, Object fallback) {
        if (position < args.length) {
            return args[position];
        }
        return kwargs.containsKey(name) ? kwargs.get(name) : fallback;
    }
}
