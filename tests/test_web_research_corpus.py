"""A small hand-made corpus for the research pages: two real forces, invented people and words.

Cumbria has four inspections (PEEL 2018/19 on the four-grade scale, PEEL 2021/22
and PEEL 2023/25 on the five-grade scale, and an undated crime data integrity
inspection published in 2020), a news story that gets one 2021/22 grade wrong,
a cause of concern that its chief constable answers, an area for improvement
that nobody answers, and a chief constable attested in 2022 and 2024.  Dorset
has one PEEL 2023/25 inspection and two PEEL inspections an undated note names
without their periods.  No test asserts on wording from the shared
corpus; these texts are ours.

    build(store) -> store      # the documents and the reference graph
"""

from __future__ import annotations

from decimal import Decimal

from inspectkg import iris
from inspectkg.model import (
    Appointment, Claim, Document, Extraction, Finding, Inspection, Organisation, Person, Rating, Span, Statistic,
)
from inspectkg.schema.reference_graph import reference_quads, reference_version
from inspectkg.store.mapping import to_quads

CUMBRIA, DORSET = iris.force("cumbria"), iris.force("dorset")
HMICFRS = iris.org("hmicfrs")
PENROSE, QUILL, OKAFOR = (iris.person(n) for n in ("Alys Penrose", "Marten Quill", "Nadia Okafor"))
C_1819 = iris.inspection("cumbria", "PEEL", "2018/19")
C_2122 = iris.inspection("cumbria", "PEEL", "2021/22")
C_2325 = iris.inspection("cumbria", "PEEL", "2023/25")
C_CDI = iris.inspection("cumbria", "crime_data_integrity", "2020")
D_2325 = iris.inspection("dorset", "PEEL", "2023/25")
D_UNDATED_A, D_UNDATED_B = iris.inspection("dorset", "PEEL", "2016"), iris.inspection("dorset", "PEEL", "2017")


def sp(text: str, fragment: str) -> Span:
    start = text.index(fragment)
    return Span(start, start + len(fragment), fragment)


def _key(kind: str, doc: Document, span: Span) -> str:
    return iris.in_document(kind, doc.id, span.start, span.end)


def _org(text: str, key: str, name: str, kind: str, mention: str) -> Organisation:
    return Organisation(key, name, kind, (sp(text, mention),))


def _rating(text, inspection, area, grade, scale, evidence) -> Rating:
    return Rating(iris.rating(inspection, area), inspection, area, grade, area.replace("_", " "), scale=scale,
                  evidence=(sp(text, evidence),))


# --- 1: the 2021/22 report on Cumbria -----------------------------------------------------------

R_TEXT = (
    "PEEL 2021/22 report on Cumbria Constabulary. HMICFRS found the constabulary adequate at investigating "
    "crime and it requires improvement at responding to the public. "
    "Cause of concern: callers wait too long for an officer to attend. "
    "Area for improvement: the constabulary should check its stop and search records. "
    "Chief Constable Alys Penrose leads the constabulary. "
    "The constabulary answered 88 percent of emergency calls within ten seconds in 2021."
)
R_DOC = Document(R_TEXT, "reports/cumbria-2021-22.txt", title="PEEL 2021/22: Cumbria Constabulary",
                 publisher="HMICFRS", published="2022-03-10")
R_CONCERN = sp(R_TEXT, "callers wait too long for an officer to attend")
R_AFI = sp(R_TEXT, "the constabulary should check its stop and search records")
R_STAT = sp(R_TEXT, "answered 88 percent of emergency calls within ten seconds in 2021")
CONCERN_KEY, AFI_KEY = _key("finding", R_DOC, R_CONCERN), _key("finding", R_DOC, R_AFI)

