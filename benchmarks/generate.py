"""A seeded generator of synthetic inspection news and report pages.

    python -m benchmarks.generate --n 1000 --seed 7 --out DIR

writes ``DIR/000000_news_kent.txt`` … (the genre of ``examples/``: headline,
``Published:`` line, blank line, one paragraph per line) and
``DIR/facts.jsonl``: what the generator put into each document (force,
inspection, ratings, people, quotations, findings, statistics), one JSON
object per line.  Forces, roles, grades and area wordings come from the
reference data; people's names are invented from seeded lists.  The same
seed gives byte-identical files; document ``i`` depends only on the seed and
``i``, so a corpus of 1,000 is the first 1,000 of a corpus of 10,000.
"""

from __future__ import annotations

import argparse
import json
import random
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from inspectkg.reference import Force, load

from . import phrases as P

NEWS_SHARE = 0.7
NEWS_WORDS = 550

# PEEL rounds: (period as written, scale, year published)
ROUNDS = (
    ("2014", "peel_4tier", 2015),
    ("2015", "peel_4tier", 2016),
    ("2016", "peel_4tier", 2017),
    ("2017", "peel_4tier", 2018),
    ("2018/19", "peel_4tier", 2019),
    ("2021/22", "peel_5tier", 2022),
    ("2023-25", "peel_5tier", 2024),
)
CDI_YEARS = (2016, 2017, 2018, 2019, 2020)
HMICFRS_FROM = (2017, 7)
HIS_MAJESTY_FROM = (2022, 9)


@dataclass(frozen=True)
class Official:
    name: str
    role: str  # roles.csv role_id
    title: str  # title as written
    organisation: str  # organisation name
    organisation_key: str

    @property
    def female(self) -> bool:
        return self.name.split()[0] in P.FEMALE

    @property
    def he(self) -> str:
        return "she" if self.female else "he"

    @property
    def short(self) -> str:
        return ("Ms " if self.female else "Mr ") + self.name.split()[-1]


# --- reference data ------------------------------------------------------------------------------


@cache
def peel_forces() -> tuple[Force, ...]:
    return tuple(f for f in load().forces if f.force_type == "territorial" and f.country in ("England", "Wales"))


@cache
def _grades(scale: str):
    return tuple(g for g in load().grades if g.scale == scale)


@cache
def _areas(period: str):
    return tuple(
        a for a in load().areas
        if period in a.periods and a.graded.startswith("yes") and a.level in ("question", "area", "pillar")
    )


def _title(role_id: str) -> str:
    return load().role(role_id).title_forms[0]


def _person(rng: random.Random) -> str:
    return f"{rng.choice(P.FIRST_NAMES)} {rng.choice(P.SURNAMES)}"


@cache
def _cast(seed: int, force_id: str) -> dict[str, Official]:
    """The officials of one force: the same names in every document of a seed."""
    rng = random.Random(f"{seed}/cast/{force_id}")
    force = load().force(force_id)
    governance = {
        "pcc": "police_and_crime_commissioner", "pfcc": "police_fire_and_crime_commissioner",
        "mayor": "deputy_mayor_for_policing",
    }.get(force.governance, "police_authority_chair")
    key = f"force/{force.id}"
    roles = {
        "chief": ("chief_constable", force.name, key),
        "deputy": ("deputy_chief_constable", force.name, key),
        "acc": ("assistant_chief_constable", force.name, key),
        "pcc": (governance, short_name(force), f"pcc/{force.id}"),
        "federation": ("staff_association_official", f"{short_name(force)} Police Federation", "org/police_federation"),
    }
    return {k: Official(_person(rng), role, _title(role), org, okey) for k, (role, org, okey) in roles.items()}


@cache
def _national(seed: int) -> dict[str, tuple[Official, ...]]:
    rng = random.Random(f"{seed}/cast/national")
    hmis = tuple(
        Official(_person(rng), "hm_inspector_of_constabulary", _title("hm_inspector_of_constabulary"),
                 "HMICFRS", "org/hmicfrs")
        for _ in range(5)
    )
    ministers = tuple(
        Official(_person(rng), role, _title(role), "Home Office", "org/home_office")
        for role in ("home_secretary", "policing_minister")
    )
    return {"inspector": hmis, "minister": ministers}


def short_name(force: Force) -> str:
    for suffix in (" Constabulary", " Police Service", " Police"):
        if force.name.endswith(suffix):
            return force.name[: -len(suffix)]
    return force.name


# --- one document ---------------------------------------------------------------------------------


