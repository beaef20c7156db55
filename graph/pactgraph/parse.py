"""What users write, read as values: dates, scenarios of dated events, RDF terms, SPARQL.

Every parser of user text lives here, so a date or a term reads the same way on the command
line, in a question and from Python:

- :func:`parse_date`: ``2031-07-01``, ``1 July 2031``, ``July 1, 2031``;
- :func:`parse_scenario`: ``NAME=DATE`` items, as ``--event`` takes them;
- :func:`parse_events`: ``"X on DATE and Y on DATE"``, as questions word them;
- :func:`parse_term`: an RDF term as written on a command line (``<iri>``, ``pg:Kept``,
  ``"text"@en``, ``42``, ``2030-12-31``);
- :func:`query_variables` and :func:`uses_service`: a scan of SPARQL text by the grammar's
  terminals (strings, IRIs and comments blanked), without parsing it.

Errors are :class:`~pactgraph.errors.UsageError` naming what was written, never a command
line flag: the caller knows where the text came from.
"""

from __future__ import annotations

import calendar
import datetime as dt
import difflib
import re
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

from .errors import UsageError
from .namespaces import PREFIXES, XSD

if TYPE_CHECKING:
    import pyoxigraph as ox

__all__ = [
    "DATE_PATTERN",
    "names_dataset",
    "nesting",
    "parse_date",
    "parse_events",
    "parse_scenario",
    "parse_term",
    "query_variables",
    "uses_service",
]

#: A date as :func:`parse_date` reads it, for use inside larger patterns.
DATE_PATTERN = (
    r"(?:\d{4}-\d{2}-\d{2}|(?:the )?\d{1,2}(?:st|nd|rd|th)? (?:of )?(?!{_NOT_A_MONTH})"
    r"[A-Za-z]{3,},? \d{4}|(?!{_NOT_A_MONTH})[A-Za-z]{3,} \d{1,2}(?:st|nd|rd|th)?,? \d{4}|today|now"
    r"|(?:the )?(?:end|start|beginning) of \d{4})"
).replace(
    # words a number and a year may stand beside that are no month ("Milestone 1 in 2011",
    # "30 days from 2020"); a month misspelt is one ("1 Ocotber 1997")
    "{_NOT_A_MONTH}",
    r"(?:and|the|for|from|out|per|but|into|onto|after|before|days?|weeks?|months?|years?"
    r"|business|calendar|percent)\b",
)

#: The months as dates write them, whole and cut short, for reading one misspelt.
_MONTHS = {
    **{name.lower(): name for name in calendar.month_name[1:]},
    **{name.lower(): name for name in calendar.month_abbr[1:]},
    "sept": "Sep",
}


def parse_date(text: str) -> dt.date:
    """A date from ``YYYY-MM-DD``, ``1 July 2031``, ``July 1, 2031``, ``today`` (or ``now``),
    or ``the end of 2030`` / ``the start of 2031`` (its last or first day).

    >>> parse_date("1 July 2031")
    datetime.date(2031, 7, 1)
    >>> parse_date("July 1st, 2031")
    datetime.date(2031, 7, 1)
    >>> parse_date("the end of 2030")
    datetime.date(2030, 12, 31)
    >>> parse_date("2031-13-01")
    Traceback (most recent call last):
    ...
    pactgraph.errors.UsageError: '2031-13-01' is not a date; write it as YYYY-MM-DD, e.g. 2031-07-01
    """
    value = text.strip().rstrip("?.,")
    # "1st of July, 2031", "July 1st 2031": ordinals and "of" as people write them
    value = re.sub(r"\b(\d{1,2})(?:st|nd|rd|th)\b", r"\1", value, flags=re.I)
    value = re.sub(r"^(?:the )?(\d{1,2}) (?:of )?", r"\1 ", value, flags=re.I)
    value = re.sub(r"^(\d{1,2} [A-Za-z]+), (\d{4})$", r"\1 \2", value)
    if value.lower() in {"today", "now"}:
        return dt.date.today()
    year = re.fullmatch(r"(?:the )?(end|start|beginning) of (\d{4})", value, re.I)
    if year and int(year[2]) > 0:
        return (
            dt.date(int(year[2]), 12, 31)
            if year[1].lower() == "end"
            else dt.date(int(year[2]), 1, 1)
        )
    value = re.sub(r"\bsept\b", "sep", value, flags=re.I)  # "1 Sept 2031"
    value = re.sub(r"[A-Za-z]{3,}", _month, value)
    formats = ("%Y-%m-%d", "%d %B %Y", "%d %b %Y", "%B %d, %Y", "%b %d, %Y", "%B %d %Y", "%b %d %Y")
    for fmt in formats:
        try:
            return dt.datetime.strptime(value, fmt).date()
        except ValueError:
            continue
    raise UsageError(f"{text!r} is not a date; write it as YYYY-MM-DD, e.g. 2031-07-01")


