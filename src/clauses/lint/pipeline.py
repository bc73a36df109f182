"""``clauses lint``: the pipeline plus the consistency checks, for one file.

One error does not hide the other findings: the consistency checks run on the
statements that are sound — a file with syntax errors is re-read without its
broken statements (``Loaded.partial``), and the clauses (or the term) a name,
value or citation error points into are left out (:func:`sound_part`), so that
the checks never restate those errors. An error in the header or a declaration
(what every check stands on) still stops them; the checks that judge the whole
file ("no clause uses it": G003, G005, D004) run only on a complete file.

Then, in this order:

1. inline suppressions: a comment ``# clauses: ignore[X001] reason`` hides the
   diagnostics of that code (several: ``ignore[X001,T002]``) whose span starts
   on the comment's line, or, when the comment stands alone on its line, on the
   next line that holds a statement (blank and comment lines skipped). A
   suppression without a reason (``Q001``), one that hides nothing (``Q002``,
   reported only when the file has no pipeline error, since otherwise some
   statements were not checked), one naming a code it cannot hide (``Q003``: unknown codes,
   ``F``/``S`` errors, ``Q`` codes) and a malformed one (``Q004``) are warnings;
2. the configuration (:mod:`clauses.lint.config`): codes not selected are dropped,
   severities overridden.

Diagnostics are data here; :mod:`clauses.output.lint` renders them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Optional

from clauses.codes import CODES, Severity
from clauses.confine import folders_remembered
from clauses.lint.config import Config, known_codes, protected
from clauses.diagnostics import Diagnostic, has_errors
from clauses.language.loaded import MAX_RULES_BYTES, Loaded
from clauses.language.source import SourceText, Span
from clauses.i18n import tr

if TYPE_CHECKING:   # the parser and the model are imported only when a file is linted, not served from the cache
    from clauses.cache import LintCache
    from clauses.language import model as m
    from clauses.language.loaded import Comment


@dataclass(frozen=True)
class Suppression:
    """One ``# clauses: ignore[...]`` comment."""

    span: Span
    codes: tuple[str, ...]       # the codes it may hide (invalid ones already reported)
    reason: str
    target: int | None           # the line whose diagnostics it hides

    @property
    def text(self) -> str:
        return f"# clauses: ignore[{','.join(self.codes)}]"


@dataclass(frozen=True)
class Suppressed:
    """A diagnostic hidden by a suppression comment, kept for audit (``--format json``)."""

    diagnostic: Diagnostic
    reason: str
    comment: Span


@dataclass(frozen=True)
class LintResult:
    loaded: Loaded
    diagnostics: tuple[Diagnostic, ...]
    suppressed: tuple[Suppressed, ...] = ()

    @property
    def path(self) -> str:
        return self.loaded.path


# ---------------------------------------------------------------------------- suppressions
_DIRECTIVE = re.compile(r"^#\s*clauses\s*:\s*ignore\b(?P<rest>.*)$", re.IGNORECASE)
_BRACKETS = re.compile(r"^\[(?P<codes>[^\]]*)\](?P<reason>.*)$")
_CODE = re.compile(r"^[A-Z][0-9]{3}$")
_FORM = "write `# clauses: ignore[CODE] reason`, e.g. `# clauses: ignore[T001] the text itself is inconsistent`"


def _is_code_line(text: str) -> bool:
    stripped = text.strip()
    return bool(stripped) and not stripped.startswith("#")


def _target(comment: Comment, source: SourceText) -> int | None:
    """The comment's own line when code precedes it there, else the next line holding a statement."""
    if source.line(comment.line)[: comment.column - 1].strip():
        return comment.line
    for number in range(comment.line + 1, len(source.line_starts) + 1):
        if _is_code_line(source.line(number)):
            return number
    return None


