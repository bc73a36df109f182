"""A readable picture of a convention's graph: clusters, colours by kind, short edge labels, filters.

:func:`clauses.graph.build_graph` gives every party, clause, event and article of
a convention and how they relate; at the size of seed 004 drawn as is, it is a
hairball. This module draws it for a person:

- grouped in clusters: parties (and bodies), obligations, events, articles;
- obligations coloured by kind (duty, power, prohibition, vote, key, indexation,
  consequence), with a legend;
- edges labelled with a word (``owes``, ``to``, ``fulfils``…), citations drawn as
  dotted lines without a label;
- filtered on a party, a clause or an article (:func:`focus`): what it is bound
  by, what it depends on, what cites it;
- as Graphviz DOT, and as SVG through Graphviz's ``dot`` when it is installed
  (:func:`to_svg`; :class:`GraphvizMissing` says how to install it otherwise);
- as Mermaid (:func:`to_mermaid`, for Markdown pages GitHub and GitLab draw): the same
  clusters, labels, words, colours and edges, in the reader's language.

Labels are escaped for DOT and for Mermaid; the SVG Graphviz writes is XML-escaped by Graphviz.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from typing import Any, Iterable

from clauses.i18n import localized, tr
from clauses.language.words import KIND_WORDS

#: fill colours of obligations by kind (contrast ≥ 4.5:1 against black text on the light fills)
KIND_COLOURS = {
    "duty": "#cfe2ff", "power": "#e2d9f3", "prohibition": "#f8d7da", "vote": "#fff3cd",
    "key": "#d1e7dd", "indexation": "#d1e7dd", "consequence": "#ffe5d0", "term": "#e9ecef",
}
#: short edge labels; None: drawn without a label
RELATION_WORDS = {
    "bears": tr("owes"), "owed_to": tr("to"), "fulfils": tr("fulfils"), "exercises": tr("exercises"),
    "violates": tr("breaks"), "triggers": tr("starts"), "conditions": tr("if"), "lifts": tr("unless"),
    "ballot": tr("ballot"), "decides": tr("decides"), "ends": tr("ends"), "member": tr("member"),
    "cites": None, "anchored_to": None,
}
CLUSTERS = (("party", tr("Parties")), ("clause", tr("Obligations")), ("event", tr("Events")),
            ("article", tr("Articles")))


class GraphvizMissing(RuntimeError):
    """Graphviz's ``dot`` is not on the PATH."""

    def __init__(self) -> None:
        super().__init__(tr("Graphviz is not installed, so the graph cannot be drawn as SVG: install it "
                            "(Debian/Ubuntu: `apt-get install graphviz`, macOS: `brew install graphviz`, "
                            "Windows: `winget install graphviz`), or use `--format dot` or `--format mermaid`"))


def _cluster(kind: str) -> str:
    if kind in ("party", "body"):
        return "party"
    if kind in ("event", "article"):
        return kind
    return "clause"


def focus(g: Any, *, party: str | None = None, clause: str | None = None, article: str | None = None) -> set[str]:
    """The nodes to draw: all, or the clauses bound to ``party``, named ``clause`` or citing ``article``
    (the filters combine), with what those clauses link to. Raises ``KeyError`` on an unknown name."""
    clauses = {n for n, d in g.nodes(data=True) if _cluster(d.get("kind", "")) == "clause"}
    if party is not None:
        node = f"party:{party}"
        if node not in g:
            raise KeyError(tr("unknown party `{name}`", name=party))
        clauses &= set(g.successors(node)) | set(g.predecessors(node))
    if clause is not None:
        node = "term" if clause == "term" else f"clause:{clause}"
        if node not in g:
            raise KeyError(tr("unknown clause `{name}`", name=clause))
        clauses &= {node}
    if article is not None:
        node = f"article:{article}"
        if node not in g:
            raise KeyError(tr("unknown article `{name}`", name=article))
        clauses &= set(g.predecessors(node))
    if party is None and clause is None and article is None:
        return set(g.nodes)
    keep = set(clauses)
    for c in clauses:
        keep |= set(g.successors(c)) | set(g.predecessors(c))
    if party is not None:
        keep.add(f"party:{party}")
    return keep


def _q(text: str) -> str:
    """A DOT string: quotes, backslashes and line breaks escaped."""
    text = re.sub(r"[\x00-\x1f\x7f]", " ", str(text))
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _label(data: dict, lang: str) -> str:
    kind = data.get("kind", "")
    label = data.get("label", "")
    if kind == "party":
        return label if len(label) <= 40 else label[:39] + "…"
    if kind == "article":
        return label.replace("article ", "art. ")
    if kind == "event":
        return label if len(label) <= 34 else label[:33] + "…"
    if kind == "term":   # one per convention, named by its kind (« durée »)
        return localized(KIND_WORDS[kind], lang)
    if kind in KIND_COLOURS:   # the kinds the legend shows
        return f"{label}\n({localized(KIND_WORDS[kind], lang)})"
    return label


