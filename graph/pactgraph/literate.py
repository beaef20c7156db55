"""The literate authoring format: an agreement written as Markdown with YAML blocks.

A file (``.md``) reads as the agreement's text, sentence by sentence, with each node of
the graph written as a small fenced block next to the sentence it comes from::

    ---
    pactgraph: 1
    base: https://example.org/lease/
    ---

    The Tenant shall pay the rent monthly.

    ```pactgraph
    obligation: rent
    label: payment of rent
    holder: tenant
    counterparty: landlord
    ends with: end-of-term
    ```

The rules, which :func:`build` applies and :func:`write` inverts:

- The front matter sets ``base`` (the namespace of bare names), extra ``prefixes``, the
  ``language`` of labels (``en``), and ``text``: the source document whose words the body
  repeats, when the file names more than one.
- A block describes one node (several when separated by ``---``). Its first key names the
  kind of node (``obligation``, ``relative trigger``, ``earliest of``, ...: every class of
  the ontology, written as words) and its value the node's name; or ``id:`` names it and
  ``a:`` lists its kinds. A block nested under a key describes a node in place, a blank
  node unless it has a name.
- Every other key is a property of the ontology written as words (``ends with``,
  ``depends on``, ``survival period``), or ``label``, ``date``, ``on`` (a date trigger's
  day) and the few others in :data:`EXTRA_KEYS`; a prefixed name (``ex:colour``) writes any
  other. What a key takes comes from the ontology: a name, a date, a duration (``P30D`` or
  ``30 days``), a number, ``true``/``false``, text, or one of a closed list (``role:
  signatory``).
- ``quote:`` lists the words the node rests on, as text. They are found in the source
  (spacing and line breaks need not match) and recorded as a ``pg:Quote`` with its exact
  words, its position (``oa:start``, ``oa:end``) and the words around it (``oa:prefix``,
  ``oa:suffix``): a W3C TextQuoteSelector and TextPositionSelector in one. Without
  ``quote:``, a block quotes the paragraph right above it; ``quote: []`` quotes nothing.
  ``not operative: WHY`` marks the paragraph above as holding no term.
- An agreement written without ``provision:`` holds every provision of its file; a source
  document without ``sha256`` gets its text's digest.

:data:`EXTRA_KEYS`, the ontology and :func:`json_schema` are the format's one definition.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

import rdflib
import yaml
from rdflib.term import Node

from .errors import ParseError
from .namespaces import PG_NS, PREFIXES, XSD
from .sources import (
    beside,
    closest_passage,
    read_source,
    reads_after,
    reads_before,
    shown,
    source_text,
)

__all__ = [
    "EXTRA_KEYS",
    "Built",
    "build",
    "in_words",
    "json_schema",
    "reference",
    "sentence_spans",
    "skeleton",
    "vocabulary",
    "write",
]

RDF_TYPE = PREFIXES["rdf"] + "type"
QUOTE_CONTEXT = 32
"""Characters of text kept before and after a quote (``oa:prefix``, ``oa:suffix``)."""

#: Keys for the properties outside the pactgraph namespace that agreements use:
#: key -> (property, what it takes).
EXTRA_KEYS: dict[str, tuple[str, str]] = {
    "label": (PREFIXES["rdfs"] + "label", "text"),
    "comment": (PREFIXES["rdfs"] + "comment", "text"),
    "see also": (PREFIXES["rdfs"] + "seeAlso", "name"),
    "date": (PREFIXES["dcterms"] + "date", "date"),
    "title": (PREFIXES["dcterms"] + "title", "text"),
    "description": (PREFIXES["dcterms"] + "description", "text"),
    "creator": (PREFIXES["dcterms"] + "creator", "string"),
    "publisher": (PREFIXES["dcterms"] + "publisher", "string"),
    "issued": (PREFIXES["dcterms"] + "issued", "date"),
    "source": (PREFIXES["dcterms"] + "source", "name"),
    "pref label": (PREFIXES["skos"] + "prefLabel", "text"),
    "alt label": (PREFIXES["skos"] + "altLabel", "text"),
    "definition": (PREFIXES["skos"] + "definition", "text"),
    "broader": (PREFIXES["skos"] + "broader", "name"),
    "in scheme": (PREFIXES["skos"] + "inScheme", "name"),
    "top concept of": (PREFIXES["skos"] + "topConceptOf", "name"),
    "has top concept": (PREFIXES["skos"] + "hasTopConcept", "name"),
    "on": (PREFIXES["time"] + "inXSDDate", "date"),
    "exact": (PREFIXES["oa"] + "exact", "string"),
    "start": (PREFIXES["oa"] + "start", "integer"),
    "end": (PREFIXES["oa"] + "end", "integer"),
    "prefix": (PREFIXES["oa"] + "prefix", "string"),
    "suffix": (PREFIXES["oa"] + "suffix", "string"),
}
_EXTRA_ABOUT = {
    "label": "The name people use for it, in the file's language.",
    "comment": "A note on it.",
    "see also": "A page with more about it.",
    "date": "The day an agreement was made (its effective date unless a term says otherwise).",
    "title": "A document's title.",
    "description": "What a document is.",
    "creator": "Who wrote a document.",
    "publisher": "Who published a document.",
    "issued": "The day a document was published.",
    "source": "The source document a quote is in.",
    "pref label": "A concept's preferred name.",
    "alt label": "Another name for it, which questions may use.",
    "definition": "What a concept means.",
    "broader": "The broader concept this one falls under.",
    "in scheme": "The concept scheme a concept belongs to.",
    "top concept of": "The concept scheme this concept heads.",
    "has top concept": "A concept heading this scheme.",
    "on": "The day a date trigger fires.",
    "concept": "An IP category, a service or another thing provisions cover (SKOS).",
    "concept scheme": "A list of concepts (SKOS).",
    "exact": "A quote's words, exactly as the source has them (written for you from quote:).",
    "start": "Where a quote begins in its source, in characters (written for you).",
    "end": "Where a quote ends in its source, in characters (written for you).",
    "prefix": "The words of the source just before a quote (written for you).",
    "suffix": "The words of the source just after a quote (written for you).",
}
_EXTRA_KINDS = {
    "concept": PREFIXES["skos"] + "Concept",
    "concept scheme": PREFIXES["skos"] + "ConceptScheme",
}
_RANGES = {
    XSD + "date": "date",
    XSD + "duration": "duration",
    XSD + "decimal": "decimal",
    XSD + "integer": "integer",
    XSD + "nonNegativeInteger": "integer",
    XSD + "positiveInteger": "integer",
    XSD + "boolean": "boolean",
    XSD + "string": "string",
    PREFIXES["rdf"] + "langString": "text",
}
_DATATYPES = {
    "date": XSD + "date",
    "duration": XSD + "duration",
    "decimal": XSD + "decimal",
    "integer": XSD + "integer",
    "boolean": XSD + "boolean",
}
_TAKES = {
    "name": "a name (a node's id, a prefixed name or <IRI>) or a block describing the node",
    "date": "a date written YYYY-MM-DD",
    "duration": "a duration such as P30D, P2Y6M or '30 days'",
    "decimal": "a number such as 49 or 12.5",
    "integer": "a whole number",
    "boolean": "true or false",
    "string": "text",
    "text": "text",
}
#: What ``base`` (and ``new --base``) takes: an IRI that a name can follow.
BASE_IRI = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:[^\s<>\"{}|\\^`]*[/#:]")
_LANGUAGE = re.compile(r"[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*")
_TERM_ENDS = frozenset({PG_NS + "startsWith", PG_NS + "endsWith"})
_SPECIAL_KEYS = frozenset({"id", "a", "quote", "not operative"})
#: The order in which a block's keys are written; the rest follow alphabetically.
_ORDER = (
    *("label", "holder", "counterparty", "involves", "mutual", "actor", "covers", "excludes"),
    *("starts with", "ends with", "depends on", "exception to", "carve out of", "extends"),
    *("survives", "survival period", "on", "day boundary", "after", "offset", "member"),
    *("trigger", "unless", "renewal period", "stopped by", "notice period", "max renewals"),
)


def _words(camel: str) -> str:
    """``endsWith`` -> ``ends with``; ``inXSDDate`` -> ``in xsd date``."""
    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])", " ", camel).lower()


@dataclass(frozen=True)
class Key:
    """One key of the format: the property it writes and what it takes."""

    name: str
    predicate: str
    takes: str
    """``name``, ``date``, ``duration``, ``decimal``, ``integer``, ``boolean``, ``string``,
    ``text`` (a language-tagged string), or ``choice``."""
    choices: dict[str, str] = field(default_factory=dict)
    """For ``choice``: the words for each individual of the property's range."""
    comment: str = ""


@dataclass(frozen=True)
class Vocabulary:
    kinds: dict[str, str]
    """Kind words -> class IRI."""
    keys: dict[str, Key]
    by_predicate: dict[str, Key]
    provision_classes: frozenset[str]
    comments: dict[str, str] = field(default_factory=dict)
    """Class or property IRI -> the ontology's comment on it."""


