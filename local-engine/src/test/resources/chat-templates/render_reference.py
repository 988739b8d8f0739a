#!/usr/bin/env python3
"""Expected chat-template renderings, made by Python's jinja2 the way Hugging Face's apply_chat_template renders.

Every template in ../shared/data/models/tokenizers/*/ and in own/*/ (templates written for these tests) is rendered
over each case of cases.json, with and without the generation prompt; the strings (or the template's error) are
written to expected.json, which ChatTemplateReferenceTest compares the engine's renderings with.

The environment is transformers' (utils/chat_template_utils.py): ImmutableSandboxedEnvironment with trim_blocks and
lstrip_blocks, the loopcontrols extension and a {% generation %} block that renders its body; the tojson filter is
json.dumps(ensure_ascii=False, ...); the globals raise_exception(message) and strftime_now(format), here at the fixed
date of cases.json; the render variables are messages, tools (None unless the case has tools), documents (None),
add_generation_prompt and the tokenizer's special_tokens_map (bos_token, eos_token, unk_token, sep_token, pad_token,
cls_token, mask_token as strings, additional_special_tokens as a list of strings; unset ones left out).

Regenerate from the repository root (needs python3 with jinja2 >= 3.1 and ../shared beside the clone):
    python3 local-engine/src/test/resources/chat-templates/render_reference.py
"""
import argparse
import datetime
import json
import os
import sys

import jinja2
from jinja2 import nodes
from jinja2.ext import Extension
from jinja2.sandbox import ImmutableSandboxedEnvironment

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_SHARED = os.path.normpath(os.path.join(HERE, *[".."] * 6, "shared", "data", "models", "tokenizers"))
SPECIAL_TOKEN_KEYS = ["bos_token", "eos_token", "unk_token", "sep_token", "pad_token", "cls_token", "mask_token"]


class GenerationBlock(Extension):
    """{% generation %}...{% endgeneration %}: marks the assistant's text for training masks; renders its body."""

    tags = {"generation"}

    def parse(self, parser):
        lineno = next(parser.stream).lineno
        body = parser.parse_statements(["name:endgeneration"], drop_needle=True)
        return nodes.CallBlock(self.call_method("_render_body"), [], [], body).set_lineno(lineno)

    def _render_body(self, caller):
        return caller()


def environment(today):
    def raise_exception(message):
        raise jinja2.exceptions.TemplateError(message)

    def tojson(x, ensure_ascii=False, indent=None, separators=None, sort_keys=False):
        return json.dumps(x, ensure_ascii=ensure_ascii, indent=indent, separators=separators, sort_keys=sort_keys)

    def strftime_now(fmt):
        return today.strftime(fmt)

    env = ImmutableSandboxedEnvironment(trim_blocks=True, lstrip_blocks=True,
                                        extensions=[GenerationBlock, "jinja2.ext.loopcontrols"])
    env.filters["tojson"] = tojson
    env.globals["raise_exception"] = raise_exception
    env.globals["strftime_now"] = strftime_now
    return env


def token_text(value):
    """A special token as tokenizer_config.json writes it: a string or an AddedToken object."""
    if isinstance(value, dict):
        return value.get("content")
    return value


def special_tokens_map(directory):
    """tokenizer.special_tokens_map of a model directory: special_tokens_map.json first (transformers lets it override
    tokenizer_config.json), then tokenizer_config.json for the tokens it leaves unset."""
    sources = []
    for name in ("special_tokens_map.json", "tokenizer_config.json"):
        path = os.path.join(directory, name)
        if os.path.exists(path):
            with open(path, encoding="utf-8") as f:
                sources.append(json.load(f))
    tokens = {}
    for key in SPECIAL_TOKEN_KEYS + ["additional_special_tokens"]:
        for source in sources:
            if source.get(key):
                value = source[key]
                tokens[key] = [token_text(v) for v in value] if isinstance(value, list) else token_text(value)
                break
    return tokens


def template_of(directory):
    """(template, file) as transformers loads it: chat_template.jinja first, else tokenizer_config.json's."""
    jinja_file = os.path.join(directory, "chat_template.jinja")
    if os.path.exists(jinja_file):
        with open(jinja_file, encoding="utf-8") as f:
            return f.read(), "chat_template.jinja"
    config_file = os.path.join(directory, "tokenizer_config.json")
    if not os.path.exists(config_file):
        return None, None
    with open(config_file, encoding="utf-8") as f:
        template = json.load(f).get("chat_template")
    if isinstance(template, list):
        template = {t["name"]: t["template"] for t in template}.get("default")
    return template, "tokenizer_config.json"


def render(env, template, tokens, case, tools, add_generation_prompt):
    try:
        text = env.from_string(template).render(messages=case["messages"], tools=tools if case.get("tools") else None,
                                                documents=None, add_generation_prompt=add_generation_prompt, **tokens)
        return {"text": text}
    except jinja2.exceptions.TemplateError as e:
        kind = "raise_exception" if type(e) is jinja2.exceptions.TemplateError else type(e).__name__
        return {"error": str(e), "kind": kind}
    except (TypeError, ValueError, AttributeError, IndexError, KeyError) as e:
        return {"error": str(e), "kind": type(e).__name__}


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shared", default=DEFAULT_SHARED, help="the shared tokenizers folder")
    parser.add_argument("--out", default=os.path.join(HERE, "expected.json"))
    args = parser.parse_args()
    if not os.path.isdir(args.shared):
        sys.exit("no shared tokenizers folder at " + args.shared + " (pass --shared DIR)")
    with open(os.path.join(HERE, "cases.json"), encoding="utf-8") as f:
        cases = json.load(f)
    today = datetime.datetime.strptime(cases["date"], "%Y-%m-%d")
    env = environment(today)
    folders = [("shared", args.shared), ("own", os.path.join(HERE, "own"))]
    templates, results = [], []
    for group, root in folders:
        for name in sorted(os.listdir(root)):
            directory = os.path.join(root, name)
            template, file = template_of(directory)
            if template is None:
                templates.append({"template": group + "/" + name, "file": None})
                continue
            tokens = special_tokens_map(directory)
            templates.append({"template": group + "/" + name, "file": file, "special_tokens": tokens})
            for case in cases["cases"]:
                for add_generation_prompt in (True, False):
                    result = {"template": group + "/" + name, "case": case["name"],
                              "add_generation_prompt": add_generation_prompt}
                    result.update(render(env, template, tokens, case, cases["tools"], add_generation_prompt))
                    results.append(result)
    out = {"generated_by": "render_reference.py (see its docstring for the command)", "jinja2": jinja2.__version__,
           "date": cases["date"], "templates": templates, "results": results}
    with open(args.out, "w", encoding="utf-8") as f:
        json.dump(out, f, ensure_ascii=False, indent=1)
        f.write("\n")
    print("wrote %d renderings of %d templates to %s" % (len(results), len(templates), args.out))


if __name__ == "__main__":
    main()
