"""``python -m inspectkg`` runs the command line."""

from .cli import main

main()