@cache
def vocabulary() -> Vocabulary:
    """The kinds and keys of the format, read from the ontology and :data:`EXTRA_KEYS`."""
    from rdflib.namespace import OWL, RDF, RDFS

    from .resources import ontology_file

    onto = rdflib.Graph().parse(ontology_file())
    kinds = dict(_EXTRA_KINDS)
    for class_node in onto.subjects(RDF.type, OWL.Class):
        if isinstance(class_node, rdflib.URIRef) and str(class_node).startswith(PG_NS):
            kinds[_words(str(class_node)[len(PG_NS) :])] = str(class_node)
    individuals: dict[str, dict[str, str]] = {}
    for class_iri in kinds.values():
        members = {
            _words(str(i)[len(PG_NS) :]): str(i)
            for i in onto.subjects(RDF.type, rdflib.URIRef(class_iri))
            if str(i).startswith(PG_NS)
        }
        if members:
            individuals[class_iri] = members
    keys: dict[str, Key] = {}
    for name, (predicate, takes) in EXTRA_KEYS.items():
        keys[name] = Key(name, predicate, takes)
    object_types = {
        t for t in onto.transitive_subjects(RDFS.subClassOf, OWL.ObjectProperty) if t is not None
    }
    for prop_type in (*sorted(object_types, key=str), OWL.DatatypeProperty):
        for prop in onto.subjects(RDF.type, prop_type):
            iri = str(prop)
            if not iri.startswith(PG_NS):
                continue
            name = _words(iri[len(PG_NS) :])
            if name in keys or name in _SPECIAL_KEYS:
                raise RuntimeError(f"the ontology's {iri} would take the key {name!r} twice")
            rng = onto.value(prop, RDFS.range)
            comment = str(onto.value(prop, RDFS.comment) or "")
            if prop_type in object_types:
                choices = individuals.get(str(rng), {}) if rng is not None else {}
                takes = "choice" if choices else "name"
                keys[name] = Key(name, iri, takes, choices, comment)
            else:
                takes = _RANGES.get(str(rng), "string")
                keys[name] = Key(name, iri, takes, {}, comment)
    provision = rdflib.URIRef(PG_NS + "Provision")
    provisions = {
        str(c)
        for c in onto.transitive_subjects(RDFS.subClassOf, provision)
        if str(c).startswith(PG_NS)
    }
    comments = {
        str(s): str(o)
        for s, o in onto.subject_objects(RDFS.comment)
        if isinstance(s, rdflib.URIRef) and getattr(o, "language", None) in {None, "en"}
    }
    by_predicate = {k.predicate: k for k in keys.values()}
    return Vocabulary(kinds, keys, by_predicate, frozenset(provisions), comments)


# ---------------------------------------------------------------------------- anchoring


@lru_cache(maxsize=4096)
def _pattern(words: str) -> re.Pattern[str]:
    """The words of a quote, with any run of spaces and line breaks between them, and not
    part of a longer word at either end (``rent`` is not in ``current``)."""
    split = words.split()
    body = r"\s+".join(re.escape(w) for w in split)
    head = r"(?<!\w)" if split and re.match(r"\w", split[0]) else ""
    tail = r"(?!\w)" if split and re.search(r"\w$", split[-1]) else ""
    return re.compile(head + body + tail)


def anchor(
    text: str,
    words: str,
    *,
    prefix: str | None = None,
    suffix: str | None = None,
    at_or_after: int = 0,
) -> list[tuple[int, int]]:
    """Where ``words`` stand in ``text``: every ``(start, end)`` whose words match (spacing
    aside), whose text before ends with ``prefix`` and after begins with ``suffix`` (spacing
    aside), from ``at_or_after`` on."""
    if not words.split():
        return []
    return [
        match.span()
        for match in _pattern(words).finditer(text, at_or_after)
        if reads_before(text, match.start(), prefix or "")
        and reads_after(text, match.end(), suffix or "")
    ]


def context(text: str, start: int, end: int) -> tuple[str, str]:
    """The ``oa:prefix`` and ``oa:suffix`` of the quote at ``start``..``end``."""
    return text[max(0, start - QUOTE_CONTEXT) : start], text[end : end + QUOTE_CONTEXT]


# ---------------------------------------------------------------------------- reading


@dataclass
class _Block:
    line: int  # of the first line inside the fence
    text: str
    paragraph: tuple[str, int] | None  # the paragraph above (its text, its first line)


@dataclass
class Built:
    """An agreement file compiled: its graph and where each thing is written in it."""

    graph: rdflib.Graph
    path: Path
    base: str = ""
    """The namespace of the file's bare names."""
    lines: dict[str, int] = field(default_factory=dict)
    """Node IRI (or ``_:`` label) -> the line of the block that describes it."""
    values: dict[tuple[str, str, str], int] = field(default_factory=dict)
    """(node, property IRI, value) -> the line where that value is written."""


def _split(path: Path, text: str) -> tuple[str | None, int, list[_Block], list[tuple[str, int]]]:
    """The front matter (and its first line), the blocks with their paragraphs, and every
    paragraph of the body in order (its words on one line, its first line)."""
    lines = text.splitlines()
    front: str | None = None
    front_line = 0
    i = 0
    if lines and lines[0].strip() == "---":
        for j in range(1, len(lines)):
            if lines[j].strip() in {"---", "..."}:
                front, front_line, i = "\n".join(lines[1:j]), 2, j + 1
                break
        else:
            raise ParseError(
                str(path), "the front matter opened on line 1 is never closed with ---", line=1
            )
    blocks: list[_Block] = []
    paragraphs: list[tuple[str, int]] = []
    paragraph: list[str] = []
    paragraph_line = 0
    last: tuple[str, int] | None = None

    def finish() -> tuple[str, int] | None:
        if not paragraph:
            return last
        paragraphs.append((" ".join(paragraph), paragraph_line))
        paragraph.clear()
        return paragraphs[-1]

    fence = re.compile(r"^(`{3,}|~{3,})\s*([\w-]*)")
    while i < len(lines):
        line = lines[i]
        opened = fence.match(line)
        if opened:
            last = finish()
            marker, info = opened.group(1), opened.group(2)
            body: list[str] = []
            start = i + 2
            i += 1
            while i < len(lines) and not (
                lines[i].startswith(marker[0] * len(marker))
                and not lines[i].strip(marker[0]).strip()
            ):
                body.append(lines[i])
                i += 1
            if i == len(lines):
                raise ParseError(
                    str(path), f"the block opened with {marker} is never closed", line=start - 1
                )
            if info == "pactgraph":
                blocks.append(_Block(start, "\n".join(body), last))
            else:
                last = None
        elif not line.strip() or re.match(r"^\s{0,3}>", line):
            last = finish()
        elif re.match(r"^\s{0,3}#{1,6}(\s|$)", line):  # a heading: nothing above is quoted
            finish()
            last = None
        else:
            if not paragraph:
                paragraph_line = i + 1
                line = re.sub(r"^\s*\\(?=[#`~>-])", "", line)
            paragraph.append(line.strip())
        i += 1
    finish()
    return front, front_line, blocks, paragraphs


#: libyaml's parser where PyYAML has it (its wheels do): the same nodes and line marks, faster.
_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _yaml_error(path: Path, err: Exception, offset: int) -> ParseError:
    mark = getattr(err, "problem_mark", None)
    problem = getattr(err, "problem", None) or str(err)
    line = offset + mark.line if isinstance(mark, yaml.Mark) else offset
    return ParseError(str(path), f"not YAML: {problem}", line=line)


def _compose(path: Path, text: str, offset: int) -> list[yaml.Node]:
    try:
        return [n for n in yaml.compose_all(text, Loader=_LOADER) if n is not None]
    except yaml.YAMLError:
        pass
    try:  # PyYAML's own parser says where the trouble is more closely than libyaml
        return [n for n in yaml.compose_all(text, Loader=yaml.SafeLoader) if n is not None]
    except yaml.YAMLError as err:
        raise _yaml_error(path, err, offset) from None


