"""Plain-English questions, routed to the verb that answers them.

:data:`FORMS` is the table of the forms understood: each a name, the form as users write
it, a pattern, and the function that answers it. The router (:func:`ask`) and the
command's help (``pactgraph ask --help``) both read it. Case does not matter; dates are
written as :func:`pactgraph.parse.parse_date` reads them.

Names resolve as :mod:`pactgraph.resolve` describes. A question in no known form raises
:class:`~pactgraph.errors.UsageError` listing the forms.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import itertools
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from .errors import QuestionError, UnknownNameError, UsageError
from .namespaces import local_name, spaced
from .parse import DATE_PATTERN, parse_date, parse_events

if TYPE_CHECKING:
    from .answers import Answer, ChangeKind, DayChanges, Ending, Lifetime, Shift
    from .load import Store
    from .resolve import Named

__all__ = ["FORMS", "Form", "ask"]


@functools.cache
def _compiled(source: str) -> re.Pattern[str]:
    return re.compile(source)


Reply = tuple[Any, tuple[str, ...], list[dict[str, Any]]]
"""What a form's function gives: the typed answer, the table's columns, and its rows."""


@dataclass(frozen=True)
class Options:
    """What every form passes on: the versions (``as_of``) and the evidence floor; and
    where a form says how it read the question (``said``)."""

    as_of: dt.date | None = None
    min_evidence: str | None = None
    said: list[str] = field(default_factory=list)

    def as_kwargs(self) -> dict[str, Any]:
        return {"as_of": self.as_of, "min_evidence": self.min_evidence}


@dataclass(frozen=True)
class Form:
    """One form of question: its name, how users write it, and what answers it."""

    name: str
    wording: str
    source: str
    """The regular expression that reads it (compiled when first asked)."""
    answer: Callable[[Store, re.Match[str], Options], Reply]
    """The answer, the table's columns, and its rows."""

    @property
    def pattern(self) -> re.Pattern[str]:
        return _compiled(self.source)


def _group(m: re.Match[str], name: str) -> str | None:
    """The first of the groups ``name``, ``name2``, ``name3``… that took part in the match
    (one per alternative wording of a form)."""
    for group in sorted(m.re.groupindex, key=lambda g: (len(g), g)):
        if re.fullmatch(rf"{name}\d*", group) and m[group] is not None:
            return str(m[group])
    return None


def _when(n: str = "") -> str:
    """A day as a question names it: [on] DATE, in YEAR, after YEAR (groups suffixed ``n``)."""
    return (
        rf"(?: (?:on |at |by |as of |as at )?(?P<date{n}>{DATE_PATTERN})"
        rf"| (?:in|during) (?P<year{n}>\d{{4}})| (?:after|beyond) (?P<after{n}>\d{{4}}))?"
    )


#: A scenario after the day: "if AGI is verified on 1 March 2029 [and …]".
_IF = r"(?:,? (?:if|when|with|assuming|supposing|given that|in case) (?P<scenario>.+))?"


def _if(n: str) -> str:
    """:data:`_IF` with its group numbered ``n``, for a form with several wordings, and only
    where the scenario dates an event ("what happens in 2017 if X" without a day is an
    impact)."""
    return _IF.replace("(?P<scenario>", rf"(?P<scenario{n}>(?=.*?{DATE_PATTERN})")


def _then(n: str) -> str:
    """A day a question must name, as the end of a wording: "on DATE", then an optional
    scenario (groups suffixed ``n``)."""
    return rf" (?:on|at|by) (?P<date{n}>{DATE_PATTERN})" + _if(n) + "$"


def _year(text: str) -> int:
    """A year a question names, one the calendar can hold a year on either side of."""
    year = int(text)
    if not 1 <= year <= 9998:
        raise UsageError(f"{text}: name a year from 0001 to 9998")
    return year


def _day(m: re.Match[str], default_today: bool = False) -> tuple[dt.date | None, str | None]:
    """The day a question names, and how it was read when it was not a plain date."""
    date, year, after = _group(m, "date"), _group(m, "year"), _group(m, "after")
    if year:
        return dt.date(_year(year), 1, 1), (
            f"'in {year}' is read as its first day, {year}-01-01 "
            f"(ask 'what happens in {year}?' for what changes during it)"
        )
    if after:
        return dt.date(_year(after) + 1, 1, 1), (
            f"'after {after}' is read as {int(after) + 1}-01-01, the first day after it"
        )
    if date is None and not default_today:
        return None, None
    day = parse_date(date or "today")
    if date is None:
        return day, f"no date was given: today, {day}, is used"
    if date.lower() in {"today", "now"}:
        return day, f"{date!r} was asked: today, {day}, is used"
    return day, None


#: The days a scenario gives its events: one, or several for an event named more than once.
Days = dict[str, dt.date | tuple[dt.date, ...]]


def _events(m: re.Match[str], options: Options) -> Days:
    """The scenario a question gives ("if X on DATE and Y on DATE"), said in the answer."""
    from .scenario import is_never

    scenario = _group(m, "scenario")
    if not scenario:
        return {}
    events = parse_events(scenario)
    if (party := _group(m, "party")) is not None and not _ANY_PARTY.fullmatch(party):
        # "what does I-AM Capital hold … if it receives a Remedy Notice": "it" is the party
        events = {re.sub(r"^(?:it|they)\b", party, name, flags=re.I): day
                  for name, day in events.items()}  # fmt: skip
    options.said.append(
        "the scenario given: "
        + "; ".join(
            f"{name} never happens"
            if is_never(day)
            else f"{name} on {' and on '.join(map(str, day))}"
            if isinstance(day, tuple)
            else f"{name} on {day}"
            for name, day in events.items()
        )
    )
    return events


#: Words that name the agreements in general, not one of them: "the parties to the deal".
_ANY_AGREEMENT = re.compile(
    r"(?:the |this |that )?(?:agreements?|deals?|contracts?|partnership|parties|it)"
)


def _parties(store: Store, m: re.Match[str], options: Options) -> Reply:
    from .lookup import parties
    from .resolve import label_of

    name = _group(m, "agreement")
    if name is not None and _ANY_AGREEMENT.fullmatch(name):
        name = None
    elif name is not None and (found := _version_at_place(store, options, name)) is not None:
        # "the amendment", "the original agreement": that version, by its place
        name = min(found) if len(found) == 1 else name
    answer = parties(store, agreement=name, as_of=options.as_of)
    if _group(m, "sign") is not None:  # "who signed it": the signatories only
        answer = replace(answer, parties=tuple(p for p in answer.parties if p.signatory))
        options.said.append("only the signatories are listed: ask 'who are the parties' for all")
    if answer.agreements:
        named = "; ".join(label_of(store, a) for a in answer.agreements)
        options.said.append(f"the agreement asked about, with its versions: {named}")
    rows = [
        {
            **p.as_dict(),
            "roles": ", ".join(p.roles),
            "agreements": "; ".join(label_of(store, a) for a in p.agreements),
        }
        for p in answer.parties
    ]
    many = len({a for p in answer.parties for a in p.agreements}) > 1
    columns = ("label", "roles", "agreements") if many else ("label", "roles")
    return answer, columns, rows


_DATED_VERBS = "signed|dated|executed|concluded|entered into|made|agreed|struck|reached|amended"

#: Words for a version's coming into effect.
_TAKE_EFFECT = r"(?:take effect|become effective|come into (?:force|effect)|start|begin|commence)"

#: "when did the first amendment take effect": a version that amends another, by its place,
#: year or number, coming into effect (its date, where its term's start is the agreement's).
_VERSION_TAKES_EFFECT = (
    r"when (?:did|does|do|will|would) (?:the |this |that )?(?:(?:latest|last|new|recent|first|"
    r"second|third|fourth|fifth|1st|2nd|3rd|4th|5th|\d{4}) )*(?:amendment|addendum)"
    rf"(?: (?:no\.? ?|number |# ?)?\d+)? {_TAKE_EFFECT}"
)


def _dated(store: Store, m: re.Match[str], options: Options) -> Reply:
    from .lookup import dates
    from .resolve import label_of

    name = _group(m, "agreement")
    versions: set[str] | None = None
    if name is not None and (
        _ANY_AGREEMENT.fullmatch(name)
        # "the original agreement" is the first version by date
        or (versions := _version_at_place(store, options, name)) is not None
    ):
        name = None
    answer = dates(store, agreement=name, as_of=options.as_of)
    named = _agreement_iri(store, name) if name is not None else None
    if named is not None and any(d.agreement == named and d.amends for d in answer.dates):
        # a version that amends another, named by its title ("Amendment #2"): that one
        versions = {named}
    if versions is not None:
        answer = replace(answer, dates=tuple(d for d in answer.dates if d.agreement in versions))
    elif _group(m, "verb") == "amended":
        amending = tuple(d for d in answer.dates if d.amends)
        # "when was it amended": the versions that amend another, and none where none does
        answer = replace(answer, dates=amending)
        options.said.append(
            "only the versions that amend another are listed"
            if amending
            else "no version here amends another: it has not been amended"
        )
    if any(d.date is None and d.assumed is not None for d in answer.dates):
        options.said.append("an agreement that states no date shows the date it is assumed to have")
    rows = []
    for d in answer.dates:
        said = [q for q in d.quotes if d.date is not None and str(d.date.year) in q]
        rows.append(
            {
                **d.as_dict(),
                "date": str(d.date) if d.date else (f"{d.assumed} (assumed)" if d.assumed else ""),
                "effective": str(d.effective) if d.effective and d.effective != d.date else "",
                "known from": str(d.published) if d.published and d.published != d.date else "",
                "amends": label_of(store, d.amends) if d.amends else "",
                "quote": (said or list(d.quotes) or [""])[0],
            }
        )
    columns: tuple[str, ...] = ("label", "date")
    for column in ("effective", "known from"):
        if any(r[column] for r in rows):
            columns += (column,)
    if len(columns) > 2:
        options.said.append(
            "date: the day it is dated; effective: the day it takes effect, where that "
            "differs; known from: the day it became known (signed by all, or published)"
        )
    if any(r["amends"] for r in rows):
        columns += ("amends",)
    return answer, columns, rows


#: Other nouns for a version, as the one they stand for: an addendum amends.
_AS_NOUN = {"addendum": "amendment"}


def _version_at_place(store: Store, options: Options, name: str) -> set[str] | None:
    """The version ``name`` names by its place among the others ("the amendment", "the
    first amendment"; "the original agreement" is the first by date), or None where it names
    none so."""
    place = _version_by_place().fullmatch(name)
    if place is None:
        return None
    ordinal = "first" if place["first"] else place["ordinal"]
    noun = _AS_NOUN.get(place["noun"], place["noun"]) or "agreement"
    return _version_named(
        store, options, noun, ordinal=ordinal, month=place["month"], year=place["year"]
    )


def _version_by_place() -> re.Pattern[str]:
    """ "the amendment", "the first amendment", "the 2026 amendment", "the original
    agreement": a version named by its place among the others, as in "what did the
    amendment change?"."""
    return _compiled(
        rf"(?:the |this |that )?(?:latest |last |new |recent )?(?:(?P<ordinal>{_ORDINALS}) )?"
        rf"(?:(?:(?P<month>{_MONTHS}) )?(?P<year>\d{{4}}) )?(?P<noun>amendment|addendum|version)"
        r"|(?:the )?(?P<first>original|first|initial) (?:agreement|contract|deal)"
    )


def _search(store: Store, m: re.Match[str], options: Options) -> Reply:
    from .lookup import lifetimes, search

    answer = search(store, str(_group(m, "about")), **options.as_kwargs())
    terms = lifetimes(store, provisions=[f.provision for f in answer.provisions],
                      **options.as_kwargs())  # fmt: skip
    rows = []
    for found in answer.provisions:
        term = terms[found.provision]
        rows.append(
            {
                **found.as_dict(),
                "kind": spaced(found.kind),
                "term": f"starts {term.starts}; ends {term.ends}",
                "interpretations": [r.as_dict() for r in term.interpretations],
            }
        )
    if answer.provisions and not any(f.by_kind for f in answer.provisions):
        options.said.append(
            f"no provision is of a kind named '{answer.about}': these are the provisions whose "
            "label, quote or covered concepts hold its words"
        )
    return answer, ("label", "kind", "term"), rows


def _never(store: Store, m: re.Match[str], options: Options) -> Reply:
    from .lookup import never
    from .scenario import is_never

    neither = _group(m, "neither")
    given = parse_events(f"a party never {neither}" if neither else str(_group(m, "never")))
    dated = {name: day for name, day in given.items() if not is_never(day)}
    answer = never(
        store, [name for name in given if name not in dated], scenario_events=dated,
        **options.as_kwargs(),
    )  # fmt: skip
    if dated:
        options.said.append(
            "the scenario given: " + "; ".join(f"{name} on {day}" for name, day in dated.items())
        )
    options.said.append(
        "each provision that rests on "
        + " or ".join(answer.labels)
        + " and whose term differs: as the agreements state it (undated, so it may still "
        "happen) and if it never happens"
    )

    def term(t: Lifetime) -> str:
        if t.starts == t.ends == "never in force in this scenario":
            return "never in force"
        sooner = " (or sooner, if an undated event comes)" if t.conditional else ""
        last = f"last day {t.end}{sooner}: " if t.end else ""
        return f"{last}starts {t.starts}; ends {t.ends}" + ("" if last else sooner)

    rows = [
        {
            **c.as_dict(),
            "kind": spaced(c.kind),
            "as stated": term(c.stated),
            "if it never happens": term(c.never),
            "quote": c.stated.quote,
            "interpretations": [r.as_dict() for r in c.stated.interpretations],
        }
        for c in answer.provisions
    ]
    return answer, ("label", "as stated", "if it never happens"), rows


def _impact(store: Store, m: re.Match[str], options: Options) -> Reply:
    from .impact import impact
    from .resolve import party_named_first
    from .scenario import is_never

    year, month = _group(m, "year"), _group(m, "month")
    within = None
    day = None
    if year and month:  # "in December 1999": every day of that month
        import calendar

        number = _MONTH_NAMES.index(month) + 1
        last = calendar.monthrange(_year(year), number)[1]
        within = (dt.date(_year(year), number, 1), dt.date(_year(year), number, last))
    elif year:  # tried on every day of the year where the answer could differ
        within = (dt.date(_year(year), 1, 1), dt.date(_year(year), 12, 31))
    else:
        day, how = _day(m)
        options.said.extend([how] if how else [])
    never = _group(m, "never")
    event = str(_group(m, "event"))
    if never and day and (m.groupdict().get("join") == "and" or m.groupdict().get("comma")):
        # "what does the Distributor lose if it receives the demand on 1 March and Company
        # terminates on 1 June": the last of the events joined so is the one asked about,
        # the others its scenario
        joined = parse_events(never)
        known = [d for d in joined.values() if not isinstance(d, tuple) and not is_never(d)]
        final = max(known, default=None) if len(known) == len(joined) else None
        if final is not None and final > day:
            latest = next(n for n, d in joined.items() if d == final)
            never = " and ".join(
                [f"{event} on {day}", *(f"{n} on {d}" for n, d in joined.items() if n != latest)]
            )
            options.said.append(
                f"of the events joined by 'and', the last, {latest} on {final}, is the one asked"
                " about; the others are its scenario"
            )
            event, day = latest, final
    if never and re.match(r"(?:if\s+)?never\b", never, re.I):
        # "… receives the notice but never cures it": the one who never acts is the first
        # clause's subject, when that is a party ("Ingram Micro … never cures it")
        subject = party_named_first(store, event)
        never = f"{subject} {never}" if subject else never
    given = _with_a_ground(store, event, dict(parse_events(never)) if never else {}, options)
    answer = impact(
        store,
        event,
        on=day,
        within=within,
        events=given or None,
        **options.as_kwargs(),
    )
    party = _group(m, "party")
    if party is not None:  # "what does Microsoft lose if …": only what it holds
        from .lookup import holdings

        held = holdings(store, party, **options.as_kwargs())
        mine = {h.provision for h in held.provisions}
        answer = replace(
            answer,
            changes=tuple(c for c in answer.changes if c.provision in mine),
            later=tuple(s for s in answer.later if s.provision in mine),
        )
        options.said.append(f"only the provisions {held.label} holds are listed")
    kinds = _KIND_NAMES.get((_group(m, "noun") or "").rstrip("s"))
    if kinds is not None:  # "which rights end when …": only rights
        from .model import model

        provisions = model(store, options.as_of, options.min_evidence).provisions

        def of_kind(iri: str) -> bool:
            return iri in provisions and provisions[iri].kind in kinds

        answer = replace(
            answer,
            changes=tuple(c for c in answer.changes if of_kind(c.provision)),
            later=tuple(s for s in answer.later if of_kind(s.provision)),
        )
        options.said.append(f"only {_group(m, 'noun')} are listed")
    kind = _group(m, "kind")
    change = _kind_asked(kind or "")
    if change is not None:  # "what starts when …", "what does X get if …": only what begins
        listed = tuple(c for c in answer.changes if c.change == change)
        moved = tuple(s for s in answer.later if change in _shift_kinds(s))
        answer = replace(answer, changes=listed, later=moved, only=change)
        options.said.append(
            f"only what {change.value} is listed: ask 'what changes when …' for every change"
        )
    if answer.event.date:
        options.said.append(f"{answer.event.label} happens on {answer.event.date}")
    elif within is None:
        options.said.append(
            f"{answer.event.label} is given no day: each change holds whenever it happens, "
            "and one that depends on the day says so (its condition)"
        )
    rows = [c.as_dict() for c in answer.changes]
    # and what it moves to later days, after them
    rows += [
        {**s.as_dict(), "change": "later", "condition": f"{s.how} {s.condition or ''}".strip()}
        for s in answer.later
    ]
    return answer, ("change", "cause", "label", "condition"), rows


