"""`clauses lsp`: the language server, driven over a real stdio exchange.

A subprocess runs `python -m clauses lsp`; the test speaks JSON-RPC to it with
Content-Length framing, as an editor does, and checks what comes back:
diagnostics as the text changes, hovers, completions, definitions, the outline,
formatting and the "explain this code" action.
"""

from __future__ import annotations

import json
import os
import queue
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from clauses.language.keywords import BY_NAME, KEYWORDS
from clauses.lsp.analysis import Document, Pos
from clauses.lsp.words import MEANINGS
from clauses.language.parser import STATEMENT_KEYWORDS

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "rules" / "000_pisco_manosque.clauses"
TIMEOUT = 60


class Client:
    """A minimal LSP client: requests with ids, notifications collected by method."""

    def __init__(self) -> None:
        env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
        self.proc = subprocess.Popen([sys.executable, "-m", "clauses", "lsp"], stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT, env=env)
        self.messages: queue.Queue = queue.Queue()
        self.next_id = 0
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        stream = self.proc.stdout
        while True:
            headers = {}
            while True:
                line = stream.readline()
                if not line:
                    return
                line = line.decode("ascii").strip()
                if not line:
                    break
                key, _, value = line.partition(":")
                headers[key.strip().lower()] = value.strip()
            body = stream.read(int(headers["content-length"]))
            self.messages.put(json.loads(body))

    def send(self, payload: dict) -> None:
        body = json.dumps(payload).encode("utf-8")
        self.proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.proc.stdin.flush()

    def request(self, method: str, params: dict) -> object:
        self.next_id += 1
        wanted = self.next_id
        self.send({"jsonrpc": "2.0", "id": wanted, "method": method, "params": params})
        while True:
            message = self.messages.get(timeout=TIMEOUT)
            if message.get("id") == wanted and "method" not in message:
                assert "error" not in message, message
                return message["result"]
            self.pending.append(message)

    def notify(self, method: str, params: dict) -> None:
        self.send({"jsonrpc": "2.0", "method": method, "params": params})

    pending: list

    def notification(self, method: str, where=lambda params: True) -> dict:
        for i, message in enumerate(self.pending):
            if message.get("method") == method and where(message["params"]):
                return self.pending.pop(i)["params"]
        while True:
            message = self.messages.get(timeout=TIMEOUT)
            if message.get("method") == method and where(message["params"]):
                return message["params"]
            self.pending.append(message)


@pytest.fixture(scope="module")
def client():
    c = Client()
    c.pending = []
    result = c.request("initialize", {"processId": os.getpid(), "rootUri": ROOT.as_uri(), "capabilities": {}})
    caps = result["capabilities"]
    assert caps["hoverProvider"] and caps["definitionProvider"] and caps["documentFormattingProvider"]
    assert caps["completionProvider"] and caps["documentSymbolProvider"]
    c.notify("initialized", {})
    yield c
    c.request("shutdown", None)
    c.notify("exit", None)
    c.proc.wait(timeout=TIMEOUT)
    c.proc.stdout.close()
    c.proc.stdin.close()
    c.proc.stderr.close()


URI = (ROOT / "rules" / "lsp_test.clauses").as_uri()
TEXT = SEED.read_text(encoding="utf-8")


