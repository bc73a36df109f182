"""The findings an evaluation keeps: all of them, or the fulfilled and discharged ones counted (issue 12).

Most of a long log's findings are fulfilled: a register of a million events gives some 770,000, each with the
records of its exercise, its derivation and its notes (about half the memory of the evaluation), and a text
report without ``--explain`` lists a group of more than :data:`~clauses.findings.SUMMARY_LIMIT` of them by its
count only. :class:`Tally` keeps every finding, or, asked to count (``clauses check`` to text without
``--explain``), keeps a :data:`~clauses.findings.SUMMARISED` status's findings only while their group is small
enough to be listed, then one :class:`~clauses.findings.Counted` per clause of the group: its count and its
first finding in report order, which is what the report shows of them. The rest are dropped as each clause's
findings come, so the memory is never held at once. The report is then the one the full findings give, line
for line (``tests/test_tally.py`` compares both on every example and on generated logs).
"""

from __future__ import annotations

from typing import Iterable

from clauses.findings import SUMMARISED, SUMMARY_LIMIT, Counted, Finding, Status, report_rank


class Tally:
    """Findings taken in evaluation order; :meth:`result` gives them back, with the counted ones."""

    __slots__ = ("counting", "kept", "_small", "_counted")

    def __init__(self, counting: bool = False) -> None:
        self.counting = counting
        self.kept: list[Finding] = []
        #: a summarised status's findings while there are at most SUMMARY_LIMIT of them
        self._small: dict[Status, list[Finding]] = {s: [] for s in SUMMARISED}
        #: then, per status and clause: [count, first finding, its rank]
        self._counted: dict[Status, dict[str, list]] = {}

    def add(self, finding: Finding | None) -> None:
        if finding is None:
            return
        status = finding.status
        if not self.counting or status not in self._small:
            self.kept.append(finding)
            return
        by_clause = self._counted.get(status)
        if by_clause is None:
            small = self._small[status]
            small.append(finding)
            if len(small) <= SUMMARY_LIMIT:
                return
            by_clause = self._counted[status] = {}
            self._small[status] = []
            for f in small:
                self._count(by_clause, f)
            return
        self._count(by_clause, finding)

    def extend(self, findings: Iterable[Finding]) -> None:
        for f in findings:
            self.add(f)

    @staticmethod
    def _count(by_clause: dict[str, list], finding: Finding) -> None:
        rank = report_rank(finding)
        entry = by_clause.get(finding.clause)
        if entry is None:
            by_clause[finding.clause] = [1, finding, rank]
            return
        entry[0] += 1
        if rank < entry[2]:   # strictly: of findings that tie, the first evaluated (a stable sort's first)
            entry[1], entry[2] = finding, rank

    def result(self) -> tuple[list[Finding], tuple[Counted, ...]]:
        """(the findings kept, in evaluation order; the counted groups, by status then clause)."""
        kept = self.kept + [f for status in SUMMARISED for f in self._small[status]]
        counted = tuple(Counted(first, count) for status in SUMMARISED
                        for count, first, _ in self._counted.get(status, {}).values())
        return kept, counted
