"""Plain-English questions, routed to the verb that answers them.

:data:`FORMS` is the table of the forms understood: each a name, the form as users write
it, a pattern, and the function that answers it. The router (:func:`ask`) and the
command's help (``pactgraph ask --help``) both read it. Case does not matter; dates are
written as :func:`pactgraph.parse.parse_date` reads them.

Names resolve as :mod:`pactgraph.resolve` describes. A question in no known form raises
:class:`~pactgraph.errors.UsageError` listing the forms.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .answers import Answer, Status
from .errors import UnknownNameError, UsageError
from .parse import DATE_PATTERN, parse_date, parse_events

if TYPE_CHECKING:
    from .load import Store

__all__ = ["FORMS", "Form", "ask"]


@dataclass(frozen=True)
class Options:
    """What every form passes on: the versions (``as_of``) and the evidence floor."""

    as_of: dt.date | None = None
    min_evidence: str | None = None

    def as_kwargs(self) -> dict[str, Any]:
        return {"as_of": self.as_of, "min_evidence": self.min_evidence}


@dataclass(frozen=True)
class Form:
    """One form of question: its name, how users write it, and what answers it."""

    name: str
    wording: str
    pattern: re.Pattern[str]
    answer: Callable[
        [Store, re.Match[str], Options], tuple[Any, tuple[str, ...], list[dict[str, Any]]]
    ]
    """The answer, the table's columns, and its rows."""


def _date(m: re.Match[str]) -> Any:
    return parse_date(m["date"]) if m["date"] else None


def _impact(
    store: Store, m: re.Match[str], options: Options
) -> tuple[Any, tuple[str, ...], list[dict[str, Any]]]:
    import datetime as dt

    from .impact import impact

    year = int(m["year"]) if m["year"] else None
    within = (dt.date(year, 1, 1), dt.date(year, 12, 31)) if year else None
    events = parse_events(m["never"]) if m["never"] else None
    answer = impact(
        store, m["event"], on=_date(m), within=within, events=events, **options.as_kwargs()
    )
    rows = [c.as_dict() for c in answer.changes]
    return answer, ("change", "cause", "label", "condition"), rows


def _in_force(
    store: Store, m: re.Match[str], options: Options
) -> tuple[Any, tuple[str, ...], list[dict[str, Any]]]:
    from dataclasses import replace

    from .state import state

    events = parse_events(m["scenario"]) if m["scenario"] else {}
    day = m["date"] or "today"
    answer = state(store, parse_date(day), events=events, **options.as_kwargs())
    if day.lower() in {"today", "now"}:
        said = "no date was given" if m["date"] is None else f"{day!r} was asked"
        answer = replace(answer, notes=(f"{said}: today, {answer.on}, is used", *answer.notes))
    rows = [p.as_dict() for p in answer.provisions if p.status == Status.IN_FORCE]
    return answer, ("label", "kind", "reason"), rows


def _holds(
    store: Store, m: re.Match[str], options: Options
) -> tuple[Any, tuple[str, ...], list[dict[str, Any]]]:
    from .lookup import holdings

    answer = holdings(store, m["party"], on=_date(m), **options.as_kwargs())
    columns = ("label", "kind", "reason") if answer.on else ("label", "kind")
    return answer, columns, [h.as_dict() for h in answer.provisions]


#: How a question words each stance.
_STANCE_WORDS = {
    "owe": "owes",
    "must": "owes",
    "owed": "is owed",
    "due": "is owed",
    "may not": "may not",
    "cannot": "may not",
    "can't": "may not",
    "must not": "may not",
    "not allowed to": "may not",
    "may": "may",
    "can": "may",
    "allowed to": "may",
}


def _stance(
    store: Store, m: re.Match[str], options: Options
) -> tuple[Any, tuple[str, ...], list[dict[str, Any]]]:
    from .lookup import positions

    verb = m["verb"] or m["verb2"] or m["verb3"]
    party = m["party"] or m["party2"] or m["party3"]
    day = m["date"] or m["date2"] or m["date3"]
    answer = positions(
        store,
        party,
        _STANCE_WORDS[verb],
        other=m["other"],
        on=parse_date(day) if day else None,
        **options.as_kwargs(),
    )
    columns = ("label", "kind", "reason") if answer.on else ("label", "kind")
    return answer, columns, [h.as_dict() for h in answer.provisions]


