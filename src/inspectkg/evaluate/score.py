"""Scoring predictions against gold: precision, recall and F1 per category.

    score_document(gold, pred, content) -> DocumentScore
    Report([DocumentScore, ...]).totals() -> {category: Counts}   (micro-averaged)

Matching rules (lenient where the gold is free text, strict where it is a
closed vocabulary).  Every category is a one-to-one greedy matching, best
pair score first, so duplicate predictions count as extras (fp).

- forces: gold name -> forces.csv id through name/aliases (case-insensitive);
  ours is the force IRI (``force/<id>``); an unknown gold name matches our
  label after normalisation.
- organisations (not forces): inspectorates.csv name/aliases (gold "HMIC"
  names both HMIC and HMICFRS, either matches), else normalised name equality.
- people: normalised full name (case, accents, punctuation, honorifics dropped).
- roles: (person, role, organisation).  Our roles.csv id -> gold via the
  ``gold_role`` column, prefixed ``temporary_``/``acting_`` ("interim" ->
  acting) when the appointment has ``ik:qualifier``.  Correct when person and
  role match and the organisation matches as above or the gold organisation
  is null.
- inspections: (force, programme, period).  Programme strict (our ``engage``
  and ``thematic`` -> ``other``); periods normalised ("2021/22" == "2021-22"
  == "2021/2022"), a year matches the split year holding it ("2019" ~
  "2018/19").  Where the gold states a period ours must agree (none is a
  miss); a gold inspection without a period matches any of ours of the same
  programme when the published years agree or either is null.  Exact period
  agreement is preferred, then agreeing publication years.
- ratings: (force, area, grade); grade strict.  The area matches when the gold
  string equals, after normalisation, our area concept's gold_area, label or a
  paraphrase (peel_areas.csv) or our ``ik:areaText``; else when content words
  (5-letter stems, stopwords dropped) overlap with Jaccard >= 0.5, against
  each of those strings or against our area text's words joined with our
  concept's gold_area or label.
  ``overall`` and ``unspecified (N areas)`` only match themselves (an
  unspecified rating of ours without a count matches any unspecified, weakly).
- findings: character overlap of the two spans >= 50% of the shorter (offsets
  from our IRIs, gold text located in the document; else the longest common
  run of characters).  Kind is not required: ``kinds`` reports the share of
  matched findings with the right kind.
- quotes: text with quote marks unified and dropped, whitespace collapsed,
  trailing punctuation stripped, case folded; a match when one contains the
  other and the shorter is >= 60% of the longer.
- speaker attribution: a matched quote pair whose speakers agree (gold name
  vs our speaker's label/key, as people or organisations) is a tp; every other
  predicted quote is an fp and every other gold quote an fn.
- responses: (quote, target) pairs; our quote and our ``ik:respondsTo``
  targets are mapped to gold ids through the quote, finding and inspection
  matchings, then compared as sets.
- statistics: equal numeric value and overlapping text (any shared character).
- rating periods: of the matched ratings whose gold inspection states a period,
  those whose inspection's period (ours) agrees with it, as above, are tp; a
  different period of ours is an fp and an fn; none of ours is an fn.

The macro F1 of a set is the unweighted mean of the F1 of the fact categories
(:data:`FACTS`: every category but rating periods, which re-scores ratings).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from . import names
from .match import greedy, inspection_score, locate, quote_score, rating_score, role_score, same_value, span_score

FACTS = (
    "forces", "organisations", "people", "roles", "inspections", "ratings", "findings", "quotes",
    "speakers", "responses", "statistics",
)
CATEGORIES = FACTS + ("rating_periods",)
TITLES = {"speakers": "speaker attribution", "rating_periods": "rating periods"}


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def __iadd__(self, other: "Counts") -> "Counts":
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn
        return self

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else (1.0 if not self.fn else 0.0)

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else (1.0 if not self.fp else 0.0)

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict:
        return {"tp": self.tp, "fp": self.fp, "fn": self.fn, "precision": round(self.precision, 4),
                "recall": round(self.recall, 4), "f1": round(self.f1, 4)}


@dataclass
class CategoryResult:
    counts: Counts
    misses: list[str] = field(default_factory=list)  # gold items we did not find
    extras: list[str] = field(default_factory=list)  # predicted items with no gold partner


@dataclass
class DocumentScore:
    doc: str
    categories: dict[str, CategoryResult]
    kinds_right: int = 0  # matched findings whose kind agrees
    kinds_matched: int = 0
    error: str | None = None  # why there is no prediction (read or extraction failure)


def _result(gold: list, pred: list, pairs, describe_gold, describe_pred) -> CategoryResult:
    matched_gold = {i for i, _, _ in pairs}
    matched_pred = {j for _, j, _ in pairs}
    return CategoryResult(
        Counts(len(pairs), len(pred) - len(matched_pred), len(gold) - len(matched_gold)),
        [describe_gold(g) for i, g in enumerate(gold) if i not in matched_gold],
        [describe_pred(p) for j, p in enumerate(pred) if j not in matched_pred],
    )


def _short(text: str | None, limit: int = 80) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _org_name(item: dict) -> str:
    return str(item.get("name") or item.get("id"))


def _roles(people: list[dict]) -> list[dict]:
    return [
        {"person": p.get("name") or "", **role}
        for p in people for role in p.get("roles") or ()
    ]


def score_document(gold: dict, pred: dict, content: str | None = None) -> DocumentScore:
    """Score one document's prediction (gold format, see :mod:`.predict`) against its gold."""
    content = content if content is not None else pred.get("content")
    out: dict[str, CategoryResult] = {}
    _score_entities(gold, pred, out)
    insp_map = _score_inspections_and_ratings(gold, pred, out)
    finding_map, kinds_right, finding_pairs = _score_findings(gold, pred, content, out)
    _score_quotes_and_responses(gold, pred, {**insp_map, **finding_map}, out)
    _score_statistics(gold, pred, content, out)
    return DocumentScore(gold.get("doc") or pred.get("doc") or "?", out, kinds_right, finding_pairs)


