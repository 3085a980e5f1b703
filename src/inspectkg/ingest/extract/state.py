"""What the entity and speech steps share beyond the Context's own fields.

Kept on the Context instance under one attribute (``ctx.entity_state``) so the
Context contract stays unchanged: ``get(ctx)`` creates it on first use.
Filled by the organisations and people steps, read by the quotes step.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .gazetteer import Hit


@dataclass
class EntityState:
    hits: list[Hit] = field(default_factory=list)  # every gazetteer hit (organisations step)
    inspectorate: str | None = None  # the inspectorate the document is about (organisations)
    about_inspection: bool = False  # does the text speak of an inspection or report (organisations)
    quote_regions: list[tuple[int, int]] = field(default_factory=list)  # marks included (quotes)
    # person mentions as (start, end, key), sorted (people step)
    person_mentions: list[tuple[int, int, str]] = field(default_factory=list)
    # role holders: role id -> person keys (people step)
    role_holders: dict[str, list[str]] = field(default_factory=dict)


def get(ctx) -> EntityState:
    state = ctx.__dict__.get("entity_state")
    if state is None:
        state = EntityState()
        ctx.__dict__["entity_state"] = state
    return state
