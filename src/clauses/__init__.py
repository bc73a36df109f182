"""clauses — rules-as-code for French partnership agreements.

The flow, one module per stage (see ARCHITECTURE.md):
rules text -> source -> parser -> lower (model) -> resolve (checks) -> graph
-> evaluation against events -> report.
"""

__version__ = "0.1.0"

#: the distribution's name on the package index (`clauses` there is another project);
#: the command and the import stay `clauses`.
DISTRIBUTION = "clauses-conventions"

_API = ("CheckReport", "Convention", "Diagnostic", "Event", "EventNote", "Finding", "Loaded", "LogError",
        "RulesError", "Severity", "Status", "check", "evaluate", "exit_code", "load", "read_events", "render_json",
        "render_text", "summary")


def __getattr__(name: str):
    """The public API (``clauses.api``), imported on first use so that ``clauses --help`` stays fast."""
    if name in _API:
        from clauses import api

        return getattr(api, name)
    raise AttributeError(f"module 'clauses' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted([*globals(), *_API])
