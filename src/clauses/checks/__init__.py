"""Consistency checks for ``clauses lint``: drafts whose numbers drift, clauses
that contradict each other, references that dangle.

Each check has a stable code (a family letter and a number, like ruff), a
default severity, a one-line summary, a rationale and a failing and a passing
example (``clauses rules CODE`` prints them). Checks read the model, the
convention text and the graph; they report, they never print or fix.

Families: ``T`` time, ``X`` renewal and exit, ``B`` votes and bodies, ``M``
money, ``G`` graph, ``D`` the convention text (document). Syntax, names,
values and citations (``S``, ``N``, ``V``, ``A``) are reported by the pipeline
itself (:mod:`clauses.language.resolve`).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import Callable, Iterable

from clauses.language import model as m
from clauses.codes import CODES, Code, Severity
from clauses.diagnostics import Diagnostic
from clauses.language.resolve import ConventionText
from clauses.language.source import SourceText, Span


@dataclass(frozen=True)
class Check:
    code: str
    name: str
    severity: Severity
    summary: str
    rationale: str
    bad: str        # a clause file excerpt that triggers the check
    good: str       # the same, fixed
    run: Callable[["CheckContext"], Iterable[Diagnostic]]


REGISTRY: dict[str, Check] = {}


def check(code: str, name: str, severity: Severity, summary: str, rationale: str, bad: str, good: str):
    """Register a check; its code joins the catalogue so ``Diagnostic.of`` knows its severity."""
    def register(func: Callable[["CheckContext"], Iterable[Diagnostic]]) -> Callable:
        if code in REGISTRY or code in CODES:
            raise ValueError(f"check code {code} is defined twice")
        CODES[code] = Code(code, severity, summary)
        REGISTRY[code] = Check(code, name, severity, summary, rationale.strip(), bad.strip(), good.strip(), func)
        return func
    return register


class CheckContext:
    """What a check may read; the graph is built on first use."""

    def __init__(self, convention: m.Convention, text: ConventionText | None, source: SourceText | None) -> None:
        self.convention = convention
        self.text = text
        self.source = source

    @cached_property
    def graph(self):
        from clauses.graph import build_graph

        return build_graph(self.convention)

    def span(self, node: m.Node | None) -> Span | None:
        return node.span if node is not None else None


def clauses_of(ctx: "CheckContext", kind: type) -> list:
    """The convention's clauses of one kind (every check family walks them)."""
    return [c for c in ctx.convention.clauses if isinstance(c, kind)]


def where(clause: m.Node) -> str:
    """"clause `x` (article 7)" — how every message names its clause."""
    ident = getattr(clause, "id", "term")
    citations = getattr(clause, "citations", ())
    arts = ", ".join(c.label for c in citations)
    name = tr("the term") if ident == "term" and isinstance(clause, m.Term) else tr("clause `{id}`", id=ident)
    return tr("{name} (article {articles})", name=name, articles=arts) if arts else name


def run_checks(convention: m.Convention, text: ConventionText | None, source: SourceText | None) -> list[Diagnostic]:
    """Every registered check, all findings in one run."""
    ctx = CheckContext(convention, text, source)
    found: list[Diagnostic] = []
    for code in sorted(REGISTRY):
        found.extend(REGISTRY[code].run(ctx))
    return found


# Registration happens on import of each family module.
from clauses.checks import money, renewal, time, votes, structure, document  # noqa: E402,F401
from clauses.i18n import tr
from clauses.checks import amounts  # noqa: E402,F401  (langA)
from clauses.checks import terms  # noqa: E402,F401  (issue 10 item 7: the term as texts write it)
from clauses.checks import governance  # noqa: E402,F401  (issue 10 item 9: second meetings, elections)
from clauses.checks import recurrence  # noqa: E402,F401  (issue 10 items 6 and 8: series, windows, breaches)
from clauses.checks import windows  # noqa: E402,F401  (issue 10 item 5: calendar windows)
from clauses.checks import notice  # noqa: E402,F401  (issue 10 item 7: notice periods)
from clauses.checks import acts  # noqa: E402,F401  (issue 10: standing duties, joint duties)
from clauses.checks import revision  # noqa: E402,F401  (issue 10 item 10: amounts revised by an index or rate)