def _match(g_items, p_items, score, describe) -> tuple[list, CategoryResult]:
    """Match one category one to one: the pairs, and the category's result."""
    pairs = greedy(g_items, p_items, score)
    return pairs, _result(g_items, p_items, pairs, describe, describe)


def _score_entities(gold: dict, pred: dict, out: dict) -> None:
    """forces, organisations, people and their roles."""
    _, out["forces"] = _match(
        gold["forces"], pred.get("forces", []),
        lambda g, p: 1.0 if names.same_organisation(g["name"], p.get("id"), p.get("name")) else 0.0, _org_name)
    _, out["organisations"] = _match(
        gold["organisations"], pred.get("organisations", []),
        lambda g, p: 1.0 if names.same_organisation(g["name"], p.get("id"), p.get("name")) else 0.0, _org_name)
    _, out["people"] = _match(
        gold["people"], pred.get("people", []),
        lambda g, p: 1.0 if names.person_name(g["name"]) and
        names.person_name(g["name"]) == names.person_name(p.get("name")) else 0.0, _org_name)
    describe_role = lambda r: f"{r['person']}: {r.get('role')} @ {r.get('organisation') or r.get('organisation_id')}"
    _, out["roles"] = _match(_roles(gold["people"]), _roles(pred.get("people", [])), role_score, describe_role)


