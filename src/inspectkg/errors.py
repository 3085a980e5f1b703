"""Errors inspectkg raises.  Library code raises; only ``cli.py`` prints.

    InspectkgError                    exit code 3 unless a subclass says otherwise
    ├── InputError(path, problem)     2: a document, folder or URL that cannot be read
    ├── UsageError                    2: bad options, unknown query name, bad parameter
    ├── RuleError(path, problem)      3: a pattern or data file of ours is broken
    ├── QueryError                    2: a SPARQL query that fails or is refused
    ├── StoreError                    3: the store cannot be opened or written
    │   └── StoreLocked               2: another process is writing to the store
    ├── ReasonerError                 3: the OWL reasoner cannot run (no Java, timeout)
    └── ValidationFailed              1: the graph does not conform to the shapes
"""

from __future__ import annotations


class InspectkgError(Exception):
    exit_code = 3


class InputError(InspectkgError):
    """A document that cannot be read: names the file and the problem."""

    exit_code = 2

    def __init__(self, path: str, problem: str, hint: str | None = None):
        self.path = str(path)
        self.problem = problem
        self.hint = hint
        message = f"{self.path}: {problem}"
        if hint:
            message += f"; {hint}"
        super().__init__(message)


class UsageError(InspectkgError):
    exit_code = 2


class RuleError(InspectkgError):
    def __init__(self, path: str, problem: str):
        self.path = str(path)
        self.problem = problem
        super().__init__(f"{self.path}: {problem}")


class QueryError(InspectkgError):
    exit_code = 2


class StoreError(InspectkgError):
    exit_code = 3


class StoreLocked(StoreError):
    exit_code = 2


class ReasonerError(InspectkgError):
    """HermiT could not run: Java missing, a timeout, or a Java error."""

    exit_code = 3


class ValidationFailed(InspectkgError):
    exit_code = 1
