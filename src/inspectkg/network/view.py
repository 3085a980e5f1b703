"""The knowledge graph as a networkx view: who holds which role, who inspected whom,
which grades were given and who responded to which finding.

:func:`to_networkx` projects a store into a :class:`networkx.MultiDiGraph` whose
node ids are IRIs.  Nodes: people, organisations (forces, inspectorates, …),
inspections and findings, each with ``label``, ``short_label``, ``type`` and
``key`` (the IRI below ``ikd:``).  Edges carry ``type`` (one of :data:`EDGE_TYPES`)
and plain string/number attributes, so GraphML and GEXF can hold them.
Exports live in :mod:`inspectkg.network.export`.
"""

from __future__ import annotations

import re
from collections import defaultdict

import networkx as nx

from .. import iris, kinds
from ..errors import UsageError
from ..reference import load as load_reference
from .facts import Facts, read_facts

EDGE_TYPES = ("holds_role", "inspected", "conducted_by", "rated", "said", "responds_to", "finding_of")
NODE_TYPES = ("Person", *kinds.organisation_classes(), "Inspection", "Finding")
ROLE_GROUPS = kinds.ROLE_GROUPS


def to_networkx(store, *, focus: str | None = None, depth: int = 2) -> nx.MultiDiGraph:
    """The store as a MultiDiGraph; with ``focus``, only the neighbourhood of that
    entity (an id like ``kent``, a key ``force/kent``, a name or an IRI) up to
    ``depth`` steps, ignoring edge direction."""
    graph = _project(read_facts(store))
    if focus is None:
        return graph
    if depth < 0:
        raise UsageError("--depth must be 0 or more")
    centre = resolve_focus(graph, focus)
    return neighbourhood(graph, centre, depth)


def neighbourhood(graph: nx.MultiDiGraph, centre: str, depth: int) -> nx.MultiDiGraph:
    lengths = nx.single_source_shortest_path_length(graph.to_undirected(as_view=True), centre, cutoff=depth)
    sub = graph.subgraph(lengths).copy()
    for node, distance in lengths.items():
        sub.nodes[node]["distance"] = distance
    sub.graph["focus"] = centre
    sub.graph["depth"] = depth
    return sub


def resolve_focus(graph: nx.MultiDiGraph, focus: str) -> str:
    """The node id ``focus`` names, or :class:`UsageError` with suggestions."""
    if graph.number_of_nodes() == 0:
        raise UsageError("the store holds no people, organisations or inspections; run 'inspectkg build' first")
    text = focus.strip()
    if text.startswith("ikd:"):
        text = iris.BASE + text[4:]
    if text in graph:
        return text
    if iris.BASE + text in graph:
        return iris.BASE + text
    lowered = text.lower()
    tries = (
        lambda n, d: d.get("key", "").rsplit("/", 1)[-1] == lowered and d.get("type") != "Finding",
        lambda n, d: d.get("label", "").lower() == lowered,
        lambda n, d: d.get("type") != "Finding" and lowered in d.get("label", "").lower(),
    )
    for test in tries:
        hits = sorted(n for n, d in graph.nodes(data=True) if test(n, d))
        if len(hits) == 1:
            return hits[0]
        if len(hits) > 1:
            preferred = [n for n in hits if graph.nodes[n].get("type") == "PoliceForce"]
            if len(preferred) == 1:
                return preferred[0]
            names = ", ".join(graph.nodes[n]["key"] for n in hits[:8])
            raise UsageError(f"--focus {focus!r} is ambiguous: {names}; give the id or IRI")
    some = sorted(d["key"] for _, d in graph.nodes(data=True) if d.get("type") != "Finding")[:10]
    raise UsageError(f"--focus {focus!r} names nothing in the store; try one of: {', '.join(some)}")


# --- projection ---------------------------------------------------------------------------

def _project(facts: Facts) -> nx.MultiDiGraph:
    """The facts as nodes and edges, in this order (a later step finds the nodes of an earlier one)."""
    projection = _Projection(facts)
    projection.agents_and_roles()
    projection.inspections()
    projection.ratings()
    projection.findings()
    projection.claims()
    return projection.graph


