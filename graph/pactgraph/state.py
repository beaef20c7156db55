"""``state``: every provision's status on a date, under a scenario of events.

See :mod:`pactgraph.evaluate` for what a status means, and :mod:`pactgraph.scenario` for
how a scenario's events are dated.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import TYPE_CHECKING

from .answers import State, Status
from .evaluate import evaluate
from .model import model
from .scenario import scenario

if TYPE_CHECKING:
    from .load import Store

__all__ = ["state"]

_ORDER = {status: i for i, status in enumerate(Status)}


def state(
    store: Store,
    on: dt.date,
    *,
    events: Mapping[str, dt.date] | None = None,
    as_of: dt.date | None = None,
    min_evidence: str | None = None,
) -> State:
    """Every provision's status on ``on`` when ``events`` happen on their dates.

    Parameters
    ----------
    store
        The loaded agreements.
    on
        The date asked about.
    events
        Events (IRIs or names) with the dates they happen on; an event not given has not
        happened, unless the graph records its date. Prerequisites are implied.
    as_of
        Answer from the versions published on or before this day (default: all known).
        ``on`` stays the day the terms are in force on.
    min_evidence
        Leave out the provisions that rest only on sources weaker than this kind of
        evidence (``party-document``, ``regulatory-filing``, ``secondary-quotation``,
        ``press-report``).

    Returns
    -------
    State
        The scenario as evaluated (given, implied and recorded dates), notes on what it
        assumed, and each provision's :class:`~pactgraph.answers.ProvisionStatus`, in force
        first.

    Raises
    ------
    UnknownNameError
        An event name matches no event, or several.
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
    m = model(store, as_of, min_evidence)
    s = scenario(store, events, m=m)
    statuses = evaluate(m, on, s)
    rows = sorted(statuses.values(), key=lambda st: (_ORDER[st.status], st.label.lower()))
    notes = (*s.notes(m), *m.version_notes(), *assumed_date_notes(store, m.assumed_dates()))
    return State(
        on=on,
        scenario=s.describe(m),
        notes=notes,
        provisions=tuple(rows),
        versions=m.versions(),
        never=tuple(sorted(m.label(e) for e in s.never)),
    )


def assumed_date_notes(store: Store, assumed: Mapping[str, dt.date]) -> tuple[str, ...]:
    """Sentences saying which agreements' dates are assumed, not stated."""
    from .resolve import label_of

    return tuple(
        f"{label_of(store, agreement)} states no date: it is assumed to take effect on {day}"
        for agreement, day in sorted(assumed.items())
    )