def _with_a_ground(store: Store, name: str, given: Days, options: Options) -> Days:
    """The scenario ``given`` and, where the event ``name`` is the use of one right that
    nothing the scenario dates gives rise to ("what does plan_b lose if Data Call cancels
    the agreement", where cancelling needs a breach left uncured), the ground that gives
    rise to it soonest, taken to happen on its agreement's date; said in ``options``. The
    use of a right counts only while the right is in force, so without a ground the answer
    would be that nothing changes."""
    from .lookup import lifetimes
    from .model import model
    from .scenario import in_context

    terms = model(store, options.as_of, options.min_evidence)
    try:
        named = in_context(store, terms, {**given, name: []})
    except UnknownNameError:
        return given  # the impact says what is wrong with the names
    rights = terms.exercised_by.get(named[name], frozenset())
    if len(rights) != 1:
        return given
    (right,) = rights
    provision = terms.provisions.get(right)
    first = provision.agreement_date if provision else None
    if provision is None or first is None:
        return given
    kw = options.as_kwargs()
    if lifetimes(store, events=given, provisions=[right], **kw)[right].start is not None:
        return given
    dated = {named[n] for n in given}
    causes = [
        t.iri for t in terms.walk(provision.start, causes_only=True)
        if t.type == "Event" and t.iri not in dated and t.iri != named[name]
    ]  # fmt: skip
    best: tuple[dt.date, str] | None = None
    for cause in sorted(causes):
        start = lifetimes(store, events={**given, cause: first}, provisions=[right], **kw)[
            right
        ].start
        if start is not None and (best is None or start < best[0]):
            best = (start, cause)
    if best is None:
        return given
    start, cause = best
    options.said.append(
        f"{terms.label(named[name])} counts only while {terms.label(right)} is in force, and "
        f"nothing the question dates gives rise to it: {terms.label(cause)} is taken to "
        f"happen on {first}, the agreement's date, so that it is in force from {start} "
        "(date a ground to ask otherwise)"
    )
    return {**given, cause: first}


def _shift_kinds(shift: Shift) -> set[ChangeKind]:
    """What a shift to a later day does: it begins (comes into force sooner, or where it
    would not), or ends (ends sooner, or never comes into force where it would)."""
    from .answers import ChangeKind

    return {k for k, found in ((ChangeKind.BEGINS, shift.sooner_start),
                               (ChangeKind.ENDS, shift.sooner_end)) if found}  # fmt: skip


def _in_force(store: Store, m: re.Match[str], options: Options) -> Reply:
    from .answers import Status
    from .state import state

    day, how = _day(m, default_today=True)
    assert day is not None
    options.said.extend([how] if how else [])
    answer = state(store, day, events=_events(m, options), **options.as_kwargs())
    rows = [p.as_dict() for p in answer.provisions if p.status == Status.IN_FORCE]
    return answer, ("label", "kind", "reason"), rows


def _holds(store: Store, m: re.Match[str], options: Options) -> Reply:
    from .lookup import holdings

    events = _events(m, options)
    day, how = _day(m, default_today=bool(events))
    options.said.extend([how] if how else [])
    answer = holdings(store, str(_group(m, "party")), on=day, events=events, **options.as_kwargs())
    columns = ("label", "kind", "reason") if answer.on else ("label", "kind")
    return answer, columns, [h.as_dict() for h in answer.provisions]


#: How a question words each stance.
_STANCE_WORDS = {
    "owe": "owes",
    "must": "owes",
    "have to": "owes",
    "need to": "owes",
    "has to": "owes",
    "needs to": "owes",
    "is allowed to": "may",
    "is not allowed to": "may not",
    "obligations": "owes",
    "duties": "owes",
    "owed": "is owed",
    "due": "is owed",
    "entitled to": "is owed",
    "may not": "may not",
    "not": "may not",
    "cannot": "may not",
    "can't": "may not",
    "can not": "may not",
    "must not": "may not",
    "not allowed to": "may not",
    "not permitted to": "may not",
    "prohibited from": "may not",
    "restrictions": "may not",
    "may": "may",
    "can": "may",
    "allowed to": "may",
    "permitted to": "may",
}


#: Words of a promise not to do something ("agrees that it will not attack", "shall not
#: appoint", "agreement not to appoint", "agrees to use the services only for lawful
#: purposes", "shall purchase the Product exclusively from Cremer"), as opposed to a limit on
#: what a grant covers.
_PROMISE_NOT = re.compile(
    r"\b(?:will|shall|must|may|can)\s+not\b|\bcannot\b|\bagree(?:s|d|ment)?\s+not\b"
    r"|\bnot\s+to\s+\w+"
    r"|\b(?:undertakes?|covenants?|promises?)\s+not\b|\bwon't\b|\bshall\s+neither\b"
    r"|\b(?:agrees?|undertakes?|covenants?|promises?)\s+to\s+(?:\S+\s+){1,8}?only\b"
    r"|\b(?:shall|will|must|agrees? to)\s+(?:\S+\s+){1,8}?exclusively\b",
    re.IGNORECASE,
)


def _stance(store: Store, m: re.Match[str], options: Options) -> Reply:
    from .lookup import positions

    events = _events(m, options)
    day, how = _day(m, default_today=bool(events))
    options.said.extend([how] if how else [])
    stance = _STANCE_WORDS[str(_group(m, "verb"))]
    asked = {"other": _group(m, "other"), "on": day, "events": events, **options.as_kwargs()}
    answer = positions(store, str(_group(m, "party")), stance, **asked)
    rows = [h.as_dict() for h in answer.provisions]
    if stance == "owes":
        # what a party owes includes what it has promised not to do (an exclusivity it
        # grants, a negative covenant in words of a promise): listed after its obligations,
        # each with its kind; a limit on a grant ("its rights exclude …") is no promise
        bound = tuple(
            h
            for h in positions(store, str(_group(m, "party")), "may not", **asked).provisions
            if h.kind == "Exclusivity" or _PROMISE_NOT.search(f"{h.label} {h.quote}")
        )
        if bound:
            rows += [h.as_dict() for h in bound]
            options.said.append(
                f"what {answer.label} owes includes what it has promised not to do (the "
                "exclusivities it grants, and its restrictions whose words promise it: 'will "
                "not', 'shall not', 'agrees not to'), listed after its obligations with their "
                "kind; ask what it may not do for every restriction"
            )
    if stance == "is owed":
        # and what another party has promised it not to do (an exclusivity it was granted, a
        # negative covenant for its benefit: "neither party hires the other's employees")
        from .lookup import parties

        others = sorted({p.party for p in parties(store, as_of=options.as_of).parties}
                        - {answer.party})  # fmt: skip
        seen = {h.provision for h in answer.provisions}
        promised = []
        for other in others:
            owed_by = positions(store, other, "may not", **{**asked, "other": answer.party})
            for h in owed_by.provisions:
                if h.provision not in seen and (
                    h.kind == "Exclusivity" or _PROMISE_NOT.search(f"{h.label} {h.quote}")
                ):
                    seen.add(h.provision)
                    promised.append(h)
        if promised:
            rows += [h.as_dict() for h in promised]
            options.said.append(
                f"what {answer.label} is owed includes what another party has promised it not "
                "to do (exclusivities granted to it, and restrictions for its benefit whose "
                "words promise it), listed after the obligations with their kind"
            )
    columns = ("label", "kind", "reason") if answer.on else ("label", "kind")
    return answer, columns, rows


def _depends(store: Store, m: re.Match[str], options: Options) -> Reply:
    from .lookup import agreement_term, dependents

    if (ending := _group(m, "ending")) is not None:  # "what happens when the agreement ends"
        name, how = agreement_term(store, **options.as_kwargs())
        options.said.append(
            f"'{ending}' is read as the end of the agreement's term: {how}; listed is what "
            "rests on it: what ends with it, what survives it and what its end starts ('only "
            "if it ends' names the way of ending a row needs, where it needs one)"
        )
    else:
        name = str(_group(m, "name"))
    answer = dependents(store, name, **options.as_kwargs())
    if ending is None:
        return answer, ("label", "via"), [d.as_dict() for d in answer.dependents]
    # and what starts or ends with the trigger that ends the term
    from .model import model

    terms = model(store, options.as_of, options.min_evidence)
    end = terms.provisions[name].end
    through: dict[str, str] = {}  # a row that follows one way of ending: that way's event
    if end is not None:

        def prevents(path: Sequence[str]) -> bool:  # the end only stops what the path leads to
            return any(
                (t := terms.triggers.get(b)) is not None and t.type == "UnlessFirst"
                and t.unless == a
                for a, b in itertools.pairwise(path)
            )  # fmt: skip

        more = [d for d in dependents(store, end, **options.as_kwargs()).dependents
                if not prevents(d.path)]  # fmt: skip
        # the term itself is listed where it is a duty or a right of its own (one standing
        # for an agreement that names no term), not where it only defines the term
        itself = terms.provisions[name].kind == "Definition"
        known = {d.provision for d in answer.dependents} | ({name} if itself else set())
        rows = [*answer.dependents, *(d for d in more if d.provision not in known)]

        def start_of(path: Sequence[str]) -> str | None:  # the start of its first provision
            first = next((n for n in path if n in terms.provisions), None)
            return terms.provisions[first].start if first is not None else None

        # and what an event that ends it starts of its own (an option that comes when one
        # party terminates), not what it only prevents or ends: only if it ends that way
        starts = terms.events_in(terms.provisions[name].start)  # the term's own start
        for event in sorted(terms.ending_events_in(end) - starts):
            known |= {d.provision for d in rows}
            for d in dependents(store, event, **options.as_kwargs()).dependents:
                start = start_of(d.path)
                brought = start is not None and event in terms.ending_events_in(start)
                if d.provision not in known and brought and not prevents(d.path):
                    rows.append(d)
                    through[d.provision] = event
                    known.add(d.provision)
        # and what one way of ending starts of its own ("the later of the expiration and
        # the first directly billed project"): only if it ends that way
        for member in (way for way in terms.routes(end) if way != end):
            try:
                reached = dependents(store, member, **options.as_kwargs()).dependents
            except UnknownNameError:  # a trigger no query names (one only a member of another)
                continue
            for d in reached:
                start = start_of(d.path)
                starts_it = start is not None and any(t.iri == member for t in terms.walk(start))
                if d.provision not in known and starts_it and not prevents(d.path):
                    rows.append(d)
                    through[d.provision] = member
                    known.add(d.provision)
        answer = replace(answer, dependents=tuple(rows))
    # what a later version replaced or repealed rests on the term no longer: its replacement,
    # listed itself, does
    replaced = [d for d in answer.dependents if d.provision in terms.revised]
    if replaced:
        answer = replace(
            answer, dependents=tuple(d for d in answer.dependents if d not in replaced)
        )
        options.said.append(
            f"{len(replaced)} provision(s) a later version replaced or repealed are left out"
        )

    def needs(path: Sequence[str]) -> list[tuple[bool, str]]:
        """The ways of ending the path's provision needs: ``(True, route)`` to end through
        it, ``(False, route)`` not through it (none: any way)."""
        found = [(True, through[path[-1]])] if path and path[-1] in through else []
        for node in path:
            t = terms.triggers.get(node)
            if t is not None and t.through:
                found.append((True, t.through))
            if t is not None and t.not_through:
                found.append((False, t.not_through))
        return found

    def only_if(path: Sequence[str]) -> str:
        """The way of ending the path's provision needs, in words ("" for any)."""
        return "; ".join(
            f"{'through' if yes else 'not through'} {terms.label(route)}"
            for yes, route in needs(path)
        )

    # "on expiry": not what needs a termination; "on termination": not what needs expiry
    way = "expiry" if re.search(r"expir", ending) else "termination" if re.search(
        r"terminat|cancel", ending) else None  # fmt: skip

    stopping = {t.stopped_by for t in terms.triggers.values() if t.type == "Renewal"}

    # the events the term's own start waits for ("the agreement is signed"): a way of
    # ending that waits for no other ("20 years after the agreement is signed") comes by
    # itself
    own = terms.events_in(terms.provisions[name].start) if name in terms.provisions else set()

    def by_expiry(route: str) -> bool:
        """A way of ending that no event brings but those the term's start waits for (a
        date, a period from the signing), one its label calls expiry, or a notice that stops
        renewals."""
        return (
            not (terms.events_in(route) - own)
            or route in stopping
            or bool(re.search(r"expir", terms.label(route), re.I))
        )

    ways = [r for r in terms.routes(end) if r != end] if end else []

    def fits(path: Sequence[str]) -> bool:
        """The path's provision can follow the way of ending asked about: each way it needs
        is of that kind, and of the ways left once those it must not come through are
        taken away, one is ("following expiration", not through an early termination:
        not on termination)."""
        expiry = way == "expiry"
        wanted = needs(path)
        if not all(by_expiry(route) == expiry for yes, route in wanted if yes):
            return False
        barred = {route for yes, route in wanted if not yes}
        if not barred:
            return True
        left = [r for r in ways if r not in barred and not any(
            t.iri in barred for t in terms.walk(r))]  # fmt: skip
        return any(by_expiry(r) == expiry for r in left) if left else not expiry

    def expires_by(route: str) -> bool:  # a date, a renewing term's end, or one called so
        t = terms.triggers.get(route)
        return by_expiry(route) or (t is not None and t.type == "Renewal")

    if way == "expiry" and not any(map(expires_by, terms.routes(end) if end else ())):
        # "it shall continue until terminated": every way it ends is a termination
        options.said.append(
            f"{terms.label(name)} states no expiry: every way it ends is a termination (ask "
            "'what happens on termination?')"
        )
        return replace(answer, dependents=()), ("label", "via"), []
    if way is not None:
        kept = tuple(d for d in answer.dependents if fits(d.path))
        if len(kept) < len(answer.dependents):
            options.said.append(f"on {way}, what needs the term to end another way is left out")
        answer = replace(answer, dependents=kept)
    if way == "expiry":  # what its own end trigger has ended before the term expires is over
        from .evaluate import Run
        from .lookup import lifetime
        from .scenario import scenario

        expires = lifetime(store, name, **options.as_kwargs()).end
        run = Run(terms, scenario(store, m=terms))

        # its end trigger's day, undated events aside
        def own_end(provision: str) -> dt.date | None:
            p = terms.provisions.get(provision)
            return run.fire(p.end).day if p is not None and p.end else None

        over = {
            d.provision for d in answer.dependents
            if expires is not None and (day := own_end(d.provision)) is not None
            and day <= expires
        }  # fmt: skip
        if over:
            answer = replace(
                answer, dependents=tuple(d for d in answer.dependents if d.provision not in over)
            )
            options.said.append(
                f"on expiry ({expires} the last day), {len(over)} provision(s) whose own "
                "terms end sooner are left out"
            )
    if m.groupdict().get("begins"):  # "what starts when the agreement ends": its start is
        # built from the term's end ("upon termination, Franchisee pays its indebtedness")

        def begins_then(provision: str) -> bool:
            p = terms.provisions.get(provision)
            return p is not None and any(
                t.type == "ProvisionEnd" and t.end_of == name for t in terms.walk(p.start)
            )

        answer = replace(
            answer, dependents=tuple(d for d in answer.dependents if begins_then(d.provision))
        )
        options.said.append(
            "only what begins when it ends: ask 'what happens when the agreement ends' for all"
        )
    rows_out = [{**d.as_dict(), "only if it ends": only_if(d.path)} for d in answer.dependents]
    columns: tuple[str, ...] = ("label", "via")
    if any(r["only if it ends"] for r in rows_out):
        columns += ("only if it ends",)
    return answer, columns, rows_out


