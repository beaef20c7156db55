"""The term evaluator: each provision's status on a date, under a scenario of events.

The evaluation is built in three passes over one scenario, each computed once:

1. **Firing.** Each trigger gets one :class:`Fire` record: the first day its effect holds,
   and the member that decided it.

   - an event fires on its date in the scenario (never, if it has none);
   - a date fires on that date, or the day after for ``pg:EndOfDay`` ("through 2030" ends
     as 2030-12-31 ends: the provision is still in force that day);
   - a provision end (``pg:ProvisionEnd``) fires on the first day its provision is no
     longer in force, however its end came (never, while it has none);
   - an exercise (``pg:Exercise``) fires with its trigger, if the provision it exercises
     is in force that day (never, if it is not: a notice given before the right to give
     it arose, or after it ended, does not count);
   - ``pg:EarliestOf`` fires with the first of its members that fires (never, if none
     does); ``pg:LatestOf`` with its last (never, if any member never fires). On a tie
     the member that holds an event the caller is asking about decides, so an explanation
     leads to that event.

2. **Terms.** Each provision's own term runs from its start trigger (without one, from its
   agreement's date) to its end trigger, and is empty if it is ``pg:Removed``. Then, in
   dependency order (a cycle is one unit), a provision that rests on another by an edge
   whose ``pg:rippleEffect`` is ``pg:Ends`` (``pg:dependsOn``) is in force only while that
   one is: its term is the part of its own term inside the other's. So it ends with the
   other and cannot start before it; if the other ends before it could start, it never
   comes into force (``not_started``, with no end). Each term records what decided its
   start and its end (its own trigger, or the provision it rests on, with the chain).

3. **Statuses.** On a date a provision is ``not_started`` before its term, ``ended`` after
   it (or if removed), ``in_force`` within it. One that rests on another by a
   ``pg:Modifies`` edge (``pg:exceptionTo``, ``pg:carveOutOf``, ``pg:extends``) stays in
   force and lists it in ``modified_by`` once that one, having been in force, has ended.

A status is **conditional** when some event the scenario does not date would change it if
it happened on that date (with the prerequisites it implies): exactly what
:func:`pactgraph.impact.impact` would report for that event on that date. The use of a
right (an event its ``pg:Exercise`` is built from) does not make that right conditional:
the right is there to be used that day, whatever its use ends (where the event exercises
that right alone). The words of
each reason are written last, from the records.

A provision's status depends only on what it rests on, so a large evaluation (a portfolio's
``state``) is cut by island (:attr:`~pactgraph.model.Model.islands`: provisions that cannot
bear on one another's terms) and worked out side by side in several processes
(:mod:`pactgraph.spread`); the statuses are the same, in the same order, as from one run.

Nothing here knows any agreement, party or event: every fact comes from the
:class:`~pactgraph.model.Model`.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, fields
from functools import partial
from typing import Any

from .answers import ProvisionStatus, Status
from .durations import Duration, add_within
from .errors import UsageError
from .model import DAY, Model, Trigger, no_cycle_sweeps
from .scenario import Scenario, extend
from .spread import processes, spread
from .traverse import comes_words, dated_words, relation_words, when_words

__all__ = ["ALWAYS", "Fire", "Run", "Term", "evaluate"]

#: The start of a provision in force from the beginning (no start and no agreement date).
ALWAYS = dt.date.min


@dataclass(frozen=True)
class Fire:
    """When a trigger fires under a scenario."""

    day: dt.date | None
    """The first day its effect holds; ``None``: it does not fire in this scenario."""
    by: str | None = None
    """For a composite: the member that decided the day."""


@dataclass(frozen=True)
class Term:
    """A provision's effective term under a scenario: ``start`` ≤ day < ``end``."""

    start: dt.date | None
    """The first day in force (:data:`ALWAYS` if from the beginning); ``None``: it does not
    start in this scenario."""
    end: dt.date | None
    """The first day no longer in force; ``None``: it does not end in this scenario."""
    start_by: str | None = None
    """The provision whose start holds this one's back (``None``: its own start)."""
    end_by: str | None = None
    """The provision whose end ends this one (``None``: its own end)."""
    path: tuple[str, ...] = ()
    """With ``end_by`` (or ``start_by``): the provisions from the one whose own term decided,
    to this one."""
    removed: bool = False
    replaced_by: str | None = None
    """The provision of a later version that replaces (or repeals) this one, where that
    ends it, or where it never came into force before that version took effect."""
    start_path: tuple[str, ...] = ()
    """With ``start_by``: the provisions from the one whose own start decided, to this one
    (``path`` is the chain that decided the end)."""

    @property
    def never(self) -> bool:
        """It is never in force in this scenario."""
        ended_first = self.end is not None and self.start is not None and self.end <= self.start
        return self.removed or self.start is None or ended_first


def _after(day: dt.date | None) -> dt.date | None:
    """The day after ``day``, or None past the calendar's last day (never)."""
    if day is None or day == dt.date.max:
        return None
    return day + DAY


#: The most exercises on one cycle whose choices are all tried (2 ** n of them).
_MOST_TRIED = 6


