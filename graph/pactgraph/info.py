"""What the loaded graph holds: agreements, and counts of what each one contains.

:func:`summarize` answers ``pactgraph info`` as data; it reads the store through the
``agreements`` and ``inventory`` named queries and does not print.
"""

from __future__ import annotations

from typing import Any

from .namespaces import local_name
from .queries import get, select
from .store import Store

__all__ = ["summarize"]


def summarize(store: Store) -> dict[str, Any]:
    """Agreements with their counts of parties, provisions by kind, concepts and triggers.

    >>> from pactgraph.store import load
    >>> summary = summarize(load())
    >>> summary["agreements"][0]["date"]
    '2025-10-28'
    """
    agreements: dict[str, dict[str, Any]] = {}
    for row in select(store, get("agreements")):
        entry = agreements.setdefault(
            row["agreement"],
            {
                "agreement": row["agreement"],
                "label": row.get("label"),
                "title": row.get("title"),
                "date": row["date"].isoformat() if "date" in row else None,
                "file": str(store.origins.get(row["agreement"], "")) or None,
                "source": row.get("fileName"),
                "supersedes": [],
                "triples": row["triples"],
                "parties": 0,
                "provisions": {},
                "concepts": 0,
                "triggers": {},
            },
        )
        if "supersedes" in row and row["supersedes"] not in entry["supersedes"]:
            entry["supersedes"].append(row["supersedes"])
    for row in select(store, get("inventory")):
        if row["agreement"] not in agreements:
            continue
        entry = agreements[row["agreement"]]
        if row["what"] == "party":
            entry["parties"] = row["count"]
        elif row["what"] == "concept":
            entry["concepts"] = row["count"]
        elif row["what"] in {"provision", "trigger"}:
            entry[row["what"] + "s"][local_name(row["kind"])] = row["count"]
    listed = list(agreements.values())
    return {
        "agreements": listed,
        "totals": {
            "agreements": len(listed),
            "provisions": sum(sum(a["provisions"].values()) for a in listed),
            "triples": sum(a["triples"] for a in listed),
        },
    }
