"""Provenance of the bundled agreement: every quote stands at its offsets in the source text,
the bundled text is the published one, and every sentence of it is accounted for."""

from __future__ import annotations

import hashlib
import re
from typing import Any

import pytest

from conftest import ROOT, SHARED_SOURCE
from pactgraph.load import Store
from pactgraph.query import get, select
from pactgraph.resources import agreements_dir

SOURCE = agreements_dir() / "microsoft-openai-2025-10-28.txt"
META = agreements_dir() / "microsoft-openai-2025-10-28.meta.json"
TEXT = SOURCE.read_text(encoding="utf-8")


def quotes(store: Store) -> list[dict[str, Any]]:
    return select(store, get("quotes"))


def sentences(text: str) -> list[tuple[int, str]]:
    """The sentences of ``text`` with their offsets, by this test's own rules.

    A line is a paragraph; a bullet sign and the spaces around it are not part of a sentence;
    within a line, a sentence ends at ``.``, ``!`` or ``?`` followed by a space.
    """
    found = []
    offset = 0
    for line in text.splitlines(keepends=True):
        body = line.rstrip("\n")
        lead = len(body) - len(body.lstrip(" \t•\u00a0"))
        start = offset + lead
        for piece in re.split(r"(?<=[.!?]) +", body[lead:]):
            if piece.strip():
                found.append((start, piece.strip()))
            start += len(piece) + 1
        offset += len(line)
    return found


def test_sentence_splitter_on_a_known_paragraph() -> None:
    text = "Title\n\n  • One. Two 32.5 percent? Three, four.\nLast: line\n"
    assert sentences(text) == [
        (0, "Title"),
        (11, "One."),
        (16, "Two 32.5 percent?"),
        (34, "Three, four."),
        (47, "Last: line"),
    ]


def _text(file_name: str) -> str:
    return (agreements_dir() / file_name).read_text(encoding="utf-8")


def test_every_quote_stands_at_its_offsets(store: Store) -> None:
    rows = quotes(store)
    assert len({r["quote"] for r in rows}) >= 30
    assert {r["fileName"] for r in rows} >= {SOURCE.name}
    for row in rows:
        assert _text(row["fileName"])[row["start"] : row["end"]] == row["exact"], row["quote"]


def test_source_digest_is_recorded(store: Store) -> None:
    for file_name in {r["fileName"] for r in quotes(store)}:
        digests = {r["sha256"] for r in quotes(store) if r["fileName"] == file_name}
        assert digests == {hashlib.sha256((agreements_dir() / file_name).read_bytes()).hexdigest()}


def test_every_bundled_source_is_the_published_text() -> None:
    shared = SHARED_SOURCE.parent
    if not shared.is_dir():
        pytest.skip(f"{shared} is not present outside this checkout")
    for text in agreements_dir().glob("*.txt"):
        if (shared / text.name).is_file():
            assert text.read_bytes() == (shared / text.name).read_bytes(), text.name


def test_bundled_source_is_the_published_text() -> None:
    if not SHARED_SOURCE.is_file():
        pytest.skip(f"{SHARED_SOURCE} is not present outside this checkout")
    assert SOURCE.read_bytes() == SHARED_SOURCE.read_bytes()
    shared_meta = SHARED_SOURCE.with_name(META.name)
    if shared_meta.is_file():
        assert META.read_bytes() == shared_meta.read_bytes()


def test_shared_source_path_is_beside_the_checkout() -> None:
    assert SHARED_SOURCE.parent.parent == ROOT.parent / "shared"


def test_every_sentence_is_modelled_or_set_aside(store: Store) -> None:
    accounted: dict[tuple[int, str], str] = {}
    for row in quotes(store):
        if row["fileName"] != SOURCE.name:
            continue
        if "for" in row or row.get("nonOperative"):
            accounted[(row["start"], row["exact"])] = row["quote"]
    body = sentences(TEXT)
    assert len(body) == 30  # counted by hand: 5 header lines, 15 in the bullets, 10 others
    missing = [s for s in body if s not in accounted]
    assert missing == [], "sentences neither modelled nor marked pg:nonOperative"


def test_every_quote_of_the_agreement_is_one_whole_sentence(store: Store) -> None:
    body = set(sentences(TEXT))
    quoted = {(r["start"], r["exact"]) for r in quotes(store) if r["fileName"] == SOURCE.name}
    assert sorted(quoted - body) == []


def test_non_operative_quotes_say_why_and_are_evidence_for_nothing(store: Store) -> None:
    rows = [r for r in quotes(store) if "nonOperative" in r]
    assert {r["exact"] for r in rows} >= {
        "What has evolved:",
        "October 28, 2025",
        TEXT.strip().splitlines()[-1],
    }
    for row in rows:
        assert len(row["nonOperative"]) > 10
        assert "for" not in row, row["quote"]
