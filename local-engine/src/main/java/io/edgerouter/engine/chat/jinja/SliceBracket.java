package io.edgerouter.engine.chat.jinja;

import com.hubspot.jinjava.el.ext.AstRangeBracket;
import jinjava.de.odysseus.el.tree.Bindings;
import jinjava.de.odysseus.el.tree.impl.ast.AstNode;
import jinjava.javax.el.ELContext;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code seq[start:stop:step]} with Python's rules: any part may be absent or negative, a negative step walks
 * backwards ({@code messages[::-1]}), strings are sliced by code point. Jinjava's own range bracket has no step and
 * slices strings by UTF-16 unit.
 */
final class SliceBracket extends AstRangeBracket {

    private final AstNode step;

    SliceBracket(AstNode base, AstNode start, AstNode stop, AstNode step, boolean lvalue, boolean strict) {
        super(base, start, stop, lvalue, strict, false);
        this.step = step;
    }

    @Override
    public Object eval(Bindings bindings, ELContext context) {
        Object base = prefix.eval(bindings, context);
        Long from = bound(property, bindings, context);
        Long to = bound(rangeMax, bindings, context);
        Long by = bound(step, bindings, context);
        if (by != null && by == 0) {
            throw new PyTypeError("slice step cannot be zero");
        }
        if (base instanceof CharSequence s) {
            return PyStrings.slice(s.toString(), from, to, by);
        }
        if (base instanceof Iterable<?> items) {
            List<Object> list = new ArrayList<>();
            items.forEach(list::add);
            return Slices.of(list, from, to, by);
        }
        throw new PyTypeError("'" + PyTypes.name(base) + "' object is not subscriptable with a slice");
    }

    private static Long bound(AstNode node, Bindings bindings, ELContext context) {
        if (node == null) {
            return null;
        }
        Object value = node.eval(bindings, context);
        if (value == null) {
            return null;
        }
        if (!(value instanceof Number n) || value instanceof Double || value instanceof Float) {
            throw new PyTypeError("slice indices must be integers or None, got " + PyTypes.name(value));
        }
        return n.longValue();
    }

    @Override
    public String toString() {
        return "[::]";
    }
}
