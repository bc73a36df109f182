"""What an act must state (``indiquant motifs``), lists among lists (``parmi``) and acts done jointly.

An item ``motifs`` is stated by a logged act when its row has a column ``motifs`` with a value
(anything but empty, ``non``, ``no``, ``false``), or when its column ``contenu`` (``contents``)
lists it among items separated by ``;``. A duty's act that lacks an item is a breach of its own
(code ``C010`` in CI output): the act is still counted for the duty's time limit, its content is
judged apart; a power's act that lacks one is exercised irregularly and has no effect.

A duty borne ``conjointement`` (``a et b conjointement``) is met only by an act whose ``by`` names
every one of its debtors (``by: a;b``); an act by some of them is noted with who was missing.

``EVENT.ATTR parmi EVENT.ATTR`` holds when every item of the first list (``;``-separated) is an item
of the second (case and surrounding spaces ignored); the second may be a text ``"a; b"``.
"""

from __future__ import annotations

from typing import Any

from clauses.events import Event
from clauses.evaluation.context import Context, article_of, readings_of
from clauses.findings import Finding, Status
from clauses.i18n import joined as _joined, tr
from clauses.language import model as m

LACKS_CONTENT = "C010"
CONTENT_COLUMNS = ("contenu", "contents", "content")
ABSENT = {"", "non", "no", "false", "faux", "none", "-", "—"}


def joined(parts: list) -> object:
    """``x, y and z`` in the reader's language."""
    return _joined(list(parts), tr("{a} and {b}").template)


def items(raw: Any) -> list[str]:
    """A list column's items: ``"motifs; date"`` -> ``["motifs", "date"]`` (empty items dropped)."""
    if raw is None or isinstance(raw, bool):
        return []
    return [part.strip() for part in str(raw).replace("\n", ";").split(";") if part.strip()]


def _fold(text: str) -> str:
    return " ".join(text.casefold().split())


def stated(event: Event, name: str) -> bool:
    """Whether the act's row states ``name``: its own column, or an item of its ``contenu`` column."""
    raw = event.attrs.get(name)
    if raw is not None and raw is not False and _fold(str(raw)) not in ABSENT:
        return True
    listed = {_fold(i) for column in CONTENT_COLUMNS for i in items(event.attrs.get(column))}
    return _fold(name) in listed or _fold(name.replace("_", " ")) in listed


def missing_contents(event: Event, contents: tuple[str, ...]) -> list[str]:
    return [name for name in contents if not stated(event, name)]


def content_problem(event: Event, contents: tuple[str, ...]) -> str | None:
    """Why a power's act is irregular for its contents (None when it states them all)."""
    missing = missing_contents(event, contents)
    if not missing:
        return None
    return tr("the act does not state {items} (the clause requires {required})",
              items=joined([f"`{x}`" for x in missing]), required=joined([f"`{x}`" for x in contents]))


def content_findings(ctx: Context, life: Any) -> list[Finding]:
    """One breach per logged act of a duty with ``indiquant …`` that does not state every item."""
    findings: list[Finding] = []
    for duty in ctx.convention.clauses:
        if not isinstance(duty, m.Duty) or not duty.contents:
            continue
        for event in ctx.named(duty.action):
            bound = _bound(ctx, duty, event)
            if bound is None:
                continue
            ended = life.end_for(duty, bound[0] if len(bound) == 1 else None)
            if ended is not None and event.date >= ended[0]:
                continue
            missing = missing_contents(event, duty.contents)
            if not missing:
                continue
            recorded = sorted(k for k in event.attrs if k not in ("period",))
            findings.append(Finding(
                Status.BREACH, duty.id, "duty", article_of(duty), bound, None,
                tr("{action} by {who} on {date} does not state {items}", action=ctx.label(duty.action),
                   who=", ".join(bound) or tr("the parties"), date=event.date,
                   items=joined([f"`{x}`" for x in missing])),
                events=(ctx.note(event, False, tr("lacks {items}", items=joined([f"`{x}`" for x in missing]))),),
                explanation=(tr("the clause requires the act to state {required}: a column of that name with a "
                                "value, or an item of its `contenu` column",
                                required=joined([f"`{x}`" for x in duty.contents])),
                             tr("the row records {columns}", columns=", ".join(recorded) or tr("no other column")),
                             tr("its time limit is judged apart: the act counts as done, its content is a breach"),
                             *readings_of(duty)),
                extra={"code": LACKS_CONTENT, "missing": missing}, acted=event.date))
    return findings


def _bound(ctx: Context, duty: m.Duty, event: Event) -> tuple[str, ...] | None:
    """The debtors an act of the duty's action is by (None: it is not an act of the duty's bearer)."""
    if duty.bearer.type == "list":
        if duty.bearer.together:
            return duty.bearer.parties
        mine = tuple(p for p in event.by if p in duty.bearer.parties)
        return mine if mine or not event.by else None
    return tuple(event.by)


# ------------------------------------------------------------------ joint acts
def joint_problem(ctx: Context, duty: m.Duty, event: Event) -> str | None:
    """Why an act does not meet a duty borne jointly: some debtor did not take part."""
    if not duty.bearer.together:
        return None
    debtors = duty.bearer.parties if duty.bearer.type == "list" else ctx.parties()
    absent = [p for p in debtors if p not in event.by]
    if not absent:
        return None
    return tr("done without {absent}: the duty is borne jointly by {debtors}, the act must be done by all of them "
              "(`by`: {example})", absent=joined(absent), debtors=joined(list(debtors)), example=";".join(debtors))


# ------------------------------------------------------------------ lists among lists
def among(evaluator: Any, cond: m.Comparison, lines: list[str], events: list[Event]) -> bool | None:
    """``a.x parmi b.y``: every item of the first list among the second (None: one is not recorded)."""
    left = evaluator.raw_attr(cond.left, lines, events)
    if cond.right.type == "attr" and cond.right.of is not None:
        right = evaluator.raw_attr(cond.right.of, lines, events)
    else:
        value = evaluator._right(cond.right, lines, events)
        right = None if value is None else str(value)
    if left is None or right is None:
        return None
    pool = {_fold(i) for i in items(right)}
    outside = [i for i in items(left) if _fold(i) not in pool]
    if outside:
        lines.append(tr("not among them: {items}", items=joined([f"`{x}`" for x in outside])))
    return not outside

