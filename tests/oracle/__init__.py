"""Differential testing of the evaluation engine (issue 5 §2).

- :mod:`oracle.generate`: random conventions written as clause-file *text*
  (so the parser and the lowering are exercised too) and random event logs,
  drawn from a :class:`~oracle.generate.Source` — a plain ``random.Random``
  for long campaigns, or hypothesis's ``data.draw`` in the test suite (so
  failures shrink);
- :mod:`oracle.reference`: a deliberately naive reference evaluator that walks
  the calendar day by day and shares no code with ``clauses.evaluation``
  (only the model and ``clauses.timelimits``);
- :mod:`oracle.campaign`: run N cases in parallel processes and report every
  disagreement (``python tests/oracle/campaign.py --cases 100000 --seed 1``).

See ``docs/reliability.md``.
"""