class Run:
    """One scenario, evaluated: each trigger's firing and each provision's term, once.

    ``prefer`` names events a tie between composite members is decided for (the events an
    impact is about), so the explanation of a change leads to them.
    """

    def __init__(
        self,
        m: Model,
        s: Scenario,
        prefer: Iterable[str] = (),
        *,
        assumed: dict[str, dt.date | None] | None = None,
        counts: dict[str, bool] | None = None,
        exercised: dict[str, dt.date | None] | None = None,
    ) -> None:
        self.m, self.s = m, s
        self.prefer = frozenset(prefer)
        self._fires: dict[str, Fire] = {}
        self._terms: dict[str, Term] = {}
        self._settling: set[str] = set()
        self._pending_ends: dict[tuple[str, dt.date], tuple[str, ...]] = {}
        self._first_ending: dict[tuple[int, dt.date], str | None] = {}
        self._words: dict[str, str] = {}
        """The words of each trigger asked for on its own (:meth:`words`), once per run."""
        self._fired: dict[str, str] = {}
        """How each trigger fired, in words (:meth:`fired_words`), once per run."""
        self._sooner: dict[tuple[str, bool, dt.date, bool], str | None] = {}
        """What an undated event ending a provision sooner would end, in words
        (:meth:`_sooner_words`), once per run."""
        self._assumed: dict[str, dt.date | None] = dict(assumed or {})
        """The days provision ends on a cycle fire on, as settled (:meth:`_settle_group`)."""
        self._counts: dict[str, bool] = dict(counts or {})
        """Whether each exercise on a cycle counts, as settled."""
        self._exercised: dict[str, dt.date | None] = dict(exercised or {})
        """The day each exercise on a cycle whose notice is dated more than once counts on,
        as settled."""
        self.contradictions: list[tuple[str, ...]] = []
        """The exercises of each group settled so far for which no choice of which count
        holds (:meth:`_settle_group`): each counts only if another does not."""

    def _settle_group(self, trigger: str) -> None:
        """Settle the group of cyclic provision ends and exercises ``trigger`` belongs to
        (:attr:`Model.cyclic_groups`), when one of them is first asked for: together,
        rather than from whichever is asked first.

        A provision end fires when its provision ends; the provision ends of a group are
        first taken never to fire, then to fire as the last round worked out, until a round
        changes nothing (at most a few rounds; one that never settles keeps the last).

        An exercise counts if its provision is in force on its day *without the exercise
        itself* (the provision ends settled again without it): a notice that ends, with
        immediate effect, the agreement the right to give it rests on still counts, though
        the right ends that very day. Which exercises count is a choice that holds for each
        of them at once; where several hold, the one where the earliest exercises (by day,
        then IRI) count: of two notices on one day that would each stop the other, the first
        by IRI counts. A group of more than :data:`_MOST_TRIED` exercises is decided one by
        one, in that order, until none changes.
        """
        members = self.m.cyclic_groups.get(trigger, (trigger,))
        exercises = [t for t in members if self.m.triggers[t].type == "Exercise"]
        ends = [t for t in members if self.m.triggers[t].type != "Exercise"]
        assumed = {k: v for k, v in self._assumed.items() if k not in members}
        counted = {k: v for k, v in self._counts.items() if k not in members}
        exercised = {k: v for k, v in self._exercised.items() if k not in members}
        # exercises whose notice the scenario dates more than once: the day each counts on
        # is part of the choice, as whether it counts is
        again = [e for e in exercises if (self.m.triggers[e].trigger or "") in self.s.again]

        def trial(counts: dict[str, bool], on: dict[str, dt.date | None] | None = None) -> Run:
            """A run with the exercises counted as ``counts`` (those dated more than once on
            the days ``on`` gives), the provision ends settled."""
            days: dict[str, dt.date | None] = dict.fromkeys(ends)
            for _ in range(2 * len(ends) + 2):
                run = Run(self.m, self.s, self.prefer, assumed={**assumed, **days},
                          counts={**counted, **counts},
                          exercised={**exercised, **(on or {})})  # fmt: skip
                found = {t: run._end_of(t) for t in ends}
                if found == days:
                    break
                days = found
            return run

        def judged(
            counts: dict[str, bool], on: dict[str, dt.date | None], e: str
        ) -> dt.date | None:
            """The day exercise ``e`` counts on, judged without itself, the others as
            ``counts`` and ``on`` say (None: it does not count)."""
            without = {k: v for k, v in on.items() if k != e}
            return trial({**counts, e: False}, without)._exercise(self.m.triggers[e]).day

        def days_of(counts: dict[str, bool]) -> dict[str, dt.date | None]:
            """The days the counted exercises dated more than once count on: from their
            notices' first dates, each judged without itself until none changes."""
            on = {e: probe.fire(self.m.triggers[e].trigger).day for e in again if counts[e]}
            for _ in range(2 * len(on) + 2):
                found = {e: judged(counts, on, e) for e in on}
                if found == on:
                    break
                on = found
            return on

        def counts_without_itself(counts: dict[str, bool], e: str) -> bool:
            """Whether exercise ``e`` counts, the others as ``counts`` says, without itself."""
            return judged(counts, days_of(counts), e) is not None

        def holds(counts: dict[str, bool]) -> bool:
            """Each exercise counts as ``counts`` says, judged without itself (and one dated
            more than once on the day the choice gives it)."""
            on = days_of(counts)
            for e in exercises:
                day = judged(counts, on, e)
                if (day is not None) != counts[e] or (e in on and day != on[e]):
                    return False
            return True

        probe = trial(dict.fromkeys(exercises, False))
        # each by the day it would count, with none of the others counting: a notice given
        # too early and again later comes on its later day (its first, if it never counts)
        days = {
            e: probe._exercise(self.m.triggers[e]).day or probe.fire(self.m.triggers[e].trigger).day
            for e in exercises
        }
        order = sorted(exercises, key=lambda e: (days[e] or dt.date.max, e))
        chosen: dict[str, bool] | None = None
        if len(order) <= _MOST_TRIED:
            for bits in itertools.product((True, False), repeat=len(order)):
                if holds(candidate := dict(zip(order, bits, strict=True))):
                    chosen = candidate
                    break
        if chosen is None and len(order) <= _MOST_TRIED:  # every choice tried: none holds
            self.contradictions.append(tuple(order))
        if chosen is None:  # many, or none holds: one by one until none changes
            chosen = dict.fromkeys(order, False)
            for _ in range(2 * len(order) + 2):
                changed = False
                for e in order:
                    if (now := counts_without_itself(chosen, e)) != chosen[e]:
                        chosen[e], changed = now, True
                if not changed:
                    break
        on = days_of(chosen)
        settled = trial(chosen, on)
        self._counts.update(chosen)
        self._exercised.update(on)
        self._assumed.update({t: settled._assumed[t] for t in ends})

    def _exercise(self, t: Trigger) -> Fire:
        """An exercise fires with its trigger, on a day the provision it exercises is in
        force (as later versions carry it); never on another. An event the scenario dates
        more than once (:attr:`Scenario.again`) counts the first time it comes while the
        provision is in force."""
        main = self.fire(t.trigger)
        if main.day is None or t.exercises not in self.m.provisions:
            return Fire(None)
        for day in (main.day, *self.s.again.get(t.trigger or "", ())):
            if self._in_force(t.exercises, day):
                return Fire(day, t.trigger)
        return Fire(None)

    def _in_force(self, provision: str, day: dt.date) -> bool:
        """``provision`` is in force on ``day`` (a replaced one, in its replacement)."""
        term, _ = self._carried(provision)
        if term.never or term.start is None or day < term.start:
            return False
        return term.end is None or day < term.end

    def _end_of(self, trigger: str) -> dt.date | None:
        """The first day the provision a provision end marks is no longer in force."""
        t = self.m.triggers[trigger]
        if t.end_of is None or t.end_of not in self.m.provisions:
            return None
        term, _ = self._carried(t.end_of)  # a replaced provision ends with its replacement
        if term.never or term.end is None:
            return None
        if t.through is not None or t.not_through is not None:
            route = self.end_route(t.end_of)
            if t.through is not None and t.through not in route:
                return None
            if t.not_through is not None and t.not_through in route:
                return None
        return term.end

    def end_route(self, provision: str, seen: frozenset[str] = frozenset()) -> frozenset[str]:
        """The triggers the provision's end came through: those that decided it, on the day
        it came. Its own end trigger, if that fired then, and what decided it (every member
        of a combination that fired that day, and through a provision end, the route of its
        provision's end); the route of what it rests on, if that ended it (the one it
        survived, for a survival period), or ended the same day; for a provision a later
        version replaced, the replacement's. Nothing of its own, for an end by repeal. An
        end that came through two routes on one day came through both."""
        if provision in seen or provision not in self.m.provisions:
            return frozenset()
        seen = seen | {provision}
        term, replaced = self._carried(provision)
        if term.never or term.end is None:
            return frozenset()
        current = replaced[-1] if replaced else provision
        p, own = self.m.provisions[current], self.term(current)
        found: set[str] = set()
        if p.end is not None and self.fire(p.end).day == term.end:
            found |= self._decided(p.end, seen)
        if own.end_by is not None and own.end == term.end:
            rested = p.survives if own.end_by == p.survives else self.ends_with(own)
            found |= self.end_route(rested or "", seen)
        elif own.end_by is None and own.end == term.end:
            # it ended on its own (or by a repeal) on the day something it rests on ended for
            # a reason of its own: it ended with that one too
            for q in self.m.units.rests_on.get(current, ()):
                other, _ = self._carried(q)
                if not other.never and other.end == term.end:
                    found |= self.end_route(q, seen)
        return frozenset(found)

    def _decided(self, trigger: str, seen: frozenset[str]) -> set[str]:
        """``trigger`` and the triggers that decided when it fired (see :meth:`end_route`)."""
        found: set[str] = set()
        todo = [trigger]
        while todo:
            current = todo.pop()
            if current in found:
                continue
            found.add(current)
            t, fire = self.m.triggers.get(current), self.fire(current)
            if t is None or fire.day is None:
                continue
            if t.type in {"EarliestOf", "LatestOf"}:
                todo.extend(m for m in t.members if self.fire(m).day == fire.day)
            elif t.type == "ProvisionEnd" and t.end_of is not None:
                found |= self.end_route(t.end_of, seen)
            elif fire.by is not None:
                todo.append(fire.by)
        return found

    # -------------------------------------------------------------- firing

    def fire(self, trigger: str | None) -> Fire:
        """When ``trigger`` fires (never for a missing trigger or one inside a cycle)."""
        if trigger is None:
            return Fire(None)
        if trigger not in self._fires:
            self._fires[trigger] = Fire(None)  # a cycle through members never fires
            self._fires[trigger] = self._fire(trigger)
        return self._fires[trigger]

    def _fire(self, trigger: str) -> Fire:
        t = self.m.triggers.get(trigger)
        if t is None:
            return Fire(None)
        if t.type == "Event":
            return Fire(self.s.dates.get(trigger))
        if t.type == "DateTrigger":
            if t.date is None:
                return Fire(None)
            return Fire(_after(t.date) if t.end_of_day else t.date)
        if t.type == "RelativeTrigger":
            return self._relative(t)
        if t.type == "UnlessFirst":
            main = self.fire(t.trigger)
            stop = self.fire(t.unless)
            if main.day is None or (stop.day is not None and stop.day < main.day):
                return Fire(None)
            return Fire(main.day, t.trigger)
        if t.type == "Renewal":
            return self._renewal(t)
        if t.type == "ProvisionEnd" and trigger in self.m.cyclic_groups:
            if trigger not in self._assumed:  # on a cycle: settled with the others
                self._settle_group(trigger)
            return Fire(self._assumed[trigger])
        if t.type == "Exercise" and trigger in self.m.cyclic_groups:
            if trigger not in self._counts:
                self._settle_group(trigger)
            if not self._counts[trigger]:
                return Fire(None)
            if trigger in self._exercised:  # which of its notice's dates counted, as settled
                day = self._exercised[trigger]
            else:
                day = self.fire(t.trigger).day
            return Fire(day, t.trigger if day is not None else None)
        if t.type == "ProvisionEnd":
            return Fire(self._end_of(trigger))
        if t.type == "Exercise":
            return self._exercise(t)
        fired = [(self.fire(member).day, member) for member in t.members]
        if t.type == "EarliestOf":
            known = [(day, member) for day, member in fired if day is not None]
            if not known:
                return Fire(None)
            day = min(d for d, _ in known)
        elif t.type == "LatestOf":
            if not fired or any(day is None for day, _ in fired):
                return Fire(None)
            day = max(d for d, _ in fired if d is not None)
        else:
            return Fire(None)
        deciding = sorted(member for d, member in fired if d == day)
        preferred = [member for member in deciding if self.leaf(member) in self.prefer] or [
            member for member in deciding if self._ends_for_preferred(member)
        ]
        return Fire(day, (preferred or deciding)[0])

    def _relative(self, t: Trigger) -> Fire:
        anchor = self.fire(t.after).day
        if anchor is None or t.offset is None:
            return Fire(None)
        day = add_within(anchor, t.offset)
        return Fire(_after(day) if t.end_of_day else day, t.after)

    def _renewal(self, t: Trigger) -> Fire:
        """A renewing term's end: the end of the first term whose last day comes at least
        the notice period after the notice that stops renewals (or after the most
        renewals allowed). Where the first term and the renewals are whole months (or years),
        terms are counted from what the first term counts from, so monthly terms from 31
        January end on the months' last days; otherwise each renewal adds its period to the
        first term's end (two weeks from 17 January, then a month: 28 February)."""
        first = self.fire(t.after).day
        period = t.renewal_period
        if first is None or period is None or (period.months == 0 and period.days == 0):
            return Fire(first, t.after)
        base = self.m.triggers.get(t.after) if t.after else None
        anchor = self.fire(base.after).day if base and base.type == "RelativeTrigger" else None

        def term_end(renewals: int) -> dt.date | None:
            # counted from the anchor when the first term and the renewals are both whole
            # months after it; otherwise each renewal adds its period to the first term's end
            offset = base.offset if base is not None and not base.end_of_day else None
            in_months = offset is not None and not (offset.days or offset.business_days)
            if anchor is not None and offset is not None and in_months and not period.days:
                months = offset.months + renewals * period.months
                days = offset.days + renewals * period.days
                return add_within(anchor, Duration(months=months, days=days))
            return add_within(first, period, times=renewals)

        notice = self.fire(t.stopped_by).day
        limit = t.max_renewals
        if notice is None:
            return Fire(None) if limit is None else Fire(term_end(limit), t.after)
        due = add_within(notice, t.notice_period) if t.notice_period else notice
        if due is None:
            return Fire(None)
        renewals = 0
        while (limit is None or renewals < limit) and (end := term_end(renewals)) is not None:
            if end > due:
                return Fire(end, t.stopped_by)  # the notice came early enough for this term
            renewals += 1
        return Fire(term_end(renewals), t.after)

    def _ends_for_preferred(self, member: str) -> bool:
        """The member's day is the end of a provision an event a tie is decided for can end
        (such a member comes after one the event decides directly)."""
        leaf = self.leaf(member)
        t = self.m.triggers.get(leaf)
        return (
            t is not None
            and t.type == "ProvisionEnd"
            and bool(self.m.events_in(leaf) & self.prefer)
        )

    def leaf(self, trigger: str) -> str:
        """The event or date at the bottom of the chain of members that decided ``trigger``."""
        seen = set()
        while trigger not in seen:
            seen.add(trigger)
            by = self.fire(trigger).by
            if by is None:
                return trigger
            trigger = by
        return trigger

    def chain(self, trigger: str) -> list[str]:
        """The deciding chain from its leaf up to ``trigger``: ``[event, composite, ...]``."""
        chain = [trigger]
        while (by := self.fire(chain[-1]).by) is not None and by not in chain:
            chain.append(by)
        return chain[::-1]

    # -------------------------------------------------------------- terms

    def own(self, provision: str) -> Term:
        """The provision's own term, before any dependency: its triggers, how long it
        survives what it survives, and a later version's revision."""
        p = self.m.provisions[provision]
        if p.change == "Removed":
            return Term(None, None, removed=True)
        start = self.fire(p.start).day if p.start else p.agreement_date or ALWAYS
        end = self.fire(p.end).day if p.end else None
        if p.kind == "StatedFact" and not p.start and end is not None and start and end <= start:
            start = ALWAYS  # a fact stated as past: it held before the agreement, until its end
        end_by: str | None = None
        path: tuple[str, ...] = ()
        if p.survives is not None and p.survives in self.m.provisions:
            # it survives the other's end (as later versions carry it) for its survival
            # period, counted from the other's last day in force, not including it: three
            # years from termination on 2021-02-28 last through 2024-02-28
            other, _ = self._carried(p.survives)
            if not other.never and other.end is not None and p.survival_period is not None:
                outlived = add_within(other.end - DAY, p.survival_period)
                outlived = outlived + DAY if outlived is not None else None
                if outlived is not None and (end is None or outlived < end):
                    end, end_by, path = outlived, p.survives, (p.survives, provision)
        revision = self.m.revised.get(provision)
        if revision is not None and (end is None or revision.on <= end):
            # a later version replaces or repeals it from the day that version takes effect
            # (on a tie, the replacement: what rests on it carries over to the new version)
            return Term(start, revision.on, replaced_by=revision.by)
        return Term(start, end, end_by=end_by, path=path)

    def term(self, provision: str) -> Term:
        """The provision's effective term: its own, inside those of what it rests on."""
        if provision not in self._terms:
            if provision in self._settling:  # survives a provision that survives it
                return Term(None, None)
            self._settling.add(provision)
            self._settle(provision)
            self._settling.discard(provision)
        return self._terms[provision]

    def _settle(self, provision: str) -> None:
        """Compute the terms of ``provision`` and of everything it rests on, in dependency
        order; the provisions of a cycle share the part of their terms they have in common."""
        units = self.m.units
        if provision not in units.unit_of or not units.rests_on[provision]:
            # it rests on nothing (a cycle always rests on its other members)
            self._terms[provision] = self.own(provision)
            return
        todo = [units.unit_of[provision]]
        while todo:
            unit = todo[-1]
            waiting = [u for u in units.before[unit] if units.members[u][0] not in self._terms]
            if waiting:
                todo.extend(waiting)
                continue
            todo.pop()
            members = units.members[unit]
            if members[0] in self._terms:
                continue
            own = {member: self.own(member) for member in members}
            outside = sorted(
                {q for member in members for q in units.rests_on[member]} - set(members)
            )
            # a member a later version replaces is seen, by the others, as what replaces it
            seen = {q: self._carried_from(q, own[q]) for q in members}
            for member in members:
                others: list[tuple[str, Term, tuple[str, ...]]]
                others = [(q, *seen[q]) for q in members if q != member]
                others += [(q, *self._carried(q)) for q in outside]
                self._terms[member] = self._inside(member, own[member], others)

    def _carried(self, q: str) -> tuple[Term, tuple[str, ...]]:
        """``q``'s term as what rests on it sees it, and the chain of its replacements: a
        provision a later version replaces (not repeals) lives on in its replacement, so
        what rested on it rests on that, unless the replacement never comes into force. One
        that never came into force before it was replaced is seen as its replacement alone."""
        return self._carried_from(q, self.term(q))

    def _carried_from(self, q: str, term: Term) -> tuple[Term, tuple[str, ...]]:
        """:meth:`_carried`, from ``term`` as ``q``'s term (its own, on a cycle being
        settled)."""
        chain: tuple[str, ...] = ()
        current = q
        while term.replaced_by is not None and term.replaced_by not in (q, *chain):
            revision = self.m.revised.get(current)
            if revision is None or revision.change == "Removed":
                break
            after = self.term(term.replaced_by)
            if after.never:
                break  # it ends as the version takes effect, and nothing takes its place
            current = term.replaced_by
            chain = (*chain, current)
            if term.never:  # never in force before it was replaced: only the replacement is
                term = Term(after.start, after.end, after.start_by, after.end_by, after.path,
                            replaced_by=after.replaced_by, start_path=after.start_path)  # fmt: skip
            else:
                term = Term(term.start, after.end, term.start_by, after.end_by, after.path,
                            replaced_by=after.replaced_by)  # fmt: skip
        return term, chain

    def _inside(
        self, member: str, own: Term, others: list[tuple[str, Term, tuple[str, ...]]]
    ) -> Term:
        """The part of ``member``'s own term inside the terms of the ``others`` (each with
        the replacements it lives on in)."""
        if own.removed:
            return own
        start, start_by, end, end_by = own.start, None, own.end, own.end_by
        replaced_by = own.replaced_by
        carried: dict[str, tuple[str, ...]] = {}
        never_by: str | None = None  # the first of the others that never starts
        for q, other, chain in others:
            if chain:
                carried[q] = chain
            if other.removed or other.start is None:
                never_by = never_by or q
                continue
            if start is not None and other.start > start:
                start, start_by = other.start, q
            if other.end is not None and (end is None or other.end < end):
                end, end_by = other.end, q
        ever = never_by is None and not Term(start, end).never  # it was in force at all
        if end != own.end and ever:
            # something it rests on ended it sooner than its revision: it ended on its own;
            # one that never came into force is still replaced, and seen as its replacement
            replaced_by = None
        if never_by is not None:  # it never starts; a later version may still replace it
            start_path = self._path(never_by, member, start=True)
            return Term(None, end, start_by=never_by, start_path=start_path,
                        replaced_by=replaced_by)  # fmt: skip
        path: tuple[str, ...] = ()
        if end_by is not None and end_by == own.end_by and end == own.end:
            path = own.path
        elif end_by is not None and end_by in carried:
            # ended through the replacement it lives on in: from that, back to what it rests on
            chain = carried[end_by]
            last = self._terms.get(chain[-1])
            base = last.path[:-1] if last is not None and last.end_by else ()
            path = (*base, *reversed(chain), end_by, member)
        elif end_by is not None:
            path = self._path(end_by, member, start=False)
        start_path = self._path(start_by, member, start=True) if start_by is not None else ()
        return Term(
            start, end, start_by, end_by, path, replaced_by=replaced_by, start_path=start_path
        )

    def _path(self, q: str, member: str, *, start: bool) -> tuple[str, ...]:
        """The provisions from the one whose own term decided ``q``'s start (or end), to
        ``member``."""
        known = self._terms.get(q)
        if known is not None:
            chain = known.start_path if start else known.path
            if chain and (known.start_by if start else known.end_by):
                return (*chain, member)
        return (q, member)

    # -------------------------------------------------------------- words

    def words(self, trigger: str, seen: frozenset[str] = frozenset()) -> str:
        """When the trigger fires, in words, under this scenario."""
        if seen:  # inside another: its words depend on the way there
            return self._trigger_words(trigger, seen)
        if trigger not in self._words:
            self._words[trigger] = self._trigger_words(trigger, seen)
        return self._words[trigger]

    def _trigger_words(self, trigger: str, seen: frozenset[str]) -> str:
        m = self.m
        t = m.triggers.get(trigger)
        if t is None or trigger in seen:
            return m.label(trigger)
        if t.type == "Event":
            day = self.s.dates.get(trigger)
            if day:
                later = self.s.again.get(trigger, ())
                again = f" (and again on {', '.join(map(str, later))})" if later else ""
                return dated_words(t.label, day) + again
            if trigger in self.s.never:
                return f"{when_words(t.label)}, which it never does in this scenario"
            blocked = self.s.blocked.get(trigger)
            if blocked:
                return (
                    f"{when_words(t.label)}, which it cannot in this scenario: it requires "
                    f"{m.label(blocked)}, which never happens"
                )
            return when_words(t.label)
        if t.type == "DateTrigger":
            if t.end_of_day:
                return f"after {t.date} ({t.label})"
            return f"on {t.date} ({t.label})"
        day = self.fire(trigger).day
        if t.type == "ProvisionEnd":
            marked = self._carried_label(t.end_of) if t.end_of else "?"
            if day is None and t.end_of in m.provisions and self._carried(t.end_of)[0].never:
                return f"never: {marked} is never in force in this scenario"
            route = self._route_words(t)
            ended = self._carried(t.end_of)[0].end if t.end_of in m.provisions else None
            if day is None and route and ended is not None:  # it ended, by another route
                last = f"last day in force {ended - DAY}"
                if t.through and t.through not in self.end_route(t.end_of or ""):
                    return f"never: {marked} ends ({last}), but not through {m.label(t.through)}"
                return f"never: {marked} ends through {m.label(t.not_through or '?')} ({last})"
            last = f" (its last day in force {day - DAY})" if day is not None else ""
            return f"when {marked} ends{route}{last}"
        on = f" (on {day})" if day else ""
        label = m.label
        if t.type == "RelativeTrigger":
            offset = t.offset.words() if t.offset else "?"
            if t.end_of_day:  # it takes effect as the last day of the period ends
                on = f" (to the end of {day - DAY})" if day is not None else ", as that day ends"
            anchor = m.triggers.get(t.after) if t.after else None
            if day is None and anchor is not None and anchor.type == "Exercise":
                given = self.fire(anchor.trigger).day
                if given is not None:  # a notice came, but not while the right was in force
                    right = label(anchor.exercises) if anchor.exercises else "?"
                    on += (
                        f" (never: {label(anchor.trigger or '?')} on {given} does not count, as "
                        f"{right} was not in force that day)"
                    )
            return f"{offset} after {label(t.after) if t.after else '?'}{on}"
        if t.type == "UnlessFirst":
            main_fire = self.fire(t.trigger).day
            stopped = self.fire(t.unless).day
            name = label(t.unless) if t.unless else "?"
            main = self.words(t.trigger, seen | {trigger}) if t.trigger else "?"
            first = comes_words(name, "first")
            if main_fire is not None and stopped is not None and stopped < main_fire:
                if seen:  # a member of another: it never fires, but the others may
                    return f"{main}, unless {first} (it came first, on {stopped})"
                return f"never: {comes_words(name, 'first', came=True)}, on {stopped}"
            stoppers = m.events_in(t.unless) if t.unless else frozenset()
            if stoppers and stoppers <= self.s.never:  # nothing can stop it in this scenario
                return f"{main} (not stopped: {name} never happens in this scenario)"
            return f"{main}, unless {first}"
        if t.type == "Exercise":
            right = label(t.exercises) if t.exercises else "?"
            main = self.words(t.trigger, seen | {trigger}) if t.trigger else "?"
            main_fire = self.fire(t.trigger).day
            if main_fire is not None and day is None:  # it came while the right was not in force
                counted = f"{main}, which counts only while {right} is in force"
                days = ", ".join(map(str, (main_fire, *self.s.again.get(t.trigger or "", ()))))
                if seen:  # a member of another: it never fires, but the others may
                    return f"{counted} (it was not, on {days})"
                return f"never: {counted}, and it was not on {days}"
            return f"{main}, while {right} is in force"
        if t.type == "Renewal":
            every = t.renewal_period.words() if t.renewal_period else "?"
            notice = f" at least {t.notice_period.words()}" if t.notice_period else ""
            ends = "the first term's end" if t.max_renewals == 1 else "a term's end"
            stop = (
                comes_words(label(t.stopped_by), f"{notice.strip()} before {ends}".strip())
                if t.stopped_by
                else ""
            )
            most = f"at most {t.max_renewals} times" if t.max_renewals is not None else ""
            until = ", ".join(x for x in (f"until {stop}" if stop else "", most) if x)
            first = label(t.after) if t.after else "?"
            # the first term's day beside it, and the day a renewed term ends beside the renewal
            first_day = self.fire(t.after).day if t.after else None
            first += f" (on {first_day})" if first_day else ""
            renewed_end = f" (its end comes on {day})" if day and day != first_day else ""
            if t.max_renewals == 0:  # no renewal is allowed
                return f"at {first}, with no renewal"
            if t.max_renewals == 1:  # one renewal, not renewals at a time
                unless = f" unless {stop}" if stop else ""
                return f"at {first}, renewed once for {every}{renewed_end}{unless}"
            until = f" {until}" if until else ""
            return f"at {first}, renewed for {every} at a time{renewed_end}{until}"
        parts = []
        for member in self._members(trigger, t.type, seen):
            text = self.words(member, seen | {trigger})
            inner = m.triggers.get(member)
            if inner is not None and inner.type in {"EarliestOf", "LatestOf", "UnlessFirst"}:
                text = f"({text})"  # a clause of its own inside the list
            parts.append(text)
        joiner, tail = (
            (" or ", "whichever is first")
            if t.type == "EarliestOf"
            else (" and ", "whichever is last")
        )
        return f"{joiner.join(parts)}, {tail}"

    def _route_words(self, t: Trigger) -> str:
        """The route a provision end asks of its provision's end, in words ("" for none)."""
        if t.through:
            return f" through {self.m.label(t.through)}"
        if t.not_through:
            return f" other than through {self.m.label(t.not_through)}"
        return ""

    def _members(self, trigger: str, kind: str, seen: frozenset[str]) -> list[str]:
        """The members of a combination, with those of a member combined the same way in
        its place (the earliest of A and of the earliest of B and C is the earliest of A, B
        and C), each once."""
        found: list[str] = []
        todo = list(reversed(self.m.triggers[trigger].members))
        opened = {trigger, *seen}
        while todo:
            member = todo.pop()
            inner = self.m.triggers.get(member)
            if inner is not None and inner.type == kind and member not in opened:
                opened.add(member)
                todo.extend(reversed(inner.members))
            elif member not in found:
                found.append(member)
        return found

    def fired_words(self, trigger: str) -> str:
        """How a trigger that has fired fired: for a composite, the member that decided it."""
        if trigger not in self._fired:
            self._fired[trigger] = self._fired_words(trigger)
        return self._fired[trigger]

    def _fired_words(self, trigger: str) -> str:
        t = self.m.triggers.get(trigger)
        fire = self.fire(trigger)
        if t is not None and t.type == "ProvisionEnd":
            if fire.day is None or t.end_of is None:
                return self.words(trigger)
            ended = self._carried_label(t.end_of, past=True)  # through what replaced it
            return f"on {fire.day}, as {ended} ended{self._route_words(t)} ({t.label})"
        if t is not None and t.type in {"RelativeTrigger", "Renewal"}:
            if fire.day is None:
                return self.words(trigger)
            said = (
                f"at the end of {fire.day - DAY} ({t.label})"
                if t.end_of_day
                else f"on {fire.day} ({t.label})"
            )
            if t.type == "Renewal" and t.stopped_by is not None and fire.by == t.stopped_by:
                notice = self.fire(t.stopped_by).day
                said += f": {self.m.label(t.stopped_by)} on {notice} stopped its renewals"
            return said
        if t is not None and t.type == "Exercise" and fire.day is not None and t.trigger:
            right = self.m.label(t.exercises) if t.exercises else "?"
            return f"{self.fired_words(t.trigger)}, while {right} was in force ({t.label})"
        if t is None or fire.by is None:
            return self.words(trigger)
        return f"{self.fired_words(fire.by)} ({t.label})"

    def pending(self, trigger: str | None) -> set[str]:
        """The events inside ``trigger`` that could still happen: those this scenario
        neither dates nor says never happen."""
        return {
            e
            for e in self.m.events_in(trigger)
            if e not in self.s.dates and e not in self.s.never and e not in self.s.blocked
        }

    # -------------------------------------------------------------- status

    def status(self, provision: str, on: dt.date) -> Status:
        """The provision's status on ``on``."""
        term = self.term(provision)
        if term.removed:
            return Status.ENDED
        if term.never or term.start is None or on < term.start:
            return Status.NOT_STARTED
        if term.end is not None and term.end <= on:
            return Status.ENDED
        return Status.IN_FORCE

    def modified_by(self, provision: str, on: dt.date) -> tuple[str, ...]:
        """What ``provision`` rests on by a ``pg:Modifies`` edge that was in force and has
        ended by ``on`` (one never in force modifies nothing; one a later version replaced
        has ended only when its replacement has)."""
        modifies = self.m.ripple("Modifies")
        if provision not in modifies or not modifies.pred[provision]:
            return ()
        found = []
        for q in sorted(modifies.predecessors(provision)):
            other, _ = self._carried(q)  # a replaced provision lives on in its replacement
            if not other.never and other.end is not None and other.end <= on:
                found.append(q)
        return tuple(found)

    def describe(self, provision: str, on: dt.date, conditional: bool) -> ProvisionStatus:
        """The provision's status on ``on`` with the reason in words."""
        m = self.m
        p = m.provisions[provision]
        term = self.term(provision)
        status = self.status(provision, on)
        start = term.start if term.start not in (None, ALWAYS) and not term.never else None
        end = term.end - DAY if term.end is not None and not term.never else None
        modified = self.modified_by(provision, on) if status == Status.IN_FORCE else ()
        end_condition = None
        ended_by = None
        if term.removed:
            reason = "removed by this agreement: it belongs to the superseded terms only"
        elif term.never:
            reason = self._never_words(provision, term, on)
        elif status == Status.NOT_STARTED:
            reason = f"starts on {term.start}: {self._start_words(provision, term)}"
        elif status == Status.ENDED:
            ended_by = term.end_by or p.end
            reason = f"ended {self._end_words(provision, term)}; last day in force {end}"
        else:
            reason = f"in force {self._since_words(provision, term)}"
            ends = self._pending_end_words(provision, term, on)
            if ends:
                reason += f"; {ends}"
            if conditional and (pending := self._pending_end(provision, on)):
                end_condition = pending
            for q in modified:
                relation = m.ripple("Modifies").edges[q, provision]["relation"]
                reason += f"; {relation_words(relation)} {m.label(q)}, which has ended"
        return ProvisionStatus(
            provision=provision,
            label=p.label,
            kind=p.kind,
            agreement=p.agreement,
            status=status,
            conditional=conditional,
            reason=reason,
            quote=p.quote,
            start=start,
            end=end,
            end_condition=end_condition,
            ended_by=ended_by,
            path=term.path if term.end_by else term.start_path if term.never else (),
            modified_by=modified,
            interpretations=p.interpretations,
            sources=p.sources,
        )

    def ends_with(self, term: Term) -> str:
        """The provision a term ends with, when something it rests on ends it: the first of
        its chain (from the provision whose own term decided) that ends on the same day. One
        that another outlives, by surviving it for a while, is passed over: what rests on the
        survivor ends with the survivor, not with what it survived."""
        for q in term.path[:-1]:
            if self.term(q).end == term.end:
                return q
        return term.path[0] if term.path else term.end_by or ""

    def _rests(self, provision: str, on: str, named: str | None = None) -> str:
        """That ``provision`` rests on ``on`` (``named`` so), in words: "it depends on X"."""
        edges = self.m.ripple("Ends")
        relation = edges.edges[on, provision]["relation"] if edges.has_edge(on, provision) else ""
        return f"it {relation_words(relation) or 'rests on'} {named or self.m.label(on)}"

    def _start_words(self, provision: str, term: Term) -> str:
        p = self.m.provisions[provision]
        if term.start_by is not None:
            q = term.start_path[-2] if len(term.start_path) > 1 else term.start_by
            # one replaced before it came into force is seen as what replaced it
            named = self._carried_label(q) if self.term(q).never else None
            return f"{self._rests(provision, q, named)}, which starts then"
        if p.start:
            return self.fired_words(p.start)
        if p.date_assumed:
            return "the agreement's assumed date (it states none)"
        if p.published not in (None, p.agreement_date) or p.agreement in self.m.versioned:
            return "the day its version takes effect"
        return "the agreement's date"

    def _since_words(self, provision: str, term: Term) -> str:
        if term.start is ALWAYS:
            return "with the agreement"
        return f"since {term.start}: {self._start_words(provision, term)}"

    def _revision_words(self, provision: str, *, past: bool) -> str:
        """How a later version ends the provision, in words."""
        revision = self.m.revised[provision]
        by = self.m.provisions.get(revision.by)
        version = self.m.label(by.agreement) if by is not None else "a later version"
        how = (
            "repealed"
            if revision.change == "Removed"
            else f"replaced by {self.m.label(revision.by)}"
        )
        took = "took" if past else "takes"
        return f"as {version} {took} effect on {revision.on}: {how}"

    def _end_words(self, provision: str, term: Term) -> str:
        p = self.m.provisions[provision]
        if term.replaced_by is not None and term.end_by is None:
            return self._revision_words(provision, past=True)
        if term.end_by is not None and term.end_by == p.survives:
            period = p.survival_period.words() if p.survival_period else "its period"
            return f"{period} after {self.m.label(term.end_by)} ended"
        if term.end_by is None:
            return self.fired_words(p.end) if p.end else "?"
        q = term.path[-2] if len(term.path) > 1 else term.end_by
        root = self.ends_with(term)
        through = "" if q == root else f", which ended with {self.m.label(root)}"
        return f"because {self._rests(provision, q)}{through}" + (
            ", which ended" if not through else ""
        )

    def _pending_end_words(self, provision: str, term: Term, on: dt.date) -> str:
        """How the provision ends, in words, when it is in force on ``on``."""
        p = self.m.provisions[provision]
        parts = []
        if term.end_by is not None and term.end_by == p.survives and term.end is not None:
            parts.append(self._survival_words(provision, term))
        elif term.end_by is not None:
            q = term.path[-2] if len(term.path) > 1 else term.end_by
            root = self.ends_with(term)
            parts.append(
                f"ends with {self.m.label(root)} (last day in force {term.end - DAY}): "
                f"{self._rests(provision, q)}"
                if term.end is not None
                else f"ends with {self.m.label(root)}: {self._rests(provision, q)}"
            )
        elif term.replaced_by is not None:
            parts.append(f"ends {self._revision_words(provision, past=False)}")
        elif p.end:
            words = self.words(p.end)
            fires = self.fire(p.end).day
            if fires is None and words.startswith("never: "):
                parts.append(f"no end: {words.removeprefix('never: ')}")
            else:
                t = self.m.triggers.get(p.end)
                combined = t is not None and t.type in {"EarliestOf", "LatestOf"}
                last = (  # a combination's words give no day of their own
                    f" (last day in force {term.end - DAY})"
                    if combined and term.end is not None and term.end == fires
                    else ""
                )
                parts.append(f"ends {words}{last}")
        elif p.survives is not None and p.survival_period is None:
            parts.append(f"survives {self._carried_label(p.survives)}, with no end stated")
        elif p.survives is not None and p.survival_period is not None:  # what it survives runs on
            survived = self._carried_label(p.survives)
            parts.append(
                f"ends {p.survival_period.words()} after {survived} ends, which it does not "
                "in this scenario"
            )
        else:
            parts.append("no end stated")
        if p.survives is not None and p.survival_period is None and "survives" not in parts[0]:
            # in force after what it survives only because it survives it
            parts.append(f"it survives {self.m.label(p.survives)}")
        pending = [words for words in self.pending_ends(provision, on) if words not in parts[0]]
        if pending:
            parts.append("or earlier: it " + "; or it ".join(pending))
        return "; ".join(parts)

    def _survival_words(self, provision: str, term: Term) -> str:
        """How long a provision survives the one it survives, in words."""
        p = self.m.provisions[provision]
        period = p.survival_period.words() if p.survival_period else "indefinitely"
        last = term.end - DAY if term.end is not None else None
        survived = self._carried_label(p.survives or "")
        return f"survives {survived} by {period}: last day in force {last}"

    def _carried_label(self, provision: str, *, past: bool = False) -> str:
        """The provision's label, with the later version's provision that replaces it, if
        one does (what rests on it rests on that): "the term (as the amended term, which
        replaces it)" (``past``: "which replaced it")."""
        if provision not in self.m.provisions:
            return self.m.label(provision)
        _, chain = self._carried(provision)
        if not chain:
            return self.m.label(provision)
        replaces = "replaced" if past else "replaces"
        return f"{self.m.label(provision)} (as {self.m.label(chain[-1])}, which {replaces} it)"

    def _pending_end(self, provision: str, on: dt.date) -> str | None:
        """In words, what undated event could end the provision, in force on ``on``, sooner."""
        return "; or it ".join(self.pending_ends(provision, on)) or None

    def pending_ends(self, provision: str, on: dt.date) -> tuple[str, ...]:
        """The ways an undated event could end the provision, in force on ``on``, sooner,
        in words: its own end, or the end of what it rests on or survives for a period, as
        later versions carry it (once per provision and day)."""
        key = (provision, on)
        if key not in self._pending_ends:
            self._pending_ends[key] = self._find_pending_ends(provision, on)
        return self._pending_ends[key]

    def _find_pending_ends(self, provision: str, on: dt.date) -> tuple[str, ...]:
        """Its own end, if an undated event is inside it, and the first provision it rests
        on whose end, as later versions carry it after ``on``, is, with those events: "ends if
        the Term ends sooner, on an event this scenario does not date: notice of
        termination"."""
        p = self.m.provisions[provision]
        found = []
        if p.end and self._ends_pending(provision):
            words = self.words(p.end)
            if not words.startswith("never: "):  # an exercise that did not count, say
                found.append(f"ends {words}")
        ends = self.m.ripple("Ends")
        reach = self.m.sooner_units.unit_of
        q = self._first_ending_above(provision, on) if provision in reach else None
        if q is not None:
            survived = p.survives == q and not ends.has_edge(q, provision)
            directly = ends.has_edge(q, provision) or survived
            sooner = self._sooner_words(q, directly=directly, on=on, survived=survived)
            if sooner is not None:
                found.append(sooner)
        return tuple(found)

    def _sooner_words(
        self, q: str, *, directly: bool, on: dt.date, survived: bool = False
    ) -> str | None:
        """That what rests on ``q`` (``directly`` or through others; ``survived``: what
        survives it for a period) ends if an undated event ends ``q`` sooner, after ``on``,
        in words; ``None`` if no such event could (once per run and day)."""
        key = (q, directly, on, survived)
        if key not in self._sooner:
            causes: set[str] = set()
            for ender in self._enders(q, on):
                end = self.m.provisions[ender].end
                causes |= self.pending(end) & self.m.ending_events_in(end)  # not a cure
            events = " or ".join(sorted(self.m.label(e) for e in causes))
            rests = (
                ", which it survives," if survived else "" if directly else ", which it rests on,"
            )
            self._sooner[key] = (
                f"ends {'sooner ' if survived else ''}if {self._carried_label(q)}{rests} ends "
                "sooner, on an event this "
                f"scenario does not date: {events}"
                if causes
                else None
            )
        return self._sooner[key]

    def _enders(self, q: str, on: dt.date) -> tuple[str, ...]:
        """``q`` and the provisions of later versions that replace it (what rests on it
        rests on them: see :meth:`_carried`), each whose own end could still end it after
        ``on``: one only until the version replacing it takes effect, and only if it is ever
        in force."""
        _, chain = self._carried(q)
        carriers = (q, *chain)
        return tuple(
            c
            for c, after in zip(carriers, (*chain, None), strict=True)
            if not self.term(c).never and (after is None or self.m.revised[c].on > on)
        )

    def _ends_pending(self, provision: str) -> bool:
        """An undated event inside its own end could end the provision."""
        p = self.m.provisions.get(provision)
        return bool(p and p.end and self.pending(p.end))

    def _carried_ends_pending(self, provision: str, on: dt.date) -> bool:
        """An undated event could end the provision after ``on``, as later versions carry
        it (:meth:`_enders`)."""
        return any(self._ends_pending(c) for c in self._enders(provision, on))

    def _first_ending_above(self, provision: str, on: dt.date) -> str | None:
        """The first (by IRI) of the provisions ``provision`` rests on by ``pg:Ends`` edges
        or survives for a period, at any depth, whose end an undated event could bring after
        ``on``: from the units of the condensed graph, so each unit is looked at once per run
        and day."""
        units = self.m.sooner_units
        unit = units.unit_of[provision]
        found = [
            q for q in units.members[unit] if q != provision and self._carried_ends_pending(q, on)
        ]
        found += [q for u in units.before[unit] if (q := self._first_ending_in(u, on)) is not None]
        return min(found, default=None)

    def _first_ending_in(self, unit: int, on: dt.date) -> str | None:
        """The first (by IRI) provision of ``unit`` or of a unit it rests on, at any depth,
        whose end an undated event could bring after ``on``."""
        units, known = self.m.sooner_units, self._first_ending
        todo = [unit]
        while todo:
            current = todo[-1]
            if (current, on) in known:
                todo.pop()
                continue
            waiting = [u for u in units.before[current] if (u, on) not in known]
            if waiting:
                todo.extend(waiting)
                continue
            todo.pop()
            found = [q for q in units.members[current] if self._carried_ends_pending(q, on)]
            found += [q for u in units.before[current] if (q := known[u, on]) is not None]
            known[current, on] = min(found, default=None)
        return known[unit, on]

    def _never_words(self, provision: str, term: Term, on: dt.date) -> str:
        p = self.m.provisions[provision]
        if term.start is None and term.start_by is not None:
            q = term.start_path[-2] if len(term.start_path) > 1 else term.start_by
            return f"not in force: {self._rests(provision, q)}, which does not start here"
        bound, neither = "", False
        if term.end_by is not None and term.end is not None:
            q = term.path[-2] if len(term.path) > 1 else term.end_by
            was = "was" if term.end <= on else "is"
            neither = self._carried(q)[0].never  # it has no last day in force to name
            bound = (
                f"{self._rests(provision, q)}, which is never in force either"
                if neither
                else f"{self._rests(provision, q)}, whose last day in force {was} {term.end - DAY}"
            )
        if term.start is None:
            when = self.words(p.start) if p.start else "with the agreement"
            starts = (
                f"never starts: {when.removeprefix('never: ')}"
                if when.startswith("never: ")
                else f"starts {when}"
                + ("" if when.endswith("in this scenario") else " (not in this scenario)")
            )
            revision = self.m.revised.get(provision)
            if term.replaced_by is not None and revision is not None:  # and it never will now
                starts += f"; it ends {self._revision_words(provision, past=revision.on <= on)}"
            return f"{starts}; {bound}" if bound else starts
        if neither:
            return f"never comes into force: {bound}"
        if bound:
            said = f"never comes into force: {bound}, before it would start on {term.start}"
            return said + self._exercised_words(provision, term.start)
        revision = self.m.revised.get(provision)
        if revision is not None and revision.on == term.end:  # a later version came first
            how = self._revision_words(provision, past=revision.on <= on)
            return f"never comes into force: {how}, before it would start on {term.start}"
        ended = f" (its end comes on {term.end})" if term.end is not None else ""
        return f"never comes into force: its term ends{ended} before it would start on {term.start}"

    def _exercised_words(self, provision: str, day: dt.date | None) -> str:
        """That the provision was exercised on ``day``, the day it would have started, in
        words ("" if it was not): the exercise counted, judged without its own effect,
        though what it ended that day left the right never in force."""
        if day is None:
            return ""
        fired = [e for e in self.m.exercises_of.get(provision, ()) if self.fire(e).day == day]
        if not fired:
            return ""
        labels = " and ".join(self.m.label(e) for e in fired)
        return (
            f"; {labels} on {day} still counted: the right arose that day, and an exercise "
            "is judged without its own effect"
        )