def _depends(
    store: Store, m: re.Match[str], options: Options
) -> tuple[Any, tuple[str, ...], list[dict[str, Any]]]:
    from .lookup import dependents

    answer = dependents(store, m["name"], **options.as_kwargs())
    return answer, ("label", "via"), [d.as_dict() for d in answer.dependents]


def _rests_on(
    store: Store, m: re.Match[str], options: Options
) -> tuple[Any, tuple[str, ...], list[dict[str, Any]]]:
    from .lookup import prerequisites

    answer = prerequisites(store, m["name"] or m["name2"] or m["name3"], **options.as_kwargs())
    return answer, ("label", "kind", "via"), [p.as_dict() for p in answer.prerequisites]


def _describe(
    store: Store, m: re.Match[str], options: Options
) -> tuple[Any, tuple[str, ...], list[dict[str, Any]]]:
    from .lookup import describe

    answer = describe(store, m["name"] or m["name2"])
    return answer, ("subject", "relation", "object"), [s.as_dict() for s in answer.statements]


def _excludes(
    store: Store, m: re.Match[str], options: Options
) -> tuple[Any, tuple[str, ...], list[dict[str, Any]]]:
    from .lookup import excluding

    answer = excluding(store, m["category"] or m["category2"] or m["category3"])
    rows = [{**e.as_dict(), "how": "; ".join(e.how)} for e in answer.provisions]
    return answer, ("label", "kind", "how"), rows


def _covers(
    store: Store, m: re.Match[str], options: Options
) -> tuple[Any, tuple[str, ...], list[dict[str, Any]]]:
    from .lookup import covering, lifetime
    from .model import model

    if m["category"] is None:  # "which provisions cover ...": every kind, the kind shown
        answer = covering(store, m["all"] or m["all2"])
        rows = [c.as_dict() for c in answer.provisions]
        return answer, ("label", "kind", "holders", "via"), rows
    answer = covering(store, m["category"], kinds=("Right", "Exclusivity"))
    known = model(store, options.as_of, options.min_evidence).provisions
    rows = []
    for c in answer.provisions:
        if c.provision not in known:
            continue  # in a version published later, or resting on weaker sources
        term = lifetime(store, c.provision, as_of=options.as_of)
        rows.append({**c.as_dict(), "term": f"starts {term.starts}; ends {term.ends}"})
    return answer, ("holders", "label", "kind", "via", "term"), rows


def _changed(
    store: Store, m: re.Match[str], options: Options
) -> tuple[Any, tuple[str, ...], list[dict[str, Any]]]:
    from .lookup import changes
    from .resolve import label_of

    versions = None
    if m["noun"] in ("amendment", "version") or m["year"]:
        versions = _amending(store, m["year"], m["noun"] == "amendment")
    answer = changes(store, about=m["about"] or m["about2"] or m["about3"], versions=versions)
    rows = [{**c.as_dict(), "version": label_of(store, c.agreement)} for c in answer.changes]
    versions = {c.agreement for c in answer.changes}
    columns = ("version", "change", "label") if len(versions) > 1 else ("change", "label")
    return answer, columns, rows


def _amending(store: Store, year: str | None, amendment: bool) -> set[str]:
    """The versions "the amendment" (those that amend another) or "the 2026 agreement" (of
    that year) names; the latest when several fit."""
    from .errors import UnknownNameError
    from .query import select

    rows = select(store, "agreements")
    fits = [
        r
        for r in rows
        if (not amendment or r.get("previousVersion"))
        and (year is None or str(r.get("date", ""))[:4] == year)
    ]
    if not fits:
        what = "amends another" if amendment else f"is dated {year}"
        names = ", ".join(str(r.get("label") or r["agreement"]) for r in rows)
        raise UnknownNameError(f"no version here {what}; the versions are: {names}")
    latest = max(fits, key=lambda r: str(r.get("date", "")))
    return {str(latest["agreement"])}


def _reported(
    store: Store, m: re.Match[str], options: Options
) -> tuple[Any, tuple[str, ...], list[dict[str, Any]]]:
    from .lookup import claims

    answer = claims(store, m["about"])
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


def _lifetime(
    store: Store, m: re.Match[str], options: Options
) -> tuple[Any, tuple[str, ...], list[dict[str, Any]]]:
    from .lookup import lifetime

    answer = lifetime(store, m["name"], as_of=options.as_of)
    return answer, ("label", "start", "end", "starts", "ends"), [answer.as_dict()]


