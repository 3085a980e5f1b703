"""A small hand-made corpus (our own text) for the network view and the drawings:
two inspections of one force, grades on both scales, findings, people with roles
and responses with stances."""

from __future__ import annotations

from support.sample_extraction import find

from inspectkg import iris
from inspectkg.store.mapping import to_quads
from inspectkg.store.embedded import Store
from inspectkg.pipeline import load_reference
from inspectkg.model import (
    Appointment, Claim, Document, Extraction, Finding, Inspection, Organisation, Person, Rating,
)

PEEL22 = iris.inspection("kent", "PEEL", "2021/22")
PEEL18 = iris.inspection("kent", "PEEL", "2018/19")
B = iris.BASE

TEXT_2022 = (
    "HMICFRS rated Kent Police inadequate at investigating crime and outstanding at recording data "
    "about crime in its PEEL 2021/22 inspection.\n"
    "Cause of concern: victims of domestic abuse were not kept informed about their cases.\n"
    "Area for improvement: the force should check decisions to close investigations.\n"
    "Roy Wilsher, HM Inspector of Constabulary, said some investigations are poor.\n"
    "Chief Constable Alan Pughsley said: \"We accept the findings on victims.\"\n"
    "Police and Crime Commissioner Matthew Scott said the work on burglary was not recognised."
)
TEXT_2018 = (
    "In the PEEL 2018/19 inspection HMICFRS found Kent Police good at investigating crime and "
    "outstanding at recording crime.\n"
    "Strength: the force moves fast once a crime is reported.\n"
    "Chief Constable Alan Pughsley said: \"We will keep improving how we support victims.\""
)


def _key(kind: str, doc: Document, text: str, part: str) -> str:
    start = text.index(part)
    return iris.in_document(kind, doc.id, start, start + len(part))


def extraction_2022() -> Extraction:
    text = TEXT_2022
    doc = Document(text, "news/2022.txt", title="Kent graded", published="2022-04-14")
    concern = "victims of domestic abuse were not kept informed about their cases"
    afi = "the force should check decisions to close investigations"
    f_concern, f_afi = _key("finding", doc, text, concern), _key("finding", doc, text, afi)
    q1 = "some investigations are poor"
    q2 = "We accept the findings on victims."
    q3 = "the work on burglary was not recognised"
    return Extraction(
        document=doc,
        organisations=(
            Organisation("force/kent", "Kent Police", "police_force", (find(text, "Kent Police"),)),
            Organisation("org/hmicfrs", "HMICFRS", "inspectorate", (find(text, "HMICFRS"),)),
        ),
        people=(
            Person("person/roy-wilsher", "Roy Wilsher", (find(text, "Roy Wilsher"),)),
            Person("person/alan-pughsley", "Alan Pughsley", (find(text, "Alan Pughsley"),)),
            Person("person/matthew-scott", "Matthew Scott", (find(text, "Matthew Scott"),)),
        ),
        appointments=(
            Appointment("person/roy-wilsher", "hm_inspector_of_constabulary", "org/hmicfrs",
                        "HM Inspector of Constabulary", evidence=(find(text, "Roy Wilsher, HM Inspector"),)),
            Appointment("person/alan-pughsley", "chief_constable", "force/kent", "Chief Constable",
                        evidence=(find(text, "Chief Constable Alan Pughsley"),)),
            Appointment("person/matthew-scott", "police_and_crime_commissioner", "force/kent",
                        "Police and Crime Commissioner",
                        evidence=(find(text, "Police and Crime Commissioner Matthew Scott"),)),
        ),
        inspections=(Inspection(PEEL22, "force/kent", "org/hmicfrs", "PEEL", "2021/22", "2022-04",
                                (find(text, "PEEL 2021/22 inspection"),)),),
        ratings=(
            Rating(iris.rating(PEEL22, "investigating_crime"), PEEL22, "investigating_crime", "inadequate",
                   "investigating crime", scale="peel_5tier", evidence=(find(text, "inadequate at investigating crime"),)),
            Rating(iris.rating(PEEL22, "recording_data_about_crime"), PEEL22, "recording_data_about_crime",
                   "outstanding", "recording data about crime", scale="peel_5tier",
                   evidence=(find(text, "outstanding at recording data about crime"),)),
        ),
        findings=(
            Finding(f_concern, PEEL22, "cause_of_concern", find(text, concern)),
            Finding(f_afi, PEEL22, "area_for_improvement", find(text, afi)),
        ),
        claims=(
            Claim(_key("claim", doc, text, q1), find(text, q1), "person/roy-wilsher", quotation=False,
                  responds_to=(PEEL22,)),
            Claim(_key("claim", doc, text, q2), find(text, q2), "person/alan-pughsley",
                  responds_to=(f_concern,), stance="accepts"),
            Claim(_key("claim", doc, text, q3), find(text, q3), "person/matthew-scott", quotation=False,
                  responds_to=(f_concern, PEEL22), stance="disputes"),
        ),
        main_force="force/kent",
    )


