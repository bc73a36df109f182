// The VS Code side of `clauses lsp`: start the server over stdio for *.clauses files.
// Everything else (diagnostics, hovers, completion, outline, formatting) comes from the server.
const vscode = require("vscode");
const { LanguageClient, TransportKind } = require("vscode-languageclient/node");

let client;

function activate(context) {
  const [command, ...args] = vscode.workspace.getConfiguration("clauses").get("command", ["clauses", "lsp"]);
  const server = { command, args, transport: TransportKind.stdio };
  client = new LanguageClient(
    "clauses",
    "Clauses",
    { run: server, debug: server },
    { documentSelector: [{ scheme: "file", language: "clauses" }] }
  );
  context.subscriptions.push(client);
  return client.start();
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