#: What "what survives X?" means by the end of the agreement itself: every survivor.
_ANY_END = re.compile(
    r"(?:(?:the )?(?:termination|expiration|expiry|end|ending|cancellation)"
    r"(?: (?:of|or (?:expiration|expiry|termination)(?: of)?) .+)?|(?:the |this )?"
    r"(?:agreement|contract|deal)|it)"
)


def _survives(store: Store, m: re.Match[str], options: Options) -> Reply:
    from .lookup import survivors

    of = _group(m, "of")
    if of is not None and _ANY_END.fullmatch(of):
        options.said.append(f"{of!r} is read as the end of the agreement: every survivor")
        of = None
    if (ending := _group(m, "ending")) is not None:  # "what survives if the parties agree …"
        options.said.append(
            f"'{ending}' is read as an end of the agreement: every survivor of {of or 'it'}"
        )
    answer = survivors(store, of, **options.as_kwargs())
    if (name := _group(m, "name")) is not None:
        from .resolve import label_of, resolve

        asked = resolve(store, name, kinds=["provision"])
        answer = replace(answer, provisions=tuple(s for s in answer.provisions
                                                  if s.provision == asked))  # fmt: skip
        options.said.append(
            f"only {label_of(store, asked)} is asked about: "
            + ("it survives" if answer.provisions else "no row: it does not survive")
        )
    rows = [
        {**s.as_dict(), "survives": s.survives_label, "for": s.period} for s in answer.provisions
    ]
    return answer, ("label", "survives", "for"), rows


def _rests_on(store: Store, m: re.Match[str], options: Options) -> Reply:
    from .lookup import prerequisites

    name = _named(store, str(_group(m, "name")), options)  # "the agreement": its term
    answer = prerequisites(store, name, **options.as_kwargs())
    return answer, ("label", "kind", "via"), [p.as_dict() for p in answer.prerequisites]


def _describe(store: Store, m: re.Match[str], options: Options) -> Reply:
    from dataclasses import replace

    from .lookup import describe
    from .resolve import resolve

    members = _group(m, "members")
    name = members or str(_group(m, "name"))
    if m.string.startswith("who"):  # "who is 2TheMart?": the party, where one is named so
        with contextlib.suppress(UnknownNameError):
            name = resolve(store, name, kinds=["party"])
    answer = describe(store, name, **options.as_kwargs())
    if members:  # "who sits on the panel?": only the statements naming a member
        answer = replace(
            answer,
            statements=tuple(s for s in answer.statements if "member" in s.relation),
            asked="members",
        )
    return answer, ("subject", "relation", "object"), [s.as_dict() for s in answer.statements]


def _excludes(store: Store, m: re.Match[str], options: Options) -> Reply:
    from .lookup import excluding

    answer = excluding(store, str(_group(m, "category")), **options.as_kwargs())
    rows = [{**e.as_dict(), "how": "; ".join(e.how)} for e in answer.provisions]
    return answer, ("label", "kind", "how"), rows


def _covers(store: Store, m: re.Match[str], options: Options) -> Reply:
    from .lookup import covering, lifetimes

    rights = _group(m, "category")
    if rights is None:  # "which provisions cover ...": every kind, the kind shown
        answer = covering(store, str(_group(m, "all")), **options.as_kwargs())
        rows = [c.as_dict() for c in answer.provisions]
        return answer, ("label", "kind", "holders", "via"), rows
    answer = covering(store, rights, kinds=("Right", "Exclusivity"), **options.as_kwargs())
    terms = lifetimes(store, provisions=[c.provision for c in answer.provisions],
                      **options.as_kwargs())  # fmt: skip
    rows = []
    for c in answer.provisions:
        term = terms[c.provision]
        rows.append({**c.as_dict(), "term": f"starts {term.starts}; ends {term.ends}"})
    return answer, ("holders", "label", "kind", "via", "term"), rows


#: The months and ordinals a question may name a version by ("the July 2011 amendment",
#: "the first amendment").
_MONTH_NAMES = (
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december",
)  # fmt: skip
_MONTHS = "|".join(_MONTH_NAMES)
_ORDINAL_WORDS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5,
                  "1st": 1, "2nd": 2, "3rd": 3, "4th": 4, "5th": 5}  # fmt: skip
_ORDINALS = "|".join(_ORDINAL_WORDS)


def _month_year(month: str | None, year: str | None) -> str:
    """A month and year as a question named them ("July 2011", "2011"), or ""."""
    return " ".join(w for w in (month.capitalize() if month else None, year) if w)


def _changed(store: Store, m: re.Match[str], options: Options) -> Reply:
    from .lookup import changes
    from .resolve import label_of

    versions = None
    noun, year = _group(m, "noun"), _group(m, "year")
    noun = _AS_NOUN.get(noun or "", noun)
    month, ordinal = _group(m, "month"), _group(m, "ordinal")
    if (titled := _group(m, "titled")) is not None:
        from .resolve import resolve

        versions = {resolve(store, titled, kinds=["agreement"])}
    elif noun in ("amendment", "version") or year or ordinal:
        versions = _version_named(
            store, options, str(noun), ordinal=ordinal, month=month, year=year
        )
    answer = changes(store, about=_group(m, "about"), versions=versions, **options.as_kwargs())
    verb = _group(m, "verb")
    if verb is not None:  # "what did the amendment remove": only the revisions of that kind
        kind = _REVISION_VERBS[verb]
        if kind == "Replaced":  # every substitution: narrowed, extended or kept
            kept = tuple(c for c in answer.changes if c.replaces and c.change != "Removed")
            options.said.append(
                f"'{verb}' is read as the provisions that take the place of one of the earlier "
                "version (narrowed, extended or kept), each with the one it replaces; a repeal "
                "is not listed"
            )
        else:
            kept = tuple(c for c in answer.changes if c.change == kind)
            options.said.append(
                f"'{verb}' is read as the provisions marked {kind}: ask 'what did it change' "
                "for every revision"
            )
        answer = replace(answer, changes=kept)
    rows = [
        {
            **c.as_dict(),
            "version": label_of(store, c.agreement),
            "replaces": f"{'; '.join(c.replaces)} (from {c.from_day})" if c.replaces else "",
        }
        for c in answer.changes
    ]
    agreements = {c.agreement for c in answer.changes}
    columns: tuple[str, ...] = ("change", "label")
    if any(c.replaces for c in answer.changes):
        columns += ("replaces",)
    if len(agreements) > 1:
        columns = ("version", *columns)
    return answer, columns, rows


def _version_named(
    store: Store,
    options: Options,
    noun: str,
    *,
    ordinal: str | None,
    month: str | None,
    year: str | None,
) -> set[str]:
    """The version "the amendment", "the first amendment", "the July 2011 amendment" or "the
    2025 agreement" names (:func:`_amending`), said in the answer with how it was chosen."""
    from .resolve import label_of

    number = _ORDINAL_WORDS[ordinal] if ordinal else None
    versions = _amending(store, year, noun == "amendment", month=month, number=number)
    picked = next(iter(versions))
    when = _month_year(month, year)
    named = " ".join(w for w in (ordinal, when, noun) if w)
    which = "the amendment" if named == "amendment" else f"the {named}"
    kind = "that amends another" if noun == "amendment" else ""
    if number is not None:
        how = " ".join(w for w in (f"the {ordinal} version", kind, "by date") if w)
        how += f", of those dated {when}" if when else ""
    else:
        how = "the latest version " + (kind or f"dated {when}")
        how += f" in {when}" if kind and when else ""
    options.said.append(f"{which} is read as {label_of(store, picked)} <{picked}>, {how}")
    return versions


def _amending(
    store: Store,
    year: str | None,
    amendment: bool,
    *,
    month: str | None = None,
    number: int | None = None,
) -> set[str]:
    """The versions "the amendment" (those that amend another) or "the 2025 agreement" (of
    that year, and month if named) names: the latest when several fit, or the ``number``-th
    by date ("the first amendment")."""
    from .errors import UnknownNameError
    from .query import select

    rows = select(store, "agreements")
    stamp = f"{year}-{_MONTH_NAMES.index(month) + 1:02d}" if year and month else year
    fits = {
        str(r["agreement"]): r
        for r in rows
        if (not amendment or r.get("previousVersion"))
        and (stamp is None or str(r.get("date", "")).startswith(stamp))
    }
    ordered = sorted(fits.values(), key=lambda r: (str(r.get("date", "")), str(r["agreement"])))
    if not ordered or (number is not None and number > len(ordered)):
        when = _month_year(month, year)
        what = "amends another" if amendment else f"is dated {when}"
        if amendment and when:
            what = f"amends another in {when}"
        names = ", ".join(sorted({str(r.get("label") or r["agreement"]) for r in rows}))
        if number is not None and ordered:
            plural = what.replace("amends another", "amend another").replace("is ", "are ", 1)
            raise UnknownNameError(
                f"only {len(ordered)} version(s) here {plural}, so none is number {number}; "
                f"the versions are: {names}"
            )
        raise UnknownNameError(f"no version here {what}; the versions are: {names}")
    picked = ordered[number - 1] if number is not None else ordered[-1]
    return {str(picked["agreement"])}


def _reported(store: Store, m: re.Match[str], options: Options) -> Reply:
    from .lookup import claims

    answer = claims(store, _group(m, "about"), **options.as_kwargs())
    rows = [
        {
            **c.as_dict(),
            "source": c.source.title if c.source else None,
            "about": c.about_label,
            "quote": " … ".join(c.quotes),
        }
        for c in answer.claims
    ]
    return answer, ("label", "about", "confirmed", "source"), rows


#: A name for the agreement as a whole, whose life is its term's: "the agreement", "the
#: contract", "the term", "the term of this agreement", "it".
_THE_AGREEMENT = re.compile(
    r"(?:the |this |that )?(?:(?:agreement|contract|deal|partnership)(?:'s term)?|term"
    r"|(?:initial )?term of (?:the |this |that )?(?:agreement|contract|deal|partnership)|it)"
)


def _named(store: Store, name: str, options: Options) -> str:
    """``name``, or, where it names the agreement as a whole, its term
    (:func:`~pactgraph.lookup.agreement_term`), said in the answer."""
    from .lookup import agreement_term

    if _THE_AGREEMENT.fullmatch(name):
        agreement = None
    elif (agreement := _agreement_named(store, name)) is None:
        # "the term of the Development Agreement": the term of the agreement its title names
        of = re.fullmatch(r"(?:the |its )?(?:term|duration|life) of (?P<title>.+)", name)
        if of is None or (agreement := _agreement_named(store, of["title"])) is None:
            return name
    term, how = agreement_term(store, agreement, **options.as_kwargs())
    options.said.append(f"{name} is read as its term: {how}")
    return term


def _agreement_iri(store: Store, name: str) -> str | None:
    """The agreement (version) ``name`` names, if it names one alone."""
    from .resolve import resolve

    try:
        return resolve(store, name, kinds=["agreement"])
    except UnknownNameError:
        return None


def _agreement_named(store: Store, name: str) -> str | None:
    """The agreement ``name`` names by its title ("the Development Agreement"), where it
    names no provision, or where its title holds the name, one that ends in "agreement" or
    "contract", as it is written ("the sponsorship agreement" of "Jacksonville Jaguars
    Sponsorship Agreement", though a provision speaks of the sponsor entering into an
    agreement)."""
    from .resolve import label_of, resolve

    agreement = _agreement_iri(store, name)
    phrase = re.sub(r"^(?:the|this|that) ", "", name.strip(), flags=re.I)
    if (
        agreement is not None
        and re.search(r"\b(?:agreement|contract)$", phrase, re.I)
        and re.search(rf"(?<!\w){re.escape(phrase)}(?!\w)", label_of(store, agreement), re.I)
    ):
        return agreement
    try:
        resolve(store, name, kinds=["provision"])
        return None
    except UnknownNameError as error:
        if "could be any of" in str(error):
            return None
    return _agreement_iri(store, name)


#: Words that give the reason for an end ("terminate the agreement for breach").
_BECAUSE = "(?:for|on|upon|due to|because of|in case of|if|without|with|after|following)"

#: How a question asks what notice a step needs ("is needed", "does a party need to give",
#: "must Licensee give").
_NOTICE_NEEDED = (
    r"(?:(?:is|would be|will be|are) (?:required|needed|necessary)|(?:does|do|must|should|would)"
    r" .+? (?:need to |have to )?(?:give|send|serve|provide)|(?:does|do) .+? need)"
)

#: The words agreements use for ending without a reason.
_AT_WILL = ("convenience", "without cause", "any reason", "no reason", "at will", "non-cause")

#: Grounds for ending an agreement, each with the words agreements use for it.
_GROUNDS = {
    "convenience": _AT_WILL,
    "no reason": _AT_WILL,
    "any reason": _AT_WILL,
    "without cause": _AT_WILL,
    "non-cause": _AT_WILL,
    "cause": ("cause", "breach", "default", "insolvency", "insolvent", "bankruptcy"),
    "breach": ("breach", "default"),
    "default": ("breach", "default"),
    "bankruptcy": ("bankruptcy", "insolvency", "insolvent"),
    "insolvency": ("bankruptcy", "insolvency", "insolvent"),
    "death": ("death", "dies", "died", "deceased"),
    "dies": ("death", "dies", "died", "deceased"),
    "died": ("death", "dies", "died", "deceased"),
    "bankrupt": ("bankruptcy", "insolvency", "insolvent"),
    "insolvent": ("bankruptcy", "insolvency", "insolvent"),
    # "if the Franchisee stops paying", "for non-payment", "for late payment": a payment
    # not made, not "an inability to pay its debts"
    **dict.fromkeys(
        ("pay", "nonpayment", "unpaid"),
        ("fail to pay", "late payment", "timely payment", "unpaid", "nonpayment"),
    ),
}


#: Words that say a way of ending needs no ground.
_NO_CAUSE = re.compile(r"\bwithout (?:any )?cause\b", re.IGNORECASE)


#: A party named as any of them ("either party", "a party", "each party", "any party").
_ANY_PARTY = re.compile(r"(?:either|any|each|a|one|both)(?: of the)? part(?:y|ies)", re.I)


def _without_parties(store: Store, text: str) -> str:
    """``text`` without the names of the parties it names (by any of their names), where
    more than those names is left."""
    from .resolve import party_forms

    rest = text
    for form in sorted(
        (f for fs in party_forms(store).values() for f in fs), key=len, reverse=True
    ):
        rest = re.sub(rf"(?<!\w){re.escape(form)}(?:'s)?(?!\w)", " ", rest, flags=re.I)
    rest = re.sub(r"\s+", " ", rest).strip()
    return rest if re.search(r"\w", rest) else text


def _terminations(store: Store, m: re.Match[str], options: Options) -> Reply:
    from .lookup import agreement_term, endings
    from .resolve import label_of

    name = _group(m, "name")
    if name is None or _THE_AGREEMENT.fullmatch(name) or _ANY_AGREEMENT.fullmatch(name):
        _, how = agreement_term(store, **options.as_kwargs())
        options.said.append(f"the agreement's end is read as its term's: {how}")
        name = None
    elif (agreement := _agreement_named(store, name)) is not None:  # by its title
        name, how = agreement_term(store, agreement, **options.as_kwargs())
        options.said.append(f"the end of {label_of(store, agreement)} is read as its term's: {how}")
    answer = endings(store, name, **options.as_kwargs())
    if not answer.endings:
        options.said.append(f"{answer.label} states no way of ending: nothing ends it")
    kept = _ways(
        store, answer.endings, _group(m, "party"), _group(m, "why"), options,
        by_itself=_starting(store, answer.provision, options),
    )  # fmt: skip
    answer = replace(answer, endings=kept)
    rows = [
        {**e.as_dict(), "by": ", ".join(e.by), "rights exercised": "; ".join(e.right_labels)}
        for e in kept
    ]
    columns: tuple[str, ...] = ("by", "how")
    if any(e.rights for e in kept):
        columns += ("rights exercised",)
    return answer, columns, rows


def _starting(store: Store, provision: str, options: Options) -> frozenset[str]:
    """The labels of the events ``provision``'s own start waits for ("the agreement is
    signed"): a way of ending that waits for no other comes by itself."""
    from .model import model

    terms = model(store, options.as_of, options.min_evidence)
    found = terms.provisions.get(provision)
    return frozenset(terms.label(e) for e in terms.events_in(found.start if found else None))


