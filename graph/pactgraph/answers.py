"""The typed answers the verbs return: frozen dataclasses, each with ``as_dict()`` for JSON.

==================  ==========================================  ===========================
verb                answer                                      rows
==================  ==========================================  ===========================
``state``           :class:`State`                              :class:`ProvisionStatus`
``impact``          :class:`Impact`                             :class:`Change`
``holdings``        :class:`Holdings`                           :class:`Holding`
``dependents``      :class:`Dependents`                         :class:`Dependent`
``prerequisites``   :class:`Prerequisites`                      :class:`Prerequisite`
``covering``        :class:`Coverage`                           :class:`Covering`
``changes``         :class:`Changes`                            :class:`ChangeRecord`
``dates``           :class:`AgreementDates`                     :class:`AgreementDate`
``search``          :class:`Matches`                            :class:`Match`
``endings``         :class:`Endings`                            :class:`Ending`
``never``           :class:`NeverHappens`                       :class:`NeverChange`
``ask``             :class:`Answer`, holding one of the above
``summarize``       :class:`Summary`                            :class:`AgreementSummary`
==================  ==========================================  ===========================

Statuses, kinds of change, causes and the sources of a scenario's dates are
:class:`~enum.StrEnum` members, so they compare equal to the strings the JSON carries.
``as_dict()`` gives the JSON shapes the README documents; dates become ISO 8601 strings.

Nothing here reads a graph or renders text: :mod:`pactgraph.render` turns these into
tables.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field, fields, replace
from enum import StrEnum
from typing import Any

__all__ = [
    "AgreementDate",
    "AgreementDates",
    "AgreementSummary",
    "Answer",
    "Cause",
    "Change",
    "ChangeKind",
    "ChangeRecord",
    "Changes",
    "Claim",
    "Claims",
    "Coverage",
    "Covering",
    "DayChange",
    "DayChanges",
    "Dependent",
    "Dependents",
    "Description",
    "Diff",
    "DiffRow",
    "Ending",
    "Endings",
    "EventSource",
    "Excluding",
    "Exclusions",
    "Holding",
    "Holdings",
    "Impact",
    "ImpactEvent",
    "Lifetime",
    "Match",
    "Matches",
    "NeverChange",
    "NeverHappens",
    "Parties",
    "PartyEntry",
    "Positions",
    "Prerequisite",
    "Prerequisites",
    "ProvisionStatus",
    "Reading",
    "ScenarioEvent",
    "Shift",
    "Source",
    "Stance",
    "State",
    "Statement",
    "Status",
    "Step",
    "Summary",
    "Survivals",
    "Survivor",
    "Verdict",
    "Version",
]


class Status(StrEnum):
    """A provision's status on a date."""

    IN_FORCE = "in_force"
    ENDED = "ended"
    NOT_STARTED = "not_started"


class ChangeKind(StrEnum):
    """How a provision changes when an event happens."""

    ENDS = "ends"
    BEGINS = "begins"
    MODIFIED = "modified"


class Cause(StrEnum):
    """Why it changes: its own term names the event, an event the event requires, or a
    dependency carried the change to it."""

    DIRECT = "direct"
    PREREQUISITE = "prerequisite"
    RIPPLE = "ripple"


class EventSource(StrEnum):
    """Where a scenario's date for an event comes from."""

    GIVEN = "given"
    IMPLIED = "implied"
    RECORDED = "recorded"


#: The types a field's value is JSON-ready as (exactly these: an enumeration is a ``str`` too).
_AS_IS = frozenset({str, int, float, bool})


def _plain(value: Any) -> Any:
    """A field's value as JSON-ready data."""
    if value is None or type(value) in _AS_IS:
        return value
    if isinstance(value, StrEnum):
        return value.value
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, tuple | list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if hasattr(value, "as_dict"):
        return value.as_dict()
    return value


_FIELD_NAMES: dict[type, tuple[str, ...]] = {}


def _field_names(cls: type) -> tuple[str, ...]:
    """A dataclass's field names, read once per class."""
    names = _FIELD_NAMES.get(cls)
    if names is None:
        names = _FIELD_NAMES[cls] = tuple(f.name for f in fields(cls))
    return names


class _Data:
    """``as_dict()`` for a dataclass: every field by name, values made JSON-ready."""

    def as_dict(self) -> dict[str, Any]:
        return {name: _plain(getattr(self, name)) for name in _field_names(type(self))}


@dataclass(frozen=True)
class Reading(_Data):
    """A reading the graph takes of ambiguous wording."""

    question: str | None
    wording: str | None
    reading: str | None
    alternatives: tuple[str, ...] = ()


