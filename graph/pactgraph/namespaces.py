"""Our closed vocabulary, and the prefixes pactgraph writes and reads.

The ontology's namespace is ``https://w3id.org/pactgraph/ns#`` (prefix ``pg:``). It is
closed: :data:`TERMS` lists every term the ontology file declares (a test holds the two to
each other), :func:`pg` refuses any other name, and ``PG``, rdflib's
:class:`~rdflib.namespace.DefinedNamespace` for it, has ``_fail = True``, so a typo fails
loudly instead of minting a new IRI.

``PG`` is built on first use, so importing this module does not import rdflib.

>>> pg("holder")
'https://w3id.org/pactgraph/ns#holder'
>>> pg("holdr")
Traceback (most recent call last):
...
KeyError: "'holdr' is not a term of the pactgraph ontology"
"""

from __future__ import annotations

import re
from functools import cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rdflib.namespace import DefinedNamespace

    PG: type[DefinedNamespace]

__all__ = ["PG", "PG_NS", "PREFIXES", "TERMS", "XSD", "XSD_INTEGERS", "local_name", "pg", "spaced"]

PG_NS = "https://w3id.org/pactgraph/ns#"
XSD = "http://www.w3.org/2001/XMLSchema#"
#: The XSD datatypes whose values are integers (local names).
XSD_INTEGERS = frozenset(
    {
        *("integer", "int", "long", "short", "byte"),
        *("nonNegativeInteger", "positiveInteger", "nonPositiveInteger", "negativeInteger"),
        *("unsignedLong", "unsignedInt", "unsignedShort", "unsignedByte"),
    }
)

#: Every term of the ontology, by local name.
TERMS: frozenset[str] = frozenset(
    {
        "Agreement",
        "BusinessCalendar",
        "ChangeKind",
        "CompositeTrigger",
        "Consent",
        "Customer",
        "DateTrigger",
        "DayBoundary",
        "Definition",
        "DependencyProperty",
        "EarliestOf",
        "EndOfDay",
        "Ends",
        "Event",
        "EvidenceKind",
        "Exclusivity",
        "Exercise",
        "Extended",
        "Governance",
        "Interpretation",
        "Kept",
        "LatestOf",
        "Modifies",
        "Narrowed",
        "New",
        "Obligation",
        "Party",
        "PartyDocument",
        "PartyRole",
        "PressReport",
        "Provision",
        "ProvisionEnd",
        "Quote",
        "RegulatoryFiling",
        "RelativeTrigger",
        "Removed",
        "Renewal",
        "ReportedClaim",
        "Restriction",
        "Right",
        "RippleEffect",
        "SecondaryQuotation",
        "Shareholder",
        "Signatory",
        "SourceDocument",
        "StartOfDay",
        "StatedFact",
        "ThirdParty",
        "Trigger",
        "UnlessFirst",
        "Verifier",
        "about",
        "actor",
        "after",
        "alternative",
        "amount",
        "approximate",
        "assumedDate",
        "basis",
        "businessDays",
        "calendar",
        "carveOutOf",
        "change",
        "clarification",
        "condition",
        "confirmed",
        "counterparty",
        "covers",
        "currency",
        "dayBoundary",
        "dependsOn",
        "effectiveFrom",
        "endOf",
        "endsWith",
        "evidence",
        "evidenceKind",
        "exceptionTo",
        "excludes",
        "exercises",
        "extends",
        "fileName",
        "holder",
        "holiday",
        "includes",
        "interpretation",
        "involves",
        "maxRenewals",
        "member",
        "mutual",
        "nonOperative",
        "notThrough",
        "noticePeriod",
        "occurredOn",
        "offset",
        "party",
        "percentage",
        "previousVersion",
        "provision",
        "publishedOn",
        "rank",
        "reading",
        "renewalPeriod",
        "requires",
        "revises",
        "rippleEffect",
        "role",
        "sha256",
        "signatory",
        "sourceDocument",
        "startsWith",
        "stoppedBy",
        "supersedes",
        "survivalPeriod",
        "survives",
        "term",
        "through",
        "trigger",
        "unless",
        "wording",
    }
)

#: The prefixes pactgraph binds when it writes RDF, and offers to every SPARQL query.
PREFIXES: dict[str, str] = {
    "pg": PG_NS,
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": XSD,
    "owl": "http://www.w3.org/2002/07/owl#",
    "dcterms": "http://purl.org/dc/terms/",
    "dcat": "http://www.w3.org/ns/dcat#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "prov": "http://www.w3.org/ns/prov#",
    "odrl": "http://www.w3.org/ns/odrl/2/",
    "time": "http://www.w3.org/2006/time#",
    "oa": "http://www.w3.org/ns/oa#",
    "sh": "http://www.w3.org/ns/shacl#",
}


def pg(name: str) -> str:
    """The full IRI of the ontology term ``name``; ``KeyError`` if there is no such term."""
    if name not in TERMS:
        raise KeyError(f"{name!r} is not a term of the pactgraph ontology")
    return PG_NS + name


def local_name(iri: str) -> str:
    """The part of an IRI after its last ``#`` or ``/``.

    >>> local_name("https://w3id.org/pactgraph/ns#EndOfDay"), local_name("https://x.org/a/b")
    ('EndOfDay', 'b')
    """
    return iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def spaced(name: str) -> str:
    """A name written in camel case, as words: the words of a term's local name.

    >>> spaced("ThirdParty"), spaced("dependsOn"), spaced("RegulatoryFiling")
    ('third party', 'depends on', 'regulatory filing')
    """
    return re.sub(r"(?<!^)(?=[A-Z])", " ", name).lower()


@cache
def _defined_namespace() -> type[DefinedNamespace]:
    from rdflib import URIRef
    from rdflib.namespace import DefinedNamespace, Namespace

    body: dict[str, Any] = {
        "__annotations__": dict.fromkeys(sorted(TERMS), URIRef),
        "_NS": Namespace(PG_NS),
        "_fail": True,
    }
    return type("PG", (DefinedNamespace,), body)


def __getattr__(name: str) -> Any:
    if name == "PG":
        return _defined_namespace()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
