"""A small hand-made graph for the query tests: four documents about two forces.

Invented text, real force names, invented people.  Every saved query has rows
here (tests/store/test_queries.py checks that), and the documents disagree on one
grade, change one role and compare grades across the 4- and 5-tier scales.

    build_store(path) -> Store      # documents + reference graph
    EXTRACTIONS                     # the Extraction objects, by short name
"""

from __future__ import annotations

from decimal import Decimal

from inspectkg import iris
from inspectkg.store.mapping import to_quads
from inspectkg.schema.reference_graph import reference_quads, reference_version
from inspectkg.store.embedded import Store
from inspectkg.model import (
    Appointment, Claim, Document, Extraction, Finding, Inspection, Organisation, Person, Rating,
    Span, Statistic,
)

KENT, ESSEX = iris.force("kent"), iris.force("essex")
HMICFRS, HMIC = iris.org("hmicfrs"), iris.org("hmic")
FEDERATION = iris.org("kent-police-federation")
KENT_PCC = iris.org("kent-pcc")
RIDLEY, MARSH, PELL, HARKER = (iris.person(n) for n in ("Tom Ridley", "Helen Marsh", "Sarah Pell", "Ben Harker"))
KENT_2122 = iris.inspection("kent", "PEEL", "2021/22")
KENT_1819 = iris.inspection("kent", "PEEL", "2018/19")
ESSEX_2122 = iris.inspection("essex", "PEEL", "2021/22")
ESSEX_2325 = iris.inspection("essex", "PEEL", "2023/25")


def sp(text: str, fragment: str, nth: int = 0) -> Span:
    start = -1
    for _ in range(nth + 1):
        start = text.index(fragment, start + 1)
    return Span(start, start + len(fragment), fragment)


def _in_doc(kind: str, doc: Document, span: Span) -> str:
    return iris.in_document(kind, doc.id, span.start, span.end)


# --- A: the inspectorate's report on Kent, 2021/22 -------------------------------------------

A_TEXT = (
    "PEEL 2021/22: An inspection of Kent Police. "
    "His Majesty's Inspectorate of Constabulary and Fire & Rescue Services (HMICFRS) found that "
    "Kent Police is adequate at investigating crime and requires improvement in responding to the public. "
    "It is good at treating the public fairly. "
    "Cause of concern: the force does not answer emergency calls quickly enough. "
    "Area for improvement: the force should record equality data. "
    "Only 71 percent of 999 calls were answered within ten seconds in 2021. "
    "HM Inspector of Constabulary Helen Marsh said: \"Kent Police has a lot to do.\" "
    "Chief Constable Tom Ridley leads the force."
)
A_DOC = Document(A_TEXT, "reports/kent-peel-2021-22.txt", title="PEEL 2021/22: Kent Police",
                 publisher="HMICFRS", published="2022-04-14")
A_CONCERN = sp(A_TEXT, "the force does not answer emergency calls quickly enough")
A_AFI = sp(A_TEXT, "the force should record equality data")
A_CONCERN_KEY = _in_doc("finding", A_DOC, A_CONCERN)
A_AFI_KEY = _in_doc("finding", A_DOC, A_AFI)
A_STAT = sp(A_TEXT, "Only 71 percent of 999 calls were answered within ten seconds in 2021")
A_QUOTE = sp(A_TEXT, "Kent Police has a lot to do.")

