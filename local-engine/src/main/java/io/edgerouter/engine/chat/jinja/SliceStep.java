package io.edgerouter.engine.chat.jinja;

import jinjava.de.odysseus.el.tree.Bindings;
import jinjava.de.odysseus.el.tree.impl.ast.AstNode;
import jinjava.de.odysseus.el.tree.impl.ast.AstRightValue;
import jinjava.javax.el.ELContext;

/**
 * The parse of "stop:step" in a subscript: {@link TemplateParser} turns it into a {@link SliceBracket} at once, so it
 * is never evaluated.
 *
 * @param stop null when absent ({@code [::-1]})
 */
final class SliceStep extends AstRightValue {

    final AstNode stop;
    final AstNode step;

    SliceStep(AstNode stop, AstNode step) {
        this.stop = stop;
        this.step = step;
    }

    @Override
    public void appendStructure(StringBuilder b, Bindings bindings) {
        if (stop != null) {
            stop.appendStructure(b, bindings);
        }
        b.append(':');
        step.appendStructure(b, bindings);
    }

    @Override
    public Object eval(Bindings bindings, ELContext context) {
        throw new PyTypeError("a slice step outside a subscript");
    }

    @Override
    public int getCardinality() {
        return stop == null ? 1 : 2;
    }

    @Override
    public AstNode getChild(int i) {
        return stop == null ? step : i == 0 ? stop : step;
    }
}
