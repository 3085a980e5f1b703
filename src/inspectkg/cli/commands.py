"""Imports every command module so each registers itself on the app."""

from . import build  # noqa: F401
from . import store_commands  # noqa: F401
from . import ontology  # noqa: F401
from . import validate  # noqa: F401
from . import evaluate  # noqa: F401
from . import network  # noqa: F401
from . import query  # noqa: F401
from . import serve  # noqa: F401
from ..scale import command as _shard  # noqa: F401,E402  (inspectkg shard)