def _month(match: re.Match[str]) -> str:
    """A word where a date has its month, as the month it misspells where it is close to
    one alone ("Ocotber", "Feburary", "Spetember"); any other word as written."""
    word = match[0].lower()
    if word in _MONTHS:
        return match[0]
    close = difflib.get_close_matches(word, [m for m in _MONTHS if len(m) > 4], n=2, cutoff=0.75)
    return _MONTHS[close[0]] if len(close) == 1 else match[0]


def parse_scenario(items: Iterable[str]) -> dict[str, dt.date | list[dt.date]]:
    """``NAME=DATE`` items as ``{NAME: date}`` (the last ``=`` splits, so names may hold one);
    ``NAME=never`` for an event that never happens (:data:`pactgraph.scenario.NEVER`). An
    event named twice happens on each of its dates (``{NAME: [date, date]}``).

    >>> parse_scenario(["notice given=2029-03-01", "plant closes=never"])
    {'notice given': datetime.date(2029, 3, 1), 'plant closes': NEVER}
    >>> parse_scenario(["notice=2026-02-27", "notice=2026-03-05"])
    {'notice': [datetime.date(2026, 2, 27), datetime.date(2026, 3, 5)]}
    """
    events: dict[str, dt.date | list[dt.date]] = {}
    for item in items:
        name, sep, day = item.rpartition("=")
        if not sep or not name.strip():
            raise UsageError(
                f"{item!r}: write an event as NAME=DATE, e.g. 'notice given=2029-03-01'"
            )
        date = _never() if day.strip().lower() == "never" else parse_date(day)
        key = name.strip()
        if key in events:
            before = events[key]
            events[key] = [*(before if isinstance(before, list) else [before]), date]
        else:
            events[key] = date
    return events


def _never() -> dt.date:
    from .scenario import NEVER

    return NEVER


#: An event and its day: "notice is given on DATE", "the Effective Date is DATE", "the
#: season concludes on DATE", "the Effective Date falls on DATE", "initial deliveries take
#: place on DATE", and, tersely, "notice mailed 1 March 2010".
_DATED = re.compile(
    r"(?P<name>.+?)\s+(?:(?:is|was|will be|shall be|falls|fell|comes|came|takes place|took "
    r"place|take place)\s+(?:on\s+)?|on\s+|(?=\d))"
    rf"(?P<date>{DATE_PATTERN})",
    re.IGNORECASE,
)


def parse_events(text: str) -> dict[str, dt.date | tuple[dt.date, ...]]:
    """``"X on DATE and Y on DATE"`` as ``{"X": date, "Y": date}``; ``"never Z"`` or ``"Z
    never happens"`` dates Z :data:`pactgraph.scenario.NEVER`.

    >>> parse_events("notice is given on 2029-03-01 and the plant closes on 1 May 2030")
    {'notice is given': datetime.date(2029, 3, 1), 'the plant closes': datetime.date(2030, 5, 1)}
    >>> parse_events("the Effective Date is 1 April 1999 and the term falls on 2000-03-31")
    {'the Effective Date': datetime.date(1999, 4, 1), 'the term': datetime.date(2000, 3, 31)}
    >>> parse_events("the plant does not close")
    {'the plant close': NEVER}
    >>> parse_events("notice is given on 2029-03-01 but the plant never closes")
    {'notice is given': datetime.date(2029, 3, 1), 'the plant closes': NEVER}

    An event named twice happens on both days:

    >>> parse_events("notice is given on 6 May 2021 and notice is given on 4 May 2021")
    {'notice is given': (datetime.date(2021, 5, 4), datetime.date(2021, 5, 6))}
    """
    events: dict[str, dt.date | tuple[dt.date, ...]] = {}
    for part in _clauses(text.strip()):
        dated = _DATED.fullmatch(part.strip())
        if dated:
            name, day = dated["name"].strip(), parse_date(dated["date"])
            before = events.get(name)
            if before is None:
                events[name] = day
            else:
                known = before if isinstance(before, tuple) else (before,)
                events[name] = tuple(sorted({*known, day}))
            continue
        never = _NEVER_EVENT.fullmatch(_negated(part.strip()))
        if never:
            if never["first"]:
                name = never["first"]
            elif never["who"]:
                name = never["who"]
            elif never["who2"]:
                name = f"{never['who2']} {never['aux']} {never['verb2']}"
            else:
                name = f"{never['who3']} {never['verb3']}"
            events[name.strip()] = _never()
    if not events:
        raise UsageError(f"no 'EVENT on DATE' (or 'never EVENT') in {text!r}")
    return events