def _clusters(g: Any, keep: set[str]) -> list[tuple[str, Any, list[tuple[str, dict]]]]:
    """The kept nodes by cluster, in :data:`CLUSTERS` order: (key, title, [(node, data)…]), empty ones left out."""
    by_cluster: dict[str, list[tuple[str, dict]]] = {}
    for node, data in sorted(g.nodes(data=True)):
        if node in keep:
            by_cluster.setdefault(_cluster(data.get("kind", "")), []).append((node, data))
    return [(key, title, by_cluster[key]) for key, title in CLUSTERS if by_cluster.get(key)]


def _edges(g: Any, keep: set[str]) -> tuple[list[str], str | None, list[tuple[str, str, str]]]:
    """What both drawings draw: the clauses every signatory party bears (one edge each from the Parties
    cluster, drawn from ``anchor``, not one per party), and every other edge between kept nodes once
    (its bearers' edge to a shared clause, and a clause's edge "to" one of its own bearers, go without
    saying) as (source, target, relation)."""
    parties = {n for n in keep if g.nodes[n].get("kind") == "party" and g.nodes[n].get("signatory", True)}
    bearers: dict[str, set[str]] = {}
    for u, v, data in g.edges(data=True):
        if data.get("relation") == "bears" and u in keep and v in keep:
            bearers.setdefault(v, set()).add(u)
    shared = {c for c, who in bearers.items() if len(parties) >= 3 and who >= parties}
    seen: set[tuple[str, str, str]] = set()
    drawn: list[tuple[str, str, str]] = []
    for u, v, data in sorted(g.edges(data=True), key=lambda e: (e[0], e[1], e[2].get("relation", ""))):
        relation = data.get("relation", "")
        if u not in keep or v not in keep or (u, v, relation) in seen:
            continue
        if relation == "bears" and v in shared:
            continue
        if relation == "owed_to" and v in bearers.get(u, set()):
            continue
        seen.add((u, v, relation))
        drawn.append((u, v, relation))
    return sorted(shared), (min(parties) if parties else None), drawn


def to_dot(g: Any, nodes: Iterable[str] | None = None, lang: str = "en") -> str:
    """The graph (or the ``nodes`` kept by :func:`focus`) as DOT with clusters, colours and short labels."""
    keep = set(g.nodes) if nodes is None else set(nodes)
    out = [f"digraph {_q(g.graph.get('title', 'convention'))} {{",
           '  graph [rankdir=LR, compound=true, nodesep=0.2, ranksep=1.2, fontname="Helvetica", fontsize=11, '
           'bgcolor="white", pad=0.2];',
           '  node [fontname="Helvetica", fontsize=10, style="filled", fillcolor="white", color="#555555"];',
           '  edge [fontname="Helvetica", fontsize=8, color="#6e7781", fontcolor="#24292f", arrowsize=0.6];']
    for key, title, members in _clusters(g, keep):
        out.append(f"  subgraph cluster_{key} {{")
        out.append(f'    label={_q(localized(title, lang))}; style="rounded,filled"; fillcolor="#f6f8fa"; '
                   'color="#d0d7de"; fontsize=12;')
        for node, data in members:
            kind = data.get("kind", "")
            attrs = {"label": _label(data, lang)}
            if kind == "party":
                attrs.update(shape="box", fillcolor="#ffffff", penwidth="1.5")
                if not data.get("signatory", True):
                    attrs["style"] = "filled,dashed"
            elif kind == "body":
                attrs.update(shape="component", fillcolor="#ffffff")
            elif kind == "event":
                attrs.update(shape="ellipse", fillcolor="#ffffff", fontsize="9")
            elif kind == "article":
                attrs.update(shape="note", fillcolor="#fffbe6", fontsize="9")
            else:
                attrs.update(shape="box", style="rounded,filled", fillcolor=KIND_COLOURS.get(kind, "#ffffff"))
            if data.get("undeclared"):
                attrs.update(color="#cf222e", fontcolor="#cf222e")
            body = ", ".join(f"{k}={_q(v)}" for k, v in attrs.items())
            out.append(f"    {_q(node)} [{body}];")
        out.append("  }")
    shared, anchor, drawn = _edges(g, keep)
    for clause in shared:
        out.append(f"  {_q(anchor)} -> {_q(clause)} [label={_q(localized(tr('all owe'), lang))}, "
                   'ltail="cluster_party", penwidth="1.5"];')
    for u, v, relation in drawn:
        word = RELATION_WORDS.get(relation, relation)
        attrs = {}
        if word:
            attrs["label"] = localized(word, lang)
        if relation in ("owed_to", "member", "anchored_to", "ends"):
            attrs["constraint"] = "false"   # columns: parties and events, then obligations, then articles
        if relation in ("cites", "anchored_to"):
            attrs.update(style="dotted", arrowhead="none", color="#afb8c1")
        elif relation in ("violates", "ends"):
            attrs.update(color="#cf222e")
        body = ", ".join(f"{k}={_q(v)}" for k, v in attrs.items())
        out.append(f"  {_q(u)} -> {_q(v)}" + (f" [{body}];" if body else ";"))
    out.append("}")
    return "\n".join(out) + "\n"