A = Extraction(
    document=A_DOC,
    organisations=(
        Organisation(KENT, "Kent Police", "police_force", (sp(A_TEXT, "Kent Police"),)),
        Organisation(HMICFRS, "His Majesty's Inspectorate of Constabulary and Fire & Rescue Services",
                     "inspectorate", (sp(A_TEXT, "HMICFRS"),)),
    ),
    people=(
        Person(MARSH, "Helen Marsh", (sp(A_TEXT, "Helen Marsh"),)),
        Person(RIDLEY, "Tom Ridley", (sp(A_TEXT, "Tom Ridley"),)),
    ),
    appointments=(
        Appointment(MARSH, "hm_inspector_of_constabulary", HMICFRS, "HM Inspector of Constabulary",
                    evidence=(sp(A_TEXT, "HM Inspector of Constabulary Helen Marsh"),), confidence=0.9),
        Appointment(RIDLEY, "chief_constable", KENT, "Chief Constable",
                    evidence=(sp(A_TEXT, "Chief Constable Tom Ridley"),), confidence=0.9),
    ),
    inspections=(
        Inspection(KENT_2122, KENT, HMICFRS, "PEEL", "2021/22", "2022-04",
                   (sp(A_TEXT, "PEEL 2021/22: An inspection of Kent Police"),)),
    ),
    ratings=(
        Rating(iris.rating(KENT_2122, "investigating_crime"), KENT_2122, "investigating_crime", "adequate",
               "investigating crime", scale="peel_5tier", evidence=(sp(A_TEXT, "adequate at investigating crime"),)),
        Rating(iris.rating(KENT_2122, "responding_to_the_public"), KENT_2122, "responding_to_the_public",
               "requires_improvement", "responding to the public", scale="peel_5tier",
               evidence=(sp(A_TEXT, "requires improvement in responding to the public"),)),
        Rating(iris.rating(KENT_2122, "treatment_of_the_public"), KENT_2122, "treatment_of_the_public", "good",
               "treating the public fairly", scale="peel_5tier",
               evidence=(sp(A_TEXT, "good at treating the public fairly"),)),
    ),
    findings=(
        Finding(A_CONCERN_KEY, KENT_2122, "cause_of_concern", A_CONCERN, topic="emergency calls"),
        Finding(A_AFI_KEY, KENT_2122, "area_for_improvement", A_AFI, topic="equality data"),
    ),
    claims=(
        Claim(_in_doc("claim", A_DOC, A_QUOTE), A_QUOTE, MARSH, True,
              evidence=(sp(A_TEXT, "Helen Marsh said"),)),
    ),
    statistics=(
        Statistic(_in_doc("statistic", A_DOC, A_STAT), A_STAT, Decimal("71"),
                  "999 calls answered within ten seconds", "percent", "2021", KENT),
    ),
    main_force=KENT,
)

# --- B: a news story on the Kent report, which gets one grade wrong --------------------------

B_TEXT = (
    "Kent Police told to answer 999 calls faster. "
    "The police watchdog rated Kent Police good at investigating crime and adequate overall. "
    "Chief Constable Tom Ridley said: \"We accept that call answering must improve, and we have "
    "recruited 60 more call handlers.\" "
    "Police and Crime Commissioner Sarah Pell said: \"I will hold the chief constable to account.\" "
    "The Kent Police Federation said \"officers are stretched\" by demand. "
    "The force recruited 60 call handlers in 2022."
)
B_DOC = Document(B_TEXT, "news/kent-daily-2022-04-15.html", title="Kent Police told to answer 999 calls faster",
                 publisher="Kent Daily News", published="2022-04-15", media_type="text/html")
B_RIDLEY_Q = sp(B_TEXT, "We accept that call answering must improve, and we have recruited 60 more call handlers.")
B_PELL_Q = sp(B_TEXT, "I will hold the chief constable to account.")
B_FED_Q = sp(B_TEXT, "officers are stretched")
B_STAT = sp(B_TEXT, "The force recruited 60 call handlers in 2022")