class _Reader:
    def __init__(self, path: Path, text: str) -> None:
        self.path = path
        self.vocab = vocabulary()
        self.graph = rdflib.Graph()
        self.built = Built(self.graph, path)
        front, front_line, self.blocks, self.paragraphs = _split(path, text)
        self.settings = self._front(front, front_line)
        self.base: str = self.settings["base"]
        self.built.base = self.base
        self.language: str | None = self.settings["language"]
        self.prefixes = {**PREFIXES, **self.settings["prefixes"]}
        for prefix, ns in self.prefixes.items():
            self.graph.bind(prefix, ns, override=True)
        self.graph.bind("", self.base, override=True)
        self.bnodes: dict[str, rdflib.BNode] = {}
        # blank nodes are named by where they are written, so that building the file again
        # names them alike and a finding about one can point at its line
        self.tag = "md" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]
        self.sources: dict[str, tuple[str, int]] = {}  # source IRI -> (its text, line)
        self.pending: list[tuple[str, Any, int, bool]] = []  # quotes, read once sources are
        self.paragraph_spans: dict[int, tuple[int, int] | None] = {}
        self.default_source: str | None = None  # found once every block is read
        self.agreements: list[str] = []
        self.quote_ids: dict[str, tuple[int, int, str]] = {}
        self.written_keys: set[tuple[str, str]] = set()  # (node, property), even as []
        # a date written as a term's start or end becomes a date trigger named after its
        # provision (rent-end); a block may not give another node that name
        self.dated: dict[Node, int] = {}  # the date triggers so named -> their line
        self.named: dict[Node, int] = {}  # the nodes a block names as its own -> its line

    # -- errors and scalars

    def error(self, line: int, message: str) -> ParseError:
        return ParseError(str(self.path), message, line=line)

    @staticmethod
    def line(node: yaml.Node) -> int:
        return int(node.start_mark.line)

    def _front(self, front: str | None, offset: int) -> dict[str, Any]:
        settings: dict[str, Any] = {"base": None, "language": "en", "prefixes": {}, "text": None}
        if front is None:
            raise self.error(
                1, "no front matter: begin the file with ---, a line 'base: https://…/', and ---"
            )
        nodes = _compose(self.path, front, offset)
        if not nodes or not isinstance(nodes[0], yaml.MappingNode):
            raise self.error(offset, "the front matter is not a set of 'key: value' lines")
        for key, value in nodes[0].value:
            at = offset + self.line(key)
            name = key.value
            if not isinstance(value, yaml.ScalarNode) and name != "prefixes":
                raise self.error(at, f"{name}: takes one value, not a list or a block")
            if name == "pactgraph":
                if value.value != "1":
                    raise self.error(
                        at,
                        f"pactgraph: {value.value} is not a version this reads; write pactgraph: 1",
                    )
            elif name == "base":
                base = str(value.value)
                if not BASE_IRI.fullmatch(base):
                    raise self.error(
                        at,
                        "base: takes an IRI ending in / or #, such as https://example.org/lease/; "
                        f"got {base!r}",
                    )
                settings["base"] = base
            elif name == "language":
                settings["language"] = None if value.value in {"none", ""} else str(value.value)
                if settings["language"] is not None and not _LANGUAGE.fullmatch(value.value):
                    raise self.error(
                        at,
                        f"language: takes a language tag such as en or en-GB; got {value.value!r}",
                    )
            elif name == "text":
                settings["text"] = (str(value.value), at)
            elif name == "prefixes":
                if not isinstance(value, yaml.MappingNode):
                    raise self.error(at, "prefixes: takes lines 'prefix: namespace IRI'")
                settings["prefixes"] = {str(k.value): str(v.value) for k, v in value.value}
            else:
                raise self.error(
                    at,
                    f"the front matter has no key {name!r}; it takes pactgraph, base, language, "
                    "prefixes and text",
                )
        if settings["base"] is None:
            raise self.error(
                offset,
                "the front matter needs base: the IRI your names stand in, such as https://example.org/lease/",
            )
        return settings

    def ref(self, raw: str, at: int, key: str) -> Node:
        value = raw.strip()
        if value.startswith("<") and value.endswith(">"):
            return rdflib.URIRef(value[1:-1])
        if value.startswith("_:"):
            label = value[2:] if re.fullmatch(r"\w+", value[2:]) else str(len(self.bnodes))
            return self.bnodes.setdefault(value[2:], rdflib.BNode(f"{self.tag}n{label}"))
        prefix, colon, local = value.partition(":")
        if colon and prefix in self.prefixes:
            return rdflib.URIRef(self.prefixes[prefix] + local)
        if colon and re.match(r"^[A-Za-z][\w+.-]*://[^\s<>\"{}|\\^`]+$", value):
            return rdflib.URIRef(value)  # an IRI written out, https://example.org/x
        if not value or re.search(r"[\s<>\"{}|\\^`]", value) or colon:
            raise self.error(
                at,
                f"{key}: takes {_TAKES['name']}; got {raw!r}"
                + (f" (no prefix {prefix!r} is declared)" if colon else ""),
            )
        return rdflib.URIRef(self.base + value)

    def literal(self, key: Key, raw: str, at: int) -> rdflib.Literal:
        value = raw.strip() if key.takes not in {"string", "text"} else raw
        takes = key.takes
        if takes == "text":
            return rdflib.Literal(value, lang=self.language)
        if takes == "string":
            return rdflib.Literal(value)
        lexical = _lexical(takes, value)
        if lexical is None:
            raise self.error(at, f"{key.name}: takes {_TAKES[takes]}; got {raw!r}")
        return rdflib.Literal(lexical, datatype=rdflib.URIRef(_DATATYPES[takes]))

    # -- nodes

    def read(self) -> Built:
        for block in self.blocks:
            for doc in _compose(self.path, block.text, block.line):
                if not isinstance(doc, yaml.MappingNode):
                    raise self.error(
                        block.line + self.line(doc),
                        "a pactgraph block holds 'key: value' lines, the first naming the kind "
                        "of node and its name (obligation: rent)",
                    )
                self.node(doc, block.line, block.paragraph, top=True)
        self._link_provisions()
        self.default_source = self._default_source_or_none()
        self._anchor_paragraphs()
        for owner, quoted, at, default in self.pending:
            self._quote(owner, quoted, at, default)
        return self.built

    def node(
        self,
        mapping: yaml.MappingNode,
        offset: int,
        paragraph: tuple[str, int] | None,
        *,
        top: bool = False,
    ) -> Node:
        items = [(str(k.value), k, v) for k, v in mapping.value]
        at = offset + self.line(mapping)
        seen: set[str] = set()
        for name, k, _ in items:
            if name in seen:
                raise self.error(
                    offset + self.line(k),
                    f"{name}: is written twice in one block; write its values as a list",
                )
            seen.add(name)
        subject: Node | None = None
        types: list[str] = []
        first = items[0][0] if items else ""
        if first == "not operative":
            return self._not_operative(items, offset, paragraph)
        if top and first in self.vocab.kinds and first not in _SPECIAL_KEYS:
            _, k, v = items.pop(0)
            types.append(self.vocab.kinds[first])
            if not isinstance(v, yaml.ScalarNode) or not str(v.value).strip():
                raise self.error(
                    offset + self.line(k),
                    f"{first}: takes the node's name, such as {first}: {_example(first)}",
                )
            subject = self.ref(str(v.value), offset + self.line(k), first)
            self._name_own(subject, offset + self.line(k))
        for name, k, v in list(items):
            if name == "id":
                items.remove((name, k, v))
                if not isinstance(v, yaml.ScalarNode):
                    raise self.error(offset + self.line(k), "id: takes one name")
                subject = self.ref(str(v.value), offset + self.line(k), "id")
                self._name_own(subject, offset + self.line(k))
            elif name == "a":
                items.remove((name, k, v))
                for item in v.value if isinstance(v, yaml.SequenceNode) else [v]:
                    if not isinstance(item, yaml.ScalarNode):
                        raise self.error(
                            offset + self.line(item), "a: takes kinds (obligation) or class names"
                        )
                    word = str(item.value)
                    if word in self.vocab.kinds:
                        types.append(self.vocab.kinds[word])
                    else:
                        types.append(str(self.ref(word, offset + self.line(item), "a")))
        if subject is None:
            if top:
                raise self.error(
                    at,
                    f"the block begins with {first!r}, not a kind of node: begin it with one of "
                    f"{', '.join(sorted(self.vocab.kinds)[:6])}, … (obligation: rent) or id: NAME",
                )
            subject = rdflib.BNode(f"{self.tag}l{at}c{mapping.start_mark.column}")
        key = str(subject) if isinstance(subject, rdflib.URIRef) else f"_:{subject}"
        self.built.lines.setdefault(key, at)
        for t in types:
            self.graph.add((subject, rdflib.RDF.type, rdflib.URIRef(t)))
        quoted = False
        for name, k, v in items:
            where = offset + self.line(k)
            if name == "quote":
                quoted = True
                for item in v.value if isinstance(v, yaml.SequenceNode) else [v]:
                    self.pending.append((key, (subject, item, paragraph), where, False))
                continue
            spec = self._key(name, where)
            self.written_keys.add((key, spec.predicate))
            values = v.value if isinstance(v, yaml.SequenceNode) else [v]
            for item in values:
                obj = self.value(spec, item, offset, subject)
                self.graph.add((subject, rdflib.URIRef(spec.predicate), obj))
                self.built.values.setdefault(
                    (key, spec.predicate, str(obj)), offset + self.line(item)
                )
        if top and not quoted and paragraph is not None:
            self.pending.append((key, (subject, None, paragraph), paragraph[1], True))
        if PG_NS + "Agreement" in types:
            self.agreements.append(key)
        return subject

    def _key(self, name: str, at: int) -> Key:
        if name in self.vocab.keys:
            return self.vocab.keys[name]
        if name.startswith("<") and name.endswith(">"):
            return self.vocab.by_predicate.get(name[1:-1]) or Key(name, name[1:-1], "any")
        prefix, colon, local = name.partition(":")
        if colon and prefix in self.prefixes:
            iri = self.prefixes[prefix] + local
            return self.vocab.by_predicate.get(iri) or Key(name, iri, "any")
        close = _closest(name, list(self.vocab.keys) + sorted(_SPECIAL_KEYS))
        raise self.error(
            at,
            f"{name}: is not a key of the format"
            + (f"; did you mean {close}:?" if close else "")
            + " (keys are the ontology's properties in words, such as 'ends with', or "
            "prefixed names)",
        )

    def _name_own(self, subject: Node, at: int) -> None:
        """A block names ``subject`` as its own: refused if a date was made a trigger of that
        name, which the two would share."""
        if subject in self.dated:
            raise self.error(at, self._taken(subject, self.dated[subject]))
        self.named.setdefault(subject, at)

    def _taken(self, node: Node, line: int) -> str:
        name = str(node).rsplit("/", 1)[-1].rsplit("#", 1)[-1]
        return (
            f"{name}: is the name of the date trigger the date on line {line} makes (a term's "
            "start or end written as a date is named after its provision); give this node "
            "another name, or write that date as its own block"
        )

    def _term_end(self, spec: Key, raw: str, at: int, owner: Node | None) -> Node:
        """``starts with`` / ``ends with``: a trigger's name, or a date, which becomes a date
        trigger named after the provision (``rent-end``)."""
        value = raw.strip()
        if re.fullmatch(r"\d{4}-\d\d-\d\d", value):
            if not _real_date(value):
                raise self.error(
                    at, f"{spec.name}: {value} is not a day of the calendar; write YYYY-MM-DD"
                )
            end = "start" if spec.predicate == PG_NS + "startsWith" else "end"
            trigger: Node = (
                rdflib.URIRef(f"{owner}-{end}")
                if isinstance(owner, rdflib.URIRef)
                else rdflib.BNode(f"{self.tag}l{at}{end}")
            )
            if trigger in self.named:
                raise self.error(self.named[trigger], self._taken(trigger, at))
            self.dated.setdefault(trigger, at)
            self.graph.add((trigger, rdflib.RDF.type, rdflib.URIRef(PG_NS + "DateTrigger")))
            self.graph.add((trigger, rdflib.RDFS.label, rdflib.Literal(value, lang=self.language)))
            date = rdflib.Literal(value, datatype=rdflib.URIRef(XSD + "date"))
            self.graph.add((trigger, rdflib.URIRef(PREFIXES["time"] + "inXSDDate"), date))
            self.built.lines.setdefault(str(trigger), at)
            return trigger
        if not value or re.search(r"[\s<>\"{}|\\^`]", value):
            raise self.error(
                at,
                f"{spec.name}: takes a date (YYYY-MM-DD), the name of an event or trigger, or a "
                f"block describing one (a: earliest of, member: [...]); got {raw!r}",
            )
        return self.ref(raw, at, spec.name)

    def value(
        self,
        spec: Key,
        item: yaml.Node,
        offset: int,
        owner: Node | None = None,
    ) -> Node:
        at = offset + self.line(item)
        if isinstance(item, yaml.MappingNode):
            fields = {str(k.value): v for k, v in item.value}
            if "value" in fields:
                raw = str(fields["value"].value)
                if "lang" in fields:
                    lang = str(fields["lang"].value)
                    if not _LANGUAGE.fullmatch(lang):
                        raise self.error(
                            at, f"lang: takes a language tag such as en or en-GB; got {lang!r}"
                        )
                    return rdflib.Literal(raw, lang=lang)
                if "datatype" in fields:
                    dt = self.ref(str(fields["datatype"].value), at, "datatype")
                    return rdflib.Literal(raw, datatype=str(dt))
                return rdflib.Literal(raw)
            if set(fields) == {"ref"}:
                return self.ref(str(fields["ref"].value), at, spec.name)
            if spec.takes not in {"name", "any"}:
                raise self.error(
                    at, f"{spec.name}: takes {_TAKES.get(spec.takes, 'a value')}, not a block"
                )
            return self.node(item, offset, None)
        if not isinstance(item, yaml.ScalarNode):
            raise self.error(at, f"{spec.name}: takes a value or a list of values")
        raw = str(item.value)
        if spec.predicate in _TERM_ENDS:
            return self._term_end(spec, raw, at, owner)
        if spec.takes == "name":
            if not raw.strip():
                raise self.error(at, f"{spec.name}: has no value; it takes {_TAKES['name']}")
            return self.ref(raw, at, spec.name)
        if spec.takes == "choice":
            words = " ".join(raw.split()).lower()
            if words in spec.choices:
                return rdflib.URIRef(spec.choices[words])
            node = self.ref(raw, at, spec.name)
            if str(node) in spec.choices.values():
                return node
            raise self.error(
                at, f"{spec.name}: takes one of {', '.join(spec.choices)}; got {raw!r}"
            )
        if spec.takes == "any":
            return rdflib.Literal(raw)
        return self.literal(spec, raw, at)

    # -- quotes

    def _not_operative(
        self, items: list[tuple[str, Any, Any]], offset: int, paragraph: tuple[str, int] | None
    ) -> Node:
        _, k, v = items[0]
        at = offset + self.line(k)
        reason = str(v.value) if isinstance(v, yaml.ScalarNode) else ""
        if not reason.strip():
            raise self.error(
                at,
                "not operative: takes why the sentence holds no term (a heading, background, "
                "a closing line)",
            )
        rest = {name: val for name, _, val in items[1:]}
        unknown = set(rest) - {"quote"}
        if unknown:
            raise self.error(
                at, f"a 'not operative' block takes only quote:, not {', '.join(sorted(unknown))}:"
            )
        target = _Marker(rdflib.Literal(reason))
        if "quote" in rest:
            self.pending.append(("", (target, rest["quote"], paragraph), at, False))
        elif paragraph is not None:
            self.pending.append(("", (target, None, paragraph), at, True))
        else:
            raise self.error(
                at,
                "not operative: stands after no sentence; put it right below the sentence, or "
                "add quote:",
            )
        literal: Node = target.literal
        return literal

    def _source_text(self, source: str, at: int) -> str:
        if source in self.sources:
            return self.sources[source][0]
        name = self.graph.value(rdflib.URIRef(source), rdflib.URIRef(PG_NS + "fileName"))
        if name is None:
            raise self.error(
                at,
                f"the source {_short(source, self.base)} has no file name: give it one "
                "(file name: agreement.txt)",
            )
        path = beside(self.path, str(name))
        if path is None or not path.is_file():
            raise self.error(
                self.built.lines.get(source, at),
                f"the source text {str(name)!r} is not a file beside {self.path.name}: "
                "put it there",
            )
        try:
            data = path.read_bytes()
            text = source_text(data)
        except (OSError, UnicodeDecodeError) as err:
            raise self.error(
                self.built.lines.get(source, at), f"cannot read {path.name}: {err}"
            ) from None
        self.sources[source] = (text, at)
        sha = rdflib.URIRef(PG_NS + "sha256")
        if (source, str(sha)) not in self.written_keys:  # sha256: [] asks for none
            digest = hashlib.sha256(data).hexdigest()
            self.graph.add((rdflib.URIRef(source), sha, rdflib.Literal(digest)))
        return text

    def _default_source(self, at: int) -> str:
        if self.settings["text"] is not None:
            name, line = self.settings["text"]
            return str(self.ref(name, line, "text"))
        sources = sorted(
            str(s)
            for s in self.graph.subjects(rdflib.RDF.type, rdflib.URIRef(PG_NS + "SourceDocument"))
        )
        if len(sources) != 1:
            raise self.error(
                at,
                "quote: needs the source its words are in: "
                + (
                    "describe it in a block (source document: source, with file name: TEXT.txt)"
                    if not sources
                    else "write text: SOURCE in the front matter, or source: in the quote"
                ),
            )
        return sources[0]

    def _quote(
        self, owner: str, spec: tuple[Any, Any, tuple[str, int] | None], at: int, default: bool
    ) -> None:
        subject, item, above = spec
        words: str | None = None
        prefix = suffix = qid = None
        source: str | None = None
        paragraph: tuple[str, int] | None = None
        if item is not None:
            if isinstance(item, yaml.ScalarNode):
                words = str(item.value)
            elif isinstance(item, yaml.MappingNode):
                fields = {str(k.value): v for k, v in item.value}
                unknown = set(fields) - {"text", "prefix", "suffix", "source", "id"}
                if unknown:
                    raise self.error(
                        at,
                        "a quote takes text, prefix, suffix, source and id, not "
                        + ", ".join(sorted(unknown)),
                    )
                words = str(fields["text"].value) if "text" in fields else None
                prefix = str(fields["prefix"].value) if "prefix" in fields else None
                suffix = str(fields["suffix"].value) if "suffix" in fields else None
                if "source" in fields:
                    source = str(self.ref(str(fields["source"].value), at, "source"))
                if "id" in fields:
                    qid = str(self.ref(str(fields["id"].value), at, "id"))
                if words is None:
                    default = True
            else:
                raise self.error(at, "quote: takes the quoted words, or a list of them")
        if default:
            paragraph = above
            if paragraph is None:
                raise self.error(
                    at,
                    "quote: names no words and stands after no sentence; write the words "
                    "(quote: The Tenant shall…)",
                )
            words = paragraph[0]
        assert words is not None
        source = source or self.default_source or self._default_source(at)
        text = self._source_text(source, at)
        by_paragraph = default and prefix is None and suffix is None
        if by_paragraph and paragraph is not None and source == self.default_source:
            span = self.paragraph_spans.get(paragraph[1])
            found = [span] if span is not None else []
        else:
            found = anchor(text, words, prefix=prefix, suffix=suffix)
        if not found and anchor(text, words):
            name = self._file_name(source)
            if prefix is not None or suffix is not None:
                raise self.error(
                    at,
                    f"quote: {shown(words)} stands in {name}, but not after the words of "
                    "prefix: and before those of suffix:; check them against the text",
                )
            if paragraph is not None:
                raise self.error(
                    paragraph[1],
                    f"this paragraph stands in {name} before the paragraph above it: the body "
                    "follows the text's order; move it, or give the block below it quote: "
                    "with its words",
                )
        if not found:
            near = closest_passage(text, " ".join(words.split()), 0)
            hint = (
                f"; the closest passage reads {shown(text[near[0] : near[1]])}"
                if near is not None
                else ""
            )
            if by_paragraph and item is None and paragraph is not None:
                raise self.error(
                    paragraph[1],
                    f"this paragraph, which the block below it quotes, is not in "
                    f"{self._file_name(source)}{hint}: put the block under a sentence of the "
                    "text, write your notes as '> ' lines, or give the block quote: []",
                )
            raise self.error(at, f"quote: {shown(words)} is not in {self._file_name(source)}{hint}")
        if len(found) > 1:
            raise self.error(
                at,
                f"quote: {shown(words)} stands {len(found)} times in {self._file_name(source)}; "
                "say which with prefix: (the words before it) or suffix: (the words after)",
            )
        start, end = found[0]
        exact = text[start:end]
        before, after = context(text, start, end)
        if qid is None:
            tag = "" if source == self.default_source else _short(source, self.base) + "-"
            qid = f"{self.base}quote-{tag}{start}-{end}"
        if qid in self.quote_ids and self.quote_ids[qid] != (start, end, source):
            raise self.error(
                at, f"the quote {_short(qid, self.base)} is given two different passages"
            )
        self.quote_ids[qid] = (start, end, source)
        q = rdflib.URIRef(qid)
        oa = PREFIXES["oa"]
        xsd_int = rdflib.URIRef(XSD + "integer")
        for p, o in (
            (rdflib.RDF.type, rdflib.URIRef(PG_NS + "Quote")),
            (rdflib.URIRef(oa + "exact"), rdflib.Literal(exact)),
            (rdflib.URIRef(oa + "start"), rdflib.Literal(str(start), datatype=xsd_int)),
            (rdflib.URIRef(oa + "end"), rdflib.Literal(str(end), datatype=xsd_int)),
            (rdflib.URIRef(oa + "prefix"), rdflib.Literal(before)),
            (rdflib.URIRef(oa + "suffix"), rdflib.Literal(after)),
            (rdflib.URIRef(PREFIXES["dcterms"] + "source"), rdflib.URIRef(source)),
        ):
            if str(o) or p == rdflib.URIRef(oa + "exact"):  # no prefix at the very start
                self.graph.add((q, p, o))
        self.built.lines.setdefault(qid, at)
        if isinstance(subject, _Marker):
            self.graph.add((q, rdflib.URIRef(PG_NS + "nonOperative"), subject.literal))
        else:
            self.graph.add((subject, rdflib.URIRef(PG_NS + "evidence"), q))
            self.built.values.setdefault((owner, PG_NS + "evidence", qid), at)

    def _anchor_paragraphs(self) -> None:
        """Find each paragraph of the body in the default source, in order, each from where
        the one before it ended: the body repeats the text in its order (a paragraph of
        your own, not in the text, is passed over)."""
        source = self.default_source
        if source is None or not any(b.paragraph for b in self.blocks):
            return
        try:
            text = self._source_text(source, self.paragraphs[0][1] if self.paragraphs else 0)
        except ParseError:
            return  # reported where a quote needs the text
        cursor = 0
        for words, line in self.paragraphs:
            found = anchor(text, words, at_or_after=cursor)
            self.paragraph_spans[line] = found[0] if found else None
            if found:
                cursor = found[0][1]

    def _default_source_or_none(self) -> str | None:
        try:
            return self._default_source(0)
        except ParseError:
            return None

    def _file_name(self, source: str) -> str:
        name = self.graph.value(rdflib.URIRef(source), rdflib.URIRef(PG_NS + "fileName"))
        return str(name) if name is not None else _short(source, self.base)

    def _link_provisions(self) -> None:
        """An agreement written without ``provision:`` holds its file's provisions."""
        if (
            len(self.agreements) != 1
            or (self.agreements[0], PG_NS + "provision") in self.written_keys
        ):
            return
        agreement = rdflib.URIRef(self.agreements[0])
        for cls in self.vocab.provision_classes:
            for node in self.graph.subjects(rdflib.RDF.type, rdflib.URIRef(cls)):
                self.graph.add((agreement, rdflib.URIRef(PG_NS + "provision"), node))