class _Projection:
    def __init__(self, facts: Facts):
        self.facts = facts
        self.concepts = facts.concepts
        self.graph = nx.MultiDiGraph(name="inspectkg")

    def ensure(self, node: str, node_type: str = "Organisation") -> None:
        if node not in self.graph:
            label = self.facts.labels.get(node) or _tail(node)
            self.graph.add_node(node, label=label, short_label=label, type=node_type, key=_key(node))

    def agents_and_roles(self) -> None:
        """People and organisations, who holds which role where, and each one's role group."""
        graph, concepts = self.graph, self.concepts
        for node, (node_type, label) in sorted(self.facts.agents.items()):
            graph.add_node(node, label=label, short_label=label, type=node_type, key=_key(node))
        groups: dict[str, set[str]] = defaultdict(set)
        for appt in self.facts.appointments:
            self.ensure(appt.person, "Person")
            role = concepts.get(appt.role)
            role_id = role.notation if role else _tail(appt.role)
            groups[appt.person].add(role_group(role_id))
            if appt.organisation is None:
                continue
            self.ensure(appt.organisation)
            dates = sorted(d for d in appt.dates if d)
            graph.add_edge(
                appt.person, appt.organisation, key=f"holds_role {appt.iri}", type="holds_role",
                role=role_id, role_label=role.label if role else role_id, title="; ".join(sorted(appt.titles)),
                first_attested=dates[0] if dates else "", last_attested=dates[-1] if dates else "",
                sources="; ".join(sorted(appt.sources)), iri=appt.iri,
            )
        for node, data in graph.nodes(data=True):
            if data["type"] == "Person":
                data["role_group"] = next((g for g in ROLE_GROUPS if g in groups.get(node, ())), "other")
            else:
                data["role_group"] = _org_group(data["type"])

    def inspections(self) -> None:
        graph = self.graph
        for insp in self.facts.inspections:
            programme = self.concepts.get(insp.programme)
            name = (programme.label.split(" (")[0] if programme else _tail(insp.programme or "inspection"))
            short = f"{name} {insp.period or _period_of(insp.iri)}".strip()
            body_label = self.facts.labels.get(insp.body, _tail(insp.body)) if insp.body else ""
            graph.add_node(
                insp.iri, label=f"{short}, {body_label}" if body_label else short, short_label=short,
                type="Inspection", key=_key(insp.iri), programme=programme.notation if programme else "",
                period=insp.period or "", published=insp.published or "", role_group="",
            )
            if insp.body:
                self.ensure(insp.body, "PoliceForce")
                graph.add_edge(insp.iri, insp.body, key="inspected", type="inspected")
            if insp.inspectorate:
                self.ensure(insp.inspectorate, "Inspectorate")
                graph.add_edge(insp.iri, insp.inspectorate, key="conducted_by", type="conducted_by")

    def ratings(self) -> None:
        concepts = self.concepts
        inspected_body = {i.iri: i.body for i in self.facts.inspections}
        for rating in self.facts.ratings:
            target = inspected_body.get(rating.inspection)
            if rating.inspection not in self.graph or not target:
                continue
            area = concepts.get(rating.area)
            grade = concepts.get(rating.grade)
            scale = rating.grade.split("/grade/", 1)[-1].split("/")[0] if "/grade/" in rating.grade else ""
            self.graph.add_edge(
                rating.inspection, target, key=f"rated {rating.iri} {rating.source}", type="rated",
                area=area.notation if area else _tail(rating.area),
                area_label=area.label if area else _tail(rating.area),
                area_text=rating.area_text or "", area_count=rating.area_count or 0,
                grade=grade.notation if grade else _tail(rating.grade), grade_label=grade.label if grade else "",
                grade_rank=grade.rank if grade and grade.rank is not None else 0, scale=scale,
                source=rating.source, iri=rating.iri,
            )

    def findings(self) -> None:
        graph = self.graph
        for finding in self.facts.findings:
            kind = self.concepts.get(finding.kind)
            graph.add_node(
                finding.iri, label=finding.text, short_label=_shorten(finding.text, 60), type="Finding",
                key=_key(finding.iri), kind=kind.notation if kind else _tail(finding.kind), text=finding.text,
                topic=finding.topic or "", inspection=finding.inspection or "", source=finding.source, role_group="",
            )
            if finding.inspection:
                if finding.inspection not in graph:
                    self.ensure(finding.inspection, "Inspection")
                graph.add_edge(finding.iri, finding.inspection, key="finding_of", type="finding_of")

    def claims(self) -> None:
        """Who said what about which finding or inspection; one responds_to edge per speaker and finding."""
        graph, concepts = self.graph, self.concepts
        rating_inspection = {r.iri: r.inspection for r in self.facts.ratings}
        responses: dict[tuple[str, str], list] = defaultdict(list)
        for claim in self.facts.claims:
            target, rating = claim.target, ""
            if target in rating_inspection:
                target, rating = rating_inspection[target], target
            if target not in graph or graph.nodes[target]["type"] not in ("Finding", "Inspection"):
                continue
            self.ensure(claim.speaker, "Person")
            stance = concepts.get(claim.stance) if claim.stance else None
            graph.add_edge(
                claim.speaker, target, key=f"said {claim.iri} {target}", type="said", text=claim.text,
                quotation=bool(claim.quotation), stance=stance.notation if stance else "",
                rating=rating, source=claim.source, iri=claim.iri,
            )
            if graph.nodes[target]["type"] == "Finding":
                responses[(claim.speaker, target)].append(claim)
        for (speaker, finding), claims in sorted(responses.items()):
            stances = sorted({concepts[c.stance].notation for c in claims if c.stance and c.stance in concepts})
            graph.add_edge(
                speaker, finding, key="responds_to", type="responds_to", claims=len(claims),
                stances="; ".join(stances), sources="; ".join(sorted({c.source for c in claims})),
            )


def role_group(role_id: str) -> str:
    """chief_officer, pcc, inspector or other, from roles.csv kind and rank."""
    roles = {r.id: r for r in load_reference().roles}
    role = roles.get(role_id) or roles.get(role_id.replace("-", "_"))
    if role is None:
        plain = role_id.replace("-", "_")
        if "chief_constable" in plain or "commissioner" == plain:
            return "chief_officer"
        return "pcc" if "commissioner" in plain else "other"
    if role.kind == "inspector":
        return "inspector"
    if role.kind == "elected_official":
        return "pcc"
    if role.kind == "police_officer" and (role.rank_order or 0) >= 7:
        return "chief_officer"
    return "other"


def _org_group(node_type: str) -> str:
    return kinds.role_group_of_class(node_type)


def _period_of(inspection: str) -> str:
    """The round as the IRI gives it when no period is stated: 2015, 2018/19, (undated)."""
    tail = inspection.rstrip("/").rsplit("/", 1)[-1]
    if re.fullmatch(r"\d{4}(-\d{2,4})?", tail):
        return tail.replace("-", "/")
    return f"({tail.replace('-', ' ')})"


def _key(node: str) -> str:
    return node[len(iris.BASE):] if node.startswith(iris.BASE) else node


def _tail(node: str) -> str:
    return node.rstrip("/").rsplit("/", 1)[-1].replace("_", " ").replace("-", " ")


def _shorten(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"
