"""The graph of a convention and its queries, on the seeds (answers worked out from the articles)."""

from __future__ import annotations

import json

import networkx as nx
import pytest
from typer.testing import CliRunner

from clauses import graph as G
from clauses.output import graphview
from clauses.cli import app
from clauses.language.load import load
from conftest import RULES


def conv(name: str):
    return load(RULES / name).convention


@pytest.fixture(scope="module")
def mons():
    c = conv("004_groupement_mons_en_baroeul.clauses")
    return c, G.build_graph(c)


@pytest.fixture(scope="module")
def pisco():
    c = conv("000_pisco_manosque.clauses")
    return c, G.build_graph(c)


def test_what_the_coordinator_owes_and_to_whom(mons):
    _, g = mons
    owed = {o.clause: o.to for o in G.owes(g, "ville")}
    # art. 4.1: convocations to the members; art. 5.3: payment to the contractor, statements to the members
    assert owed["convocation_commission"] == ("logis", "partenord", "vilogia")
    assert owed["paiement_titulaire"] == ("titulaire",)
    assert "état_récapitulatif" in owed
    assert "retrait" not in owed                    # a power is a right, not a debt
    assert "retrait" in G.rights(g, "ville")


def test_the_contractor_only_owes_payment_requests(mons):
    _, g = mons
    assert [o.clause for o in G.owes(g, "titulaire")] == ["demande_paiement"]


def test_coordinator_departure_dissolves_the_group(mons):
    c, g = mons
    impact = G.impact_of_departure(c, g, "ville")
    # art. 9: the coordinator's exit dissolves the group
    assert impact["cascades"] == ["sortie_du_coordonnateur"] and impact["convention_ends"] == ["yes"]


def test_a_members_departure_does_not_dissolve_the_group(mons):
    c, g = mons
    impact = G.impact_of_departure(c, g, "logis")
    assert impact["cascades"] == [] and impact["convention_ends"] == []
    assert "paiement_participation" in impact["own_clauses"]
    assert "convocation_commission" in impact["owed_to_it"]


def test_roadmaps_depend_on_termination(pisco):
    _, g = pisco
    # art. 11: termination of the framework ends the annual roadmaps (cascade)
    assert G.depends_on(g, "feuille_de_route") == ["feuilles_de_route_résiliées", "résilier"]
    assert G.dependents(g, "résilier") == ["feuille_de_route", "feuilles_de_route_résiliées"]


def test_termination_impact_keeps_surviving_clauses():
    c = conv("003_ccas_dijon_adoma.clauses")
    impact = G.impact_of_termination(c)
    # art. 7: confidentiality and data protection outlive the convention
    assert impact["survives"] == ["confidentialité", "destruction_des_données"]
    assert "points_bimestriels" in impact["ends"]


def test_no_condition_cycles_in_the_seeds():
    for path in sorted(RULES.glob("*.clauses")):
        assert G.condition_cycles(G.build_graph(load(path).convention)) == []


def test_a_cycle_is_found():
    from clauses.language.load import load_source
    from clauses.language.source import SourceText

    text = """
convention "c".
partie a "A". partie b "B".
événement x "x". événement y "y".
pouvoir p article 1 : a peut x après y.
pouvoir q article 2 : b peut y après x.
"""
    g = G.build_graph(load_source(SourceText("c.clauses", text)).convention)
    assert G.condition_cycles(g) == [["p", "q"]]


def test_every_node_has_a_kind_and_label(mons):
    _, g = mons
    for _, data in g.nodes(data=True):
        assert data["kind"] and data["label"]


def test_json_round_trips_through_networkx(mons):
    _, g = mons
    data = json.loads(G.to_json(g))
    back = nx.node_link_graph(data, edges="edges", multigraph=True, directed=True)
    assert back.number_of_nodes() == g.number_of_nodes()
    assert back.number_of_edges() == g.number_of_edges()


def test_dot_and_mermaid_are_deterministic_and_well_formed(mons):
    _, g = mons
    dot = G.to_dot(g)
    assert dot.startswith("digraph ") and dot.rstrip().endswith("}")
    assert dot.count("->") == g.number_of_edges()
    mermaid = graphview.to_mermaid(g)
    assert mermaid.startswith("flowchart LR")
    assert G.to_dot(g) == dot and graphview.to_mermaid(g) == mermaid


@pytest.mark.parametrize("fmt", ["dot", "mermaid", "json"])
def test_graph_command(fmt):
    result = CliRunner().invoke(app, ["graph", str(RULES / "001_emplois_avenir_paris.clauses"), "--format", fmt])
    assert result.exit_code == 0
    assert "comité_de_pilotage" in result.output


def test_graph_command_on_a_broken_file(tmp_path):
    bad = tmp_path / "bad.clauses"
    bad.write_text('convention "x"', encoding="utf-8")
    result = CliRunner().invoke(app, ["graph", str(bad)])
    assert result.exit_code == 2
    assert "Traceback" not in result.output