def _clauses(text: str) -> list[str]:
    """``text`` cut at its commas, "and"s, "but"s and "after"s into the most clauses that
    each date an event or say one never happens: a comma or "and" inside a name ("KI, Inc. mails the
    notice", "remedies the violation and satisfies KI") or a date ("March 1, 2029") does
    not cut. Cut everywhere where no such reading exists."""
    pieces = re.split(r"(,\s*(?:and\s+|but\s+)?|\s+(?:and|but|after)\s+)", text)
    parts, glue = pieces[0::2], pieces[1::2]

    def whole(first: int, last: int) -> str:  # parts first..last with what joined them
        return "".join(
            p + (glue[i] if i < last else "") for i, p in enumerate(parts) if first <= i <= last
        )

    def complete(clause: str) -> bool:
        clause = clause.strip()
        return bool(_DATED.fullmatch(clause) or _NEVER_EVENT.fullmatch(_negated(clause)))

    # count[i]: the most clauses parts[:i] cut into (-1: none), starts[i]: where the last starts
    count, starts = [0] + [-1] * len(parts), [0] * (len(parts) + 1)
    for end in range(1, len(parts) + 1):
        for start in range(end):
            if (
                count[start] >= 0
                and count[start] + 1 > count[end]
                and complete(whole(start, end - 1))
            ):
                count[end], starts[end] = count[start] + 1, start
    if count[-1] < 0:
        return parts
    found, end = [], len(parts)
    while end:
        found.append(whole(starts[end], end - 1))
        end = starts[end]
    return found[::-1]


# An event that never happens, as people say it: "never notice is given", "notice is never
# given" (notice is given), "the plant never closes" (the plant closes), "AGI never happens".
_NEVER_EVENT = re.compile(
    r"(?:if\s+)?never\s+(?P<first>.+)"
    r"|(?P<who>.+?)\s+never\s+(?:happens|comes|occurs)"
    r"|(?P<who2>.+?)\s+(?P<aux>is|are)\s+never\s+(?P<verb2>\w+)"
    r"|(?P<who3>.+?)\s+never\s+(?P<verb3>.+)",
    re.I,
)


def _negated(clause: str) -> str:
    """An undated clause that says an event does not happen, as "never" says it: "the
    Distributor does not renew" (never renews), "no notice against renewal is ever given",
    "neither party ever gives notice" ("no one ever gives notice")."""
    clause = re.sub(
        r"^no (.+?) (is|are|was|were) ever (\w+)", r"\1 \2 never \3", clause, flags=re.I
    )
    clause = re.sub(
        r"^(?:neither party|no one|no-one|nobody|no party) ever ",
        "never a party ",
        clause,
        flags=re.I,
    )
    return re.sub(
        r"\b(?:(?:does|do|did|will|shall|would) not|doesn'?t|don'?t|didn'?t|won'?t)\b"
        r"(?:\s+ever\b)?",
        "never",
        clause,
        flags=re.I,
    )


_IRIREF = re.compile(r"<(?:[^<>\"{}|^`\\\x00-\x20]|\\u[0-9A-Fa-f]{4}|\\U[0-9A-Fa-f]{8})*>")
_VARIABLE = re.compile(r"[?$](\w+)")
_SERVICE = re.compile(r"service", re.I)
_FROM = re.compile(r"from(?=named|[^\w:.\-]|$)", re.I)
# What a SPARQL name can hold (PN_CHARS, the dot inside local names, ``%hh`` and ``\\``
# escapes, the colon of a prefixed name), and what a variable's name can.
_NAME_CHAR = re.compile(r"[\w.\-\u00b7\u0300-\u036f\u203f\u2040%\\:]")
_VARNAME = re.compile(r"[\w\u00b7\u0300-\u036f\u203f\u2040]*")
_LITERAL = re.compile(
    r'^"(?P<text>(?:[^"\\]|\\.)*)"(?:@(?P<lang>[A-Za-z]+(?:-[A-Za-z0-9]+)*)|\^\^(?P<dt>\S+))?$',
    re.S,
)
_PREFIXED = re.compile(r"^(?P<prefix>[A-Za-z][\w.-]*)?:(?P<local>[^\s<>\"{}|^`\\]*)$")
_SCHEME_IRI = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://\S+$")
_ESCAPES = {"t": "\t", "n": "\n", "r": "\r", "b": "\b", "f": "\f", '"': '"', "'": "'", "\\": "\\"}


