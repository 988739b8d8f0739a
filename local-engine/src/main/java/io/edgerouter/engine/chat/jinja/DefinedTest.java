package io.edgerouter.engine.chat.jinja;

import com.hubspot.jinjava.interpret.Context;
import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.util.ScopeMap;
import jinjava.de.odysseus.el.tree.Bindings;
import jinjava.de.odysseus.el.tree.impl.ast.AstMethod;
import jinjava.de.odysseus.el.tree.impl.ast.AstParameters;
import jinjava.de.odysseus.el.tree.impl.ast.AstProperty;
import jinjava.javax.el.ELContext;

/**
 * {@code name is defined} for a plain variable, as Python's Jinja decides it: a variable set to None ({@code tools},
 * which Hugging Face passes as None) is defined, and so are the globals ({@code strftime_now is defined} in
 * Llama 3.2's template). Jinjava's own test only sees the value, so None and missing look alike there.
 */
final class DefinedTest extends AstMethod {

    private final String name;
    private final boolean negated;

    DefinedTest(AstProperty property, AstParameters params, String name, boolean negated) {
        super(property, params);
        this.name = name;
        this.negated = negated;
    }

    @Override
    public Object eval(Bindings bindings, ELContext context) {
        return defined(JinjavaInterpreter.getCurrent().getContext()) != negated;
    }

    @Override
    protected Object eval(Bindings bindings, ELContext context, boolean answerNullIfBaseIsNull) {
        return eval(bindings, context);
    }

    private boolean defined(Context context) {
        for (ScopeMap<String, Object> scope = context; scope != null; scope = scope.getParent()) {
            if (scope.getScope().containsKey(name)) {
                return true;
            }
        }
        return context.getFunction(":" + name) != null; // globals are registered as namespace:name, here ""
    }
}
