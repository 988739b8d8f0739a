package io.edgerouter.engine.chat.jinja;

import com.hubspot.jinjava.interpret.Context;
import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.interpret.TemplateError;
import com.hubspot.jinjava.tree.ExpressionNode;
import com.hubspot.jinjava.tree.Node;
import com.hubspot.jinjava.tree.TagNode;
import com.hubspot.jinjava.tree.parse.ExpressionToken;
import jinjava.de.odysseus.el.tree.TreeBuilderException;

import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A chat template parsed once by {@link JinjaEnvironment} and rendered any number of times, from any thread, the way
 * Python's Jinja renders it for Hugging Face.
 *
 * <p>Jinjava is lenient: it records problems in a list and carries on rendering. Here a render fails at the first
 * problem Python would have stopped at: {@code raise_exception} (with the template's own message), a Python type
 * error, or any fatal Jinjava error. Parsing likewise fails on the first syntax error, in a tag or in any expression,
 * whether or not a render would reach it.
 */
public final class JinjaTemplate {

    /** {@code for a, b in <expr>}, {@code set x = <expr>}, {@code if <expr>}: the expression part of a tag. */
    private static final Pattern FOR = Pattern.compile("^\\s*[\\w\\s,()]+?\\s+in\\s+(.+?)(\\s+if\\s+.+)?\\s*$",
            Pattern.DOTALL);
    private static final Pattern SET = Pattern.compile("^\\s*[\\w.\\s,]+?\\s*=(?!=)\\s*(.+)$", Pattern.DOTALL);

    private final JinjaEnvironment environment;
    private final Node root;

    private JinjaTemplate(JinjaEnvironment environment, Node root) {
        this.environment = environment;
        this.root = root;
    }

    /**
     * @throws JinjaException naming the line and the problem when the text is not a template Jinja can parse
     */
    public static JinjaTemplate parse(String text) {
        JinjaEnvironment environment = JinjaEnvironment.standard();
        JinjavaInterpreter interpreter = environment.jinjava().newInterpreter();
        JinjavaInterpreter.pushCurrent(interpreter);
        try {
            Node root = interpreter.parse(withoutTrailingNewline(text));
            for (TemplateError e : interpreter.getErrors()) {
                throw new JinjaException("line " + e.getLineno() + ": " + e.getMessage(), false);
            }
            checkExpressions(environment, root);
            return new JinjaTemplate(environment, root);
        } catch (RuntimeException e) {
            if (e instanceof JinjaException) {
                throw e;
            }
            throw new JinjaException("cannot parse: " + e.getMessage(), false);
        } finally {
            JinjavaInterpreter.popCurrent();
        }
    }

    /** Jinja drops one newline at the end of a template (keep_trailing_newline=False); Jinjava keeps it. */
    private static String withoutTrailingNewline(String text) {
        if (text.endsWith("\r\n")) {
            return text.substring(0, text.length() - 2);
        }
        return text.endsWith("\n") || text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
    }

    /** Every expression of the tree, parsed now: Jinjava would only find a bad one when a render reaches it. */
    private static void checkExpressions(JinjaEnvironment environment, Node node) {
        String expression = null;
        if (node instanceof ExpressionNode && node.getMaster() instanceof ExpressionToken token) {
            expression = token.getExpr();
        } else if (node instanceof TagNode tag) {
            expression = tagExpression(tag.getName(), tag.getHelpers());
        }
        if (expression != null && !expression.isBlank()) {
            try {
                environment.checkExpression(expression.strip());
            } catch (TreeBuilderException e) {
                throw new JinjaException("line " + node.getLineNumber() + ": cannot parse '" + expression.strip()
                        + "': " + e.getMessage(), false);
            }
        }
        for (Node child : node.getChildren()) {
            checkExpressions(environment, child);
        }
    }

    private static String tagExpression(String tag, String helpers) {
        if (helpers == null) {
            return null;
        }
        return switch (tag) {
            case "if", "elif", "do", "print" -> helpers;
            case "for" -> group(FOR.matcher(helpers));
            case "set" -> group(SET.matcher(helpers));
            default -> null;
        };
    }

    private static String group(Matcher m) {
        return m.matches() ? m.group(1) : null;
    }

    /**
     * Renders with the given variables; {@code now} is what {@code strftime_now} formats.
     *
     * @throws JinjaException with the template's message for {@code raise_exception}, else naming the problem
     */
    public String render(Map<String, Object> variables, LocalDateTime now) {
        Map<String, Object> bindings = new HashMap<>(variables);
        bindings.put(TemplateGlobals.NOW, now);
        Context base = environment.threadContext();
        Context context = new Context(base, bindings, environment.jinjava().getGlobalConfig().getDisabled());
        JinjavaInterpreter interpreter = environment.jinjava().getGlobalConfig().getInterpreterFactory()
                .newInstance(environment.jinjava(), context, environment.jinjava().getGlobalConfig());
        JinjavaInterpreter.pushCurrent(interpreter);
        String output;
        try {
            output = interpreter.render(root);
        } catch (RuntimeException e) {
            throw failure(e, interpreter.getLineNumber());
        } finally {
            JinjavaInterpreter.popCurrent();
            base.reset(); // what the render pushed up (resolved names) is not kept
        }
        for (TemplateError e : List.copyOf(interpreter.getErrors())) {
            if (e.getException() != null && cause(e.getException()) != null
                    || e.getSeverity() == TemplateError.ErrorType.FATAL) {
                throw failure(e);
            }
        }
        return output;
    }

    private static JinjaException failure(TemplateError e) {
        Throwable ours = e.getException() == null ? null : cause(e.getException());
        if (ours != null) {
            return failure(ours, e.getLineno());
        }
        return new JinjaException("line " + e.getLineno() + ": " + e.getMessage(), false);
    }

    private static JinjaException failure(Throwable e, int line) {
        Throwable ours = cause(e);
        if (ours instanceof TemplateRaise) {
            return new JinjaException(ours.getMessage(), true);
        }
        String message = ours != null ? ours.getMessage() : e.getMessage();
        return new JinjaException("line " + line + ": " + message, false);
    }

    /** The raise_exception or Python type error somewhere in the cause chain, or null. */
    private static Throwable cause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof TemplateRaise || t instanceof PyTypeError) {
                return t;
            }
        }
        return null;
    }
}
