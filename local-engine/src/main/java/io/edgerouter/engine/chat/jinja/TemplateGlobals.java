package io.edgerouter.engine.chat.jinja;

import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.lib.fn.ELFunctionDefinition;

import java.time.LocalDateTime;
import java.util.List;

/**
 * The globals Hugging Face gives chat templates: {@code raise_exception(message)} and {@code strftime_now(format)}.
 * The time is the render's own ({@link #NOW} in the render variables), so a fixed date renders the same every day.
 */
final class TemplateGlobals {

    /** The render variable holding the LocalDateTime strftime_now formats; no template can name it (a hyphen). */
    static final String NOW = "edge-router-now";

    private TemplateGlobals() {
    }

    static List<ELFunctionDefinition> all() {
        return List.of(new ELFunctionDefinition("", "raise_exception", TemplateGlobals.class, "raiseException",
                        Object.class),
                new ELFunctionDefinition("", "strftime_now", TemplateGlobals.class, "strftimeNow", Object.class));
    }

    /** Fails the render with the template's own message. */
    public static Object raiseException(Object message) {
        throw new TemplateRaise(message == null ? "None" : PyValues.str(message));
    }

    public static String strftimeNow(Object format) {
        if (!(format instanceof CharSequence f)) {
            throw new PyTypeError("strftime_now() argument must be str, not " + PyTypes.name(format));
        }
        Object now = JinjavaInterpreter.getCurrent().getContext().get(NOW);
        return Strftime.format(now instanceof LocalDateTime t ? t : LocalDateTime.now(), f.toString());
    }
}