def parse_suppressions(comments: tuple[Comment, ...], source: SourceText | None
                       ) -> tuple[list[Suppression], list[Diagnostic]]:
    """The suppression comments of a file, and the diagnostics about malformed ones."""
    found: list[Suppression] = []
    problems: list[Diagnostic] = []
    if source is None:
        return found, problems
    codes = known_codes()
    for comment in comments:
        directive = _DIRECTIVE.match(comment.text.strip())
        if directive is None:
            continue
        span = Span(source.path, comment.line, comment.column, comment.line, comment.column + len(comment.text.rstrip()))
        brackets = _BRACKETS.match(directive["rest"].strip())
        names = [c.strip() for c in re.split(r"[,\s]+", brackets["codes"]) if c.strip()] if brackets else []
        if not names:
            problems.append(Diagnostic.of("Q004", tr("this suppression comment names no code, so it hides "
                                                     "nothing"),
                                          span, _FORM))
            continue
        valid = []
        for name in names:
            if not _CODE.match(name) or name not in codes:
                problems.append(Diagnostic.of("Q003", tr("suppression names `{name}`, which is not a "
                                                         "diagnostic code", name=name),
                                              span, tr("`clauses rules` lists every code")))
            elif protected(name):
                problems.append(Diagnostic.of("Q003", tr("`{name}` cannot be suppressed: a file that "
                                                         "cannot be read or parsed was not checked",
                                                         name=name), span, tr("fix the file "
                                                                                            "instead")))
            elif name.startswith("Q"):
                problems.append(Diagnostic.of("Q003", tr("`{name}` is about suppression comments and "
                                                         "cannot be suppressed by one", name=name), span,
                                              tr("use `ignore = [\"{name}\"]` in [tool.clauses] instead",
                                                 name=name)))
            elif name not in valid:
                valid.append(name)
        if not valid:
            continue
        reason = brackets["reason"].strip().lstrip(":-—–").strip()
        found.append(Suppression(span, tuple(valid), reason, _target(comment, source)))
    return found, problems


def apply_suppressions(diagnostics: list[Diagnostic], suppressions: list[Suppression], report_unused: bool
                       ) -> tuple[list[Diagnostic], list[Suppressed], list[Diagnostic]]:
    """(kept diagnostics, suppressed ones, diagnostics about the suppressions)."""
    kept: list[Diagnostic] = []
    hidden: list[Suppressed] = []
    used: set[tuple[int, str]] = set()
    for diag in diagnostics:
        hit = None
        if diag.span is not None and not protected(diag.code):
            hit = next((i for i, s in enumerate(suppressions)
                        if s.target == diag.span.line and diag.code in s.codes), None)
        if hit is None:
            kept.append(diag)
        else:
            used.add((hit, diag.code))
            hidden.append(Suppressed(diag, suppressions[hit].reason, suppressions[hit].span))
    about: list[Diagnostic] = []
    for i, s in enumerate(suppressions):
        if not s.reason:
            about.append(Diagnostic.of("Q001", tr("suppression of {join} gives no reason",
                                                  join=', '.join(s.codes)),
                                       s.span, tr("say why after the brackets: `{text} the reason`",
                                                  text=s.text)))
        if not report_unused:
            continue
        for code in s.codes:
            if (i, code) in used:
                continue
            where = (tr("line {line}", line=s.target) if s.target is not None
                     else tr("no line (no statement follows the comment)"))
            hint = tr("remove it, or move it to the line the diagnostic points at")
            covering = next((d for d in diagnostics if d.code == code and d.span is not None and s.target is not None
                             and d.span.line < s.target <= d.span.end_line), None)
            nearest = covering or min((d for d in diagnostics if d.code == code and d.span is not None
                                       and s.target is not None and abs(d.span.line - s.target) <= 5),
                                      key=lambda d: (abs(d.span.line - s.target), d.span.line), default=None)
            if nearest is not None:
                hint = tr("the nearest {code} diagnostic starts on line {line}: put the comment at the end "
                          "of that line, or alone on the line before it", code=code, line=nearest.span.line)
            about.append(Diagnostic.of("Q002", tr("suppression of {code} hides nothing: no {code} "
                                                  "diagnostic starts on {where}", code=code, where=where), s.span, hint))
    return kept, hidden, about