def _string_end(text: str, start: int, quote: str) -> int | None:
    """Where the string opening at ``start`` ends (just past it), or ``None`` if it does not."""
    i, n = start + len(quote), len(text)
    while i < n:
        if text.startswith(quote, i):
            return i + len(quote)
        char = text[i]
        if char == "\\":
            i += 2
            continue
        if len(quote) == 1 and char in "\r\n":
            return None
        i += 1
    return None


def _code(text: str) -> str:
    r"""The query text with strings, IRIs and comments blanked out (same length).

    A scan by the SPARQL grammar's terminals: escapes inside strings, ``\u`` escapes inside
    IRIs, comments ending at either line break, ``\#`` inside a local name. Where it is
    unsure it keeps text as code, so nothing that a parser reads as code is blanked.
    """
    out: list[str] = []
    i, n = 0, len(text)
    while i < n:
        char, end = text[i], None
        if char == "#":
            end = i + 1
            while end < n and text[end] not in "\r\n":
                end += 1
        elif char == "<":
            match = _IRIREF.match(text, i)
            end = match.end() if match else None
        elif char in "\"'":
            quote = char * 3 if text.startswith(char * 3, i) else char
            end = _string_end(text, i, quote)
        elif char == "\\":  # an escape in a local name, such as ex:a\#b: code, not a comment
            out.append(text[i : i + 2])
            i += 2
            continue
        if end is None:
            out.append(char)
            i += 1
        else:
            out.append(" " * (end - i))
            i = end
    return "".join(out)


def query_variables(text: str) -> set[str]:
    """The names of the variables a query mentions (outside strings, IRIs and comments).

    >>> sorted(query_variables('SELECT ?a WHERE { ?a <http://x/#?b> "?c" . $d ?e 1 } # ?f'))
    ['a', 'd', 'e']
    """
    return set(_VARIABLE.findall(_code(text)))


def nesting(text: str) -> int:
    """How deep a query's groups, brackets and parentheses nest (outside strings, IRIs and
    comments).

    >>> nesting("SELECT * { { ?s ?p ?o } UNION { ?s ?p (1) } }")
    3
    """
    depth = deepest = 0
    for char in _code(text):
        if char in "{([":
            depth += 1
            deepest = max(deepest, depth)
        elif char in "})]":
            depth = max(depth - 1, 0)
    return deepest


def uses_service(text: str) -> bool:
    """Whether a query may have a ``SERVICE`` clause (a federated call to another endpoint).

    SPARQL parsers read keywords glued to what comes before them when that ends a token
    (``1SERVICE<...>``, ``trueSERVICE``, ``)SERVICE``) and whatever comes after
    (``SERVICESILENT<...>``, ``services:x`` with a prefix ``s:``), so "service" outside
    strings, IRIs and comments counts, unless it is inside a name that began before it: a
    variable (``?service``, ``$my_service``), or the local part of a prefixed name or a blank
    node label (``:azure-services``, ``ex:self-service``, ``_:service``).

    >>> uses_service("SELECT * { service <http://example.org/sparql> { ?s ?p ?o } }")
    True
    >>> uses_service("SELECT * { ?s ?p 1SERVICESILENT<http://example.org/sparql>{} }")
    True
    >>> uses_service('SELECT ?x { ?x <https://example.org/service> "SERVICE" } # SERVICE')
    False
    >>> uses_service("SELECT ?service { ?service ?p :azure-services }")
    False
    """
    code = _code(text)
    for match in _SERVICE.finditer(code):
        start = match.start()
        while start > 0 and _NAME_CHAR.match(code[start - 1]):
            start -= 1
        run = code[start : match.start()]
        if start > 0 and code[start - 1] in "?$" and _VARNAME.fullmatch(run):
            continue  # inside a variable's name
        local = run.rpartition(":")[2]
        if ":" in run and not local.startswith((".", "-")):
            continue  # inside a prefixed name's local part or a blank node's label
        return True
    return False


