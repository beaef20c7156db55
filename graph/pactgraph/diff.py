"""``diff``: what one version of an agreement changed from another, provision by provision.

Each provision of the newer version that revises one of the older (``pg:revises``) is
``kept`` (``pg:Kept``), ``substituted`` (``pg:Narrowed``, ``pg:Extended``, or no change
kind) or ``repealed`` (``pg:Removed``); one that revises nothing is ``inserted``; each
provision of the older version that nothing revises is ``carried over`` in silence (the
reading an amendment's silence takes), except the older version's own repeals. Every row
has both quotes.

Versions are named by IRI, by name, or by a date: the newest version published on or
before that day.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from .answers import Diff, DiffRow
from .errors import UnknownNameError
from .namespaces import local_name

if TYPE_CHECKING:
    from .load import Store

__all__ = ["ORDER", "diff"]

#: The kinds of row, in the order they are listed.
ORDER = ("substituted", "repealed", "inserted", "kept", "carried over")


def _version(store: Store, name: str) -> str:
    """The agreement (version) ``name`` stands for: an IRI, a name or a date."""
    from .model import model
    from .parse import parse_date
    from .resolve import resolve

    try:
        day = parse_date(name)
    except Exception:
        return resolve(store, name, kinds=["agreement"])
    m = model(store)
    published: dict[str, dt.date] = {}
    for p in m.provisions.values():
        if p.published is not None and p.published <= day:
            published[p.agreement] = p.published
    if not published:
        raise UnknownNameError(f"no version published on or before {day}", ())
    return max(published, key=lambda a: (published[a], a))


def diff(store: Store, old: str, new: str) -> Diff:
    """What version ``new`` changed from version ``old``.

    Parameters
    ----------
    store
        The loaded versions.
    old, new
        The versions, by IRI, name or date (the newest version published by then).

    Returns
    -------
    Diff
        One :class:`~pactgraph.answers.DiffRow` per provision of either version, with
        its kind of change and both quotes.

    Raises
    ------
    UnknownNameError
        A version is not found.

    Examples
    --------
    >>> from pactgraph.load import load
    >>> store = load(text=\'\'\'
    ...     <https://example.org/v1> a pg:Agreement ; rdfs:label "Lease 2024" ;
    ...         pg:provision <https://example.org/term-1>, <https://example.org/parking> .
    ...     <https://example.org/term-1> a pg:Right ; rdfs:label "term through 2026" .
    ...     <https://example.org/parking> a pg:Right ; rdfs:label "parking space" .
    ...     <https://example.org/v2> a pg:Agreement ; rdfs:label "Lease 2026" ;
    ...         pg:previousVersion <https://example.org/v1> ;
    ...         pg:provision <https://example.org/term-2> .
    ...     <https://example.org/term-2> a pg:Right ; rdfs:label "term through 2030" ;
    ...         pg:revises <https://example.org/term-1> ; pg:change pg:Extended .
    ... \'\'\')
    >>> changed = diff(store, "Lease 2024", "Lease 2026")
    >>> [(r.change, r.old_label, r.new_label) for r in changed.rows]
    [('substituted', 'term through 2026', 'term through 2030'),
     ('carried over', 'parking space', None)]
    """
    from .model import model
    from .query import select

    old_iri, new_iri = _version(store, old), _version(store, new)
    m = model(store)
    in_old = {iri: p for iri, p in m.provisions.items() if p.agreement == old_iri}
    in_new = {iri: p for iri, p in m.provisions.items() if p.agreement == new_iri}
    revises: dict[str, list[str]] = {}
    for row in select(store, "revisions"):
        if row["provision"] in in_new:
            revises.setdefault(row["provision"], []).append(row["revises"])
    rows = []
    revised = {q for targets in revises.values() for q in targets}
    for iri, p in sorted(in_new.items()):
        change = p.change
        targets: list[str | None] = [q for q in revises.get(iri, []) if q in in_old] or [None]
        for q in targets:
            if q is None:
                kind = "inserted"
            elif change == "Removed":
                kind = "repealed"
            elif change == "Kept":
                kind = "kept"
            else:
                kind = "substituted"
            before = in_old.get(q) if q else None
            rows.append(
                DiffRow(
                    change=kind,
                    how=change,
                    old_provision=q,
                    old_label=before.label if before else None,
                    old_quote=before.quote if before else None,
                    new_provision=iri,
                    new_label=p.label,
                    new_quote=p.quote,
                )
            )
    for iri, p in sorted(in_old.items()):
        if iri not in revised and p.change != "Removed":  # a repeal carries nothing over
            rows.append(
                DiffRow(
                    change="carried over",
                    how=None,
                    old_provision=iri,
                    old_label=p.label,
                    old_quote=p.quote,
                    new_provision=None,
                    new_label=None,
                    new_quote=None,
                )
            )
    order = {kind: i for i, kind in enumerate(ORDER)}
    rows.sort(key=lambda r: (order[r.change], (r.old_label or r.new_label or "").lower()))
    return Diff(
        old=old_iri,
        old_label=m.label(old_iri) if old_iri in m.agreement_labels else local_name(old_iri),
        new=new_iri,
        new_label=m.label(new_iri) if new_iri in m.agreement_labels else local_name(new_iri),
        rows=tuple(rows),
    )
