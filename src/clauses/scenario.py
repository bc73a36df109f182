"""Scenario files: tests a rule author writes without Python.

A scenario names a clause file, the events (inline, or a log file), an as-of
date and what ``clauses check`` must report — and what it must not::

    convention: ../rules/000_pisco_manosque.clauses
    scenarios:
      - name: F&P fait connaître ses intentions en retard
        as_of: 2022-04-30
        events:
          - {date: 2022-03-10, event: intentions, by: h2p, to: fp}
          - {date: 2022-04-12, event: intentions, by: fp, to: h2p}
        expect:
          - {status: breach, article: "7", party: fp, due: 2022-03-25}
        must_not:
          - {status: breach, party: h2p, clause: intentions}

An expectation matches a finding when every field it states agrees: ``status``,
``clause``, ``article``, ``kind``, ``party`` (one of the finding's parties),
``parties`` (exactly those), ``due`` (a date: the latest permissible one),
``acted`` (the date of the act a power, prohibition or vote finding judges),
``message`` (a piece of its text); ``count`` asks for exactly that many matching
findings. Keys may be written in French too (``statut``, ``clause``,
``article``, ``partie``, ``échéance``, ``acte``, ``nombre``) and statuses as ``manquement``, ``à venir``,
``en attente``, ``respecté``, ``caduc``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from clauses.confine import CODE as CONFINED, confine_project_path
from clauses.diagnostics import Diagnostic, has_errors
from clauses.i18n import localized, tr, trn
from clauses.evaluation import evaluate
from clauses.events import Event, events_from_yaml, read_events
from clauses.findings import Finding, Status
from clauses.language.load import Loaded, load
from clauses.language.source import Span

FIELDS = {"status", "clause", "article", "kind", "party", "parties", "due", "acted", "message", "count"}
FRENCH = {"statut": "status", "partie": "party", "parties": "parties", "échéance": "due", "echeance": "due",
          "acte": "acted", "date_acte": "acted",
          "nature": "kind", "texte": "message", "nombre": "count", "article": "article", "clause": "clause"}
STATUS_WORDS = {"manquement": "breach", "à venir": "upcoming", "a venir": "upcoming", "en attente": "pending",
                "respecté": "fulfilled", "respecte": "fulfilled", "rempli": "fulfilled", "caduc": "discharged",
                "éteint": "discharged"}
#: how a report in French names the fields and statuses: the first French spelling of each a scenario may use
FRENCH_NAMES = {english: french for french, english in reversed(FRENCH.items())}
FRENCH_STATUS = {english: french for french, english in reversed(STATUS_WORDS.items())}
SCENARIO_KEYS = {"name", "nom", "convention", "log", "journal", "events", "événements", "evenements", "as_of",
                 "au", "horizon", "expect", "attendu", "must_not", "interdit"}
SUFFIXES = (".scenario.yaml", ".scenario.yml")
#: how deep a scenario's YAML may nest (a scenario needs 5 levels: scenarios, one, events, one event, a list)
MAX_DEPTH = 50


@dataclass(frozen=True)
class Expectation:
    fields: dict[str, Any]
    span: Span

    def describe(self, lang: str = "en") -> str:
        """``status=breach party=fp``, with the French spellings in French (``statut=manquement partie=fp``)."""
        return " ".join(_field(k, v, lang) for k, v in self.fields.items())

    def matches(self, finding: Finding, lang: str = "en") -> bool:
        """Whether ``finding`` agrees with every field stated; ``message`` is looked for in the finding's
        English text and in its text in ``lang`` (the rules file's language: a French jurist quotes the
        French report)."""
        f = self.fields
        if "status" in f and finding.status.value != f["status"]:
            return False
        if "clause" in f and finding.clause != f["clause"]:
            return False
        if "kind" in f and finding.kind != f["kind"]:
            return False
        if "article" in f and str(f["article"]) not in {a.strip().split(" (")[0] for a in finding.article.split(",")}:
            return False
        if "party" in f and f["party"] not in finding.parties:
            return False
        if "parties" in f and set(f["parties"]) != set(finding.parties):
            return False
        if "due" in f and finding.due != f["due"]:
            return False
        if "acted" in f and finding.acted != f["acted"]:
            return False
        if "message" in f:
            piece = str(f["message"]).casefold()
            if piece not in finding.message.casefold() and piece not in localized(finding.message, lang).casefold():
                return False
        return True


def _field(key: str, value: Any, lang: str) -> str:
    """``key=value`` of an expectation or a finding, as a scenario in ``lang`` would write it."""
    shown = value.isoformat() if isinstance(value, dt.date) else str(value)
    if lang == "fr":
        shown = FRENCH_STATUS.get(shown, shown) if key == "status" else shown
        key = FRENCH_NAMES.get(key, key)
    return f"{key}={shown}"


@dataclass
class Scenario:
    name: str
    file: str
    span: Span
    rules: Path
    log: Path | None
    events: list[Event]
    as_of: dt.date
    horizon_days: int
    expect: list[Expectation] = field(default_factory=list)
    must_not: list[Expectation] = field(default_factory=list)


@dataclass
class Outcome:
    scenario: Scenario
    missing: list[tuple[Expectation, list[Finding]]] = field(default_factory=list)
    wrong_count: list[tuple[Expectation, list[Finding]]] = field(default_factory=list)
    forbidden: list[tuple[Expectation, Finding]] = field(default_factory=list)
    problems: list[Diagnostic] = field(default_factory=list)
    language: str | None = None          # the rules file's `langue` (None: it did not load)

    @property
    def passed(self) -> bool:
        return not (self.missing or self.wrong_count or self.forbidden or has_errors(self.problems))


def discover(paths: list[Path]) -> tuple[list[Path], list[str]]:
    """Scenario files named, or ``*.scenario.yaml`` files under the folders named."""
    files: list[Path] = []
    missing: list[str] = []
    for path in paths:
        if path.is_dir():
            files.extend(sorted(p for p in path.rglob("*") if p.is_file() and p.name.endswith(SUFFIXES)))
        elif path.exists():
            files.append(path)
        else:
            missing.append(tr("{path}: no such file or directory", path=str(path)))
    return files, missing


class _Reader:
    """Turns one scenario file into Scenarios, reporting every problem with file:line."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.shown = str(path)
        self.problems: list[Diagnostic] = []

    def span(self, node: yaml.Node) -> Span:
        mark = node.start_mark
        return Span(self.shown, mark.line + 1, mark.column + 1, mark.line + 1, mark.column + 2)

    def fail(self, code: str, message: str, node: yaml.Node | None, hint: str | None = None) -> None:
        span = self.span(node) if node is not None else Span(self.shown, 1, 1, 1, 2)
        self.problems.append(Diagnostic.of(code, message, span, hint))

    def read(self) -> list[Scenario]:
        from clauses.files import Refused, limits, read_regular

        try:
            text = read_regular(self.path, "scenario file", limits().scenario, shown=self.shown).decode("utf-8-sig")
        except Refused as err:
            self.fail("Z001", err.message, None, err.hint)
            return []
        except UnicodeDecodeError as err:
            self.fail("Z001", tr("cannot read scenario file {path}: {reason}", path=self.shown, reason=str(err)), None)
            return []
        try:
            deep = _too_deep(text)
            if deep is not None:
                self.problems.append(Diagnostic.of("Z001", tr("{path} nests more than {limit} levels deep",
                                                              path=self.shown, limit=MAX_DEPTH),
                                                   Span(self.shown, deep.line + 1, deep.column + 1,
                                                        deep.line + 1, deep.column + 2),
                                                   tr("a scenario is a list of scenarios, each a mapping "
                                                      "of a few fields")))
                return []
            root = yaml.compose(text, Loader=yaml.SafeLoader)
        except yaml.YAMLError as err:
            mark = getattr(err, "problem_mark", None)
            line = mark.line + 1 if mark else 1
            self.problems.append(Diagnostic.of("Z001", tr("{shown} is not valid YAML: {value}",
                                                          shown=self.shown,
                                                          value=getattr(err, 'problem', None) or err),
                                               Span(self.shown, line, 1, line, 2)))
            return []
        if not isinstance(root, yaml.MappingNode):
            self.fail("Z001", tr("{path} is not a scenario: it must be a mapping with `convention:` and `expect:`",
                                 path=self.shown), root)
            return []
        top = self.mapping(root)
        shared = {k: v for k, v in top.items() if k != "scenarios"}
        if "scenarios" in top:
            items = top["scenarios"][1]
            if not isinstance(items, yaml.SequenceNode):
                self.fail("Z003", tr("`scenarios` must be a list"), items)
                return []
            return [s for s in (self.scenario({**shared, **self.mapping(item)}, item) for item in items.value
                                if isinstance(item, yaml.MappingNode)) if s is not None]
        scenario = self.scenario(shared, root)
        return [scenario] if scenario is not None else []

    def mapping(self, node: yaml.Node) -> dict[str, tuple[yaml.Node, yaml.Node]]:
        found: dict[str, tuple[yaml.Node, yaml.Node]] = {}
        if not isinstance(node, yaml.MappingNode):
            self.fail("Z003", tr("expected a mapping of fields here"), node)
            return found
        for key, value in node.value:
            if not isinstance(key, yaml.ScalarNode):  # a list or mapping as a key: say so, not its repr
                kind = "a list" if isinstance(key, yaml.SequenceNode) else "a mapping"
                self.fail("Z003", tr("a field name is {kind}, not text", kind=kind), key,
                          tr("write field names as plain words"))
                continue
            found[str(key.value).strip().lower()] = (key, value)
        return found

    def scalar(self, node: yaml.Node) -> str | None:
        return str(node.value).strip() if isinstance(node, yaml.ScalarNode) else None

    def scenario(self, data: dict[str, tuple[yaml.Node, yaml.Node]], node: yaml.Node) -> Scenario | None:
        for key, (key_node, _) in data.items():
            if key not in SCENARIO_KEYS and key != "scenarios":
                self.fail("Z004", tr("unknown scenario field `{key}`", key=key), key_node,
                          tr("fields: name, convention, log or events, as_of, horizon, expect, must_not"))
        before = len(self.problems)
        name = self.scalar((data.get("name") or data.get("nom") or (None, yaml.ScalarNode("", "")))[1]) or \
            tr("scenario at line {line}", line=node.start_mark.line + 1)
        rules = self.path_field(data, ("convention",), required=True)
        log = self.path_field(data, ("log", "journal"), required=False)
        as_of = self.date_field(data, ("as_of", "au"))
        horizon = 60
        if "horizon" in data:
            horizon = self.horizon(data["horizon"][1])
        events: list[Event] = []
        inline = data.get("events") or data.get("événements") or data.get("evenements")
        if inline is not None:
            items = inline[1]
            if isinstance(items, yaml.SequenceNode):
                events, diags = events_from_yaml(items.value, self.shown)
                self.problems += [d for d in diags if d.code != "E008"]
            else:
                self.fail("Z003", tr("`events` must be a list of events"), items)
        expect = self.expectations(data, ("expect", "attendu"))
        must_not = self.expectations(data, ("must_not", "interdit"))
        if not expect and not must_not:
            self.fail("Z002", tr("scenario `{name}` states no `expect` nor `must_not`: it cannot fail", name=name), node)
        if len(self.problems) > before and has_errors(self.problems[before:]) or rules is None or as_of is None:
            return None
        return Scenario(name, self.shown, self.span(node), rules, log, events, as_of, horizon, expect, must_not)

    def path_field(self, data: dict, names: tuple[str, ...], required: bool) -> Path | None:
        entry = next((data[n] for n in names if n in data), None)
        if entry is None:
            if required:
                self.fail("Z002", tr("the scenario needs `{field}:`", field=names[0]), None)
            return None
        text = self.scalar(entry[1])
        if not text:
            self.fail("Z003", tr("`{field}` must be a file path", field=names[0]), entry[1])
            return None
        path, refused = confine_project_path(self.path, text)
        if refused is not None:
            self.fail(CONFINED, tr("`{field}` refused: {reason}", field=names[0], reason=refused.message),
                      entry[1], refused.hint)
            return None
        if not path.exists():
            self.fail("Z003", tr("`{text}` not found (paths are relative to the scenario file)", text=text), entry[1])
            return None
        return path

    def date_field(self, data: dict, names: tuple[str, ...]) -> dt.date | None:
        entry = next((data[n] for n in names if n in data), None)
        if entry is None:
            self.fail("Z002", tr("the scenario needs `as_of:` (the date to evaluate at)"), None)
            return None
        return self.date(entry[1])

    def date(self, node: yaml.Node) -> dt.date | None:
        text = self.scalar(node) or ""
        try:
            day = dt.date.fromisoformat(text)
        except ValueError:
            self.fail("Z003", tr("`{text}` is not a date", text=text), node, tr("write dates as YYYY-MM-DD"))
            return None
        if not 1900 <= day.year <= 2999:
            self.fail("Z003", tr("`{text}` is outside the years 1900-2999 this checker evaluates", text=text), node)
            return None
        return day

    def horizon(self, node: yaml.Node) -> int:
        from clauses.timelimits import Unit, parse_duration

        try:
            amount, unit = parse_duration(self.scalar(node) or "")
        except ValueError as err:
            self.fail("Z003", str(err), node)
            return 60
        days = amount * {Unit.DAYS: 1, Unit.WEEKS: 7, Unit.MONTHS: 30, Unit.YEARS: 365}.get(unit, 1)
        if days > 36500:
            self.fail("Z003", tr("a horizon may span at most 100 years"), node)
            return 60
        return days

    def expectations(self, data: dict, names: tuple[str, ...]) -> list[Expectation]:
        entry = next((data[n] for n in names if n in data), None)
        if entry is None:
            return []
        items = entry[1]
        if not isinstance(items, yaml.SequenceNode):
            self.fail("Z003", tr("`{field}` must be a list of expected findings", field=names[0]), items)
            return []
        found = []
        for item in items.value:
            fields: dict[str, Any] = {}
            for key, (key_node, value) in self.mapping(item).items():
                name = FRENCH.get(key, key)
                if name not in FIELDS:
                    self.fail("Z004", tr("unknown expectation field `{key}`", key=key), key_node,
                              tr("fields: status, clause, article, kind, party, parties, due, acted, message, count"))
                    continue
                parsed = self.value(name, value)
                if parsed is not None:
                    fields[name] = parsed
            if fields:
                found.append(Expectation(fields, self.span(item)))
        return found

    def value(self, name: str, node: yaml.Node) -> Any:
        if name in ("due", "acted"):
            return self.date(node)
        if name == "parties":
            if isinstance(node, yaml.SequenceNode):
                return tuple(str(n.value) for n in node.value)
            return tuple(p.strip() for p in (self.scalar(node) or "").split(";") if p.strip())
        text = self.scalar(node)
        if text is None:
            self.fail("Z003", tr("`{field}` must be a single value", field=name), node)
            return None
        if name == "status":
            text = STATUS_WORDS.get(text.lower(), text.lower())
            if text not in {s.value for s in Status}:
                self.fail("Z003", tr("unknown status `{text}`", text=text), node,
                          tr("breach, upcoming, pending, fulfilled or discharged"))
                return None
        if name == "count":
            if not text.isdigit():
                self.fail("Z003", tr("`count` must be a whole number, not `{text}`", text=text), node)
                return None
            return int(text)
        return text


