"""What the entity and speech steps share beyond the Context's own fields.

Declared as the Context field ``entity_state``; ``get(ctx)`` returns it.
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
    return ctx.entity_state
