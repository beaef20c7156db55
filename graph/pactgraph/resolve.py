"""Resolve what a user types ("notice given", "notice-given", "Tenant") to an IRI.

A name matches a node by, in order of preference:

1. its full IRI, or a prefixed name with one of our prefixes;
2. its local name (the IRI after the last ``/`` or ``#``), case-insensitively;
3. one of its labels (``rdfs:label``, ``skos:prefLabel``, ``skos:altLabel``),
   case-insensitively;
4. one of its labels or its local name, compared as words: case, punctuation and a few
   filler words ("is", "the", "by", "for"…) do not count, word endings are folded, so
   "notice is given" matches "notice given" and "notices given" matches too, and a number
   is one word however it is written ("50%", "fifty percent (50%)", "$10 million");
5. for an event, its label's words with words naming its actor (``pg:actor``), the way a
   text names it: "the expert panel verifies AGI" is "AGI verified" done by the panel;
6. all the name's words among one label's or the local name's words;
7. all the name's words among the words of all its labels and its local name together,
   words naming a provision's kind ("right", "obligation", "covenant", "clause") aside;
8. for an event, a name that shares a word with the label and one with the actor's names
   and has no other ("the panel verifies");
9. for an event, the name with the party it names by another of its names, or as "a party"
   (and a second party it names as "the other"): see :func:`resolve`;
10. for an event, all the name's words but its light verbs among all its names' words:
    "Acme declares bankruptcy" is "Acme insolvent or bankrupt", "the parties sign an
    addendum" is "the parties enter into an addendum" (what is left must name more than a
    party);
11. for an event a name says one party gives ("Licensor gives notice of termination"), the
    events whose actor (``pg:actor``) that party is, or whose label names the notice as
    that party's ("the Distributor's written notice terminating the Agreement … is
    received"), and whose label holds the rest of the name, however it words who receives
    it ("Licensee receives Licensor's notice terminating the Agreement"); a second party
    named is part of the rest ("the Distributor gives notice of termination for Company's
    uncorrected failure"); for one it says a party receives, the events whose label gives to
    that party ("the Offeree gives Licensee the Offering Notice");
12. for an event whose label names no party ("a party receives the other's notice of
    non-renewal"), the name's words but its light verbs and its verbs of giving or
    receiving, with the party it names as "a party"; for one whose label names a party by
    its role ("the non-performing party resumes performance"), the name's words with the
    party it names as "a party" ("Emerson resumes performance"); and for one whose label
    names no one and that has no actor ("written notice of termination … is posted"), the
    name's words but the parties it names.

A provision named with a word for its kind ("the confidentiality obligation") matches one
named by the other words alone, after rule 4; one named with a party's possessive
("Company's right to terminate", "Company's obligation to process orders") is, of several,
one the party holds (a right or an exclusivity) or is bound by (an obligation or a
restriction); and one named with a party's other name ("i3 ICS's right to use the Marks")
is found as rule 9 finds events; of several, one named with a party as its subject is the
one whose label begins with that party ("OpenAI paying Microsoft a revenue share"). An event
whose actor is a party other than the one a name
begins with as its subject is not that party's act, at rules 4 to 9 ("MORPHO gives notice
of termination" is not "XIMAGE gives MORPHO written notice terminating its rights", whose
actor is XIMAGE); and one a name finds naming the party, with words the name does not say,
gives way to the one event whose label names the party by a role and holds fewer such words
("Corio gives notice of a material breach" is "the non-breaching party gives written notice
of a material breach", not "Corio gives written notice of Commerce One's repeated and
material breach of its support obligations"). A label's words that say what is not so
("(other than non-payment)") do not count at rules 10 to 12; and at rules 5 and 8, a label
that names a party the name does not is not that party's act ("Licensor receives notice" is
not "Licensee receives notice", though the Licensee sends it). An event a scenario names
ambiguously is settled by the other events it names (:func:`pactgraph.scenario.scenario`).

Where several nodes match at one rule, a trigger that is another's moment ("end of the
initial term") gives way unless the name speaks of a moment, and then those whose label
holds the name's words in the name's order are preferred, then side by side, then closest
together. Events that a name's parties fit either way ("Bravatek cures the breach" names
the Company in "Company cures the breach described in Reseller's notice" and in "Reseller
cures the breach described in Company's notice") are settled by naming each party as the
labels do ("Company cures the breach"), both parties where the name names two.

The first rule that matches exactly one node wins. A name that matches several nodes at
its best rule, or none, raises :class:`~pactgraph.errors.UnknownNameError` with the closest
candidates. The names come from the ``names`` query, so only what the graph holds is found.
"""

from __future__ import annotations

import collections
import difflib
import functools
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .errors import UnknownNameError
from .namespaces import PREFIXES, local_name
from .query import select

if TYPE_CHECKING:
    from .load import Store

__all__ = ["KINDS", "Named", "label_of", "labels", "names", "resolve", "words"]

#: The kinds of thing a name can stand for.
KINDS = ("agreement", "party", "provision", "event", "trigger", "concept")

_FILLER = frozenset(
    {
        *[
            "a",
            "an",
            "the",
            "is",
            "are",
            "was",
            "were",
            "be",
            "been",
            "being",
            "of",
            "by",
            "to",
            "on",
            "at",
            "when",
            "if",
            "and",
            "or",
            "its",
            "it",
            "for",
            "this",
        ],
        *["happen", "happens", "happened", "has", "have", "s"],
        *["occur", "occurs", "occurred", "occurring"],
        # a period's first day, however it is introduced ("commencing July 1, 2018")
        *["from", "commencing", "starting"],
        # how an act is done, as "by", "on": "terminates with notice" ("without" counts);
        # what it is about, as "of": "tells Reseller about changes"
        "with",
        "about",
        # "more than the MDQ" is what "exceeds the MDQ" says
        "than",
    }
)
_SUFFIXES = (
    "ications", "ication", "ations", "ation", "ities", "ity", "ments", "ment", "ships", "ship",
    "ings", "ing",
    "ies", "ied", "es", "ed", "s", "ion", "y", "e",
)  # fmt: skip


