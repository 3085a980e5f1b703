"""Names for IRIs, kept for the modules that import them from here (the home is :mod:`.templating`).

Pages build no HTML in Python: they hand data to a Jinja2 template (see :mod:`.routes`).
"""

from __future__ import annotations

from .templating import compact, entity_path, is_local

__all__ = ["compact", "entity_path", "is_local"]
