"""The timeline: one bar per provision's term, conditional ends marked, text escaped."""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
from pathlib import Path

from conftest import assert_one_line_error, run_cli
from pactgraph.answers import EventSource, ProvisionStatus, ScenarioEvent, State, Status
from pactgraph.load import Store
from pactgraph.parse import parse_date
from pactgraph.state import state
from pactgraph.timeline import timeline_page, timeline_svg

SVG = "{http://www.w3.org/2000/svg}"


def _terms(svg: str) -> dict[str, ET.Element]:
    root = ET.fromstring(svg)
    return {
        g.attrib["data-provision"]: g for g in root.iter(f"{SVG}g") if "data-provision" in g.attrib
    }


def test_every_provision_has_a_row_and_conditional_ends_are_marked(store: Store) -> None:
    answer = state(store, parse_date("2027-01-01"))
    terms = _terms(timeline_svg(answer))
    assert set(terms) == {p.provision for p in answer.provisions}
    for p in answer.as_dict()["provisions"]:
        group = terms[p["provision"]]
        texts = " ".join(t.text or "" for t in group.iter(f"{SVG}text"))
        dashed = [r for r in group.iter(f"{SVG}rect") if "stroke-dasharray" in r.attrib]
        if p["end_condition"]:
            assert dashed, p["label"]
            assert p["end_condition"][:20] in texts, p["label"]
        if p["start"] and p["end"] and not p["conditional"]:
            assert not dashed, p["label"]


def test_bars_end_where_the_scenario_ends_them(store: Store) -> None:
    answer = state(
        store, parse_date("2031-07-01"), events={"AGI verified": parse_date("2029-03-01")}
    )
    terms = _terms(timeline_svg(answer))
    ended = [p for p in answer.as_dict()["provisions"] if p["status"] == "ended" and p["end"]]
    assert ended
    widths = {
        p["provision"]: float(terms[p["provision"]].find(f"{SVG}rect").attrib["width"])
        for p in ended
    }
    longest = max(
        float(g.find(f"{SVG}rect").attrib["width"])
        for g in terms.values()
        if g.find(f"{SVG}rect") is not None
    )
    assert all(w < longest for w in widths.values())


def test_labels_are_escaped() -> None:
    answer = State(
        on=dt.date(2030, 1, 1),
        scenario=(
            ScenarioEvent("urn:e", "<b>launch</b> & co", dt.date(2029, 1, 1), EventSource.GIVEN),
        ),
        notes=(),
        provisions=(
            ProvisionStatus(
                provision="urn:p",
                label="<script>alert(1)</script>",
                kind="Right",
                agreement="urn:a",
                status=Status.IN_FORCE,
                conditional=True,
                reason="",
                quote="",
                start=dt.date(2025, 1, 1),
                end=dt.date(2031, 1, 1),
                end_condition='"AGI" & <friends>',
            ),
        ),
    )
    page = timeline_page(timeline_svg(answer), "T <1>")
    assert "<script>" not in page
    assert "&lt;script&gt;" in page
    assert "&lt;b&gt;launch&lt;/b&gt; &amp; co" in page
    ET.fromstring(timeline_svg(answer))  # well-formed XML


def test_timeline_command_writes_html_or_svg(tmp_path: Path) -> None:
    svg = tmp_path / "t.svg"
    result = run_cli("timeline", "--on", "2031-07-01", "-o", str(svg))
    assert result.returncode == 0, result.stderr
    assert ET.parse(svg).getroot().tag == f"{SVG}svg"
    page = tmp_path / "t.html"
    result = run_cli(
        "timeline", "--on", "2031-07-01", "--event", "AGI verified=2029-03-01", "-o", str(page)
    )
    assert result.returncode == 0, result.stderr
    text = page.read_text(encoding="utf-8")
    assert re.search(r"AGI verified \(2029-03-01\)", text)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["t.html", "t.svg"]


def test_timeline_bad_output_is_a_usage_error(tmp_path: Path) -> None:
    assert_one_line_error(run_cli("timeline", "-o", str(tmp_path / "t.pdf")), 2, "FILE.svg")
    assert_one_line_error(
        run_cli("timeline", "-o", str(tmp_path / "no" / "t.svg")), 2, "does not exist"
    )
    assert list(tmp_path.iterdir()) == []


def test_a_version_lane_marks_when_each_amendment_takes_effect(store: Store) -> None:
    root = ET.fromstring(timeline_svg(state(store, parse_date("2027-01-01"))))
    lanes = [g for g in root.iter(f"{SVG}g") if g.attrib.get("class") == "version"]
    assert [g.attrib["data-agreement"] for g in lanes] == [
        "https://w3id.org/pactgraph/id/microsoft-openai-2026"
    ]
    (title,) = [t.text or "" for t in lanes[0].iter(f"{SVG}title")]
    assert title == "The next phase of the Microsoft-OpenAI partnership takes effect (2026-04-27)"
    as_2025 = state(store, parse_date("2027-01-01"), as_of=parse_date("2025-11-01"))
    assert as_2025.versions == ()
    assert 'class="version"' not in timeline_svg(as_2025)