def _ways(
    store: Store,
    kept: tuple[Ending, ...],
    party: str | None,
    why: str | None,
    options: Options,
    *,
    by_itself: frozenset[str] = frozenset(),
) -> tuple[Ending, ...]:
    """The ways of ending among ``kept`` that ``party`` can take (any party's, if None or
    "either party"), for the reason ``why`` (any, if None); each choice said in ``options``.
    A way that waits only for the events ``by_itself`` names (those the term's own start
    waits for: "20 years after the agreement is signed") is no party's to take."""
    from .resolve import label_of, resolve, singular, words

    if party is not None and _ANY_PARTY.fullmatch(party):  # "can either party terminate …"
        options.said.append(f"'{party}' is read as any party: every way is listed")
        party = None
    if party is not None:
        who = label_of(store, resolve(store, party, kinds=["party"]))
        # a way that waits for acts whose actor the agreement does not name may be anyone's
        kept = tuple(
            e for e in kept
            if who in e.by or (not e.by and e.events and not set(e.events) <= by_itself)
        )  # fmt: skip
        options.said.append(
            f"only the ways {who} can take: as holder of the right exercised, or as the one "
            "whose act it waits for; a way whose acts name no actor is kept (by: not stated)"
        )
        kept = tuple(replace(e, by=e.by or ("not stated",)) for e in kept)
    if why is not None:
        why = _without_parties(store, why)
        alternatives, said = _reason(why)
        grounds_of = _grounds(store, options)

        def text(e: Ending) -> str:  # its words, its rights' names; "without cause" is no cause
            named = [local_name(r).replace("-", " ") for r in e.rights]  # "…-for-convenience"
            arise = [g for r in e.rights for g in grounds_of(r)]  # "uses another endorser"
            found = " ".join([e.how, *e.right_labels, *named, *e.events, *arise])
            return found if "without cause" in alternatives else _NO_CAUSE.sub(" ", found)

        spoken = tuple(e for e in kept if any(w <= words(singular(text(e))) for w in said))
        # a notice that needs no reason serves any reason ("may terminate at any time on
        # sixty days' notice"), and is what "convenience" means
        at_will = tuple(e for e in kept if e not in spoken and _at_will(e))
        kept = tuple(e for e in kept if e in spoken or e in at_will)
        options.said.append(f"only the ways whose words, rights or events speak of '{why}'")
        if at_will:
            options.said.append(
                f"{len(at_will)} way(s) by a notice that needs no reason, which serves any"
            )
    return kept


def _reason(why: str) -> tuple[tuple[str, ...], list[frozenset[str]]]:
    """The words that can give the reason ``why`` (the parties it names already aside): a
    ground it names ("if NETGEAR goes bankrupt": bankruptcy, insolvency…), else its own;
    and each as the set of word stems a text must hold to speak of it."""
    from .resolve import singular, words

    grounds = [g for g in _GROUNDS if words(g) <= words(singular(why))]
    alternatives = _GROUNDS[grounds[0]] if grounds else (why,)
    return alternatives, [words(singular(w)) for w in alternatives]


def _grounds(store: Store, options: Options) -> Callable[[str], list[str]]:
    """The labels of the events that give rise to a right (its start's events)."""
    from .model import model

    terms = model(store, options.as_of, options.min_evidence)

    def grounds_of(right: str) -> list[str]:
        p = terms.provisions.get(right)
        return [terms.label(x) for x in terms.events_in(p.start)] if p and p.start else []

    return grounds_of


def _at_will(e: Ending) -> bool:
    """A way of ending by one party's notice of termination alone, which gives no reason
    for it and needs none: one event, a notice, whose words and rights' words (asides in
    brackets aside) say no "for", "because", "if", "upon", "once", "under", "unless" or
    "when", nor an agreement of the parties ("may terminate at any time on sixty days'
    notice")."""
    return (
        len(e.events) == 1
        and bool(re.search(r"\bnotice\b", e.events[0], re.I))
        and bool(re.search(r"terminat", e.events[0], re.I))
        and not any(_REASONS.search(_BRACKETS.sub("", t)) for t in (*e.events, *e.right_labels))
    )


#: Words that give a notice of termination a reason, or make it the parties' agreement.
_REASONS = re.compile(r"\b(?:for|because|if|upon|once|under|unless|when|agree|agrees)\b", re.I)

#: An aside in brackets ("(Article II (y))").
_BRACKETS = re.compile(r"\([^()]*(?:\([^()]*\)[^()]*)*\)")


#: A term named as the one before any renewal ("the initial term", "the original term of
#: the licence"): the rest of the name after its qualifier.
_INITIAL = re.compile(r"(?:initial|original|first|primary) (?P<rest>(?:term|period)\b.*)")


def _the_option_to_renew(store: Store, options: Options) -> str | None:
    """The one right whose label speaks of renewing (an option to renew by notice), said in
    ``options``; None where there is none, or more than one."""
    from .model import model
    from .resolve import words

    terms = model(store, options.as_of, options.min_evidence)
    renew = words("renew")
    found = [
        iri for iri, p in terms.provisions.items()
        if p.kind == "Right" and renew <= words(p.label) and not _NOT_RENEW.search(p.label)
    ]  # fmt: skip
    if len(found) != 1:
        return None
    options.said.append(
        f"the notice to renew is read as the exercise of {terms.label(found[0])!r}: its window"
    )
    return found[0]


#: Words of a right not to renew, which is no option to renew.
_NOT_RENEW = re.compile(r"\bnon-?renew|\bnot (?:to )?renew", re.I)