class Writer:
    """Assembles one document and records what it says."""

    def __init__(self, rng: random.Random, seed: int, index: int):
        self.rng = rng
        self.seed = seed
        self.index = index
        self.paras: list[str] = []
        self.curly = rng.random() < 0.5
        self.mentioned: set[str] = set()
        self.facts: dict = {"ratings": [], "people": [], "quotes": [], "findings": [], "statistics": []}

    # quotation marks of this document
    def q(self, words: str, open_only: bool = False) -> str:
        left, right = ("\u201c", "\u201d") if self.curly else ('"', '"')
        return left + words + ("" if open_only else right)

    def name(self, person: Official, *, plain: bool = False, full: bool = False) -> str:
        """First mention: title and full name (``plain=False``: maybe with an apposition, ending
        in a comma); later mentions: Mr/Ms Surname."""
        first = person.name not in self.mentioned
        if not first and not full:
            return person.short
        if first:
            self.mentioned.add(person.name)
            self.facts["people"].append(
                {"name": person.name, "role": person.role, "organisation": person.organisation_key}
            )
        form = 0 if plain else self.rng.randrange(3)
        title = person.title
        if form == 0:
            return f"{title} {person.name}"
        lower = title if "Inspector" in title else title.lower()
        if form == 1:
            return f"{person.name}, {lower} of {person.organisation},"
        return f"{person.organisation}'s {lower}, {person.name},"

    def quote(self, person: Official, kind: str) -> None:
        """One quotation (or reported claim) in a form picked at random."""
        rng = self.rng
        pool = P.QUOTES[kind]
        (stance, words), (_, second) = rng.sample(pool, k=2)
        form = rng.choice(("colon", "after", "split", "multipara", "dash", "said_name", "reported", "according"))
        first = person.name not in self.mentioned
        if form in ("reported", "according"):
            options = P.REPORTED.get(kind) or (words[0].lower() + words[1:-1],)
            said = rng.choice(options).replace("he or she", person.he)
            who = self.name(person).rstrip(",")
            self.paras.append(f"{who} said {said}." if form == "reported" else f"According to {who}, {said}.")
            self.facts["quotes"].append({"speaker": person.name, "form": form, "stance": stance, "text": said})
            return
        opening = self.q(words[:-1] + ",")
        if form == "colon":
            self.paras.append(f"{self.name(person).rstrip(',')} said: {self.q(words)}")
        elif form == "after":
            who = self.name(person, plain=True) if first else person.he
            self.paras.append(f"{opening} {who} said.")
        elif form == "said_name":
            self.paras.append(f"{opening} said {self.name(person, plain=True)}.")
        elif form == "split":
            self.paras.append(f"{opening} said {self.name(person, plain=True)}. {self.q(second)}")
        elif form == "multipara":
            self.paras.append(f"{self.name(person).rstrip(',')} said: {self.q(words, open_only=True)}")
            self.paras.append(self.q(second))
        else:  # dash: the attribution trails the quotation
            self.name(person, plain=True)
            self.paras.append(f"{self.q(words)} \u2013 {person.title} {person.name}")
        self.facts["quotes"].append({"speaker": person.name, "form": form, "stance": stance, "text": words})
        if form in ("split", "multipara"):
            self.facts["quotes"].append({"speaker": person.name, "form": form, "stance": stance, "text": second})
        if rng.random() < 0.35:
            rest = [w for _, w in pool if w not in (words, second)]
            if rest:
                extra = rng.choice(rest)
                self.paras.append(f"{person.he.capitalize()} added: {self.q(extra)}")
                self.facts["quotes"].append({"speaker": person.name, "form": "added", "stance": stance, "text": extra})

    def statistic(self, force: Force, year: int) -> str:
        rng = self.rng
        unit = rng.choice(("count", "percent", "gbp", "rate_per_100k"))
        short = short_name(force)
        if unit == "count":
            value = rng.randrange(2_000, 190_000)
            text = rng.choice((
                f"{short} recorded {value:,} crimes in the year to March {year}.",
                f"In the 12 months to March {year}, the force dealt with {value:,} incidents.",
                f"There were {value:,} emergency calls to the force in {year - 1}.",
            ))
            measure = "crimes recorded"
        elif unit == "percent":
            value = rng.randrange(40, 99)
            text = rng.choice((
                f"Inspectors found that {value} per cent of crimes reported to the force were recorded.",
                f"Only {value}% of emergency calls were answered within ten seconds.",
                f"The force solved {100 - value} per cent fewer burglaries than it had two years earlier.",
            ))
            measure = "share"
        elif unit == "gbp":
            value = round(rng.uniform(1.5, 95.0), 1)
            text = rng.choice((
                f"The force must save \u00a3{value}m by {year + 3}.",
                f"Its net revenue budget is \u00a3{value * 10:.1f}m for {year}/{(year + 1) % 100:02d}.",
                f"A further \u00a3{int(value * 100_000):,} has been set aside for extra investigators.",
            ))
            measure = "money"
        else:
            value = round(rng.uniform(20.0, 140.0), 1)
            text = rng.choice((
                f"That is {value} crimes per 100,000 people, above the average for England and Wales.",
                f"The force recorded {value} violent offences per 100,000 population in {year - 1}.",
            ))
            measure = "rate"
        self.facts["statistics"].append({"value": value, "unit": unit, "measure": measure, "text": text})
        return text

    def words(self) -> int:
        return sum(len(p.split()) for p in self.paras)

    def text(self, headline: str, published: str) -> str:
        return headline + "\n" + f"Published: {published}\n\n" + "\n\n".join(self.paras) + "\n"