def extraction_2018() -> Extraction:
    text = TEXT_2018
    doc = Document(text, "news/2018.txt", title="Kent good", published="2019-05")
    strength = "the force moves fast once a crime is reported"
    f_strength = _key("finding", doc, text, strength)
    quote = "We will keep improving how we support victims."
    return Extraction(
        document=doc,
        organisations=(
            Organisation("force/kent", "Kent Police", "police_force", (find(text, "Kent Police"),)),
            Organisation("org/hmicfrs", "HMICFRS", "inspectorate", (find(text, "HMICFRS"),)),
        ),
        people=(Person("person/alan-pughsley", "Alan Pughsley", (find(text, "Alan Pughsley"),)),),
        appointments=(Appointment("person/alan-pughsley", "chief_constable", "force/kent", "Chief Constable",
                                  evidence=(find(text, "Chief Constable Alan Pughsley"),)),),
        inspections=(Inspection(PEEL18, "force/kent", "org/hmicfrs", "PEEL", "2018/19", None,
                                (find(text, "PEEL 2018/19 inspection"),)),),
        ratings=(
            Rating(iris.rating(PEEL18, "eff_investigating_reoffending"), PEEL18, "eff_investigating_reoffending",
                   "good", "investigating crime", scale="peel_4tier", evidence=(find(text, "good at investigating crime"),)),
            Rating(iris.rating(PEEL18, "crime_data_integrity"), PEEL18, "crime_data_integrity", "outstanding",
                   "recording crime", scale="peel_4tier", evidence=(find(text, "outstanding at recording crime"),)),
        ),
        findings=(Finding(f_strength, PEEL18, "strength", find(text, strength)),),
        claims=(Claim(_key("claim", doc, text, quote), find(text, quote), "person/alan-pughsley",
                      responds_to=(f_strength,), stance="commits_to_action"),),
        main_force="force/kent",
    )


def hostile_extraction() -> Extraction:
    """A speaker whose name is markup: drawings must show it as text."""
    text = "Kent Police were rated good. <script>alert(1)</script> Smith said: \"Fine.\""
    doc = Document(text, "news/hostile.txt", published="2022-05-01")
    name = "<script>alert(1)</script> Smith"
    return Extraction(
        document=doc,
        organisations=(Organisation("force/kent", "Kent Police", "police_force", (find(text, "Kent Police"),)),),
        people=(Person(iris.person(name), name, (find(text, name),)),),
        claims=(Claim(_key("claim", doc, text, "Fine."), find(text, "Fine."), iris.person(name),
                      responds_to=(PEEL22,)),),
    )


def rich_store(*extra: Extraction) -> Store:
    """An in-memory store with the reference graph and the two hand-made documents."""
    store = Store(None)
    load_reference(store)
    for x in (extraction_2022(), extraction_2018(), *extra):
        x.check()
        store.put_document(x.document.id, x.document.source, to_quads(x))
    return store
