"""Corpora of questions worded as analysts, lawyers, reporters and newcomers word them
(questions and imperatives, typos, any case), each with the form it must be read as and key
facts of its answer computed by hand from the texts:

- ``tests/data/ask-corpus/questions.json``: the bundled Microsoft–OpenAI agreement;
- ``tests/data/real-*/questions.json``: a real agreement each (most from CUAD v1; each
  folder's ``SOURCE.md`` says which), with its versions.

A fact is a string the answer's rows must hold (``mentions``) or must not (``absent``),
how many rows it has (``rows``, where the text gives none), the verdict of an "is it in
force" question (``answer``), or, for a question no form
reads (``form: null``), the form its suggested rewrite must be read as (``suggest_form``).
A question whose answer is known to disagree with the text carries ``known``: why (the tool,
or the model of the agreement); it is expected to fail, and to be mended.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from conftest import DATA
from pactgraph.ask import ask
from pactgraph.errors import QuestionError, UnknownNameError
from pactgraph.load import Store, load
from pactgraph.resources import agreements_dir

#: Each corpus of a real agreement, by name (the first word after ``real-``): the fixture
#: folder holding its questions and the agreement's versions. Every ``real-*`` fixture with
#: questions is one.
_REAL = {
    path.parent.name.split("-")[1]: path.parent.name
    for path in sorted(DATA.glob("real-*/questions.json"))
}
assert len(_REAL) == len(list(DATA.glob("real-*/questions.json"))), "two corpora share a name"
CORPORA: dict[str, tuple[Path, list[Path]]] = {
    "bundled": (
        DATA / "ask-corpus" / "questions.json",
        sorted(agreements_dir().glob("*.ttl")),
    ),
    **{
        name: (DATA / folder / "questions.json", sorted((DATA / folder).glob("*.ttl")))
        for name, folder in _REAL.items()
    },
}
CASES = [
    pytest.param(
        name,
        case,
        id=f"{name}-{index}",
        # a disagreement found and not yet mended: it must keep failing until it is
        marks=[pytest.mark.xfail(strict=True, reason=case["known"])] if "known" in case else [],
    )
    for name, (path, _) in CORPORA.items()
    for index, case in enumerate(json.loads(path.read_text(encoding="utf-8"))["questions"])
]


@pytest.fixture(scope="module")
def stores() -> dict[str, Store]:
    return {name: load(files) for name, (_, files) in CORPORA.items()}


def test_the_corpora_are_large_and_varied() -> None:
    cases = [case for _, case in (p.values for p in CASES)]
    bundled = [c for n, c in (p.values for p in CASES) if n == "bundled"]
    assert len(bundled) >= 150
    assert len(cases) - len(bundled) >= 40
    forms = {c["form"] for c in bundled}
    from pactgraph.ask import FORMS

    # every form but "survives", "agreement ends" and "terminations" (nothing in the bundled
    # agreement survives another provision, and it has no term of its own), and questions no
    # form reads
    assert forms == {f.name for f in FORMS} - {"survives", "agreement ends", "terminations"} | {
        None
    }
    assert any(c["q"] != c["q"].lower() and c["q"] == c["q"].upper() for c in cases)
    assert any(not c["q"].endswith("?") for c in cases)


@pytest.mark.parametrize(("corpus", "case"), CASES)
def test_question(stores: dict[str, Store], corpus: str, case: dict[str, Any]) -> None:
    store = stores[corpus]
    as_of = dt.date.fromisoformat(case["as_of"]) if case.get("as_of") else None
    if case["form"] is None:
        with pytest.raises((QuestionError, UnknownNameError)) as caught:
            ask(store, case["q"], as_of=as_of)
        suggestion = caught.value.suggestion
        assert suggestion, "a refusal suggests a question"
        rewritten = ask(store, suggestion, as_of=as_of)
        if case.get("suggest_form"):
            assert rewritten.form == case["suggest_form"], suggestion
        return
    answer = ask(store, case["q"], as_of=as_of)
    assert answer.form == case["form"]
    assert answer.assumptions
    rows = json.dumps(answer.rows, ensure_ascii=False).lower()
    for fact in case.get("mentions") or ():
        assert fact.lower() in rows, f"{fact!r} not in the answer ({case['why']})"
    for fact in case.get("absent") or ():
        assert fact.lower() not in rows, f"{fact!r} in the answer ({case['why']})"
    if case.get("answer"):
        assert answer.rows[0]["answer"] == case["answer"], case["why"]
    if "rows" in case:
        assert len(answer.rows) == case["rows"], case["why"]