def _inspection(rng: random.Random):
    """(programme, period, scale, year published)"""
    if rng.random() < 0.2:
        year = rng.choice(CDI_YEARS)
        return "crime_data_integrity", str(year), "peel_4tier", year
    period, scale, year = rng.choice(ROUNDS)
    return "PEEL", period, scale, year


def _inspectorate(year: int, month: int) -> tuple[str, str]:
    if (year, month) < HMICFRS_FROM:
        return "org/hmic", "HMIC"
    his = "His" if (year, month) >= HIS_MAJESTY_FROM else "Her"
    return "org/hmicfrs", f"{his} Majesty's Inspectorate of Constabulary and Fire & Rescue Services (HMICFRS)"


def _grade_phrase(rng: random.Random, grade) -> str:
    verbs = [p for p in grade.paraphrases if p.split()[0] in ("rated", "graded", "judged", "found")]
    return rng.choice(verbs) if verbs else f"rated {grade.label.lower()}"


def _area_phrase(rng: random.Random, area) -> str:
    phrases = [p for p in area.paraphrases if len(p) > 4 and not p.isupper()]
    return rng.choice(phrases or [area.label.lower()])


def document(seed: int, index: int) -> tuple[str, str, dict]:
    """(file name, text, known facts) of document ``index``."""
    rng = random.Random(f"{seed}/{index}")
    force = rng.choice(peel_forces())
    cast = _cast(seed, force.id)
    national = _national(seed)
    programme, period, scale, year = _inspection(rng)
    month = rng.randrange(1, 13)
    day = rng.randrange(1, 29)
    inspectorate_key, inspectorate = _inspectorate(year, month)
    published = rng.choice((f"{day} {P.MONTHS[month - 1]} {year}", f"{P.MONTHS[month - 1]} {year}"))
    kind = "news" if rng.random() < NEWS_SHARE else "report"
    grades = [g for g in _grades(scale) if g.rank]
    areas = list(_areas(period)) if programme == "PEEL" else [load().area("crime_data_integrity")]
    if programme == "PEEL" and not areas:
        areas = [load().area("overall")]
    chosen = rng.sample(areas, k=min(len(areas), rng.randrange(1, 6)))
    ratings = [(a, rng.choice(grades)) for a in chosen]
    w = Writer(rng, seed, index)
    w.facts.update({
        "file": "", "kind": kind, "publisher": rng.choice(P.PUBLISHERS), "published": published,
        "force": f"force/{force.id}",
        "inspection": {"programme": programme, "period": period, "scale": scale, "inspectorate": inspectorate_key},
    })
    for area, grade in ratings:
        w.facts["ratings"].append({"area": area.id, "grade": grade.id, "scale": scale})
    programme_text = f"PEEL {period}" if programme == "PEEL" else f"{year} crime data integrity"
    if kind == "news":
        headline = _news(w, force, cast, national, ratings, programme_text, inspectorate, year)
    else:
        headline = _report(w, force, cast, national, ratings, programme_text, inspectorate, year)
    name = f"{index:06d}_{kind}_{force.id}.txt"
    w.facts["file"] = name
    text = w.text(headline, published)
    w.facts["words"] = len(text.split())
    return name, text, w.facts