def names_dataset(text: str) -> bool:
    """Whether a query names its own dataset with ``FROM`` or ``FROM NAMED``.

    >>> names_dataset("SELECT * FROM <http://example.org/g> WHERE { ?s ?p ?o }")
    True
    >>> names_dataset('SELECT ?from WHERE { ?from ?p "FROM" } # FROM <x>')
    False
    """
    code = _code(text)
    for match in _FROM.finditer(code):
        before = code[match.start() - 1] if match.start() else " "
        if not _NAME_CHAR.match(before) and before not in "?$":
            return True
    return False


def _iri(text: str, where: str) -> ox.NamedNode:
    import pyoxigraph as ox

    try:
        return ox.NamedNode(text)
    except ValueError as err:
        raise UsageError(f"{where}: <{text}> is not a valid IRI ({err})") from err


def parse_term(
    text: str, *, where: str = "value", prefixes: Mapping[str, str] | None = None
) -> ox.NamedNode | ox.Literal:
    """An RDF term written as on the command line.

    ``<iri>``, a prefixed name with one of pactgraph's prefixes (``pg:Kept``), a full
    ``https://...`` IRI, a literal ``"text"``, ``"text"@en`` or ``"text"^^xsd:date``, or a
    bare integer, decimal, boolean or ``YYYY-MM-DD`` date. ``prefixes`` adds prefixes to
    pactgraph's own (such as ``""`` for the one agreement loaded, so ``:openai`` works).
    A malformed value raises :class:`~pactgraph.errors.UsageError`.

    >>> parse_term("pg:Kept")
    <NamedNode value=https://w3id.org/pactgraph/ns#Kept>
    >>> parse_term('"2030-12-31"^^xsd:date')
    <Literal value=2030-12-31 datatype=<NamedNode value=http://www.w3.org/2001/XMLSchema#date>>
    >>> parse_term("42").datatype.value
    'http://www.w3.org/2001/XMLSchema#integer'
    """
    import pyoxigraph as ox

    known_prefixes = {**(prefixes or {}), **PREFIXES}
    value = text.strip()
    if value.startswith("<") and value.endswith(">"):
        return _iri(value[1:-1], where)
    match = _LITERAL.match(value)
    if match:
        body = re.sub(r"\\(.)", lambda m: _ESCAPES.get(m.group(1), m.group(0)), match["text"])
        if match["lang"]:
            return ox.Literal(body, language=match["lang"])
        if match["dt"]:
            datatype = parse_term(match["dt"], where=where, prefixes=prefixes)
            if not isinstance(datatype, ox.NamedNode):
                raise UsageError(f"{where}: the datatype of {value} must be an IRI")
            return ox.Literal(body, datatype=datatype)
        return ox.Literal(body)
    if value in {"true", "false"}:
        return ox.Literal(value, datatype=ox.NamedNode(XSD + "boolean"))
    if re.fullmatch(r"[+-]?\d+", value):
        return ox.Literal(value, datatype=ox.NamedNode(XSD + "integer"))
    if re.fullmatch(r"[+-]?\d*\.\d+", value):
        return ox.Literal(value, datatype=ox.NamedNode(XSD + "decimal"))
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        try:
            dt.date.fromisoformat(value)
        except ValueError as err:
            raise UsageError(f"{where}: {value} is not a date ({err})") from err
        return ox.Literal(value, datatype=ox.NamedNode(XSD + "date"))
    if _SCHEME_IRI.match(value):
        return _iri(value, where)
    match = _PREFIXED.match(value)
    if match:
        prefix = match["prefix"] or ""
        if prefix not in known_prefixes:
            raise UsageError(
                f"{where}: unknown prefix {prefix!r} in {value}; use one of "
                f"{', '.join(p + ':' for p in sorted(known_prefixes))} or write <full IRI>"
            )
        return _iri(known_prefixes[prefix] + match["local"], where)
    raise UsageError(
        f"{where}: cannot read {value!r} as an RDF term; write <iri>, prefix:name, "
        '"text", "text"@en, "text"^^xsd:type, a number, true/false or a YYYY-MM-DD date'
    )
