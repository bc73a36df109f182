"""Every diagnostic's message and hint goes through the catalogue (issue 14 item 1).

A message written as a plain string or an f-string is English in a French report ("la clause
`x` … who is pas lié"); the catalogue test (test_i18n) cannot see it, since it only checks the
templates given to ``tr()``. This test reads the source: the message and the hint of every
``Diagnostic.of(...)`` call, and every string assigned to a name a message is built from, must be
a ``tr()`` call (or built from one), never a literal or an f-string.
"""

from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src" / "clauses"
#: names of the variables messages and hints are assembled in before ``Diagnostic.of``
PIECES = {"message", "hint", "why", "tail", "leave", "what", "reason"}
#: the exceptions and helpers the event readers turn into diagnostics (message, hint)
CARRIERS = {"_BadDate", "_FieldError", "AmbiguousDate"}


def _literal(node: ast.AST | None) -> bool:
    """A string the catalogue never sees: a literal (not empty) or an f-string, either side of a ternary."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return bool(node.value.strip())
    if isinstance(node, ast.JoinedStr):
        return True
    if isinstance(node, ast.IfExp):
        return _literal(node.body) or _literal(node.orelse)
    return False


def _untranslated() -> list[str]:
    found = []
    for path in sorted(SRC.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            where = f"{path.relative_to(SRC)}:{getattr(node, 'lineno', 0)}"
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "of"
                    and isinstance(node.func.value, ast.Name) and node.func.value.id == "Diagnostic"):
                args = list(node.args[1:2]) + list(node.args[3:4])
                args += [k.value for k in node.keywords if k.arg in ("message", "hint")]
                found += [f"{where}: Diagnostic.of with an untranslated message or hint" for a in args if _literal(a)]
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in ("report", "fail")
                    and isinstance(node.func.value, ast.Name) and node.func.value.id == "self" and node.args
                    and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str)
                    and any(_literal(a) for a in list(node.args[1:2]) + list(node.args[3:4]))):
                found.append(f"{where}: self.{node.func.attr} with an untranslated message or hint")
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in CARRIERS
                    and any(_literal(a) for a in node.args[:2])):
                found.append(f"{where}: {node.func.id} with an untranslated message or hint")
            if isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id in PIECES
                                                    for t in node.targets) and _literal(node.value):
                found.append(f"{where}: a message piece assigned an untranslated string")
    return found


def test_every_diagnostic_message_goes_through_the_catalogue() -> None:
    assert _untranslated() == []


def test_the_scanner_sees_a_literal() -> None:
    tree = ast.parse('Diagnostic.of("X001", f"the {x} is wrong", span, "fix it")').body[0].value
    assert _literal(tree.args[1]) and _literal(tree.args[3])
    assert not _literal(ast.parse('tr("the {x}", x=1)').body[0].value)
