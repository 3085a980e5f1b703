"""What a page handler returns: status, content type, body, extra headers."""

from __future__ import annotations

from dataclasses import dataclass, field

HTML = "text/html; charset=utf-8"


@dataclass
class Response:
    status: int
    content_type: str
    body: bytes
    headers: dict[str, str] = field(default_factory=dict)

    @classmethod
    def html(cls, text: str, status: int = 200) -> "Response":
        return cls(status, HTML, text.encode("utf-8"))

    @classmethod
    def text(cls, text: str, content_type: str, status: int = 200, **headers: str) -> "Response":
        return cls(status, content_type, text.encode("utf-8"), dict(headers))

    @classmethod
    def redirect(cls, location: str) -> "Response":
        return cls(303, "text/plain; charset=utf-8", b"", {"Location": location})


class HttpError(Exception):
    """Raised by a handler to answer with an error page."""

    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status
        self.message = message