#: Participles and past forms no suffix rule folds, as their plain verb.
_IRREGULAR = {
    "given": "give", "gave": "give", "written": "write", "wrote": "write", "taken": "take",
    "took": "take", "made": "make", "paid": "pay", "held": "hold", "sold": "sell",
    "chosen": "choose", "chose": "choose", "begun": "begin", "began": "begin",
    "broken": "break", "broke": "break", "known": "know", "knew": "know", "done": "do",
    "did": "do", "sent": "send", "met": "meet", "won": "win", "lost": "lose",
    "left": "leave", "bought": "buy", "brought": "bring",
    # nouns of verbs no suffix rule folds
    "approval": "approve", "approvals": "approve", "remittance": "remit",
    "remittances": "remit", "maintenance": "maintain", "disposal": "dispose",
    "renewal": "renew", "renewals": "renew",
    # British and American spellings, one family each
    "licence": "license", "licences": "licenses", "licenced": "licensed",
    "licencing": "licensing", "defence": "defense", "offence": "offense",
    "favour": "favor", "favoured": "favored", "honour": "honor", "labour": "labor",
    "cancelled": "canceled", "cancelling": "canceling", "organisation": "organization",
    "authorise": "authorize", "authorised": "authorized",
    # words whose families a suffix alone does not join
    "termination": "terminate", "terminations": "terminate", "terminating": "terminate",
    "cancellation": "cancel", "cancellations": "cancel",
    "bankruptcy": "bankrupt", "bankruptcies": "bankrupt", "insolvency": "insolvent",
    "nonpayment": "unpaid", "unpaid": "unpaid",
    "death": "die", "dies": "die", "died": "die", "dying": "die",
    # "six months following a termination" is "six months after termination"
    "following": "after",
    # "keeps products liability insurance" is "maintains" it
    "keep": "maintain", "keeps": "maintain", "kept": "maintain", "keeping": "maintain",
    "maintains": "maintain", "maintained": "maintain", "maintaining": "maintain",
    # a party that gets a notice or a demand receives it
    "get": "receive", "gets": "receive", "got": "receive", "gotten": "receive",
    "getting": "receive", "receives": "receive", "received": "receive",
    "receiving": "receive",
    # putting a breach or a failure right: "fixes it" is "corrects the failure", "cures"
    "fix": "cure", "fixes": "cure", "fixed": "cure", "fixing": "cure", "correct": "cure",
    "corrects": "cure", "corrected": "cure", "correcting": "cure", "remedied": "cure",
    "remedying": "cure",
    # "more than the MDQ" is "exceeds the MDQ"
    "exceed": "more", "exceeds": "more", "exceeded": "more", "exceeding": "more",
    # "tells Reseller about changes" is "notifies Reseller of changes"
    "tell": "notify", "tells": "notify", "told": "notify", "telling": "notify",
    "inform": "notify", "informs": "notify", "informed": "notify", "informing": "notify",
    # "keeps it secret" is "keeps it in confidence", "confidential"
    "secret": "confidential", "secrets": "confidential", "secrecy": "confidential",
    "confidence": "confidential", "confidentiality": "confidential",
    # one act, three words: "a force majeure starts" is "a force majeure begins"
    "start": "begin", "starts": "begin", "started": "begin", "starting": "begin",
    "begins": "begin", "beginning": "begin", "commence": "begin", "commences": "begin",
    "commenced": "begin", "commencement": "begin",
}  # fmt: skip


def tokens(text: str) -> list[str]:
    """The words of ``text``, lower case; "non-exclusive" is one word, not "exclusive", and
    a number or an amount is one number however it is written ("$10,000,000", "$10
    million"; "fifty percent (50%)", "50 per cent", "50%")."""
    text = _THOUSANDS.sub("", _NON.sub("non", text.lower()))
    text = _PERCENT.sub(" percent", text)
    text = _UN.sub(lambda m: f"failed to {_UNDONE[m['word']]}", text)
    text = _NOT_DONE.sub(r"failed to \g<word>", text)  # "not cured" as "uncured"
    text = _TAKE_PLACE.sub("happens", text)  # "deliveries take place" as they happen
    text = _EMAIL.sub("electronic mail", text)  # "by e-mail" as "by electronic mail"
    text = _LATE.sub("failed to make timely payment", text)  # "late payment", "pays late"
    text = _ONE.sub("1", _NUMBER_WORDS.sub(_number_of_words, text))
    text = _REPEATED.sub(r"\g<number>", text)
    text = _SCALED.sub(lambda m: _scaled(m["number"], m["scale"]), text)
    return re.findall(r"[a-z0-9]+", text)


#: A payment made late, as contracts word it: a failure to make timely payment.
_LATE = re.compile(r"\blate payments?\b|\bpay(?:s|ing)? late\b|\bpaid late\b")

#: E-mail, however written: "electronic mail".
_EMAIL = re.compile(r"\be-?mail(?:s|ed|ing)?\b")

#: An event said to take place: it happens ("initial deliveries take place on …").
_TAKE_PLACE = re.compile(r"\b(?:takes?|took|taken|taking) place\b")

#: A breach or a default left as it was, in one word: "uncured" is "failed to cure".
_UNDONE = {"uncured": "cure", "unremedied": "remedy", "uncorrected": "correct"}
_UN = re.compile(rf"\b(?P<word>{'|'.join(_UNDONE)})\b")
_NOT_DONE = re.compile(r"\bnot (?P<word>cured|remedied|corrected)\b")

#: A per cent sign or two words for it ("50%", "50 per cent").
_PERCENT = re.compile(r"\s*%|\s+per\s+cent\b")

_UNITS = [
    "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
    "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen",
]  # fmt: skip
_TENS = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
_VALUES = {
    **{word: value for value, word in enumerate(_UNITS, start=2)},
    **{word: 10 * value for value, word in enumerate(_TENS, start=2)},
}

#: A number written in words, from two to ninety-nine ("thirty", "twenty-five"); "one" is
#: left a word, as it is also a pronoun ("the one"), unless "(1)" follows it.
_NUMBER_WORDS = re.compile(
    rf"\b(?P<tens>{'|'.join(_TENS)})(?:[- ](?P<unit>{'|'.join(_UNITS[:8])}|one))?\b"
    r"(?![- ](?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth)\b)"
    rf"|\b(?P<word>{'|'.join(_UNITS)})\b"
)

#: A number followed by itself in digits, as texts write them ("30 (30)", once the words
#: are digits).
_REPEATED = re.compile(r"\b(?P<number>\d+(?: percent)?) \((?P=number)\)")

#: "one" before "(1)", a number.
_ONE = re.compile(r"\bone(?= \(1\))")


def _number_of_words(match: re.Match[str]) -> str:
    """The digits of a number written in words: "twenty-five" → "25"."""
    if match["word"]:
        return str(_VALUES[match["word"]])
    unit = match["unit"]
    return str(_VALUES[match["tens"]] + (1 if unit == "one" else _VALUES[unit] if unit else 0))


#: A comma between the thousands of a number ("10,000,000").
_THOUSANDS = re.compile(r"(?<=\d),(?=\d{3}\b)")

#: A number with a scale word ("10 million", "2.5 billion").
_SCALED = re.compile(r"\b(?P<number>\d+(?:\.\d+)?) (?P<scale>thousand|million|billion)\b")


def _scaled(number: str, scale: str) -> str:
    """``number`` ``scale`` as digits: "10", "million" → "10000000"."""
    factor = {"thousand": 10**3, "million": 10**6, "billion": 10**9}[scale]
    value = round(float(number) * factor)
    return str(value)


#: "non-" before a word, which makes one word of the two.
_NON = re.compile(r"\bnon[- ](?=[a-z])")


def _sequence(text: str) -> list[str]:
    """The words of a name that count, folded, in their order."""
    return [_stem(t) for t in tokens(text) if t not in _FILLER]


def in_order(name: str, label: str) -> bool:
    """Whether ``label`` holds the words of ``name`` that count in the order ``name`` gives
    them ("soliciting employees" in "shall not solicit or recruit employees", not in "hire
    employees reached by a general solicitation")."""
    rest = iter(_sequence(label))
    return all(word in rest for word in _sequence(name))


def _in_order(
    text: str, matches: list[Named], *, general: bool = False, fewest: bool = True
) -> list[Named]:
    """Of several nodes a name matches as well, those it names best.

    A trigger that is the moment of something else ("end of the six-month initial term")
    gives way to that something ("the six-month initial term") unless the name speaks of a
    moment ("end", "expiry", "start"…); likewise, of events, a notice gives way to the act it
    is a notice of, unless the name speaks of a notice ("goes bankrupt" is the bankruptcy,
    not the notice of termination upon it). Then those with a label holding the name's
    words in the order it gives them ("eGain consents to an assignment by Customer" is not
    "Customer consents to an assignment by eGain"), and of those, with them side by side
    ("the non-exclusive licence" over "its licence is now non-exclusive"), and then with them
    closest together ("remedies the violation" over "remedies the notice or quality
    violation"); of those not holding them in order, the one with the fewest words (with
    ``fewest``). With ``general``, words naming a provision's kind are left out of the
    name's order."""
    if any(n.kind == "trigger" for n in matches) and not words(text) & _MOMENTS:
        others = [n for n in matches if n.kind != "trigger"]
        if others:
            matches = others
            if len(matches) == 1:
                return matches
    if not words(text) & _NOTICES and all(n.kind == "event" for n in matches):
        # "goes bankrupt": the bankruptcy, not a notice of it
        others = [n for n in matches if not any(words(lb) & _NOTICES for lb in n.labels)]
        if others and len(others) < len(matches):
            matches = others
            if len(matches) == 1:
                return matches
    wanted = [w for w in _sequence(text) if not general or w not in _GENERAL]
    wanted = wanted or _sequence(text)

    def fits(label: str) -> tuple[bool, bool, int]:
        held = _sequence(label)
        rest = iter(held)
        ordered = all(word in rest for word in wanted)
        side_by_side = any(
            held[i : i + len(wanted)] == wanted for i in range(len(held) - len(wanted) + 1)
        )
        # of those in order, the closest together; of the others, the fewest words
        return (
            ordered,
            ordered and side_by_side,
            -_span(held, wanted) if ordered else -len(held) if fewest else 0,
        )

    scored = [(max(fits(lb) for lb in (*n.labels, n.local.replace("-", " "))), n) for n in matches]
    best = max(score for score, _ in scored)
    return [n for score, n in scored if score == best]


