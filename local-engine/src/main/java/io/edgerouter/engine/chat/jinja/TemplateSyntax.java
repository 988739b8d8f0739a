package io.edgerouter.engine.chat.jinja;

import com.hubspot.jinjava.el.ExtendedSyntaxBuilder;
import jinjava.de.odysseus.el.tree.impl.Parser;

/** Builds expression trees with {@link TemplateParser}. */
final class TemplateSyntax extends ExtendedSyntaxBuilder {

    private static final long serialVersionUID = 1L;

    TemplateSyntax(Feature... features) {
        super(features);
    }

    @Override
    protected Parser createParser(String expression) {
        return new TemplateParser(this, expression);
    }
}