def _notice_deadlines(store: Store, m: re.Match[str], options: Options) -> Reply:
    """ "When is the last day to give notice of non-renewal": the agreement's term, with the
    last day a notice stopping its renewal is in time for each of its first three terms
    (its column "notice by"). Each is the latest day on which the notice, given, ends the
    term with that term: found by trying days, as the evaluator reads the notice."""
    from .lookup import agreement_term, lifetime
    from .model import model

    events = _events(m, options)
    kw = options.as_kwargs()
    term, how = agreement_term(store, **kw)
    terms = model(store, options.as_of, options.min_evidence)
    provision = terms.provisions[term]
    renewal = next(
        (t for t in terms.walk(provision.end) if t.type == "Renewal" and t.stopped_by), None
    )
    stoppers = sorted(
        t.iri for t in terms.walk(renewal.stopped_by if renewal else None) if t.type == "Event"
    )
    notifier = _group(m, "notifier")
    if len(stoppers) > 1 and notifier is not None:  # "the last day Customer can give …"
        from .resolve import party_named_first, resolve

        who = resolve(store, notifier, kinds=["party"])

        def giver(event: str) -> str | None:
            first = party_named_first(store, terms.label(event))
            return resolve(store, first, kinds=["party"]) if first else None

        stoppers = [e for e in stoppers if giver(e) == who]
    if not stoppers:
        raise QuestionError(
            f"{terms.label(term)} renews on no notice: ask 'how much notice is needed to stop"
            " the agreement renewing?'"
        )
    stop = stoppers[0]  # of several parties' notices, each with the same window
    options.said.append(f"the agreement's end is read as its term's: {how}")
    answer = lifetime(store, term, events=events, **kw)

    def end_if(day: dt.date) -> dt.date | None:  # the term's last day, the notice on ``day``
        return lifetime(store, term, events={**events, stop: day}, **kw).end

    found: list[str] = []
    day = answer.start
    while day is not None and len(found) < 3:
        target = end_if(day)
        if target is None or target < day or (answer.end is not None and target >= answer.end):
            break  # no notice then ends it sooner than it ends anyway
        low, high = day, target  # end_if(low) is target; the latest such day is sought
        while low < high:
            middle = low + dt.timedelta(days=(high - low).days // 2 + 1)
            low, high = (middle, high) if end_if(middle) == target else (low, middle - _DAY)
        found.append(f"{low} (the term then ends {target})")
        day = low + _DAY
    options.said.append(
        f"the last day {terms.label(stop)} is in time for each term: a later one ends the next"
    )
    row = {**answer.as_dict(), "notice by": "; ".join(found)}
    return answer, ("label", "start", "end", "notice by"), [row]


_DAY = dt.timedelta(days=1)


def _lifetime(store: Store, m: re.Match[str], options: Options) -> Reply:
    from .lookup import lifetime

    if _group(m, "party") is not None:  # "when can PARTY terminate if EVENT on DATE"
        return _when_can_end(store, m, options)
    if _group(m, "deadline") is not None:  # "when is the last day to give notice of …"
        return _notice_deadlines(store, m, options)
    events = _events(m, options)
    # "how much notice to renew": where one right renews the agreement, its window
    if (
        m.groupdict().get("renew") is not None
        and not _group(m, "name")
        and (option := _the_option_to_renew(store, options)) is not None
    ):
        answer = lifetime(store, option, events=events, **options.as_kwargs())
        return answer, ("label", "start", "end", "starts", "ends"), [answer.as_dict()]
    asked = _group(m, "name") or "the agreement"  # "what notice is needed for non-renewal?"
    # "how long does OpenAI have to keep paying …": what it keeps doing
    asked = re.sub(r"^(?:keep|continue|go on|carry on) (?:to )?", "", asked)
    if actor := _group(m, "actor"):  # "how long does i-Escrow have to pay the amounts owed?"
        asked = f"{actor} {asked}"
    initial = _INITIAL.fullmatch(asked)
    try:
        name = _named(store, asked, options)
        answer = lifetime(store, name, events=events, initial=bool(initial), **options.as_kwargs())
    except UnknownNameError:
        if actor:  # the provision named without who must do it ("the Company maintains …")
            name = _named(store, str(_group(m, "name")), options)
            answer = lifetime(store, name, events=events, **options.as_kwargs())
            return answer, ("label", "start", "end", "starts", "ends"), [answer.as_dict()]
        if initial is None:
            raise
        # "the initial term" where no label says "initial": the term the rest names
        name = _named(store, initial["rest"], options)
        answer = lifetime(store, name, events=events, initial=True, **options.as_kwargs())
    if initial is not None:
        options.said.append(
            f"'{asked}' is read as the term before any renewal: it ends with the first term"
        )
    return answer, ("label", "start", "end", "starts", "ends"), [answer.as_dict()]


#: A right's words that say it ends the agreement ("may terminate", "right to cancel").
_ENDS_IT = re.compile(r"\b(?:terminat|cancel)", re.I)


def _rights_to_end(store: Store, party: str | None, why: str | None, options: Options) -> list[str]:
    """The rights to end the agreement that ``party`` holds (any party's, if None or
    "either party"), a mutual one included: those a way of ending the agreement's term
    exercises, or whose words say they end it; for the reason ``why``, those whose words,
    name or grounds speak of it."""
    from .lookup import agreement_term, endings, positions
    from .query import select
    from .resolve import label_of, singular, words

    term, how = agreement_term(store, **options.as_kwargs())
    exercised = {r for e in endings(store, term, **options.as_kwargs()).endings for r in e.rights}
    if party is None or _ANY_PARTY.fullmatch(party):
        held = [r["provision"] for r in select(store, "provisions") if r["kind"].endswith("#Right")]
    else:
        held = [
            h.provision for h in positions(store, party, "may", **options.as_kwargs()).provisions
        ]
    rights = [
        r
        for r in dict.fromkeys(held)
        if r in exercised or _ENDS_IT.search(f"{label_of(store, r)} {local_name(r)}")
    ]
    if why is not None:
        alternatives, said = _reason(_without_parties(store, why))
        grounds_of = _grounds(store, options)

        def text(right: str) -> str:  # its words, its name, the events it arises on
            named = local_name(right).replace("-", " ")
            found = " ".join([label_of(store, right), named, *grounds_of(right)])
            return found if "without cause" in alternatives else _NO_CAUSE.sub(" ", found)

        rights = [r for r in rights if any(w <= words(singular(text(r))) for w in said)]
        options.said.append(f"only the rights whose words, name or grounds speak of '{why}'")
    if not rights:
        raise QuestionError(
            f"no right to end the agreement fits {party or 'any party'}"
            + (f" and '{why}'" if why else "")
            + f": ask 'can {party or 'either party'} terminate?' for the ways it can end"
        )
    options.said.append(f"the agreement's end is read as its term's: {how}")
    return rights


def _arising(store: Store, rights: list[str], events: Days, options: Options) -> list[str]:
    """Those of ``rights`` that the scenario ``events`` gives rise to: whose first day in
    force it moves from what it is without them; said in ``options``."""
    from .lookup import lifetimes

    if not events:
        return []
    given = lifetimes(store, events=events, provisions=rights, **options.as_kwargs())
    alone = lifetimes(store, provisions=rights, **options.as_kwargs())
    arising = [r for r in rights if given[r].start not in (None, alone[r].start)]
    if arising:
        options.said.append("the rights the scenario gives rise to first")
    else:
        options.said.append("the scenario gives rise to none of these rights: each as it stands")
    return arising


def _when_can_end(store: Store, m: re.Match[str], options: Options) -> Reply:
    """ "When can PARTY terminate [for REASON] if EVENT on DATE": the day PARTY's rights to
    end the agreement (:func:`_rights_to_end`) that the scenario gives rise to are first in
    force (each right a row, the first to arise the answer); where it gives rise to none,
    each as it stands."""
    from .lookup import lifetimes

    events = _events(m, options)
    rights = _rights_to_end(store, _group(m, "party"), _group(m, "why"), options)
    arising = _arising(store, rights, events, options)
    given = lifetimes(store, events=events, provisions=rights, **options.as_kwargs())
    chosen = sorted(arising or rights, key=lambda r: (given[r].start or dt.date.max, r))
    rows = [given[r].as_dict() for r in chosen]
    return given[chosen[0]], ("label", "start", "end", "starts", "ends"), rows


def _is_in_force(store: Store, m: re.Match[str], options: Options) -> Reply:
    from .lookup import in_force

    day, how = _day(m, default_today=True)
    assert day is not None
    options.said.extend([how] if how else [])
    if m["party12"] and (end := _TO_END.fullmatch(f"{m['party12']} {m['act12']}")):
        return _can_end_then(store, m, end, day, options)
    asked = _group(m, "name") or re.sub(
        r" still\b|\bexercis(?:e|ing) (?:its |their |his |her |the )?",
        "",
        f"{_group(m, 'party')} {_group(m, 'act')}",
    )  # "can the Club still use …": "the Club use …"; "can Nantz exercise the option": its
    # option
    from .resolve import resolve

    try:
        name = _named(store, asked, options)
        if not _group(m, "name"):  # named by what it lets or makes a party do
            name = resolve(store, name, kinds=["provision"])
    except UnknownNameError as error:
        # "can Emerson still retain monies" is a right, "is CCA obliged to …" an obligation,
        # "is Gunston barred from …" a restriction: of several, the one of that kind
        try:
            name = _of_the_kind_asked(store, m, error)
        except UnknownNameError:
            found = _by_act(store, m, options)
            if found is None and m["party12"]:  # "can plan_b assign …": what bars it
                found = _by_act(store, m, options, stance="may not")
            if found is None:
                raise
            name = found
    barred = bool(m["party12"]) and _bars(store, name, options)
    if barred and (right := _by_act(store, m, options)) is not None:
        name, barred = right, False  # "can Ashworth use the Endorsement": its right to
    answer = in_force(store, name, day, events=_events(m, options), **options.as_kwargs())
    if barred:
        # the ban on what is asked, and no right to it: while the ban is in force the
        # party cannot
        options.said.append(
            f"'{m['party12']} {m['act12']}' names what bars it: it can while that is not in"
            " force, and cannot while it is"
        )
        answer = replace(answer, answer=_NOT.get(answer.answer, answer.answer))
    return answer, ("answer", "label", "on", "reason"), [answer.as_dict()]


#: A verdict turned round: a bar in force is a "no" to what it bars.
_NOT = {"yes": "no", "no": "yes"}


def _bars(store: Store, provision: str, options: Options) -> bool:
    """Whether ``provision`` bars what it names: a restriction, or an obligation in words of
    a promise not to ("the Company shall not use … the Endorsement")."""
    from .model import model

    found = model(store, options.as_of, options.min_evidence).provisions.get(provision)
    return found is not None and (
        found.kind == "Restriction"
        or (found.kind == "Obligation" and bool(_PROMISE_NOT.search(found.label)))
    )


#: Ending the agreement, as a party can: "terminate", "end the contract for breach".
_TO_END = re.compile(
    r"(?P<party>.+?) (?:still )?(?:terminate|cancel|end|exit)(?: (?:the |this |that )?"
    r"(?:agreement|contract|deal|partnership|licen[cs]e))?"
    r"(?: (?:for|on|upon|due to|because of|in case of) (?P<why>.+)"
    r"| (?P<why2>without .+))?"
)


def _can_end_then(
    store: Store, m: re.Match[str], end: re.Match[str], day: dt.date, options: Options
) -> Reply:
    """ "Can PARTY terminate [for REASON] on DATE [if EVENT on DATE]": whether each of
    PARTY's rights to end the agreement (:func:`_rights_to_end`) is in force that day; those
    the scenario gives rise to first, then those in force, then the rest. The answer is the
    first."""
    from .lookup import in_force

    events = _events(m, options)
    rights = _rights_to_end(store, end["party"], _group(end, "why"), options)
    arising = _arising(store, rights, events, options)
    answers = {r: in_force(store, r, day, events=events, **options.as_kwargs()) for r in rights}
    order = {"yes": 0, "depends": 1}
    chosen = sorted(
        rights, key=lambda r: (r not in arising, order.get(answers[r].answer, 2), rights.index(r))
    )
    rows = [answers[r].as_dict() for r in chosen]
    return answers[chosen[0]], ("answer", "label", "on", "reason"), rows


def _of_the_kind_asked(store: Store, m: re.Match[str], error: UnknownNameError) -> str:
    """Of the provisions a name could be (``error``), the one of the kind the question's
    wording asks about: what a party can do (a right), must do (an obligation) or is barred
    from (a restriction); else ``error`` again."""
    from .model import model

    said = m[0]
    kinds = (
        {"Right", "Exclusivity"} if m["party12"] else
        {"Restriction"} if re.search(r"\b(?:barred|prohibited|restricted|precluded)\b", said) else
        {"Obligation"} if m["party13"] or m["party16"] else set()
    )  # fmt: skip
    provisions = model(store).provisions
    fitting = [
        iri for iri, p in provisions.items()
        if local_name(iri) in error.labels and p.kind in kinds
    ]  # fmt: skip
    if "could be any of" not in str(error) or len(fitting) != 1:
        raise error
    return fitting[0]


#: The stance a party-and-act wording asks about, by its group: "can PARTY DO" what it
#: may do, "is PARTY barred from DOING" what it may not, "is PARTY obliged to", "does
#: PARTY have to" what it owes.
_STANCE_OF = (("party12", "may"), ("party13", "owes"), ("party16", "owes"))


def _by_act(
    store: Store, m: re.Match[str], options: Options, stance: str | None = None
) -> str | None:
    """The provision a party-and-act wording names where no label holds the act's words
    ("is Gunston barred from competing", "is Cool Tech barred from hiring Vet Tech's
    employees"): of the provisions binding or benefiting the party in the way the wording
    asks (:func:`~pactgraph.lookup.positions`), the one whose label holds each word of the
    act, the parties' names aside, or a word one of five letters or more begins
    ("competing" in "Competitor"); None where not one alone does. ``stance`` asks for
    provisions of another stance than the wording's (what bars a "can" instead)."""
    from .lookup import positions
    from .resolve import in_order, singular, words

    group = next((g for g, _ in _STANCE_OF if m[g]), None)
    if group is None:
        return None
    stance = stance or dict(_STANCE_OF)[group]
    if stance == "owes" and re.search(r"\b(?:barred|prohibited|restricted|precluded)\b", m[0]):
        stance = "may not"
    split = _party_and_act(store, f"{m[group]} {m[f'act{group[5:]}']}")
    if split is None:
        return None
    party, act = split
    bare = _without_parties(store, act)
    asked = words(singular(bare))
    if not asked:
        return None

    def holds(label: str) -> bool:
        have = words(singular(label))
        return all(
            w in have or any(min(len(w), len(h)) >= 5 and h.startswith(w) for h in have)
            for w in asked
        )

    held = positions(store, party, stance, **options.as_kwargs()).provisions
    fitting = [h for h in held if holds(h.label)]
    if len(fitting) > 1:  # of several, the one holding the act's words in their order
        fitting = [h for h in fitting if in_order(bare, h.label)]
    if len(fitting) != 1:
        return None
    options.said.append(
        f"'{act}' is read as {fitting[0].label!r}, the one of {party}'s that its words fit"
    )
    return fitting[0].provision


def _party_and_act(store: Store, text: str) -> tuple[str, str] | None:
    """``text`` ("the Marketing Affiliate still hires …") split into the party it begins
    with, by the longest run of words naming one, and the act after it (a leading "still"
    aside); None where it begins with no party's name."""
    from .resolve import resolve

    said = text.split()
    for end in range(len(said) - 1, 0, -1):
        with contextlib.suppress(UnknownNameError):
            party = resolve(store, " ".join(said[:end]), kinds=["party"])
            return party, re.sub(r"^still ", "", " ".join(said[end:]))
    return None


def _kind_asked(verb: str) -> ChangeKind | None:
    """What a question's verb asks for: what begins ("starts", "came into force", "gets"),
    what ends ("expire", "ended", "stops", "loses"), or every change ("happens", "changed",
    "keeps")."""
    from .answers import ChangeKind

    if re.search(r"start|begin|began|come|came|take|took|get|gain|receiv", verb):
        return ChangeKind.BEGINS
    if re.search(r"end|expire|lapse|stop|cease|terminat|lose|give up|forfeit", verb):
        return ChangeKind.ENDS
    return None


def _only_kind(answer: DayChanges, verb: str | None, options: Options) -> DayChanges:
    """``answer`` with only the changes of the kind ``verb`` asks for."""
    kind = _kind_asked(verb or "")
    if kind is None:
        return answer
    options.said.append(f"only what {kind.value} is listed: ask 'what changes' for both")
    return replace(answer, changes=tuple(c for c in answer.changes if c.change == kind))


def _of_kinds(store: Store, answer: DayChanges, noun: str | None, options: Options) -> DayChanges:
    """``answer`` with only the provisions of the kinds ``noun`` names ("rights")."""
    from .model import model

    kinds = _KIND_NAMES.get((noun or "").rstrip("s"))
    if kinds is None:
        return answer
    provisions = model(store, options.as_of, options.min_evidence).provisions
    options.said.append(f"only {noun} are listed: ask 'which provisions' for every kind")
    return replace(
        answer,
        changes=tuple(
            c for c in answer.changes
            if c.provision in provisions and provisions[c.provision].kind in kinds
        ),
    )  # fmt: skip


def _on_day(store: Store, m: re.Match[str], options: Options) -> Reply:
    from .lookup import changes_in, changes_on

    year, verb = _group(m, "year"), _group(m, "verb")
    noun, month = _group(m, "noun"), _group(m, "month")
    events = _events(m, options)
    if year:
        first, last = dt.date(_year(year), 1, 1), dt.date(_year(year), 12, 31)
        if month:  # "what ends in April 2010": every day of that month
            import calendar

            number = _MONTH_NAMES.index(month) + 1
            first = dt.date(_year(year), number, 1)
            last = first.replace(day=calendar.monthrange(first.year, number)[1])
        answer = changes_in(store, first, last, events=events, **options.as_kwargs())
        answer = _of_kinds(store, _only_kind(answer, verb, options), noun, options)
        return answer, ("day", "change", "label", "reason"), [c.as_dict() for c in answer.changes]
    said = str(_group(m, "date"))
    end = re.fullmatch(r"(?:the )?end of (\d{4})", said)
    if end:  # "at the end of 2030": what ends with its last day, as 2031 begins
        day = dt.date(_year(end[1]) + 1, 1, 1)
        options.said.append(
            f"{said!r} is read as the moment {end[1]} ends: what changes as {day} begins"
        )
    else:
        day = parse_date(said)
    answer = _only_kind(changes_on(store, day, events=events, **options.as_kwargs()), verb, options)
    answer = _of_kinds(store, answer, noun, options)
    return answer, ("change", "label", "reason"), [c.as_dict() for c in answer.changes]


_THE = r"(?:the |a |an |this |that )?"

#: What happens on a day, as a question words it, in any tense.
_DAY_VERBS = (
    r"(?:changes|happens|starts|ends|begins|expires|will change|will happen|comes into force"
    r"|changed|happened|started|ended|began|expired|came into force|did change|did happen)"
)

#: The same, of several provisions: "which rights end in 2030?".
_DAY_VERBS_MANY = (
    r"(?:change|start|end|begin|expire|lapse|come into force|take effect|will change|will start"
    r"|will end|will begin|will expire|changed|started|ended|began|expired|came into force"
    r"|took effect)"
)

#: "What did the amendment remove / add / …": only the revisions of that kind.
_REVISION_VERBS = {
    "remove": "Removed", "repeal": "Removed", "drop": "Removed", "delete": "Removed",
    "add": "New", "introduce": "New", "extend": "Extended", "widen": "Extended",
    "broaden": "Extended", "expand": "Extended", "narrow": "Narrowed", "limit": "Narrowed",
    "restrict": "Narrowed", "keep": "Kept", "retain": "Kept", "restate": "Kept",
    # a substitution of any kind: what a provision of the earlier version became
    "replace": "Replaced", "substitute": "Replaced", "supersede": "Replaced",
}  # fmt: skip

#: "What starts / ends when EVENT": only the provisions that begin, or that end.
_KIND_VERBS = (
    r"(?:starts?|begins?|comes? into force|takes? effect|ends?|stops?|ceases?|expires?"
    r"|terminates?|lapses?)"
)
_PROVISIONS = r"(?:provisions?|terms?|clauses?|rights?|obligations?|things?|parts?)"

#: The kinds of provision a question may ask for by name: "which rights end in 2030?".
_KINDS_ASKED = _PROVISIONS[:-2] + r"|restrictions?|exclusivit(?:y|ies)|definitions?)"

#: The kinds of provision each name asks for; a name not here asks for every kind.
_KIND_NAMES = {
    "right": ("Right", "Exclusivity"),
    "obligation": ("Obligation",),
    "restriction": ("Restriction",),
    "exclusivity": ("Exclusivity",),
    "exclusivitie": ("Exclusivity",),
    "definition": ("Definition",),
}

#: The forms of question :func:`ask` understands, in the order they are tried.
FORMS: tuple[Form, ...] = (
    Form(
        "terminations",
        "how can NAME be terminated? who can terminate? can PARTY terminate [for REASON]? "
        "what are the termination rights?",
        (
            rf"^how (?:can|could|may|might|does|do|will|is|are) {_THE}(?P<name>.+?) (?:be )?"
            r"(?:terminated|ended|cancell?ed|brought to an end|end|terminate|expire|come to an "
            r"end)$"
            r"|^(?:who|which party|which parties|what party) (?:can|could|may|is (?:allowed|"
            r"entitled|permitted) to|has the right to|have the right to) (?:terminate|end|"
            rf"cancel)(?: {_THE}(?P<name2>(?!{_BECAUSE}\b)(?:(?! {_BECAUSE} ).)+?))?"
            r"(?: (?:for|on|upon|due to|because of|in case of|if|with|after|following) "
            r"(?P<why2>.+?)| (?P<why3>without .+?))?$"
            r"|^what (?:are|is) (?:the )?(?:termination|cancellation|exit) (?:rights?|"
            r"provisions?|clauses?|terms?|grounds?|options?|routes?)(?: (?:of|in|under|for) "
            rf"{_THE}(?P<name3>.+?))?$"
            r"|^what (?:are|is) (?:the )?(?:grounds|reasons|ways|means|routes) (?:for|of|to) "
            r"(?:termination|terminating|cancell?ation|cancell?ing|ending|end)(?: (?:of )?"
            rf"{_THE}(?P<name4>.+?))?$"
            # (on a day, "can Nantz still terminate for the merger on DATE", whether the right
            # is in force then: the in-force form)
            rf"|^(?!.* (?:on|by) {DATE_PATTERN})"
            r"(?:(?:can|could|may) (?P<party>.+?) (?:still )?(?:allowed to |entitled to |"
            r"able to )?|is "
            r"(?P<party3>(?:(?!'s\b).)+?) (?:allowed to |entitled to |able to ))"
            rf"(?:terminate|cancel|end|exit)(?: {_THE}(?P<name5>agreement|contract|deal"
            r"|partnership|licen[cs]e))?(?: (?:(?:for|on|upon|with|due to|because of|"
            r"in case of|if|when|should|once|after|following|in the event of) (?P<why>.+?)"
            r"|(?P<why9>without .+?)))?$"
            r"|^when (?:can|may|could) (?P<party2>(?:(?!\bexercise\b).)+?) "
            r"(?:terminate|cancel|end|exit)(?: "
            rf"{_THE}(?P<name6>agreement|contract|deal|partnership|licen[cs]e))?"
            r"(?: (?:for|on|upon|due to|because of|in case of|after|following) "
            r"(?P<why4>(?:(?! if ).)+?)"
            r"| (?P<why5>without (?:(?! if ).)+?))?$"
            r"|^what notice (?:is|would be) (?:required|needed|necessary) to (?:terminate|"
            rf"cancel|end)(?: {_THE}(?P<name7>.+?))?$"
            rf"|^(?:how much|what|how many days'?|how long a) notice {_NOTICE_NEEDED} to "
            rf"(?:terminate|cancel|end)(?: {_THE}(?P<name9>(?!{_BECAUSE}\b)(?:(?! {_BECAUSE} )"
            r".)+?))?(?: (?:for|on|upon|due to|because of|in case of|if|after|following) "
            r"(?P<why6>.+?)"
            r"| (?P<why7>without .+?))?$"
        ),
        _terminations,
    ),
    Form(
        "lifetime",
        "when does NAME start / end? how long does NAME last?",
        (
            # when a version takes effect is its date, not its term's start
            rf"^(?!{_VERSION_TAKES_EFFECT}$)(?:"
            # the day a right to end the agreement arises under a scenario: "when can Emerson
            # terminate if a Force Majeure Event starts … on DATE"
            r"^when (?:can|may|could) (?P<party18>(?:(?!\bexercise\b).)+?) "
            r"(?:terminate|cancel|end|exit)(?: "
            rf"{_THE}(?:agreement|contract|deal|partnership|licen[cs]e))?"
            r"(?: (?:for|on|upon|due to|because of|in case of) (?P<why18>(?:(?! if ).)+?)"
            r"| (?P<why19>without (?:(?! if ).)+?))?" + _if("18") + "$|"
            # who must do it first: "how long is Reseller required to return …" is not "how
            # long is NAME"
            r"^when (?:can|may|could|must) (?P<actor3>.+?) exercise "
            r"(?:its |their |the |his |her )?(?P<name11>.+?)$"
            # "what is the first day CCA can terminate for the uncured breach if …"
            r"|^what(?: is|'s| was) (?:the )?(?:first|earliest) (?:day|date) (?:on which |that "
            r"|when )?(?P<party19>.+?) (?:can|may|could) (?:terminate|cancel|end|exit)(?: "
            rf"{_THE}(?:agreement|contract|deal|partnership|licen[cs]e))?"
            r"(?: (?:for|on|upon|due to|because of|in case of) (?P<why20>(?:(?! if ).)+?)"
            r"| (?P<why21>without (?:(?! if ).)+?))?" + _if("19") + "$"
            # "until when must CCA keep the products liability insurance if …"
            r"|^until when (?:must|should|shall|does|do|is|are) (?P<actor9>.+?) (?:have to |"
            r"need to |required to |obliged to |bound to )?(?P<name22>(?:keep|maintain|pay|"
            r"provide|remit|hold|retain|deliver|supply|continue|perform|refrain|indemnify|insure|"
            r"preserve|protect)\b.*?)" + _if("22") + "$"
            # "when may Smaaash audit I-AM Capital if …": when its right to do it starts
            r"|^when (?:can|may|could) (?P<actor8>(?:(?!\b(?:exercise|terminate|cancel|end|"
            r"exit)\b).)+?) (?P<name21>(?!(?:exercise|terminate|cancel|end|exit)\b).+?)"
            + _if("21")
            + "$"
            r"|^what(?: is|'s| was) (?:the )?(?:last|final|latest|first|earliest) (?:day|date) "
            r"(?:on which |by which |that |when )?(?P<actor7>.+?) (?:can|may|could|must) "
            r"exercise (?:its |their |the |his |her )?(?P<name20>.+?)$"
            r"|^how long (?:does|do|will|would) (?P<actor>.+?) have to (?P<name9>.+?)"
            r"(?: after (?:the )?(?:termination|expiry|expiration|end))?" + _if("9") + "$"
            r"|^how long (?:must|shall|should|is|are) (?P<actor2>.+?) (?:required to |obliged to "
            r"|bound to )?(?P<name10>(?:pay|maintain|keep|provide|remit|hold|retain|deliver|"
            r"return|supply|continue|perform|refrain|indemnify|insure|preserve|protect)\b.*?)"
            r"(?: after (?:the )?(?:termination|expiry|expiration|end))?$"
            rf"|^when (?:does|do|will|did|would) {_THE}(?P<name>.+?) (?:(?:start|begin|commence) "
            r"and (?:end|expire|finish|stop)|start|begin|end|expire|"
            r"stop|run out|terminate|lapse|cease|come into force|take effect|finish|close)"
            + _IF
            + rf"$|^how long (?:does|do|will|would) {_THE}(?P<name2>.+?) (?:last|run|apply|"
            r"remain in force|stay in force)(?: after (?:the )?(?:termination|expiry|expiration"
            r"|end))?" + _if("2") + "$"
            rf"|^until when (?:does|do|will|is|are) {_THE}(?P<name3>.+?)"
            r" (?:last|run|apply|in force|in effect|valid|effective|binding)" + _if("3") + "$"
            rf"|^when (?:is|are) {_THE}(?P<name4>.+?) (?:due to end|set to end|over|ending|due)"
            + _if("4")
            + "$"
            rf"|^when {_THE}(?P<name5>.+?) (?:starts|start|begins|begin|ends|end|expires|expire|"
            r"stops|stop|terminates|terminate|lapses|lapse)$"
            rf"|^how long (?:is|was|will be) {_THE}(?P<name6>.+?)$"
            rf"|^(?:can|could|may|will) {_THE}(?P<name8>.+?) be (?:extended|renewed|prolonged)$"
            rf"|^(?:does|do|will|would|can) {_THE}(?P<name7>.+?) (?:auto-?)?(?:renew|roll over"
            r"|extend|continue)(?: automatically| by itself| itself| on its own)?$"
            # the notice that stops a renewal is part of the term's end
            rf"|^(?:how much|what|how many days'?|how long a) notice {_NOTICE_NEEDED} (?:to "
            rf"(?:stop|prevent|avoid|block) {_THE}(?P<name12>.+?) (?:from )?(?:auto-?)?"
            rf"(?:renewing|renewal|being renewed|rolling over|extending)|(?:for|of) "
            r"non-?renewal(?: of (?:the )?(?P<name13>.+?))?|to (?:not |(?P<renew>))renew(?: "
            rf"{_THE}(?P<name14>.+?))?)"
            # the last day a notice of non-renewal is in time: "when is the last day to give
            # notice of non-renewal", "by when must plan_b give notice to stop the extension"
            r"|^(?:when|what) (?:is|was|'s) (?:the )?(?P<deadline>last|final|latest) (?:day|date)"
            r" (?:to |for |that |on which |by which )?(?:(?P<notifier>.+?) (?:can|may|must|"
            r"should|could) )?(?:give|send|serve|deliver|provide|mail) (?:a |the |its |their |"
            r"written )*(?:notice|notification) (?:of non-?renewal|not to renew|of (?:its |their "
            r")?intent(?:ion)? not to renew)" + _if("25") + "$"
            r"|^(?:by )?when (?:must|should|can|may|does|do) (?P<notifier2>.+?) (?:have to |need "
            r"to )?(?:give|send|serve|deliver|provide|mail) .+? to (?P<deadline2>stop|prevent|"
            r"avoid|block) (?:the |an? )?(?:extension|renewal|agreement (?:from )?renewing|"
            r"automatic renewal|term (?:from )?renewing)" + _if("26") + "$"
            # the notice an act other than ending or renewing needs: "how many days' notice
            # does eGain need to give to adjust the monthly fee" (the right to, and its words)
            rf"|^(?:how much|what|how many days'?|how long a) notice {_NOTICE_NEEDED} to "
            r"(?P<name23>(?!(?:terminate|cancel|end|stop|prevent|avoid|block|renew|not)\b).+?)$"
            # "what is the term of the Development Agreement": its lifetime
            r"|^what(?: is|'s| was) (?:the |its )?(?P<name17>(?:initial |original )?(?:term|"
            r"duration) of .+?)" + _if("17") + "$"
            # "when does Microsoft stop paying a revenue share": what it does, by its doer
            r"|^when (?:does|do|will|did|would) (?P<actor6>.+?) (?:stop|cease|start|begin|"
            r"finish) (?P<name16>\w+ing\b.*?)" + _if("16") + "$"
            # a deadline: "by when must Commerce One execute the escrow agreement", "when must
            # the six Centres be set up"
            r"|^(?:by )?when (?:must|should|shall|has|have) (?P<actor5>.+?) (?:to )?"
            r"(?P<name15>(?!(?:start|begin|end|expire|stop|terminate)\b).+?)" + _if("15") + "$"
            r")"
        ),
        _lifetime,
    ),
    Form(
        "in force",
        "is NAME [still] in force [on DATE | today | after YEAR] [if EVENT on DATE]?",
        (
            rf"^(?:is|are|will|would|was|were) {_THE}(?P<name>.+?) (?:still )?(?:be )?"
            r"(?:in force|in effect|effective|valid|active|operative|running|exercisable"
            r"|enforceable|open|available)" + _when() + _IF + "$"
            # on a day, the provision named by what it lets or makes a party do, or by what
            # is owed: "can the Club still use the unused Trade Value on DATE", "is MORPHO
            # obliged to return the Software on DATE", "are Playoff Payments owed on DATE"
            # (with no day, today: "can Quaker seek an injunction")
            r"|^(?:can|may|could) (?P<party12>(?:(?!\bstill\b).)+?) (?:still )?(?P<act12>.+?)"
            + f"(?:{_then('12')[:-1]})?$"
            + r"|^(?:is|are|was|were) (?P<party13>.+?) (?:still )?(?:(?:obliged|required|bound|"
            r"obligated) to|(?:barred|prohibited|restricted|precluded) from) (?P<act13>.+?)"
            + _then("13")
            + r"|^(?:does|do|did|will) (?P<party16>.+?) (?:still )?(?:have|need) to (?P<act16>.+?)"
            + _then("16")
            + r"|^(?:is|are|was|were) (?:(?!\bbound\b).)+? (?:still )?bound by "
            rf"{_THE}(?P<name15>.+?)"
            + _then("15")
            + rf"|^(?:is|are|was|were) {_THE}(?P<name14>.+?) (?:still )?(?:owed|due|payable|owing)"
            + _then("14")
        ),
        _is_in_force,
    ),
    Form(
        "on day",
        "what changes / starts / ends on DATE? / what happens in YEAR? [if EVENT on DATE]",
        (
            rf"^what (?P<verb>{_DAY_VERBS}) (?:on |at |by )?(?P<date>{DATE_PATTERN})"
            + _if("1")
            + rf"$|^what (?P<verb2>{_DAY_VERBS}) (?:in|during|over|through(?:out)?) "
            rf"(?:(?P<month>{_MONTHS}) )?(?P<year>\d{{4}})"
            + _if("2")
            + rf"$|^(?:which|what) (?P<noun3>{_KINDS_ASKED}) (?P<verb3>{_DAY_VERBS_MANY}) "
            rf"(?:on |at |by )?(?P<date3>{DATE_PATTERN})"
            + _if("3")
            + rf"$|^(?:which|what) (?P<noun4>{_KINDS_ASKED}) (?P<verb4>{_DAY_VERBS_MANY}) "
            r"(?:in|during|over|through(?:out)?) (?P<year4>\d{4})" + _if("4") + "$"
        ),
        _on_day,
    ),
    Form(
        "agreement ends",
        "what happens when the agreement ends? what happens on termination / expiry?",
        (
            r"^what happens (?P<ending>(?:when|if|once|after|on|upon|at) (?:the |this |that )?"
            r"(?:agreement|contract|deal|term|partnership)(?: (?:ends|is terminated|terminates|"
            r"expires|is over|lapses|comes to an end|is cancell?ed))?"
            r"|(?:on|upon|after|at) (?:the )?(?:termination|expiry|expiration|end|cancell?ation)"
            r"(?: of (?:the |this |that )?(?:agreement|contract|deal|term|partnership))?)$"
            # "what starts when the agreement ends": what its end brings
            r"|^what (?P<begins>starts|begins|comes into (?:force|effect)|kicks in|arises) "
            r"(?P<ending2>(?:when|once|after|on|upon|at) (?:the |this |that )?(?:agreement|"
            r"contract|deal|term|partnership) (?:ends|is terminated|terminates|expires|is over|"
            r"lapses|comes to an end|is cancell?ed)|(?:on|upon|after|at) (?:the )?(?:termination|"
            r"expiry|expiration|end|cancell?ation)(?: of (?:the |this |that )?(?:agreement|"
            r"contract|deal|term|partnership))?)$"
        ),
        _depends,
    ),
    Form(
        "never",
        "what if EVENT never happens? what happens if EVENT is never DONE?",
        (
            # "never" in the first clause: "what if X happens but Y never does" asks the
            # impact of X
            r"^(?:what (?:if|happens if|would happen if|changes if|would change if)|(?:and )?if)"
            r" (?P<never>(?:(?! but | and | while | if | given that | assuming | with ).)*?"
            r"\bnever\b.*)$"
            # "what if neither party (no one) ever gives notice": a party never does
            r"|^what (?:if|happens if|would happen if|changes if) (?:(?:neither|no|none)"
            r"(?: of the)? part(?:y|ies)|no one|no-one|nobody) (?:ever )?(?P<neither>.+)$"
            # "what if no notice of a failure is ever given": the notice never is
            r"|^what (?:if|happens if|would happen if|changes if) (?P<never2>no (?!one\b).+? "
            r"(?:is|are|was|were) ever \w+)$"
        ),
        _never,
    ),
    Form(
        "impact",
        "what changes / starts / ends when EVENT [on DATE | in YEAR] [if EVENT on DATE | but "
        "never EVENT]?",
        (
            r"^(?:what (?:changes|happens|would change|will change|would happen|will happen|"
            r"is affected|is impacted) (?:when|if|once|after|in case|should)"
            rf"|what (?:would |will )?(?P<kind>{_KIND_VERBS}) "
            r"(?:when|if|once|after|in case|should)(?= (?!\d{4}$))"
            # "which rights end when …", "which provisions change if …"
            rf"|(?:which|what) (?P<noun>{_KINDS_ASKED}) (?:would |will |do |does )?"
            rf"(?:(?P<kind2>{_KIND_VERBS})|change|(?:are|is|get) (?:affected|impacted))"
            r" (?:when|if|once|after|in case|should)(?= (?!\d{4}$))"
            r"|what if|what(?: is|'s) the (?:impact|effect|consequence)s? of|(?:the )?(?:impact|"
            r"effect)s? of) "
            rf"(?P<event>.+?)(?: (?:on|at|by) (?P<date>{DATE_PATTERN})| in (?:(?P<month>"
            rf"{_MONTHS}) )?(?P<year>\d{{4}}))?"
            # an undated event's own "and" ("completed and paid on DATE") is not a second
            # event's, unless what follows says "never"
            r"(?:,? (?(date)(?:but|and|if|while|assuming|given that|with|after)"
            r"|(?:but|if|while|assuming|given that|with|and(?=.*\bnever\b))) (?P<never>.*(?:"
            rf"\bnever\b|\bon {DATE_PATTERN}).*))?$"
        ),
        _impact,
    ),
    Form(
        "party impact",
        "what does PARTY get / lose / keep if EVENT [on DATE | in YEAR]?",
        (
            rf"^(?!.*{DATE_PATTERN})what (?:does|do|would|will|could) (?P<party>.+?) "
            r"(?P<kind>get|gain|receive|lose|give up|forfeit|keep|retain|hold|have) "
            r"(?:if|when|once|after|should|in case) (?!\d{4}$)(?P<event>.+?)"
            rf"(?: in (?:(?P<month>{_MONTHS}) )?(?P<year>\d{{4}}))?$"
            # what it gains or loses when an event comes on a day: that day's impact ("what
            # it holds if EVENT on DATE" is what it holds today, in that scenario)
            r"|^what (?:does|do|would|will|could) (?P<party2>.+?) "
            r"(?P<kind2>get|gain|receive|lose|give up|forfeit) "
            rf"(?:if|when|once|after|should|in case) (?P<event2>(?:(?!{DATE_PATTERN}).)+?)"
            rf" (?:on|at|by) (?P<date>{DATE_PATTERN})"
            rf"(?:(?:,? (?P<join>and|if|while|assuming|given that|with|after|following)"
            r"|(?P<comma>,)) "
            rf"(?P<never2>.*\bon {DATE_PATTERN}.*))?$"
        ),
        _impact,
    ),
    Form(
        "state",
        "what is in force [on DATE | today | now | in YEAR] [if EVENT on DATE [and EVENT on "
        "DATE]]?",
        (
            rf"^(?:what is|what are|what was|what were|which {_PROVISIONS} (?:are|were)|"
            rf"{_THE}{_PROVISIONS}"
            r"(?: that are| which are)?|everything(?: that is)?|what will be|what remains)"
            r" (?:still )?(?:in force|in effect|effective|active|operative)" + _when() + _IF + "$"
        ),
        _in_force,
    ),
    Form(
        "holds",
        "what does PARTY [still] hold [on DATE | after YEAR] [if EVENT on DATE]?",
        (
            r"^what (?:does|do|will|would) (?P<party>.+?) (?:still )?(?:hold|have|own|retain|"
            r"keep|get)" + _when() + _IF + r"$"
            r"|^what (?P<party2>.+?) (?:still )?(?:holds|has|owns|retains|keeps|gets)"
            + _when("2")
            + r"$|^(?:what are |which are |list )?(?P<party3>.+?)(?:'s|s') (?:rights|holdings|"
            r"entitlements|assets)"
            + _when("3")
            + r"$|^how much of .+? (?:does|do) (?P<party4>.+?) (?:own|hold)$"
            r"|^what (?:rights|stakes?|holdings) (?:does|do|will) (?P<party5>.+?) (?:still )?"
            r"(?:hold|have|own|retain|keep)" + _when("5") + r"$"
        ),
        _holds,
    ),
    Form(
        "stance",
        "what does PARTY owe / what may, may not, must PARTY do / what is PARTY owed [on DATE]?",
        (
            r"^what (?:does|do|will) (?P<party>.+?) (?:still )?(?P<verb>owe)(?: (?:to )?"
            r"(?P<other>.+?))??" + _when() + _IF + r"$"
            r"|^what (?:may|can|must|should) (?P<party6>.+?) (?P<verb6>not) do"
            + _when("6")
            + _if("6")
            + r"$|^what (?:does|do|will) (?P<party7>.+?) (?P<verb7>have to|need to) do"
            + _when("7")
            + _if("7")
            + r"$|^what (?P<verb2>may not|cannot|can't|can not|must not|may|can|must)"
            r" (?P<party2>.+?) (?:still )?do"
            + _when("2")
            + _if("2")
            + r"$|^what (?:is|are) (?P<party3>.+?) (?P<verb3>owed|due|entitled to|not allowed to|"
            r"allowed to|not permitted to|permitted to|prohibited from)(?: do)?"
            + _when("3")
            + _if("3")
            + r"$|^what (?P<verb4>obligations|duties|restrictions) (?:does|do|will) (?P<party4>.+?)"
            r" (?:have|carry|bear|face)" + _when("4") + _if("4") + r"$"
            r"|^what are (?:the )?(?P<party5>.+?)(?:'s|s') (?P<verb5>obligations|duties|"
            r"restrictions)" + _when("5") + _if("5") + r"$"
            # "what is owed to Party B"
            r"|^what (?:is|are) (?P<verb9>owed|due) to (?P<party9>.+?)"
            + _when("9")
            + _if("9")
            + r"$"
            # "list what Cargill may do", "tell me what the Licensee must not do"
            r"|^what (?P<party8>(?:(?! (?:may|can|must|cannot)\b).)+?) (?P<verb8>may not|cannot|"
            r"can't|can not|must not|may|can|must|has to|needs to|is allowed to|is not allowed "
            r"to) (?:still )?do" + _when("8") + _if("8") + r"$"
        ),
        _stance,
    ),
    Form(
        "survives",
        "what survives [termination | NAME]? (and for how long)",
        (
            rf"^(?:what|which (?:{_PROVISIONS}|sections?|articles?|paragraphs?)) (?:survives?|"
            rf"outlives?|outlasts?)(?: {_THE}(?P<of>(?!(?:if|when|once)\b).+?))?"
            r"(?:,? and (?:for )?how long)?(?:,? (?:if|when|once) (?P<ending>.+))?$"
            rf"|^(?:what|which (?:{_PROVISIONS}|sections?)) (?:continues?|remains? in force|"
            rf"stays? in force|lives? on|(?:is|are) still owed) after {_THE}(?P<of2>.+?)"
            r"(?: (?:ends?|expires?|terminates?|is terminated|lapses?))?$"
            # "does the indemnity survive termination": that provision, if it survives
            rf"|^(?:does|do|will|would|shall) {_THE}(?P<name>.+?) (?:survive|outlive|outlast)"
            rf"(?: {_THE}(?P<of3>.+?))?(?:,? and (?:if so,? )?(?:for )?how long)?$"
            rf"|^(?:for )?how long (?:does|do|will|would|shall) {_THE}(?P<name2>.+?) (?:survive|"
            rf"outlive|outlast)(?: {_THE}(?P<of4>.+?))?$"
        ),
        _survives,
    ),
    Form(
        "depends",
        "what depends on NAME?",
        (
            r"^what (?:depends|rests|relies|hinges|turns) (?:up)?on (?P<name>.+)$"
            rf"|^(?:which|what) {_PROVISIONS} (?:depend|rest|rely|hinge)s? (?:up)?on"
            r" (?P<name2>.+)$"
        ),
        _depends,
    ),
    Form(
        "rests on",
        "what does NAME rest on / depend on? what must happen before NAME ends?",
        (
            rf"^what (?:does|do|will) {_THE}(?P<name>.+?) "
            r"(?:rest|depend|rely|hinge|turn) (?:up)?on$"
            r"|^what (?:are|is) (?:the )?(?:prerequisites|preconditions|dependencies|conditions)"
            rf" (?:of|for) {_THE}(?P<name2>.+)$"
            rf"|^what must happen (?:before|for) {_THE}(?P<name3>.+?) (?:to )?"
            r"(?:ends?|starts?|begins?|expires?)$"
            rf"|^what (?:does|do) {_THE}(?P<name4>.+?) (?:need|require)$"
        ),
        _rests_on,
    ),
    Form(
        "changes",
        "what did the [FIRST] [[MONTH] YEAR] agreement / amendment change (add, remove, extend, "
        "narrow, keep) [from the terms before] [about TOPIC]?",
        (
            rf"^(?:what|how|(?:which|what) {_PROVISIONS}) (?:did|does|has) (?:this|the|that) "
            r"(?:latest |last |new |recent )?"
            rf"(?:(?P<ordinal>{_ORDINALS}) )?(?:(?:(?P<month>{_MONTHS}) |\w+ )?(?P<year>\d{{4}}) )?"
            r"(?P<noun>agreement|deal|contract|amendment|addendum|version)"
            rf" (?:change|(?P<verb>{'|'.join(_REVISION_VERBS)}))(?:d|ed)?(?: from .+?)?"
            r"(?: (?:about|regarding|concerning|for) (?P<about>.+))?$"
            # a version by the number in its title: "what did amendment #2 change"
            r"|^(?:what|how) (?:did|does|has) (?:the )?(?P<titled>(?:amendment|addendum)"
            r"(?: no\.? ?| number | ?# ?| )\d+)"
            rf" (?:change|(?P<verb5>{'|'.join(_REVISION_VERBS)}))(?:d|ed)?(?: from .+?)?"
            r"(?: (?:about|regarding|concerning|for) (?P<about5>.+))?$"
            r"|^what (?:has )?changed(?: from .+?)?(?: (?:about|regarding|concerning|for|in|with)"
            r" (?P<about2>.+))?$"
            r"|^what is new(?: (?:about|regarding|concerning|for|in) (?P<about3>.+))?$"
            r"|^what (?:changes|differences) did (?:this|the|that) (?:latest |last |new )?"
            rf"(?:(?P<ordinal4>{_ORDINALS}) )?(?:(?:(?P<month4>{_MONTHS}) |\w+ )?"
            r"(?P<year4>\d{4}) )?(?P<noun4>agreement|deal|contract|amendment|addendum|version)"
            r" (?:make|bring|introduce)(?: (?:to|about|regarding|for) (?P<about4>.+))?$"
        ),
        _changed,
    ),
    Form(
        "reported",
        "what is reported [about NAME]? (claims the agreements do not state)",
        (
            r"^(?:(?:what|anything|something) (?:is|has been|was|were|are|been)? ?reported"
            r"|(?:are there|any) (?:reports|claims)|what do (?:the )?(?:reports|press|"
            r"news) say|what does the press say"
            r"|(?:which|what) (?:reported )?claims (?:are|were) (?:there|made))"
            r"(?: (?:about|on|regarding) (?P<about>.+))?$"
        ),
        _reported,
    ),
    Form(
        "excludes",
        "which provisions exclude CATEGORY? / where is CATEGORY carved out?",
        (
            rf"^(?:which|what) {_PROVISIONS} (?:exclude|excludes|leave out|leaves out|"
            r"carve out|carves out|do not cover|don't cover) (?P<category>.+)$"
            r"|^what (?:excludes|carves out|leaves out) (?P<category2>.+)$"
            r"|^(?:where|how) (?:is|are) (?P<category3>.+?) (?:excluded|carved out|left out)$"
            r"|^what (?:is|are) excluded from (?P<category4>.+)$"
        ),
        _excludes,
    ),
    Form(
        "covers",
        "who holds rights to CATEGORY? / which rights (with their terms) or provisions "
        "cover CATEGORY?",
        (
            r"^(?:who (?:holds|has|owns) (?:the )?(?:rights?|ip|ip rights) (?:to|over|in|for)"
            r"|(?:which|what) (?:rights|ip rights) (?:cover|apply to|are there (?:to|over|in|for))"
            r"|what rights? covers?|who has rights (?:to|over|in)) (?P<category>.+)$"
            r"|^(?:which|what) (?:provisions?|terms?|clauses?) (?:cover|covers|apply to|are about"
            r"|concern|mention|deal with) (?P<all>.+)$|^what (?:covers|is said about) (?P<all2>.+)$"
        ),
        _covers,
    ),
    Form(
        "dated",
        "when was NAME signed (dated, made, amended)? what is the date of NAME?",
        (
            rf"^(?:when|on what (?:date|day)|what (?:date|day)|in what year|what year) "
            rf"(?:was|were|is|are|has been|have been) {_THE}(?P<agreement>.+?) "
            rf"(?P<verb>{_DATED_VERBS})$"
            rf"|^when did (?:.+?) (?:sign|execute|conclude|enter into|make|agree|strike|reach"
            rf"|amend) {_THE}(?P<agreement2>.+?)$"
            rf"|^(?:what|which) (?:is|was|are|were) {_THE}(?:signing |execution |effective )?"
            rf"dates? (?:of|for|on) {_THE}(?P<agreement3>.+?)$"
            rf"|^(?:what|which) (?:is|was) {_THE}(?P<agreement4>.+?)(?:'s|s') "
            r"(?:signing |execution |effective )?date$"
            rf"|^how old (?:is|are) {_THE}(?P<agreement5>.+?)$"
            rf"|^what (?:date|day) does {_THE}(?P<agreement7>.+?) (?:bear|carry|have|show)$"
            rf"|^(?={_VERSION_TAKES_EFFECT}$)when (?:did|does|do|will|would) "
            rf"(?P<agreement6>.+?) {_TAKE_EFFECT}$"
        ),
        _dated,
    ),
    Form(
        "search",
        "is there a(n) KIND or TOPIC [clause]? does the agreement have TOPIC? are there any KINDs?",
        (
            r"^(?!.*\b(?:in force|in effect)\b)"
            r"(?:is there|are there|was there|were there|is anything|(?:does|did) (?:the |this "
            r"|that )?(?:agreement|deal|contract|amendment|partnership) (?:have|contain|include|"
            r"provide for|say anything about|mention)|(?:do|did) (?:the )?(?:agreements|"
            r"contracts|deals) (?:have|contain|include|provide for|mention))"
            r"(?: any| an?| some| anything about| anything on)? (?P<about>.+?)"
            r"(?: (?:clauses?|provisions?|terms?))?"
            r"(?: (?:in|under) (?:the |this |that )?(?:agreements?|deal|contract|amendment))?$"
        ),
        _search,
    ),
    Form(
        "parties",
        "who are the parties [to NAME]? who signed NAME? who are the signatories?",
        (
            r"^(?:who|which|what) (?:are|were|is|was) (?:the |all )?(?:(?:contracting )?parties|"
            r"(?P<sign>signatories)|counterparties)(?: (?:to|of|in|under|named in) "
            r"(?P<agreement>.+))?$"
            r"|^(?:which|what) parties (?:are there|are involved|does (?P<agreement2>.+?) "
            r"(?:have|name|bind))$"
            r"|^who (?:(?P<sign3>signed)|is (?:a )?party to|are (?:the )?parties to|is bound by|"
            r"are bound by) (?P<agreement3>.+)$"
            r"|^(?:the |all (?:the )?)?(?:parties|(?P<sign4>signatories))(?: (?:to|of|in) "
            r"(?P<agreement4>.+))?$"
        ),
        _parties,
    ),
    Form(
        "describe",
        "what is NAME? / who is PARTY? / who are the members of PARTY?",
        (
            r"^who (?:are|is|were|was) (?:the )?members? of (?:the )?(?P<members>.+)$"
            r"|^who (?:sits|serves|is|are) on (?:the )?(?P<members2>.+)$"
            r"|^(?:what|who)(?: is| are| was| were|'s) (?:the |a |an )?(?P<name>.+)$"
            r"|^(?:tell me about|describe|define|explain|about|who's) (?:the |a |an )?"
            r"(?P<name2>.+)$"
        ),
        _describe,
    ),
)


#: A question that names the versions to answer from: "as of November 2025, what …",
#: "what … as of 2025-12-31", "what … before the amendment", "… under the original agreement".
_AS_OF = re.compile(
    rf"^as (?:of|at) (?P<day>{DATE_PATTERN}|[a-z]+ \d{{4}}|\d{{4}}),? (?P<rest>.+)$"
    rf"|^(?P<rest2>.+?),? as (?:of|at) (?P<day2>{DATE_PATTERN}|[a-z]+ \d{{4}}|\d{{4}})$"
    r"|^(?P<rest3>.+?),? (?P<before>before the amendment|under the (?:original|first|earlier"
    r"|previous|old) (?:agreement|terms|version|deal|contract))$"
    r"|^(?P<before2>before the amendment|under the (?:original|first|earlier|previous|old) "
    r"(?:agreement|terms|version|deal|contract)),? (?P<rest4>.+)$"
)


#: The forms that ask about a day: a version named without a day ("as of November 2025,
#: what is in force?", "what was in force before the amendment?") names that day too.
_DAY_FORMS = frozenset({"in force", "state", "holds", "stance"})


def _as_of(store: Store, text: str) -> tuple[str, dt.date | None, str | None]:
    """``text`` without the versions it names (and, on a form that asks about a day and
    names none, with that day), the day those were published by, and how it was read. A
    closing "as of DATE" on a form that asks about a day is that day, read there."""
    rest, day, how = _versions_named(store, text)
    if day is None:
        return text, None, None
    found = _match(rest)
    if found is None or found[0].name not in _DAY_FORMS:
        return rest, day, how
    m = found[1]
    if any(m[g] for g in m.re.groupindex if g.startswith(("date", "year", "after"))):
        return rest, day, how
    with_day = _insert_day(rest, m, day)
    return (with_day, day, f"{how}, and the day asked about") if with_day else (rest, day, how)


def _insert_day(text: str, m: re.Match[str], day: dt.date) -> str | None:
    """``text`` with "on DAY" where its form reads a day: before the scenario, if any."""
    cut = len(text)
    if "scenario" in m.re.groupindex and m["scenario"]:
        head = text[: m.start("scenario")]
        cut = len(re.sub(r",? (?:if|when|with|assuming|supposing|given that|in case) $", "", head))
    candidate = f"{text[:cut]} on {day.isoformat()}{text[cut:]}"
    found = _match(candidate)
    return candidate if found is not None and found[0].name in _DAY_FORMS else None


def _versions_named(store: Store, text: str) -> tuple[str, dt.date | None, str | None]:
    """``text`` without the versions it names, the day those were published by, and how
    that day was read; a closing "as of DATE" on a form that asks about a day is left to
    the form."""
    import calendar

    from .query import select

    m = _AS_OF.match(text)
    if m is None:
        return text, None, None
    rest = str(_group(m, "rest"))
    found = _match(rest)
    if m["day2"] and found is not None and found[0].name in _DAY_FORMS:
        return text, None, None  # "what is in force as of 1 July 2031": that day
    before = _group(m, "before")
    if before:
        dated = sorted(
            (r["date"], bool(r.get("previousVersion")))
            for r in select(store, "agreements")
            if isinstance(r.get("date"), dt.date)
        )
        if before.startswith("before"):
            amended = [day for day, amends in dated if amends]
            if not amended:
                raise UnknownNameError(f"{before!r}: no version here amends another")
            day = amended[-1] - dt.timedelta(days=1)
            return rest, day, f"{before!r}: the versions published by {day}, the day before"
        if not dated:
            raise UnknownNameError(f"{before!r}: no version here is dated")
        day = dated[0][0]
        return rest, day, f"{before!r}: the versions published by {day}, its date"
    said = str(_group(m, "day"))
    month = re.fullmatch(r"([a-z]+) (\d{4})", said)
    if re.fullmatch(r"\d{4}", said):
        day = dt.date(_year(said), 12, 31)
    elif month and month[1] in [name.lower() for name in calendar.month_name[1:]]:
        number = [name.lower() for name in calendar.month_name].index(month[1])
        year = _year(month[2])
        day = dt.date(year, number, calendar.monthrange(year, number)[1])
    else:
        day = parse_date(said)
    return rest, day, f"'as of {said}': the versions published by {day}"


#: Words before a question that ask nothing: "please", "can you tell me", "show me", "list".
_LEAD_IN = re.compile(
    r"^(?:(?:please|pls|ok|okay|so|hey|hi|hello|now|quick question|question)[,:!]? )*"
    r"(?:(?:can|could|would|will) you (?:please )?|please )?"
    r"(?:(?:tell|show|give) (?:me|us) (?!about )|list |show |find |"
    r"i(?: want| need| would like|'d like) to know |do you know |i wonder |i'm wondering )?"
)
_LEAD_OUT = re.compile(r"(?:,? please|,? thanks|,? thank you)$")


#: A question whose scenario comes first: "if Equidata issues an invoice on 15 May 2011,
#: when does the late charge begin".
_IF_FIRST = re.compile(
    r"^(?P<scenario>(?:if|assuming|supposing|given that) [^,]+), (?P<question>(?:when|what|"
    r"how|is|are|was|were|does|do|did|can|could|may|who|which|will|would)\b.+)$"
)


#: A day of the week written beside a date ("Friday 29 May 2020", "29 May 2020 (a Friday)").
_WEEKDAY = re.compile(
    r"\b(?:mon|tues|wednes|thurs|fri|satur|sun)day,? (?=(?:the )?\d{1,2}(?:st|nd|rd|th)? "
    r"|[a-z]{3,} \d{1,2}\b|\d{4}-)|(?<=\d{4}),? \((?:a |on a )?(?:mon|tues|wednes|thurs|fri"
    r"|satur|sun)day\)"
)


def _normal(question: str) -> str:
    """The question as the forms read it: one line, lower case, straight quotes, no closing
    punctuation, no polite lead-in, short forms spelt out ("isn't", "thru", "till")."""
    text = re.sub(r"\s+", " ", question.strip()).lower().replace("\u2019", "'")
    text = re.sub(r"[?.!]+$", "", text).strip()
    text = re.sub(r"\b(what|who|where|when|how|which|that|there)'s\b", r"\1 is", text)
    text = re.sub(r"^(what|who|where|when|how)s\b", r"\1 is", text)  # "whats the governing law"
    text = re.sub(r"\b(is|are|was|were|does|do|did|has|have)n'?t\b", r"\1 not", text)
    text = re.sub(r"\b(must|should|could|would)n'?t\b", r"\1 not", text)
    text = re.sub(r"\bcan'?t\b", "cannot", text)
    text = re.sub(r"\bwon'?t\b", "will not", text)
    text = re.sub(r"\bthru\b", "through", text)  # "the revenue share thru 2030"
    text = re.sub(r"(?:\b|')til+\b", "until", text)  # "'til", "till 2030"
    text = _WEEKDAY.sub("", text)  # "on Friday 29 May 2020": the date says the day
    text = re.sub(r"\b(is|are|was|were) ther\b", r"\1 there", text)  # "is ther a …"
    text = _IF_FIRST.sub(r"\g<question> \g<scenario>", text)  # the scenario after the question
    text = _LEAD_OUT.sub("", text).strip()
    asked = _LEAD_IN.sub("", text, count=1).strip() or text
    for listed, read in _LISTED:  # "list the provisions that survive …"
        asked = listed.sub(read, asked)
    return asked


#: What a list asked for reads as, once "list" or "show me" is gone: "the provisions that
#: survive expiry" is "which provisions survive expiry", "everything Gunston owes Medalist"
#: is "what does Gunston owe Medalist", "all Franchisee must do" is "what Franchisee must
#: do", "the parties" is "who are the parties".
_LISTED = (
    (
        re.compile(
            r"^(?:all )?(?:of )?(?:the )?(?P<kind>provisions?|clauses?|rights?|obligations?"
            r"|sections?|terms?|restrictions?|duties) (?:that|which) "
        ),
        r"which \g<kind> ",
    ),
    (
        re.compile(r"^(?:everything|all(?: that)?|anything|what) (?P<party>.+?) owes\b"),
        r"what does \g<party> owe",
    ),
    (
        re.compile(
            r"^(?:everything|all(?: that)?|anything) (?P<party>.+?) (?P<verb>may not|cannot|"
            r"must not|may|can|must|has to|needs to) do\b"
        ),
        r"what \g<party> \g<verb> do",
    ),
    (re.compile(r"^(?:all )?(?:of )?the parties\b"), "who are the parties"),
)


def _vocabulary(store: Store) -> frozenset[str]:
    """The words a question can use: those of the forms, of dates, and of the graph's names."""
    if "ask.vocabulary" not in store.views:
        import calendar

        from .resolve import names

        patterns = [form.pattern.pattern for form in FORMS] + [_LEAD_IN.pattern, _LEAD_OUT.pattern]
        found = {w for pattern in patterns for w in re.findall(r"[a-z]{2,}", pattern)}
        found |= {w for key in _STANCE_WORDS for w in key.split()}
        found |= {m.lower() for m in (*calendar.month_name[1:], *calendar.month_abbr[1:])}
        found |= {"sept", "thru"}
        found |= {"today", "now", "never", "happen", "happens", "year", "about", "please"}
        for named in names(store):
            for label in (*named.labels, named.local.replace("-", " ")):
                found |= set(re.findall(r"[a-z0-9]+", label.lower()))
        store.views["ask.vocabulary"] = frozenset(found)
    vocabulary: frozenset[str] = store.views["ask.vocabulary"]
    return vocabulary


def _corrected(store: Store, text: str) -> str:
    """``text`` with each word of three letters or more that no form or name uses replaced
    by the closest word that one does ("waht" → "what", "verifed" → "verified")."""
    vocabulary = _vocabulary(store)

    def fix(match: re.Match[str]) -> str:
        word = match[0]
        if len(word) < 3 or word in vocabulary:
            return word
        for i in range(len(word) - 1):  # two letters swapped: "teh", "waht"
            swapped = word[:i] + word[i + 1] + word[i] + word[i + 2 :]
            if swapped in vocabulary:
                return swapped
        most = 1 if len(word) < 10 else 2  # "verifed", "wich"; never "declined" → "declared"
        near = sorted(
            (distance, candidate)
            for candidate in vocabulary
            if abs(len(candidate) - len(word)) <= most
            and (distance := _distance(word, candidate, most)) <= most
        )
        best = [candidate for distance, candidate in near if distance == near[0][0]]
        if len(best) > 1:  # as close to several: a letter left out ("wich": which, not with)
            best = [c for c in best if _holds_in_order(c, word)]
        if len(best) > 1 and match.start() == 0:  # a question's first word asks ("wat": what)
            best = [c for c in best if c in _QUESTION_WORDS]
        return best[0] if len(best) == 1 else word  # none close, or several: as written

    return re.sub(r"[a-z]+", fix, text)


#: The words a question starts with.
_QUESTION_WORDS = frozenset(
    [
        "what",
        "when",
        "which",
        "who",
        "whom",
        "whose",
        "where",
        "why",
        "how",
        "is",
        "are",
        "was",
        "were",
        "does",
        "do",
        "did",
        "will",
        "would",
        "can",
        "may",
        "must",
    ]
)


def _holds_in_order(longer: str, word: str) -> bool:
    """Whether ``longer`` holds the letters of ``word`` in order."""
    rest = iter(longer)
    return all(char in rest for char in word)


def _distance(a: str, b: str, most: int) -> int:
    """The edit distance between ``a`` and ``b`` (insertions, deletions, substitutions), or
    ``most + 1`` once it is past ``most``."""
    previous = list(range(len(b) + 1))
    for i, char in enumerate(a, 1):
        current = [i]
        for j, other in enumerate(b, 1):
            current.append(
                min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (char != other))
            )
        if min(current) > most:
            return most + 1
        previous = current
    return previous[-1]