def _span(held: list[str], wanted: list[str]) -> int:
    """The fewest words of ``held`` that hold ``wanted`` in its order ("remedies the
    violation" spans fewer words of "remedies the violation" than of "remedies the notice or
    quality violation")."""
    best = len(held) + 1
    for start, word in enumerate(held):
        if not wanted or word != wanted[0]:
            continue
        rest, at = iter(enumerate(held[start:], start)), start
        for w in wanted:
            at = next((i for i, h in rest if h == w), -1)
            if at < 0:
                break
        if at >= 0:
            best = min(best, at - start + 1)
    return best


#: A verb in "-ate" whose noun is in "-ation", with a stem long enough not to join words that
#: only look alike ("participate", "negotiated", "calculating"; not "activate", "separate").
_ATE_VERB = re.compile(r"(?P<stem>\w{6,})at(?:e|es|ed|ing)")


def _stem(word: str) -> str:
    """A crude stem: "verified", "verifies", "verify" and "verification" all give "verif";
    "exclusivity" and "exclusive" give "exclusiv", "payment" and "pay" give "pay",
    "given", "gives" and "give" give "giv", "terminate" and "termination" "termin", and
    "cancelling" and "cancellation" "cancel"."""
    word = _IRREGULAR.get(word, word)
    if verb := _ATE_VERB.fullmatch(word):  # "participates" as "participation"
        word = verb["stem"]
    else:
        for suffix in _SUFFIXES:
            if suffix == "s" and word.endswith("ss"):
                continue  # "process", "access": no plural to fold ("processes" is, as "es")
            if word.endswith(suffix) and len(word) - len(suffix) >= 3:
                word = word[: -len(suffix)]
                break
    if word[-1:] in {"i", "y", "e"} and len(word) > 4:
        word = word[:-1]
    return word


@functools.lru_cache(maxsize=1 << 16)
def words(text: str) -> frozenset[str]:
    """The words of a name that count, folded (remembered for the labels seen most).

    >>> sorted(words("the licence is verified")) == sorted(words("verification of the licence"))
    True
    """
    return frozenset(_stem(t) for t in tokens(text) if t not in _FILLER)


#: Words of a notice: a name that says none names the act, not a notice of it.
_NOTICES = words("notice notify notification demand")


def singular(text: str) -> str:
    """``text`` with each plural word made singular, crudely ("restrictions", "parties"):
    :func:`words` folds a plural to another family than its singular."""

    def one(m: re.Match[str]) -> str:
        word = m[0].lower()
        if word in _NOT_PLURAL:
            return word
        if word.endswith("ies") and len(word) > 4:
            return word[:-3] + "y"
        if word.endswith("s") and not word.endswith(("ss", "us", "is")) and len(word) > 3:
            return word[:-1]
        return word

    return re.sub(r"[A-Za-z]+", one, text)


#: Words ending in s that are not plurals of another.
_NOT_PLURAL = frozenset(
    [
        "series",
        "species",
        "news",
        "means",
        "does",
        "goes",
        "has",
        "was",
        "always",
        "perhaps",
        "thus",
        "whereas",
        "lens",
        "gas",
        "physics",
        "economics",
        "damages",
    ]
)


#: Words that name a moment: a trigger's label holds one ("end of the initial term").
_MOMENTS = words("end expiry expire close start begin beginning commencement lapse")

#: Words that name a provision's kind rather than the provision ("the final payment
#: obligation", "OpenAI's right to release open weight models"): a name's other words can
#: find it.
_GENERAL = words(
    "right rights obligation obligations clause clauses provision provisions duty covenant "
    "covenants undertaking restriction restrictions"
)

#: Verbs of giving a notice, either way: left out, as light verbs are, only for an event whose
#: label names no party ("a party receives the other's notice").
_GIVING = words(
    "give gives gave given receive receives received deliver delivers delivered send sends "
    "sent provide provides provided serve serves served mail mails mailed"
)

#: Verbs of receiving a notice.
_RECEIVING = words("receive receives received")


def _role_nouns(roles: tuple[str, ...]) -> str:
    """A pattern for each of the nouns ``roles`` a party is called by, singular or plural."""
    return "|".join("part(?:y|ies)" if r == "party" else rf"{re.escape(r)}s?" for r in roles)


@functools.lru_cache(maxsize=64)
def _generic(roles: tuple[str, ...]) -> re.Pattern[str]:
    """Words naming any party, or the other one, in an event's label, by each of the nouns
    ``roles`` the agreements call a party by ("a party", "the other Member")."""
    nouns = _role_nouns(roles)
    return re.compile(
        rf"\b(?:a|either|each|any|the other|the [\w-]+) (?:{nouns})\b|\bthe other\b", re.I
    )


@functools.lru_cache(maxsize=64)
def _by_role(roles: tuple[str, ...]) -> re.Pattern[str]:
    """Words naming a party by its role in an event's label ("the non-performing party", "a
    Member"), not as the other one."""
    nouns = _role_nouns(roles)
    return re.compile(rf"\b(?:a|either|each|any|the (?!other\b)[\w-]+) (?:{nouns})\b", re.I)


#: The words of "a party", "the other party": they name no act.
_ANY_PARTY_WORDS = words("party parties other either each any")

#: Verbs whose object says what happens ("declares bankruptcy", "signs an addendum", "enters
#: into an addendum", "becomes insolvent"): an event named with one that matches nothing is
#: looked for again without them.
_LIGHT = words(
    "declare declares declared become becomes became go goes went sign signs signed "
    "execute executes executed enter enters entered into conclude concludes concluded "
    "make makes made file files filed undergo undergoes suffer suffers adjudicated"
)


@dataclass(frozen=True)
class Named:
    """A node a question can name, with its kind and every name it has."""

    iri: str
    kind: str
    labels: tuple[str, ...]

    @property
    def local(self) -> str:
        return local_name(self.iri)

    @property
    def label(self) -> str:
        return self.labels[0] if self.labels else self.local


def names(store: Store, kinds: Iterable[str] = KINDS) -> list[Named]:
    """Every node of the given kinds, with its labels (first the shortest): read once per
    store, and kept with a store on disk for later runs, as the term model is."""
    from .model import no_cycle_sweeps

    with no_cycle_sweeps():  # many objects that live on
        every = store.view("names.all", list, lambda: _read_names(store))
    wanted = set(kinds)
    return [n for n in every if n.kind in wanted]


