"""What a page may return besides a template: a whole reply (a status, a media type, bytes).

    return Reply.html(render("saved.html", **context), status=400)
    return Reply(200, "text/turtle; charset=utf-8", body, {"Vary": "Accept"})
    return Reply.json({"nodes": [...], "edges": [...]})

A page runs in a query worker, so its answer crosses a pipe: a Reply is plain
data, and the server turns it into the HTTP response (adding the length and the
security headers).  Errors are raised, not returned: ``HttpError(status, message)``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from ..server.errors import HttpError

HTML = "text/html; charset=utf-8"
JSON = "application/json; charset=utf-8"

__all__ = ["HTML", "JSON", "HttpError", "Reply"]


@dataclass
class Reply:
    status: int
    content_type: str
    body: bytes
    headers: dict[str, str] = field(default_factory=dict)

    @classmethod
    def html(cls, text: str, status: int = 200, **headers: str) -> "Reply":
        return cls(status, HTML, text.encode("utf-8"), dict(headers))

    @classmethod
    def json(cls, data, status: int = 200, **headers: str) -> "Reply":
        return cls(status, JSON, json.dumps(data, indent=2, ensure_ascii=False).encode("utf-8"), dict(headers))

    @classmethod
    def text(cls, text: str, content_type: str, status: int = 200, **headers: str) -> "Reply":
        return cls(status, content_type, text.encode("utf-8"), dict(headers))