REPORT = Extraction(
    document=R_DOC,
    organisations=(_org(R_TEXT, CUMBRIA, "Cumbria Constabulary", "police_force", "Cumbria Constabulary"),
                   _org(R_TEXT, HMICFRS, "HMICFRS", "inspectorate", "HMICFRS")),
    people=(Person(PENROSE, "Alys Penrose", (sp(R_TEXT, "Alys Penrose"),)),),
    appointments=(Appointment(PENROSE, "chief_constable", CUMBRIA, "Chief Constable",
                              evidence=(sp(R_TEXT, "Chief Constable Alys Penrose"),)),),
    inspections=(Inspection(C_2122, CUMBRIA, HMICFRS, "PEEL", "2021/22", "2022-03",
                            (sp(R_TEXT, "PEEL 2021/22 report on Cumbria Constabulary"),)),),
    ratings=(
        _rating(R_TEXT, C_2122, "investigating_crime", "adequate", "peel_5tier", "adequate at investigating crime"),
        _rating(R_TEXT, C_2122, "responding_to_the_public", "requires_improvement", "peel_5tier",
                "requires improvement at responding to the public"),
    ),
    findings=(Finding(CONCERN_KEY, C_2122, "cause_of_concern", R_CONCERN),
              Finding(AFI_KEY, C_2122, "area_for_improvement", R_AFI)),
    statistics=(Statistic(_key("statistic", R_DOC, R_STAT), R_STAT, Decimal("88"),
                          "emergency calls answered within ten seconds", "percent", "2021", CUMBRIA),),
    main_force=CUMBRIA,
)

# --- 2: news on the 2021/22 report, which calls investigating crime good -----------------------

N_TEXT = (
    "Cumbria Constabulary rated good at investigating crime, says paper. "
    "Chief Constable Alys Penrose said: \"We accept that callers have waited too long and we are hiring.\" "
    "Nadia Okafor, the Police and Crime Commissioner, said: \"I welcome the report.\""
)
N_DOC = Document(N_TEXT, "news/cumbria-herald-2022.txt", title="Cumbria told to attend calls faster",
                 publisher="Cumbria Herald", published="2022-03-12")
N_QUOTE = sp(N_TEXT, "We accept that callers have waited too long and we are hiring.")
N_PCC = sp(N_TEXT, "I welcome the report.")
PENROSE_CLAIM = _key("claim", N_DOC, N_QUOTE)

NEWS = Extraction(
    document=N_DOC,
    organisations=(_org(N_TEXT, CUMBRIA, "Cumbria Constabulary", "police_force", "Cumbria Constabulary"),),
    people=(Person(PENROSE, "Alys Penrose", (sp(N_TEXT, "Alys Penrose"),)),
            Person(OKAFOR, "Nadia Okafor", (sp(N_TEXT, "Nadia Okafor"),))),
    appointments=(Appointment(PENROSE, "chief_constable", CUMBRIA, "Chief Constable",
                              evidence=(sp(N_TEXT, "Chief Constable Alys Penrose"),)),),
    inspections=(Inspection(C_2122, CUMBRIA, HMICFRS, "PEEL", "2021/22", None,
                            (sp(N_TEXT, "rated good at investigating crime"),)),),
    ratings=(_rating(N_TEXT, C_2122, "investigating_crime", "good", "peel_5tier", "good at investigating crime"),),
    claims=(Claim(PENROSE_CLAIM, N_QUOTE, PENROSE, True, (CONCERN_KEY,), "accepts",
                  (sp(N_TEXT, "Alys Penrose said"),)),
            Claim(_key("claim", N_DOC, N_PCC), N_PCC, OKAFOR, True, (), None, (sp(N_TEXT, "Nadia Okafor"),))),
    main_force=CUMBRIA,
)

# --- 3: the 2018/19 report (four grades) and an undated crime data integrity inspection ----------

O_TEXT = (
    "PEEL 2018/19: Cumbria Constabulary is good overall and good at effectiveness. "
    "A crime data integrity inspection of Cumbria Constabulary found recording inadequate."
)
O_DOC = Document(O_TEXT, "reports/cumbria-2019.txt", title="Cumbria Constabulary 2018/19", publisher="HMICFRS",
                 published="2019-05-02")
OLD = Extraction(
    document=O_DOC,
    organisations=(_org(O_TEXT, CUMBRIA, "Cumbria Constabulary", "police_force", "Cumbria Constabulary"),),
    inspections=(Inspection(C_1819, CUMBRIA, HMICFRS, "PEEL", "2018/19", None, (sp(O_TEXT, "PEEL 2018/19"),)),
                 Inspection(C_CDI, CUMBRIA, HMICFRS, "crime_data_integrity", None, "2020",
                            (sp(O_TEXT, "A crime data integrity inspection"),))),
    ratings=(
        _rating(O_TEXT, C_1819, "overall", "good", "peel_4tier", "good overall"),
        _rating(O_TEXT, C_1819, "pillar_effectiveness", "good", "peel_4tier", "good at effectiveness"),
        _rating(O_TEXT, C_CDI, "crime_data_integrity", "inadequate", "peel_4tier", "recording inadequate"),
    ),
    main_force=CUMBRIA,
)

