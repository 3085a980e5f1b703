"""A document's text with spans marked: nested where spans nest, split where they cross.

    >>> render("Tim Smith said hi", [Mark(0, 9, "person", "person: Tim Smith")])
    '<mark class="hl k-person" id="span-0-9" title="person: Tim Smith">Tim Smith</mark> said hi'

Each span gets ``id="span-<start>-<end>"`` on its first piece; a span that
crosses another's end is closed with it and reopened after it as a piece with
no id, so the tags always balance.  :func:`pieces` computes the sequence of
text, opening and closing pieces; the template ``_text.html`` writes it (escaped).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from markupsafe import Markup


@dataclass(frozen=True)
class Mark:
    start: int
    end: int
    kind: str
    note: str = ""
    kinds: tuple[str, ...] = field(default=())


def pieces(text: str, marks: list[Mark]) -> list[tuple]:
    """("text", str), ("open", Mark, first piece?) and ("close",) in document order, balanced."""
    marks = sorted(
        {m for m in marks if 0 <= m.start < m.end <= len(text)},
        key=lambda m: (m.start, -m.end, m.kind),
    )
    points = sorted({0, len(text), *(m.start for m in marks), *(m.end for m in marks)})
    starts: dict[int, list[Mark]] = {}
    for m in marks:
        starts.setdefault(m.start, []).append(m)
    out: list[tuple] = []
    stack: list[Mark] = []
    for i, pos in enumerate(points):
        # close what ends here; reopen (as continuations) what was closed only to get at it
        if any(m.end == pos for m in stack):
            reopen = []
            while any(m.end == pos for m in stack):
                top = stack.pop()
                out.append(("close",))
                if top.end != pos:
                    reopen.append(top)
            for m in reversed(reopen):
                out.append(("open", m, False))
                stack.append(m)
        for m in starts.get(pos, ()):  # longest first, so shorter ones nest inside
            out.append(("open", m, True))
            stack.append(m)
        if i + 1 < len(points) and points[i + 1] > pos:
            out.append(("text", text[pos : points[i + 1]]))
    out.extend(("close",) for _ in stack)
    return out


def render(text: str, marks: list[Mark]) -> Markup:
    """The text as HTML with the marks (escaped by the template, so safe to insert in another)."""
    from .templating import environment

    return Markup(environment().get_template("_text.html").render(pieces=pieces(text, marks)))
