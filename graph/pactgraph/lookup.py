"""Answers read from the graph: what a party holds, what rests on a node and what a node
rests on, what covers a category, what the agreements changed.

Each is a public function returning a typed answer (:mod:`pactgraph.answers`), and each is
a form of :func:`pactgraph.ask.ask`:

- :func:`holdings`: the ``provisions-held-by`` query, and the state on a date if given;
- :func:`positions`: what a party owes, may do, may not do or is owed;
- :func:`dependents`: every provision a node reaches in the networkx dependency graph,
  with the path and its edges in words;
- :func:`prerequisites`: the other way: everything a node rests on (its triggers, the
  events they are made of or require, the provisions it depends on, and theirs);
- :func:`covering`: the ``provisions-covering`` query (the SKOS hierarchy, exclusions and
  carve-outs applied);
- :func:`excluding`: the provisions that leave a category out (exclusions of the concepts
  they name, carve-outs);
- :func:`changes`: the ``changes`` query;
- :func:`lifetime`: when a provision starts and ends, from the term engine;
- :func:`in_force`: whether a provision is in force on a day (yes, no, or depends);
- :func:`changes_on`: what starts or ends on a day, with no event of its own;
- :func:`describe`: what the agreements state about a node, its names and its quotes;
- :func:`claims`: the ``reported-claims`` query: what documents report that the agreements'
  own texts do not state (never provisions, shown only when asked for).

Nothing here knows any agreement, and nothing here renders text.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from .answers import (
    AgreementDate,
    AgreementDates,
    ChangeRecord,
    Changes,
    Claim,
    Claims,
    Coverage,
    Covering,
    DayChange,
    DayChanges,
    Dependent,
    Dependents,
    Description,
    Ending,
    Endings,
    Excluding,
    Exclusions,
    Holding,
    Holdings,
    Lifetime,
    Match,
    Matches,
    NeverChange,
    NeverHappens,
    Parties,
    PartyEntry,
    Positions,
    Prerequisite,
    Prerequisites,
    ProvisionStatus,
    Source,
    Stance,
    Statement,
    Status,
    Survivals,
    Survivor,
    Verdict,
)
from .namespaces import PG_NS, local_name, spaced

if TYPE_CHECKING:
    import networkx as nx

    from .evaluate import Run
    from .load import Store
    from .model import Model, Trigger

__all__ = [
    "CHANGE_ORDER",
    "STANCES",
    "changes",
    "changes_in",
    "changes_on",
    "claims",
    "covering",
    "dependents",
    "describe",
    "excluding",
    "holdings",
    "in_force",
    "left_out",
    "lifetime",
    "lifetimes",
    "parties",
    "positions",
    "prerequisites",
    "survivors",
]

#: The order in which changes are listed.
CHANGE_ORDER = ("New", "Extended", "Narrowed", "Removed", "Kept")


def parties(store: Store, agreement: str | None = None, *, as_of: dt.date | None = None) -> Parties:
    """The parties of every agreement, or of ``agreement`` (an IRI or a name) and its other
    versions (of those published by ``as_of``): each party once, with the roles it plays
    and the agreements that name it, signatories first.

    Raises :class:`~pactgraph.errors.UnknownNameError` if the agreement is not found.

    >>> from pactgraph.load import load
    >>> store = load(text='''
    ...     <https://example.org/a> a pg:Agreement ; pg:signatory <https://example.org/t> ;
    ...         pg:party <https://example.org/g> .
    ...     <https://example.org/t> a pg:Party ; rdfs:label "Tenant" .
    ...     <https://example.org/g> a pg:Party ; rdfs:label "Guarantor" ; pg:role pg:ThirdParty .
    ... ''')
    >>> [(p.label, p.signatory, p.roles) for p in parties(store).parties]
    [('Tenant', True, ('signatory',)), ('Guarantor', False, ('third party',))]
    """

    from .model import model
    from .query import select
    from .state import versions_of

    family = None if agreement is None else versions_of(store, [agreement])
    if as_of is not None:  # the versions published by then: those with provisions then
        known = {p.agreement for p in model(store, as_of).provisions.values()}
        family = known if family is None else family & known
    found: dict[str, dict[str, Any]] = {}
    for row in select(store, "parties"):
        if family is not None and row["agreement"] not in family:
            continue
        entry = found.setdefault(
            row["party"],
            {"label": row.get("label") or local_name(row["party"]), "signatory": False,
             "roles": set(), "agreements": set()},
        )  # fmt: skip
        entry["agreements"].add(row["agreement"])
        if row.get("signatory"):
            entry["signatory"] = True
            entry["roles"].add("signatory")
        if row.get("role"):
            entry["roles"].add(spaced(local_name(row["role"])))
    entries = [
        PartyEntry(
            party,
            e["label"],
            e["signatory"],
            tuple(sorted(e["roles"])),
            tuple(sorted(e["agreements"])),
        )
        for party, e in found.items()
    ]
    entries.sort(key=lambda e: (not e.signatory, e.label.lower(), e.party))
    named = tuple(sorted(family)) if family is not None else ()
    return Parties(named, tuple(entries))


#: Each agreement with its own graph, and the days it records.
_DATES = """
PREFIX pg: <https://w3id.org/pactgraph/ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX dcterms: <http://purl.org/dc/terms/>
SELECT ?agreement ?label ?date ?assumed ?effective ?published ?amends WHERE {
  GRAPH ?agreement { ?agreement a pg:Agreement . }
  OPTIONAL { ?agreement rdfs:label ?label }
  OPTIONAL { ?agreement dcterms:date ?date }
  OPTIONAL { ?agreement pg:assumedDate ?assumed }
  OPTIONAL { ?agreement pg:effectiveFrom ?effective }
  OPTIONAL { ?agreement pg:publishedOn ?published }
  OPTIONAL { ?agreement pg:previousVersion ?amends }
}
"""


def dates(
    store: Store, agreement: str | None = None, *, as_of: dt.date | None = None
) -> AgreementDates:
    """Every agreement, or ``agreement`` (an IRI or a name) and its other versions (of those
    published by ``as_of``), with the day each is dated (signed or made), the day it takes
    effect and the day it became known where it says so, and the words its sources give for
    it: earliest first, those that state no date last.

    Raises :class:`~pactgraph.errors.UnknownNameError` if the agreement is not found.

    >>> from pactgraph.load import load
    >>> store = load(text='''
    ...     <https://example.org/lease> a pg:Agreement ; rdfs:label "lease" ;
    ...         dcterms:date "2024-03-01"^^xsd:date ; pg:effectiveFrom "2024-04-01"^^xsd:date .
    ... ''')
    >>> [(d.label, d.date, d.effective) for d in dates(store).dates]
    [('lease', datetime.date(2024, 3, 1), datetime.date(2024, 4, 1))]
    """
    from .model import query_date
    from .query import select
    from .state import versions_of

    family = None if agreement is None else versions_of(store, [agreement])
    found: dict[str, dict[str, Any]] = {}
    for row in select(store, _DATES):
        name = row["agreement"]
        if family is not None and name not in family:
            continue
        known = query_date(row.get("published")) or query_date(row.get("date"))
        if as_of is not None and known is not None and known > as_of:
            continue  # a version not yet known on that day
        entry = found.setdefault(name, {"label": row.get("label") or local_name(name)})
        for key in ("date", "assumed", "effective", "published"):
            entry.setdefault(key, query_date(row.get(key)))
        entry.setdefault("amends", row.get("amends"))
    quotes = _quotes_of(store, found)
    rows = [
        AgreementDate(
            name,
            e["label"],
            e["date"],
            e["assumed"],
            e["effective"],
            e["published"],
            e["amends"],
            tuple(quotes.get(name, ())),
        )
        for name, e in found.items()
    ]
    rows.sort(key=lambda d: (d.date or d.assumed or dt.date.max, d.agreement))
    return AgreementDates(tuple(sorted(family)) if family is not None else (), tuple(rows))


def holdings(
    store: Store,
    party: str,
    *,
    on: dt.date | None = None,
    events: Mapping[str, dt.date | Sequence[dt.date]] | None = None,
    as_of: dt.date | None = None,
    min_evidence: str | None = None,
) -> Holdings:
    """The provisions ``party`` (an IRI or a name) holds; with ``on``, those in force then
    under ``events`` (from the versions published by ``as_of``).

    Raises :class:`~pactgraph.errors.UnknownNameError` if the party is not found.

    >>> from pactgraph.load import load
    >>> store = load(text='''
    ...     <https://example.org/a> a pg:Agreement ; pg:provision <https://example.org/r> .
    ...     <https://example.org/r> a pg:Right ; rdfs:label "right to sublet" ;
    ...         pg:holder <https://example.org/tenant> .
    ...     <https://example.org/tenant> a pg:Party ; rdfs:label "Tenant" .
    ... ''')
    >>> [h.label for h in holdings(store, "tenant").provisions]
    ['right to sublet']
    """
    import pyoxigraph as ox

    from .query import select
    from .resolve import label_of, resolve

    iri = resolve(store, party, kinds=["party"])
    held = select(store, "provisions-held-by", {"party": ox.NamedNode(iri)})
    rows = _in_force_rows(
        store,
        [r["provision"] for r in held],
        on=on,
        events=events,
        as_of=as_of,
        min_evidence=min_evidence,
    )
    return Holdings(party=iri, label=label_of(store, iri), on=on, provisions=rows)


def _in_force_rows(
    store: Store,
    provisions: Iterable[str],
    *,
    on: dt.date | None,
    events: Mapping[str, dt.date | Sequence[dt.date]] | None,
    as_of: dt.date | None,
    min_evidence: str | None,
) -> tuple[Holding, ...]:
    """A row for each of ``provisions`` (in force on ``on``, when given), by label."""
    from .model import model

    m = model(store, as_of, min_evidence)
    statuses = {}
    if on is not None:
        from .state import state

        answer = state(store, on, events=events, as_of=as_of, min_evidence=min_evidence)
        statuses = {p.provision: p for p in answer.provisions}
    rows = []
    for iri in dict.fromkeys(provisions):
        provision = m.provisions.get(iri)
        if provision is None:
            continue  # in a version published later, or resting on weaker sources
        status = statuses.get(iri)
        if on is not None and (status is None or status.status != Status.IN_FORCE):
            continue
        rows.append(
            Holding(
                provision=iri,
                label=provision.label,
                kind=provision.kind,
                status=status.status if status else None,
                reason=status.reason if status else None,
                quote=provision.quote,
                interpretations=provision.interpretations,
            )
        )
    rows.sort(key=lambda r: r.label.lower())
    return tuple(rows)


#: For each stance, the kinds of provision and the party's place in them (``holder`` or
#: ``counterparty``): a holder benefits, a counterparty is bound (see the ontology).
STANCES: dict[Stance, tuple[tuple[str, str], ...]] = {
    Stance.OWES: (("Obligation", "counterparty"),),
    Stance.IS_OWED: (("Obligation", "holder"),),
    Stance.MAY: (("Right", "holder"), ("Exclusivity", "holder")),
    Stance.MAY_NOT: (("Restriction", "counterparty"), ("Exclusivity", "counterparty")),
}


#: Words of a right to be paid ("CONSULTANT shall receive a termination fee"): what its
#: holder is owed, as an obligation to pay it would be.
_PAID = re.compile(
    r"\b(?:fees?|pay|paid|payments?|compensation|royalt(?:y|ies)|reimburse\w*|commissions?"
    r"|bonus(?:es)?|refunds?)\b",
    re.IGNORECASE,
)


def positions(
    store: Store,
    party: str,
    stance: Stance | str,
    *,
    other: str | None = None,
    on: dt.date | None = None,
    events: Mapping[str, dt.date | Sequence[dt.date]] | None = None,
    as_of: dt.date | None = None,
    min_evidence: str | None = None,
) -> Positions:
    """What ``party`` owes, may do, may not do or is owed (``stance``), from the kinds of
    provision and the party's place in each (:data:`STANCES`); a mutual provision binds
    and benefits every party it involves. What a party is owed includes its rights to be
    paid (a right whose label speaks of a fee, a payment, compensation, a royalty…). With
    ``other`` (a party), only those with that party on the other side ("what does OpenAI
    owe Microsoft?"); with ``on``, only those in force then under ``events``.

    Raises :class:`~pactgraph.errors.UnknownNameError` if the party is not found, and
    :class:`ValueError` for an unknown stance.

    >>> from pactgraph.load import load
    >>> store = load(text='''
    ...     <https://example.org/a> a pg:Agreement ; pg:provision <https://example.org/rent> .
    ...     <https://example.org/rent> a pg:Obligation ; rdfs:label "monthly rent" ;
    ...         pg:holder <https://example.org/landlord> ;
    ...         pg:counterparty <https://example.org/tenant> .
    ...     <https://example.org/landlord> a pg:Party ; rdfs:label "Landlord" .
    ...     <https://example.org/tenant> a pg:Party ; rdfs:label "Tenant" .
    ... ''')
    >>> [p.label for p in positions(store, "tenant", "owes").provisions]
    ['monthly rent']
    >>> positions(store, "landlord", "owes").provisions
    ()
    """
    import pyoxigraph as ox

    from .model import model
    from .query import select
    from .resolve import label_of, resolve

    wanted = STANCES[Stance(stance)]
    iri = resolve(store, party, kinds=["party"])
    opposite = resolve(store, other, kinds=["party"]) if other else None
    m = model(store, as_of, min_evidence)
    involves = ox.NamedNode(PG_NS + "involves")
    found = []
    for row in select(store, "provisions"):
        kind = local_name(row["kind"])
        places = {place for k, place in wanted if k == kind}
        if (
            Stance(stance) is Stance.IS_OWED
            and kind == "Right"
            and _PAID.search(m.label(row["provision"]))
        ):
            places = {"holder"}  # a right to be paid is owed to its holder
        if not places:
            continue
        if opposite and not any(
            row.get("holder" if place == "counterparty" else "counterparty") == opposite
            for place in places
        ):
            continue
        provision = m.provisions.get(row["provision"])
        mutual = provision is not None and provision.mutual
        if any(row.get(place) == iri for place in places) or (
            mutual
            and next(
                store.oxigraph.quads_for_pattern(
                    ox.NamedNode(row["provision"]), involves, ox.NamedNode(iri)
                ),
                None,
            )
        ):
            found.append(row["provision"])
    rows = _in_force_rows(
        store, found, on=on, events=events, as_of=as_of, min_evidence=min_evidence
    )
    return Positions(
        party=iri, label=label_of(store, iri), stance=Stance(stance), on=on, provisions=rows
    )


def dependents(
    store: Store,
    name: str,
    *,
    as_of: dt.date | None = None,
    min_evidence: str | None = None,
) -> Dependents:
    """Every provision that rests on ``name`` (a provision, an event or another trigger),
    nearest first, each with the path from it and the edges in words; for an event, also
    what rests on the events that require it (and cannot come without it); with ``as_of`` or
    ``min_evidence``, only through the provisions those leave in (:func:`_known_graph`).

    >>> from pactgraph.load import load
    >>> store = load(text='''
    ...     <https://example.org/a> a pg:Agreement ;
    ...         pg:provision <https://example.org/lease>, <https://example.org/parking> .
    ...     <https://example.org/lease> a pg:Right ; rdfs:label "lease" .
    ...     <https://example.org/parking> a pg:Right ; rdfs:label "parking space" ;
    ...         pg:dependsOn <https://example.org/lease> .
    ... ''')
    >>> [(d.label, d.via) for d in dependents(store, "lease").dependents]
    [('parking space', 'parking space depends on lease')]
    """
    from .model import model
    from .resolve import label_of, resolve
    from .traverse import explain, reach, relation_words

    node = resolve(store, name, kinds=["provision", "event", "trigger"])
    m = model(store, as_of, min_evidence)
    graph = _known_graph(store, node, as_of, min_evidence)

    def words_of(path: Sequence[str]) -> list[str]:
        return [
            f"{label_of(store, s.subject)} {relation_words(s.relation)} {label_of(store, s.object)}"
            for s in explain(m.graph, path)
        ]

    found: dict[str, Dependent] = {}
    for target, path in sorted(reach(graph, node).items()):
        if target in m.provisions:
            found[target] = Dependent(
                target, m.label(target), "; ".join(words_of(path)), tuple(path),
                m.provisions[target].quote,
            )  # fmt: skip
    # and what rests on the events that require it, which cannot come without it (a notice
    # of termination for an insolvency rests on the insolvency)
    requiring = (
        sorted(e for e in m.events if node in m.prerequisites(e)) if node in m.events else []
    )
    for event in requiring:
        for target, path in sorted(reach(graph, event).items()):
            if target in m.provisions and target not in found:
                via = [f"{m.label(event)} requires {m.label(node)}", *words_of(path)]
                found[target] = Dependent(
                    target, m.label(target), "; ".join(via), (node, *path),
                    m.provisions[target].quote,
                )  # fmt: skip
    rows = sorted(found.values(), key=lambda r: (len(r.path), r.label.lower()))
    return Dependents(node=node, label=m.label(node), dependents=tuple(rows))


#: The provision each agreement says is its term.
_STATED_TERM = """
PREFIX pg: <https://w3id.org/pactgraph/ns#>
SELECT DISTINCT ?agreement ?term WHERE { ?agreement pg:term ?term }
"""


def agreement_term(
    store: Store,
    agreement: str | None = None,
    *,
    as_of: dt.date | None = None,
    min_evidence: str | None = None,
) -> tuple[str, str]:
    """The provision that is the term of ``agreement`` (an IRI or a name; without it, the
    one agreement the store holds, with its versions), and how it was found, in words.

    The term is the provision the agreement names with ``pg:term`` (the latest version's that
    does), else the provision the agreement's other provisions rest on: of those that rest
    on nothing themselves, the one most of them depend on or survive, directly or through
    others, if a third of them or more do (a tie, or fewer, leaves no term); else, where a
    third or more of them end with one trigger (more than with any other), the first in force
    of those (a duty before a right, a right before a limit). Where a later
    version replaces it, the replacement is the term (of the versions published by
    ``as_of``).

    Raises :class:`~pactgraph.errors.UnknownNameError` if the store holds several
    agreements and none is named, or no provision is the agreement's term.

    >>> from pactgraph.load import load
    >>> store = load(text='''
    ...     <https://example.org/a> a pg:Agreement ; pg:provision <https://example.org/term>,
    ...         <https://example.org/supply>, <https://example.org/secrecy> .
    ...     <https://example.org/term> a pg:Definition ; rdfs:label "term of the agreement" .
    ...     <https://example.org/supply> a pg:Obligation ; rdfs:label "supply" ;
    ...         pg:dependsOn <https://example.org/term> .
    ...     <https://example.org/secrecy> a pg:Obligation ; rdfs:label "secrecy" ;
    ...         pg:survives <https://example.org/term> .
    ... ''')
    >>> agreement_term(store)[0]
    'https://example.org/term'
    """
    from .errors import UnknownNameError
    from .model import model
    from .query import select
    from .resolve import label_of
    from .state import versions_of

    m = model(store, as_of, min_evidence)
    if agreement is None:
        every = {p.agreement for p in m.provisions.values()}
        family = versions_of(store, sorted(every)[:1]) if every else set()
        if every - family:
            names = "; ".join(sorted({label_of(store, a) for a in every}))
            raise UnknownNameError(
                f"the store holds several agreements ({names}): name the one asked about"
            )
    else:
        family = versions_of(store, [agreement])
    own = {iri for iri, p in m.provisions.items() if p.agreement in family}
    stated = sorted(
        (m.provisions[row["term"]].agreement_date or dt.date.min, row["term"])
        for row in select(store, _STATED_TERM)
        if row["agreement"] in family and row["term"] in own
    )
    if stated:  # the agreement says which provision is its term (pg:term): the latest says
        term = stated[-1][1]
        return _replacement(m, term, f"{m.label(term)}, the agreement's term (pg:term)")
    up: dict[str, set[str]] = {}  # what each provision depends on or survives
    for on, provision, relation in m.graph.edges(keys=True):
        if relation in {"dependsOn", "survives"} and provision in own:
            up.setdefault(provision, set()).add(on)
    resting: dict[str, int] = {}
    for provision in own:
        seen: set[str] = set()
        todo = [provision]
        while todo:
            for on in up.get(todo.pop(), ()):
                if on not in seen:
                    seen.add(on)
                    todo.append(on)
        for on in seen & own:
            if not up.get(on):
                resting[on] = resting.get(on, 0) + 1
    ranked = sorted(resting.items(), key=lambda item: -item[1])
    tied = len(ranked) > 1 and ranked[0][1] == ranked[1][1]
    if not ranked or tied or 3 * ranked[0][1] < len(own) - 1:
        # no provision most rest on: one standing for the provisions that end together
        if shared := _shared_end(store, m, own, resting):
            return shared
        which = label_of(store, agreement) if agreement else "the agreement"
        names = "; ".join(m.label(p) for p, n in ranked if n == ranked[0][1])
        raise UnknownNameError(
            f"{which} has no one term that a third or more of its other provisions rest on, "
            "so each provision has a term of its own"
            + (f" (as many rest on each of: {names})" if tied else "")
            + ": name the provision asked about, or ask what is in force on a day"
        )
    term, count = ranked[0]
    return _replacement(
        m, term, f"{m.label(term)}, the provision {count} of the agreement's others rest on"
    )


def _shared_end(
    store: Store, m: Model, own: set[str], resting: Mapping[str, int]
) -> tuple[str, str] | None:
    """Where no provision is the agreement's term, the one standing for it: of the provisions
    ending with the one trigger a third or more of the agreement's provisions end with (more
    than with any other), the first in force, and of those the one most others rest on."""
    from .evaluate import Run
    from .scenario import scenario

    ending: dict[str, list[str]] = {}
    for iri in sorted(own):
        if (end := m.provisions[iri].end) is not None:
            ending.setdefault(end, []).append(iri)
    ranked = sorted(ending.items(), key=lambda item: -len(item[1]))
    if not ranked or 3 * len(ranked[0][1]) < len(own):
        return None
    if len(ranked) > 1 and len(ranked[1][1]) == len(ranked[0][1]):
        return None
    trigger, sharing = ranked[0]
    run = Run(m, scenario(store, {}, m=m))

    def first(iri: str) -> dt.date:  # in force from always: dt.date.min (ALWAYS)
        t = run.term(iri)
        return t.start if isinstance(t.start, dt.date) and not t.never else dt.date.max

    kinds = ("Definition", "Obligation", "Right", "Exclusivity", "Restriction")

    def rank(iri: str) -> tuple[dt.date, int, int, str]:  # a term, a duty, a right, a limit
        kind = m.provisions[iri].kind
        order = kinds.index(kind) if kind in kinds else len(kinds)
        return first(iri), -resting.get(iri, 0), order, m.label(iri)

    term = min(sharing, key=rank)
    how = (
        f"{m.label(term)}, the first in force of the {len(sharing)} provisions that end with "
        f"{m.label(trigger)}"
    )
    return _replacement(m, term, how)


def _replacement(m: Model, term: str, how: str) -> tuple[str, str]:
    """``term`` as later versions carry it (its last replacement, not a repeal), and how it
    was found, in words."""
    seen = {term}
    while term in m.revised and m.revised[term].change != "Removed":
        term = m.revised[term].by
        if term in seen:
            break
        seen.add(term)
        how += f", as {m.label(term)} replaces it"
    return term, how


#: Who holds each right, and who acts in each event.
_HOLDERS_AND_ACTORS = """
PREFIX pg: <https://w3id.org/pactgraph/ns#>
SELECT DISTINCT ?node ?who WHERE { ?node pg:holder|pg:actor ?who }
"""


def endings(
    store: Store,
    name: str | None = None,
    *,
    as_of: dt.date | None = None,
    min_evidence: str | None = None,
) -> Endings:
    """The ways the provision ``name`` (an IRI or a name; without it, the agreement's term,
    :func:`agreement_term`) can end: each member of its end trigger (the members of an
    "earliest of" one by one, at any depth), in words, with the rights exercised on the way,
    who can take it and the events it waits for.

    Raises :class:`~pactgraph.errors.UnknownNameError` if the provision is not found, or
    without ``name``, if the agreement has no term of its own.

    >>> from pactgraph.load import load
    >>> store = load(text='''
    ...     <https://example.org/a> a pg:Agreement ; dcterms:date "2024-01-01"^^xsd:date ;
    ...         pg:provision <https://example.org/lease>, <https://example.org/exit> .
    ...     <https://example.org/lease> a pg:Right ; rdfs:label "lease" ;
    ...         pg:holder <https://example.org/tenant> ; pg:endsWith <https://example.org/end> .
    ...     <https://example.org/exit> a pg:Right ; rdfs:label "break right" ;
    ...         pg:holder <https://example.org/tenant> ; pg:dependsOn <https://example.org/lease> .
    ...     <https://example.org/tenant> a pg:Party ; rdfs:label "Tenant" .
    ...     <https://example.org/end> a pg:EarliestOf ; rdfs:label "end of the lease" ;
    ...         pg:member <https://example.org/expiry>, <https://example.org/break> .
    ...     <https://example.org/expiry> a pg:DateTrigger ; rdfs:label "end of 2030" ;
    ...         time:inXSDDate "2030-12-31"^^xsd:date ; pg:dayBoundary pg:EndOfDay .
    ...     <https://example.org/notice> a pg:Event ; rdfs:label "break notice" .
    ...     <https://example.org/break> a pg:Exercise ; rdfs:label "break notice under the right" ;
    ...         pg:trigger <https://example.org/notice> ; pg:exercises <https://example.org/exit> .
    ... ''')
    >>> [(e.right_labels, e.by) for e in endings(store, "lease").endings]
    [(('break right',), ('Tenant',)), ((), ())]
    """
    from .evaluate import Run
    from .model import model
    from .query import select
    from .resolve import label_of, resolve
    from .scenario import scenario

    m = model(store, as_of, min_evidence)
    if name is None:
        iri, _ = agreement_term(store, as_of=as_of, min_evidence=min_evidence)
    else:
        iri = resolve(store, name, kinds=["provision"])
        _hidden(store, iri, as_of, min_evidence)
    p = m.provisions[iri]
    routes = m.routes(p.end) if p.end else []
    who: dict[str, list[str]] = {}
    for row in select(store, _HOLDERS_AND_ACTORS):
        who.setdefault(row["node"], []).append(label_of(store, row["who"]))
    run = Run(m, scenario(store, {}, m=m))
    found = []
    for route in routes:
        # the rights exercised to make it come, not one whose exercise would stop it (a
        # renewal option, the "unless" of an initial term's expiry)
        inside = list(m.walk(route, causes_only=True))
        rights = [t.exercises for t in inside if t.type == "Exercise" and t.exercises]
        # the events that make it fire, not those that would stop it (a cure), and who acts
        # in them
        acts = sorted(t.iri for t in m.walk(route, causes_only=True) if t.type == "Event")
        holders = [h for r in rights for h in who.get(r, [])] or [
            a for e in acts for a in who.get(e, [])
        ]
        # and the grounds a notice requires ("a notice of termination for default" requires
        # "an event of default")
        events = list(dict.fromkeys([*acts, *(g for e in acts for g in m.prerequisites(e))]))
        quote = next((m.provisions[r].quote for r in rights if r in m.provisions), p.quote)
        found.append(
            Ending(
                trigger=route,
                how=run.words(route),
                rights=tuple(dict.fromkeys(rights)),
                right_labels=tuple(dict.fromkeys(m.label(r) for r in rights)),
                by=tuple(dict.fromkeys(holders)),
                events=tuple(m.label(e) for e in events),
                quote=quote,
            )
        )
    return Endings(iri, p.label, tuple(found))


def left_out(store: Store, as_of: dt.date | None, min_evidence: str | None) -> set[str]:
    """The provisions of versions published after ``as_of`` or resting on sources weaker
    than ``min_evidence``: those an answer with these options leaves out."""
    from .model import model

    if as_of is None and min_evidence is None:
        return set()
    return set(model(store).provisions) - set(model(store, as_of, min_evidence).provisions)


def _hidden(store: Store, node: str, as_of: dt.date | None, min_evidence: str | None) -> set[str]:
    """The provisions of versions published after ``as_of`` or resting on sources weaker
    than ``min_evidence``; a usage error if ``node`` is one."""
    from .errors import UsageError
    from .model import model

    hidden = left_out(store, as_of, min_evidence)
    full = model(store)
    if node in hidden:
        raise UsageError(
            f"{full.label(node)} is not among the provisions "
            + (f"published by {as_of}" if as_of else f"resting on {min_evidence} sources")
        )
    return hidden


def _known_graph(
    store: Store, node: str, as_of: dt.date | None, min_evidence: str | None
) -> nx.MultiDiGraph:
    """The dependency graph without the provisions of versions published after ``as_of``
    or resting on sources weaker than ``min_evidence``; a usage error if ``node`` is one."""
    from .model import model

    full = model(store)
    hidden = _hidden(store, node, as_of, min_evidence)
    if not hidden:
        return full.graph
    view: nx.MultiDiGraph = full.graph.subgraph(n for n in full.graph if n not in hidden)
    return view


def prerequisites(
    store: Store,
    name: str,
    *,
    as_of: dt.date | None = None,
    min_evidence: str | None = None,
) -> Prerequisites:
    """Everything ``name`` (a provision, an event or another trigger) rests on, nearest
    first: the triggers of its term, their members and parts, the events those require,
    the provisions it depends on, survives or is an exception to, and what those rest on.

    Each row has the shortest path from ``name`` and the statements along it, as the graph
    states them. A revision is not followed: what a version replaces is not what the
    replacement rests on. With ``as_of`` or ``min_evidence``, only through the provisions
    those leave in.

    Raises :class:`~pactgraph.errors.UnknownNameError` if the name is not found.

    >>> from pactgraph.load import load
    >>> store = load(text='''
    ...     <https://example.org/a> a pg:Agreement ; pg:provision <https://example.org/r> .
    ...     <https://example.org/r> a pg:Right ; rdfs:label "option" ;
    ...         pg:endsWith <https://example.org/exercise> .
    ...     <https://example.org/exercise> a pg:Event ; rdfs:label "option exercised" ;
    ...         pg:requires <https://example.org/notice> .
    ...     <https://example.org/notice> a pg:Event ; rdfs:label "notice given" .
    ... ''')
    >>> [(p.label, p.via) for p in prerequisites(store, "option").prerequisites]
    ... # doctest: +NORMALIZE_WHITESPACE
    [('option exercised', 'option ends with option exercised'),
     ('notice given', 'option ends with option exercised; option exercised requires notice given')]
    """
    import itertools

    import networkx as nx

    from .model import model
    from .resolve import resolve
    from .traverse import relation_words, rests_on_graph

    node = resolve(store, name, kinds=["provision", "event", "trigger"])
    m = model(store)
    graph = rests_on_graph(_known_graph(store, node, as_of, min_evidence))
    paths: dict[str, list[str]] = (
        nx.single_source_shortest_path(graph, node) if node in graph else {node: [node]}
    )
    quoted = _quotes_of(store, [p for p in paths if p != node and p not in m.provisions])
    rows = []
    for target, path in paths.items():
        if target == node:
            continue
        via = "; ".join(
            f"{m.label(u)} {relation_words(graph.edges[u, v]['relation'])} {m.label(v)}"
            for u, v in itertools.pairwise(path)
        )
        provision = m.provisions.get(target)
        rows.append(
            Prerequisite(
                node=target,
                label=m.label(target),
                kind=str(m.graph.nodes[target].get("kind", "")),
                via=via,
                path=tuple(path),
                quote=provision.quote if provision else " … ".join(quoted.get(target, [])),
            )
        )
    rows.sort(key=lambda r: (len(r.path), r.label.lower()))
    return Prerequisites(node=node, label=m.label(node), prerequisites=tuple(rows))


_RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
_NAMES = frozenset(
    {
        "http://www.w3.org/2000/01/rdf-schema#label",
        "http://www.w3.org/2004/02/skos/core#prefLabel",
        "http://www.w3.org/2004/02/skos/core#altLabel",
    }
)
_EVIDENCE = "https://w3id.org/pactgraph/ns#evidence"
_EXACT = "http://www.w3.org/ns/oa#exact"
_START = "http://www.w3.org/ns/oa#start"
_READING = "https://w3id.org/pactgraph/ns#reading"


def describe(
    store: Store,
    name: str,
    *,
    as_of: dt.date | None = None,
    min_evidence: str | None = None,
) -> Description:
    """What the agreements state about ``name`` (anything a question can name): its kinds,
    every name it has, each statement it is the subject or the object of (labelled, the
    relations as the ontology names them) and the quotes it rests on. With ``as_of`` or
    ``min_evidence``, statements about provisions those leave out are left out too (a
    usage error if ``name`` is one).

    Raises :class:`~pactgraph.errors.UnknownNameError` if the name is not found.

    >>> from pactgraph.load import load
    >>> store = load(text='''
    ...     <https://example.org/a> a pg:Agreement ; pg:provision <https://example.org/r> .
    ...     <https://example.org/r> a pg:Right ; rdfs:label "right to sublet" ;
    ...         pg:holder <https://example.org/tenant> .
    ...     <https://example.org/tenant> a pg:Party ; rdfs:label "Tenant" ; skos:altLabel "Lessee" .
    ... ''')
    >>> answer = describe(store, "lessee")
    >>> answer.kinds, answer.names
    (('party',), ('Lessee', 'Tenant'))
    >>> [(s.subject, s.relation, s.object) for s in answer.statements]
    [('right to sublet', 'holder', 'Tenant')]
    """
    import pyoxigraph as ox

    from .load import ONTOLOGY_GRAPH
    from .resolve import label_of, labels, resolve
    from .traverse import relation_words

    iri = resolve(store, name)
    hidden = _hidden(store, iri, as_of, min_evidence)
    node = ox.NamedNode(iri)
    ontology = ox.NamedNode(ONTOLOGY_GRAPH)
    rdfs_label = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")

    def words(
        term: ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple | ox.DefaultGraph,
        role: str = "node",
    ) -> str:
        if isinstance(term, ox.Literal):
            return term.value
        if not isinstance(term, ox.NamedNode):
            return str(term)
        for q in store.oxigraph.quads_for_pattern(term, rdfs_label, None, ontology):
            return _value(q.object)
        if isinstance(term, ox.NamedNode) and role == "relation":
            return relation_words(local_name(term.value))
        for q in store.oxigraph.quads_for_pattern(term, rdfs_label, None):
            return _value(q.object)
        known = labels(store).get(term.value)
        if known:
            return known
        for wording in (_EXACT, _READING):  # a quote, or a reading of ambiguous wording
            for q in store.oxigraph.quads_for_pattern(term, ox.NamedNode(wording), None):
                text = _value(q.object)
                return f"\u201c{text}\u201d" if wording == _EXACT else text
        return label_of(store, term.value)

    def _value(term: ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple) -> str:
        return str(term) if isinstance(term, ox.Triple) else term.value

    kinds: list[str] = []
    names: set[str] = set()
    statements: list[Statement] = []
    for g in (ox.NamedNode(graph) for graph in store.agreement_graphs):
        for q in store.oxigraph.quads_for_pattern(node, None, None, g):
            predicate = q.predicate.value
            if isinstance(q.object, ox.NamedNode) and q.object.value in hidden:
                continue
            if predicate == _RDF_TYPE:
                kinds.append(words(q.object))
            elif predicate in _NAMES:
                names.add(words(q.object))
            elif predicate != _EVIDENCE:
                statements.append(
                    Statement(words(node), words(q.predicate, "relation"), words(q.object), "out")
                )
        for q in store.oxigraph.quads_for_pattern(None, None, node, g):
            if isinstance(q.subject, ox.NamedNode) and q.subject.value in hidden:
                continue
            if q.predicate.value not in (_RDF_TYPE, _EVIDENCE):
                statements.append(
                    Statement(words(q.subject), words(q.predicate, "relation"), words(node), "in")
                )
    unique = sorted(
        set(statements), key=lambda s: (s.direction != "out", s.relation, s.subject, s.object)
    )
    return Description(
        node=iri,
        label=words(node),
        kinds=tuple(sorted(set(kinds))),
        names=tuple(sorted(names, key=str.lower)),
        statements=tuple(unique),
        quotes=tuple(_quotes_of(store, [iri]).get(iri, ())),
    )


def _quotes_of(store: Store, nodes: Iterable[str]) -> dict[str, list[str]]:
    """The words of each node's quotes (``pg:evidence`` → ``oa:exact``), each once, in the
    order of their graphs and offsets; a node without quotes is left out."""
    import pyoxigraph as ox

    evidence, exact, start = (ox.NamedNode(p) for p in (_EVIDENCE, _EXACT, _START))
    found: dict[str, list[str]] = {}
    for node in nodes:
        quotes = []
        for q in store.oxigraph.quads_for_pattern(ox.NamedNode(node), evidence, None):
            if not isinstance(q.object, ox.NamedNode):
                continue
            offset = next(
                store.oxigraph.quads_for_pattern(q.object, start, None, q.graph_name), None
            )
            at = (
                int(offset.object.value) if offset and isinstance(offset.object, ox.Literal) else -1
            )
            quotes += [
                (str(q.graph_name), at, e.object.value)
                for e in store.oxigraph.quads_for_pattern(q.object, exact, None, q.graph_name)
                if isinstance(e.object, ox.Literal)
            ]
        if quotes:
            found[node] = list(dict.fromkeys(text for _, _, text in sorted(quotes)))
    return found


#: The provisions that leave ?category out: the concept a provision names excludes it (or
#: a broader concept it falls under), or a carve-out of the provision, or of one it
#: replaces, covers it. A repeal covers nothing, so it excludes nothing.
_EXCLUDING = """
PREFIX pg: <https://w3id.org/pactgraph/ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT DISTINCT ?category ?provision ?kind ?via ?excluded ?carveOut WHERE {
  {
    ?provision pg:covers ?via . ?via pg:excludes ?excluded .
    ?category (skos:broader|^pg:includes)* ?excluded .
  } UNION {
    ?provision pg:revises* ?from .
    ?carveOut pg:carveOutOf ?from ; pg:covers ?excluded .
    ?category (skos:broader|^pg:includes)* ?excluded .
  }
  ?provision a ?kind .
  GRAPH <https://w3id.org/pactgraph/ns> { ?kind rdfs:subClassOf pg:Provision . }
  FILTER NOT EXISTS { ?provision pg:change pg:Removed }
}
"""


def excluding(
    store: Store,
    category: str,
    *,
    as_of: dt.date | None = None,
    min_evidence: str | None = None,
) -> Exclusions:
    """The provisions that leave ``category`` (an IRI or a name) out, each with how: the
    concept it names excludes the category or one that includes it, or a carve-out of it
    covers the category (a carve-out carries over to the provision's replacements). Only
    those of the versions published by ``as_of`` and resting on ``min_evidence`` sources or
    stronger count.

    >>> from pactgraph.load import load
    >>> store = load(text='''
    ...     <https://example.org/a> a pg:Agreement ; pg:provision <https://example.org/l> .
    ...     <https://example.org/l> a pg:Right ; rdfs:label "software licence" ;
    ...         pg:covers <https://example.org/software> .
    ...     <https://example.org/software> a skos:Concept ; skos:prefLabel "software" ;
    ...         pg:excludes <https://example.org/source-code> .
    ...     <https://example.org/source-code> a skos:Concept ; skos:prefLabel "source code" .
    ... ''')
    >>> [(e.label, e.how) for e in excluding(store, "source code").provisions]
    [('software licence', ('software excludes source code',))]
    """
    import pyoxigraph as ox

    from .model import model
    from .query import select
    from .resolve import label_of, resolve

    iri = resolve(store, category, kinds=["concept"])
    m = model(store)
    hidden = left_out(store, as_of, min_evidence)
    merged: dict[str, tuple[str, list[str]]] = {}
    for row in select(store, _EXCLUDING, {"category": ox.NamedNode(iri)}):
        if row["provision"] in hidden:
            continue
        _, how = merged.setdefault(row["provision"], (local_name(row["kind"]), []))
        if "carveOut" in row:
            text = f"carved out by {label_of(store, row['carveOut'])}" + (
                f" ({label_of(store, row['excluded'])})" if row["excluded"] != iri else ""
            )
        else:
            text = f"{label_of(store, row['via'])} excludes {label_of(store, row['excluded'])}"
        if text not in how:
            how.append(text)
    rows = [
        Excluding(
            provision=provision,
            label=m.label(provision),
            kind=kind,
            how=tuple(sorted(how)),
            quote=m.provisions[provision].quote if provision in m.provisions else "",
        )
        for provision, (kind, how) in merged.items()
    ]
    rows.sort(key=lambda r: r.label.lower())
    return Exclusions(category=iri, label=label_of(store, iri), provisions=tuple(rows))


def covering(
    store: Store,
    category: str,
    *,
    kinds: Iterable[str] | None = None,
    as_of: dt.date | None = None,
    min_evidence: str | None = None,
) -> Coverage:
    """The provisions that cover ``category`` (an IRI or a name), through the concepts that
    include it; ``kinds`` keeps only those kinds (local names, such as ``Right``). Only those
    of the versions published by ``as_of`` and resting on ``min_evidence`` sources or
    stronger count.

    >>> from pactgraph.load import load
    >>> store = load(text='''
    ...     <https://example.org/a> a pg:Agreement ; pg:provision <https://example.org/licence> .
    ...     <https://example.org/licence> a pg:Right ; rdfs:label "software licence" ;
    ...         pg:covers <https://example.org/software> .
    ...     <https://example.org/software> a skos:Concept ; skos:prefLabel "software" ;
    ...         pg:includes <https://example.org/source-code> .
    ...     <https://example.org/source-code> a skos:Concept ; skos:prefLabel "source code" .
    ... ''')
    >>> [(c.label, c.via) for c in covering(store, "source code").provisions]
    [('software licence', ('software',))]
    """
    import pyoxigraph as ox

    from .model import model
    from .query import select
    from .resolve import label_of, resolve

    iri = resolve(store, category, kinds=["concept"])
    wanted = set(kinds) if kinds is not None else None
    m = model(store)
    hidden = left_out(store, as_of, min_evidence)
    merged: dict[str, tuple[str, str, list[str], list[str]]] = {}
    for row in select(store, "provisions-covering", {"category": ox.NamedNode(iri)}):
        kind = local_name(row["kind"])
        if (wanted is not None and kind not in wanted) or row["provision"] in hidden:
            continue
        _, _, holders, via = merged.setdefault(
            row["provision"], (row.get("label", ""), kind, [], [])
        )
        if "holder" in row and label_of(store, row["holder"]) not in holders:
            holders.append(label_of(store, row["holder"]))
        if label_of(store, row["via"]) not in via:
            via.append(label_of(store, row["via"]))
    rows = [
        Covering(
            provision=iri_,
            label=label,
            kind=kind,
            holders=tuple(holders),
            via=tuple(via),
            quote=m.provisions[iri_].quote if iri_ in m.provisions else "",
        )
        for iri_, (label, kind, holders, via) in merged.items()
    ]
    rows.sort(key=lambda r: (r.holders, r.label.lower()))
    return Coverage(category=iri, label=label_of(store, iri), provisions=tuple(rows))


#: A word said not to hold: "non-exclusive", "not exclusive", "no longer exclusive".
_NEGATED = re.compile(r"\b(?:non[- ]|not |no longer |no )[a-z]+", re.IGNORECASE)

#: What a kind's word means otherwise in a label: "exclusive property" is ownership, not an
#: exclusivity.
_OTHERWISE = re.compile(
    r"\b(?:sole and )?exclusive (?:property|owner|ownership|title|jurisdiction|venue|remedy)\b",
    re.IGNORECASE,
)


def _covered(store: Store) -> dict[str, list[str]]:
    """The labels of the concepts each provision covers (``pg:covers``), by provision."""
    import pyoxigraph as ox

    from .resolve import label_of

    found: dict[str, list[str]] = {}
    for q in store.oxigraph.quads_for_pattern(None, ox.NamedNode(PG_NS + "covers"), None):
        if isinstance(q.subject, ox.NamedNode) and isinstance(q.object, ox.NamedNode):
            found.setdefault(q.subject.value, []).append(label_of(store, q.object.value))
    return found


#: Words a search names a provision by, not its subject ("an exclusivity clause").
_SEARCH_FILLER = "clause clauses provision provisions term terms section sections any some"

#: The words agreements use for one topic: a search for one finds the others ("an audit
#: right" finds the right to inspect the books, "force majeure" causes beyond the parties'
#: control).
_TOPIC_FAMILIES = (
    ("audit", "inspection", "inspect"),
    ("force majeure", "beyond control", "act of god", "acts of god"),
    ("confidentiality", "confidential", "non-disclosure", "nondisclosure"),
    ("non-compete", "non-competition", "noncompete", "not compete"),
    ("indemnity", "indemnification", "indemnify", "hold harmless"),
)


def _topic_variants(topic: frozenset[str]) -> list[frozenset[str]]:
    """``topic``, and ``topic`` with each phrase of a family it holds (:data:`_TOPIC_FAMILIES`)
    put as each other phrase of that family."""
    from .resolve import words

    found = [topic]
    for family in _TOPIC_FAMILIES:
        phrases = [words(phrase) for phrase in family]
        for phrase in phrases:
            if phrase <= topic:
                found += [(topic - phrase) | other for other in phrases if other != phrase]
    return found


def search(
    store: Store,
    about: str,
    *,
    as_of: dt.date | None = None,
    min_evidence: str | None = None,
) -> Matches:
    """The provisions ``about`` names: those of the kind it names, if it names a kind of
    provision ("exclusivity", "restrictions"), and those whose label, name (the IRI's local
    name) or covered concepts hold every word of it; for anything else, those whose label,
    name, quote or covered concepts hold every word of it. Words are folded to their family
    ("exclusive" finds "exclusivity", "licence" "license"), and a topic's other usual words
    count as its own ("audit" finds "inspection", "force majeure" "beyond the parties'
    control": :data:`_TOPIC_FAMILIES`); a repeal is left out. Only those
    of the versions published by ``as_of`` and resting on ``min_evidence`` sources or
    stronger count.

    Raises :class:`~pactgraph.errors.UsageError` if ``about`` holds no word to look for.

    >>> from pactgraph.load import load
    >>> store = load(text='''
    ...     <https://example.org/a> a pg:Agreement ; pg:provision <https://example.org/x>,
    ...         <https://example.org/y> .
    ...     <https://example.org/x> a pg:Exclusivity ; rdfs:label "sole supplier" .
    ...     <https://example.org/y> a pg:Obligation ; rdfs:label "exclusive use of the logo" .
    ... ''')
    >>> [(p.label, p.by_kind) for p in search(store, "exclusivity").provisions]
    [('sole supplier', True), ('exclusive use of the logo', False)]
    """

    from .errors import UsageError
    from .model import model
    from .resolve import singular, words

    topic = words(singular(about)) - words(_SEARCH_FILLER)
    if not topic:
        raise UsageError(f"{about!r} names nothing to look for; give a word the provisions use")
    m = model(store, as_of, min_evidence)
    kinds = {p.kind for p in m.provisions.values()}
    named = {kind for kind in kinds if words(spaced(kind)) == topic}
    variants = _topic_variants(topic)
    concepts = _covered(store)
    found = []
    for iri, p in m.provisions.items():
        if p.change == "Removed":  # a repeal: what it names is gone, not there
            continue
        by_kind = p.kind in named
        # a kind named: the others its label or concepts call so (not "non-exclusive");
        # otherwise its quote too
        texts = " ".join(
            [p.label, local_name(iri).replace("-", " "), *([] if named else [p.quote]),
             *concepts.get(iri, ())]
        )  # fmt: skip
        if named:
            texts = _NEGATED.sub(" ", texts)
        if not topic & words("property owner ownership title jurisdiction venue remedy"):
            texts = _OTHERWISE.sub(" ", texts)
        held = words(singular(texts))
        if by_kind or any(variant <= held for variant in variants):
            found.append(Match(iri, p.label, p.kind, p.agreement, by_kind, p.quote))
    found.sort(key=lambda f: (not f.by_kind, f.label.lower(), f.provision))
    return Matches(about, tuple(found))


def changes(
    store: Store,
    *,
    about: str | None = None,
    versions: Collection[str] | None = None,
    as_of: dt.date | None = None,
    min_evidence: str | None = None,
) -> Changes:
    """What each agreement changed from the terms it supersedes, new first, kept last;
    with ``about``, only the provisions whose label, name, quote or covered concepts hold
    every word of it, or those of a provision it is an exception to, carves out of, extends
    or replaces (folded as names are: "computing" finds "compute", "exclusivity"
    "exclusive"; and as a search's topics: :data:`_TOPIC_FAMILIES`); with ``versions``
    (agreement IRIs), only what those versions changed. Only the versions published by
    ``as_of``, and the provisions resting on ``min_evidence`` sources or stronger, count.

    >>> from pactgraph.load import load
    >>> store = load(text='''
    ...     <https://example.org/a> a pg:Agreement ; pg:provision <https://example.org/r> .
    ...     <https://example.org/r> a pg:Right ; rdfs:label "right of first refusal" ;
    ...         pg:change pg:Removed .
    ... ''')
    >>> [(c.change, c.label) for c in changes(store).changes]
    [('Removed', 'right of first refusal')]
    >>> changes(store, about="pricing").changes
    ()
    """

    from .errors import UsageError
    from .model import model
    from .query import select
    from .resolve import label_of, words

    m = model(store)
    topic = words(about) if about is not None else frozenset()
    if about is not None and not topic:
        raise UsageError(f"{about!r} names no topic; give a word the provisions use")
    concepts = _covered(store) if topic else {}
    variants = _topic_variants(topic)
    modifies = m.ripple("Modifies")
    order = {kind: i for i, kind in enumerate(CHANGE_ORDER)}
    hidden = left_out(store, as_of, min_evidence)
    rows = []
    for row in select(store, "changes"):
        if versions is not None and row["agreement"] not in versions:
            continue
        if row["provision"] in hidden:
            continue
        provision = m.provisions.get(row["provision"])
        revised = sorted(
            (old, revision.on)
            for old, revision in m.revised.items()
            if revision.by == row["provision"]
        )
        if topic:
            # and what it is an exception to, carves out of, extends or replaces: "about the
            # non-compete" finds an exception to the non-compete
            bears_on = [
                *(modifies.predecessors(row["provision"]) if row["provision"] in modifies else ()),
                *(old for old, _ in revised),
            ]
            texts = [
                row.get("label", ""),
                local_name(row["provision"]).replace("-", " "),
                provision.quote if provision else "",
                *concepts.get(row["provision"], ()),
                *(m.label(q) for q in bears_on),
                *(local_name(q).replace("-", " ") for q in bears_on),
            ]
            held = words(" ".join(texts))
            if not any(variant <= held for variant in variants):
                continue
        rows.append(
            ChangeRecord(
                agreement=row["agreement"],
                supersedes=label_of(store, row["supersedes"]) if "supersedes" in row else None,
                change=local_name(row["change"]),
                provision=row["provision"],
                label=row.get("label", ""),
                quote=provision.quote if provision else "",
                interpretations=provision.interpretations if provision else (),
                replaces=tuple(m.label(old) for old, _ in revised),
                from_day=min((on for _, on in revised), default=None),
            )
        )
    rows.sort(key=lambda r: (order.get(r.change, len(order)), r.label.lower()))
    return Changes(changes=tuple(rows))


def _revision_family(store: Store, iri: str) -> set[str]:
    """``iri`` and every provision that revises it or that it revises, through versions."""
    from .query import select

    links = [(r["provision"], r["revises"]) for r in select(store, "revisions")]
    family, todo = {iri}, [iri]
    while todo:
        current = todo.pop()
        for new, old in links:
            for other in (new, old):
                if current in (new, old) and other not in family:
                    family.add(other)
                    todo.append(other)
    return family


def claims(
    store: Store,
    about: str | None = None,
    *,
    as_of: dt.date | None = None,
    min_evidence: str | None = None,
) -> Claims:
    """The reported claims, or those about ``about`` (a provision or agreement, by IRI or
    name, or any version of that provision): what a press report says that the agreement's
    texts do not, with its source and whether the parties confirmed it. A claim about a
    provision (or every provision of an agreement) that ``as_of`` or ``min_evidence`` leave
    out is left out with it.

    >>> from pactgraph.load import load
    >>> store = load(text='''
    ...     <https://example.org/a> a pg:Agreement ; pg:provision <https://example.org/fee> .
    ...     <https://example.org/fee> a pg:Obligation ; rdfs:label "licence fee" .
    ...     <https://example.org/cap> a pg:ReportedClaim ; rdfs:label "a reported fee cap" ;
    ...         pg:about <https://example.org/fee> ; pg:confirmed false .
    ... ''')
    >>> [(c.label, c.about_label, c.confirmed) for c in claims(store, "licence fee").claims]
    [('a reported fee cap', 'licence fee', False)]
    """

    from .query import select
    from .resolve import label_of, resolve

    iri = resolve(store, about, kinds=["provision", "agreement"]) if about else None
    related = _revision_family(store, iri) if iri else None
    hidden = left_out(store, as_of, min_evidence)
    if hidden:
        from .model import model

        kept = {p.agreement for p in model(store, as_of, min_evidence).provisions.values()}
        hidden |= {p.agreement for p in model(store).provisions.values()} - kept
    found: dict[str, Claim] = {}
    for r in select(store, "reported-claims"):
        if related is not None and r.get("about") not in related:
            continue
        if r.get("about") in hidden:
            continue
        if r["claim"] in found:
            if r.get("quote") and r["quote"] not in found[r["claim"]].quotes:
                claim = found[r["claim"]]
                found[r["claim"]] = replace(claim, quotes=(*claim.quotes, r["quote"]))
            continue
        source = (
            Source(
                document=r["document"],
                title=r.get("title"),
                kind=local_name(r["kind"]) if "kind" in r else None,
                rank=None,
            )
            if "document" in r
            else None
        )
        found[r["claim"]] = Claim(
            claim=r["claim"],
            label=r.get("label") or local_name(r["claim"]),
            wording=r.get("wording"),
            about=r.get("about"),
            about_label=label_of(store, r["about"]) if "about" in r else None,
            confirmed=r.get("confirmed") if isinstance(r.get("confirmed"), bool) else None,
            quotes=(r["quote"],) if r.get("quote") else (),
            source=source,
        )
    return Claims(about=iri, claims=tuple(found.values()))


def survivors(
    store: Store,
    of: str | None = None,
    *,
    as_of: dt.date | None = None,
    min_evidence: str | None = None,
) -> Survivals:
    """The provisions that survive another's end (``pg:survives``), each with what it
    survives and for how long; with ``of`` (a provision, by IRI or name), only those that
    survive it. Only the versions published by ``as_of``, and the provisions resting on
    ``min_evidence`` sources or stronger, count.

    >>> from pactgraph.load import load
    >>> store = load(text='''
    ...     <https://example.org/a> a pg:Agreement ;
    ...         pg:provision <https://example.org/services>, <https://example.org/secrecy> .
    ...     <https://example.org/services> a pg:Obligation ; rdfs:label "services" .
    ...     <https://example.org/secrecy> a pg:Obligation ; rdfs:label "confidentiality" ;
    ...         pg:survives <https://example.org/services> ;
    ...         pg:survivalPeriod "P3Y"^^xsd:duration .
    ... ''')
    >>> [(s.label, s.survives_label, s.period) for s in survivors(store).provisions]
    [('confidentiality', 'services', '3 years')]
    """
    from .model import model
    from .resolve import resolve

    m = model(store, as_of, min_evidence)
    iri = resolve(store, of, kinds=["provision"]) if of is not None else None
    if iri is not None:
        _hidden(store, iri, as_of, min_evidence)
    rows = [
        Survivor(
            provision=p.iri,
            label=p.label,
            kind=p.kind,
            survives=p.survives,
            survives_label=m.label(p.survives),
            period=(
                p.survival_period.words()
                if p.survival_period
                else _until(m, p.end)
                if p.end
                else "without limit"
            ),
            quote=p.quote,
        )
        for p in m.provisions.values()
        if p.survives is not None and (iri is None or p.survives == iri)
    ]
    rows.sort(key=lambda r: (r.survives_label.lower(), r.label.lower()))
    return Survivals(of=iri, label=m.label(iri) if iri else None, provisions=tuple(rows))


def _until(m: Model, end: str) -> str:
    """How long a survivor with an end of its own lasts: until that end, with its last day
    where the end is a date."""
    from .model import DAY

    t = m.triggers.get(end)
    if t is None or t.type != "DateTrigger" or t.date is None:
        return f"until {m.label(end)}"
    last = t.date if t.end_of_day else t.date - DAY
    return f"until {m.label(end)} (its last day {last})"


def lifetime(
    store: Store,
    name: str,
    *,
    events: Mapping[str, dt.date | Sequence[dt.date]] | None = None,
    as_of: dt.date | None = None,
    min_evidence: str | None = None,
    initial: bool = False,
) -> Lifetime:
    """When the provision ``name`` (an IRI or a name) starts and ends, under ``events``;
    with ``initial``, its initial term: where a renewal ends it, the term before any
    renewal, which ends with the first term (sooner if the scenario ends it sooner).

    >>> from pactgraph.load import load
    >>> store = load(text='''
    ...     <https://example.org/a> a pg:Agreement ; dcterms:date "2024-01-01"^^xsd:date ;
    ...         pg:provision <https://example.org/r> .
    ...     <https://example.org/r> a pg:Right ; rdfs:label "tenancy" ;
    ...         pg:endsWith <https://example.org/end> .
    ...     <https://example.org/end> a pg:DateTrigger ; rdfs:label "end of 2026" ;
    ...         time:inXSDDate "2026-12-31"^^xsd:date ; pg:dayBoundary pg:EndOfDay .
    ... ''')
    >>> answer = lifetime(store, "tenancy")
    >>> answer.start, answer.end, answer.ends
    (datetime.date(2024, 1, 1), datetime.date(2026, 12, 31), 'after 2026-12-31 (end of 2026)')
    """
    from .evaluate import Run
    from .model import model
    from .resolve import resolve
    from .scenario import scenario

    m = model(store, as_of, min_evidence)
    iri = resolve(store, name, kinds=["provision"])
    _hidden(store, iri, as_of, min_evidence)
    run = Run(m, scenario(store, events, m=m))
    return _initial_term(run, iri) if initial else _lifetime(run, iri)


def _with_last_day(run: Run, iri: str) -> str:
    """A provision's label, with its last day in force where the scenario gives one."""
    from .model import DAY

    term = run.term(iri)
    last = f" (its last day {term.end - DAY})" if term.end is not None and not term.never else ""
    return f"{run.m.label(iri)}{last}"


def _rests_ends(run: Run, iri: str, seen: frozenset[str] = frozenset()) -> str:
    """How a provision with no end of its own ends, in words: with what it rests on (a
    right "during the Term" ends with the Term, however the Term ends), or "no end stated"."""
    m = run.m
    rests = [q for q in m.units.rests_on.get(iri, ()) if q in m.provisions and q not in seen]
    if not rests:
        return "no end stated"
    seen = seen | {iri, *rests}
    return "with " + " or ".join(
        f"{m.label(q)}, which ends "
        + (run.words(end) if (end := m.provisions[q].end) else _rests_ends(run, q, seen))
        for q in rests
    )


def _ends_words(run: Run, iri: str) -> str:
    """How the provision ``iri`` ends, in words: its end trigger's, or "no end stated"."""
    end = run.m.provisions[iri].end
    return run.words(end) if end else "no end stated"


def _initial_term(run: Run, iri: str) -> Lifetime:
    """A provision's lifetime before any renewal: what its term is without one where no
    renewal ends it; else it ends with the renewal's first term, unless the scenario ends it
    sooner."""
    from .model import DAY

    whole = _lifetime(run, iri)
    renewal = _renewal_ending(run.m, run.m.provisions[iri].end)
    if renewal is None or renewal.after is None:
        return whole
    first = run.fire(renewal.after).day
    if first is None or (whole.end is not None and whole.end < first - DAY):
        return whole  # the first term has no day, or the scenario ends the term sooner
    return replace(
        whole,
        end=first - DAY,
        ends=(
            f"at {run.m.label(renewal.after)}, {run.words(renewal.after)}: the initial term, "
            f"before any renewal, has its last day {first - DAY} (the term, renewals and all, "
            f"ends {whole.ends})"
        ),
    )


def _renewal_ending(m: Model, trigger: str | None) -> Trigger | None:
    """The renewal among the ways ``trigger`` ends a term: the trigger itself, or a member
    of the earliest or latest of several."""
    t = m.triggers.get(trigger or "")
    if t is None:
        return None
    if t.type == "Renewal":
        return t
    if t.type in {"EarliestOf", "LatestOf"}:
        found = (_renewal_ending(m, member) for member in t.members)
        return next((r for r in found if r is not None), None)
    return None


def lifetimes(
    store: Store,
    *,
    events: Mapping[str, dt.date | Sequence[dt.date]] | None = None,
    as_of: dt.date | None = None,
    min_evidence: str | None = None,
    provisions: Iterable[str] | None = None,
) -> dict[str, Lifetime]:
    """:func:`lifetime` of every provision (or of ``provisions``, IRIs), by IRI, from one
    evaluation of the scenario.

    >>> from pactgraph.load import load
    >>> store = load(text='''
    ...     <https://example.org/a> a pg:Agreement ; dcterms:date "2024-01-01"^^xsd:date ;
    ...         pg:provision <https://example.org/r> .
    ...     <https://example.org/r> a pg:Right ; rdfs:label "tenancy" .
    ... ''')
    >>> lifetimes(store)["https://example.org/r"].ends
    'no end stated'
    """
    from .evaluate import Run
    from .model import model
    from .scenario import scenario

    m = model(store, as_of, min_evidence)
    run = Run(m, scenario(store, events, m=m))
    wanted = m.provisions.keys() if provisions is None else set(provisions) & m.provisions.keys()
    return {iri: _lifetime(run, iri) for iri in sorted(wanted)}


def never(
    store: Store,
    events: Iterable[str],
    *,
    scenario_events: Mapping[str, dt.date | Sequence[dt.date]] | None = None,
    as_of: dt.date | None = None,
    min_evidence: str | None = None,
) -> NeverHappens:
    """What becomes of the provisions that rest on ``events`` (IRIs or names) if they never
    happen: each provision whose term differs, or whose own start or end names one of them,
    with its term as the agreements state it (those events undated, so they could still
    come) and its term if they never do; and what starts or ends with one whose term
    differs or that the events alone would move (a term extended "if" they come), not with
    one they bear on only with other undated events (a cure of a breach nobody dated).
    ``scenario_events`` dates the other events of the scenario.

    Raises :class:`~pactgraph.errors.UnknownNameError` if a name matches no event, or
    several.

    >>> from pactgraph.load import load
    >>> store = load(text='''
    ...     <https://example.org/a> a pg:Agreement ; dcterms:date "2024-01-01"^^xsd:date ;
    ...         pg:provision <https://example.org/r>, <https://example.org/s> .
    ...     <https://example.org/r> a pg:Right ; rdfs:label "licence" ;
    ...         pg:endsWith <https://example.org/x> .
    ...     <https://example.org/s> a pg:Right ; rdfs:label "sell-off" ;
    ...         pg:startsWith <https://example.org/x> .
    ...     <https://example.org/x> a pg:Event ; rdfs:label "licensee breaches" .
    ... ''')
    >>> [(c.label, c.stated.conditional, c.never.conditional, c.never.start) for c in
    ...     never(store, ["licensee breaches"]).provisions]
    [('licence', True, False, datetime.date(2024, 1, 1)), ('sell-off', True, False, None)]
    """
    from .errors import UsageError
    from .evaluate import ALWAYS, Run
    from .model import DAY, model
    from .resolve import resolve
    from .scenario import NEVER, scenario

    m = model(store, as_of, min_evidence)
    iris = tuple(dict.fromkeys(e if e in m.events else resolve(store, e, kinds=["event"])
                               for e in events))  # fmt: skip
    base = {k: v for k, v in (scenario_events or {}).items() if k not in iris and k not in events}
    stated = Run(m, scenario(store, base, m=m))
    without = Run(m, scenario(store, {**base, **dict.fromkeys(iris, NEVER)}, m=m))
    reached: set[str] = set()
    # and the events that require one of them, which cannot come either ("AGI verified",
    # which requires "AGI declared")
    barred = [e for e in m.events if e not in iris and set(m.prerequisites(e)) & set(iris)]
    for iri in (*iris, *barred):
        reached |= m.relevant(iri) & m.provisions.keys()
    terms = {iri: (_lifetime(stated, iri), _lifetime(without, iri)) for iri in reached}

    def names_one(iri: str) -> bool:
        """Its own start or end names one of the events: listed even where an undated event
        reads as one that has not come (a term extended "if" the event comes)."""
        p = m.provisions[iri]
        return any(t.iri in iris for trigger in (p.start, p.end) for t in m.walk(trigger))

    tried: dict[dt.date, Run] = {}

    def moved_alone(iri: str) -> bool:
        """The events, come the day after the provision's first day, move its term with no
        other event: a term extended "if" they come, not one they save from an end other
        undated events would bring (a cure of a breach nobody dated)."""
        term = stated.term(iri)
        first = term.start if isinstance(term.start, dt.date) and term.start != ALWAYS else None
        day = (first or m.provisions[iri].agreement_date or dt.date.today()) + DAY
        if day not in tried:
            try:
                tried[day] = Run(m, scenario(store, {**base, **dict.fromkeys(iris, day)}, m=m))
            except UsageError:  # they cannot come that day: one requires an event dated later
                return True
        after = tried[day].term(iri)
        return (after.start, after.end, after.never) != (term.start, term.end, term.never)

    naming = {iri for iri in terms if names_one(iri)}
    listed = {
        iri
        for iri, (before, after) in terms.items()
        if before != after or (iri in naming and moved_alone(iri))
    }
    while more := {  # and what starts or ends with one listed
        iri for iri in reached - listed
        if {stated.term(iri).end_by, stated.term(iri).start_by} & listed
    }:  # fmt: skip
        listed |= more
    listed |= naming  # where the event bears on them, if only with others undated
    rows = [
        NeverChange(iri, m.provisions[iri].label, m.provisions[iri].kind, *terms[iri])
        for iri in listed
    ]
    rows.sort(key=lambda r: (r.label.lower(), r.provision))
    return NeverHappens(iris, tuple(m.label(i) for i in iris), tuple(rows))


def _lifetime(run: Run, iri: str) -> Lifetime:
    """A provision's lifetime in an evaluated scenario."""
    from .evaluate import ALWAYS
    from .model import DAY

    m = run.m
    term = run.term(iri)
    p = m.provisions[iri]
    start = term.start if term.start not in (None, ALWAYS) and not term.never else None
    end = term.end - DAY if term.end is not None and not term.never else None
    if term.never and p.start and run.pending(p.start):
        # it waits for an event the scenario does not date: say what it waits for, and what
        # it ends with where it rests on another
        starts = run.words(p.start)
        t = m.triggers.get(p.start)
        if starts.startswith("never: ") and t is not None and t.through:
            # "never: the Term ends, but not through the withdrawal": as the text states it,
            # it waits for that way of ending, which an undated event may still bring
            starts = (
                f"when {m.label(t.end_of or '')} ends through {m.label(t.through)}, which waits "
                f"for an event not dated here (without it, {starts.removeprefix('never: ')})"
            )
        rests = [q for q in m.units.rests_on.get(iri, ()) if q in m.provisions]
        ends = (
            run.words(p.end) if p.end else
            "with " + " or ".join(_with_last_day(run, q) for q in rests) if rests else
            "no end stated"
        )  # fmt: skip
    elif term.never:
        starts = ends = "never in force in this scenario"
    else:
        starts = (
            run.words(p.start) if p.start else
            f"with {m.label(term.start_by)} (on {start})" if term.start_by and start else
            "with the agreement"
        )  # fmt: skip
        if p.survives is not None and term.replaced_by is None and (p.survival_period or not p.end):
            # it outlives what it survives: by its period, or without limit
            survived = m.label(p.survives)
            period = p.survival_period
            ends = (
                f"{period.words()} after {survived} ends" if period else
                f"never: it survives {survived} without limit"
            )  # fmt: skip
            if period and end is None:
                ends += f", which has no day in this scenario ({_ends_words(run, p.survives)})"
        elif term.end_by is not None:
            ends = f"with {m.label(run.ends_with(term))}"
        elif term.replaced_by is not None:
            ends = (
                f"when a later version replaces it, as {term.end} begins "
                f"({m.label(term.replaced_by)})"
            )
        elif p.end:
            ends = run.words(p.end)
        else:
            ends = _rests_ends(run, iri)
    # an undated event could start it, end it, or end sooner what it rests on (a notice of
    # termination ending the term a licence lasts for)
    pending = bool(run.pending(p.end) or run.pending(p.start)) or (
        not term.never and bool(run.pending_ends(iri, start or dt.date.min))
    )
    if end is not None and f"(on {end + DAY})" in ends and f"last day {end}" not in ends:
        # "(on DAY)" is the day its end comes, the first day out: say the last day in force
        ends += f" (its last day in force {end})"
    return Lifetime(iri, p.label, start, end, starts, ends, pending, p.quote, p.interpretations)


def in_force(
    store: Store,
    name: str,
    on: dt.date,
    *,
    events: Mapping[str, dt.date | Sequence[dt.date]] | None = None,
    as_of: dt.date | None = None,
    min_evidence: str | None = None,
) -> Verdict:
    """Whether the provision ``name`` is in force on ``on`` under ``events``: ``yes``,
    ``no``, or ``depends`` when an event the scenario does not date could change that.

    >>> from pactgraph.load import load
    >>> store = load(text='''
    ...     <https://example.org/a> a pg:Agreement ; dcterms:date "2024-01-01"^^xsd:date ;
    ...         pg:provision <https://example.org/r> .
    ...     <https://example.org/r> a pg:Right ; rdfs:label "tenancy" ;
    ...         pg:endsWith <https://example.org/notice> .
    ...     <https://example.org/notice> a pg:Event ; rdfs:label "notice given" .
    ... ''')
    >>> in_force(store, "tenancy", dt.date(2025, 1, 1)).answer
    'depends'
    """
    from .resolve import fits, resolve
    from .state import state

    iri = resolve(store, name, kinds=["provision"])
    _hidden(store, iri, as_of, min_evidence)
    found = state(store, on, events=events, as_of=as_of, min_evidence=min_evidence)
    rows = {p.provision: p for p in found.provisions}
    row = rows[iri]
    named_so = name.strip().strip("<>") in (iri, local_name(iri))
    if row.status == Status.ENDED and not named_so:
        # "the territory restriction" named in words, on a day a later version replaced the
        # one the words found: the version in effect that day is the one asked about, where
        # the words name it too (not "the Azure API exclusivity", replaced by a partnership)
        later = _in_effect_instead(
            store, iri, rows, events=events, as_of=as_of, min_evidence=min_evidence
        )
        if later != iri and fits(store, name, later):  # the words name that one too
            first = row
            row = rows[later]
            row = replace(
                row, reason=f"{row.reason}; this version replaced {first.label} ({first.reason})"
            )
    answer = "depends" if row.conditional else "yes" if row.status == Status.IN_FORCE else "no"
    return Verdict(
        row.provision, row.label, on, answer, row.status, row.reason, row.quote,
        row.interpretations,
    )  # fmt: skip


def _in_effect_instead(
    store: Store,
    iri: str,
    rows: Mapping[str, ProvisionStatus],
    *,
    events: Mapping[str, dt.date | Sequence[dt.date]] | None,
    as_of: dt.date | None,
    min_evidence: str | None,
) -> str:
    """The latest version of the provision ``iri`` that replaced it (directly or through
    others) and has come into force by the day ``rows`` are of; ``iri`` where none has."""
    from .evaluate import Run
    from .model import model
    from .scenario import scenario

    m = model(store, as_of, min_evidence)
    run = Run(m, scenario(store, events or {}, m=m))
    current, seen = iri, {iri}
    while (after := run.term(current).replaced_by) is not None and after not in seen:
        if after not in rows or rows[after].status == Status.NOT_STARTED:
            break
        current = after
        seen.add(after)
    return current


def changes_on(
    store: Store,
    day: dt.date,
    *,
    events: Mapping[str, dt.date | Sequence[dt.date]] | None = None,
    as_of: dt.date | None = None,
    min_evidence: str | None = None,
) -> DayChanges:
    """What starts or ends as ``day`` begins under ``events``: the state on the day before
    against the state on the day.

    >>> from pactgraph.load import load
    >>> store = load(text='''
    ...     <https://example.org/a> a pg:Agreement ; dcterms:date "2024-01-01"^^xsd:date ;
    ...         pg:provision <https://example.org/r> .
    ...     <https://example.org/r> a pg:Right ; rdfs:label "tenancy" ;
    ...         pg:endsWith <https://example.org/end> .
    ...     <https://example.org/end> a pg:DateTrigger ; rdfs:label "end of 2026" ;
    ...         time:inXSDDate "2026-12-31"^^xsd:date ; pg:dayBoundary pg:EndOfDay .
    ... ''')
    >>> [(c.label, c.change.value) for c in changes_on(store, dt.date(2027, 1, 1)).changes]
    [('tenancy', 'ends')]
    """
    from .answers import ChangeKind
    from .model import DAY
    from .state import state

    options: dict[str, Any] = {"events": events, "as_of": as_of, "min_evidence": min_evidence}
    before = {p.provision: p for p in state(store, day - DAY, **options).provisions}
    found = []
    for p in state(store, day, **options).provisions:
        b = before.get(p.provision)
        if b is None or b.status == p.status:
            continue
        if b.status == Status.IN_FORCE:
            change = ChangeKind.ENDS
        elif p.status == Status.IN_FORCE:
            change = ChangeKind.BEGINS
        else:
            continue
        found.append(DayChange(p.provision, p.label, change, b.status, p.status, p.reason, p.quote))
    return DayChanges(day, tuple(found))


def changes_in(
    store: Store,
    first: dt.date,
    last: dt.date,
    *,
    events: Mapping[str, dt.date | Sequence[dt.date]] | None = None,
    as_of: dt.date | None = None,
    min_evidence: str | None = None,
) -> DayChanges:
    """What starts or ends from ``first`` to ``last`` under ``events``: the provisions whose
    first day in force or last day in force falls in that span, each as :func:`changes_on`
    answers it, with ``day`` that first or last day (a right "through 2030" ends in 2030).

    >>> from pactgraph.load import load
    >>> store = load(text='''
    ...     <https://example.org/a> a pg:Agreement ; dcterms:date "2024-01-01"^^xsd:date ;
    ...         pg:provision <https://example.org/r> .
    ...     <https://example.org/r> a pg:Right ; rdfs:label "tenancy" ;
    ...         pg:endsWith <https://example.org/end> .
    ...     <https://example.org/end> a pg:DateTrigger ; rdfs:label "end of June 2026" ;
    ...         time:inXSDDate "2026-06-30"^^xsd:date ; pg:dayBoundary pg:EndOfDay .
    ... ''')
    >>> answer = changes_in(store, dt.date(2026, 1, 1), dt.date(2026, 12, 31))
    >>> [(c.day, c.label, c.change.value) for c in answer.changes]
    [(datetime.date(2026, 6, 30), 'tenancy', 'ends')]
    """
    from dataclasses import replace

    from .answers import ChangeKind
    from .model import DAY

    days = set()
    options: dict[str, Any] = {"events": events, "as_of": as_of, "min_evidence": min_evidence}
    for term in lifetimes(store, **options).values():
        if term.start is not None and first <= term.start <= last:
            days.add(term.start)
        if term.end is not None and first <= term.end <= last:
            days.add(term.end + DAY)  # its first day out
    found = []
    for day in sorted(days):
        for change in changes_on(store, day, **options).changes:
            when = day - DAY if change.change == ChangeKind.ENDS else day
            if first <= when <= last:
                found.append(replace(change, day=when))
    found.sort(key=lambda c: (c.day or first, c.change != ChangeKind.ENDS, c.label.lower()))
    return DayChanges(first, tuple(found), until=last)