def _candidates(m: Model, s: Scenario, provisions: Collection[str]) -> dict[str, set[str]]:
    """For each undated event, the provisions whose status it could change: those it
    reaches in the dependency graph (through what it requires, the triggers built from
    those, the terms they start or end, and everything resting on those), but for those it
    exercises (a right is in force on the day it is used, whatever its use ends)."""
    wanted = set(provisions)
    found: dict[str, set[str]] = {}
    for event in m.events:
        if event not in s.dates and event not in s.never and event not in s.blocked:
            reached = (m.reach(event) & wanted) - _used(m, event)
            if reached:
                found[event] = reached
    return found


def _used(m: Model, event: str) -> frozenset[str]:
    """The right ``event`` is the use of, where it exercises one alone (a notice that
    exercises two rights at once is no plain use of either)."""
    used = m.exercised_by.get(event, frozenset())
    return used if len(used) == 1 else frozenset()


def evaluate(
    m: Model,
    on: dt.date,
    s: Scenario,
    only: Collection[str] | None = None,
    *,
    conditional: bool = True,
    prefer: Iterable[str] = (),
) -> dict[str, ProvisionStatus]:
    """Every provision's status on ``on`` under ``s`` (see the module docstring).

    ``only`` limits the work to some provisions (it needs no more: what they rest on is
    evaluated as needed). ``conditional=False`` skips working out which statuses are
    conditional (they are all reported unconditional). ``prefer`` is passed to :class:`Run`.
    """
    with no_cycle_sweeps():
        return _evaluate(m, on, s, only, conditional=conditional, prefer=prefer)


