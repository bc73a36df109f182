"""Escaping every string from a user's file for the medium it is written to — in one place.

A rules file, an event log, a scenario or a file name can hold anything: ANSI
escape sequences (colours, clear-screen, OSC titles and hyperlinks, BEL), a
carriage return that overwrites the start of a line, a newline that forges a
line of its own (a GitHub workflow command, a fake "PASS"), bidirectional
overrides that show text in another order than it reads (Trojan Source),
Markdown or HTML that a step summary would interpret, characters XML 1.0
cannot hold. Every renderer passes what it prints through one of these:

- :func:`terminal` — a line of a terminal report (or of a plain-text file):
  control characters (C0, DEL, C1), bidi controls and line separators become
  visible ``\\x1b``/``\\u202e`` escapes; newlines too unless ``multiline``.
- :func:`github_data` / :func:`github_property` — a workflow command's message
  and properties (``%``, CR, LF, and ``:`` ``,`` in properties), after
  :func:`terminal` so that no control character reaches the runner log;
  :func:`github_stop_commands` wraps free text so that no line of it can be
  taken for a workflow command.
- :func:`markdown` — a cell or a line of GitHub-flavoured Markdown (a step
  summary): HTML and Markdown punctuation escaped, lines joined.
- :func:`xml` — text or an attribute of an XML document (JUnit): characters
  XML 1.0 cannot hold become visible escapes (ElementTree escapes ``<&>"``).
- :func:`sarif` — a SARIF message: plain text without control characters
  (JSON encoding does the rest).
- :func:`html` — HTML text or attribute value (the dossier's templates
  autoescape; this is for the rare string built outside them).

Each is a pure function of its input, idempotent where that makes sense, and
leaves ordinary text (accents, « guillemets », €, emoji) untouched.
"""

from __future__ import annotations

import hashlib
import re

from markupsafe import escape as _html_escape

#: C0 controls but TAB and LF, DEL, C1 controls; bidi embedding/override/isolate marks; LS/PS
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]")
_CONTROL_OR_NEWLINE = re.compile(_CONTROL.pattern[:-1] + "\n\t]")
#: characters XML 1.0 does not allow (besides TAB, LF, CR): C0, surrogates, U+FFFE, U+FFFF
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _visible(match: re.Match[str]) -> str:
    char = match.group(0)
    if char == "\t":
        return " "
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def terminal(text: str, *, multiline: bool = False) -> str:
    """``text`` safe to print on a terminal: no control sequence survives, each shows as ``\\x..``.

    A newline shows as ``\\x0a`` (it would forge a line of its own) unless ``multiline``.
    """
    return (_CONTROL if multiline else _CONTROL_OR_NEWLINE).sub(_visible, str(text))


def github_data(text: str) -> str:
    """The message of a workflow command (``::error file=…::MESSAGE``)."""
    encoded = str(text).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return terminal(encoded, multiline=True)


def github_property(text: str) -> str:
    """A property of a workflow command (``file=…``, ``title=…``): the message's escaping plus ``:`` and ``,``."""
    return github_data(text).replace(":", "%3A").replace(",", "%2C")


def github_stop_commands(text: str) -> str:
    """``text`` between ``::stop-commands::TOKEN`` and ``::TOKEN::``: the runner executes no line of it.

    The token is a digest of the text itself, so that the text cannot contain it
    (it would have to contain its own hash) and the output stays deterministic.
    """
    token = "clauses-" + hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:32]
    body = text if text.endswith("\n") or not text else text + "\n"
    return f"::stop-commands::{token}\n{body}::{token}::\n"


#: what inline Markdown interprets in a table cell (``<``, ``>``, ``&`` are HTML-escaped first)
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]|~])")


def markdown(text: str) -> str:
    """``text`` as literal GitHub-flavoured Markdown inline text (a table cell, a list item)."""
    flat = terminal(" ".join(str(text).split()))
    return _MARKDOWN_SPECIAL.sub(r"\\\1", str(_html_escape(flat)))


def markdown_code(text: str) -> str:
    """``text`` as an inline code span: backticks cannot close it, HTML is not interpreted."""
    flat = terminal(" ".join(str(text).split())).replace("|", "\\|")
    longest = max((len(m) for m in re.findall(r"`+", flat)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if flat.startswith("`") or flat.endswith("`") else ""
    return f"{fence}{pad}{flat}{pad}{fence}"


def xml(text: str) -> str:
    """``text`` that XML 1.0 can hold (ElementTree then escapes ``<``, ``&``, ``>``, quotes)."""
    return _NOT_XML.sub(_visible, str(text))


def sarif(text: str) -> str:
    """A SARIF ``message.text``: plain text, newlines kept, no control character."""
    return terminal(text, multiline=True)


def html(text: str) -> str:
    """``text`` as HTML text or a quoted attribute value."""
    return str(_html_escape(terminal(text, multiline=True)))


def xml_tree(root) -> None:
    """Make every text, tail and attribute value of an ElementTree ``root`` fit for XML 1.0 (in place)."""
    for element in root.iter():
        if element.text:
            element.text = xml(element.text)
        if element.tail:
            element.tail = xml(element.tail)
        for key, value in element.attrib.items():
            element.attrib[key] = xml(value)