def _too_deep(text: str) -> yaml.Mark | None:
    """Where the YAML first nests deeper than :data:`MAX_DEPTH`, read as a stream of events
    (PyYAML's parser is iterative; composing a tree recurses once per level)."""
    depth = 0
    for event in yaml.parse(text, Loader=yaml.SafeLoader):
        if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            depth += 1
            if depth > MAX_DEPTH:
                return event.start_mark
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            depth -= 1
    return None


def load_scenarios(path: Path) -> tuple[list[Scenario], list[Diagnostic]]:
    reader = _Reader(path)
    scenarios = reader.read()
    return scenarios, reader.problems


def run(scenario: Scenario, cache: dict[str, Any] | None = None) -> Outcome:
    """Evaluate one scenario and compare the findings with its expectations."""
    cache = cache if cache is not None else {}
    outcome = Outcome(scenario)
    loaded: Loaded = cache.setdefault(("rules", str(scenario.rules)), load(scenario.rules))
    if not loaded.ok:
        outcome.problems += [d for d in loaded.diagnostics if d.severity.value == "error"]
        return outcome
    lang = outcome.language = loaded.convention.language
    events = list(scenario.events)
    if scenario.log is not None:
        logged, problems = cache.setdefault(("log", str(scenario.log)), read_events(scenario.log))
        events += logged
        outcome.problems += [d for d in problems if d.severity.value == "error"]
    events.sort(key=Event.key)
    findings, _ = evaluate(loaded.convention, events, scenario.as_of, scenario.horizon_days)
    for exp in scenario.expect:
        matching = [f for f in findings if exp.matches(f, lang)]
        wanted = exp.fields.get("count")
        if not matching:
            outcome.missing.append((exp, _closest(exp, findings)))
        elif wanted is not None and len(matching) != wanted:
            outcome.wrong_count.append((exp, matching))
    for exp in scenario.must_not:
        for finding in findings:
            if exp.matches(finding, lang):
                outcome.forbidden.append((exp, finding))
    return outcome