@dataclass(frozen=True)
class Source(_Data):
    """A document a provision's quotes come from, and how it knows what it says."""

    document: str
    title: str | None
    kind: str | None
    """``PartyDocument``, ``RegulatoryFiling``, ``SecondaryQuotation`` or ``PressReport``."""
    rank: int | None
    """The kind's strength: higher is stronger."""


@dataclass(frozen=True)
class ScenarioEvent(_Data):
    """An event of a scenario, with its date and where the date comes from."""

    event: str
    label: str
    date: dt.date
    source: EventSource
    implied_by: str | None = None


@dataclass(frozen=True)
class ProvisionStatus(_Data):
    """A provision's status on a date, with the reason in words."""

    provision: str
    label: str
    kind: str
    agreement: str
    status: Status
    conditional: bool
    """An event the scenario does not date could change the status on that date."""
    reason: str
    quote: str
    start: dt.date | None = None
    """First day in force, where known."""
    end: dt.date | None = None
    """Last day in force, where known."""
    end_condition: str | None = None
    ended_by: str | None = None
    """The trigger or provision whose end ended this one."""
    path: tuple[str, ...] = ()
    """For a ripple: the provisions from the one that ended to this one."""
    modified_by: tuple[str, ...] = ()
    interpretations: tuple[Reading, ...] = ()
    sources: tuple[Source, ...] = ()


@dataclass(frozen=True)
class Version(_Data):
    """A version of an agreement that replaces or repeals provisions of an earlier one."""

    agreement: str
    label: str
    published: dt.date | None
    effective: dt.date


@dataclass(frozen=True)
class State(_Data):
    """Every provision's status on ``on`` under a scenario."""

    on: dt.date
    scenario: tuple[ScenarioEvent, ...]
    notes: tuple[str, ...]
    provisions: tuple[ProvisionStatus, ...]
    versions: tuple[Version, ...] = ()
    """The versions that revise earlier ones, by the day they take effect."""
    never: tuple[str, ...] = ()
    """The labels of the events the scenario says never happen."""

    def only(self, statuses: Iterable[str]) -> State:
        """The same answer with only the provisions whose status is one of ``statuses``."""
        keep = {Status(s) for s in statuses}
        return replace(self, provisions=tuple(p for p in self.provisions if p.status in keep))


@dataclass(frozen=True)
class Step(_Data):
    """One edge of an explanation path: the way the effect went (``from`` → ``to``) and the
    triple the graph states for it."""

    from_: str
    relation: str
    to: str
    subject: str
    predicate: str
    object: str

    def as_dict(self) -> dict[str, Any]:
        data = super().as_dict()
        data["from"] = data.pop("from_")
        return {k: data[k] for k in ("from", "relation", "to", "subject", "predicate", "object")}


@dataclass(frozen=True)
class Change(_Data):
    """A provision that changes when the event happens, and why."""

    provision: str
    label: str
    kind: str
    change: ChangeKind
    cause: Cause
    condition: str | None
    """When the change depends on the date: ``"if before 2031-01-01"``."""
    path: tuple[str, ...]
    path_labels: tuple[str, ...]
    steps: tuple[Step, ...]
    before: Status
    after: Status
    reason: str
    quote: str
    how: str | None = None
    """What changed, in words that hold whatever the day: "ends when notice is given",
    "its exception ends: ...", "loses its exclusivity: ..."."""
    interpretations: tuple[Reading, ...] = ()
    sources: tuple[Source, ...] = ()


@dataclass(frozen=True)
class ImpactEvent(_Data):
    """The event an impact is about."""

    event: str
    label: str
    date: dt.date | None
    requires: tuple[str, ...]


@dataclass(frozen=True)
class Shift(_Data):
    """A provision whose term an event moves beyond the day it happens on: it comes into
    force or ends on another day than it would without the event, or not at all."""

    provision: str
    label: str
    kind: str
    first_before: dt.date | None
    """Its first day in force without the event (None: it never comes into force, or has
    been in force from before any date the agreements give)."""
    first_after: dt.date | None
    """Its first day in force with the event."""
    last_before: dt.date | None
    """Its last day in force without the event (None: no end, or never in force)."""
    last_after: dt.date | None
    """Its last day in force with the event."""
    how: str
    """The shift in words: "last day 2023-01-31 (without it: 2021-01-31)"."""
    quote: str
    condition: str | None = None
    """Without a day for the event: the days it must happen on for this shift, as a
    change's ("if before 2021-02-01"); None: any day it was tried on."""
    day_dependent: bool = False
    """Without a day for the event: the shift's first or last day with the event depends
    on the day it happens (a right that arises two months after it); the day that does is
    then None (``first_after`` or ``last_after``), and ``how`` says so."""
    sooner_start: bool = False
    """On some day tried, it comes into force sooner with the event, or where it would not."""
    sooner_end: bool = False
    """On some day tried, it ends sooner with the event, or never comes into force where it
    would."""