# ---------------------------------------------------------------------------- the linter
def apply_config(diagnostics: list[Diagnostic], config: Config) -> list[Diagnostic]:
    out = []
    for diag in diagnostics:
        if not config.enabled(diag.code):
            continue
        severity = config.severity_of(diag.code, diag.severity)
        out.append(diag if severity is diag.severity else diag.with_severity(severity))
    return out


#: checks whose judgement needs every statement of the file ("no clause uses it", "uncovered"):
#: they do not run on the sound part of a file whose other statements are broken
WHOLE_FILE_CHECKS = frozenset({"G003", "G005", "D004"})


def sound_part(convention: m.Convention, diagnostics: list[Diagnostic]) -> tuple[m.Convention | None, bool]:
    """The convention without the statements a pipeline error points into (an unknown party, a
    value out of range, an article not found...), and whether anything was left out. None when an
    error lies outside every clause and the term (the header, a declaration): what every check
    stands on is unsound."""
    # syntax errors (S) are left out already: the statements they point into were not parsed
    errors = [d.span for d in diagnostics if d.severity is Severity.ERROR and not d.code.startswith("S")]

    def inside(node: m.Node | None, e) -> bool:
        span = getattr(node, "span", None)
        return span is not None and span.line <= e.line <= span.end_line

    def broken(node: m.Node | None) -> bool:
        return any(e is not None and inside(node, e) for e in errors)

    if any(e is None or not any(inside(n, e) for n in (convention.term, *convention.clauses)) for e in errors):
        return None, True
    clauses = tuple(c for c in convention.clauses if not broken(c))
    term = None if broken(convention.term) else convention.term
    pruned = len(clauses) != len(convention.clauses) or term is not convention.term
    return (convention.model_copy(update={"clauses": clauses, "term": term}) if pruned else convention), pruned


def lint_loaded(loaded: Loaded, config: Config | None = None) -> LintResult:
    """Checks, suppressions and configuration on a file already loaded (tests pass strings here).

    An error in one statement does not hide the other findings: the checks run on the statements
    that are sound (those of a file with syntax errors that still parse, minus the statements a
    name, value or citation error points into); a suppression only ever hides its own line's
    diagnostics of its codes, and never decides whether the checks run."""
    from clauses.checks import run_checks

    config = config or Config()
    found = list(loaded.diagnostics)
    model = loaded.convention if loaded.convention is not None else loaded.partial
    checked = False                  # every statement was checked (stale suppressions can be told)
    if model is not None:
        sound, pruned = sound_part(model, found)
        complete = loaded.convention is not None and not pruned
        checks = run_checks(sound, loaded.text, loaded.source) if sound is not None else []
        found += checks if complete else [d for d in checks if d.code not in WHOLE_FILE_CHECKS]
        checked = complete and not has_errors(loaded.diagnostics)
    suppressions, problems = parse_suppressions(loaded.comments, loaded.source)
    kept, hidden, about = apply_suppressions(found, suppressions, report_unused=checked)
    final = apply_config(kept + problems + about, config)
    if loaded.dependencies:   # langA: an instance reports what its values cause, not its template's own findings
        template = lint_file(loaded.dependencies[0], config)
        own = {(d.code, d.span, str(d.message)) for d in template.diagnostics}
        final = [d for d in final if (d.code, d.span, str(d.message)) not in own]
    final.sort(key=Diagnostic.sort_key)
    hidden.sort(key=lambda s: s.diagnostic.sort_key())
    return LintResult(loaded, tuple(final), tuple(hidden))


def lint_file(path: str | Path, config: Config | None = None) -> LintResult:
    from clauses.language.load import load

    return lint_loaded(load(path), config)


PARALLEL_FROM = 48   # below this many files, starting worker processes costs more than it saves