def _m(text: str) -> str:
    """A Mermaid label in double quotes: its quotes and markup characters as entities, a line break as ``<br/>``."""
    text = re.sub(r"[\x00-\x09\x0b-\x1f\x7f]", " ", str(text))
    # "#" first (Mermaid's entities start with it), "`" (a label between backticks is read as Markdown)
    for char, entity in (("#", "#35;"), ("&", "#amp;"), ('"', "#quot;"), ("<", "#lt;"), (">", "#gt;"),
                         ("|", "#124;"), ("`", "#96;")):
        text = text.replace(char, entity)
    return '"' + text.replace("\n", "<br/>") + '"'


#: Mermaid's node shapes by kind (clauses: rounded boxes)
_MERMAID_SHAPES = {"party": ("[", "]"), "body": ("[[", "]]"), "event": ("([", "])"), "article": ("[/", "/]"),
                   "term": ("{{", "}}")}


def to_mermaid(g: Any, nodes: Iterable[str] | None = None, lang: str = "en") -> str:
    """The graph (or the ``nodes`` kept by :func:`focus`) as a Mermaid flowchart: the clusters, labels, colours and
    edge words of :func:`to_dot`, for a Markdown page."""
    keep = set(g.nodes) if nodes is None else set(nodes)
    ids = {node: f"n{i}" for i, node in enumerate(sorted(g.nodes))}
    out = ["flowchart LR"]
    classes: dict[str, list[str]] = {}
    for key, title, members in _clusters(g, keep):
        out.append(f"  subgraph cluster_{key}[{_m(localized(title, lang))}]")
        for node, data in members:
            kind = data.get("kind", "")
            opening, closing = _MERMAID_SHAPES.get(kind, ("(", ")"))
            out.append(f"    {ids[node]}{opening}{_m(_label(data, lang))}{closing}")
            if data.get("undeclared"):
                classes.setdefault("undeclared", []).append(ids[node])
            elif kind in KIND_COLOURS:
                classes.setdefault(kind, []).append(ids[node])
        out.append("  end")
    shared, _, drawn = _edges(g, keep)
    red: list[int] = []
    links = [f"  cluster_party -->|{_m(localized(tr('all owe'), lang))}| {ids[clause]}" for clause in shared]
    for u, v, relation in drawn:
        word = RELATION_WORDS.get(relation, relation)
        if word is None:      # a citation: dotted, no arrow, no word
            links.append(f"  {ids[u]} -.- {ids[v]}")
            continue
        if relation in ("violates", "ends"):
            red.append(len(links))
        links.append(f"  {ids[u]} -->|{_m(localized(word, lang))}| {ids[v]}")
    out += links
    for kind, colour in KIND_COLOURS.items():
        if kind in classes:
            out.append(f"  classDef {kind} fill:{colour},stroke:#555555,color:#000000")
    if "undeclared" in classes:
        out.append("  classDef undeclared stroke:#cf222e,color:#cf222e")
    out += [f"  class {','.join(members)} {kind}" for kind, members in classes.items()]
    if red:
        out.append(f"  linkStyle {','.join(map(str, red))} stroke:#cf222e")
    return "\n".join(out) + "\n"


def to_svg(dot: str, timeout: float = 60) -> str:
    """The SVG Graphviz draws from ``dot`` (raises :class:`GraphvizMissing` without Graphviz)."""
    exe = shutil.which("dot")
    if exe is None:
        raise GraphvizMissing()
    done = subprocess.run([exe, "-Tsvg"], input=dot.encode("utf-8"), capture_output=True, timeout=timeout)
    if done.returncode != 0:
        raise RuntimeError(f"Graphviz failed: {done.stderr.decode('utf-8', 'replace').strip()[:500]}")
    svg = done.stdout.decode("utf-8")
    return svg[svg.index("<svg"):]  # without the XML declaration and doctype: embeddable in HTML


def legend(lang: str = "en") -> list[tuple[str, str]]:
    """(kind word, fill colour) of the obligation kinds, for the legend of a rendering."""
    return [(localized(KIND_WORDS[k], lang), colour) for k, colour in KIND_COLOURS.items()]
