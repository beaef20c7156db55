"""``state``: every provision's status on a date, under a scenario of events.

See :mod:`pactgraph.evaluate` for what a status means, and :mod:`pactgraph.scenario` for
how a scenario's events are dated.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING

from .answers import State, Status
from .evaluate import contradiction_notes, evaluate
from .model import model, no_cycle_sweeps
from .scenario import scenario

if TYPE_CHECKING:
    from .load import Store

__all__ = ["state", "versions_of"]

_ORDER = {status: i for i, status in enumerate(Status)}


def state(
    store: Store,
    on: dt.date,
    *,
    events: Mapping[str, dt.date | Sequence[dt.date]] | None = None,
    as_of: dt.date | None = None,
    min_evidence: str | None = None,
    agreements: Iterable[str] | None = None,
) -> State:
    """Every provision's status on ``on`` when ``events`` happen on their dates.

    Parameters
    ----------
    store
        The loaded agreements.
    on
        The date asked about.
    events
        Events (IRIs or names) with the dates they happen on (a list, for one that happens
        more than once: see :attr:`~pactgraph.scenario.Scenario.again`); an event not given
        has not happened, unless the graph records its date. Prerequisites are implied.
    as_of
        Answer from the versions published on or before this day (default: all known).
        ``on`` stays the day the terms are in force on.
    min_evidence
        Leave out the provisions that rest only on sources weaker than this kind of
        evidence (``party-document``, ``regulatory-filing``, ``secondary-quotation``,
        ``press-report``).
    agreements
        Only the provisions of these agreements (IRIs or names) and of their other
        versions, the ones that supersede them and those they supersede (default: every
        agreement). Only they are evaluated, with what they rest on.

    Returns
    -------
    State
        The scenario as evaluated (given, implied and recorded dates), notes on what it
        assumed, and each provision's :class:`~pactgraph.answers.ProvisionStatus`, in force
        first.

    Raises
    ------
    UnknownNameError
        An event or agreement name matches none, or several.
    UsageError
        An event is dated after one that requires it.

    Examples
    --------
    >>> from pactgraph.load import load
    >>> store = load(text='''
    ...     <https://example.org/lease> a pg:Agreement ; dcterms:date "2024-01-01"^^xsd:date ;
    ...         pg:provision <https://example.org/tenancy> .
    ...     <https://example.org/tenancy> a pg:Right ; rdfs:label "tenancy" ;
    ...         pg:endsWith <https://example.org/notice> .
    ...     <https://example.org/notice> a pg:Event ; rdfs:label "notice given" .
    ... ''')
    >>> answer = state(store, dt.date(2025, 1, 1), events={"notice given": dt.date(2024, 6, 1)})
    >>> [(p.label, p.status.value, p.reason) for p in answer.provisions]
    [('tenancy', 'ended', 'ended with notice given on 2024-06-01; last day in force 2024-05-31')]
    >>> state(store, dt.date(2025, 1, 1)).provisions[0].conditional
    True
    """
    with no_cycle_sweeps():  # the rows are many objects that live on: see model.no_cycle_sweeps
        return _state(store, on, events, as_of, min_evidence, agreements)


def _state(  # noqa: PLR0917
    store: Store,
    on: dt.date,
    events: Mapping[str, dt.date | Sequence[dt.date]] | None,
    as_of: dt.date | None,
    min_evidence: str | None,
    agreements: Iterable[str] | None,
) -> State:
    m = model(store, as_of, min_evidence)
    s = scenario(store, events, m=m)
    family = None if agreements is None else versions_of(store, agreements)
    only = (
        None
        if family is None
        else [iri for iri, p in m.provisions.items() if p.agreement in family]
    )
    statuses = evaluate(m, on, s, only)
    rows = sorted(statuses.values(), key=lambda st: (_ORDER[st.status], st.label.lower()))
    notes = (
        *contradiction_notes(m, s, None if only is None else set(only)),
        *s.notes(m),
        *m.version_notes(),
        *assumed_date_notes(store, m.assumed_dates(only)),
    )
    return State(
        on=on,
        scenario=s.describe(m),
        notes=notes,
        provisions=tuple(rows),
        versions=tuple(v for v in m.versions() if family is None or v.agreement in family),
        never=tuple(sorted(m.label(e) for e in s.never)),
    )


def versions_of(store: Store, agreements: Iterable[str]) -> set[str]:
    """The agreements named (IRIs or names), with every version linked to them by
    ``pg:supersedes`` or ``pg:previousVersion``, either way."""
    from .query import select
    from .resolve import resolve

    found = {resolve(store, name, kinds=["agreement"]) for name in agreements}
    links: dict[str, set[str]] = {}
    for row in select(
        store,
        "SELECT DISTINCT ?a ?b WHERE { ?a pg:supersedes|pg:previousVersion ?b . "
        "FILTER (isIRI(?a) && isIRI(?b)) }",
    ):
        links.setdefault(row["a"], set()).add(row["b"])
        links.setdefault(row["b"], set()).add(row["a"])
    todo = list(found)
    while todo:
        for other in links.get(todo.pop(), ()):
            if other not in found:
                found.add(other)
                todo.append(other)
    return found


def assumed_date_notes(store: Store, assumed: Mapping[str, dt.date]) -> tuple[str, ...]:
    """Sentences saying which agreements' dates are assumed, not stated."""
    from .resolve import label_of

    return tuple(
        f"{label_of(store, agreement)} states no date: it is assumed to take effect on {day}"
        for agreement, day in sorted(assumed.items())
    )