B = Extraction(
    document=B_DOC,
    organisations=(
        Organisation(KENT, "Kent Police", "police_force", (sp(B_TEXT, "Kent Police"),)),
        Organisation(HMICFRS, "His Majesty's Inspectorate of Constabulary and Fire & Rescue Services",
                     "inspectorate", (sp(B_TEXT, "police watchdog"),), confidence=0.7),
        Organisation(FEDERATION, "Kent Police Federation", "union_or_staff_association",
                     (sp(B_TEXT, "Kent Police Federation"),)),
        Organisation(KENT_PCC, "Office of the Kent Police and Crime Commissioner", "pcc_office"),
    ),
    people=(
        Person(RIDLEY, "Tom Ridley", (sp(B_TEXT, "Tom Ridley"),)),
        Person(PELL, "Sarah Pell", (sp(B_TEXT, "Sarah Pell"),)),
    ),
    appointments=(
        Appointment(RIDLEY, "chief_constable", KENT, "Chief Constable",
                    evidence=(sp(B_TEXT, "Chief Constable Tom Ridley"),)),
        Appointment(PELL, "police_and_crime_commissioner", KENT_PCC, "Police and Crime Commissioner",
                    evidence=(sp(B_TEXT, "Police and Crime Commissioner Sarah Pell"),)),
    ),
    inspections=(
        Inspection(KENT_2122, KENT, HMICFRS, "PEEL", "2021/22", evidence=(sp(B_TEXT, "The police watchdog rated"),)),
    ),
    ratings=(
        Rating(iris.rating(KENT_2122, "investigating_crime"), KENT_2122, "investigating_crime", "good",
               "investigating crime", scale="peel_5tier", evidence=(sp(B_TEXT, "good at investigating crime"),),
               confidence=0.8),
        Rating(iris.rating(KENT_2122, "overall"), KENT_2122, "overall", "adequate", "overall", scale="peel_5tier",
               evidence=(sp(B_TEXT, "adequate overall"),), confidence=0.6),
    ),
    claims=(
        Claim(_in_doc("claim", B_DOC, B_RIDLEY_Q), B_RIDLEY_Q, RIDLEY, True, (A_CONCERN_KEY,), "accepts",
              (sp(B_TEXT, "Tom Ridley said"),)),
        Claim(_in_doc("claim", B_DOC, B_PELL_Q), B_PELL_Q, PELL, True, (KENT_2122,), "commits_to_action",
              (sp(B_TEXT, "Sarah Pell said"),)),
        Claim(_in_doc("claim", B_DOC, B_FED_Q), B_FED_Q, FEDERATION, True,
              evidence=(sp(B_TEXT, "The Kent Police Federation said"),)),
    ),
    statistics=(
        Statistic(_in_doc("statistic", B_DOC, B_STAT), B_STAT, Decimal("60"), "call handlers recruited",
                  "count", "2022", KENT),
    ),
    main_force=KENT,
)

# --- C: the 2018/19 report on Kent (four-tier grades; Ridley was deputy then) ----------------

C_TEXT = (
    "PEEL 2018/19: Kent Police. HMIC judged the force good overall and good at effectiveness, "
    "but it requires improvement in efficiency. "
    "Cause of concern: the force does not understand demand for its services. "
    "Deputy Chief Constable Tom Ridley welcomed the report."
)
C_DOC = Document(C_TEXT, "reports/kent-peel-2018-19.txt", title="PEEL 2018/19: Kent Police",
                 publisher="HMICFRS", published="2019-09")
C_CONCERN = sp(C_TEXT, "the force does not understand demand for its services")

C = Extraction(
    document=C_DOC,
    organisations=(
        Organisation(KENT, "Kent Police", "police_force", (sp(C_TEXT, "Kent Police"),)),
        Organisation(HMICFRS, "His Majesty's Inspectorate of Constabulary and Fire & Rescue Services",
                     "inspectorate", (sp(C_TEXT, "HMIC"),)),
    ),
    people=(Person(RIDLEY, "Tom Ridley", (sp(C_TEXT, "Tom Ridley"),)),),
    appointments=(
        Appointment(RIDLEY, "deputy_chief_constable", KENT, "Deputy Chief Constable",
                    evidence=(sp(C_TEXT, "Deputy Chief Constable Tom Ridley"),)),
    ),
    inspections=(
        Inspection(KENT_1819, KENT, HMICFRS, "PEEL", "2018/19", "2019-09", (sp(C_TEXT, "PEEL 2018/19: Kent Police"),)),
    ),
    ratings=(
        Rating(iris.rating(KENT_1819, "overall"), KENT_1819, "overall", "good", "overall", scale="peel_4tier",
               evidence=(sp(C_TEXT, "good overall"),)),
        Rating(iris.rating(KENT_1819, "pillar_effectiveness"), KENT_1819, "pillar_effectiveness", "good",
               "effectiveness", scale="peel_4tier", evidence=(sp(C_TEXT, "good at effectiveness"),)),
        Rating(iris.rating(KENT_1819, "pillar_efficiency"), KENT_1819, "pillar_efficiency", "requires_improvement",
               "efficiency", scale="peel_4tier", evidence=(sp(C_TEXT, "requires improvement in efficiency"),)),
    ),
    findings=(Finding(_in_doc("finding", C_DOC, C_CONCERN), KENT_1819, "cause_of_concern", C_CONCERN),),
    main_force=KENT,
)

