package io.edgerouter.engine.chat.jinja;

import com.hubspot.jinjava.Jinjava;
import com.hubspot.jinjava.JinjavaConfig;
import com.hubspot.jinjava.LegacyOverrides;
import com.hubspot.jinjava.el.JinjavaInterpreterResolver;
import com.hubspot.jinjava.interpret.Context;
import com.hubspot.jinjava.loader.ResourceNotFoundException;
import jinjava.de.odysseus.el.ExpressionFactoryImpl;
import jinjava.de.odysseus.el.tree.TreeBuilder;
import jinjava.de.odysseus.el.tree.impl.Builder;
import jinjava.javax.el.CompositeELResolver;
import jinjava.javax.el.ExpressionFactory;

import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * The Jinja environment of Hugging Face's {@code apply_chat_template} built on Jinjava: trim_blocks and lstrip_blocks,
 * no nested interpretation (a message holding <code>{{ 7*7 }}</code> stays text), no template loading
 * ({@code include}, {@code import}, {@code extends} are off: a chat template is one self-contained string), the
 * globals {@code raise_exception} and {@code strftime_now}, and Python's semantics where Jinjava's differ (see
 * {@link TemplateParser}, {@link PyMethods}, {@link PyFilters}, {@link PyInterpreter}).
 *
 * <p>Built once and shared: rendering keeps its state in a per-render interpreter, so one environment serves every
 * thread.
 */
final class JinjaEnvironment {

    /** Ample for any prompt a model can take (128k tokens are well under 1 MB), small enough to stop a runaway loop. */
    private static final long MAX_OUTPUT_CHARS = 16L << 20;

    /**
     * Jinjava's switches towards Jinja2's behaviour: {@code {{- -}}} and {@code {#- -#}} trim whitespace, dict keys are
     * expressions, {@code for k in dict} walks the keys, None items stay in loops, operator precedence and
     * {@code {%- %}} parsing as Jinja2's.
     */
    private static final LegacyOverrides PYTHON_JINJA = LegacyOverrides.newBuilder()
            .withUseTrimmingForNotesAndExpressions(true)
            .withParseWhitespaceControlStrictly(true)
            .withEvaluateMapKeys(true)
            .withIterateOverMapKeys(true)
            .withKeepNullableLoopValues(true)
            .withUseNaturalOperatorPrecedence(true)
            .build();

    private static final JinjaEnvironment STANDARD = new JinjaEnvironment(); // after the constants it reads

    private final Jinjava jinjava;
    private final ExpressionFactory expressions;
    /**
     * Each thread's copy of the global context (filters, functions, tags), the parent of its renders' contexts: a
     * render writes what it resolved into its parents, so they cannot be shared, and copying the registries for every
     * render would cost more than the render.
     */
    private final ThreadLocal<Context> threadContexts;

    private JinjaEnvironment() {
        this.expressions = new PyExpressionFactory();
        JinjavaConfig config = JinjavaConfig.newBuilder()
                .withTrimBlocks(true)
                .withLstripBlocks(true)
                .withNestedInterpretationEnabled(false)
                .withFailOnUnknownTokens(false)
                .withMaxOutputSize(MAX_OUTPUT_CHARS)
                .withMaxRenderDepth(10)
                .withEnableRecursiveMacroCalls(false)
                .withInterperterFactory(new PyInterpreter.Factory())
                .withElResolver(resolver())
                .withLegacyOverrides(PYTHON_JINJA)
                .withDisabled(Map.of(Context.Library.TAG, Set.of("include", "import", "from", "extends")))
                .build();
        ExpressionFactory factory = expressions;
        this.jinjava = new Jinjava(config) {
            @Override
            public ExpressionFactory getExpressionFactory() {
                return factory;
            }
        };
        jinjava.setResourceLocator((name, encoding, interpreter) -> {
            throw new ResourceNotFoundException("chat templates cannot load other templates: " + name);
        });
        PyFilters.all().forEach(jinjava::registerFilter);
        TemplateGlobals.all().forEach(jinjava::registerFunction);
        TemplateTags.all().forEach(jinjava::registerTag);
        this.threadContexts = ThreadLocal.withInitial(jinjava::getGlobalContextCopy);
    }

    /** This thread's parent context for renders (see {@link #threadContexts}). */
    Context threadContext() {
        return threadContexts.get();
    }

    static JinjaEnvironment standard() {
        return STANDARD;
    }

    Jinjava jinjava() {
        return jinjava;
    }

    /** Parses one expression (without evaluating it), to find syntax errors before the first render. */
    void checkExpression(String expression) {
        new TemplateSyntax(Builder.Feature.METHOD_INVOCATIONS, Builder.Feature.VARARGS).build("#{" + expression + "}");
    }

    private static CompositeELResolver resolver() {
        CompositeELResolver resolver = new CompositeELResolver();
        resolver.add(new PyMethods());
        resolver.add(JinjavaInterpreterResolver.DEFAULT_RESOLVER_READ_ONLY);
        return resolver;
    }

    /** Jinjava's expression factory with {@link TemplateSyntax} and {@link PyTypeConverter}. */
    private static final class PyExpressionFactory extends ExpressionFactoryImpl {

        PyExpressionFactory() {
            super(new Properties(), new PyTypeConverter());
        }

        @Override
        protected TreeBuilder createTreeBuilder(Properties properties, Builder.Feature... features) {
            return new TemplateSyntax(features);
        }
    }
}