@dataclass(frozen=True)
class _Marker:
    """Where a quote marked non-operative goes: it is evidence of nothing."""

    literal: rdflib.Literal


def _real_date(value: str) -> bool:
    import datetime

    m = re.match(r"-?(\d{4,})-(\d\d)-(\d\d)", value)
    if m is None:
        return False
    try:
        datetime.date(
            int(m.group(1)) if int(m.group(1)) <= 9999 else 2000, int(m.group(2)), int(m.group(3))
        )
    except ValueError:
        return False
    return True


_DURATION = r"-?P(?=\d|T\d)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+(\.\d+)?S)?)?"
_LEXICAL = {
    "date": r"-?\d{4,}-\d\d-\d\d(Z|[+-]\d\d:\d\d)?",
    "decimal": r"[+-]?(\d+(\.\d*)?|\.\d+)",
    "integer": r"[+-]?\d+",
    "boolean": r"true|false|1|0",
    "duration": _DURATION,
}


def _lexical(takes: str, value: str) -> str | None:
    """The lexical form a value written for a key that ``takes`` a date, a duration, a number
    or a boolean stands for (``30 days`` is ``P30D``, ``yes`` is ``true``), or None if it
    is no such value."""
    if takes == "duration" and not re.fullmatch(_DURATION, value):
        value = _duration_words(value) or value
    if takes == "boolean":
        value = {"yes": "true", "no": "false", "true": "true", "false": "false"}.get(
            value.lower(), value
        )
    if not re.fullmatch(_LEXICAL[takes], value) or (takes == "date" and not _real_date(value)):
        return None
    return value