@dataclass(frozen=True)
class Impact(_Data):
    """What changes when an event happens."""

    event: ImpactEvent
    on: dt.date | None
    scenario: tuple[ScenarioEvent, ...]
    notes: tuple[str, ...]
    changes: tuple[Change, ...]
    never: tuple[str, ...] = ()
    """The labels of the events the scenario says never happen."""
    only: ChangeKind | None = None
    """The one kind of change listed, when the question asked for it ("what starts when
    …?"); None: every change."""
    later: tuple[Shift, ...] = ()
    """The provisions whose terms the event moves to later days (a termination that takes
    effect thirty days on, a term extended), beyond ``changes``; without a day for the
    event, each with the days it must happen on (its ``condition``)."""


@dataclass(frozen=True)
class Holding(_Data):
    """A provision a party holds, with its status on the date asked about (if any)."""

    provision: str
    label: str
    kind: str
    status: Status | None = None
    reason: str | None = None
    quote: str = ""
    interpretations: tuple[Reading, ...] = ()


@dataclass(frozen=True)
class Holdings(_Data):
    """The provisions a party holds (in force on ``on``, when a date is given)."""

    party: str
    label: str
    on: dt.date | None
    provisions: tuple[Holding, ...]


@dataclass(frozen=True)
class PartyEntry(_Data):
    """A party of the agreements, once, with the roles it plays in them."""

    party: str
    label: str
    signatory: bool
    """It signs at least one of the agreements."""
    roles: tuple[str, ...]
    """The roles it plays, in words ("signatory", "shareholder", "third party")."""
    agreements: tuple[str, ...]
    """The agreements that name it."""


@dataclass(frozen=True)
class AgreementDate(_Data):
    """An agreement, or a version of one, with the days it records."""

    agreement: str
    label: str
    date: dt.date | None
    """The day it is dated (``dcterms:date``): the day it was signed or made."""
    assumed: dt.date | None
    """The day evaluations assume where it states no date (``pg:assumedDate``)."""
    effective: dt.date | None
    """The day it takes effect (``pg:effectiveFrom``), where it says so."""
    published: dt.date | None
    """The day it became known (``pg:publishedOn``), where it says so."""
    amends: str | None
    """The version it amends (``pg:previousVersion``)."""
    quotes: tuple[str, ...]
    """The words the sources give for it (its ``pg:evidence``)."""


@dataclass(frozen=True)
class AgreementDates(_Data):
    """The agreements asked about, with their dates: earliest first, undated last."""

    agreements: tuple[str, ...]
    """The agreement asked about, with its versions (empty: every agreement)."""
    dates: tuple[AgreementDate, ...]


@dataclass(frozen=True)
class Parties(_Data):
    """The parties of the agreements asked about: signatories first, then by name."""

    agreements: tuple[str, ...]
    parties: tuple[PartyEntry, ...]


class Stance(StrEnum):
    """How a party stands to a provision: what it owes, may do, may not do, is owed."""

    OWES = "owes"
    MAY = "may"
    MAY_NOT = "may not"
    IS_OWED = "is owed"


@dataclass(frozen=True)
class Positions(_Data):
    """The provisions by which a party owes, may, may not or is owed (in force on ``on``,
    when a date is given)."""

    party: str
    label: str
    stance: Stance
    on: dt.date | None
    provisions: tuple[Holding, ...]


@dataclass(frozen=True)
class Dependent(_Data):
    """A provision reached from a node, with the path and the edges in words."""

    provision: str
    label: str
    via: str
    path: tuple[str, ...]
    quote: str


@dataclass(frozen=True)
class Dependents(_Data):
    """Every provision that rests on a node."""

    node: str
    label: str
    dependents: tuple[Dependent, ...]


@dataclass(frozen=True)
class Survivor(_Data):
    """A provision that survives another's end, and for how long."""

    provision: str
    label: str
    kind: str
    survives: str
    survives_label: str
    period: str
    """How long, in words ("3 years"), until its own end ("until the end of a reasonable
    transitional period"), or ``"without limit"``."""
    quote: str