def _score_inspections_and_ratings(gold: dict, pred: dict, out: dict) -> dict:
    """inspections, ratings and the periods of matched ratings; returns our inspection id -> gold id."""
    describe_insp = lambda i: (f"{i.get('id')}: {i.get('force') or i.get('force_id')} {i.get('programme')} "
                               f"{i.get('period') or '-'} (published {i.get('published') or '-'})")
    g_insp, p_insp = gold["inspections"], pred.get("inspections", [])
    insp_pairs, out["inspections"] = _match(g_insp, p_insp, inspection_score, describe_insp)
    insp_map = {p_insp[j]["id"]: g_insp[i]["id"] for i, j, _ in insp_pairs}

    g_periods = {i.get("id"): i.get("period") for i in g_insp}
    p_periods = {i.get("id"): i.get("period") for i in p_insp}

    def rating(g, p):
        base = rating_score(g, p)
        if not base:
            return 0.0
        same_inspection = insp_map.get(p.get("inspection")) == g.get("inspection")
        agreement = names.period_agreement(g_periods.get(g.get("inspection")), p_periods.get(p.get("inspection")))
        return base + (0.01 if same_inspection else 0.0) + 0.004 * (agreement or 0)

    def describe_rating(r):
        text = r.get("area_text")
        said = f" (text: {text})" if text and text != r.get("area") else ""
        return f"{r.get('force') or r.get('force_id')} / {r.get('area')}{said} = {r.get('grade')}"

    g_rate, p_rate = gold["ratings"], pred.get("ratings", [])
    rating_pairs, out["ratings"] = _match(g_rate, p_rate, rating, describe_rating)
    out["rating_periods"] = _rating_periods(
        [(g_rate[i], g_periods.get(g_rate[i].get("inspection")), p_periods.get(p_rate[j].get("inspection")))
         for i, j, _ in rating_pairs],
        describe_rating,
    )
    return insp_map


def _spans(items: list[dict], content: str | None) -> list[tuple[str, tuple[int, int] | None]]:
    """(text, offsets) of predicted items: their own offsets, else where their text is in the content."""
    return [(f.get("text") or "", (f["start"], f["end"]) if f.get("start") is not None and f.get("end") is not None
             else locate(f.get("text"), content)) for f in items]


def _score_findings(gold: dict, pred: dict, content: str | None, out: dict) -> tuple[dict, int, int]:
    """findings; returns our finding id -> gold id, how many matched pairs agree on the kind, and the pairs."""
    g_find, p_find = gold["findings"], pred.get("findings", [])
    g_spans = [(f["text"], locate(f["text"], content)) for f in g_find]
    p_spans = _spans(p_find, content)
    find_pairs = greedy(range(len(g_find)), range(len(p_find)), lambda i, j: span_score(g_spans[i], p_spans[j]))
    describe_finding = lambda f: f"{f.get('id')} [{f.get('kind')}] {_short(f.get('text'))}"
    out["findings"] = _result(g_find, p_find, find_pairs, describe_finding, describe_finding)
    finding_map = {p_find[j]["id"]: g_find[i]["id"] for i, j, _ in find_pairs}
    kinds_right = sum(1 for i, j, _ in find_pairs if g_find[i].get("kind") == p_find[j].get("kind"))
    return finding_map, kinds_right, len(find_pairs)