_UNITS = {"year": "Y", "month": "M", "week": "W", "day": "D"}


def _duration_words(value: str) -> str | None:
    """``30 days`` -> ``P30D``; ``1 year and 6 months`` -> ``P1Y6M``; else None."""
    parts = re.split(r"\s*(?:,|\band\b)\s*", value.strip().lower())
    amounts: dict[str, int] = {}
    for part in parts:
        m = re.fullmatch(r"(\d+)\s*(year|month|week|day)s?", part)
        if m is None or m.group(2) in amounts:
            return None
        amounts[m.group(2)] = int(m.group(1))
    return "P" + "".join(f"{amounts[u]}{_UNITS[u]}" for u in _UNITS if u in amounts)


def _closest(word: str, candidates: Sequence[str]) -> str | None:
    import difflib

    found = difflib.get_close_matches(word, candidates, n=1, cutoff=0.75)
    return found[0] if found else None


def _short(iri: str, base: str) -> str:
    return iri[len(base) :] if iri.startswith(base) else f"<{iri}>"


def _example(kind: str) -> str:
    return re.sub(r"\s+", "-", kind)


def build(path: str | Path, text: str | None = None) -> Built:
    """Compile the agreement file at ``path`` (its ``text`` if given) to RDF.

    Raises :class:`~pactgraph.errors.ParseError` naming the file, the line and the key, with
    what to write instead.
    """
    path = Path(path)
    if text is None:
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError as err:
            raise ParseError(str(path), f"not UTF-8 text ({err.reason})") from None
    if text.startswith("\ufeff"):
        text = text[1:]
    return _Reader(path, text).read()


# ---------------------------------------------------------------------------- writing


def _scalar(value: str) -> str:
    """``value`` as a YAML scalar that reads back as the same string."""
    if re.fullmatch(r"[A-Za-z_][\w.\-/]*( [\w.\-/]+)*", value) and value.lower() not in {
        "true",
        "false",
        "yes",
        "no",
        "null",
        "on",
        "off",
        "y",
        "n",
        "~",
    }:
        return value
    if re.fullmatch(r"\d{4}-\d\d-\d\d|P[\dYMWDTHS.]+|-?\d+(\.\d+)?", value):
        return value
    return json.dumps(value, ensure_ascii=False)


