package io.edgerouter.engine.chat.jinja;

import com.hubspot.jinjava.el.ext.NamedParameter;
import jinjava.javax.el.ELContext;
import jinjava.javax.el.ELResolver;

import java.beans.FeatureDescriptor;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The methods of Python's str, dict and list that chat templates call ({@code content.strip()},
 * {@code message.get('name')}, {@code tools.items()}), resolved before Jinjava's bean resolver, which would call
 * Java's methods of the same name or none. Any other method on those types fails as Python's does; list and dict
 * methods that change the object are refused, as in Hugging Face's immutable sandbox.
 */
final class PyMethods extends ELResolver {

    @Override
    public Object invoke(ELContext context, Object base, Object method, Class<?>[] paramTypes, Object[] params) {
        if (method == null) {
            return null;
        }
        Object[] args = params == null ? new Object[0] : params;
        Object result;
        if (base instanceof CharSequence s) {
            result = PyStrMethods.call(s.toString(), method.toString(), args);
        } else if (base instanceof Map<?, ?> map) {
            result = dict(map, method.toString(), args);
        } else if (base instanceof List<?> list) {
            result = list(list, method.toString(), args);
        } else {
            return null; // not ours: the next resolver decides
        }
        context.setPropertyResolved(true);
        return result;
    }

    /** {@code text[i]} with Python's negative indices, by code point. */
    @Override
    public Object getValue(ELContext context, Object base, Object property) {
        if (base instanceof CharSequence s && index(property) != null) {
            context.setPropertyResolved(true);
            return PyStrings.charAt(s.toString(), index(property));
        }
        return null;
    }

    /** An integer subscript; Jinjava hands bracket subscripts over as text ("-1"). */
    private static Long index(Object property) {
        if (property instanceof Number n && !(n instanceof Double) && !(n instanceof Float)) {
            return n.longValue();
        }
        if (property instanceof String s && s.matches("-?\\d{1,18}")) {
            return Long.parseLong(s);
        }
        return null;
    }

    private static Object dict(Map<?, ?> map, String method, Object[] args) {
        return switch (method) {
            case "items" -> new ArrayList<>(map.entrySet());
            case "keys" -> new ArrayList<>(map.keySet());
            case "values" -> new ArrayList<>(map.values());
            case "get" -> {
                arity("dict.get", args, 1, 2);
                Object v = map.get(args[0]);
                yield v != null || map.containsKey(args[0]) ? v : args.length > 1 ? args[1] : null;
            }
            default -> throw refused("dict", method, "pop popitem setdefault update clear".contains(method));
        };
    }

    private static Object list(List<?> list, String method, Object[] args) {
        return switch (method) {
            case "index" -> {
                arity("list.index", args, 1, 1);
                int at = list.indexOf(args[0]);
                if (at < 0) {
                    throw new PyTypeError(PyValues.repr(args[0]) + " is not in list");
                }
                yield at;
            }
            case "count" -> {
                arity("list.count", args, 1, 1);
                yield list.stream().filter(x -> java.util.Objects.equals(x, args[0])).count();
            }
            default -> throw refused("list", method,
                    "append extend insert pop remove reverse sort clear".contains(method));
        };
    }

    private static PyTypeError refused(String type, String method, boolean mutates) {
        return new PyTypeError(mutates ? "access to attribute '" + method + "' of '" + type + "' object is unsafe"
                : "'" + type + "' object has no attribute '" + method + "'");
    }

    static void arity(String method, Object[] args, int min, int max) {
        if (args.length < min || args.length > max) {
            throw new PyTypeError(method + "() takes " + (min == max ? "exactly " + min : min + " to " + max)
                    + " arguments (" + args.length + " given)");
        }
        for (Object a : args) {
            if (a instanceof NamedParameter p) {
                throw new PyTypeError(method + "() takes no keyword arguments, got " + p.getName());
            }
        }
    }

    /** Items of a Python iterable as a Java list (a str iterates over its characters). */
    static List<Object> items(Object iterable, String what) {
        List<Object> out = new ArrayList<>();
        if (iterable instanceof CharSequence s) {
            s.toString().codePoints().forEach(cp -> out.add(new String(Character.toChars(cp))));
        } else if (iterable instanceof Map<?, ?> m) {
            out.addAll(m.keySet());
        } else if (iterable instanceof Collection<?> c) {
            out.addAll(c);
        } else if (iterable instanceof Iterator<?> it) {
            it.forEachRemaining(out::add);
        } else {
            throw new PyTypeError(what + ": '" + PyTypes.name(iterable) + "' object is not iterable");
        }
        return out;
    }

    @Override
    public Class<?> getType(ELContext context, Object base, Object property) {
        return null;
    }

    @Override
    public void setValue(ELContext context, Object base, Object property, Object value) {
        // read only: Jinjava's resolvers report the failure
    }

    @Override
    public boolean isReadOnly(ELContext context, Object base, Object property) {
        return true;
    }

    @Override
    public Iterator<FeatureDescriptor> getFeatureDescriptors(ELContext context, Object base) {
        return null;
    }

    @Override
    public Class<?> getCommonPropertyType(ELContext context, Object base) {
        return null;
    }
}
