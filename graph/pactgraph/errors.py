"""The exceptions pactgraph raises, and the exit code each one maps to.

Every error the library raises on purpose is a :class:`PactgraphError`. Third-party errors
(rdflib's ``BadSyntax``, pyoxigraph's ``SyntaxError``, pyparsing's ``ParseException``) are
caught where they enter and re-raised as one of these, naming the file, line and column.

::

    PactgraphError                 exit 1 unless a subclass says otherwise
    ├── DataError                  the data is bad                              exit 1
    │   └── ParseError             a file does not parse as RDF (FILE:LINE:COL)
    ├── QueryError                 a SPARQL query does not parse or fails       exit 1
    ├── RemoteError                a remote store cannot be reached or refuses  exit 4
    └── UsageError                 the command line or an argument is wrong     exit 2
        ├── InputNotFoundError     a file named on the command line does not exist
        ├── UnknownNameError       a name resolves to nothing, or to several things
        ├── QuestionError          a question is in no form ``ask`` reads
        ├── BindingError           a value cannot be bound to a query's variable
        └── OutputError            an output path cannot be written

The CLI prints ``error: <where>: <what to do>`` on one line and exits with
:attr:`PactgraphError.exit_code`.
"""

from __future__ import annotations

__all__ = [
    "BindingError",
    "DataError",
    "InputNotFoundError",
    "OutputError",
    "PactgraphError",
    "ParseError",
    "QueryError",
    "QuestionError",
    "RemoteError",
    "UnknownNameError",
    "UsageError",
]


class PactgraphError(Exception):
    """Base of every error pactgraph raises on purpose."""

    exit_code = 1


class DataError(PactgraphError):
    """The data given to pactgraph is wrong (exit code 1)."""


class ParseError(DataError):
    """A file does not parse as RDF.

    >>> str(ParseError("bad.ttl", "unexpected end of file", line=3, column=7))
    'bad.ttl:3:7: unexpected end of file'
    """

    def __init__(
        self, path: str, message: str, *, line: int | None = None, column: int | None = None
    ) -> None:
        self.path, self.line, self.column, self.message = path, line, column, message
        where = path
        if line is not None:
            where += f":{line}"
            if column is not None:
                where += f":{column}"
        super().__init__(f"{where}: {message}")


class QueryError(PactgraphError):
    """A SPARQL query does not parse, or fails while it runs (exit code 1)."""


class RemoteError(PactgraphError):
    """A remote SPARQL store cannot be reached, or refuses or fails a request (exit code 4);
    ``status`` is the HTTP status it answered, if any, and ``detail`` what it said."""

    exit_code = 4
    status: int | None = None
    detail: str = ""


class UsageError(PactgraphError):
    """The command line or an argument is wrong (exit code 2)."""

    exit_code = 2


class InputNotFoundError(UsageError):
    """A file named as input does not exist or is not a file."""


class UnknownNameError(UsageError):
    """A name matches nothing, or more than one thing; ``candidates`` lists the closest
    (each ``label (local name)``), ``labels`` names for them that resolve (their labels, or
    their local names where labels would not tell them apart), and ``name`` the name given.
    Raised by :func:`pactgraph.ask`, ``suggestion`` is the question rewritten with the
    closest name, when one is close."""

    def __init__(
        self,
        message: str,
        candidates: tuple[str, ...] = (),
        *,
        name: str | None = None,
        labels: tuple[str, ...] = (),
        suggestion: str | None = None,
    ) -> None:
        super().__init__(message)
        self.candidates, self.name, self.labels = candidates, name, labels
        self.suggestion = suggestion


class QuestionError(UsageError):
    """A question is in no form :func:`pactgraph.ask` reads; ``suggestion`` is the closest
    question it can answer, written with the question's own names."""

    def __init__(self, message: str, suggestion: str | None = None) -> None:
        super().__init__(message)
        self.suggestion = suggestion


class OutputError(UsageError):
    """An output path cannot be written: its directory is missing, or it is a directory."""


class BindingError(UsageError):
    """A value cannot be bound to a query's variable: the query has no such variable, the
    value does not read as an RDF term, or is of the wrong kind, or a required one is missing.

    ``variable`` names the variable (without ``?``); the message says what to do, and a
    caller that knows where the value came from (a command-line flag) can say so.

    >>> str(BindingError("party", "the query has no variable ?party"))
    '?party: the query has no variable ?party'
    """

    def __init__(self, variable: str, detail: str) -> None:
        self.variable, self.detail = variable, detail
        super().__init__(f"?{variable}: {detail}")
