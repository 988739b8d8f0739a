package io.edgerouter.engine.chat.jinja;

import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.lib.tag.IfTag;
import com.hubspot.jinjava.lib.tag.Tag;
import com.hubspot.jinjava.tree.Node;
import com.hubspot.jinjava.tree.TagNode;

import java.util.List;

/**
 * Tags whose Jinjava versions differ from the ones Hugging Face templates use: {@code if} with Python's truthiness
 * (Jinjava counts the string "false" as false), and {@code generation}, the block Hugging Face marks assistant text
 * with (for training masks), which renders its body.
 */
final class TemplateTags {

    private TemplateTags() {
    }

    static List<Tag> all() {
        return List.of(new PyIfTag(), new GenerationTag());
    }

    static final class PyIfTag extends IfTag {

        private static final long serialVersionUID = 1L;

        @Override
        public boolean isPositiveIfElseNode(TagNode tagNode, JinjavaInterpreter interpreter) {
            return PyTypes.truthy(interpreter.resolveELExpression(tagNode.getHelpers(), tagNode.getLineNumber(),
                    tagNode.getStartPosition()));
        }
    }

    static final class GenerationTag implements Tag {

        private static final long serialVersionUID = 1L;

        @Override
        public String getName() {
            return "generation";
        }

        @Override
        public String interpret(TagNode tagNode, JinjavaInterpreter interpreter) {
            StringBuilder out = new StringBuilder();
            try (JinjavaInterpreter.InterpreterScopeClosable scope = interpreter.enterScope()) {
                for (Node child : tagNode.getChildren()) {
                    out.append(child.render(interpreter));
                }
            }
            return out.toString();
        }
    }
}
