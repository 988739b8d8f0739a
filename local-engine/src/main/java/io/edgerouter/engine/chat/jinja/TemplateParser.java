package io.edgerouter.engine.chat.jinja;

import com.hubspot.jinjava.el.ext.AdditionOperator;
import com.hubspot.jinjava.el.ext.AstRangeBracket;
import com.hubspot.jinjava.el.ext.ExtendedParser;
import com.hubspot.jinjava.el.ext.NamedParameterOperator;
import jinjava.de.odysseus.el.tree.impl.Builder;
import jinjava.de.odysseus.el.tree.impl.Parser;
import jinjava.de.odysseus.el.tree.impl.Scanner;
import jinjava.de.odysseus.el.tree.impl.ast.AstBinary;
import jinjava.de.odysseus.el.tree.impl.ast.AstDot;
import jinjava.de.odysseus.el.tree.impl.ast.AstIdentifier;
import jinjava.de.odysseus.el.tree.impl.ast.AstMethod;
import jinjava.de.odysseus.el.tree.impl.ast.AstNode;
import jinjava.de.odysseus.el.tree.impl.ast.AstParameters;
import jinjava.de.odysseus.el.tree.impl.ast.AstProperty;

/**
 * Jinjava's expression grammar made closer to Python's Jinja: slices with a step (see {@link TemplateScanner}), all
 * slices and {@code +} with Python's rules ({@link SliceBracket}, {@link PyAdd}), and {@code name is defined} that
 * tells a variable set to None from a missing one ({@link DefinedTest}).
 */
final class TemplateParser extends ExtendedParser {

    private static final String DEFINED = EXPTEST_PREFIX + "defined";
    private static final String UNDEFINED = EXPTEST_PREFIX + "undefined";

    TemplateParser(Builder context, String input) {
        super(context, input);
        // name=value binds looser than arithmetic (Jinjava reads f(n=a - 1) as f((n=a) - 1))
        putExtensionHandler(NamedParameterOperator.TOKEN, new Parser.ExtensionHandler(Parser.ExtensionPoint.OR) {
            @Override
            public AstNode createAstNode(AstNode... children) {
                return NamedParameterOperator.HANDLER.createAstNode(children);
            }
        });
        putExtensionHandler(TemplateScanner.STEP_AFTER_START, new Parser.ExtensionHandler(Parser.ExtensionPoint.UNARY) {
            @Override
            public AstNode createAstNode(AstNode... children) {
                return new SliceStep(null, children[0]);
            }
        });
        putExtensionHandler(TemplateScanner.STEP_AFTER_STOP, new Parser.ExtensionHandler(Parser.ExtensionPoint.OR) {
            @Override
            public AstNode createAstNode(AstNode... children) {
                return new SliceStep(children[0], children[1]);
            }
        });
    }

    @Override
    protected Scanner createScanner(String expression) {
        return new TemplateScanner(expression);
    }

    @Override
    protected AstRangeBracket createAstRangeBracket(AstNode base, AstNode start, AstNode stop, boolean lvalue,
                                                    boolean strict) {
        if (stop instanceof SliceStep s) {
            return new SliceBracket(base, start, s.stop, s.step, lvalue, strict);
        }
        return new SliceBracket(base, start, stop, null, lvalue, strict);
    }

    @Override
    protected AstBinary createAstBinary(AstNode left, AstNode right, AstBinary.Operator operator) {
        return super.createAstBinary(left, right, operator == AdditionOperator.OP ? PyAdd.OP : operator);
    }

    @Override
    protected AstMethod createAstMethod(AstProperty property, AstParameters params) {
        if (property instanceof AstDot dot && params.getCardinality() == 2
                && params.getChild(0) instanceof AstIdentifier variable
                && dot.getChild(0) instanceof AstIdentifier test
                && (test.getName().equals(DEFINED) || test.getName().equals(UNDEFINED))) {
            boolean negated = dot.toString().endsWith("evaluateNegated") != test.getName().equals(UNDEFINED);
            return new DefinedTest(property, params, variable.getName(), negated);
        }
        return super.createAstMethod(property, params);
    }
}
