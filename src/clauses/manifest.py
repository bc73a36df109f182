"""Reading a portfolio manifest (``portfolio.yaml``, :mod:`clauses.portfolio`): its entries, and a
``P001`` diagnostic with its line and column for every problem. Apart from the portfolio so that
YAML is imported only when a manifest is read."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Callable

import yaml

from clauses.confine import confine_project_path
from clauses.diagnostics import Diagnostic
from clauses.i18n import tr
from clauses.language.source import Span
from clauses.portfolio import CODE, KEYS, MAX_MANIFEST_BYTES, TOP_KEYS, Entry, Portfolio


def _span(shown: str, node: yaml.Node | None) -> Span:
    if node is None:
        return Span(shown, 1, 1, 1, 2)
    mark = node.start_mark
    return Span(shown, mark.line + 1, mark.column + 1, mark.line + 1, mark.column + 2)


class _Manifest:
    def __init__(self, path: Path, as_of: dt.date, horizon_days: int, parse_horizon: Callable[[str], int]):
        self.path, self.shown = path, str(path)
        self.as_of, self.horizon_days, self.parse_horizon = as_of, horizon_days, parse_horizon
        self.out = Portfolio()

    def fail(self, message: str, node: yaml.Node | None, hint: str | None = None) -> None:
        self.out.problems.append(Diagnostic.of(CODE, message, _span(self.shown, node), hint))

    def read(self) -> Portfolio:
        from clauses.scenario import _too_deep

        try:
            if self.path.stat().st_size > MAX_MANIFEST_BYTES:
                self.fail(tr("{path} is too large for a portfolio manifest", path=self.shown), None)
                return self.out
            text = self.path.read_text(encoding="utf-8-sig")
            deep = _too_deep(text)
            if deep is not None:
                self.out.problems.append(Diagnostic.of(CODE, tr("the manifest nests too deep"),
                                                       Span(self.shown, deep.line + 1, deep.column + 1,
                                                            deep.line + 1, deep.column + 2)))
                return self.out
            root = yaml.compose(text, Loader=yaml.SafeLoader)
        except (OSError, UnicodeDecodeError) as err:
            self.fail(tr("cannot read {path}: {reason}", path=self.shown, reason=getattr(err, "strerror", None)
                         or err), None)
            return self.out
        except yaml.YAMLError as err:
            mark = getattr(err, "problem_mark", None)
            line = mark.line + 1 if mark else 1
            self.out.problems.append(Diagnostic.of(CODE, tr("{path} is not valid YAML: {problem}", path=self.shown,
                                                            problem=getattr(err, "problem", None) or err),
                                                   Span(self.shown, line, 1, line, 2)))
            return self.out
        if not isinstance(root, yaml.MappingNode):
            self.fail(tr("a portfolio manifest is a mapping with a `conventions:` list"), root)
            return self.out
        top = self.mapping(root, TOP_KEYS)
        as_of = self.date(top["as_of"][1]) if "as_of" in top else self.as_of
        horizon = self.horizon(top["horizon"][1]) if "horizon" in top else self.horizon_days
        items = top.get("conventions")
        if items is None or not isinstance(items[1], yaml.SequenceNode):
            self.fail(tr("the manifest needs a `conventions:` list"), items[1] if items else root)
            return self.out
        names: set[str] = set()
        for item in items[1].value:
            entry = self.entry(item, as_of or self.as_of, horizon)
            if entry is None:
                continue
            if entry.name in names:
                self.fail(tr("two conventions are named `{name}`", name=entry.name), item,
                          tr("give each entry its own `name:`"))
                continue
            names.add(entry.name)
            self.out.entries.append(entry)
        return self.out

    def mapping(self, node: yaml.Node, keys: dict[str, str]) -> dict[str, tuple[yaml.Node, yaml.Node]]:
        found: dict[str, tuple[yaml.Node, yaml.Node]] = {}
        if not isinstance(node, yaml.MappingNode):
            self.fail(tr("expected a mapping of fields here"), node)
            return found
        for key, value in node.value:
            word = str(key.value).strip().lower() if isinstance(key, yaml.ScalarNode) else ""
            if word not in keys:
                self.fail(tr("unknown field `{key}`", key=word[:60]), key,
                          tr("fields: {fields}", fields=", ".join(sorted(set(keys)))))
                continue
            found[keys[word]] = (key, value)
        return found

    def scalar(self, node: yaml.Node) -> str | None:
        return str(node.value).strip() if isinstance(node, yaml.ScalarNode) else None

    def date(self, node: yaml.Node) -> dt.date | None:
        text = self.scalar(node) or ""
        try:
            day = dt.date.fromisoformat(text)
        except ValueError:
            self.fail(tr("`{text}` is not a date", text=text[:40]), node, tr("write dates as YYYY-MM-DD"))
            return None
        if not 1900 <= day.year <= 2999:
            self.fail(tr("`{text}` is outside the years 1900-2999 this checker evaluates", text=text), node)
            return None
        return day

    def horizon(self, node: yaml.Node) -> int:
        try:
            return self.parse_horizon(self.scalar(node) or "")
        except ValueError as err:
            self.fail(str(err), node)
            return self.horizon_days

    def file(self, node: yaml.Node) -> Path | None:
        text = self.scalar(node)
        if not text:
            self.fail(tr("expected a file path"), node)
            return None
        path, refused = confine_project_path(self.path, text)
        if refused is not None:
            self.fail(tr("`{path}` refused: {reason}", path=text[:80], reason=refused.message), node, refused.hint)
            return None
        if not path.is_file():
            self.fail(tr("`{path}` not found (paths are relative to the manifest)", path=text[:80]), node)
            return None
        return path

    def entry(self, node: yaml.Node, as_of: dt.date, horizon: int) -> Entry | None:
        before = len(self.out.problems)
        fields = self.mapping(node, KEYS)
        if "rules" not in fields:
            self.fail(tr("this entry names no `rules:` file"), node)
            return None
        rules = self.file(fields["rules"][1])
        logs: list[Path] = []
        if "logs" in fields:
            value = fields["logs"][1]
            nodes = value.value if isinstance(value, yaml.SequenceNode) else [value]
            logs = [p for p in (self.file(n) for n in nodes) if p is not None]
        day = self.date(fields["as_of"][1]) if "as_of" in fields else as_of
        days = self.horizon(fields["horizon"][1]) if "horizon" in fields else horizon
        if rules is None or day is None or len(self.out.problems) > before:
            return None
        name = self.scalar(fields["name"][1]) if "name" in fields else None
        return Entry(name or rules.stem, rules, tuple(logs), day, days)


def read_manifest(path: Path, as_of: dt.date, horizon_days: int,
                  parse_horizon: Callable[[str], int]) -> Portfolio:
    """The entries of a manifest, and a ``P001`` diagnostic per problem (all of them)."""
    return _Manifest(path, as_of, horizon_days, parse_horizon).read()
