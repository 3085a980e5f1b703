"""Imports every command module so each registers itself on the app."""

from . import build  # noqa: F401