def _with_real_dates(text: str) -> str | None:
    """``text`` with each date the calendar does not hold moved to the nearest day it does
    ("31 February 2031" → "28 February 2031", "2031-13-01" → "2031-12-01")."""
    import calendar

    months = [m.lower() for m in calendar.month_name]
    short = [m.lower() for m in calendar.month_abbr]

    def real(year: int, month: int, day: int) -> tuple[int, int, int]:
        year = min(max(year, 1), 9998)
        month = min(max(month, 1), 12)
        return year, month, min(max(day, 1), calendar.monthrange(year, month)[1])

    def iso(m: re.Match[str]) -> str:
        year, month, day = real(int(m[1]), int(m[2]), int(m[3]))
        return f"{year:04d}-{month:02d}-{day:02d}"

    def spelled(m: re.Match[str]) -> str:
        name = m[2].lower()
        month = months.index(name) if name in months else short.index(name)
        year, _, day = real(int(m[3]), month, int(m[1]))
        return f"{day} {m[2]} {year}"

    names = "|".join(n for n in months + short if n)
    fixed = re.sub(r"\b(\d{4})-(\d{2})-(\d{2})\b", iso, text)
    return re.sub(rf"\b(\d{{1,2}}) ({names}) (\d{{4}})\b", spelled, fixed, flags=re.I)


