"""The authoring guide's examples are fixtures the tests load, validate and evaluate."""

from __future__ import annotations

import re

import pytest

from conftest import DATA, ROOT
from pactgraph.load import load
from pactgraph.validate import validate

GUIDE = (ROOT / "docs" / "authoring.md").read_text(encoding="utf-8")
NAMED = re.findall(r"^Fixture: tests/data/([\w-]+)/$", GUIDE, re.M)


def test_every_construct_names_a_fixture() -> None:
    assert len(NAMED) >= 8
    for construct in ("pg:RelativeTrigger", "pg:UnlessFirst", "pg:Renewal", "pg:survives",
                      "pg:ProvisionEnd", "pg:mutual", "pg:Consent", "pg:assumedDate"):  # fmt: skip
        assert construct in GUIDE, construct


@pytest.mark.parametrize("name", NAMED)
def test_each_named_fixture_validates_and_has_hand_computed_answers(name: str) -> None:
    folder = DATA / name
    assert (folder / "expected.json").is_file()
    report = validate(load([folder / "agreement.ttl"]))
    assert report.conforms, report.findings


def test_the_turtle_each_section_shows_is_what_its_fixtures_use() -> None:
    checked = 0
    for section in GUIDE.split("\n## ")[1:]:
        names = re.findall(r"^Fixture: tests/data/([\w-]+)/$", section, re.M)
        blocks = "".join(re.findall(r"```turtle\n(.*?)```", section, re.S))
        if not names or not blocks:
            continue
        turtle = "".join((DATA / n / "agreement.ttl").read_text(encoding="utf-8") for n in names)
        for term in set(re.findall(r"pg:[A-Za-z]+", blocks)):
            assert term in turtle, (names, term)
            checked += 1
    assert checked >= 10