def _evaluate(
    m: Model,
    on: dt.date,
    s: Scenario,
    only: Collection[str] | None,
    *,
    conditional: bool,
    prefer: Iterable[str],
) -> dict[str, ProvisionStatus]:
    wanted = sorted(m.provisions.keys() if only is None else set(only) & m.provisions.keys())
    prefer = tuple(prefer)

    def work(share: Sequence[Sequence[str]]) -> list[ProvisionStatus]:
        provisions = [iri for island in share for iri in island]
        return _statuses(m, on, s, provisions, conditional=conditional, prefer=prefer)

    if processes(len(wanted), LEAST) < 2:
        return {row.provision: row for row in work([wanted])}
    found = spread(
        work, islands(m, wanted), least=LEAST, weight=len, pack=packed,
        unpack=partial(unpacked, m),
    )  # fmt: skip
    by_iri = {row.provision: row for row in found}
    return {iri: by_iri[iri] for iri in wanted}


def contradictions(
    m: Model, s: Scenario, only: Collection[str] | None = None
) -> list[tuple[str, ...]]:
    """The exercises that contradict one another in scenario ``s``: each group of exercises
    on a cycle (:attr:`~pactgraph.model.Model.cyclic_groups`) whose notices ``s`` dates and
    for which no choice of which count holds, each counting only if another does not (one
    notice exercising a right that starts a second, whose exercise by the same notice ends
    the first). The answer then rests on a reading the terms do not support. With
    ``only``, the groups that exercise one of those provisions."""
    run = Run(m, s)
    for members in dict.fromkeys(m.cyclic_groups.values()):
        exercises = [t for t in members if m.triggers[t].type == "Exercise"]
        if only is not None and not any(m.triggers[e].exercises in only for e in exercises):
            continue
        if any(run.fire(m.triggers[e].trigger).day is not None for e in exercises):
            run._settle_group(exercises[0])
    return run.contradictions


