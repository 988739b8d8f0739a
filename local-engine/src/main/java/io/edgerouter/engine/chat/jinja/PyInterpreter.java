package io.edgerouter.engine.chat.jinja;

import com.hubspot.jinjava.Jinjava;
import com.hubspot.jinjava.JinjavaConfig;
import com.hubspot.jinjava.interpret.Context;
import com.hubspot.jinjava.interpret.InterpreterFactory;
import com.hubspot.jinjava.interpret.JinjavaInterpreter;

/**
 * Prints {@code {{ x }}} as Python's {@code str(x)}: True, False, None, {@code {'a': 1}}, {@code 1e-05} (Jinjava prints
 * true, false and Java's toString). A missing value prints nothing, as Jinja's Undefined does.
 */
final class PyInterpreter extends JinjavaInterpreter {

    PyInterpreter(Jinjava application, Context context, JinjavaConfig config) {
        super(application, context, config);
    }

    PyInterpreter(JinjavaInterpreter orig) {
        super(orig);
    }

    @Override
    public String getAsString(Object object) {
        return object == null ? "" : PyValues.str(object);
    }

    /** Makes {@link PyInterpreter}s. */
    static final class Factory implements InterpreterFactory {

        @Override
        public JinjavaInterpreter newInstance(JinjavaInterpreter orig) {
            return new PyInterpreter(orig);
        }

        @Override
        public JinjavaInterpreter newInstance(Jinjava application, Context context, JinjavaConfig config) {
            return new PyInterpreter(application, context, config);
        }
    }
}