@dataclass(frozen=True)
class Survivals(_Data):
    """The provisions that survive another's end: of one provision (``of``), or of any."""

    of: str | None
    label: str | None
    provisions: tuple[Survivor, ...]


@dataclass(frozen=True)
class Prerequisite(_Data):
    """A node another rests on, with the path to it and the statements along it in words."""

    node: str
    label: str
    kind: str
    via: str
    path: tuple[str, ...]
    quote: str


@dataclass(frozen=True)
class Prerequisites(_Data):
    """Everything a node rests on: the triggers, events, provisions and their parts."""

    node: str
    label: str
    prerequisites: tuple[Prerequisite, ...]


@dataclass(frozen=True)
class Excluding(_Data):
    """A provision that leaves a category out, and how: the concept it names excludes it,
    or a carve-out of it (or of a provision it replaces) takes it out."""

    provision: str
    label: str
    kind: str
    how: tuple[str, ...]
    quote: str


@dataclass(frozen=True)
class Exclusions(_Data):
    """The provisions that leave a category out."""

    category: str
    label: str
    provisions: tuple[Excluding, ...]


@dataclass(frozen=True)
class Covering(_Data):
    """A provision that covers a category, through which concepts, held by whom."""

    provision: str
    label: str
    kind: str
    holders: tuple[str, ...]
    via: tuple[str, ...]
    quote: str


@dataclass(frozen=True)
class Coverage(_Data):
    """The provisions that cover a category (the SKOS hierarchy and exclusions applied)."""

    category: str
    label: str
    provisions: tuple[Covering, ...]


@dataclass(frozen=True)
class Match(_Data):
    """A provision of the kind a search names, or whose words hold it."""

    provision: str
    label: str
    kind: str
    agreement: str
    by_kind: bool
    """It is of the kind the search names ("an exclusivity"), not only worded so."""
    quote: str


@dataclass(frozen=True)
class Matches(_Data):
    """The provisions a search finds: those of the kind it names first, then by name."""

    about: str
    provisions: tuple[Match, ...]


@dataclass(frozen=True)
class ChangeRecord(_Data):
    """A provision's change from the terms its agreement supersedes."""

    agreement: str
    supersedes: str | None
    change: str
    provision: str
    label: str
    quote: str
    interpretations: tuple[Reading, ...] = ()
    replaces: tuple[str, ...] = ()
    """The labels of the earlier version's provisions it replaces or repeals."""
    from_day: dt.date | None = None
    """The day it replaces them: the first day they are out of force."""


@dataclass(frozen=True)
class Changes(_Data):
    """What the agreements changed from the terms they supersede."""

    changes: tuple[ChangeRecord, ...]


@dataclass(frozen=True)
class Lifetime(_Data):
    """When a provision starts and ends under a scenario, in dates and in words."""

    provision: str
    label: str
    start: dt.date | None
    """Its first day in force; None if it has none in this scenario (or from the start)."""
    end: dt.date | None
    """Its last day in force; None if nothing in this scenario ends it."""
    starts: str
    ends: str
    conditional: bool
    """An event the scenario does not date could still end it sooner (or start it)."""
    quote: str
    interpretations: tuple[Reading, ...] = ()


@dataclass(frozen=True)
class Ending(_Data):
    """One way a provision's term can end: a trigger among those that end it."""

    trigger: str
    how: str
    """The trigger in words."""
    rights: tuple[str, ...]
    """The rights exercised on the way (a termination right, say)."""
    right_labels: tuple[str, ...]
    """Their labels."""
    by: tuple[str, ...]
    """Who can take this way: the holders of those rights, else the parties whose acts
    (events with a ``pg:actor``) it waits for; empty where it comes by itself (a date)."""
    events: tuple[str, ...]
    """The events that make it come (not those that would stop it, a cure), then the
    grounds they require: their labels."""
    quote: str
    """The words of the first right exercised, else the provision's."""


@dataclass(frozen=True)
class Endings(_Data):
    """The ways a provision's term (an agreement's, as a rule) can end, as its end trigger
    lists them: each member of an "earliest of" on its own."""

    provision: str
    label: str
    endings: tuple[Ending, ...]


@dataclass(frozen=True)
class NeverChange(_Data):
    """A provision whose term differs if some events never happen: its term as the
    agreements state it (those events undated) and its term if they never happen."""

    provision: str
    label: str
    kind: str
    stated: Lifetime
    never: Lifetime


@dataclass(frozen=True)
class NeverHappens(_Data):
    """What becomes of the provisions that rest on ``events`` if they never happen."""

    events: tuple[str, ...]
    labels: tuple[str, ...]
    provisions: tuple[NeverChange, ...]