def contradiction_notes(
    m: Model, s: Scenario, only: Collection[str] | None = None
) -> tuple[str, ...]:
    """Sentences naming the exercises that contradict one another in ``s``
    (:func:`contradictions`), and the provisions whose rows rest on them."""
    notes = []
    for group in contradictions(m, s, only):
        exercised = sorted({m.label(x) for t in group if (x := m.triggers[t].exercises)})
        notes.append(
            "no consistent reading of which of these exercises count: "
            + "; ".join(m.label(t) for t in group)
            + " (whichever are taken to count, one of them then counts, or not, against "
            "that choice), so the terms contradict themselves in this scenario; the rows of "
            + ", ".join(exercised)
            + " take one reading, the earliest exercises first, and may contradict one "
            "another: check the wording these exercises come from"
        )
    return tuple(notes)


def islands(m: Model, provisions: Collection[str]) -> list[list[str]]:
    """``provisions`` by island (:attr:`~pactgraph.model.Model.islands`), each in order:
    what a run works out for one island it works out the same whatever else it is asked."""
    found: dict[int, list[str]] = {}
    for iri in sorted(provisions):
        found.setdefault(m.islands[iri], []).append(iri)
    return list(found.values())


#: The fewest provisions worth a process of their own (a provision's status takes some
#: 0.1 ms to work out, a process some 50 ms to start and send).
LEAST = 2000