def _closest(exp: Expectation, findings: list[Finding]) -> list[Finding]:
    """The findings that agree on the most fields, to show what the checker said instead."""
    keys = [k for k in exp.fields if k not in ("count", "message")]

    def score(f: Finding) -> int:
        return sum(Expectation({k: exp.fields[k]}, exp.span).matches(f) for k in keys)

    ranked = sorted(findings, key=lambda f: (-score(f), f.sort_key()))
    best = score(ranked[0]) if ranked else 0
    return [f for f in ranked if score(f) == best and best > 0][:3]


def describe_finding(f: Finding, lang: str = "en") -> str:
    """What a report says of a finding: the fields an expectation states (spelt as in ``lang``), then its text."""
    shown = {"status": f.status.value, "clause": f.clause, "article": f.article, "parties": ",".join(f.parties),
             "due": f.due or "\u2014"}
    if f.acted:
        shown["acted"] = f.acted
    return localized(tr("{fields}: {message}", fields=" ".join(_field(k, v, lang) for k, v in shown.items()),
                        message=f.message), lang)


def render_outcome(outcome: Outcome, lang: str = "en") -> str:
    """One scenario's result in ``lang``: PASS or FAIL, and for a failure what was expected, what the checker
    reported instead, and what it must not have reported."""
    s = outcome.scenario

    def say(message: Any) -> str:
        return localized(message, lang)

    head = tr("PASS") if outcome.passed else tr("FAIL")
    lines = [f"{say(head)}  {say(s.name)}  ({s.span})"]
    for diag in outcome.problems:
        lines.append(say(tr("    problem: {where}: {code} {message}", where=diag.location, code=diag.code,
                            message=diag.message)))
    for exp, closest in outcome.missing:
        lines.append(say(tr("    - expected ({line}): {what}", line=exp.span.line, what=exp.describe(lang))))
        if closest:
            lines += [say(tr("      + closest: {finding}", finding=describe_finding(f, lang))) for f in closest]
        else:
            lines.append(say(tr("      + nothing close was reported")))
    for exp, matching in outcome.wrong_count:
        count = exp.fields["count"]
        lines.append(say(trn("    - expected {n} finding ({line}): {what}", "    - expected {n} findings ({line}): {what}",
                             count, line=exp.span.line, what=exp.describe(lang))))
        lines.append(say(tr("      + got {n}:", n=len(matching))))
        lines += [f"        {describe_finding(f, lang)}" for f in matching]
    for exp, finding in outcome.forbidden:
        lines.append(say(tr("    - must not report ({line}): {what}", line=exp.span.line, what=exp.describe(lang))))
        lines.append(say(tr("      + but reported: {finding}", finding=describe_finding(finding, lang))))
    from clauses.output.escape import terminal

    return "\n".join(terminal(line) for line in lines)


