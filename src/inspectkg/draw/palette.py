"""The colours and small text helpers the network drawings share (accountability,
neighbourhood): one home, so a legend means the same in every figure."""

from __future__ import annotations

ROLE_COLOURS = {
    "chief_officer": ("#dbe9f6", "#1f5fa8", "chief officer / force"),
    "pcc": ("#ead9f2", "#7b3294", "PCC / mayor"),
    "inspector": ("#fde3c8", "#d46a00", "inspector / inspectorate"),
    "other": ("#e8e8e8", "#666666", "other speaker"),
}
KIND_COLOURS = {
    "cause_of_concern": ("#f8d0d0", "#b2182b", "cause of concern"),
    "area_for_improvement": ("#fdebc8", "#b07800", "area for improvement"),
    "recommendation": ("#d6eaf8", "#2874a6", "recommendation"),
    "strength": ("#d5efd5", "#2e7d32", "strength"),
    "statement": ("#f2f2f2", "#777777", "statement"),
}
KIND_PLURALS = {"cause_of_concern": "causes of concern", "area_for_improvement": "areas for improvement",
                "recommendation": "recommendations", "strength": "strengths", "statement": "other statements"}
STANCE_COLOURS = {
    "accepts": ("#2e7d32", "accepts"),
    "disputes": ("#b2182b", "disputes"),
    "commits_to_action": ("#1f5fa8", "commits to action"),
    "": ("#8a8a8a", "no stance stated / mixed"),
}
TYPE_COLOURS = {
    "PoliceForce": ("#cfe8e3", "#00796b", "police force"),
    "Inspectorate": ("#fde3c8", "#d46a00", "inspectorate"),
    "Organisation": ("#f0f0d8", "#7a7a3a", "other organisation"),
    "Inspection": ("#ffffff", "#333333", "inspection"),
}
EDGE_COLOURS = {
    "holds_role": ("#7b3294", "holds a role in"),
    "inspected": ("#00796b", "inspected (and graded)"),
    "conducted_by": ("#d46a00", "conducted by"),
    "finding_of": ("#9a9a9a", "finding of"),
    "said": ("#444444", "responded to"),
}
INSPECTION_BOX = ("#ffffff", "#333333")


def clip(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


__all__ = ["clip", "KIND_PLURALS", "EDGE_COLOURS", "KIND_COLOURS", "ROLE_COLOURS", "STANCE_COLOURS", "TYPE_COLOURS"]
