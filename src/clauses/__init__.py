"""clauses — rules-as-code for French partnership agreements.

The flow, one module per stage (see ARCHITECTURE.md):
rules text -> source -> parser -> lower (model) -> resolve (checks) -> graph
-> evaluation against events -> report.
"""

__version__ = "0.1.0"
