"""The language server of the clause language (``clauses lsp``): see :mod:`clauses.lsp.server`."""
