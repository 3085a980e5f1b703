"""A document's text with spans marked: nested where spans nest, split where they cross.

    >>> render("Tim Smith said hi", [Mark(0, 9, "person", "person: Tim Smith")])
    '<mark class="hl k-person" id="span-0-9" title="person: Tim Smith">Tim Smith</mark> said hi'

Each span gets ``id="span-<start>-<end>"`` on its first piece; a span that
crosses another's end is closed with it and reopened after it as a piece with
no id, so the tags always balance.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html import escape


@dataclass(frozen=True)
class Mark:
    start: int
    end: int
    kind: str
    note: str = ""
    kinds: tuple[str, ...] = field(default=())


def _open(mark: Mark, first: bool) -> str:
    anchor = f' id="span-{mark.start}-{mark.end}"' if first else ""
    more = f' data-kinds="{escape(" ".join(mark.kinds))}"' if len(mark.kinds) > 1 else ""
    cont = "" if first else " cont"
    return (f'<mark class="hl k-{escape(mark.kind)}{cont}"{anchor}{more} '
            f'title="{escape(mark.note or mark.kind)}">')


def render(text: str, marks: list[Mark]) -> str:
    marks = sorted(
        {m for m in marks if 0 <= m.start < m.end <= len(text)},
        key=lambda m: (m.start, -m.end, m.kind),
    )
    points = sorted({0, len(text), *(m.start for m in marks), *(m.end for m in marks)})
    starts: dict[int, list[Mark]] = {}
    for m in marks:
        starts.setdefault(m.start, []).append(m)
    out: list[str] = []
    stack: list[Mark] = []
    for i, pos in enumerate(points):
        # close what ends here; reopen (as continuations) what was closed only to get at it
        if any(m.end == pos for m in stack):
            reopen = []
            while any(m.end == pos for m in stack):
                top = stack.pop()
                out.append("</mark>")
                if top.end != pos:
                    reopen.append(top)
            for m in reversed(reopen):
                out.append(_open(m, first=False))
                stack.append(m)
        for m in starts.get(pos, ()):  # longest first, so shorter ones nest inside
            out.append(_open(m, first=True))
            stack.append(m)
        if i + 1 < len(points):
            out.append(escape(text[pos : points[i + 1]], quote=False))
    out.extend("</mark>" for _ in stack)
    return "".join(out)
