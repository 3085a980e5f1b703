"""A small SPARQL tokeniser, and what we need it for: the projection of a saved
query, parameter binding by a ``VALUES`` block, and refusing queries that would
reach outside the store.

The tokeniser knows where strings, IRIs and comments are, so a keyword inside
a literal (``"SERVICE"``) or a comment never counts, and a ``{`` inside a string
never moves the ``VALUES`` block.  Oxigraph does not decode ``\\uXXXX`` escapes
outside string literals (checked in tests), so ``SERV\\u0049CE`` is a syntax
error there, not a SERVICE, and the raw text is what we look at.

    >>> [t.value for t in tokenize('SELECT ?x { ?x <http://e/p> "a } b" } # }')]
    ['SELECT', '?x', '{', '?x', '<http://e/p>', '"a } b"', '}']
    >>> projection("PREFIX ik: <x:> SELECT DISTINCT ?a (COUNT(?b) AS ?n) WHERE { ?a ?p ?b }")
    ['a', 'n']
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urljoin

from ..errors import QueryError

_TOKEN = re.compile(
    r"""
      (?P<ws>\s+)
    | (?P<comment>\#[^\n\r]*)
    | (?P<string>\"\"\"[^"\\]*(?:(?:\\.|"(?!""))[^"\\]*)*\"\"\"|'''[^'\\]*(?:(?:\\.|'(?!''))[^'\\]*)*'''
                 |"[^"\\\n\r]*(?:\\.[^"\\\n\r]*)*"|'[^'\\\n\r]*(?:\\.[^'\\\n\r]*)*')
    | (?P<iri><[^<>"{}|^`\\\x00-\x20]*(?:(?:\\u[0-9A-Fa-f]{4}|\\U[0-9A-Fa-f]{8})[^<>"{}|^`\\\x00-\x20]*)*>)
    | (?P<var>[?$][A-Za-z0-9_\u00B7-\uFFFF]+)
    | (?P<pname>(?:[A-Za-z\u00C0-\uFFFF][\w\-.\u00B7-\uFFFF]*)?:(?:[\w\-.:%\u00B7-\uFFFF]|\\.)*)
    | (?P<word>[A-Za-z_][\w\-]*)
    | (?P<number>[0-9]+(?:\.[0-9]*)?(?:[eE][+-]?[0-9]+)?|\.[0-9]+(?:[eE][+-]?[0-9]+)?)
    | (?P<punct>\^\^|\|\||&&|!=|<=|>=|.)
    """,
    re.VERBOSE | re.DOTALL,
)

UPDATE_KEYWORDS = {"INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY", "WITH"}
QUERY_FORMS = {"SELECT", "ASK", "CONSTRUCT", "DESCRIBE"}


@dataclass(frozen=True)
class Token:
    kind: str  # string, iri, var, pname, word, number, punct
    value: str
    start: int
    end: int

    @property
    def keyword(self) -> str:
        return self.value.upper() if self.kind == "word" else ""


def tokenize(text: str) -> list[Token]:
    """Tokens outside comments and white space; an unterminated string is a QueryError."""
    out: list[Token] = []
    pos = 0
    while pos < len(text):
        match = _TOKEN.match(text, pos)
        kind = match.lastgroup
        value = match.group()
        if kind == "punct" and value in "\"'":
            raise QueryError(f"unterminated string literal at character {pos}")
        if kind == "pname" and value.endswith(".") and len(value) > 1:  # a local name never ends in '.'
            value = value.rstrip(".")
        if kind not in ("ws", "comment"):
            out.append(Token(kind, value, pos, pos + len(value)))
        pos += len(value)
    return out


def _prologue(tokens: list[Token]) -> tuple[dict[str, str], str | None, int]:
    """PREFIX and BASE declarations at the start: (prefixes, base, index of the next token)."""
    prefixes: dict[str, str] = {}
    base = None
    i = 0
    while i < len(tokens):
        kw = tokens[i].keyword
        if kw == "PREFIX" and i + 2 < len(tokens):
            prefixes[tokens[i + 1].value.rstrip(":")] = tokens[i + 2].value[1:-1]
            i += 3
        elif kw == "BASE" and i + 1 < len(tokens):
            base = tokens[i + 1].value[1:-1]
            i += 2
        else:
            break
    return prefixes, base, i


def query_form(text: str, tokens: list[Token] | None = None) -> str:
    """'select', 'ask', 'construct', 'describe' or 'update' (or QueryError); ``tokens`` if already made."""
    tokens = tokenize(text) if tokens is None else tokens
    _, _, i = _prologue(tokens)
    kw = tokens[i].keyword if i < len(tokens) else ""
    if kw in QUERY_FORMS:
        return kw.lower()
    if kw in UPDATE_KEYWORDS:
        return "update"
    raise QueryError("not a SPARQL query: expected SELECT, ASK, CONSTRUCT or DESCRIBE")


def projection(text: str) -> list[str] | None:
    """The projected variable names of a SELECT, in order; None for ``SELECT *``."""
    tokens = tokenize(text)
    _, _, i = _prologue(tokens)
    if i >= len(tokens) or tokens[i].keyword != "SELECT":
        raise QueryError("not a SELECT query")
    names: list[str] = []
    depth = 0
    for j in range(i + 1, len(tokens)):
        tok = tokens[j]
        if depth == 0 and (tok.keyword == "WHERE" or tok.value == "{" or tok.keyword == "FROM"):
            return names
        if tok.value == "*" and depth == 0:
            return None
        if tok.value == "(":
            depth += 1
        elif tok.value == ")":
            depth -= 1
        elif tok.kind == "var" and depth == 0:
            names.append(tok.value[1:])
        elif tok.kind == "var" and depth == 1 and tokens[j - 1].keyword == "AS":
            names.append(tok.value[1:])
    raise QueryError("SELECT without a WHERE clause")


def names_dataset(text: str, tokens: list[Token] | None = None) -> bool:
    """True if the query has a FROM or FROM NAMED clause (a dataset of its own).

    FROM is a reserved word that the grammar allows only in a dataset clause, so
    any FROM token outside strings, IRIs and comments is one.  The answer only
    chooses between the union default graph and the query's own dataset: a
    wrong answer changes which graphs are read, never what the engine may reach.
    """
    return any(t.keyword == "FROM" for t in (tokenize(text) if tokens is None else tokens))


def variables(text: str) -> set[str]:
    return {t.value[1:] for t in tokenize(text) if t.kind == "var"}


def with_values(text: str, bindings: dict[str, object], *, last: bool = False) -> str:
    """The query with ``VALUES (?a ?b) { (t1 t2) }`` first (or, with ``last``, last) in its
    outermost group pattern.

    ``bindings`` maps variable names to pyoxigraph terms; each is written with
    pyoxigraph's own N-Triples serialisation (``str(term)``), which escapes
    quotes, braces and line breaks, so a value can never become syntax.  A
    block inside the WHERE clause binds the variables before grouping (a
    trailing VALUES clause would join after it, and not filter a variable that
    an aggregate hides); where in the group it stands changes no answer, only
    the plan an engine makes (see :func:`inspectkg.sparql.queries.prepare`).
    """
    if not bindings:
        return text
    tokens = tokenize(text)
    _, _, i = _prologue(tokens)
    names = " ".join(f"?{name}" for name in bindings)
    terms = " ".join(_term(term) for term in bindings.values())
    block = f"\n  VALUES ({names}) {{ ({terms}) }}\n"
    depth = 0
    for j in range(i, len(tokens)):
        tok = tokens[j]
        if tok.value == "(":
            depth += 1
        elif tok.value == ")":
            depth -= 1
        elif tok.value == "{" and depth == 0:
            at = tokens[closing(tokens, j)].start if last else tok.end
            return text[:at] + block + text[at:]
    raise QueryError("no group pattern to bind parameters in")


def closing(tokens: list[Token], opening: int) -> int:
    """The index of the ``}`` that closes the ``{`` at ``tokens[opening]``."""
    depth = 0
    for k in range(opening, len(tokens)):
        depth += tokens[k].value == "{"
        depth -= tokens[k].value == "}"
        if depth == 0:
            return k
    raise QueryError("unbalanced braces")


def _term(term) -> str:
    from pyoxigraph import Literal, NamedNode

    if not isinstance(term, (NamedNode, Literal)):
        raise TypeError(f"cannot bind {term!r}: only IRIs and literals")
    return str(term)


# --- the guard -------------------------------------------------------------------------

def check_local(text: str, local_prefixes: tuple[str, ...], *, allow_update: bool = False,
                tokens: list[Token] | None = None) -> str:
    """Refuse what would make the engine fetch from elsewhere; returns the query form.

    SERVICE anywhere and LOAD are refused; FROM / FROM NAMED / USING / USING NAMED
    must name an IRI that starts with one of ``local_prefixes``.  This reads the text; the
    engine's own reading is checked where the query runs (see ``inspectkg.server.sandbox``).
    """
    tokens = tokenize(text) if tokens is None else tokens
    prefixes, base, i = _prologue(tokens)
    # PREFIX / BASE may also appear between update operations
    for j, tok in enumerate(tokens):
        if tok.keyword == "PREFIX" and j + 2 < len(tokens):
            prefixes[tokens[j + 1].value.rstrip(":")] = tokens[j + 2].value[1:-1]
    form = query_form(text, tokens)
    if form == "update" and not allow_update:
        raise QueryError("SPARQL UPDATE is not allowed here")
    for j, tok in enumerate(tokens):
        kw = tok.keyword
        if tok.kind == "punct" and tok.value == "\\":  # only strings, IRIs and prefixed names have escapes
            raise QueryError(f"a backslash outside a string, IRI or prefixed name (character {tok.start})")
        if kw == "SERVICE":
            raise QueryError("SERVICE (federated query) is refused: this endpoint only queries its own store")
        if kw == "LOAD":
            raise QueryError("LOAD is refused: this endpoint does not fetch remote data")
        if kw in ("FROM", "USING"):
            k = j + 1
            if k < len(tokens) and tokens[k].keyword == "NAMED":
                k += 1
            if k >= len(tokens):
                raise QueryError(f"{kw} without a graph IRI")
            iri = _resolve(tokens[k], prefixes, base)
            if iri is None or not iri.startswith(local_prefixes):
                raise QueryError(
                    f"{kw} {tokens[k].value} is refused: only graphs of this store "
                    f"({', '.join(local_prefixes)}…) can be named"
                )
    return form


def _resolve(token: Token, prefixes: dict[str, str], base: str | None) -> str | None:
    if token.kind == "iri":
        iri = token.value[1:-1]
        if re.match(r"^[A-Za-z][A-Za-z0-9+.\-]*:", iri):
            return iri
        return urljoin(base, iri) if base else None
    if token.kind == "pname":
        prefix, _, local = token.value.partition(":")
        if prefix in prefixes:
            return prefixes[prefix] + local.replace("\\", "")
    return None