def party_forms(store: Store) -> dict[str, list[str]]:
    """Each party's names as a text names it: its labels, each without an aside in brackets,
    the aside itself where it is a short name the text defines ("Heritage" of "Stremicks
    Heritage Foods, LLC (Heritage)", "2TheMart" of '2TheMart.com, Inc. ("2TheMart")'), a
    name without "the" or its web domain ("BorrowMoney" of "BorrowMoney.com"), the part
    before a comma ("Empirical Ventures" of "Empirical Ventures, Inc."), each of names
    joined by a slash ("Peregrine" of "Peregrine/Bridge Transfer Corporation"), and a
    company's name without its legal form ("Bridge Transfer"), and the name's first word
    where it may stand for the whole (:func:`_first_words`)."""

    def read() -> dict[str, list[str]]:
        found: dict[str, list[str]] = {}
        for party in names(store, ["party"]):
            own = {re.sub(r"\s*\(.*?\)\s*", " ", lb).strip().rstrip(",") for lb in party.labels}
            own |= {
                aside.group("name") for lb in party.labels for aside in _DEFINED_NAME.finditer(lb)
            }
            own |= {re.sub(r"^the\s+", "", lb, flags=re.I) for lb in own}  # "(the Company)"
            own |= {re.sub(r"\.(?:com|net|org|io)\b", "", lb, flags=re.I) for lb in own}
            own |= {lb.split(",")[0].strip() for lb in own}
            own |= {part.strip() for lb in own if "/" in lb for part in lb.split("/")}
            own |= {_LEGAL_FORM.sub("", lb).strip() for lb in own}
            found[party.iri] = sorted(form for form in own if len(form) > 1 and words(form))
        for iri, first in _first_words(store, found).items():
            found[iri] += first
        return found

    return store.view("names.party_forms", dict, read)


#: A party's first word people call it by: capitalised, of three letters or more, or of
#: letters and digits ("i3" of "i3 ICS", "3M" of "3M Company").
_FIRST_WORD = re.compile(r"(?P<word>[A-Z][\w&-]{2,}|(?=[a-z]*\d)(?=\d*[A-Za-z])\w{2,})\s+\S")


def _first_words(store: Store, forms: dict[str, list[str]]) -> dict[str, list[str]]:
    """Each party's first words of its names where people call the party by them ("Gunston"
    of "Gunston Consulting, LLC"; "Vet" of "VET TECH" and "Veteran" of "Veteran Technology
    Group"): no other party's name holds one, and no label of anything
    else holds it in small letters, as a word of its own ("organic" of "supply of organic
    products" keeps "Organic Preparations Inc." from being "Organic"), unless it holds a
    digit ("i3" of "i3 ICS" is no word of the language)."""
    first = {
        party: {m["word"] for form in own if (m := _FIRST_WORD.match(form))}
        for party, own in forms.items()
    }
    taken = collections.Counter(
        word
        for own in forms.values()
        for word in {w.lower() for form in own for w in re.findall(r"[\w&-]+", form)}
    )
    small = {
        word
        for n in names(store, ["agreement", "provision", "event", "trigger", "concept"])
        for label in n.labels
        for word in re.findall(r"\b[a-z][\w&-]*", label)
    }
    own_forms = {party: {f.lower() for f in own} for party, own in forms.items()}
    found: dict[str, list[str]] = {}
    for party, words_ in first.items():
        for word in sorted({w.lower(): w for w in sorted(words_)}.values()):
            low = word.lower()
            if (
                low not in own_forms[party]
                and taken[low] == 1
                and (low not in small or any(c.isdigit() for c in low))  # "i3" is no word
                and low not in _FILLER
            ):
                found.setdefault(party, []).append(word)
    return found


#: A short name a party's label defines in brackets, in quotes or not: "(Heritage)",
#: '("2TheMart")', "(the Company)"; up to three words, the first a capital or a digit.
_DEFINED_NAME = re.compile(
    r"\(\s*[\"“']?(?P<name>(?:the\s+)?[A-Z0-9][\w.&-]*(?:\s+[A-Z0-9][\w.&-]*){0,2})[\"”']?\s*\)"
)

#: A company's legal form at the end of its name.
_LEGAL_FORM = re.compile(
    r",?\s+(?:Inc|Incorporated|Corp|Corporation|Co|Company|Ltd|Limited|LLC|L\.L\.C|plc|PLC|"
    r"GmbH|AG|S\.A\.S|S\.A|N\.V|B\.V|LP|L\.P|LLP)\.?$"
)


def _party_of(store: Store, form: str) -> str:
    """The party one of whose names is ``form``."""
    return next(iri for iri, forms in party_forms(store).items() if form in forms)


def party_named_first(store: Store, text: str) -> str | None:
    """The name of the party ``text`` begins with (the longest that fits), if any."""
    found = [
        form
        for forms in party_forms(store).values()
        for form in forms
        if _form_pattern(form).match(text)
    ]
    return max(found, key=len) if found else None


#: Words after a party's name that make it the one acted on, not the one acting.
_ACTED_ON = re.compile(r"\s+(?:receives?|received|receiving|gets?|got|is|was|has been|have been|"
                       r"will be|shall be)\b", re.IGNORECASE)  # fmt: skip


def _closer_by_role(store: Store, text: str, candidates: list[Named], found: Named) -> str | None:
    """The one event whose label, with the party the name begins with named by a role ("the
    non-breaching party", "a party"), holds the rest of the name and fewer other words than
    any label of ``found`` holds beside the name's, if one does."""
    first = _subject(store, text)
    if first is None:
        return None
    said = words(text)
    rest = said - words(first)
    beside = min(len(words(lb) - said) for lb in found.labels)
    role = _by_role(_roles(store))
    closer = {
        n.iri
        for n in candidates
        if n.kind == "event" and n.iri != found.iri
        for lb in n.labels
        if role.search(lb)
        and rest <= (held := words(role.sub(" ", lb)))
        and len(held - rest) < beside
    }
    return closer.pop() if len(closer) == 1 else None


#: The agreement as the object of an act ("terminate the agreement", "cancel this Agreement").
_THE_AGREEMENT = re.compile(
    r"(?<=\w)\s+(?:the|this) (?:agreement|contract)\b(?=\s|$)", re.IGNORECASE
)

#: A party given something, in the passive ("Bravatek is given i3's notice").
_IS_GIVEN = re.compile(
    r"^(.+?)\s+(?:is|was|gets|got|has been)\s+(?:given|sent|served|served with|handed)\s+",
    re.IGNORECASE,
)

#: A closing passive of giving ("… is given", "… was served"): a notice named as given is
#: the notice, where its label names no giving.
_GIVEN = re.compile(
    r"\s+(?:is|was|are|were|has been|have been|gets|got)\s+(?:given|served|sent|delivered|"
    r"issued|made|provided)$",
    re.IGNORECASE,
)


def _subject(store: Store, text: str) -> str | None:
    """The name of the party ``text`` begins with, a leading "the" aside, if any."""
    return party_named_first(store, re.sub(r"^the\s+", "", text, flags=re.IGNORECASE))


def _doer(store: Store, text: str) -> str | None:
    """The party a name says does what it names: the one it begins with, as the subject
    ("MORPHO gives notice of termination"), unless what follows makes it the one acted on
    ("MORPHO receives notice", "MORPHO is given notice")."""
    text = re.sub(r"^the\s+", "", text, flags=re.IGNORECASE)
    first = party_named_first(store, text)  # where it ends in ``text`` matters here
    if first is None or not text[len(first) : len(first) + 1].isspace():
        return None  # not its subject: "Heritage's facility is approved by Premier"
    if _ACTED_ON.match(text, len(first)):
        return None
    return _party_of(store, first)


def _parties_in(store: Store, held: frozenset[str]) -> dict[str, str]:
    """The parties ``held`` (words) names by one of their names, each with that name."""
    found = {}
    for party, forms in party_forms(store).items():
        for form in forms:
            if (named := words(form)) and named <= held:
                found[party] = form
                break
    return found