def _is_in_force(
    store: Store, m: re.Match[str], options: Options
) -> tuple[Any, tuple[str, ...], list[dict[str, Any]]]:
    import datetime as dt

    from .lookup import in_force

    if m["year"]:
        on = dt.date(int(m["year"]) + 1, 1, 1)  # "after 2030": from the first day of 2031
    else:
        on = parse_date(m["date"]) if m["date"] else dt.date.today()
    answer = in_force(store, m["name"], on, as_of=options.as_of)
    return answer, ("answer", "label", "on", "reason"), [answer.as_dict()]


def _on_day(
    store: Store, m: re.Match[str], options: Options
) -> tuple[Any, tuple[str, ...], list[dict[str, Any]]]:
    from .lookup import changes_on

    answer = changes_on(store, parse_date(m["date"]), as_of=options.as_of)
    return answer, ("change", "label", "reason"), [c.as_dict() for c in answer.changes]


#: The forms of question :func:`ask` understands, in the order they are tried.
FORMS: tuple[Form, ...] = (
    Form(
        "lifetime",
        "when does NAME start / end?",
        re.compile(
            r"^when (?:does|do|will) (?:the )?(?P<name>.+?) "
            r"(?:start|begin|end|expire|stop|run out|terminate)$"
        ),
        _lifetime,
    ),
    Form(
        "in force",
        "is NAME [still] in force [on DATE | today | after YEAR]?",
        re.compile(
            r"^(?:is|are) (?:the )?(?P<name>.+?) (?:still )?in force"
            rf"(?: (?:on (?P<date>{DATE_PATTERN})|(?P<today>today)|after (?P<year>\d{{4}})))?$"
        ),
        _is_in_force,
    ),
    Form(
        "on day",
        "what changes on DATE?",
        re.compile(rf"^what (?:changes|happens|starts|ends|begins) on (?P<date>{DATE_PATTERN})$"),
        _on_day,
    ),
    Form(
        "impact",
        "what changes when EVENT [on DATE | in YEAR] [but never EVENT]?",
        re.compile(
            r"^what (?:changes|happens|would change|will change|changes?) (?:when|if|once) "
            rf"(?P<event>.+?)(?: on (?P<date>{DATE_PATTERN})| in (?P<year>\d{{4}}))?"
            r"(?:,? (?:but|and|if|while) (?P<never>.*\bnever\b.*))?$"
        ),
        _impact,
    ),
    Form(
        "state",
        "what is in force [on DATE | today | now] [if EVENT on DATE [and EVENT on DATE]]?",
        re.compile(
            r"^(?:what is|what's|what are|which provisions are) (?:still )?in force"
            rf"(?: (?:on |at |by )?(?P<date>{DATE_PATTERN}))?"
            r"(?:,? (?:if|when|with) (?P<scenario>.+))?$"
        ),
        _in_force,
    ),
    Form(
        "holds",
        "what does PARTY [still] hold [on DATE]?",
        re.compile(
            r"^what (?:does|do|will) (?P<party>.+?) (?:still )?(?:hold|have)"
            rf"(?: on (?P<date>{DATE_PATTERN}))?$"
        ),
        _holds,
    ),
    Form(
        "stance",
        "what does PARTY owe / what may, may not, must PARTY do / what is PARTY owed [on DATE]?",
        re.compile(
            r"^what (?:does|do|will) (?P<party>.+?) (?:still )?(?P<verb>owe)(?: (?:to )?"
            rf"(?P<other>.+?))??(?: on (?P<date>{DATE_PATTERN}))?$"
            r"|^what (?P<verb2>may not|cannot|can't|must not|may|can|must) (?P<party2>.+?) "
            r"(?:still )?do(?: on (?P<date2>" + DATE_PATTERN + r"))?$"
            r"|^what (?:is|are) (?P<party3>.+?) (?P<verb3>owed|due|not allowed to|allowed to)"
            r"(?: do)?(?: on (?P<date3>" + DATE_PATTERN + r"))?$"
        ),
        _stance,
    ),
    Form(
        "depends",
        "what depends on NAME?",
        re.compile(r"^what (?:depends|rests) on (?P<name>.+)$"),
        _depends,
    ),
    Form(
        "rests on",
        "what does NAME rest on / depend on [what must happen before NAME ends]",
        re.compile(
            r"^what (?:does|do|will) (?:the )?(?P<name>.+?) "
            r"(?:rest|depend|rely|hinge|turn) (?:up)?on$"
            r"|^what (?:are|is) (?:the )?(?:prerequisites|preconditions|dependencies|conditions)"
            r" (?:of|for) (?:the )?(?P<name2>.+)$"
            r"|^what must happen (?:before|for) (?:the )?(?P<name3>.+?) (?:to )?"
            r"(?:ends?|starts?|begins?|expires?)$"
        ),
        _rests_on,
    ),
    Form(
        "changes",
        "what did the [YEAR] agreement / amendment change [from the terms before] [about TOPIC]?",
        re.compile(
            r"^what (?:did|does|has) (?:this|the|that) (?:latest |last |new )?"
            r"(?:(?:\w+ )?(?P<year>\d{4}) )?(?P<noun>agreement|deal|contract|amendment|version)"
            r" change(?:d)?(?: from .+?)?(?: (?:about|regarding|concerning|for) (?P<about>.+))?$"
            r"|^what (?:has )?changed(?: from .+?)?(?: (?:about|regarding|concerning|for)"
            r" (?P<about2>.+))?$"
            r"|^what is new(?: (?:about|regarding|concerning|for) (?P<about3>.+))?$"
        ),
        _changed,
    ),
    Form(
        "reported",
        "what is reported [about NAME]? (claims the agreements do not state)",
        re.compile(
            r"^(?:what (?:is|has been|was) reported|what do (?:the )?reports say"
            r"|(?:which|what) (?:reported )?claims are there)(?: (?:about|on) (?P<about>.+))?$"
        ),
        _reported,
    ),
    Form(
        "excludes",
        "which provisions exclude CATEGORY? / where is CATEGORY carved out?",
        re.compile(
            r"^(?:which|what) (?:provisions?|rights?|terms?|clauses?) (?:exclude|excludes|"
            r"leave out|carve out) (?P<category>.+)$|^what (?:excludes|carves out) "
            r"(?P<category2>.+)$|^(?:where|how) is (?P<category3>.+?) (?:excluded|carved out)$"
        ),
        _excludes,
    ),
    Form(
        "covers",
        "who holds rights to CATEGORY? / which rights (with their terms) or provisions "
        "cover CATEGORY?",
        re.compile(
            r"^(?:who holds (?:the )?rights? (?:to|over|in)"
            r"|(?:which|what) rights (?:cover|apply to)|what rights? covers?) (?P<category>.+)$"
            r"|^(?:which|what) (?:provisions?|terms?|clauses?) (?:cover|covers|apply to|are about)"
            r" (?P<all>.+)$|^what covers (?P<all2>.+)$"
        ),
        _covers,
    ),
    Form(
        "describe",
        "what is NAME? / who is PARTY?",
        re.compile(
            r"^(?:what|who)(?: is| are| was| were|'s|\u2019s) (?:the |a |an )?(?P<name>.+)$"
            r"|^(?:tell me about|describe|define) (?:the |a |an )?(?P<name2>.+)$"
        ),
        _describe,
    ),
)