def _score_quotes_and_responses(gold: dict, pred: dict, target_map: dict, out: dict) -> None:
    """quotes, their speakers, and which finding or inspection each answers (ids mapped by ``target_map``)."""
    g_quotes, p_quotes = gold["quotes"], pred.get("quotes", [])
    quote_pairs = greedy(g_quotes, p_quotes, lambda g, p: quote_score(g["text"], p.get("text") or ""))
    describe_quote = lambda q: f"{q.get('id')} \u201c{_short(q.get('text'), 70)}\u201d \u2014 {q.get('speaker')}"
    out["quotes"] = _result(g_quotes, p_quotes, quote_pairs, describe_quote, describe_quote)

    right = [(i, j) for i, j, _ in quote_pairs
             if names.same_agent(g_quotes[i].get("speaker"), p_quotes[j].get("speaker_id"), p_quotes[j].get("speaker"))]
    out["speakers"] = _result(g_quotes, p_quotes, [(i, j, 1.0) for i, j in right], describe_quote, describe_quote)

    quote_map = {p_quotes[j]["id"]: g_quotes[i]["id"] for i, j, _ in quote_pairs}
    gold_pairs = sorted({(q["id"], t) for q in g_quotes for t in q.get("responds_to") or ()})
    pred_pairs = sorted({
        (quote_map.get(q["id"], "ours:" + str(q["id"])), target_map.get(t, "ours:" + str(t)))
        for q in p_quotes for t in q.get("responds_to") or ()
    })
    matched = set(gold_pairs) & set(pred_pairs)
    out["responses"] = CategoryResult(
        Counts(len(matched), len(pred_pairs) - len(matched), len(gold_pairs) - len(matched)),
        [f"{q} \u2192 {t}" for q, t in gold_pairs if (q, t) not in matched],
        [f"{q} \u2192 {t}" for q, t in pred_pairs if (q, t) not in matched],
    )


def _score_statistics(gold: dict, pred: dict, content: str | None, out: dict) -> None:
    """statistics: the same value and overlapping text."""
    g_stats, p_stats = gold["statistics"], pred.get("statistics", [])
    gs = [(s["text"], locate(s["text"], content)) for s in g_stats]
    ps = _spans(p_stats, content)

    def stat(i, j):
        if not same_value(g_stats[i]["value"], p_stats[j].get("value")):
            return 0.0
        return span_score(gs[i], ps[j], minimum=1e-9)

    stat_pairs = greedy(range(len(g_stats)), range(len(p_stats)), stat)
    describe_stat = lambda s: f"{s.get('value')}: {_short(s.get('text'))}"
    out["statistics"] = _result(g_stats, p_stats, stat_pairs, describe_stat, describe_stat)


def _rating_periods(pairs, describe) -> CategoryResult:
    """Matched ratings (gold rating, gold period, our period) scored on the period alone."""
    result = CategoryResult(Counts())
    for rating, gold_period, our_period in pairs:
        if names.period(gold_period) is None:
            continue
        agreement = names.period_agreement(gold_period, our_period)
        if agreement:
            result.counts.tp += 1
            continue
        result.counts.fn += 1
        result.misses.append(f"{describe(rating)} in {gold_period}, ours {our_period or 'undated'}")
        if agreement == 0:
            result.counts.fp += 1
            result.extras.append(f"{describe(rating)} in {our_period}, gold {gold_period}")
    return result


@dataclass
class Report:
    documents: list[DocumentScore]

    def totals(self) -> dict[str, Counts]:
        """Micro-averaged counts over every document, by category."""
        totals = {name: Counts() for name in CATEGORIES}
        for doc in self.documents:
            for name in CATEGORIES:
                totals[name] += doc.categories[name].counts
        return totals

    @property
    def macro_f1(self) -> float:
        """The unweighted mean F1 of the fact categories (rating periods left out)."""
        totals = self.totals()
        return sum(totals[name].f1 for name in FACTS) / len(FACTS)

    @property
    def kind_accuracy(self) -> tuple[int, int]:
        return (sum(d.kinds_right for d in self.documents), sum(d.kinds_matched for d in self.documents))

    def as_dict(self, verbose: bool = False) -> dict:
        right, matched = self.kind_accuracy
        data = {
            "documents": len(self.documents),
            "categories": {name: counts.as_dict() for name, counts in self.totals().items()},
            "macro_f1": round(self.macro_f1, 4),
            "finding_kind_accuracy": {"right": right, "matched": matched,
                                      "accuracy": round(right / matched, 4) if matched else None},
            "failed": {d.doc: d.error for d in self.documents if d.error},
        }
        if verbose:
            data["details"] = {
                d.doc: {name: {"misses": r.misses, "extras": r.extras, **r.counts.as_dict()}
                        for name, r in d.categories.items()}
                for d in self.documents
            }
        return data