#: The fields of an answer about a provision that the provision itself holds: every process
#: has them already, so another process need not send them.
_OWN = ("label", "kind", "agreement", "quote", "interpretations", "sources")


def _worked(kind: type[Any]) -> tuple[str, ...]:
    """The fields of ``kind`` (an answer about a ``provision``) that a run works out."""
    return tuple(f.name for f in fields(kind) if f.name not in _OWN)


def packed(rows: Sequence[Any]) -> tuple[type[Any] | None, list[tuple[Any, ...]]]:
    """Answers about provisions (all of one kind) as another process sends them: the
    fields a run works out, without those the provision holds (see :func:`unpacked`)."""
    if not rows:
        return None, []
    kind = type(rows[0])
    names = _worked(kind)
    return kind, [tuple(getattr(row, name) for name in names) for row in rows]


def unpacked(m: Model, sent: object) -> list[Any]:
    """The answers :func:`packed` made, whole again with what the provisions hold."""
    kind: type[Any] | None
    rows: list[tuple[Any, ...]]
    kind, rows = sent  # type: ignore[misc]  # as packed() made it
    if kind is None:
        return []
    names = _worked(kind)
    own = [name for name in _OWN if name in {f.name for f in fields(kind)}]
    found = []
    for row in rows:
        worked = dict(zip(names, row, strict=True))
        p = m.provisions[worked["provision"]]
        found.append(kind(**worked, **{name: getattr(p, name) for name in own}))
    return found


def _statuses(
    m: Model,
    on: dt.date,
    s: Scenario,
    wanted: Sequence[str],
    *,
    conditional: bool,
    prefer: Iterable[str],
) -> list[ProvisionStatus]:
    """The statuses of ``wanted``, in order, from one run (and one per undated event that
    could change them, when ``conditional``)."""
    run = Run(m, s, prefer)
    uncertain: set[str] = set()
    if conditional:
        for event, provisions in _candidates(m, s, wanted).items():
            try:
                other = Run(m, extend(m, s, event, on), prefer)
            except UsageError:
                continue  # it cannot happen on that day: it requires an event dated later
            for provision in provisions - uncertain:
                if other.status(provision, on) != run.status(provision, on):
                    uncertain.add(provision)
    return [run.describe(iri, on, iri in uncertain) for iri in wanted]
