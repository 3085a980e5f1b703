"""Text from outside (file names, URLs, stored literals) made safe to print on a terminal."""

from __future__ import annotations


def one_line(message: str) -> str:
    """The message with newlines, ESC and other control characters escaped (``\\x1b``, ``\\n``).

    File names may hold them; printed raw, they move the cursor, recolour or
    rewrite the terminal, or split one error over several lines.
    """
    if message.isprintable():
        return message
    return "".join(c if c.isprintable() else c.encode("unicode_escape").decode("ascii") for c in message)
