"""YAML registers: a list of mappings (or one under `events:`); also the events inline in scenario files."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from clauses.diagnostics import Diagnostic, shorten
from clauses.events.model import FIELDS
from clauses.events.records import _Builder, _Field, _Nested, _Record
from clauses.events.settings import DEFAULT_SETTINGS, RegisterSettings
from clauses.events.text import _decode, _file_span, _read_bytes
from clauses.i18n import tr
from clauses.language.source import Span


class _YamlLoader(yaml.SafeLoader):
    """SafeLoader with a YAML 1.2 core-like schema: no dates, no yes/no booleans."""

    yaml_implicit_resolvers: dict = {}


_YamlLoader.add_implicit_resolver(
    "tag:yaml.org,2002:null", re.compile(r"^(?:~|null|Null|NULL|)$"), None)
_YamlLoader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), None)
_YamlLoader.add_implicit_resolver(
    "tag:yaml.org,2002:int", re.compile(r"^-?(?:0|[1-9][0-9]*)$"), None)
_YamlLoader.add_implicit_resolver(
    "tag:yaml.org,2002:float",
    re.compile(r"^-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?$"), None)


# what a plain scalar resolves to without a tag: in our core schema, or in PyYAML's SafeLoader
# (scenario files are composed with it: `date: 2022-03-10` is a timestamp there)
_IMPLICIT = [[(tag, regexp) for resolvers in loader.yaml_implicit_resolvers.values() for tag, regexp in resolvers]
             for loader in (_YamlLoader, yaml.SafeLoader)]


def _explicit_tag(node: yaml.Node) -> str | None:
    """The tag written on a scalar (``!!null``, ``!custom``), as written; None for an untagged or ``!!str`` one."""
    if not isinstance(node, yaml.ScalarNode) or node.tag == "tag:yaml.org,2002:str":
        return None
    if node.style is None:  # plain: the tag may come from implicit resolution
        for resolvers in _IMPLICIT:
            implicit = next((tag for tag, regexp in resolvers if regexp.match(node.value)), None)
            if node.tag == implicit:
                return None
    return node.tag.replace("tag:yaml.org,2002:", "!!")


def _yaml_scalar(node: yaml.Node, raw: bool) -> Any:
    tag = node.tag
    if tag == "tag:yaml.org,2002:null":
        return None
    if raw:
        return node.value
    if tag == "tag:yaml.org,2002:bool":
        return node.value.lower() == "true"
    if tag == "tag:yaml.org,2002:int":
        try:
            return int(node.value)
        except ValueError:
            return node.value
    if tag == "tag:yaml.org,2002:float":
        try:
            return float(node.value)
        except ValueError:
            return node.value
    return node.value


def _yaml_value(node: yaml.Node, raw: bool) -> Any:
    if isinstance(node, yaml.ScalarNode):
        return _yaml_scalar(node, raw)
    if isinstance(node, yaml.SequenceNode):
        return [
            _yaml_scalar(item, raw) if isinstance(item, yaml.ScalarNode)
            else _Nested("list" if isinstance(item, yaml.SequenceNode) else "mapping")
            for item in node.value
        ]
    return _Nested("mapping")


def _mark_span(shown: str, start: Any, end: Any) -> Span:
    line, column = start.line + 1, start.column + 1
    end_line, end_column = end.line + 1, end.column + 1
    if (end_line, end_column) <= (line, column):
        end_line, end_column = line, column + 1
    return Span(shown, line, column, end_line, end_column)


def _same_line_end(start: Any, end: Any, fallback: Any = None) -> Any:
    """``end`` if it is on ``start``'s line, else ``fallback`` (default ``start``)."""
    return end if end.line == start.line else (fallback or start)