@functools.lru_cache(maxsize=1 << 14)
def _form_pattern(form: str) -> re.Pattern[str]:
    """A party's name as a whole word or words, in any case."""
    return re.compile(rf"(?<!\w){re.escape(form)}(?!\w)", re.IGNORECASE)


def _roles(store: Store) -> tuple[str, ...]:
    """The nouns the agreements call any party by: "party", and those a party's label gives
    as its role in brackets ("BorrowMoney.com, inc (a Member)": "member")."""

    def read() -> tuple[str, ...]:
        found = {
            aside["role"].lower()
            for party in names(store, ["party"])
            for lb in party.labels
            for aside in re.finditer(r"\(an? (?P<role>[A-Z][a-z]+)\)", lb)
        }
        return ("party", *sorted(found - {"party"}))

    return store.view("names.roles", tuple, read)


@functools.lru_cache(maxsize=64)
def _any_party(roles: tuple[str, ...]) -> re.Pattern[str]:
    """Words naming any party, by each of the nouns ``roles`` the agreements call a party
    by ("a party", "either Member")."""
    return re.compile(rf"\b(?:a|either|each|any) (?:{'|'.join(map(re.escape, roles))})\b", re.I)


def _named_parties_forms(store: Store, text: str) -> list[tuple[str, tuple[str, ...]]]:
    """The names of parties ``text`` may hold (their words are among its words), each with
    the party's other names, longest first."""
    said = words(text)
    forms: list[tuple[str, tuple[str, ...]]] = []
    for own in map(set, party_forms(store).values()):
        forms += [(form, tuple(sorted(own - {form}))) for form in own if words(form) <= said]
    return sorted(forms, key=lambda f: -len(f[0]))


def _party_variants(store: Store, text: str) -> tuple[list[str], list[str]]:
    """``text`` with each party it names (by any of its names, a label's aside in brackets
    left out) named by each of its other names instead; then, apart, as any party ("a
    party", or by a role the parties' labels give, "a member"; and a second party it names
    as "the other")."""
    renamed: list[str] = []
    as_any: list[str] = []
    by_length = _named_parties_forms(store, text)
    pattern = _form_pattern
    anyone = [f"a {role}" for role in _roles(store)]
    for form, others in by_length:
        if not pattern(form).search(text):
            continue
        for other, into in [*((o, renamed) for o in others), *((a, as_any) for a in anyone)]:
            variant = pattern(form).sub(other, text)
            if variant not in into:
                into.append(variant)
    renamed += [v for v in _both_renamed(text, by_length, pattern) if v not in renamed]
    # "a party informs the other": a second party named is "the other"
    for variant in list(as_any):
        other = variant
        for form, _ in by_length:
            other = pattern(form).sub("the other", other)
        if other not in as_any:
            as_any.append(other)
    return renamed, as_any


#: Who holds each provision, and who is bound by it (its counterparty).
_SIDES = """
PREFIX pg: <https://w3id.org/pactgraph/ns#>
SELECT DISTINCT ?provision ?holder ?counterparty ?kind WHERE {
  GRAPH ?g { ?provision a ?class ; pg:holder|pg:counterparty ?who }
  VALUES ?class { pg:Right pg:Exclusivity pg:Obligation pg:Restriction }
  OPTIONAL { GRAPH ?h { ?provision pg:holder ?holder } }
  OPTIONAL { GRAPH ?i { ?provision pg:counterparty ?counterparty } }
  BIND(STRAFTER(STR(?class), "#") AS ?kind)
}
"""


def _of_the_possessor(store: Store, text: str, matches: list[Named]) -> list[Named]:
    """Of several provisions, those of the party a name begins with, possessively
    ("Company's right to terminate", "Company's obligation to process orders"): the rights
    and exclusivities it holds, the obligations and restrictions that bind it (their
    counterparty); all of them where none is, or the name begins with no party's."""
    start = re.match(r"(?:the\s+)?(?P<name>.+?)'s\s", text)
    if start is None:
        return matches
    party = party_named_first(store, start["name"])
    if party is None or party.lower() != start["name"].lower():
        return matches
    iri = _party_of(store, party)

    def read() -> dict[str, set[str]]:
        sides: dict[str, set[str]] = {}
        for row in select(store, _SIDES):
            held = row["kind"] in {"Right", "Exclusivity"}
            who = row.get("holder") if held else row.get("counterparty")
            if who is not None:
                sides.setdefault(row["provision"], set()).add(who)
        return sides

    sides = store.view("names.sides", dict, read)
    # other kinds are left as they are
    mine = [n for n in matches if n.kind != "provision" or iri in sides.get(n.iri, ())]
    return mine or matches


def _of_the_subject(store: Store, text: str, matches: list[Named]) -> list[Named]:
    """Of several provisions a name matches as well, those whose label begins with the party
    the name begins with ("OpenAI paying Microsoft a revenue share" is "OpenAI's revenue
    share payments to Microsoft", not "Microsoft no longer pays a revenue share to OpenAI"),
    where some do."""
    first = _subject(store, text)
    if first is None:
        return matches
    party = _party_of(store, first)

    def begins_with_it(label: str) -> bool:
        named = _subject(store, label)
        return named is not None and _party_of(store, named) == party

    kept = [n for n in matches if n.kind == "provision" and any(map(begins_with_it, n.labels))]
    return kept or matches


def _renamed_to_one(store: Store, text: str, matches: list[Named], *, fewest: bool) -> str | None:
    """The one of ``matches`` that ``text``, its parties named by their other names, names
    alone, if one does."""
    within = [n.iri for n in matches]
    found: set[str] = set()
    pattern = _form_pattern
    # each party renamed by the names the labels use ("Company", "Reseller"), both where
    # two are named
    used = " ".join(lb for n in matches for lb in n.labels)
    forms = [
        (form, tuple(o for o in others if pattern(o).search(used)))
        for form, others in _named_parties_forms(store, text)
    ]
    variants = _both_renamed(text, forms, pattern) or [
        pattern(form).sub(other, text)
        for form, others in forms if pattern(form).search(text) for other in others
    ]  # fmt: skip
    for variant in variants:
        try:
            found.add(resolve(store, variant, ["event"], fewest=fewest, _by_party=True))
        except UnknownNameError:
            continue
    found &= set(within)
    return found.pop() if len(found) == 1 else None


def _both_renamed(
    text: str,
    forms: list[tuple[str, tuple[str, ...]]],
    pattern: Callable[[str], re.Pattern[str]],
) -> list[str]:
    """``text`` with the two parties it names each named by another of its names: "i3 ICS
    receives Bravatek's notice" is "Reseller receives Company's notice" (none if it names
    fewer or more)."""
    named = _named_forms(text, forms, pattern)
    if len(named) != 2:
        return []
    (first, first_others), (second, second_others) = named
    return list(dict.fromkeys(
        pattern(second).sub(two, pattern(first).sub(one, text))
        for one in first_others for two in second_others
    ))  # fmt: skip


def _named_forms(
    text: str,
    forms: list[tuple[str, tuple[str, ...]]],
    pattern: Callable[[str], re.Pattern[str]],
) -> list[tuple[str, tuple[str, ...]]]:
    """The names of parties ``text`` holds, longest first, each once and not inside a longer
    one, with each party's other names."""
    found: list[tuple[str, tuple[str, ...]]] = []
    taken: list[tuple[int, int]] = []
    for form, others in forms:
        for hit in pattern(form).finditer(text):
            if not any(a < hit.end() and hit.start() < b for a, b in taken):
                taken.append(hit.span())
                if all(set(others) | {form} != set(o) | {f} for f, o in found):
                    found.append((form, others))
    return found