class _Writer:
    def __init__(self, graph: rdflib.Graph, folder: Path | None, base: str | None) -> None:
        self.g = graph
        self.folder = folder
        self.vocab = vocabulary()
        self.base = base or self._guess_base()
        used = {str(t) for triple in graph for t in triple if isinstance(t, rdflib.URIRef)}
        used |= {
            str(o.datatype) for o in graph.objects() if isinstance(o, rdflib.Literal) and o.datatype
        }
        self.prefixes = {
            p: str(ns)
            for p, ns in graph.namespaces()
            if p
            and str(ns) != self.base
            and PREFIXES.get(p) != str(ns)
            and str(ns) not in PREFIXES.values()
            and any(iri.startswith(str(ns)) for iri in used)
        }
        self.all_prefixes = {**PREFIXES, **self.prefixes}
        self.kind_of = {iri: words for words, iri in self.vocab.kinds.items()}
        self.bnode_uses: dict[Any, int] = {}
        for _, _, o in graph:
            if isinstance(o, rdflib.BNode):
                self.bnode_uses[o] = self.bnode_uses.get(o, 0) + 1
        self.bnode_names: dict[Any, str] = {}
        self.written: set[Any] = set()
        self.implied: set[tuple[str, str]] = set()
        self.empty: set[tuple[str, str]] = set()
        """(node, property) written as an empty list, so that ``build`` adds nothing."""
        """(node, property) that ``build`` writes by itself: left out."""
        self.sugar: dict[str, tuple[str, int, int]] = {}
        self.texts: dict[str, str | None] = {}

    def _guess_base(self) -> str:
        counts: dict[str, int] = {}
        for s in set(self.g.subjects()):
            if isinstance(s, rdflib.URIRef):
                iri = str(s)
                ns = iri[: max(iri.rfind("/"), iri.rfind("#")) + 1]
                if ns and not ns.startswith(PG_NS):
                    counts[ns] = counts.get(ns, 0) + 1
        return (
            max(counts, key=lambda n: (counts[n], n))
            if counts
            else "https://example.org/agreement/"
        )

    def name(self, node: Any) -> str:
        if isinstance(node, rdflib.BNode):
            return "_:" + self.bnode_names.setdefault(node, f"b{len(self.bnode_names) + 1}")
        iri = str(node)
        if iri.startswith(self.base):
            local = iri[len(self.base) :]
            if local and re.fullmatch(r"[\w.\-/]+", local) and not local.startswith("_"):
                return local
        for prefix, ns in sorted(self.all_prefixes.items(), key=lambda p: -len(p[1])):
            if iri.startswith(ns):
                local = iri[len(ns) :]
                if re.fullmatch(r"[\w.\-]*", local):
                    return f"{prefix}:{local}"
        return f"<{iri}>"

    def key_for(self, predicate: str) -> Key:
        key = self.vocab.by_predicate.get(predicate)
        if key is not None:
            return key
        return Key(self.name(rdflib.URIRef(predicate)).strip(), predicate, "any")

    def literal_natural(self, key: Key, lit: Any) -> bool:
        if key.takes == "text":
            return lit.language is not None and lit.language == "en" and lit.datatype is None
        if key.takes in {"string", "any"}:
            return lit.language is None and lit.datatype is None
        if key.takes in _DATATYPES:
            if lit.datatype is None or str(lit.datatype) != _DATATYPES[key.takes]:
                return False
            return _lexical(key.takes, str(lit).strip()) == str(lit)
        return False

    def value(self, key: Key, obj: Any) -> str:
        if isinstance(obj, rdflib.Literal):
            if key.takes not in {"name", "choice"} and self.literal_natural(key, obj):
                return _scalar(str(obj))
            parts = [f"value: {json.dumps(str(obj), ensure_ascii=False)}"]
            if obj.language:
                parts.append(f"lang: {obj.language}")
            elif obj.datatype is not None:
                parts.append(f"datatype: {self.name(obj.datatype)}")
            return "{" + ", ".join(parts) + "}"
        if key.takes == "choice":
            for words, iri in key.choices.items():
                if iri == str(obj):
                    return words
        if (
            isinstance(obj, rdflib.BNode)
            and self.bnode_uses.get(obj, 0) == 1
            and obj not in self.written
        ):
            return "\n" + self.describe(obj, nested=True)
        name = self.name(obj)
        if key.takes in {"name", "choice"}:
            return _scalar(name) if not name.startswith("<") else json.dumps(name)
        return "{ref: " + json.dumps(name) + "}"

    def describe(self, node: Any, *, nested: bool = False, quotes: list[str] | None = None) -> str:
        self.written.add(node)
        lines: list[str] = []
        types = [str(t) for t in self.g.objects(node, rdflib.RDF.type)]
        kinds = [t for t in types if t in self.kind_of]
        if isinstance(node, rdflib.BNode) and nested:
            head = []
        elif len(kinds) == 1 and len(types) == 1 and self.kind_of[kinds[0]] not in _SPECIAL_KEYS:
            head = [f"{self.kind_of[kinds[0]]}: {_scalar(self.name(node))}"]
            types = []
        else:
            head = [f"id: {_scalar(self.name(node))}"]
        if types:
            words = [self.kind_of.get(t) or self.name(rdflib.URIRef(t)) for t in sorted(types)]
            head.append(
                "a: "
                + (
                    "[" + ", ".join(_scalar(w) for w in words) + "]"
                    if len(words) > 1
                    else _scalar(words[0])
                )
            )
        lines.extend(head)
        by_key: dict[str, tuple[Key, list[Any]]] = {}
        for p, o in self.g.predicate_objects(node):
            if p == rdflib.RDF.type:
                continue
            if str(p) == PG_NS + "evidence" and quotes is not None and str(o) in self.sugar:
                continue
            if (str(node), str(p)) in self.implied:
                continue
            key = self.key_for(str(p))
            by_key.setdefault(key.name, (key, []))[1].append(o)
        for owner, prop in self.empty:
            if owner == str(node):
                by_key.setdefault(self.key_for(prop).name, (self.key_for(prop), []))
        order = [*_ORDER, *sorted(k for k in by_key if k not in _ORDER)]
        for name in order:
            if name not in by_key:
                continue
            key, objs = by_key[name]
            objs.sort(key=lambda o: (isinstance(o, rdflib.BNode), str(o)))
            written = [self.value(key, o) for o in objs]
            label = _scalar(name) if not name.startswith("<") else json.dumps(name)
            if not written:
                lines.append(f"{label}: []")
            elif len(written) == 1 and not written[0].startswith("\n"):
                lines.append(f"{label}: {written[0]}")
            elif len(written) == 1:  # one node described in place, indented under its key
                lines.append(f"{label}:")
                lines.extend("  " + line for line in written[0][1:].splitlines())
            elif all(not w.startswith("\n") for w in written) and sum(len(w) for w in written) < 70:
                lines.append(f"{label}: [" + ", ".join(written) + "]")
            else:
                lines.append(f"{label}:")
                for w in written:
                    if w.startswith("\n"):
                        body = w[1:].splitlines()
                        lines.append("  - " + body[0])
                        lines.extend("    " + line for line in body[1:])
                    else:
                        lines.append(f"  - {w}")
        if quotes:
            if len(quotes) == 1:
                lines.append(f"quote: {quotes[0]}")
            else:
                lines.append("quote:")
                lines.extend(f"  - {q}" for q in quotes)
        return "\n".join(lines)

    # -- quotes that can be written as words

    def plan_quotes(self) -> None:
        """Find the quotes ``build`` would make again from their words (``self.sugar``)."""
        oa = PREFIXES["oa"]
        plain = {RDF_TYPE, oa + "exact", oa + "start", oa + "end", PREFIXES["dcterms"] + "source"}
        around = {oa + "prefix", oa + "suffix"}
        for q in self.g.subjects(rdflib.RDF.type, rdflib.URIRef(PG_NS + "Quote")):
            if not isinstance(q, rdflib.URIRef):
                continue
            preds = [str(p) for p, _ in self.g.predicate_objects(q)]
            if set(preds) - plain - around - {PG_NS + "nonOperative"}:
                continue
            if len(preds) != len(set(preds)) or not plain <= set(preds):
                continue
            source = self.g.value(q, rdflib.URIRef(PREFIXES["dcterms"] + "source"))
            text = self._text(source)
            if text is None:
                continue
            try:
                start = int(str(self.g.value(q, rdflib.URIRef(oa + "start"))))
                end = int(str(self.g.value(q, rdflib.URIRef(oa + "end"))))
            except ValueError:
                continue
            lits: dict[str, Any] = {
                p: self.g.value(q, rdflib.URIRef(oa + p))
                for p in ("start", "end", "exact", "prefix", "suffix")
            }
            if any(
                (lit.datatype is not None and p in {"exact", "prefix", "suffix"}) or lit.language
                for p, lit in lits.items()
                if lit is not None
            ):
                continue
            if any(
                str(lits[p].datatype) != XSD + "integer" or str(lits[p]) != str(int(str(lits[p])))
                for p in ("start", "end")
            ):
                continue
            if not (0 <= start < end <= len(text)) or text[start:end] != str(lits["exact"]):
                continue
            recorded = tuple("" if lits[p] is None else str(lits[p]) for p in ("prefix", "suffix"))
            if recorded != context(text, start, end):
                continue
            if any(lits[p] is not None and not str(lits[p]) for p in ("prefix", "suffix")):
                continue  # an empty one, which build does not write
            if text[start:end] != text[start:end].strip() or not text[start:end].split():
                continue
            self.sugar[str(q)] = (str(source), start, end)

    def _text(self, source: Any) -> str | None:
        if source is None:
            return None
        if str(source) in self.texts:
            return self.texts[str(source)]
        text = data = None
        name = self.g.value(source, rdflib.URIRef(PG_NS + "fileName"))
        if name is not None and self.folder is not None:
            path = beside(self.folder / "x.md", str(name))
            if path is not None and path.is_file():
                try:
                    data = path.read_bytes()
                    text = source_text(data)
                except (OSError, UnicodeDecodeError):
                    text = None
        self.texts[str(source)] = text
        if text is not None and data is not None:
            digest = hashlib.sha256(data).hexdigest()
            sha = rdflib.URIRef(PG_NS + "sha256")
            if [str(d) for d in self.g.objects(source, sha)] == [digest]:
                lit = self.g.value(source, sha)
                if lit is not None and lit.datatype is None and not lit.language:
                    self.implied.add((str(source), str(sha)))
        return text


def write(graph: rdflib.Graph, folder: str | Path | None = None, *, base: str | None = None) -> str:
    """``graph`` (one agreement file's triples) written in the literate format.

    ``folder`` is where the agreement's source texts are (beside its file): with them, quotes
    are written as the words of the text, each block below the passage it quotes. ``build``
    of the result, beside the same texts, gives a graph isomorphic to ``graph``.
    """
    return _Layout(_Writer(graph, Path(folder) if folder is not None else None, base)).render()


