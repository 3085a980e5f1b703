"""The one error type the server and the pages raise: an HTTP status and a sentence.

    raise HttpError(404, "nothing is known about ikd:force/nowhere")
    raise HttpError(503, "all query workers are busy; try again")   # carries Retry-After: 1

The server answers it as JSON (``{"error": message, "status": status}``) on the
endpoint and the API, and as an HTML error page on the explorer's pages.  Any other
:class:`~inspectkg.errors.InspectkgError` (a bad parameter, an unknown name) is a 400;
anything else is a 500 (:func:`as_http_error`).
"""

from __future__ import annotations

from ..errors import InspectkgError


class HttpError(Exception):
    """An answer that is not a success: 400 bad or refused, 404, 422 past a limit, 503 busy, ..."""

    def __init__(self, status: int, message: str, *, headers: dict[str, str] | None = None,
                 form: str | None = None):
        super().__init__(message)
        self.status = status
        self.message = message
        self.headers = dict(headers or {})
        if status == 503:
            self.headers.setdefault("Retry-After", "1")
        self.form = form  # "update" when a query turned out to be an update (see server.sparql)

    def payload(self) -> dict:
        return {"error": self.message, "status": self.status}


def as_http_error(exc: BaseException) -> HttpError:
    """Any exception as an HttpError: ours keep their status, library errors are 400, the rest 500."""
    if isinstance(exc, HttpError):
        return exc
    if isinstance(exc, InspectkgError):
        return HttpError(400, str(exc))
    return HttpError(500, f"internal error: {type(exc).__name__}: {exc}")