def _news(w: Writer, force, cast, national, ratings, programme_text, inspectorate, year) -> str:
    rng = w.rng
    short = short_name(force)
    area, grade = ratings[0]
    headline = rng.choice((
        f"{force.name} {_grade_phrase(rng, grade)} for {_area_phrase(rng, area)}",
        f"Inspectors give {short} police mixed verdict in {programme_text} inspection",
        f"Watchdog report on {force.name} published",
    ))
    w.paras.append(
        f"{force.name} has been {_grade_phrase(rng, grade)} for {_area_phrase(rng, area)} by {inspectorate} "
        f"in its {programme_text} inspection."
    )
    if len(ratings) > 1:
        parts = [f"{_grade_phrase(rng, g)} for {_area_phrase(rng, a)}" for a, g in ratings[1:]]
        w.paras.append(f"The force was also {', '.join(parts[:-1]) + ' and ' if len(parts) > 1 else ''}{parts[-1]}.")
    said = rng.choice(P.INSPECTOR_REPORTED).format(force=short)
    w.paras.append(rng.choice((f"Inspectors said {said}.", f"The inspectorate said {said}.")))
    w.facts["findings"].append({"kind": "statement", "text": said})
    if rng.random() < 0.6:
        concern = rng.choice(P.CONCERNS)
        w.paras.append(f"Among its causes of concern, the report said: {w.q(concern + '.')}")
        w.facts["findings"].append({"kind": "cause_of_concern", "text": concern})
    if rng.random() < 0.6:
        improvement = rng.choice(P.IMPROVEMENTS)
        w.paras.append(f"The report also said {improvement[0].lower() + improvement[1:]}.")
        w.facts["findings"].append({"kind": "area_for_improvement", "text": improvement})
    hmi = rng.choice(national["inspector"])
    w.quote(hmi, "inspector")
    w.paras.append(w.statistic(force, year) + " " + w.statistic(force, year))
    if rng.random() < 0.7:
        area, _ = rng.choice(ratings)
        earlier = rng.choice([g for g in _grades("peel_4tier") if g.rank])
        w.paras.append(rng.choice(P.PREVIOUS).format(grade=_grade_phrase(rng, earlier), area=_area_phrase(rng, area)))
    chief = cast[rng.choice(("chief", "chief", "deputy", "acc"))]
    w.quote(chief, "chief")
    if rng.random() < 0.8:
        w.quote(cast["pcc"], "pcc")
    if rng.random() < 0.3:
        w.quote(cast["federation"], "federation")
    if rng.random() < 0.25:
        w.quote(rng.choice(national["minister"]), "minister")
    if rng.random() < 0.5:
        person = cast["chief"]
        since = year - rng.randrange(1, 6)
        w.paras.append(f"{w.name(person, plain=True, full=True)} has led the force since {since}.")
    background = list(P.BACKGROUND)
    rng.shuffle(background)
    target = rng.randrange(NEWS_WORDS - 60, NEWS_WORDS + 60)
    while w.words() < target - 25 and background:
        sentence = background.pop().format(
            population=f"{rng.randrange(5, 35) * 100_000:,}", officers=f"{rng.randrange(9, 60) * 100:,}",
            budget=f"\u00a3{rng.randrange(120, 900)}m",
        )
        if rng.random() < 0.5 and w.paras:
            w.paras.insert(rng.randrange(2, len(w.paras) + 1), sentence)
        else:
            w.paras.append(sentence)
    return headline


def _report(w: Writer, force, cast, national, ratings, programme_text, inspectorate, year) -> str:
    rng = w.rng
    headline = f"{programme_text}: an inspection of {force.name}"
    w.paras.append(f"This page summarises our {programme_text} inspection of {force.name}.")
    lines = [f"- {a.label}: {g.label}" for a, g in ratings]
    w.paras.append("We graded the force as follows:\n" + "\n".join(lines))
    hmi = rng.choice(national["inspector"])
    w.quote(hmi, "inspector")
    for heading, pool, kind in (
        ("Causes of concern", P.CONCERNS, "cause_of_concern"),
        ("Areas for improvement", P.IMPROVEMENTS, "area_for_improvement"),
        ("What the force does well", P.STRENGTHS, "strength"),
    ):
        if kind == "cause_of_concern" and not any(g.id in ("inadequate", "requires_improvement") for _, g in ratings):
            continue
        picked = rng.sample(pool, k=rng.randrange(1, min(4, len(pool)) + 1))
        w.paras.append(heading + "\n" + "\n".join(f"- {p}." for p in picked))
        w.facts["findings"].extend({"kind": kind, "text": p} for p in picked)
    w.paras.append(" ".join(w.statistic(force, year) for _ in range(rng.randrange(1, 4))))
    if rng.random() < 0.5:
        chief = cast["chief"]
        w.paras.append(f"The force is led by {w.name(chief, plain=True)}. {w.statistic(force, year)}")
    return headline


# --- the command ---------------------------------------------------------------------------------


def generate(n: int, seed: int, out: Path) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    with (out / "facts.jsonl").open("w", encoding="utf-8", newline="\n") as facts:
        for index in range(n):
            name, text, known = document(seed, index)
            path = out / name
            path.write_text(text, encoding="utf-8", newline="\n")
            facts.write(json.dumps(known, sort_keys=True, ensure_ascii=False) + "\n")
            paths.append(path)
    return paths


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=1000, help="number of documents")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--out", type=Path, required=True, help="folder to write (created)")
    args = parser.parse_args(argv)
    paths = generate(args.n, args.seed, args.out)
    words = sum(len(p.read_text(encoding="utf-8").split()) for p in paths)
    print(f"{len(paths)} documents, {words:,} words -> {args.out}")


if __name__ == "__main__":
    main()