def _read_names(store: Store) -> list[Named]:
    found: dict[tuple[str, str], list[str]] = {}
    for row in select(store, "names"):
        labels = found.setdefault((row["node"], row["kind"]), [])
        if "name" in row and row["name"] not in labels:
            labels.append(row["name"])
    return [
        Named(iri, kind, tuple(sorted(labels, key=lambda s: (len(s), s))))
        for (iri, kind), labels in sorted(found.items())
    ]


def labels(store: Store) -> dict[str, str]:
    """The shortest label of every nameable node, by IRI (read once per store)."""
    if "names.labels" not in store.views:
        store.views["names.labels"] = {n.iri: n.label for n in names(store)}
    found: dict[str, str] = store.views["names.labels"]
    return found


def label_of(store: Store, iri: str) -> str:
    """The shortest label of ``iri``, or its local name."""
    return labels(store).get(iri) or re.split(r"[/#]", iri)[-1]


_ACTORS = """
PREFIX pg: <https://w3id.org/pactgraph/ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT DISTINCT ?event ?actor ?name WHERE {
  GRAPH ?g { ?event pg:actor ?actor }
  OPTIONAL { GRAPH ?h { ?actor rdfs:label|skos:altLabel ?name } }
}
"""


def _actor_words(store: Store) -> dict[str, frozenset[str]]:
    """The words naming each event's actor (its labels and local name), by event IRI."""
    return _actors(store)[0]


def _actor_iris(store: Store) -> dict[str, frozenset[str]]:
    """The actors of each event (``pg:actor``), by event IRI."""
    return _actors(store)[1]


def _actors(store: Store) -> tuple[dict[str, frozenset[str]], dict[str, frozenset[str]]]:
    """By event IRI, the words naming its actors, and the actors: read in one query, once
    per store, and kept with it."""

    def read() -> tuple[dict[str, frozenset[str]], dict[str, frozenset[str]]]:
        named: dict[str, set[str]] = {}
        acting: dict[str, set[str]] = {}
        for row in select(store, _ACTORS):
            local = local_name(row["actor"]).replace("-", " ")
            named.setdefault(row["event"], set()).update(words(row.get("name", "")) | words(local))
            acting.setdefault(row["event"], set()).add(row["actor"])
        return (
            {e: frozenset(w) for e, w in named.items()},
            {e: frozenset(a) for e, a in acting.items()},
        )

    return store.view("names.actors", tuple, read)


#: The words that name a kind of provision, with the classes each names (an exclusivity is
#: a right its beneficiary holds).
_KIND_WORDS: dict[str, frozenset[str]] = {
    **dict.fromkeys(words("right rights"), frozenset({"Right", "Exclusivity"})),
    **dict.fromkeys(words("obligation obligations duty duties"), frozenset({"Obligation"})),
    **dict.fromkeys(words("covenant covenants"), frozenset({"Obligation", "Restriction"})),
    **dict.fromkeys(words("restriction restrictions prohibition"), frozenset({"Restriction"})),
    **dict.fromkeys(words("exclusivity"), frozenset({"Exclusivity"})),
    **dict.fromkeys(words("definition"), frozenset({"Definition"})),
}


def _of_kind_named(store: Store, said: frozenset[str], matches: list[Named]) -> list[Named]:
    """Of several nodes a name matches, the provisions of the kind it names ("the additional
    FTE right" is the right, not the fees owed for it; "the right of first refusal" is the
    right, not the notice exercising it); all of them if it names no kind, or none of them
    is of it."""
    classes = frozenset().union(*(_KIND_WORDS.get(w, frozenset()) for w in said))
    if not classes or not any(n.kind == "provision" for n in matches):
        return matches
    kept = [
        n
        for n in matches
        if any(
            local_name(row["type"]) in classes
            for row in select(store, f"SELECT DISTINCT ?type WHERE {{ <{n.iri}> a ?type }}")
        )
    ]
    return kept or matches


def _closest(said: frozenset[str], matches: list[Named]) -> list[Named]:
    """Of several agreements a name matches as well, those whose labels add the fewest words
    to it: "the development agreement" is the agreement, not its versions "as amended"."""

    def extra(n: Named) -> int:
        return min(len(words(lb) - said) for lb in n.labels or (n.local.replace("-", " "),))

    fewest = min(extra(n) for n in matches)
    return [n for n in matches if extra(n) == fewest]


#: What a label says is not so: "(other than non-payment)", "except a change of control".
_NOT_SO = re.compile(r"\(?\b(?:other than|except(?: for)?|excluding|but not)\b[^)]*\)?", re.I)


def _affirmed(label: str) -> str:
    """``label`` without what it says is not so (:data:`_NOT_SO`): "a notice of breach
    (other than non-payment)" is no notice of non-payment."""
    return _NOT_SO.sub(" ", label)


def fits(store: Store, name: str, iri: str, *, parties: bool = False) -> bool:
    """Whether every word of ``name`` that counts, the words naming a provision's kind aside,
    is among the words of the names of the node ``iri``; with ``parties``, or of ``name``
    with a party it names by another of its names, or as any party ("a party")."""
    for n in names(store):
        if n.iri == iri:
            held = frozenset().union(*(words(lb) for lb in names_of(n)))
            renamed, as_any = _party_variants(store, name) if parties else ([], [])
            return any(
                bool(said) and said <= held
                for said in (words(text) - _GENERAL for text in (name, *renamed, *as_any))
            )
    return False


def names_of(n: Named) -> tuple[str, ...]:
    """A node's labels and its local name, as words."""
    return (*n.labels, n.local.replace("-", " "))


def _by_the_giver(
    store: Store, text: str, events: list[Named], *, fewest: bool = True
) -> list[Named]:
    """The events of the one party ``text`` names that fit its words but for who gives and
    who receives: "Licensor gives notice of termination" is "Licensee receives Licensor's
    written notice terminating the Agreement", whose actor (``pg:actor``) is the Licensor.
    Only a name that says a notice is given, sent or delivered, and names one party.

    The other way round, "NEON receives an offering notice" is "the Offeree gives Licensee
    the Offering Notice": a label that has the party (by any of its names) after its verb
    of giving."""
    said = words(text)
    if not said & _GIVING:
        return []
    named = _parties_in(store, said)
    first = _subject(store, text)
    if len(named) == 2 and first is not None and not said & _RECEIVING:
        # "the Distributor gives notice … for Company's failure": the one named first gives
        # it, and the other is part of what the label must hold
        return _given_by(store, text, first, events, fewest=fewest)
    if len(named) != 1:
        return []
    (party,) = named
    everyone = frozenset().union(*(words(f) for fs in party_forms(store).values() for f in fs))
    rest = said - _LIGHT - _GIVING - everyone
    if not rest:
        return []
    if not said & _RECEIVING:  # the party gives: its act, or a label naming the notice as its
        return _given_by(store, text, named[party], events, fewest=fewest)
    # the party receives: a label giving to it
    forms = "|".join(re.escape(f) for f in party_forms(store)[party])
    given_to = re.compile(rf"\b(?:gives?|sends?|delivers?|provides?|serves?|mails?)\b.*?"
                          rf"(?<!\w)(?:{forms})(?!\w)", re.I)  # fmt: skip
    found = [
        n
        for n in events
        if any(given_to.search(lb) and rest <= words(_affirmed(lb)) - everyone for lb in n.labels)
    ]
    return _in_order(" ".join(sorted(rest)), found, fewest=fewest) if len(found) > 1 else found


