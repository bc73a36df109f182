"""The graph for a person (issue 14 item 5): clusters, colours by kind, short edge labels, filters,
SVG through Graphviz (a clear message without it)."""

from __future__ import annotations

import re
import shutil
import xml.etree.ElementTree as ET

import pytest
from typer.testing import CliRunner

from clauses.cli import app
from clauses.graph import build_graph
from clauses.output import graphview

from conftest import RULES, loaded_convention

SEED4 = RULES / "004_groupement_mons_en_baroeul.clauses"


@pytest.fixture(scope="module")
def g4():
    return build_graph(loaded_convention(SEED4))


def test_clusters_colours_and_short_labels(g4) -> None:
    dot = graphview.to_dot(g4, lang="fr")
    for cluster in ("cluster_party", "cluster_clause", "cluster_event", "cluster_article"):
        assert f"subgraph {cluster} {{" in dot
    assert 'label="Parties"' in dot and 'label="Événements"' in dot
    assert graphview.KIND_COLOURS["duty"] in dot and graphview.KIND_COLOURS["power"] in dot
    labels = re.findall(r'-> "[^"]+" \[label="([^"]*)"', dot)
    assert labels and max(len(label) for label in labels) <= 16, "edge labels are one or two words"
    assert 'label="doit"' in dot and 'label="toutes doivent"' in dot
    # a clause every party bears has one edge from the Parties cluster, not one per party
    assert dot.count('ltail="cluster_party"') >= 1
    assert len(re.findall(r"->", dot)) < len(list(g4.edges())), "fewer edges than the raw graph"


def test_filters(g4) -> None:
    everything = graphview.focus(g4)
    assert everything == set(g4.nodes)
    ville = graphview.focus(g4, party="ville")
    assert "party:ville" in ville and len(ville) < len(everything)
    assert all(not n.startswith("clause:") or "party:ville" in set(g4.predecessors(n)) | set(g4.successors(n))
               for n in ville)
    one = graphview.focus(g4, clause="retrait")
    assert {n for n in one if n.startswith("clause:")} == {"clause:retrait"}
    assert "article:7" in one
    cited = graphview.focus(g4, article="5.3")
    assert all(n == "article:5.3" or not n.startswith("article:") or True for n in cited)
    assert {n for n in cited if n.startswith("clause:")} and all(
        "article:5.3" in set(g4.successors(n)) for n in cited if n.startswith("clause:"))
    with pytest.raises(KeyError):
        graphview.focus(g4, party="nobody")


def test_svg_of_seed_004() -> None:
    # not skipped without Graphviz (a check that does not run proves nothing): .ci/run installs it
    assert shutil.which("dot"), "Graphviz's dot is needed by this test: apt-get install graphviz"
    result = CliRunner().invoke(app, ["graph", str(SEED4), "--format", "svg"])
    assert result.exit_code == 0, result.output
    svg = ET.fromstring(result.output)
    assert svg.tag.endswith("svg")
    assert "Ville de Mons" in result.output and "Partenord Habitat" in result.output
    filtered = CliRunner().invoke(app, ["graph", str(SEED4), "--format", "svg", "--party", "titulaire"])
    assert filtered.exit_code == 0 and len(filtered.output) < len(result.output)


def test_a_clear_message_without_graphviz(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(graphview.shutil, "which", lambda name: None)
    for lang, says in (("en", "Graphviz is not installed"), ("fr", "Graphviz n'est pas installé")):
        result = CliRunner().invoke(app, ["graph", str(SEED4), "--format", "svg", "--lang", lang])
        assert result.exit_code == 2
        assert says in result.output and "apt-get install graphviz" in result.output
        assert "Traceback" not in result.output


def test_unknown_filter_is_a_usage_error() -> None:
    result = CliRunner().invoke(app, ["graph", str(SEED4), "--party", "nobody", "--lang", "en"])
    assert result.exit_code == 2 and "unknown party `nobody`" in result.output
    result = CliRunner().invoke(app, ["graph", str(SEED4), "--party", "nobody"])   # seed 004's `langue fr.`
    assert result.exit_code == 2 and "partie `nobody` inconnue" in result.output


@pytest.mark.parametrize("fmt", ["mermaid", "json", "dot"])
def test_filters_apply_to_every_format(fmt: str) -> None:
    full = CliRunner().invoke(app, ["graph", str(SEED4), "--format", fmt]).output
    part = CliRunner().invoke(app, ["graph", str(SEED4), "--format", fmt, "--clause", "retrait"]).output
    assert "retrait" in part and len(part) < len(full)


def test_mermaid_draws_what_dot_draws_in_the_readers_language(g4) -> None:
    """The default format of `clauses graph`: the same clusters, labels, edge words and colours as the DOT,
    in French for seed 004 (not the raw graph's ``duty: …``, ``owed_to`` and ``term: term``)."""
    text = CliRunner().invoke(app, ["graph", str(SEED4)]).output
    assert text == graphview.to_mermaid(g4, lang="fr")
    assert text.startswith("flowchart LR\n")
    for title in ("Parties", "Obligations", "Événements", "Articles"):
        assert f'["{title}"]' in text
    assert '("retrait<br/>(pouvoir)")' in text and '{{"durée"}}' in text
    assert '-->|"doit"|' in text and 'cluster_party -->|"toutes doivent"|' in text
    assert "duty:" not in text and "owed_to" not in text and "term: term" not in text
    assert f"fill:{graphview.KIND_COLOURS['duty']}" in text
    assert text.count("subgraph ") == text.count("\n  end\n") == 4
    # as many edges as the DOT draws (its edges less the styling lines), citations dotted without a word
    dot = graphview.to_dot(g4, lang="fr")
    assert len(re.findall(r"-->|-\.-", text)) == len(re.findall(r" -> ", dot))
    english = graphview.to_mermaid(g4, lang="en")
    assert '-->|"owes"|' in english and '{{"term"}}' in english


def test_mermaid_labels_cannot_break_out_of_their_quotes() -> None:
    import networkx as nx

    g = nx.MultiDiGraph()
    g.add_node("party:a", kind="party", label='"q" | <b> & #quot; `**m**`', signatory=True)
    g.add_node("event:e", kind="event", label="line\nbreak")
    g.add_edge("party:a", "event:e", relation="bears")
    text = graphview.to_mermaid(g)
    assert '["#quot;q#quot; #124; #lt;b#gt; #amp; #35;quot; #96;**m**#96;"]' in text   # drawn as written (looked at)
    assert '(["line<br/>break"])' in text
    assert all(line.count('"') % 2 == 0 for line in text.splitlines())


def test_mermaid_keeps_what_a_filter_keeps(g4) -> None:
    keep = graphview.focus(g4, clause="retrait")
    text = graphview.to_mermaid(g4, keep, lang="fr")
    assert '("retrait<br/>(pouvoir)")' in text and "paiement_titulaire" not in text