# --- 4: 2024: PEEL 2023/25 for Cumbria and Dorset; the chief constable again, and her answer -------

L_TEXT = (
    "PEEL 2023/25: Cumbria Constabulary is now good at investigating crime. "
    "Dorset Police, inspected in the same PEEL 2023/25 round, is outstanding at investigating crime. "
    "Chief Constable Alys Penrose said: \"The improvement is the work of every officer.\" "
    "Marten Quill, Chief Constable of Dorset Police, said nothing. "
    "Later Marten Quill said: \"Outstanding is what our officers earned.\""
)
L_DOC = Document(L_TEXT, "news/peel-2024.txt", title="Two forces in the 2023/25 round", publisher="Regional Post",
                 published="2024-05-20")
L_QUOTE = sp(L_TEXT, "The improvement is the work of every officer.")
L_QUILL = sp(L_TEXT, "Outstanding is what our officers earned.")
LATEST = Extraction(
    document=L_DOC,
    organisations=(_org(L_TEXT, CUMBRIA, "Cumbria Constabulary", "police_force", "Cumbria Constabulary"),
                   _org(L_TEXT, DORSET, "Dorset Police", "police_force", "Dorset Police")),
    people=(Person(PENROSE, "Alys Penrose", (sp(L_TEXT, "Alys Penrose"),)),
            Person(QUILL, "Marten Quill", (sp(L_TEXT, "Marten Quill"),))),
    appointments=(Appointment(PENROSE, "chief_constable", CUMBRIA, "Chief Constable",
                              evidence=(sp(L_TEXT, "Chief Constable Alys Penrose"),)),
                  Appointment(QUILL, "chief_constable", DORSET, "Chief Constable",
                              evidence=(sp(L_TEXT, "Marten Quill, Chief Constable of Dorset Police"),))),
    inspections=(Inspection(C_2325, CUMBRIA, HMICFRS, "PEEL", "2023/25", None, (sp(L_TEXT, "PEEL 2023/25"),)),
                 Inspection(D_2325, DORSET, HMICFRS, "PEEL", "2023/25", None,
                            (sp(L_TEXT, "the same PEEL 2023/25 round"),))),
    ratings=(
        _rating(L_TEXT, C_2325, "investigating_crime", "good", "peel_5tier", "now good at investigating crime"),
        _rating(L_TEXT, D_2325, "investigating_crime", "outstanding", "peel_5tier",
                "outstanding at investigating crime"),
    ),
    claims=(Claim(_key("claim", L_DOC, L_QUOTE), L_QUOTE, PENROSE, True, (C_2325,), "commits_to_action",
                  (sp(L_TEXT, "Alys Penrose said"),)),
            # one answer to an inspection and to one of its grades: shown once, answering both
            Claim(_key("claim", L_DOC, L_QUILL), L_QUILL, QUILL, True,
                  (D_2325, iris.rating(D_2325, "investigating_crime")), None, (sp(L_TEXT, "Later Marten Quill said"),))),
    main_force=CUMBRIA,
)

# --- 5: an undated note on two Dorset inspections whose periods it does not give ------------------

HOSTILE = "Dorset inspected twice <script>alert(1)</script> & <b>bold</b>"
U_TEXT = "Dorset Police was inspected under PEEL in one year and again under PEEL the next."
U_DOC = Document(U_TEXT, "notes/dorset-undated.txt", title=HOSTILE)  # every page that lists it escapes it
UNDATED = Extraction(
    document=U_DOC,
    organisations=(_org(U_TEXT, DORSET, "Dorset Police", "police_force", "Dorset Police"),),
    inspections=(Inspection(D_UNDATED_A, DORSET, HMICFRS, "PEEL", None, None, (sp(U_TEXT, "under PEEL in one year"),)),
                 Inspection(D_UNDATED_B, DORSET, HMICFRS, "PEEL", None, None, (sp(U_TEXT, "under PEEL the next"),))),
    main_force=DORSET,
)

EXTRACTIONS = (REPORT, NEWS, OLD, LATEST, UNDATED)


def build(store):
    """Put the reference graph and the four documents into ``store``; returns it."""
    store.ensure_reference(reference_quads(), reference_version())
    for extraction in EXTRACTIONS:
        extraction.check()
        store.put_document(extraction.document.id, extraction.document.source, to_quads(extraction))
    return store