#: what the result cache stores a file's result under: the other files it read (None: not stored)
Stored = Optional[list[Path]]


def _stored(loaded: Loaded) -> list[Path] | None:
    """The files besides the rules file that ``loaded``'s lint result depends on, or None when the
    result must not be cached (nothing was read, or its convention text is missing)."""
    from clauses.cache import dependencies

    text_missing = loaded.convention is not None and loaded.convention.text and loaded.text is None
    return None if loaded.source is None or text_missing else dependencies(loaded)


def _lean(result: LintResult) -> LintResult:
    """A result as a worker sends it back: what reports read (the path, the source, the diagnostics,
    the suppressions), and of the model only its language (:func:`clauses.output.lint.file_language`),
    which ``model_construct`` sets without the rest. The whole model and its convention text would
    be most of what is pickled, then unpickled one after the other by the parent (1.5 s CPU of
    1,000 files, while the workers wait for the cores)."""
    from clauses.language import model as m

    loaded = result.loaded

    def language_only(model: m.Convention | None) -> m.Convention | None:
        return None if model is None else m.Convention.model_construct(language=model.language)

    lean = Loaded(loaded.path, loaded.source, language_only(loaded.convention), None, (), loaded.diagnostics,
                  language_only(loaded.partial), loaded.dependencies)
    return LintResult(lean, result.diagnostics, result.suppressed)


def _lint_chunk(args: tuple[list[Path], Config | None, bool]) -> list[tuple[LintResult, Stored]]:
    files, config, store = args
    out = []
    for f in files:
        result = lint_file(f, config)
        out.append((_lean(result), _stored(result.loaded) if store else None))
    return out


def lint_files(files: list[Path], config: Config | None = None, cache: "LintCache | None" = None
               ) -> list[LintResult]:
    """Lint many files, on every core when there are many (results in the order given; a result
    linted by a worker process keeps no model but its language, :func:`_lean`).

    With a :class:`~clauses.cache.LintCache`, a file whose content, configuration,
    convention text and linter code are unchanged is not linted again.
    """
    if cache is None:
        return [result for result, _ in _lint_all(files, config, False)]
    results: list[LintResult | None] = [None] * len(files)
    digests: dict[str, str | None] = {}   # each convention text read once for the whole batch
    todo: list[tuple[int, str | None]] = []
    for i, path in enumerate(files):
        key = None
        try:
            if path.is_file() and path.stat().st_size <= MAX_RULES_BYTES:
                key = cache.key(str(path), path.read_bytes())
        except OSError:
            key = None
        hit = cache.get(key, digests) if key is not None else None
        if hit is None:
            todo.append((i, key))
            continue
        source, diagnostics, suppressed = hit
        results[i] = LintResult(Loaded(str(path), source, None, None, (), ()), diagnostics, suppressed)
    for (i, key), (result, deps) in zip(todo, _lint_all([files[i] for i, _ in todo], config, True)):
        results[i] = result
        if key is not None and deps is not None:
            cache.put(key, (result.loaded.source, result.diagnostics, result.suppressed), deps)
    return results  # type: ignore[return-value]


def _lint_all(files: list[Path], config: Config | None, store: bool) -> list[tuple[LintResult, Stored]]:
    """Each file's result, and when ``store``, what the result cache keeps it under (:func:`_stored`)."""
    with folders_remembered():   # the convention texts' folders looked up once per folder of the run
        return _lint_each(files, config, store)