def tally(passed: int, failed: int, lang: str = "en") -> str:
    """The last line of ``clauses test``: "3 passed, 1 failed" ("3 réussis, 1 en échec")."""
    return localized(tr("{passed}, {failed}", passed=trn("{n} passed", "{n} passed", passed),
                        failed=trn("{n} failed", "{n} failed", failed)), lang)


def report_language(option: str | None, outcomes: list[Outcome]) -> str:
    """The language of the report's frame (its tally, the problems of the scenario files): ``--lang``, else
    the `langue` every rules file the scenarios check shares, else the locale's. Without ``--lang`` each
    scenario's own lines follow its rules file's `langue`."""
    from clauses.output.catalogue import choose_language

    languages = {o.language for o in outcomes if o.language}
    return choose_language(option, languages.pop() if len(languages) == 1 else None)


def render_junit(results: list[tuple[Path, list[Outcome], list[Diagnostic]]], lang: str = "en") -> str:
    """JUnit XML for CI: a suite per scenario file, a test case per scenario (its failure told in ``lang``),
    an error case for a file whose problems stopped it."""
    import xml.etree.ElementTree as ET

    root = ET.Element("testsuites", name="clauses test")
    for path, outcomes, problems in results:
        suite = ET.SubElement(root, "testsuite", name=str(path), tests=str(len(outcomes) or 1),
                              failures=str(sum(not o.passed for o in outcomes)), errors=str(int(bool(problems))))
        for o in outcomes:
            name = localized(o.scenario.name, lang)
            case = ET.SubElement(suite, "testcase", name=name, classname=str(path),
                                 file=str(path), line=str(o.scenario.span.line))
            if not o.passed:
                failure = ET.SubElement(case, "failure", message=localized(tr("scenario `{name}` failed", name=name),
                                                                           lang), type="ScenarioFailure")
                failure.text = render_outcome(o, lang)
        if problems:
            case = ET.SubElement(suite, "testcase", name=localized(tr("read scenario file"), lang),
                                 classname=str(path), file=str(path))
            error = ET.SubElement(case, "error", message=localized(problems[0].message, lang), type=problems[0].code)
            error.text = "\n".join(f"{d.location}: {d.code} {localized(d.message, lang)}" for d in problems)
    ET.indent(root)
    from clauses.output.escape import xml_tree

    xml_tree(root)
    return ET.tostring(root, encoding="unicode", xml_declaration=True) + "\n"
