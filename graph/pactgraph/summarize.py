"""What the loaded graph holds: agreements, and counts of what each one contains.

:func:`summarize` answers ``pactgraph info`` as data; it reads the store through the
``agreements`` and ``inventory`` named queries and does not print.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .answers import AgreementSummary, Summary
from .namespaces import local_name
from .query import select

if TYPE_CHECKING:
    from .load import Store

__all__ = ["summarize"]


def summarize(store: Store) -> Summary:
    """Each agreement with its counts of parties, provisions by kind, concepts and triggers.

    Parameters
    ----------
    store
        The loaded agreements.

    Returns
    -------
    Summary
        One :class:`~pactgraph.answers.AgreementSummary` per agreement the store holds;
        ``as_dict()`` adds the totals.

    Examples
    --------
    >>> from pactgraph.load import load
    >>> store = load(text=\'\'\'
    ...     <https://example.org/a> a pg:Agreement ; dcterms:date "2024-01-01"^^xsd:date ;
    ...         pg:provision <https://example.org/r> .
    ...     <https://example.org/r> a pg:Right ; rdfs:label "tenancy" .
    ... \'\'\')
    >>> summary = summarize(store).agreements[0]
    >>> summary.date, summary.provisions
    (datetime.date(2024, 1, 1), {'Right': 1})
    """
    found: dict[str, dict[str, Any]] = {}
    for row in select(store, "agreements"):
        entry = found.setdefault(
            row["agreement"],
            {
                "agreement": row["agreement"],
                "label": row.get("label"),
                "title": row.get("title"),
                "date": row.get("date"),
                "file": str(store.origins[row["agreement"]])
                if row["agreement"] in store.origins
                else None,
                "source": row.get("fileName"),
                "supersedes": [],
                "amends": row.get("previousVersion"),
                "triples": row["triples"],
                "parties": 0,
                "provisions": {},
                "concepts": 0,
                "triggers": {},
            },
        )
        if "supersedes" in row and row["supersedes"] not in entry["supersedes"]:
            entry["supersedes"].append(row["supersedes"])
    for row in select(store, "inventory"):
        if row["agreement"] not in found:
            continue
        entry = found[row["agreement"]]
        if row["what"] == "party":
            entry["parties"] = row["count"]
        elif row["what"] == "concept":
            entry["concepts"] = row["count"]
        elif row["what"] in {"provision", "trigger"}:
            entry[row["what"] + "s"][local_name(row["kind"])] = row["count"]
    return Summary(
        tuple(
            AgreementSummary(**{**e, "supersedes": tuple(e["supersedes"])}) for e in found.values()
        )
    )
