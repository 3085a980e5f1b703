"""``python -m inspectkg.cli`` runs the command line."""

from . import main

main()
