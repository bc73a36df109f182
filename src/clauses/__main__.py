"""``python -m clauses`` and the ``clauses`` command (``[project.scripts]``).

The cyclic garbage collector is held before the first import of the command line (typer, click,
rich: tens of thousands of objects, none of them garbage, whose collector passes cost a few
milliseconds of each start), then :func:`clauses.cli.main` runs and releases it (:mod:`clauses.gcpause`).
"""


def main() -> None:
    from clauses.gcpause import hold

    hold()
    from clauses.cli import main as run

    run()


if __name__ == "__main__":
    main()