def _lint_each(files: list[Path], config: Config | None, store: bool) -> list[tuple[LintResult, Stored]]:
    import os

    def here(path: Path) -> tuple[LintResult, Stored]:
        result = lint_file(path, config)
        return result, _stored(result.loaded) if store else None

    workers = min(os.cpu_count() or 1, 8)
    if len(files) < PARALLEL_FROM or workers < 2:
        return [here(f) for f in files]
    from concurrent.futures import ProcessPoolExecutor

    # the first file is linted here, before the fork: the parser is built and the lexer's scanners
    # (compiled on first use, most of a cold start) are compiled once, and every worker inherits them
    first, rest = here(files[0]), files[1:]
    size = max(8, len(rest) // (workers * 4))
    chunks = [(rest[i:i + size], config, store) for i in range(0, len(rest), size)]
    try:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            return [first, *(r for chunk in pool.map(_lint_chunk, chunks) for r in chunk)]
    except (OSError, RuntimeError):  # no process support here (sandbox): do it in this process
        return [first, *(here(f) for f in rest)]


# ---------------------------------------------------------------------------- documentation of codes
@dataclass(frozen=True)
class RuleDoc:
    """What ``clauses rules`` and SARIF's ``tool.driver.rules`` say about a code."""

    code: str
    name: str
    severity: Severity
    summary: str
    rationale: str = ""
    bad: str = ""
    good: str = ""
    origin: str = "pipeline"      # "check", "pipeline" (files, syntax, names, values...), "suppression", "event log"


SUPPRESSION_DOCS: dict[str, tuple[str, str, str]] = {
    "Q001": ("""
A suppression hides a finding from everyone who reads the lint report later: the
next reviewer must be able to tell a considered decision (the signed text is
itself inconsistent, the reading was agreed with the partners) from a way to
make CI pass. The reason after the brackets is that record.
""", "durée article 7 : 3 ans à compter du 2019-09-25 jusqu'au 2022-09-30.  # clauses: ignore[T001]",
        "durée article 7 : 3 ans à compter du 2019-09-25 jusqu'au 2022-09-30.  "
        "# clauses: ignore[T001] le texte signé porte ces deux dates"),
    "Q002": ("""
A suppression that hides nothing is stale: the clause was fixed or moved, or the
comment names the wrong code or sits on the wrong line. Left in place, it would
silently hide a future, different problem on that line.
""", "# clauses: ignore[T001] dates du texte signé\ndurée article 7 : 3 ans à compter du 2019-09-25 jusqu'au "
     "2022-09-25.", "durée article 7 : 3 ans à compter du 2019-09-25 jusqu'au 2022-09-25."),
    "Q003": ("""
Only a diagnostic code can be suppressed, and not every one: a file that cannot
be read (F) or parsed (S) was not checked at all, and the suppression
diagnostics (Q) are configured in [tool.clauses], not by the comments they judge.
""", "obligation x article 7 :  # clauses: ignore[T01] typo in the code",
        "obligation x article 7 :  # clauses: ignore[T001] the text itself is inconsistent"),
    "Q004": ("""
A comment that starts like a suppression but does not name its codes in brackets
suppresses nothing, while its author believes it does.
""", "# clauses: ignore T001 dates du texte signé", "# clauses: ignore[T001] dates du texte signé"),
}


def _kebab(text: str) -> str:
    return re.sub(r"[^0-9a-z]+", "-", text.lower()).strip("-")


def rule_doc(code: str) -> RuleDoc | None:
    from clauses.checks import REGISTRY

    codes = known_codes()
    if code in REGISTRY:
        c = REGISTRY[code]
        return RuleDoc(c.code, c.name, c.severity, c.summary, c.rationale, c.bad, c.good, "check")
    if code not in codes:
        return None
    entry = codes[code]
    rationale, bad, good = SUPPRESSION_DOCS.get(code, ("", "", ""))
    origin = {"Q": "suppression", "E": "event log", "C": "event log"}.get(code[0], "pipeline")
    return RuleDoc(code, _kebab(entry.summary), entry.severity, entry.summary, rationale.strip(), bad, good, origin)


def catalogue(lint_only: bool = False) -> list[RuleDoc]:
    """Every code, sorted; ``lint_only`` leaves out the event-log codes (``E``, reported by ``clauses check``)."""
    return [rule_doc(code) for code in sorted(known_codes()) if not (lint_only and code.startswith(("E", "C")))]