# --- D: Essex, two rounds on the five-tier scale ----------------------------------------------

D_TEXT = (
    "Essex Police improves. In 2022 inspectors rated Essex Police inadequate at investigating crime; "
    "the 2023/25 PEEL inspection now rates it requires improvement at investigating crime. "
    "Cause of concern: too many investigations are closed without a suspect. "
    "Chief Constable Ben Harker said: \"We have turned a corner.\" "
    "Recorded crime fell by 4 percent in 2024."
)
D_DOC = Document(D_TEXT, "news/essex-chronicle-2024.txt", title="Essex Police improves",
                 publisher="Essex Chronicle", published="2024-11-02")
D_CONCERN = sp(D_TEXT, "too many investigations are closed without a suspect")
D_QUOTE = sp(D_TEXT, "We have turned a corner.")
D_STAT = sp(D_TEXT, "Recorded crime fell by 4 percent in 2024")

D = Extraction(
    document=D_DOC,
    organisations=(
        Organisation(ESSEX, "Essex Police", "police_force", (sp(D_TEXT, "Essex Police"),)),
        Organisation(HMICFRS, "His Majesty's Inspectorate of Constabulary and Fire & Rescue Services",
                     "inspectorate", (sp(D_TEXT, "inspectors"),)),
    ),
    people=(Person(HARKER, "Ben Harker", (sp(D_TEXT, "Ben Harker"),)),),
    appointments=(
        Appointment(HARKER, "chief_constable", ESSEX, "Chief Constable",
                    evidence=(sp(D_TEXT, "Chief Constable Ben Harker"),)),
    ),
    inspections=(
        Inspection(ESSEX_2122, ESSEX, HMICFRS, "PEEL", "2021/22", "2022",
                   (sp(D_TEXT, "In 2022 inspectors rated Essex Police"),)),
        Inspection(ESSEX_2325, ESSEX, HMICFRS, "PEEL", "2023/25", None, (sp(D_TEXT, "the 2023/25 PEEL inspection"),)),
    ),
    ratings=(
        Rating(iris.rating(ESSEX_2122, "investigating_crime"), ESSEX_2122, "investigating_crime", "inadequate",
               "investigating crime", scale="peel_5tier", evidence=(sp(D_TEXT, "inadequate at investigating crime"),)),
        Rating(iris.rating(ESSEX_2325, "investigating_crime"), ESSEX_2325, "investigating_crime",
               "requires_improvement", "investigating crime", scale="peel_5tier",
               evidence=(sp(D_TEXT, "requires improvement at investigating crime"),)),
    ),
    findings=(Finding(_in_doc("finding", D_DOC, D_CONCERN), ESSEX_2325, "cause_of_concern", D_CONCERN),),
    claims=(
        Claim(_in_doc("claim", D_DOC, D_QUOTE), D_QUOTE, HARKER, True, (ESSEX_2325,), "accepts",
              (sp(D_TEXT, "Ben Harker said"),)),
    ),
    statistics=(
        Statistic(_in_doc("statistic", D_DOC, D_STAT), D_STAT, Decimal("-4"), "recorded crime change",
                  "percent", "2024", ESSEX),
    ),
    main_force=ESSEX,
)

EXTRACTIONS = {"kent-2122-report": A, "kent-2122-news": B, "kent-1819-report": C, "essex-news": D}


def fill(store: Store, *, reference: bool = True) -> Store:
    """Put the four documents (and the reference graph) into a store."""
    if reference:
        store.ensure_reference(reference_quads(), reference_version())
    for extraction in EXTRACTIONS.values():
        extraction.check()
        store.put_document(extraction.document.id, extraction.document.source, to_quads(extraction))
    return store


def build_store(path=None, *, reference: bool = True) -> Store:
    """A store (on disk at ``path``, or in memory) holding the fixture documents."""
    return fill(Store(path), reference=reference)
