"""The named query library: headers, parameters, and errors from queries as ours."""

from __future__ import annotations

import re

import pyoxigraph as ox
import pytest

from pactgraph.errors import BindingError, QueryError, UnknownNameError
from pactgraph.load import Store
from pactgraph.query import checks, get, library, select


def projection(text: str) -> set[str]:
    match = re.search(r"SELECT\s+(?:DISTINCT\s+)?(.*?)\s*WHERE", text, re.S | re.I)
    assert match, text
    return set(re.findall(r"\?(\w+)(?![^(]*\bAS\b)", match.group(1))) | set(
        re.findall(r"AS\s+\?(\w+)", match.group(1))
    )


@pytest.mark.parametrize("name", sorted(library()) + sorted(checks()))
def test_header_and_projection(name: str) -> None:
    query = library().get(name) or checks()[name]
    assert query.title
    assert query.answers
    assert query.returns
    if query.returns == ("CONSTRUCT",):
        assert re.search(r"^\s*CONSTRUCT\b", query.text, re.M | re.I), name
        return
    selected = projection(query.text)
    assert set(query.returns) == selected, (name, query.returns, selected)
    # Oxigraph binds a value only to a variable the query selects
    for parameter in query.parameters:
        assert parameter.name in selected, (name, parameter.name)


def test_checks_return_focus_and_message() -> None:
    for query in checks().values():
        assert set(query.returns) == {"focus", "message"}, query.name


def test_checks_find_nothing_in_the_bundled_agreement(store: Store) -> None:
    for name, query in checks().items():
        assert select(store, query) == [], name


def test_binding_restricts_the_answer(store: Store) -> None:
    everything = select(store, get("inventory"))
    agreement = ox.NamedNode("https://w3id.org/pactgraph/id/microsoft-openai-2025")
    one = select(store, get("inventory"), {"agreement": agreement})
    assert one, "the first version's rows"
    assert {r["agreement"] for r in one} == {agreement.value}
    assert all(row in everything for row in one)
    assert len(one) < len(everything)  # the bundle holds its amendment too
    none = select(store, get("inventory"), {"agreement": ox.NamedNode("https://example.org/x")})
    assert none == []


def test_binding_a_variable_the_query_does_not_select_is_a_binding_error(store: Store) -> None:
    with pytest.raises(BindingError, match="add the variable to the SELECT clause"):
        select(store, "SELECT ?o WHERE { ?s ?p ?o }", {"s": ox.NamedNode("https://example.org/")})


def test_syntax_error_is_a_query_error(store: Store) -> None:
    with pytest.raises(QueryError, match=r"^query:1:28: "):
        select(store, "SELECT ?o WHERE { ?s ?p ?o ")


def test_ask_is_not_a_select(store: Store) -> None:
    with pytest.raises(QueryError, match="expected a SELECT query"):
        select(store, "ASK { ?s ?p ?o }")


def test_unknown_name_suggests_close_ones() -> None:
    with pytest.raises(UnknownNameError, match="did you mean inventory"):
        get("inventroy")
