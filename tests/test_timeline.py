"""The timeline: one bar per provision's term, conditional ends marked, text escaped."""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from conftest import assert_one_line_error, run_cli
from pactgraph.answers import EventSource, ProvisionStatus, ScenarioEvent, State, Status
from pactgraph.load import Store
from pactgraph.parse import parse_date
from pactgraph.query import select
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


def _label_text(group: ET.Element) -> str:
    label = next(t for t in group.iter(f"{SVG}text") if t.attrib.get("class") == "label")
    return " ".join(span.text or "" for span in label.iter(f"{SVG}tspan"))


def test_labels_are_written_in_full_on_wrapped_lines(store: Store) -> None:
    answer = state(store, parse_date("2031-07-01"))
    terms = _terms(timeline_svg(answer))
    long = [p for p in answer.provisions if len(p.label) > 52]
    assert long, "the bundled agreement has labels longer than one line"
    for p in answer.provisions:
        shown = _label_text(terms[p.provision])
        if len(p.label) <= 3 * 40:  # three lines hold it
            assert shown == " ".join(p.label.split()), p.label
        title = terms[p.provision].find(f"{SVG}title")
        assert title is not None
        assert p.label in (title.text or "")  # and the hover text holds it whole


def test_the_legend_names_each_kind_drawn_and_each_mark(store: Store) -> None:
    from pactgraph.kinds import BY_NAME

    answer = state(
        store, parse_date("2031-07-01"), events={"AGI verified": parse_date("2029-03-01")}
    )
    root = ET.fromstring(timeline_svg(answer))
    legend = next(g for g in root.iter(f"{SVG}g") if g.attrib.get("class") == "legend")
    words = [t.text for t in legend.iter(f"{SVG}text")]
    kinds = {re.sub(r"(?<=[a-z])(?=[A-Z])", " ", p.kind).lower() for p in answer.provisions}
    assert kinds <= set(words)
    fills = {r.attrib["fill"] for r in legend.iter(f"{SVG}rect")}
    assert {BY_NAME[k].colour for k in kinds} <= fills
    assert {"the date asked about", "an event of the scenario", "a version takes effect"} <= set(
        words
    )


def test_rows_grouped_by_kind_party_or_agreement(store: Store, tmp_path: Path) -> None:
    from pactgraph.timeline import parties

    answer = state(store, parse_date("2031-07-01"))
    holders = parties(store)
    microsoft = "https://w3id.org/pactgraph/id/microsoft-openai-2025/research-ip-rights"
    assert holders[microsoft] == "Microsoft"  # pg:holder, as the agreement states it
    for group_by, key in (
        ("kind", lambda p: re.sub(r"(?<=[a-z])(?=[A-Z])", " ", p.kind).lower()),
        (holders, lambda p: holders.get(p.provision, "no party named")),
    ):
        root = ET.fromstring(timeline_svg(answer, group_by=group_by))
        order = []
        for element in root:
            if element.attrib.get("class") == "group":
                order.append(("heading", element.text))
            elif "data-provision" in element.attrib:
                order.append(("row", element.attrib["data-provision"]))
        by_id = {p.provision: p for p in answer.provisions}
        headings = [text for what, text in order if what == "heading"]
        assert headings == sorted({key(p) for p in answer.provisions})
        current = None
        for what, value in order:
            if what == "heading":
                current = value
            else:
                assert key(by_id[value]) == current, value
    out = tmp_path / "t.svg"
    result = run_cli("timeline", "--on", "2031-07-01", "--group", "party", "-o", str(out))
    assert result.returncode == 0, result.stderr
    written = ET.parse(out).getroot()
    headings = [e.text for e in written if e.attrib.get("class") == "group"]
    assert headings == sorted(
        {holders.get(p.provision, "no party named") for p in answer.provisions}
    )
    # by agreement: each headed by its name, the first version as much as the amendment
    result = run_cli("timeline", "--on", "2031-07-01", "--group", "agreement", "-o", str(out))
    assert result.returncode == 0, result.stderr
    written = ET.parse(out).getroot()
    headings = [e.text for e in written if e.attrib.get("class") == "group"]
    named = {r["agreement"]: r["label"] for r in select(store, "agreements")}
    assert headings == sorted({named[p.agreement] for p in answer.provisions})


@pytest.mark.slow
def test_png_is_drawn_by_headless_chromium_at_the_pictures_size(tmp_path: Path) -> None:
    import struct

    if not Path("/usr/bin/chromium").exists():
        pytest.skip("Debian's chromium is installed by make test (make browser-deps)")
    out = tmp_path / "t.png"
    result = run_cli("timeline", "--on", "2031-07-01", "-o", str(out))
    assert result.returncode == 0, result.stderr
    data = out.read_bytes()
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    width, height = struct.unpack(">II", data[16:24])
    svg = run_cli("timeline", "--on", "2031-07-01", "-o", str(tmp_path / "t.svg"))
    assert svg.returncode == 0
    size = ET.parse(tmp_path / "t.svg").getroot().attrib
    assert (width, height) == (int(size["width"]), int(size["height"]))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["t.png", "t.svg"]


def test_png_without_a_browser_says_what_to_write_instead(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sys

    monkeypatch.setattr(sys.modules["pactgraph.timeline"], "BROWSERS", ("no-such-browser",))
    result = run_cli("timeline", "-o", str(tmp_path / "t.png"))
    assert_one_line_error(result, 2, "write a .svg or .html instead")
    assert list(tmp_path.iterdir()) == []
