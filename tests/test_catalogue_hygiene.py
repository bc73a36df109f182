"""The gettext catalogue is a well-formed .po file: each msgid once (babel keeps the last of two
silently, so a second translation of a message would win unseen), and `msgfmt -c` (GNU gettext's
checker: headers, plural forms, format strings) accepts it."""

from __future__ import annotations

import ast
import re
import shutil
import subprocess
from collections import Counter

import pytest

from clauses.output.catalogue import LOCALES, catalogue_path


def _msgids(text: str) -> list[str]:
    """Every msgid of a .po text (with its msgctxt and msgid_plural), in order."""
    ids, context, current, field = [], "", None, None
    for line in [*text.splitlines(), ""]:
        line = line.strip()
        if line.startswith('"') and field is not None:
            current[field] += ast.literal_eval(line)
            continue
        if field == "msgid_plural" or (field == "msgid" and not line.startswith("msgid_plural")):
            ids.append(context + "\x04" + current["msgid"] + "\x00" + current.get("msgid_plural", ""))
            context, field = "", None
        if line.startswith("msgctxt "):
            context, field = ast.literal_eval(line[8:]), None
        elif line.startswith(("msgid ", "msgid_plural ")):
            name, _, value = line.partition(" ")
            current = current if name == "msgid_plural" else {}
            current[name] = ast.literal_eval(value)
            field = name
        else:
            field = None if not line.startswith('"') else field
    return ids


LANGS = sorted(p.name for p in LOCALES.iterdir() if catalogue_path(p.name).is_file())


def test_the_scanner_sees_every_entry() -> None:
    ids = _msgids('msgid ""\nmsgstr ""\n\nmsgid "a"\n"b"\nmsgstr "x"\n\nmsgid "c"\nmsgid_plural "d"\n'
                  'msgstr[0] ""\n\nmsgctxt "k"\nmsgid "a"\n"b"\nmsgstr "y"\n')
    assert ids == ["\x04\x00", "\x04ab\x00", "\x04c\x00d", "k\x04ab\x00"]


@pytest.mark.parametrize("lang", LANGS)
def test_each_msgid_once(lang: str) -> None:
    ids = _msgids(catalogue_path(lang).read_text(encoding="utf-8"))
    assert len(ids) > 100
    twice = sorted(i.split("\x04", 1)[1].replace("\x00", " | ") for i, n in Counter(ids).items() if n > 1)
    assert not twice, f"msgids defined more than once in {catalogue_path(lang).name}:\n" + "\n".join(twice)


@pytest.mark.parametrize("lang", LANGS)
def test_msgfmt_accepts_the_catalogue(lang: str, tmp_path) -> None:
    # not skipped when msgfmt is missing (a check that does not run proves nothing): .ci/run installs gettext
    assert shutil.which("msgfmt"), "GNU gettext's msgfmt is needed by this test: apt-get install gettext"
    proc = subprocess.run(["msgfmt", "-c", "-o", str(tmp_path / "clauses.mo"), str(catalogue_path(lang))],
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr


#: placeholders that stand for the code of an event or an act (`conciliation`, `avis_sommes`)
_CODE = r"\{(?:event|events|action|needed|trigger|decision)\}"
#: French words that agree with the noun after them: before a code they guess its gender
_GENDERED = r"(?:aucun|aucune|un|une|le|la|les|du|des|au|aux|ce|cet|cette|nul|nulle|l')"


def french_gender_guesses(text: str) -> list[str]:
    """The French strings of ``text`` (a .po file) where a gendered word stands right before a code."""
    from io import BytesIO

    from babel.messages.pofile import read_po

    found = []
    for message in read_po(BytesIO(text.encode("utf-8"))):
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        found += [s for s in strings if s and re.search(rf"(?<![\w']){_GENDERED}\s*`?{_CODE}", s, re.I)]
    return found


def test_the_gender_check_sees_a_guess() -> None:
    assert french_gender_guesses('msgid "no {event}"\nmsgstr "aucun `{event}` ici"\n') == ["aucun `{event}` ici"]
    assert french_gender_guesses('msgid "x"\nmsgstr "l\'{action} du {date}"\n') == ["l'{action} du {date}"]
    assert french_gender_guesses('msgid "no {event}"\nmsgstr "aucun événement {event}, le {date}"\n') == []


def test_french_never_guesses_the_gender_of_a_code() -> None:
    """An event's code is a name the rules chose (`conciliation`, `avis_sommes`), of no known gender: the
    French messages introduce it with a noun (« aucun événement `conciliation` ») or a word that does not
    agree (« chaque », « pas de »), never « aucun `conciliation` » or « du mise_en_demeure »."""
    guesses = french_gender_guesses(catalogue_path("fr").read_text(encoding="utf-8"))
    assert not guesses, "French messages guessing a code's gender:\n" + "\n".join(guesses)
