package io.edgerouter.engine.chat.jinja;

import com.hubspot.jinjava.el.ext.StringBuildingOperator;
import jinjava.de.odysseus.el.misc.NumberOperations;
import jinjava.de.odysseus.el.misc.TypeConverter;
import jinjava.de.odysseus.el.tree.impl.ast.AstBinary;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Python's {@code +}: str + str, list + list and number + number; anything else is Python's TypeError, where
 * Jinjava's {@code +} would write {@code "null"} for a missing value ({@code '<|user|>' + message.content}).
 */
final class PyAdd extends AstBinary.SimpleOperator implements StringBuildingOperator {

    static final PyAdd OP = new PyAdd();

    private PyAdd() {
    }

    @Override
    protected Object apply(TypeConverter converter, Object a, Object b) {
        if (a instanceof CharSequence && b instanceof CharSequence) {
            com.hubspot.jinjava.util.LengthLimitingStringBuilder sum = getStringBuilder();
            sum.append(a);
            sum.append(b);
            return sum.toString();
        }
        if (a instanceof Collection<?> x && b instanceof Collection<?> y) {
            List<Object> sum = new ArrayList<>(x);
            sum.addAll(y);
            return sum;
        }
        if (a instanceof Number && b instanceof Number) {
            return NumberOperations.add(converter, a, b);
        }
        throw new PyTypeError("unsupported operand type(s) for +: '" + PyTypes.name(a) + "' and '"
                + PyTypes.name(b) + "'");
    }

    @Override
    public String toString() {
        return "+";
    }
}