def _given_by(
    store: Store, text: str, giver: str, events: list[Named], *, fewest: bool
) -> list[Named]:
    """The events a notice ``text`` names its first party (``giver``, a name) as giving
    fit: those whose actor is that party, or whose label names its notice as the party's
    ("the Distributor's written notice terminating the Agreement … is received"), and hold
    the rest of the name's words."""
    party = _party_of(store, giver)
    own = party_forms(store)[party]
    mine = frozenset().union(*(words(f) for f in own))
    rest = words(text) - _LIGHT - _GIVING - mine
    if not rest:
        return []
    forms = "|".join(re.escape(f) for f in own)
    possessive = re.compile(rf"(?<!\w)(?:{forms})'s\s+(?:[\w-]+\s+){{0,3}}notices?\b", re.I)
    acting = _actor_iris(store)
    found = [
        n
        for n in events
        if (party in acting.get(n.iri, ()) or any(possessive.search(lb) for lb in n.labels))
        and rest <= frozenset().union(*(words(_affirmed(lb)) for lb in names_of(n))) - mine
    ]
    return _in_order(" ".join(sorted(rest)), found, fewest=fewest) if len(found) > 1 else found


def _by_no_one(store: Store, text: str, events: list[Named], *, fewest: bool) -> list[Named]:
    """The events whose labels name no party (by name, or as any party) and that have no
    actor, that hold the name's words but the parties it names and its light verbs."""
    forms = _named_parties_forms(store, text)
    if not forms:
        return []
    rest = text
    for form, _ in forms:
        rest = _form_pattern(form).sub(" ", rest)
    acting = _actor_iris(store)
    roles = _roles(store)
    unnamed = [
        n
        for n in events
        if not acting.get(n.iri)
        and not any(_parties_in(store, words(lb)) or _generic(roles).search(lb) for lb in n.labels)
    ]
    return _without_light_verbs(store, rest, unnamed, _LIGHT | _GIVING, fewest=fewest,
                                any_verb=True)  # fmt: skip


def _without_light_verbs(
    store: Store,
    text: str,
    events: list[Named],
    light: frozenset[str] = _LIGHT,
    *,
    fewest: bool = True,
    any_verb: bool = False,
) -> list[Named]:
    """The events whose names hold every word of ``text`` but its light verbs
    (:data:`_LIGHT`): "Bizzingo declares bankruptcy" is "Bizzingo insolvent or bankrupt", and
    "the parties sign an addendum" is "the parties enter into an addendum". What is left
    must name more than a party ("Acme signs" names no event), and the best fits are kept
    (:func:`_in_order`). With ``any_verb``, a name with no light verb is looked for too."""
    said = words(text)
    rest = said - light
    parties = frozenset().union(*(words(lb) for p in names(store, ["party"]) for lb in p.labels))
    anyone = _ANY_PARTY_WORDS | words(" ".join(_roles(store)))  # "a Member" names no act
    if (rest == said and not any_verb) or not rest - parties - anyone:
        return []
    found = [
        n
        for n in events
        if rest <= frozenset().union(*(words(_affirmed(lb)) for lb in names_of(n)))
    ]
    return (
        _in_order(" ".join(w for w in tokens(text) if _stem(w) not in light), found, fewest=fewest)
        if len(found) > 1
        else found
    )


def _expand(name: str) -> str | None:
    if name.startswith("<") and name.endswith(">"):
        return name[1:-1]
    prefix, sep, local = name.partition(":")
    if sep and prefix in PREFIXES and not local.startswith("//"):
        return PREFIXES[prefix] + local
    return name if re.match(r"^[a-z][a-z0-9+.-]*://", name, re.I) else None