def _position(text: str, needle: str, shift: int = 0) -> dict:
    offset = text.index(needle) + shift
    line = text.count("\n", 0, offset)
    column = offset - (text.rfind("\n", 0, offset) + 1)
    return {"line": line, "character": len(text[offset - column:offset].encode("utf-16-le")) // 2}


def _open(client: Client, text: str, version: int = 1) -> dict:
    client.notify("textDocument/didOpen", {"textDocument": {"uri": URI, "languageId": "clauses",
                                                            "version": version, "text": text}})
    return client.notification("textDocument/publishDiagnostics", lambda p: p["uri"] == URI)


def test_diagnostics_as_you_type(client) -> None:
    published = _open(client, TEXT)
    assert not [d for d in published["diagnostics"] if d["severity"] == 1]
    broken = TEXT.replace("au moins 6 mois avant le terme.", "au moins 6 mois avant le terme")
    client.notify("textDocument/didChange", {"textDocument": {"uri": URI, "version": 2},
                                             "contentChanges": [{"text": broken}]})
    published = client.notification("textDocument/publishDiagnostics", lambda p: p["uri"] == URI)
    errors = [d for d in published["diagnostics"] if d["severity"] == 1]
    assert errors and errors[0]["code"] == "S001" and errors[0]["source"] == "clauses"
    # a name error: the code and the line lint gives
    unknown = TEXT.replace("chaque partie doit intentions", "chaque partie doit intention", 1)
    assert unknown != TEXT
    client.notify("textDocument/didChange", {"textDocument": {"uri": URI, "version": 3},
                                             "contentChanges": [{"text": unknown}]})
    published = client.notification("textDocument/publishDiagnostics", lambda p: p["uri"] == URI)
    codes = {d["code"] for d in published["diagnostics"]}
    assert any(c.startswith("N") for c in codes), codes
    named = next(d for d in published["diagnostics"] if d["code"].startswith("N"))
    assert named["range"]["start"] == _position(unknown, "doit intention", shift=len("doit "))
    # the quick fix explains the code
    actions = client.request("textDocument/codeAction", {
        "textDocument": {"uri": URI}, "range": named["range"], "context": {"diagnostics": [named]}})
    assert actions and actions[0]["command"]["command"] == "clauses.rules"
    text = client.request("workspace/executeCommand", {"command": "clauses.rules",
                                                       "arguments": [named["code"]]})
    assert named["code"] in text
    client.notify("textDocument/didChange", {"textDocument": {"uri": URI, "version": 4},
                                             "contentChanges": [{"text": TEXT}]})
    client.notification("textDocument/publishDiagnostics", lambda p: p["uri"] == URI)


def _hover(client: Client, position: dict) -> str:
    result = client.request("textDocument/hover", {"textDocument": {"uri": URI}, "position": position})
    return result["contents"]["value"] if result else ""


def test_hover_keyword_article_and_name(client) -> None:
    _open(client, TEXT, 5)
    assert "clear days" in _hover(client, _position(TEXT, "jusqu'au")).lower() or \
        "explicit end" in _hover(client, _position(TEXT, "jusqu'au"))
    article = _hover(client, _position(TEXT, "obligation intentions article 7", len("obligation intentions article ")))
    assert "Article 7" in article or "ARTICLE 7" in article.upper()
    assert "six mois" in article.lower()
    name = _hover(client, _position(TEXT, "envers l'autre partie", -len("intentions ")))
    assert "intentions" in name and "événement intentions" in name
    party = _hover(client, _position(TEXT, "résiliation entraîne"))
    assert "résiliation de la convention-cadre" in party


def _labels_at_end(client: Client, text: str, version: int) -> dict[str, dict]:
    client.notify("textDocument/didChange", {"textDocument": {"uri": URI, "version": version},
                                             "contentChanges": [{"text": text}]})
    end = {"line": text.count("\n"), "character": len(text.rsplit("\n", 1)[1])}
    return {i["label"]: i for i in client.request("textDocument/completion", {
        "textDocument": {"uri": URI}, "position": end})["items"]}


def test_completion_follows_the_grammar(client) -> None:
    labels = _labels_at_end(client, TEXT + "\nobligation nouvelle article ", 6)
    assert "7" in labels and "8.2" in labels and "obligation" not in labels
    assert "durée" in labels["7"]["detail"].lower() or labels["7"]["detail"]
    labels = _labels_at_end(client, TEXT + "\nobligation nouvelle article 7 :\n  chaque partie doit ", 7)
    assert {"intentions", "comité_pilotage", "h2p"} <= set(labels)
    labels = _labels_at_end(client, TEXT + "\nobligation nouvelle article 7 :\n  chaque partie doit intentions au moins 3 ", 8)
    assert {"jours", "jours francs", "mois", "fois par"} <= set(labels) and "h2p" not in labels


def test_definition_references_and_outline(client) -> None:
    client.notify("textDocument/didChange", {"textDocument": {"uri": URI, "version": 9},
                                             "contentChanges": [{"text": TEXT}]})
    where = client.request("textDocument/definition", {"textDocument": {"uri": URI},
                                                       "position": _position(TEXT, "mise_en_demeure de la")})
    assert where["range"]["start"] == _position(TEXT, "événement mise_en_demeure", len("événement "))
    refs = client.request("textDocument/references", {"textDocument": {"uri": URI},
                                                      "position": _position(TEXT, "mise_en_demeure de la"),
                                                      "context": {"includeDeclaration": True}})
    assert len(refs) == 2
    outline = client.request("textDocument/documentSymbol", {"textDocument": {"uri": URI}})
    names = [s["name"] for s in outline]
    assert "partie h2p" in names and "obligation intentions" in names and "pouvoir résilier" in names
    assert len(outline) == len([ln for ln in TEXT.split("\n") if ln and not ln[0].isspace() and ln[0] != "#"])


def test_formatting_through_fmt(client) -> None:
    messy = "langue fr.\npartie a   \"A\".\n"
    client.notify("textDocument/didChange", {"textDocument": {"uri": URI, "version": 10},
                                             "contentChanges": [{"text": messy}]})
    edits = client.request("textDocument/formatting", {"textDocument": {"uri": URI},
                                                       "options": {"tabSize": 2, "insertSpaces": True}})
    assert edits and edits[0]["newText"] == "langue fr.\n\npartie a \"A\".\n"


# ---------------------------------------------------------------------------------------- without the protocol


def test_every_statement_keyword_unit_and_channel_has_a_meaning() -> None:
    needed = set(STATEMENT_KEYWORDS) | {"KW_DAYS", "KW_CLEAR_DAYS", "KW_WORKING_DAYS", "KW_BUSINESS_DAYS",
                                        "KW_WEEKS", "KW_MONTHS", "KW_YEARS", "KW_BY_LRAR", "KW_BY_REGISTERED",
                                        "KW_BY_EMAIL", "KW_BY_LETTER", "KW_IN_WRITING", "KW_BY_HAND"}
    assert needed <= set(MEANINGS), needed - set(MEANINGS)
    assert set(MEANINGS) <= {k.name for k in KEYWORDS}, set(MEANINGS) - {k.name for k in KEYWORDS}


def test_a_document_that_does_not_parse_still_offers_names() -> None:
    text = TEXT + "\nobligation x article 7 :\n  chaque partie doit "
    doc = Document(str(SEED), text)
    assert doc.tree is None
    labels = {c.label for c in doc.completions(Pos(text.count("\n") + 1, len(text.rsplit("\n", 1)[1])))}
    assert "intentions" in labels and "h2p" in labels


def test_hover_on_a_keyword_in_english() -> None:
    text = (ROOT / "rules" / "en" / "000_pisco_manosque.clauses").read_text(encoding="utf-8")
    doc = Document(str(ROOT / "rules" / "en" / "000_pisco_manosque.clauses"), text)
    line = text[:text.index("automatically")].count("\n") + 1
    found = doc.hover(Pos(line, 3))
    assert found and found[0].startswith("**`automatically`**") and BY_NAME["KW_AUTOMATIC_END"].fr[0] in found[0]