class _Layout:
    """Where each block goes: the primary text cut into its quoted passages, each followed
    by the blocks of the nodes that quote it first; the agreement and its sources first."""

    def __init__(self, w: _Writer) -> None:
        self.w, self.g = w, w.g
        w.plan_quotes()
        counts: dict[str, int] = {}
        for src, _, _ in w.sugar.values():
            counts[src] = counts.get(src, 0) + 1
        self.primary = max(counts, key=lambda s: (counts[s], s)) if counts else None
        self.body = w.texts.get(self.primary) if self.primary else None
        self.paragraph_ok: dict[tuple[int, int], bool] = {}
        evidence = rdflib.URIRef(PG_NS + "evidence")
        non_op = rdflib.URIRef(PG_NS + "nonOperative")
        for q in list(w.sugar):  # words that cannot name their passage: a block of its own
            if self.quote_item(q, None) is None:
                del w.sugar[q]
        used = {str(o) for o in self.g.objects(None, evidence)}
        for q in list(w.sugar):  # a quote nothing rests on and not marked: a block of its own
            if q not in used and self.g.value(rdflib.URIRef(q), non_op) is None:
                del w.sugar[q]
        # build adds a source's digest only as it reads the source for a quote's words: one
        # it will not read keeps its digest written out
        read = {src for src, _, _ in w.sugar.values()}
        w.implied = {
            (node, key) for node, key in w.implied if key != PG_NS + "sha256" or node in read
        }
        self.non_operative = sorted(
            (q for q in w.sugar if self.g.value(rdflib.URIRef(q), non_op) is not None),
            key=lambda q: w.sugar[q][1:],
        )
        self.subjects = sorted(
            (
                s
                for s in set(self.g.subjects())
                if str(s) not in w.sugar
                and not (isinstance(s, rdflib.BNode) and w.bnode_uses.get(s, 0) == 1)
            ),
            key=lambda s: (isinstance(s, rdflib.BNode), str(s)),
        )
        self.quotes_of = {
            s: sorted(
                (str(o) for o in self.g.objects(s, evidence) if str(o) in w.sugar),
                key=lambda q: (w.sugar[q][1], w.sugar[q][2], q),
            )
            for s in self.subjects
        }
        spans = sorted({(s, e) for src, s, e in w.sugar.values() if src == self.primary})
        self.chosen: list[tuple[int, int]] = []
        for s, e in spans:  # the passages, in order, none overlapping another
            if not self.chosen or s >= self.chosen[-1][1]:
                self.chosen.append((s, e))
        self.placed: dict[tuple[int, int] | None, list[Any]] = {span: [] for span in self.chosen}
        self.placed[None] = []
        for subject in self.subjects:
            first = next(
                (w.sugar[q][1] for q in self.quotes_of[subject] if w.sugar[q][0] == self.primary),
                None,
            )
            span = None
            if first is not None:
                span = next((c for c in self.chosen if c[0] <= first < c[1]), None)
            self.placed[span].append(subject)
        for q in self.non_operative:
            src, s, e = w.sugar[q]
            span = (s, e) if src == self.primary and (s, e) in self.placed else None
            self.placed[span].append(("not operative", q))
        sha = rdflib.URIRef(PG_NS + "sha256")
        for doc in self.g.subjects(rdflib.RDF.type, rdflib.URIRef(PG_NS + "SourceDocument")):
            if self.g.value(doc, sha) is None:  # build would add its text's digest
                w.empty.add((str(doc), str(sha)))
        agreements = list(self.g.subjects(rdflib.RDF.type, rdflib.URIRef(PG_NS + "Agreement")))
        if len(agreements) == 1:
            vocab = vocabulary()
            held = {
                o
                for c in vocab.provision_classes
                for o in self.g.subjects(rdflib.RDF.type, rdflib.URIRef(c))
            }
            listed = set(self.g.objects(agreements[0], rdflib.URIRef(PG_NS + "provision")))
            if held and listed == held:
                w.implied.add((str(agreements[0]), PG_NS + "provision"))
            elif not listed:
                w.empty.add((str(agreements[0]), PG_NS + "provision"))
        cursor = position = 0
        for s, e in self.chosen:  # as build finds the body's paragraphs, in order
            assert self.body is not None
            for gap in _paragraphs(self.body[position:s])[::2]:
                found = anchor(self.body, _unescaped(gap), at_or_after=cursor)
                cursor = found[0][1] if found else cursor
            found = anchor(self.body, _unescaped(_prose(self.body[s:e])), at_or_after=cursor)
            self.paragraph_ok[(s, e)] = bool(found) and found[0] == (s, e)
            cursor, position = (found[0][1] if found else cursor), e

    def generated(self, q: str) -> str:
        src, s, e = self.w.sugar[q]
        tag = "" if src == self.primary else _short(src, self.w.base) + "-"
        return f"{self.w.base}quote-{tag}{s}-{e}"

    def quote_item(self, q: str, span: tuple[int, int] | None) -> str | None:
        """How the quote ``q`` is written in a block below ``span``: ``""`` for the
        paragraph above as it is, else a YAML value; None if its words cannot name it."""
        w = self.w
        src, s, e = w.sugar[q]
        ident = [] if q == self.generated(q) else [f"id: {_scalar(w.name(rdflib.URIRef(q)))}"]
        if span is not None and (s, e) == span and self.paragraph_ok.get(span):
            return "{" + ident[0] + "}" if ident else ""
        body = w.texts[src] or ""
        words = " ".join(body[s:e].split())
        fields: list[str] = []
        hits = anchor(body, words)
        if hits != [(s, e)]:
            before, after = context(body, s, e)
            if anchor(body, words, prefix=before, suffix=after) != [(s, e)]:
                return None
            fields.append(f"prefix: {json.dumps(before, ensure_ascii=False)}")
            fields.append(f"suffix: {json.dumps(after, ensure_ascii=False)}")
        if src != self.primary and self.primary is not None:
            fields.append(f"source: {_scalar(w.name(rdflib.URIRef(src)))}")
        fields.extend(ident)
        if not fields:
            return json.dumps(words, ensure_ascii=False)
        return "{" + ", ".join([f"text: {json.dumps(words, ensure_ascii=False)}", *fields]) + "}"

    def block(self, thing: Any, span: tuple[int, int] | None) -> str:
        if isinstance(thing, tuple):
            q = thing[1]
            reason = str(self.g.value(rdflib.URIRef(q), rdflib.URIRef(PG_NS + "nonOperative")))
            item = self.quote_item(q, span)
            lines = [f"not operative: {_scalar(reason)}"]
            if item:
                lines.append(f"quote: {item}")
            return "```pactgraph\n" + "\n".join(lines) + "\n```"
        items = [self.quote_item(q, span) for q in self.quotes_of[thing]]
        quotes: list[str] | None
        if span is not None and items == [""]:
            quotes = None
        else:
            quotes = [
                i if i else self.quote_item(q, None) or ""
                for i, q in zip(items, self.quotes_of[thing], strict=True)
            ]
        return "```pactgraph\n" + self.w.describe(thing, quotes=quotes) + "\n```"

    def render(self) -> str:
        w, g = self.w, self.g
        agreement_type = rdflib.URIRef(PG_NS + "Agreement")
        source_type = rdflib.URIRef(PG_NS + "SourceDocument")
        sources = sorted(g.subjects(rdflib.RDF.type, source_type), key=str)
        out = ["---", "pactgraph: 1", f"base: {w.base}"]
        if w.prefixes:
            out.append("prefixes:")
            out.extend(f"  {p}: {ns}" for p, ns in sorted(w.prefixes.items()))
        if self.primary is not None and len(sources) > 1:
            out.append(f"text: {_scalar(w.name(rdflib.URIRef(self.primary)))}")
        out.append("---")
        agreements = sorted(g.subjects(rdflib.RDF.type, agreement_type), key=str)
        title = next((str(t) for a in agreements if (t := g.value(a, rdflib.RDFS.label))), None)
        out += ["", f"# {' '.join((title or 'Agreement').split())}", ""]
        unplaced = self.placed[None]
        front = [
            s
            for s in unplaced
            if not isinstance(s, tuple)
            and (
                (s, rdflib.RDF.type, agreement_type) in g or (s, rdflib.RDF.type, source_type) in g
            )
        ]
        for s in front:
            out += [self.block(s, None), ""]
        if self.body is not None and self.primary is not None:
            name = g.value(rdflib.URIRef(self.primary), rdflib.URIRef(PG_NS + "fileName"))
            out += [f"## The text of {name}", ""]
            position = 0
            for s, e in self.chosen:
                out += _paragraphs(self.body[position:s])
                out += [_prose(self.body[s:e]), ""]
                for thing in self.placed[(s, e)]:
                    out += [self.block(thing, (s, e)), ""]
                position = e
            out += _paragraphs(self.body[position:])
        rest = [s for s in unplaced if s not in front]
        if rest:
            out += ["## Not placed in the text", ""]
            for thing in rest:
                out += [self.block(thing, None), ""]
        return "\n".join(out).rstrip("\n") + "\n"


def _paragraphs(text: str) -> list[str]:
    out: list[str] = []
    for para in re.split(r"\n\s*\n", text):
        if para.split():
            out += [_prose(para), ""]
    return out


def _prose(text: str) -> str:
    """A passage of the source as one paragraph line that reads back as itself: a line
    that Markdown or the reader would take for a heading, a note, a fence or a rule is
    escaped with a backslash."""
    line = " ".join(text.split())
    if re.match(r"^(#{1,6}(\s|$)|>|`{3,}|~{3,}|---\s*$)", line):
        line = "\\" + line
    return line


def _unescaped(line: str) -> str:
    """A paragraph line as the reader takes it: without the backslash :func:`_prose` adds."""
    return re.sub(r"^\\(?=[#`~>-])", "", line)


# ---------------------------------------------------------------------------- new files


_ABBREVIATION = re.compile(
    r"\(?(?:Inc|Ltd|Co|Corp|Mr|Mrs|Ms|Dr|St|Jr|Sr|No|Nos|Sec|Secs|Art|Arts|Ex|vs|v|cf|etc"
    r"|e\.g|i\.e|[A-Z](?:\.[A-Z])*)\."
)


_GLUE = frozenset(
    [
        "a",
        "an",
        "the",
        "this",
        "that",
        "these",
        "those",
        "its",
        "their",
        "his",
        "her",
        "our",
        "your",
        "such",
        "any",
        "all",
        "each",
        "every",
        "no",
        "not",
        "of",
        "for",
        "to",
        "in",
        "on",
        "at",
        "by",
        "with",
        "from",
        "into",
        "onto",
        "upon",
        "under",
        "over",
        "between",
        "among",
        "per",
        "than",
        "and",
        "or",
        "but",
        "nor",
        "as",
        "which",
        "who",
        "whom",
        "whose",
        "where",
        "when",
        "if",
        "unless",
        "shall",
        "will",
        "may",
        "must",
        "can",
        "be",
        "is",
        "are",
        "was",
        "were",
        "has",
        "have",
        "had",
        "do",
        "does",
    ]
)