def resolve(
    store: Store,
    name: str,
    kinds: Iterable[str] = KINDS,
    *,
    fewest: bool = True,
    _by_party: bool = False,
) -> str:
    """The IRI that ``name`` stands for among the nodes of ``kinds``.

    Parameters
    ----------
    store
        The loaded agreements: only the names the graph holds are found.
    name
        An IRI, a prefixed name, a local name or label words (see the module docstring).
    kinds
        The kinds of node to look among (:data:`KINDS`).
    fewest
        Of nodes whose labels hold the name's words but not in its order, take the one with
        the fewest words; without it, they are ambiguous (a scenario settles them by the
        other events it names, or the version in effect on the day, first).

    Returns
    -------
    str
        The IRI.

    Raises
    ------
    UnknownNameError
        The name matches nothing, or several nodes equally well; ``candidates`` lists the
        closest.

    An event named with a party ("Ingram Micro gives notice") that matches nothing is
    looked for again with the party's other names ("Distributor gives notice"), and, if
    none fits, as "a party"; one event found so is the answer, several are ambiguous.

    Examples
    --------
    >>> from pactgraph.load import load
    >>> store = load(text='''
    ...     <https://example.org/a> a pg:Agreement ; pg:provision <https://example.org/r> .
    ...     <https://example.org/r> a pg:Right ; rdfs:label "tenancy" ;
    ...         pg:endsWith <https://example.org/notice-given> .
    ...     <https://example.org/notice-given> a pg:Event ; rdfs:label "notice given" .
    ... ''')
    >>> resolve(store, "the notice is given", kinds=["event"])
    'https://example.org/notice-given'
    """
    kinds = tuple(kinds)
    what = " or ".join(dict.fromkeys(kinds)) if len(kinds) < len(KINDS) else "thing"
    text = name.strip()
    if not text:
        raise UnknownNameError(f"empty name: give the name of a {what}")
    iri = _expand(text)
    # an IRI is looked up alone, not among every name of a portfolio
    if (
        iri is not None
        and "names.all" not in store.views
        and any(row["kind"] in kinds for row in select(store, "names", {"node": iri}))
    ):
        return iri
    candidates = names(store, kinds)
    said = words(text)
    actors = _actor_words(store) if "event" in kinds and said else {}

    named_parties = _parties_in(store, said) if actors else {}

    def same_parties(label: str) -> bool:  # a label naming a party the name does not say is
        # another's act ("Licensor receives notice" is not "Empirical Ventures receives
        # notice", though Empirical Ventures sends it)
        return _parties_in(store, words(label)).keys() <= named_parties.keys()

    def by_actor(n: Named) -> bool:  # "the expert panel verifies AGI": the label, and its actor
        actor = actors.get(n.iri, frozenset())
        return bool(actor) and any(
            words(lb) <= said and said - words(lb) <= actor and same_parties(lb) for lb in n.labels
        )

    def loosely_by_actor(n: Named) -> bool:  # "the panel verifies": a word of each
        actor = actors.get(n.iri, frozenset())
        return any(
            said & words(lb) and said & actor and said <= words(lb) | actor and same_parties(lb)
            for lb in n.labels
        )

    def among_all_names(n: Named) -> bool:  # its words spread over its labels and local name
        held = frozenset().union(*(words(lb) for lb in names_of(n)))
        general = said - _GENERAL if n.kind == "provision" else said
        return bool(general) and general <= held

    doer = _doer(store, text) if actors and " " in text else None
    doer_others = frozenset(party_forms(store)) - {doer} if doer else frozenset()
    acting = _actor_iris(store) if doer else {}

    def anothers_act(n: Named) -> bool:  # "MORPHO gives notice" is not an act of XIMAGE's
        return n.kind == "event" and bool(acting.get(n.iri, frozenset()) & doer_others)

    rules: list[Callable[[Named], bool]] = [
        lambda n: iri is not None and n.iri == iri,
        lambda n: n.local.lower() == text.lower(),
        lambda n: any(label.lower() == text.lower() for label in n.labels),
        lambda n: bool(said) and any(words(lb) == said for lb in (*n.labels, n.local)),
        # "the confidentiality obligation" is the provision named "confidentiality"
        lambda n: (
            n.kind == "provision"
            and bool(said - _GENERAL)
            and any(words(lb) - _GENERAL == said - _GENERAL for lb in names_of(n))
        ),
        by_actor,
        lambda n: bool(said) and any(said <= words(lb) for lb in names_of(n)),
        among_all_names,
        loosely_by_actor,
    ]
    for at, rule in enumerate(rules):
        matches = [n for n in candidates if rule(n)]
        if doer_others and at >= 3:  # by words, not by the IRI, local name or label itself
            matches = [n for n in matches if not anothers_act(n)]
        if len(matches) > 1:
            matches = _of_kind_named(store, said, matches)
        if len(matches) > 1:
            matches = _in_order(text, matches, general=rule is among_all_names, fewest=fewest)
        if len(matches) > 1 and all(n.kind == "agreement" for n in matches):
            matches = _closest(said, matches)
        if len(matches) > 1 and "provision" in kinds:
            matches = _of_the_possessor(store, text, matches)
        if len(matches) > 1 and "provision" in kinds:
            matches = _of_the_subject(store, text, matches)
        if len(matches) > 1 and named_parties:
            # a label naming a party the name does not is another's act ("Customer asks
            # i-on to approve" is not "i-on approves")
            own = [n for n in matches if n.kind != "event" or all(
                same_parties(lb) for lb in n.labels)]  # fmt: skip
            matches = own or matches
        if len(matches) == 1 and doer_others and at >= 6 and matches[0].kind == "event":
            # "Corio gives written notice of a material breach" holds every word of "Corio
            # gives written notice of Commerce One's repeated and material breach of its
            # support obligations", but is word for word "the non-breaching party gives
            # written notice of a material breach", by Corio: that one
            closer = _closer_by_role(store, text, candidates, matches[0])
            if closer is not None:
                return closer
        if len(matches) == 1:
            return matches[0].iri
        if len(matches) > 1 and "event" in kinds and not _by_party:
            # "Bravatek cures the breach" names the Company in both "Company cures the breach
            # described in Reseller's notice" and "Reseller cures the breach described in
            # Company's notice": the party's other names, in the name's order, settle it
            settled = _renamed_to_one(store, text, matches, fewest=fewest)
            if settled is not None:
                return settled
            # and the one a name says a party gives, whose actor it is ("i-on gives notice
            # of non-renewal": "i-on gives the Customer notice", not "Customer gives i-on …")
            given = (
                _by_the_giver(store, text, matches, fewest=fewest)
                if all(n.kind == "event" for n in matches)
                else []
            )
            acting = _actor_iris(store)
            if len(given) == 1 and all(
                acting.get(n.iri) != acting.get(given[0].iri) for n in matches if n != given[0]
            ):  # only where who gives is what tells them apart
                return given[0].iri
        if len(matches) > 1:
            shown = tuple(f"{m.label} ({m.local})" for m in matches[:8])
            raise UnknownNameError(
                f"{name!r} could be any of: {'; '.join(shown)}; say which",
                shown,
                name=name,
                labels=tuple(m.local for m in matches[:8]),  # local names tell them apart
            )
    # the name with its parties named otherwise, worked out once for the rules below
    reworded = ("event" in kinds or "provision" in kinds) and not _by_party
    renamed, as_any = _party_variants(store, text) if reworded else ([], [])
    if reworded:
        # "Ingram Micro gives notice": the event may name the party by another of its names
        # ("Distributor gives notice"), or else as any party ("a party gives notice"); a
        # rewording that fits several events is refused as the name itself would be; and a
        # provision too ("i3 ICS's right to use the Marks": "Reseller may use the Marks")
        by_iri = {n.iri: n for n in candidates}
        for variants, fits in ((renamed, None), (as_any, _any_party(_roles(store)))):
            found: set[str] = set()
            for variant in variants:
                try:
                    found.add(resolve(store, variant, kinds, fewest=fewest, _by_party=True))
                except UnknownNameError as error:
                    if error.labels and "could be any of" in str(error):
                        found |= {n.iri for n in candidates if n.local in error.labels}
            if fits is not None:  # "a party" stands for any party, not "the other party"
                found = {i for i in found if any(fits.search(lb) for lb in by_iri[i].labels)}
            if len(found) == 1:
                return found.pop()
            if len(found) > 1 and fits is None:
                settled = _renamed_to_one(
                    store, text, [n for n in candidates if n.iri in found], fewest=fewest
                )
                if settled is not None:
                    return settled
            if len(found) > 1:
                fitting = [n for n in candidates if n.iri in found][:8]
                shown = tuple(f"{n.label} ({n.local})" for n in fitting)
                raise UnknownNameError(
                    f"{name!r} could be any of: {'; '.join(shown)}; say which", shown,
                    name=name, labels=tuple(n.local for n in fitting),
                )  # fmt: skip
    if "event" in kinds and not _by_party:
        # the name reworded as labels word what it names: "the Company and Nantz consent to
        # terminate the agreement" (a label need not say what is terminated), "Bravatek is
        # given i3 ICS's notice" (Bravatek receives it), "written notice of termination for
        # the unremedied breach is given" (the notice)
        for reworded_as in (
            _THE_AGREEMENT.sub("", text),
            _IS_GIVEN.sub(r"\1 receives ", text),
            _GIVEN.sub("", text),
        ):
            if reworded_as != text:
                try:
                    return resolve(store, reworded_as, kinds, fewest=fewest)
                except UnknownNameError:
                    pass
    if "event" in kinds and not _by_party:
        events = [n for n in candidates if n.kind == "event"]
        lightly = _without_light_verbs(store, text, events, fewest=fewest)
        for variant in renamed if not lightly else ():
            # "NEON signs a merger agreement": "Licensee enters into an agreement … merger"
            if lightly := _without_light_verbs(store, variant, events, fewest=fewest):
                break
        if not lightly:
            lightly = _by_the_giver(store, text, events, fewest=fewest)
        if not lightly:
            # a notice any party gives: "Licensee gives notice of non-renewal" is "a party
            # receives the other's notice of non-renewal"; who gives it to whom is left to the
            # label, which names no party; and an act of a party a label names by its role
            # ("Emerson resumes performance": "the non-performing party resumes performance")
            roles = _roles(store)
            generic = [n for n in events if any(_generic(roles).search(lb) for lb in n.labels)]
            by_role = [n for n in generic if any(_by_role(roles).search(lb) for lb in n.labels)]
            for variant in [text, *as_any]:
                lightly = _without_light_verbs(
                    store, variant, generic, _LIGHT | _GIVING, fewest=fewest
                ) or _without_light_verbs(store, variant, by_role, fewest=fewest, any_verb=True)
                if lightly:
                    break
        if not lightly:
            # an act whose label names no one ("written notice of termination … is posted by
            # ordinary mail"): anyone may do it, so the name's parties ("the Manufacturer
            # posts the notice of termination") are left out
            lightly = _by_no_one(store, text, events, fewest=fewest)
        if len(lightly) == 1:
            return lightly[0].iri
        if len(lightly) > 1:
            shown = tuple(f"{n.label} ({n.local})" for n in lightly[:8])
            raise UnknownNameError(
                f"{name!r} could be any of: {'; '.join(shown)}; say which", shown,
                name=name, labels=tuple(n.local for n in lightly[:8]),
            )  # fmt: skip
    if _by_party:  # a rewording tried for another name: its caller says what was closest
        raise UnknownNameError(f"no {what} named {name!r}", name=name)
    pool = {lb: n for n in candidates for lb in (*n.labels, n.local)}
    close = difflib.get_close_matches(text, list(pool), n=5, cutoff=0.4)
    shown = tuple(dict.fromkeys(f"{pool[c].label} ({pool[c].local})" for c in close))
    hint = f"; closest: {'; '.join(shown)}" if shown else ""
    raise UnknownNameError(
        f"no {what} named {name!r}{hint}",
        shown,
        name=name,
        labels=tuple(dict.fromkeys(pool[c].label for c in close)),
    )