def _match(text: str) -> tuple[Form, re.Match[str]] | None:
    for form in FORMS:
        match = form.pattern.match(text)
        if match:
            return form, match
    return None


#: The kinds of thing a question can be about, the likeliest first when two fit as well.
_KIND_ORDER = ("event", "provision", "party", "concept", "trigger", "agreement")


def _stem_of(word: str) -> str:
    from .resolve import words

    return next(iter(words(word)), "")


def _suggest(store: Store, text: str) -> str:
    """The closest question a form answers, written with the names ``text`` uses: the thing
    it names (the one whose label's words it holds most of), asked about the way its kind
    and the question's words suggest."""
    from .resolve import tokens, words

    said = words(text)
    order = [_stem_of(t) for t in tokens(text)]
    ranked = _best_names(store, said, order)
    dated = re.search(rf"\b(?:on |at )?({DATE_PATTERN})", text)
    year = re.search(r"\b((?:19|20)\d{2})\b", text)
    day = dated[1] if dated else None
    on = (f" {day}" if day in {"now", "today"} else f" on {day}") if day else (
        f" in {year[1]}" if year else "")  # fmt: skip

    def cue(*stems: str) -> bool:
        return any(w.startswith(stem) for w in said for stem in stems)

    if not ranked:
        if day or year:
            changing = cue("chang", "happen", "start", "end", "begin")
            if day:
                suggestion = f"what changes on {day}" if changing else f"what is in force on {day}"
            else:
                suggestion = f"what happens in {year[1] if year else ''}"
        else:
            suggestion = "what is in force today"
        return suggestion if _match(suggestion) else "what is in force today"
    label, kind = ranked[0][1].label, ranked[0][1].kind
    if re.match(r"should\b", text, re.I):  # advice: what the act would change
        acts = [n for _, n in ranked if n.kind == "event"]
        if acts:
            label, kind = acts[0].label, "event"
    if cue("much", "amount", "cost", "price") and cue("pay", "owe", "charg"):
        from .resolve import party_named_first

        payer = party_named_first(store, re.sub(r"^how much (?:does|do|will|must|would) ", "",
                                                text, flags=re.I))  # fmt: skip
        if payer:  # "how much does Cool Tech pay Vet Tech?"
            label, kind = payer, "party"
    if cue("report", "rumo", "press", "news", "claim", "said"):
        suggestion = f"what is reported about {label}"
    elif kind == "provision" and cue("much", "amount", "cost", "price", "sum"):
        suggestion = f"what is {label}"  # "how much is the termination fee?"
    elif cue("termin", "cancel") and kind != "event":  # "should Telcostar terminate now?"
        suggestion = (
            f"can {label} terminate" if kind == "party" else "how can the agreement be terminated"
        )
    elif kind == "event":
        suggestion = f"what changes when {label} happens{on}"
    elif kind == "provision":
        if cue("forc", "valid", "effect", "activ", "still", "appl"):
            suggestion = f"is {label} in force{on or ' today'}"
        elif cue("depend", "rest", "need", "requir", "condition", "prerequisit"):
            suggestion = f"what does {label} rest on"
        elif cue("chang", "amend", "new", "differ"):
            suggestion = f"what changed about {label}"
        else:
            suggestion = f"when does {label} end"
    elif kind == "party":
        if cue("owe", "pay", "must", "oblig", "dut"):
            suggestion = f"what does {label} owe{on}"
        elif cue("not", "cannot", "forbid", "prohibit", "restrict"):
            suggestion = f"what may {label} not do{on}"
        else:
            suggestion = f"what does {label} hold{on}"
    elif kind == "concept":
        if cue("exclud", "carv", "not", "except", "outsid"):
            suggestion = f"which provisions exclude {label}"
        else:
            suggestion = f"which provisions cover {label}"
    elif kind == "trigger":
        suggestion = f"what depends on {label}"
    else:
        suggestion = f"what is {label}"
    return suggestion if _match(suggestion.lower()) else f"what is {label}"


