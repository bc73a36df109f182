"""``clauses lsp``: the language server, over standard input and output (pygls).

- diagnostics as you type: exactly what ``clauses lint`` reports (the same pipeline, checks,
  suppressions and ``[tool.clauses]`` configuration), with their codes; a quick fix
  "Explain CODE" runs ``clauses rules CODE`` (the command ``clauses.rules``);
- hover: a keyword (what it means, the rule it applies, its spellings), an article number
  (the article's heading and text from ``conventions/``), a declared name (its declaration),
  a diagnostic's code (its explanation);
- completion of the keywords, names and article numbers the grammar accepts at the cursor;
- go to definition and references of names; the document outline; formatting with
  ``clauses fmt``.

All the knowledge is in :mod:`clauses.lsp.analysis`; this module converts positions
(the client's UTF-16 units and 0-based lines, the parser's code points and 1-based lines)
and types.
"""

from __future__ import annotations

from pathlib import Path

from lsprotocol import types as lsp
from pygls.lsp.server import LanguageServer
from pygls.uris import to_fs_path

from clauses import __version__
from clauses.codes import Severity
from clauses.lsp.analysis import Document, Pos, Range

SEVERITY = {Severity.ERROR: lsp.DiagnosticSeverity.Error, Severity.WARNING: lsp.DiagnosticSeverity.Warning,
            Severity.INFO: lsp.DiagnosticSeverity.Information}
KINDS = {"keyword": lsp.CompletionItemKind.Keyword, "name": lsp.CompletionItemKind.Variable,
         "article": lsp.CompletionItemKind.Reference}
SYMBOLS = {"party_decl": lsp.SymbolKind.Object, "event_decl": lsp.SymbolKind.Event,
           "body_decl": lsp.SymbolKind.Class, "convention_decl": lsp.SymbolKind.Module,
           "language_decl": lsp.SymbolKind.Namespace, "term_clause": lsp.SymbolKind.Constant,
           "reading_clause": lsp.SymbolKind.String}
EXPLAIN = "clauses.rules"


class ClausesServer(LanguageServer):
    def __init__(self) -> None:
        super().__init__("clauses", __version__, text_document_sync_kind=lsp.TextDocumentSyncKind.Full)
        self.documents: dict[str, Document] = {}
        self._config = None

    # ------------------------------------------------------------------ documents
    def document(self, uri: str) -> Document:
        text = self.workspace.get_text_document(uri).source
        cached = self.documents.get(uri)
        if cached is None or cached.text != text:
            cached = self.documents[uri] = Document(to_fs_path(uri) or uri, text)
        return cached

    def config(self):
        if self._config is None:
            from clauses.lint.config import Config, ConfigError, load_config

            try:
                self._config = load_config(None)
            except ConfigError as err:
                self.window_log_message(lsp.LogMessageParams(type=lsp.MessageType.Warning, message=f"clauses: {err}"))
                self._config = Config()
        return self._config

    # ------------------------------------------------------------------ positions
    @staticmethod
    def _lines(doc: Document) -> list[str]:
        return doc.text.split("\n")

    def to_pos(self, uri: str, position: lsp.Position) -> Pos:
        doc = self.document(uri)
        codec = self.workspace.get_text_document(uri).position_codec
        server = codec.position_from_client_units(self._lines(doc), position)
        return Pos(server.line + 1, server.character)

    def to_position(self, doc: Document, uri: str, pos: Pos) -> lsp.Position:
        codec = self.workspace.get_text_document(uri).position_codec
        lines = self._lines(doc)
        line = min(max(pos.line - 1, 0), max(len(lines) - 1, 0))
        return codec.position_to_client_units(lines, lsp.Position(line=line, character=max(pos.column, 0)))

    def to_range(self, doc: Document, uri: str, rng: Range) -> lsp.Range:
        return lsp.Range(start=self.to_position(doc, uri, rng.start), end=self.to_position(doc, uri, rng.end))

    # ------------------------------------------------------------------ diagnostics
    def publish(self, uri: str) -> None:
        doc = self.document(uri)
        items = []
        for diag in doc.diagnostics(self.config()):
            span = diag.span
            if span is not None and span.path == doc.path:
                rng = Range(Pos(span.line, span.column - 1), Pos(span.end_line, span.end_column - 1))
            else:
                rng = Range(Pos(1, 0), Pos(1, 1))
            message = diag.message + (f"\n{diag.hint}" if diag.hint else "")
            items.append(lsp.Diagnostic(
                range=self.to_range(doc, uri, rng), message=message, severity=SEVERITY.get(diag.severity),
                code=diag.code, source="clauses", data={"explain": f"clauses rules {diag.code}"}))
        self.text_document_publish_diagnostics(lsp.PublishDiagnosticsParams(uri=uri, diagnostics=items))


def explanation(code: str) -> str | None:
    """The text of ``clauses rules CODE``, or None for an unknown code."""
    from clauses.lint.pipeline import rule_doc
    from clauses.output.lint import explain

    doc = rule_doc(code)
    return explain(doc) if doc is not None else None


