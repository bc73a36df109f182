"""Exceptions tied to the act they authorise (issue 10 item 11): an authorisation is matched
to its act by `ref` or `subject` and used once; it is not lifted for good by any earlier event."""

from __future__ import annotations

from clauses.findings import Status
from langa_helpers import convention, findings, of

CONV = convention('''langue fr.
convention "T" signée à "Aix" le 2024-01-10.
partie a "A".
partie b "B".
événement accord "accord écrit".
événement sous_traitance "st".
durée article 1 : 3 ans à compter du 2024-01-10 sans renouvellement.
interdiction st article 4 : b ne doit pas sous_traitance sauf accord de a.
''')


def test_one_authorisation_one_act(tmp_path) -> None:
    found = findings(CONV, tmp_path, """\
2024-05-01,accord,a,b,,,ACC-1,,,,
2024-05-10,sous_traitance,b,,,,ST-1,,,,
2024-06-20,sous_traitance,b,,,,ST-2,,,,
""", "2024-07-01")
    assert of(found, "st", acted="2024-05-10")[0].status is Status.FULFILLED
    # the accord of 2024-05-01 was used by ST-1: ST-2 has none of its own
    assert of(found, "st", acted="2024-06-20")[0].status is Status.BREACH


def test_matched_by_ref(tmp_path) -> None:
    found = findings(CONV, tmp_path, """\
2024-05-01,accord,a,b,,,ACC-1,,,,
2024-05-02,accord,a,b,,,ACC-2,,,,
2024-05-10,sous_traitance,b,,,,ST-1,ACC-2,,,
2024-06-20,sous_traitance,b,,,,ST-2,,,,
""", "2024-07-01")
    first = of(found, "st", acted="2024-05-10")[0]
    assert first.status is Status.FULFILLED and "ACC-2" in [n.ref for n in first.events]
    # ACC-1 is still free for ST-2
    assert of(found, "st", acted="2024-06-20")[0].status is Status.FULFILLED


def test_an_authorisation_that_names_another_act_does_not_serve(tmp_path) -> None:
    found = findings(CONV, tmp_path, """\
2024-05-01,accord,a,b,,,ACC-1,ST-9,,,
2024-05-10,sous_traitance,b,,,,ST-1,,,,
2024-09-01,sous_traitance,b,,,,ST-9,,,,
""", "2024-10-01")
    assert of(found, "st", acted="2024-05-10")[0].status is Status.BREACH
    assert of(found, "st", acted="2024-09-01")[0].status is Status.FULFILLED


def test_matched_by_subject(tmp_path) -> None:
    found = findings(CONV, tmp_path, """\
2024-05-01,accord,a,b,sous-traitance du lot 2,,ACC-1,,,,
2024-05-20,sous_traitance,b,,sous-traitance du lot 3,,ST-3,,,,
2024-06-20,sous_traitance,b,,Sous-traitance du lot 2,,ST-2,,,,
""", "2024-07-01")
    # the accord names the subject of ST-2 (case ignored): it is not ST-3's
    assert of(found, "st", acted="2024-05-20")[0].status is Status.BREACH
    assert of(found, "st", acted="2024-06-20")[0].status is Status.FULFILLED


def test_a_subject_describing_only_the_authorisation_ties_it_to_nothing(tmp_path) -> None:
    found = findings(CONV, tmp_path, """\
2024-05-01,accord,a,b,accord écrit de A,,ACC-1,,,,
2024-05-20,sous_traitance,b,,lot 3,,ST-3,,,,
""", "2024-07-01")
    assert of(found, "st", acted="2024-05-20")[0].status is Status.FULFILLED