_SECTION = re.compile(r"\(?(?:\d+(?:\.\d+)*|[ivxlIVXL]+|[a-z])\.")


def _unfinished(paragraph: str, following: str = "") -> bool:
    """Whether a paragraph stops in the middle of a sentence (at a page break): it ends on
    a comma or a word that cannot end one (``Thereafter, this``; ``sixty (60) days for``),
    or the next paragraph goes on in lower case. A title ending on a noun is finished."""
    last = paragraph.rsplit(None, 1)[-1] if paragraph.split() else ""
    return (
        paragraph.endswith(",")
        or last in _GLUE
        or bool(re.match(r"[a-z]", following) and not re.search(r"[.!?:;]$", paragraph))
    )


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Where the sentences of ``text`` stand: split after . ! or ? followed by a capital or
    a number, and at blank lines, keeping abbreviations such as ``Inc.`` and ``U.S.`` whole.
    A paragraph that stops mid-sentence (at a page break) goes on into the next one."""
    paragraphs: list[list[int]] = []
    for m in re.finditer(r"\S(?:.*?\S)??(?=\s*\n\s*\n|\s*$)", text, re.S):
        if paragraphs and _unfinished(text[paragraphs[-1][0] : paragraphs[-1][1]], m[0]):
            paragraphs[-1][1] = m.end()
        else:
            paragraphs.append([m.start(), m.end()])
    spans: list[tuple[int, int]] = []
    for begin, end in paragraphs:
        start = begin
        for m in re.finditer(r"(?<=[.!?])([\"')\]]?)\s+(?=[\"'(\[]?[A-Z0-9])", text[begin:end]):
            stop = begin + m.end(1)
            before = text[start : begin + m.start()].split()
            if before and _ABBREVIATION.fullmatch(before[-1]):
                continue
            if len(before) == 1 and _SECTION.fullmatch(before[0]):
                continue  # a section number opening the sentence: "1. Grant."
            spans.append((start, stop))
            start = begin + m.end()
        if text[start:end].strip():
            spans.append((start, end))
    return spans


def _sentences(text: str) -> Iterator[str]:
    """The sentences of ``text`` (:func:`sentence_spans`), each on one line."""
    for start, end in sentence_spans(text):
        yield " ".join(text[start:end].split())


def skeleton(source: str | Path, *, base: str | None = None) -> str:
    """A new agreement file for the text at ``source``: front matter, the agreement and its
    source, then each sentence of the text with an empty block to fill in."""
    source = Path(source)
    text = read_source(source)
    stem = re.sub(r"[^\w-]+", "-", source.stem).strip("-").lower()
    if stem in {"", "source", "text"}:
        stem = "agreement"  # the source is named source
    base = base or f"https://example.org/{stem}/"
    title = next(iter(_sentences(text)), stem)
    out = [
        "---",
        "pactgraph: 1",
        f"base: {base}",
        "---",
        "",
        f"# {' '.join(title.split()[:12])}",
        "",
        "```pactgraph",
        f"agreement: {stem}",
        f"label: {json.dumps(' '.join(title.split()[:12]), ensure_ascii=False)}",
        "date: YYYY-MM-DD  # the day it was made",
        "signatory: []  # the parties, by name",
        "source document: [source]",
        "quote: []",
        "```",
        "",
        "```pactgraph",
        "source document: source",
        f"label: {json.dumps(source.name, ensure_ascii=False)}",
        f"file name: {json.dumps(source.name, ensure_ascii=False)}",
        "evidence kind: party document",
        "quote: []",
        "```",
        "",
        "## The text",
        "",
    ]
    for sentence in _sentences(text):
        out += [
            _prose(sentence),
            "",
            "```pactgraph",
            "# what does this sentence do? obligation: NAME, right: NAME, party: NAME, …",
            "# or, if it holds no term: not operative: a heading",
            "```",
            "",
        ]
    return "\n".join(out)


def in_words(message: str) -> str:
    """A message about the graph in the format's words: ``pg:holder`` is ``holder:``,
    ``pg:Party`` is ``party``, ``dcterms:date`` is ``date:``."""
    vocab = vocabulary()
    kinds = {iri: words for words, iri in vocab.kinds.items()}

    def said(match: re.Match[str]) -> str:
        iri = PREFIXES[match[1]] + match[2]
        key = vocab.by_predicate.get(iri)
        if key is not None:
            return f"{key.name}:"
        return kinds.get(iri, match[0])

    names = "|".join(p for p in PREFIXES if p not in {"xsd", "owl", "sh", "rdf"})
    message = re.sub(r'"([^"]*)"\^\^xsd:\w+', r"\1", message)  # "P2Y"^^xsd:duration: P2Y
    return re.sub(rf"(?<![\w:/])({names}):([A-Za-z]\w*)", said, message).replace("::", ":")


# ---------------------------------------------------------------------------- schema


def reference() -> str:
    """The kinds and keys of the format as Markdown tables, for ``docs/literate.md``."""
    vocab = vocabulary()
    takes = {**_TAKES, "name": "a name, or a block", "any": "text"}
    lines = ["| kind | class | what it is |", "| --- | --- | --- |"]
    for words, iri in sorted(vocab.kinds.items()):
        if words not in _SPECIAL_KEYS:
            about = _first(vocab.comments.get(iri)) or _EXTRA_ABOUT.get(words, "")
            lines.append(f"| `{words}` | `{_curie(iri)}` | {about} |")
    lines += ["", "| key | property | takes | what it says |", "| --- | --- | --- | --- |"]
    for key in sorted(vocab.keys.values(), key=lambda k: k.name):
        if key.takes == "choice":
            what = "one of " + ", ".join(f"`{c}`" for c in key.choices)
        elif key.predicate in _TERM_ENDS:
            what = "a name, a block, or a date (a date trigger)"
        else:
            what = takes[key.takes]
        about = _first(vocab.comments.get(key.predicate)) or _EXTRA_ABOUT.get(key.name, "")
        lines.append(f"| `{key.name}` | `{_curie(key.predicate)}` | {what} | {about} |")
    return "\n".join(lines) + "\n"


def _first(comment: str | None) -> str:
    """The first sentence of an ontology comment, fit for a table cell."""
    if not comment:
        return ""
    flat = " ".join(comment.split()).replace("|", "\\|")
    end = re.search(r"(?<=[a-z0-9)\"])[.;] ", flat)
    return flat[: end.start()] + "." if end else flat


def _curie(iri: str) -> str:
    for prefix, ns in PREFIXES.items():
        if iri.startswith(ns):
            return f"{prefix}:{iri[len(ns) :]}"
    return f"<{iri}>"


def json_schema() -> dict[str, Any]:
    """A JSON Schema for one pactgraph block, for editors: every kind and key, with what
    each takes and the ontology's comment on it."""
    vocab = vocabulary()
    name = {"type": "string", "description": _TAKES["name"]}
    scalar_of = {
        "date": {
            "type": "string",
            "pattern": r"^-?\d{4,}-\d\d-\d\d",
            "description": _TAKES["date"],
        },
        "duration": {"type": "string", "description": _TAKES["duration"]},
        "decimal": {"type": ["number", "string"], "description": _TAKES["decimal"]},
        "integer": {"type": ["integer", "string"], "description": _TAKES["integer"]},
        "boolean": {"type": ["boolean", "string"], "description": _TAKES["boolean"]},
        "string": {"type": "string"},
        "text": {"type": "string"},
        "any": {},
    }
    literal = {
        "type": "object",
        "properties": {
            "value": {"type": "string"},
            "lang": {"type": "string"},
            "datatype": {"type": "string"},
        },
        "required": ["value"],
        "additionalProperties": False,
    }
    properties: dict[str, Any] = {}
    for key in vocab.keys.values():
        if key.takes == "name":
            one: dict[str, Any] = {"anyOf": [name, {"$ref": "#/$defs/node"}]}
        elif key.takes == "choice":
            one = {"enum": sorted(key.choices)}
        else:
            one = {"anyOf": [scalar_of[key.takes], literal]}
        properties[key.name] = {
            "description": key.comment or f"{key.predicate}",
            "anyOf": [one, {"type": "array", "items": one}],
        }
    quote_item = {
        "anyOf": [
            {"type": "string", "description": "the quoted words, as the source has them"},
            {
                "type": "object",
                "properties": {
                    k: {"type": "string"} for k in ("text", "prefix", "suffix", "source", "id")
                },
                "additionalProperties": False,
            },
        ]
    }
    properties["quote"] = {
        "description": "the words the node rests on; without it, the paragraph above",
        "anyOf": [quote_item, {"type": "array", "items": quote_item}],
    }
    properties["id"] = {"type": "string", "description": "the node's name"}
    properties["a"] = {
        "description": "the node's kinds",
        "anyOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}}],
    }
    for kind in vocab.kinds:
        if kind in _SPECIAL_KEYS:
            continue  # "quote" is the key for quotes; a quote node is written with a:
        named = {"type": "string", "description": f"the name of a {kind} ({vocab.kinds[kind]})"}
        if kind in properties:  # a kind that is also a key: first, a name; after, a value
            properties[kind] = {"anyOf": [named, properties[kind]]}
        else:
            properties[kind] = named
    properties["not operative"] = {
        "type": "string",
        "description": "why the paragraph above holds no term",
    }
    node = {
        "type": "object",
        "properties": properties,
        "patternProperties": {r"^([\w-]+:|<).*": {}},
        "additionalProperties": False,
    }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://w3id.org/pactgraph/literate/1/block.schema.json",
        "title": "A pactgraph block: one node of an agreement",
        "$defs": {"node": node},
        "$ref": "#/$defs/node",
    }