def build() -> ClausesServer:
    server = ClausesServer()

    @server.feature(lsp.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: ClausesServer, params: lsp.DidOpenTextDocumentParams) -> None:
        ls.publish(params.text_document.uri)

    @server.feature(lsp.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: ClausesServer, params: lsp.DidChangeTextDocumentParams) -> None:
        ls.publish(params.text_document.uri)

    @server.feature(lsp.TEXT_DOCUMENT_DID_SAVE)
    def did_save(ls: ClausesServer, params: lsp.DidSaveTextDocumentParams) -> None:
        ls.documents.pop(params.text_document.uri, None)   # the convention text may have changed too
        ls.publish(params.text_document.uri)

    @server.feature(lsp.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: ClausesServer, params: lsp.DidCloseTextDocumentParams) -> None:
        ls.documents.pop(params.text_document.uri, None)
        ls.text_document_publish_diagnostics(lsp.PublishDiagnosticsParams(uri=params.text_document.uri,
                                                                          diagnostics=[]))

    @server.feature(lsp.TEXT_DOCUMENT_HOVER)
    def hover(ls: ClausesServer, params: lsp.HoverParams) -> lsp.Hover | None:
        uri = params.text_document.uri
        doc = ls.document(uri)
        pos = ls.to_pos(uri, params.position)
        found = doc.hover(pos)
        notes = []
        for diag in doc.diagnostics(ls.config()):
            span = diag.span
            if span is not None and span.path == doc.path and \
                    (span.line, span.column - 1) <= (pos.line, pos.column) < (span.end_line, span.end_column - 1):
                text = explanation(diag.code)
                if text:
                    notes.append(f"**{diag.code}** (`clauses rules {diag.code}`)\n\n```text\n{text.strip()}\n```")
        if found is None and not notes:
            return None
        value = "\n\n---\n\n".join(([found[0]] if found else []) + notes)
        return lsp.Hover(contents=lsp.MarkupContent(kind=lsp.MarkupKind.Markdown, value=value),
                         range=ls.to_range(doc, uri, found[1]) if found else None)

    @server.feature(lsp.TEXT_DOCUMENT_COMPLETION, lsp.CompletionOptions(trigger_characters=[" "]))
    def completion(ls: ClausesServer, params: lsp.CompletionParams) -> lsp.CompletionList:
        uri = params.text_document.uri
        doc = ls.document(uri)
        items = [lsp.CompletionItem(label=c.label, kind=KINDS.get(c.kind), detail=c.detail or None,
                                    documentation=lsp.MarkupContent(kind=lsp.MarkupKind.Markdown, value=c.documentation)
                                    if c.documentation else None)
                 for c in doc.completions(ls.to_pos(uri, params.position))]
        return lsp.CompletionList(is_incomplete=False, items=items)

    @server.feature(lsp.TEXT_DOCUMENT_DEFINITION)
    def definition(ls: ClausesServer, params: lsp.DefinitionParams) -> lsp.Location | None:
        uri = params.text_document.uri
        doc = ls.document(uri)
        found = doc.definition(ls.to_pos(uri, params.position))
        return lsp.Location(uri=uri, range=ls.to_range(doc, uri, found.name_range)) if found else None

    @server.feature(lsp.TEXT_DOCUMENT_REFERENCES)
    def references(ls: ClausesServer, params: lsp.ReferenceParams) -> list[lsp.Location]:
        uri = params.text_document.uri
        doc = ls.document(uri)
        found = doc.definition(ls.to_pos(uri, params.position))
        if found is None:
            return []
        return [lsp.Location(uri=uri, range=ls.to_range(doc, uri, r)) for r in doc.references(found.name)]

    @server.feature(lsp.TEXT_DOCUMENT_DOCUMENT_SYMBOL)
    def symbols(ls: ClausesServer, params: lsp.DocumentSymbolParams) -> list[lsp.DocumentSymbol]:
        uri = params.text_document.uri
        doc = ls.document(uri)
        return [lsp.DocumentSymbol(name=label, kind=SYMBOLS.get(rule, lsp.SymbolKind.Function),
                                   range=ls.to_range(doc, uri, whole), detail=rule.replace("_", " "),
                                   selection_range=ls.to_range(doc, uri, head))
                for label, rule, whole, head in doc.statements()]

    @server.feature(lsp.TEXT_DOCUMENT_FORMATTING)
    def formatting(ls: ClausesServer, params: lsp.DocumentFormattingParams) -> list[lsp.TextEdit] | None:
        from clauses.language.fmt import FormatError, format_text

        uri = params.text_document.uri
        doc = ls.document(uri)
        try:
            formatted = format_text(doc.text, doc.path)
        except FormatError as err:
            ls.window_show_message(lsp.ShowMessageParams(type=lsp.MessageType.Warning, message=f"clauses fmt: {err}"))
            return None
        if formatted == doc.text:
            return []
        lines = ls._lines(doc)
        end = Pos(len(lines), len(lines[-1]))
        return [lsp.TextEdit(range=ls.to_range(doc, uri, Range(Pos(1, 0), end)), new_text=formatted)]

    @server.feature(lsp.TEXT_DOCUMENT_CODE_ACTION)
    def code_actions(ls: ClausesServer, params: lsp.CodeActionParams) -> list[lsp.CodeAction]:
        actions = []
        for diag in params.context.diagnostics:
            if diag.source == "clauses" and diag.code:
                actions.append(lsp.CodeAction(
                    title=f"Explain {diag.code} (clauses rules {diag.code})", kind=lsp.CodeActionKind.QuickFix,
                    diagnostics=[diag], command=lsp.Command(title=f"Explain {diag.code}", command=EXPLAIN, arguments=[str(diag.code)])))
        return actions

    @server.command(EXPLAIN)
    def explain_command(ls: ClausesServer, *args) -> str | None:
        code = str(args[0]) if args else ""
        text = explanation(code.strip().upper())
        if text is None:
            ls.window_show_message(lsp.ShowMessageParams(type=lsp.MessageType.Error, message=f"clauses: unknown code `{code}`"))
            return None
        ls.window_show_message(lsp.ShowMessageParams(type=lsp.MessageType.Info, message=text))
        return text

    return server


def main() -> None:
    """Serve one client over standard input and output until it exits."""
    build().start_io()


if __name__ == "__main__":  # pragma: no cover
    main()