@dataclass(frozen=True)
class Statement(_Data):
    """One thing the graph states about a node, with labels for its three parts."""

    subject: str
    relation: str
    object: str
    #: ``out`` when the node is the subject, ``in`` when it is the object.
    direction: str


@dataclass(frozen=True)
class Description(_Data):
    """What the agreements state about a node: its kind, names, statements and quotes."""

    node: str
    label: str
    kinds: tuple[str, ...]
    names: tuple[str, ...]
    statements: tuple[Statement, ...]
    quotes: tuple[str, ...]
    asked: str | None = None
    """What about the node was asked ("members"), when not everything: ``statements``
    then hold only that."""


@dataclass(frozen=True)
class Verdict(_Data):
    """Whether a provision is in force on a day: ``yes``, ``no``, or ``depends`` (on an
    event the scenario does not date), with why."""

    provision: str
    label: str
    on: dt.date
    answer: str
    status: Status
    reason: str
    quote: str
    interpretations: tuple[Reading, ...] = ()


@dataclass(frozen=True)
class DayChange(_Data):
    """A provision whose status changes as a day begins."""

    provision: str
    label: str
    change: ChangeKind
    before: Status
    after: Status
    reason: str
    quote: str
    day: dt.date | None = None
    """Set when the answer spans several days: its first day in force when it begins, its
    last when it ends."""


@dataclass(frozen=True)
class DayChanges(_Data):
    """What changes on a day (or from ``on`` to ``until``), with no event of its own: terms
    that start or end then."""

    on: dt.date
    changes: tuple[DayChange, ...]
    until: dt.date | None = None


@dataclass(frozen=True)
class Claim(_Data):
    """Something a document reports that the agreement's own texts do not state."""

    claim: str
    label: str
    wording: str | None
    about: str | None
    about_label: str | None
    confirmed: bool | None
    quotes: tuple[str, ...]
    source: Source | None


@dataclass(frozen=True)
class Claims(_Data):
    """The reported claims (about one provision or agreement, if asked)."""

    about: str | None
    claims: tuple[Claim, ...]


@dataclass(frozen=True)
class DiffRow(_Data):
    """One provision's change between two versions, with both quotes."""

    change: str
    """``substituted``, ``repealed``, ``inserted``, ``kept`` or ``carried over``."""
    how: str | None
    """The newer provision's ``pg:change`` (``Narrowed``, ``Extended``, ...)."""
    old_provision: str | None
    old_label: str | None
    old_quote: str | None
    new_provision: str | None
    new_label: str | None
    new_quote: str | None


@dataclass(frozen=True)
class Diff(_Data):
    """What a version changed from an earlier one."""

    old: str
    old_label: str
    new: str
    new_label: str
    rows: tuple[DiffRow, ...]


@dataclass(frozen=True)
class Answer(_Data):
    """A plain-English question, the form it was read as, and the answer of the verb that
    form routes to; ``rows`` are the answer's items as a table shows them."""

    question: str
    form: str
    answer: (
        State
        | Impact
        | Holdings
        | Positions
        | Dependents
        | Prerequisites
        | Description
        | Coverage
        | Exclusions
        | Changes
        | Claims
        | Lifetime
        | Parties
        | Verdict
        | DayChanges
        | Survivals
    )
    columns: tuple[str, ...]
    rows: tuple[dict[str, Any], ...] = field(default=())
    assumptions: tuple[str, ...] = ()
    """What the answer takes for granted: how the question was read, the day, the
    scenario, what is conditional, readings of ambiguous wording, versions, sources."""


@dataclass(frozen=True)
class AgreementSummary(_Data):
    """What one agreement holds."""

    agreement: str
    label: str | None
    title: str | None
    date: dt.date | None
    file: str | None
    source: str | None
    supersedes: tuple[str, ...]
    triples: int
    parties: int
    provisions: dict[str, int]
    concepts: int
    triggers: dict[str, int]
    amends: str | None = None
    """The version this one amends (``pg:previousVersion``), for a later version."""


@dataclass(frozen=True)
class Summary(_Data):
    """The agreements a store holds, with totals."""

    agreements: tuple[AgreementSummary, ...]

    def as_dict(self) -> dict[str, Any]:
        return {
            "agreements": [a.as_dict() for a in self.agreements],
            "totals": {
                "agreements": len(self.agreements),
                "provisions": sum(sum(a.provisions.values()) for a in self.agreements),
                "triples": sum(a.triples for a in self.agreements),
            },
        }