def ask(
    store: Store,
    question: str,
    *,
    as_of: dt.date | None = None,
    min_evidence: str | None = None,
) -> Answer:
    """Answer a plain-English ``question`` in one of the :data:`FORMS`.

    Parameters
    ----------
    store
        The loaded agreements.
    question
        The question, in one of the forms (case and a closing ``?`` do not matter).
    as_of
        Answer from the versions published on or before this day (default: all known).
    min_evidence
        Leave out what rests only on sources weaker than this kind of evidence.

    Returns
    -------
    Answer
        The form it was read as, the typed answer of the verb that form routes to, and
        the rows and columns a table shows.

    Raises
    ------
    UsageError
        The question is in no known form (the message lists them), or names a date badly.
    UnknownNameError
        A name in it matches nothing, or several things.

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
    """
    text = re.sub(r"\s+", " ", question.strip()).rstrip("?. ").lower()
    for form in FORMS:
        match = form.pattern.match(text)
        if match:
            try:
                answer, columns, rows = form.answer(store, match, Options(as_of, min_evidence))
            except UnknownNameError as error:
                if form is not FORMS[-1]:
                    raise
                # "what is ..." reads almost anything: say what else could be asked
                raise UnknownNameError(
                    f"{error}; or ask one of: " + " | ".join(f.wording for f in FORMS[:-1]),
                    error.candidates,
                ) from None
            return Answer(question, form.name, answer, columns, tuple(rows))
    raise UsageError(
        f"cannot read {question!r} as a question; ask one of: "
        + " | ".join(f.wording for f in FORMS)
    )