def _best_names(
    store: Store, said: frozenset[str], order: list[str]
) -> list[tuple[tuple[bool, int, float, int, int], Named]]:
    """The nodes whose labels share words with a question's (half their words or more),
    best first: every word of the label, words shared, their share of the label's words,
    the kind's rank, how early the question names them."""
    from .resolve import names, names_of, words

    found = []
    for named in names(store):
        for label in names_of(named):
            held = words(label)
            shared = held & said
            if not shared or len(shared) / len(held) < 0.5:
                continue
            early = -min(order.index(w) for w in shared if w in order) if order else 0
            rank = -_KIND_ORDER.index(named.kind)
            found.append(((shared == held, len(shared), len(shared) / len(held), rank, early),
                          named))  # fmt: skip
    found.sort(key=lambda f: f[0], reverse=True)  # stable: the first named wins a tie
    return found


def _renamed(text: str, error: UnknownNameError) -> str | None:
    """``text`` with the name it failed on replaced by the closest name the graph has."""
    if not error.name or not error.labels:
        return None
    name = re.escape(error.name.lower())
    rewritten, count = re.subn(rf"\b{name}\b", error.labels[0], text, count=1)
    return rewritten if count and _match(rewritten.lower()) else None


def _assumptions(
    store: Store, answer: Any, rows: list[dict[str, Any]], options: Options, read_as: str | None
) -> tuple[str, ...]:
    """What an answer takes for granted, in sentences: how the question was read, the day,
    the scenario, what is conditional, the readings of ambiguous wording, the versions and
    the sources."""
    from .answers import DayChanges, Impact, Lifetime, State
    from .model import model

    found: list[str] = []
    if read_as:
        found.append(f"the question is read as {read_as!r}")
    found += options.said
    on = getattr(answer, "on", None)
    if isinstance(answer, DayChanges) and answer.until:
        found.append(f"the days from {answer.on} to {answer.until}")
    elif isinstance(answer, Impact):
        pass  # the form says when the event is taken to happen
    elif on is not None:
        found.append(f"the day asked about: {on}")
    elif isinstance(answer, Lifetime):
        found.append("no day: its term as the text states it, and what could end it sooner")
    elif hasattr(answer, "on"):
        found.append("no day: every provision, whatever its term")
    else:
        found.append("no day: what the agreements state, whatever the terms' dates")
    if isinstance(answer, State | Impact):
        events = [
            f"{e.label} on {e.date}" + (f" ({e.source.value})" if e.source != "given" else "")
            for e in answer.scenario
        ] + [f"{label} never happens" for label in answer.never]
        found.append("the scenario: " + ("; ".join(events) if events else "no event is dated"))
        found += answer.notes
    conditional = sum(
        1
        for r in rows
        if r.get("conditional") or r.get("answer") == "depends" or r.get("condition")
    )
    if conditional:
        found.append(
            f"{conditional} of {len(rows)} answer(s) conditional: an event this question does "
            "not date could change them"
        )
    wordings = {
        f"\u201c{reading.get('wording')}\u201d": None
        for row in rows
        for reading in row.get("interpretations") or ()
    }
    if wordings:
        found.append(
            f"{len(wordings)} reading(s) of ambiguous wording, each given with the rows it "
            "rests on: " + "; ".join(wordings)
        )
    m = model(store, options.as_of, options.min_evidence)
    versions = {p.agreement: p.published for p in m.provisions.values()}
    if versions:
        found.append(
            "the versions answered from: "
            + "; ".join(
                m.label(a) + (f" ({day})" if day else "")
                for a, day in sorted(versions.items(), key=lambda v: (str(v[1]), v[0]))
            )
        )
    found += m.version_notes()
    kinds: dict[str, None] = {}
    for row in rows:
        for source in row.get("sources") or ():
            kind = spaced(source.get("kind") or "")
            kinds[
                f"{source.get('title') or source.get('document')}" + (f" ({kind})" if kind else "")
            ] = None
    if kinds:
        found.append("the sources: " + "; ".join(kinds))
    return tuple(dict.fromkeys(found))


def ask(
    store: Store,
    question: str,
    *,
    as_of: dt.date | None = None,
    min_evidence: str | None = None,
) -> Answer:
    """Answer a plain-English ``question`` in one of the :data:`FORMS`.

    The question is read as written, then, if no form reads it or a name in it matches
    nothing, with its misspelt words corrected. The answer says what it assumed
    (:attr:`Answer.assumptions`): how the question was read, the day, the scenario, what is
    conditional, the readings of ambiguous wording, the versions and the sources.

    Parameters
    ----------
    store
        The loaded agreements.
    question
        The question, in one of the forms (case, a polite lead-in and a closing ``?`` do
        not matter).
    as_of
        Answer from the versions published on or before this day (default: all known).
    min_evidence
        Leave out what rests only on sources weaker than this kind of evidence.

    Returns
    -------
    Answer
        The form it was read as, the typed answer of the verb that form routes to, the
        rows and columns a table shows, and the assumptions.

    Raises
    ------
    QuestionError
        The question is in no known form; ``suggestion`` is the closest question that is,
        with the question's own names, and the message lists the forms.
    UnknownNameError
        A name in it matches nothing, or several things; ``suggestion`` is the question
        with the closest name, when one is close.
    UsageError
        The question names a date badly.

    Examples
    --------
    >>> from pactgraph.load import load
    >>> store = load(text=\'\'\'
    ...     <https://example.org/a> a pg:Agreement ; dcterms:date "2024-01-01"^^xsd:date ;
    ...         pg:provision <https://example.org/r> .
    ...     <https://example.org/r> a pg:Right ; rdfs:label "tenancy" ;
    ...         pg:endsWith <https://example.org/e> .
    ...     <https://example.org/e> a pg:Event ; rdfs:label "notice given" .
    ... \'\'\')
    >>> answer = ask(store, "What changes when notice is given?")
    >>> answer.form, [row["label"] for row in answer.rows]
    ('impact', ['tenancy'])
    >>> ask(store, "wat changes when notise is given").assumptions[0]
    "the question is read as 'what changes when notice is given'"
    """
    said = _normal(question)
    said, versions_asked, versions_read = _as_of(store, said)
    if versions_asked is not None:
        as_of = versions_asked
    failure: UnknownNameError | None = None
    for text in dict.fromkeys([said, _corrected(store, said)]):
        found = _match(text)
        if found is None:
            continue
        form, match = found
        options = Options(as_of, min_evidence, [versions_read] if versions_read else [])
        try:
            answer, columns, rows = form.answer(store, match, options)
        except UnknownNameError as error:
            failure = failure or error
            continue
        except UsageError as error:
            fixed = _with_real_dates(text)
            if fixed is None or fixed == text or _match(fixed) is None:
                raise
            raise QuestionError(f"{error}; did you mean: {fixed}?", fixed) from None
        read_as = text if text != said else None
        assumptions = _assumptions(store, answer, rows, options, read_as)
        from .answers import Answer

        return Answer(question, form.name, answer, columns, tuple(rows), assumptions)
    forms = " | ".join(f.wording for f in FORMS)
    text = _corrected(store, said)
    if failure is not None:
        suggestion = _renamed(said, failure) or _renamed(text, failure) or _suggest(store, text)
        raise UnknownNameError(
            f"{failure}; did you mean: {suggestion}? Or ask one of: {forms}",
            failure.candidates,
            name=failure.name,
            labels=failure.labels,
            suggestion=suggestion,
        ) from None
    suggestion = _suggest(store, text)
    raise QuestionError(
        f"cannot read {question!r} as a question; did you mean: {suggestion}? "
        f"Or ask one of: {forms}",
        suggestion,
    )
