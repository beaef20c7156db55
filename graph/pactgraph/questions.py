"""Plain-English questions, routed to the query, traversal or evaluation that answers them.

The forms understood (case does not matter; dates as ``2031-07-01``, ``1 July 2031`` or
``July 1, 2031``):

- *what changes when EVENT [happens] [on DATE]* → :func:`pactgraph.impacts.impact`
- *what is in force on DATE [if EVENT on DATE [and EVENT on DATE]…]* →
  :func:`pactgraph.terms.state`
- *what does PARTY [still] hold [on DATE]* → the ``provisions-held-by`` query, and the state on
  DATE
- *what depends on NAME* → everything the node reaches in the networkx dependency graph
- *what did the agreement change [from the terms before it]* → the ``changes`` query
- *who holds rights to CATEGORY* / *which rights cover CATEGORY* → the
  ``provisions-covering`` query (the SKOS hierarchy, exclusions and carve-outs applied)

Names resolve as :mod:`pactgraph.names` describes. A question in no known form raises
:class:`~pactgraph.errors.UsageError` listing the forms.

Each answer is a dict with the ``form`` it was read as, the underlying ``answer``, and
``rows`` + ``columns`` for a table.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import Any

from .errors import UsageError
from .store import Store
from .terms import parse_date

__all__ = ["FORMS", "ask", "parse_events"]

#: The question forms, as users would write them.
FORMS = (
    "what changes when EVENT [on DATE]?",
    "what is in force on DATE [if EVENT on DATE [and EVENT on DATE]]?",
    "what does PARTY [still] hold [on DATE]?",
    "what depends on NAME?",
    "who holds rights to CATEGORY? / which rights cover CATEGORY?",
    "what did the agreement change [from the terms before it]?",
)

_DATE = r"(?:\d{4}-\d{2}-\d{2}|\d{1,2} [A-Za-z]+ \d{4}|[A-Za-z]+ \d{1,2},? \d{4})"


def parse_events(text: str) -> dict[str, dt.date]:
    """``"X on DATE and Y on DATE"`` as ``{"X": date, "Y": date}``.

    >>> parse_events("AGI is verified on 2029-03-01 and recapitalization on 1 May 2026")
    {'AGI is verified': datetime.date(2029, 3, 1), 'recapitalization': datetime.date(2026, 5, 1)}
    """
    events = {}
    for match in re.finditer(rf"\s*(?:and\s+|,\s*)?(?P<name>.+?)\s+on\s+(?P<date>{_DATE})", text):
        events[match["name"].strip()] = parse_date(match["date"])
    if not events:
        raise UsageError(f"no 'EVENT on DATE' in {text!r}")
    return events


def _rows(answer: list[dict[str, Any]], columns: list[str]) -> dict[str, Any]:
    return {"rows": answer, "columns": columns}


def _impact(store: Store, m: re.Match[str]) -> dict[str, Any]:
    from .impacts import impact

    on = parse_date(m["date"]) if m["date"] else None
    answer = impact(store, m["event"], on=on)
    return {"answer": answer, **_rows(answer["changes"], ["change", "cause", "label", "condition"])}


def _in_force(store: Store, m: re.Match[str]) -> dict[str, Any]:
    from .terms import state

    events = parse_events(m["scenario"]) if m["scenario"] else {}
    answer = state(store, parse_date(m["date"]), events)
    rows = [p for p in answer["provisions"] if p["status"] == "in_force"]
    return {"answer": answer, **_rows(rows, ["label", "kind", "reason"])}


def _holds(store: Store, m: re.Match[str]) -> dict[str, Any]:
    import pyoxigraph as ox

    from .names import resolve
    from .queries import get, select

    party = resolve(store, m["party"], kinds=["party"])
    held = select(store, get("provisions-held-by"), {"party": ox.NamedNode(party)})
    by_iri = {r["provision"]: r for r in held}
    if m["date"]:
        from .terms import state

        on = parse_date(m["date"])
        statuses = {
            p["provision"]: p for p in state(store, on)["provisions"] if p["provision"] in by_iri
        }
        rows = [
            {**by_iri[iri], "status": p["status"], "reason": p["reason"], "quote": p["quote"]}
            for iri, p in statuses.items()
            if p["status"] == "in_force"
        ]
        columns = ["label", "kind", "reason"]
    else:
        rows, columns = held, ["label", "kind"]
    for row in rows:
        row["kind"] = row["kind"].rsplit("#", 1)[-1]
    rows.sort(key=lambda r: str(r.get("label", "")).lower())
    answer = {
        "party": party,
        "on": m["date"] and parse_date(m["date"]).isoformat(),
        "provisions": rows,
    }
    return {"answer": answer, **_rows(rows, columns)}


def _depends(store: Store, m: re.Match[str]) -> dict[str, Any]:
    from .names import label_of, resolve
    from .terms import model
    from .traverse import dependents, explain, relation_words

    node = resolve(store, m["name"], kinds=["provision", "event", "trigger"])
    mod = model(store)
    rows: list[dict[str, Any]] = []
    for target, path in sorted(dependents(mod.graph, node).items()):
        if target in mod.provisions:
            rows.append(
                {
                    "provision": target,
                    "label": mod.label(target),
                    "via": "; ".join(
                        f"{label_of(store, s['subject'])} {relation_words(s['relation'])} "
                        f"{label_of(store, s['object'])}"
                        for s in explain(mod.graph, path)
                    ),
                    "path": path,
                    "quote": mod.provisions[target].quote,
                }
            )
    rows.sort(key=lambda r: (len(r["path"]), r["label"].lower()))
    answer = {"node": node, "label": mod.label(node), "dependents": rows}
    return {"answer": answer, **_rows(rows, ["label", "via"])}


def _covers(store: Store, m: re.Match[str]) -> dict[str, Any]:
    import pyoxigraph as ox

    from .names import label_of, resolve
    from .queries import get, select
    from .terms import model

    category = resolve(store, m["category"], kinds=["concept"])
    rows = select(store, get("provisions-covering"), {"category": ox.NamedNode(category)})
    mod = model(store)
    merged: dict[str, dict[str, Any]] = {}
    for row in rows:
        kind = row["kind"].rsplit("#", 1)[-1]
        if kind not in {"Right", "Exclusivity"}:
            continue
        entry = merged.setdefault(
            row["provision"],
            {
                "provision": row["provision"],
                "label": row.get("label", ""),
                "kind": kind,
                "holders": [],
                "via": [],
                "quote": mod.provisions[row["provision"]].quote
                if row["provision"] in mod.provisions
                else "",
            },
        )
        if "holder" in row and label_of(store, row["holder"]) not in entry["holders"]:
            entry["holders"].append(label_of(store, row["holder"]))
        if label_of(store, row["via"]) not in entry["via"]:
            entry["via"].append(label_of(store, row["via"]))
    listed = sorted(merged.values(), key=lambda r: (r["holders"], r["label"].lower()))
    answer = {"category": category, "label": label_of(store, category), "provisions": listed}
    return {"answer": answer, **_rows(listed, ["holders", "label", "kind", "via"])}


def _changed(store: Store, m: re.Match[str]) -> dict[str, Any]:
    from .names import label_of
    from .queries import get, select
    from .terms import model

    mod = model(store)
    order = {kind: i for i, kind in enumerate(["New", "Extended", "Narrowed", "Removed", "Kept"])}
    rows = []
    for row in select(store, get("changes")):
        change = row["change"].rsplit("#", 1)[-1]
        provision = mod.provisions.get(row["provision"])
        rows.append(
            {
                "agreement": row["agreement"],
                "supersedes": label_of(store, row["supersedes"]) if "supersedes" in row else None,
                "change": change,
                "provision": row["provision"],
                "label": row.get("label", ""),
                "quote": provision.quote if provision else "",
                "interpretations": [dict(i) for i in provision.interpretations]
                if provision
                else [],
            }
        )
    rows.sort(key=lambda r: (order.get(r["change"], len(order)), r["label"].lower()))
    return {"answer": {"changes": rows}, **_rows(rows, ["change", "label"])}


_ROUTES: list[tuple[str, re.Pattern[str], Callable[[Store, re.Match[str]], dict[str, Any]]]] = [
    (
        "impact",
        re.compile(
            rf"^what (?:changes|happens|would change|will change|changes?) (?:when|if|once) "
            rf"(?P<event>.+?)(?: on (?P<date>{_DATE}))?$"
        ),
        _impact,
    ),
    (
        "state",
        re.compile(
            rf"^(?:what is|what's|what are|which provisions are) (?:still )?in force on "
            rf"(?P<date>{_DATE})(?:,? (?:if|when|with) (?P<scenario>.+))?$"
        ),
        _in_force,
    ),
    (
        "holds",
        re.compile(
            rf"^what (?:does|do|will) (?P<party>.+?) (?:still )?(?:hold|have)"
            rf"(?: on (?P<date>{_DATE}))?$"
        ),
        _holds,
    ),
    ("depends", re.compile(r"^what (?:depends|rests) on (?P<name>.+)$"), _depends),
    (
        "changes",
        re.compile(
            r"^what (?:did|does) (?:this|the|that) (?:agreement|deal|contract) change"
            r"(?: from .+)?$|^what (?:has )?changed(?: from .+)?$|^what is new$"
        ),
        _changed,
    ),
    (
        "covers",
        re.compile(
            r"^(?:who holds (?:the )?rights? (?:to|over|in)|which rights (?:cover|apply to)"
            r"|what (?:rights )?covers?) (?P<category>.+)$"
        ),
        _covers,
    ),
]


def ask(store: Store, question: str) -> dict[str, Any]:
    """Answer a plain-English ``question`` in one of :data:`FORMS`.

    >>> from pactgraph.store import load
    >>> ask(load(), "What changes when AGI is verified?")["form"]
    'impact'
    """
    text = re.sub(r"\s+", " ", question.strip()).rstrip("?. ").lower()
    for form, pattern, handler in _ROUTES:
        match = pattern.match(text)
        if match:
            return {"question": question, "form": form, **handler(store, match)}
    raise UsageError(f"cannot read {question!r} as a question; ask one of: " + " | ".join(FORMS))