def _yaml_records(items: list[yaml.Node], shown: str, builder: "_Builder", diags: list[Diagnostic]) -> None:
    """Build one event per YAML mapping node (shared by event logs and scenario files)."""
    for item in items:
        line = item.start_mark.line + 1
        if not isinstance(item, yaml.MappingNode):
            kind = tr("a list") if isinstance(item, yaml.SequenceNode) else tr("a single value")
            diags.append(Diagnostic.of(
                "E010", tr("the event on line {line} is {kind}, not a mapping of fields", line=line, kind=kind),
                _mark_span(shown, item.start_mark, _same_line_end(item.start_mark, item.end_mark)),
                tr("write each event as a mapping: '- date: 2023-03-14' then 'event: ...' below")))
            continue
        start = item.start_mark
        rspan = Span(shown, line, start.column + 1, line, start.column + 2)
        rec = _Record(line, rspan)
        for key_node, value_node in item.value:
            if not isinstance(key_node, yaml.ScalarNode):
                rec.bad = True
                key_span = _mark_span(shown, key_node.start_mark,
                                      _same_line_end(key_node.start_mark, key_node.end_mark))
                diags.append(Diagnostic.of(
                    "E010", tr("a field name on line {line} is not text", line=key_node.start_mark.line + 1),
                    key_span if key_span.line == line else rspan))
                continue
            name = builder.key(key_node.value)
            end = _same_line_end(key_node.start_mark, value_node.end_mark, key_node.end_mark)
            span = _mark_span(shown, key_node.start_mark, end)
            if name in rec.fields:
                rec.bad = True
                diags.append(Diagnostic.of(
                    "E010", tr("field `{name}` appears twice in the event on line {line}", name=name, line=line),
                    span if span.line == line else rspan))
                continue
            raw_text = name in FIELDS
            tag = _explicit_tag(value_node)
            if raw_text and tag is not None:
                rec.bad = True
                diags.append(Diagnostic.of(
                    "E010", tr("field `{name}` has the YAML tag `{tag}`: its value is not read as written",
                               name=name, tag=shorten(tag)),
                    span if span.line == line else rspan, tr("write `{name}:` and the value without a tag",
                                                             name=name)))
                rec.fields[name] = _Field(value_node.value, span)  # present: no "missing" besides
                continue
            rec.fields[name] = _Field(_yaml_value(value_node, raw_text), span)
        builder.build(rec)


def _read_yaml(p: Path, shown: str, diags: list[Diagnostic],
               settings: RegisterSettings = DEFAULT_SETTINGS) -> list:
    builder = _Builder(shown, table=False, diags=diags, settings=settings)
    raw = _read_bytes(p, shown, diags, limits=settings.bounds)
    text = None if raw is None else _decode(raw, shown, diags)
    if text is None:
        return []
    loader = None
    try:
        loader = _YamlLoader(text)  # the reader checks characters here already
        root = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        problem = exc.problem or exc.context or tr("syntax error")
        diags.append(Diagnostic.of("E001", tr("event log {path} is not valid YAML: {problem}", path=shown,
                                              problem=problem),
                                   _file_span(shown, line, column)))
        return []
    except yaml.YAMLError as exc:
        position = getattr(exc, "position", None)
        line = text.count("\n", 0, position) + 1 if isinstance(position, int) else 1
        reason = getattr(exc, "reason", None) or str(exc)
        diags.append(Diagnostic.of("E001", tr("event log {path} is not valid YAML: {problem}", path=shown,
                                              problem=reason),
                                   _file_span(shown, line)))
        return []
    except RecursionError:
        diags.append(Diagnostic.of("E001", tr("event log {path} is nested too deeply", path=shown),
                                   _file_span(shown)))
        return []
    except (ValueError, OverflowError):
        # PyYAML lets some scanner errors through unwrapped: an escape such as "\UFFFFFFFF"
        # names no character (chr() fails); the scanner's position is where it stopped
        mark = loader.get_mark() if loader is not None else None
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        diags.append(Diagnostic.of(
            "E001", tr("event log {path} is not valid YAML: an escape sequence names no Unicode character",
                       path=shown),
            _file_span(shown, line, column), tr("write the character itself, or a \\u or \\U escape below U+110000")))
        return []
    finally:
        if loader is not None:
            loader.dispose()
    items: list[yaml.Node] | None = None
    if root is None:
        items = []
    elif isinstance(root, yaml.SequenceNode):
        items = root.value
    elif isinstance(root, yaml.MappingNode):
        for key, value in root.value:
            if isinstance(key, yaml.ScalarNode) and key.value.strip().lower() == "events":
                if isinstance(value, yaml.SequenceNode):
                    items = value.value
                elif isinstance(value, yaml.ScalarNode) and value.tag == "tag:yaml.org,2002:null":
                    items = []
    if items is None:
        diags.append(Diagnostic.of(
            "E001", tr("event log {path} is not a list of events", path=shown),
            _mark_span(shown, root.start_mark, root.start_mark),
            tr("write a YAML list with one mapping per event ('- date: 2023-03-14'), or put "
               "that list under an `events:` key")))
        return []
    if not items:
        diags.append(Diagnostic.of("E008", tr("event log {path} is empty", path=shown), _file_span(shown)))
        return []
    _yaml_records(items, shown, builder, diags)
    return builder.finish()

