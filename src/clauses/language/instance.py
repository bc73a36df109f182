"""Signed instances of a template: one small YAML file per signature.

A template (a rules file with ``paramètre`` declarations) is signed many times; each
signed instance is a file ``NAME.instance.yaml`` (or ``.yml``) beside it::

    modèle: ../rules/modele_subvention.clauses     # or `template:`
    paramètres:                                   # or `parameters:`
      plafond: 120 000 €
      délai: 30 jours
      début: 2024-03-01

Each value is written as the clause language writes a value of the parameter's type
(``120 000 €`` or ``120000`` for an amount, ``30 jours`` / ``30 days`` for a duration, an
ISO date, a number, a percentage ``80 %``, a text) and is checked against the declaration:
its type and bounds (``V018``), a parameter with neither a value nor a default, and a value
for a parameter the template does not declare (``V017``), each with the instance file's
line. The instance is then the template with these values: ``clauses check``, ``lint``,
``graph`` and ``parse`` take the instance file where they take a rules file. The template
must lie inside the project (the folder holding the instance, or one of its parents up to
the one with ``pyproject.toml`` or ``.git``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from clauses.diagnostics import Diagnostic, has_errors
from clauses.i18n import tr
from clauses.language import model as m
from clauses.language.lower_conditions import TYPE_WORDS
from clauses.language.source import SourceText, Span
from clauses.language.loaded import INSTANCE_SUFFIXES, is_instance  # noqa: F401  (re-exported)

SUFFIXES = INSTANCE_SUFFIXES
TEMPLATE_KEYS = ("modèle", "modele", "template")
PARAMETERS_KEYS = ("paramètres", "parametres", "parameters")
TYPE_KEYWORDS = {"amount": "montant", "number": "nombre", "duration": "durée", "date": "date",
                 "text": "texte", "percent": "pourcentage"}


def _project_root(start: Path) -> Path:
    for folder in (start, *start.parents):
        if (folder / "pyproject.toml").is_file() or (folder / ".git").exists():
            return folder
    return start.parent


def _span(display: str, node: yaml.Node | None) -> Span:
    if node is None:
        return Span(display, 1, 1, 1, 2)
    mark, end = node.start_mark, node.end_mark
    return Span(display, mark.line + 1, mark.column + 1, end.line + 1,
                end.column + 1 if end.line == mark.line else mark.column + 2)


def _mapping(node: yaml.Node | None) -> dict[str, tuple[yaml.Node, yaml.Node]]:
    if not isinstance(node, yaml.MappingNode):
        return {}
    return {str(k.value).strip(): (k, v) for k, v in node.value if isinstance(k, yaml.ScalarNode)}


def parse_value(param: m.Parameter, raw: str, span: Span) -> tuple[m.Value | None, list[Diagnostic]]:
    """One instance value, read by the language's own grammar as a value of the parameter's type."""
    from clauses.language.lower import lower
    from clauses.language.parser import parse

    text = raw.strip()
    if param.type == "text" and not text.startswith(('"', "«")):
        text = '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if param.type == "amount" and text.replace(" ", "").replace(",", "").replace(".", "").isdigit():
        text += " €"
    if param.type == "percent" and not text.endswith("%"):
        text += " %"
    doc = (f'langue fr.\nconvention "v".\nparamètre {param.id} {TYPE_KEYWORDS[param.type]} par défaut '
           f"{text}.\n")
    parsed = parse(SourceText("<value>", doc))
    problem = tr("`{value}` is not {kind}", value=raw.strip(), kind=TYPE_WORDS[param.type])
    if parsed.tree is None:
        return None, [Diagnostic.of("V018", tr("parameter `{name}`: {problem}", name=param.id, problem=problem), span)]
    conv, found = lower(parsed.tree, "<value>")
    value = conv.parameters[0].default if conv is not None and conv.parameters else None
    if value is None or has_errors(found):
        return None, [Diagnostic.of("V018", tr("parameter `{name}`: {problem}", name=param.id, problem=problem), span)]
    value = value.model_copy(update={"span": span})
    return value, _bounds(param, value, span)


def _order(value: m.Value) -> Any:
    return value.date if value.type == "date" else value.duration.amount if value.type == "duration" else value.number


def _outside(param: m.Parameter, value: m.Value, bound: m.Value) -> bool:
    """The value is past the bound (the parameter's minimum or maximum)."""
    minimum = bound is param.minimum
    if value.type == "duration":
        # notice: durations in other units (« un an maximum » against `400 jours`, `13 mois`) are
        # reported only when certainly past the bound (timelimits.longer)
        from clauses.timelimits import longer

        v, b = value.duration, bound.duration
        if v.plus or b.plus:
            return False
        past = longer((b.amount, b.unit), (v.amount, v.unit)) if minimum else longer((v.amount, v.unit),
                                                                                     (b.amount, b.unit))
        return past is True
    return _order(value) < _order(bound) if minimum else _order(value) > _order(bound)


def _bounds(param: m.Parameter, value: m.Value, span: Span) -> list[Diagnostic]:
    found = []
    for bound in (param.minimum, param.maximum):
        if bound is None or bound.type != value.type or value.type in ("text", "name"):
            continue
        if _outside(param, value, bound):
            message = (tr("parameter `{name}` is {value}: it must be at least {bound}", name=param.id,
                          value=str(value), bound=str(bound)) if bound is param.minimum else
                       tr("parameter `{name}` is {value}: it must be at most {bound}", name=param.id,
                          value=str(value), bound=str(bound)))
            found.append(Diagnostic.of("V018", message, span))
    return found


def load_instance(path: Path, display: str):
    """The template with an instance's values (a :class:`~clauses.language.load.Loaded`)."""
    from clauses.language.load import Loaded, load_source, read_source

    where = Span(display, 1, 1, 1, 2)
    try:
        text = path.read_text(encoding="utf-8-sig")
        root = yaml.compose(text)
    except (OSError, UnicodeDecodeError) as err:
        return Loaded(display, None, None, None, (), (Diagnostic.of("F001", tr("cannot read {file}: {why}",
                                                                                file=display, why=str(err)), where),))
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        span = Span(display, mark.line + 1, mark.column + 1, mark.line + 1, mark.column + 2) if mark else where
        return Loaded(display, None, None, None, (), (Diagnostic.of("F001", tr("{file} is not valid YAML: {why}",
                                                                                file=display, why=str(err).split("\n")[0]),
                                                                     span),))
    top = _mapping(root)
    template_key = next((top[k] for k in TEMPLATE_KEYS if k in top), None)
    if template_key is None or not isinstance(template_key[1], yaml.ScalarNode):
        return Loaded(display, None, None, None, (), (Diagnostic.of(
            "V017", tr("an instance names its template: `modèle: ../rules/NAME.clauses`"), _span(display, root)),))
    name = str(template_key[1].value)
    template = (path.parent / name).resolve()
    root_dir = _project_root(path.resolve().parent)
    if Path(name).is_absolute() or not template.is_relative_to(root_dir) or not template.is_file():
        return Loaded(display, None, None, None, (), (Diagnostic.of(
            "V017", tr("template `{name}` not found inside the project", name=name), _span(display, template_key[1])),))
    source, problems = read_source(template, _shown(template))
    if source is None:
        return Loaded(display, None, None, None, (), tuple(problems))
    base = load_source(source, template)
    if base.convention is None:
        return base
    declared = {p.id: p for p in base.convention.parameters}
    values_node = next((top[k][1] for k in PARAMETERS_KEYS if k in top), None)
    found: list[Diagnostic] = []
    arguments: dict[str, m.Value] = {}
    given = _mapping(values_node)
    for key, (knode, vnode) in given.items():
        span = _span(display, vnode)
        if key not in declared:
            found.append(Diagnostic.of("V017", tr("the template declares no parameter `{name}`", name=key),
                                       _span(display, knode), _close(key, declared)))
            continue
        if not isinstance(vnode, yaml.ScalarNode) or not str(vnode.value).strip():
            found.append(Diagnostic.of("V018", tr("parameter `{name}` needs one value", name=key), span))
            continue
        value, problems = parse_value(declared[key], str(vnode.value), span)
        found += problems
        if value is not None:
            arguments[key] = value
    for pid, param in declared.items():
        if pid not in given and param.default is None:
            found.append(Diagnostic.of("V017", tr("no value for parameter `{name}` ({label}), which has no default",
                                                  name=pid, label=param.label or param.type), _span(display, root)))
    if has_errors(found):
        return Loaded(display, base.source, None, base.text, base.comments, base.diagnostics + tuple(found))
    loaded = load_source(source, template, arguments=arguments)
    return Loaded(display, loaded.source, loaded.convention, loaded.text, loaded.comments,
                  loaded.diagnostics + tuple(found), dependencies=(Path(_shown(template)),))


def _shown(path: Path) -> str:
    """The template's path as a user would type it: relative to the working folder when inside it."""
    import os

    try:
        return os.path.relpath(path) if path.is_relative_to(Path.cwd()) else str(path)
    except ValueError:  # pragma: no cover - another drive on Windows
        return str(path)


def _close(name: str, declared: dict) -> str | None:
    import difflib

    close = difflib.get_close_matches(name, list(declared), n=1, cutoff=0.6)
    return tr("did you mean `{name}`?", name=close[0]) if close else None
