"""Names resolve by IRI, prefixed name, local name or label words; unknown and ambiguous fail."""

from __future__ import annotations

import pytest

from conftest import real
from pactgraph.errors import UnknownNameError
from pactgraph.load import Store
from pactgraph.resolve import label_of, resolve

BASE = "https://w3id.org/pactgraph/id/microsoft-openai-2025/"


@pytest.mark.parametrize(
    "name",
    ["AGI verified", "agi-verified", "AGI Verified", "AGI is verified", "verification of AGI",
     "AGI verification", "agi verifies", f"<{BASE}agi-verified>", f"{BASE}agi-verified"],
)  # fmt: skip
def test_event_names(store: Store, name: str) -> None:
    assert resolve(store, name, kinds=["event"]) == BASE + "agi-verified"


def test_party_and_concept_names(store: Store) -> None:
    assert resolve(store, "microsoft", kinds=["party"]) == BASE + "microsoft"
    assert resolve(store, "OpenAI", kinds=["party"]) == BASE + "openai"
    assert resolve(store, "model weights", kinds=["concept"]) == BASE + "model-weights"


def test_unknown_name_lists_close_candidates(store: Store) -> None:
    with pytest.raises(UnknownNameError) as err:
        resolve(store, "AGI anounced", kinds=["event"])
    assert err.value.candidates
    assert all("AGI" in c for c in err.value.candidates)


def test_ambiguous_name_lists_the_candidates(store: Store) -> None:
    with pytest.raises(UnknownNameError, match="could be any of") as err:
        resolve(store, "AGI", kinds=["event"])
    assert len(err.value.candidates) == 2


def test_kind_restricts_the_search(store: Store) -> None:
    with pytest.raises(UnknownNameError):
        resolve(store, "Microsoft", kinds=["event"])


def test_an_event_named_with_a_party_is_found_by_its_other_names() -> None:
    # NETGEAR's model words its events by role ("Distributor receives ...", an altLabel of
    # Ingram Micro) or as "a party"; people name the party
    from conftest import DATA
    from pactgraph.load import load

    store = load([DATA / "real-netgear-distributor" / "agreement.ttl"])
    base = "https://w3id.org/pactgraph/id/netgear-ingram-1996/"

    def event(name: str) -> str:
        return resolve(store, name, kinds=["event"]).removeprefix(base)

    # the direction of the notice is kept: who receives whose notice
    assert event("Ingram Micro receives NETGEAR's written notice of a material breach") == (
        "distributor-breach-notice"
    )
    assert event("NETGEAR receives Ingram Micro's written notice of a material breach") == (
        "netgear-breach-notice"
    )
    assert event("NETGEAR becomes insolvent") == "insolvency"  # "a party becomes insolvent"
    with pytest.raises(UnknownNameError, match="no event named"):
        event("Ingram Micro wins the lottery")


def test_word_families() -> None:
    from pactgraph.resolve import words

    assert words("termination") == words("terminate") == words("terminating")
    assert words("cancellation") == words("cancelling") == words("cancel")
    assert words("licence") == words("license")
    assert words("non-exclusive") == words("nonexclusive") != words("exclusive")
    # a verb in "-ate" and its noun in "-ation"
    assert words("participates") == words("participation") == words("participated")
    assert words("negotiated") == words("negotiation")
    assert words("a force majeure starts") == words("a force majeure begins")
    assert words("commencement") == words("start")
    assert words("six months following termination") == words("six months after termination")
    assert words("keeps the insurance") == words("maintains the insurance")
    assert words("a breach not cured") == words("an uncured breach")


def _acme_and(events: str) -> Store:
    """An agreement whose one party is Acme, with ``events`` (Turtle)."""
    from pactgraph.load import load

    return load(
        text="""
        <https://example.org/a> a pg:Agreement ; pg:party <https://example.org/acme> .
        <https://example.org/acme> a pg:Party ; rdfs:label "Acme" .
        """
        + events
    )


def test_a_party_name_never_hides_an_ambiguity_or_stands_for_the_other_party() -> None:
    from pactgraph.load import load
    from pactgraph.resolve import words

    store = load(
        text="""
        <https://example.org/a> a pg:Agreement ; pg:party <https://example.org/licensor> .
        <https://example.org/licensor> a pg:Party ; rdfs:label "Licensor" ;
            skos:altLabel "Acme" .
        <https://example.org/e1> a pg:Event ;
            rdfs:label "Licensor gives notice of termination for breach" .
        <https://example.org/e2> a pg:Event ;
            rdfs:label "Licensor gives notice of termination for insolvency" .
        <https://example.org/e3> a pg:Event ;
            rdfs:label "a party gives notice of termination without cause" .
        <https://example.org/e4> a pg:Event ; rdfs:label "the other party pays the fee" .
        """
    )
    # "Acme" is the Licensor, whose two notices fit alike: not the third, any party's
    with pytest.raises(UnknownNameError, match="could be any of"):
        resolve(store, "Acme gives notice of termination", kinds=["event"])
    assert resolve(store, "Acme gives notice of termination without cause", ["event"]) == (
        "https://example.org/e3"
    )
    with pytest.raises(UnknownNameError, match="no event named"):
        resolve(store, "Licensor pays the fee", kinds=["event"])  # "the other party" is not it
    # a party a label names by its role may be any party: "Acme resumes performance"
    role = _acme_and(
        """
        <https://example.org/r> a pg:Event ;
            rdfs:label "the non-performing party resumes performance" .
        """
    )
    assert resolve(role, "Acme resumes performance", ["event"]) == "https://example.org/r"
    # word families do not join words that only look alike
    assert words("committee") != words("commit")
    assert words("10000") != words("1000")
    assert words("activate") != words("active")


def test_an_event_named_with_a_light_verb_is_found_by_what_it_names() -> None:
    # "declares bankruptcy", "signs an addendum": the object says what happens; the verb is
    # left out only when nothing matches with it, and what is left must name more than a party
    from pactgraph.resolve import words

    store = _acme_and(
        """
        <https://example.org/ground> a pg:Event ;
            rdfs:label "Acme becomes insolvent or bankrupt, or stops trading" .
        <https://example.org/addendum> a pg:Event ;
            rdfs:label "the parties enter into a written addendum extending the Term" .
        <https://example.org/notice> a pg:Event ;
            rdfs:label "Acme gives notice of termination under Section 9(d)" .
        <https://example.org/notice-b> a pg:Event ;
            rdfs:label "Acme gives notice of termination under Section 9(b)" .
        <https://example.org/signature> a pg:Event ; rdfs:label "the other party signs" .
        """
    )

    def event(name: str) -> str:
        return resolve(store, name, kinds=["event"]).removeprefix("https://example.org/")

    assert words("bankruptcy") == words("bankrupt")
    assert words("insolvency") == words("insolvent")
    assert event("Acme declares bankruptcy") == "ground"
    assert event("Acme files for bankruptcy") == "ground"
    assert event("the parties sign an addendum extending the term") == "addendum"
    # a light verb does not stand for another verb: "signs" is kept where it matches
    assert event("the other party signs") == "signature"
    with pytest.raises(UnknownNameError, match="no event named"):
        event("Acme signs")  # only a party is left: it names no event
    with pytest.raises(UnknownNameError, match="no event named"):
        event("Acme declares a dividend")
    with pytest.raises(UnknownNameError, match="could be any of"):
        event("Acme makes a notice of termination")  # 9(b) or 9(d): say which


def test_of_labels_holding_the_words_in_order_the_closest_together_wins() -> None:
    from pactgraph.load import load

    store = load(
        text="""
        <https://example.org/a> a pg:Agreement .
        <https://example.org/v> a pg:Event ;
            rdfs:label "Diplomat completely remedies the violation and satisfies KI" .
        <https://example.org/q> a pg:Event ;
            rdfs:label "Diplomat completely remedies the notice or quality violation" .
        """
    )
    assert resolve(store, "Diplomat remedies the violation", ["event"]) == "https://example.org/v"
    assert resolve(store, "remedies the quality violation", ["event"]) == "https://example.org/q"


def test_a_second_party_named_is_the_other_and_a_covenant_names_a_kind() -> None:
    from pactgraph.load import load

    store = load(
        text="""
        <https://example.org/a> a pg:Agreement ;
            pg:party <https://example.org/ki>, <https://example.org/dip> ;
            pg:provision <https://example.org/no-challenge>, <https://example.org/fees> .
        <https://example.org/ki> a pg:Party ; rdfs:label "KI, Inc." .
        <https://example.org/dip> a pg:Party ; rdfs:label "Diplomat" .
        <https://example.org/release> a pg:Event ;
            rdfs:label "a party informs the other in writing of its desire to be released" .
        <https://example.org/no-challenge> a pg:Restriction ;
            rdfs:label "Diplomat does not attack the validity of the licence" .
        <https://example.org/fees> a pg:Obligation ;
            rdfs:label "Diplomat pays the licence fees" .
        """
    )
    assert (
        resolve(
            store, "Diplomat informs KI, Inc. in writing of its desire to be released", ["event"]
        )
        == "https://example.org/release"
    )
    assert resolve(store, "the no-attack covenant", ["provision"]) == (
        "https://example.org/no-challenge"
    )


def test_an_ambiguous_event_in_a_scenario_is_the_one_resting_on_another_named_with_it() -> None:
    # "the violation notice" could be either notice; with the material violation dated too,
    # it is the notice that exercises the right that violation gives
    import datetime as dt

    from pactgraph.load import load
    from pactgraph.model import model
    from pactgraph.scenario import scenario

    ex = "https://example.org/"
    store = load(
        text=f"""
        <{ex}a> a pg:Agreement ; dcterms:date "2024-01-01"^^xsd:date ;
            pg:provision <{ex}licence>, <{ex}breach-right>, <{ex}quality-right> .
        <{ex}licence> a pg:Right ; rdfs:label "licence" ; pg:endsWith <{ex}end> .
        <{ex}end> a pg:EarliestOf ; pg:member <{ex}breach-exercise>, <{ex}quality-exercise> .
        <{ex}breach-right> a pg:Right ; rdfs:label "right to terminate for a violation" ;
            pg:startsWith <{ex}violation> .
        <{ex}quality-right> a pg:Right ; rdfs:label "right to terminate for poor quality" ;
            pg:startsWith <{ex}poor-quality> .
        <{ex}violation> a pg:Event ; rdfs:label "the licensee violates a material obligation" .
        <{ex}poor-quality> a pg:Event ; rdfs:label "the licensee departs from the quality" .
        <{ex}breach-notice> a pg:Event ; rdfs:label "notice terminating for the violation" .
        <{ex}quality-notice> a pg:Event ;
            rdfs:label "notice terminating for the quality violation" .
        <{ex}breach-exercise> a pg:Exercise ; pg:trigger <{ex}breach-notice> ;
            pg:exercises <{ex}breach-right> .
        <{ex}quality-exercise> a pg:Exercise ; pg:trigger <{ex}quality-notice> ;
            pg:exercises <{ex}quality-right> .
        """
    )
    m = model(store)
    with pytest.raises(UnknownNameError, match="could be any of"):
        resolve(store, "the violation notice", ["event"])
    s = scenario(
        store,
        {
            "the licensee violates a material obligation": dt.date(2024, 5, 1),
            "the violation notice": dt.date(2024, 5, 12),
        },
        m=m,
    )
    assert s.dates[f"{ex}breach-notice"] == dt.date(2024, 5, 12)
    s = scenario(
        store,
        {"the licensee departs from the quality": dt.date(2024, 5, 1),
         "the violation notice": dt.date(2024, 5, 12)},
        m=m,
    )  # fmt: skip
    assert s.dates[f"{ex}quality-notice"] == dt.date(2024, 5, 12)
    with pytest.raises(UnknownNameError, match="could be any of"):
        scenario(store, {"the violation notice": dt.date(2024, 5, 12)}, m=m)


def test_who_gives_and_who_receives_a_notice_is_kept() -> None:
    # GoPage's events are worded by who receives each notice, with its sender as pg:actor
    from conftest import DATA
    from pactgraph.load import load

    store = load([DATA / "real-gopage-content-licence" / "agreement.ttl"])
    base = "https://w3id.org/pactgraph/id/psitech-empirical-content-licence-2014/"

    def event(name: str) -> str:
        return resolve(store, name, kinds=["event"]).removeprefix(base)

    # Empirical Ventures is the Licensee: it receives this notice (the Licensor sends it),
    # not the one the Licensor receives, whose sender it is
    name = "Empirical Ventures receives written notice of a curable material breach"
    assert event(name) == "licensee-breach-notice"
    assert event("PSiTech receives written notice of a curable material breach") == (
        "licensor-breach-notice"
    )
    # worded by the sender: the event whose actor the sender is
    assert event("Licensor gives notice of termination") == "licensor-breach-termination"
    assert event("Licensee sends notice of termination for breach") == (
        "licensee-breach-termination"
    )
    # a notice either party gives, worded by one of them
    assert event("Licensee gives notice of non-renewal") == "non-renewal-notice"
    assert event("notice of non-renewal is given") == "non-renewal-notice"
    # "(other than non-payment)" is not a notice of non-payment
    assert event("Licensor gives notice of non-payment") == "payment-default-notice"
    assert resolve(store, "the confidentiality obligation", ["provision"]) == (
        base + "confidentiality"
    )


def test_an_event_of_several_versions_in_a_scenario_is_the_one_in_effect_on_its_day() -> None:
    # NEON's 1996 terms and its 1999 amendment each have a notice of non-renewal: one given
    # in 2004 is under the 1999 terms, one given in 1997 under the 1996 ones
    import datetime as dt

    from pactgraph.model import model
    from pactgraph.scenario import scenario

    store = real("real-neon-distributor")
    base = "https://w3id.org/pactgraph/id/neon-distributor-1996/"
    m = model(store)
    for day, event in ((dt.date(2004, 1, 15), "non-renewal-notice-1999"),
                       (dt.date(1997, 1, 15), "non-renewal-notice")):  # fmt: skip
        s = scenario(store, {"NEON gives notice of non-renewal": day}, m=m)
        assert s.dates == {base + event: day}


def test_amounts_role_named_parties_and_clauses_with_no_subject() -> None:
    import datetime as dt

    from pactgraph.model import model
    from pactgraph.resolve import words
    from pactgraph.scenario import scenario

    assert words("$10 million") == words("$10,000,000") == words("10000000")
    assert words("2.5 billion") == words("2,500,000,000")
    # a number however texts write it: in words, in digits, both, with "%" or "per cent"
    assert words("fifty percent (50%)") == words("50%") == words("50 per cent")
    assert words("thirty (30) days") == words("30 days") == words("thirty days")
    assert words("twenty-five days") == words("25 days") != words("twenty days")
    assert words("one (1) year") == words("1 year")
    assert "one" in words("the one")  # a pronoun, not a number
    store = real("real-neon-distributor")
    base = "https://w3id.org/pactgraph/id/neon-distributor-1996/"
    # "the transitional 50% royalty rate": the label says "fifty percent"
    assert resolve(store, "the transitional 50% royalty rate") == (
        base + "transitional-royalty-rate"
    )

    def event(name: str) -> str:
        return resolve(store, name, kinds=["event"]).removeprefix(base)

    assert event("NEON pays $10 million of royalties in a single year") == "royalty-10m-paid"
    # who receives a notice, where the label says who gives it to whom
    assert event("NEON receives an offering notice") == "offering-notice"
    # "the non-defaulting party delivers written notice terminating …" names no party: the
    # Licensor (Peregrine) may be it
    assert event("Peregrine gives notice of termination for default") == (
        "default-termination-notice"
    )
    # "… and gives notice of termination …": the clause takes the subject before it
    m = model(store)
    s = scenario(
        store,
        {"Peregrine gives notice of default": dt.date(2000, 7, 1),
         "gives notice of termination for default": dt.date(2000, 8, 5)},
        m=m,
    )  # fmt: skip
    assert s.given == {
        base + "default-notice": dt.date(2000, 7, 1),
        base + "default-termination-notice": dt.date(2000, 8, 5),
    }


def test_a_short_name_a_party_label_defines_in_brackets() -> None:
    from pactgraph.resolve import words

    # "Stremicks Heritage Foods, LLC (Heritage)", "Premier Nutrition Corporation (Premier)"
    store = real("real-bellring-manufacturing")
    base = "https://w3id.org/pactgraph/id/"
    assert resolve(store, "Heritage", kinds=["party"]).startswith(base)
    # an event a label words as "a Party … the other", named with both short names, and
    # "uncured" as the label's "failed to cure"
    found = resolve(
        store, "Premier terminates the agreement for Heritage's uncured material breach",
        kinds=["event"],
    )  # fmt: skip
    assert found.endswith("/termination-for-breach")
    assert words("an uncured breach") == words("a breach failed to cure")


def test_events_a_name_s_parties_fit_either_way() -> None:

    # Bravatek (the Company) and i3 ICS (the Reseller) each give the other a breach notice
    # and each may cure: the labels name both parties, by the names "Company" and "Reseller"
    store = real("real-bravatek-reseller")

    def event(name: str) -> str:
        return resolve(store, name, kinds=["event"]).rsplit("/", 1)[1]

    assert event("Bravatek fully cures the breach") == "company-breach-cured"
    assert event("i3 ICS cures the breach") == "reseller-breach-cured"
    assert event("i3 ICS receives Bravatek's written notice describing its breach") == (
        "reseller-breach-notice"
    )
    assert event("Bravatek receives i3 ICS's written notice describing its breach") == (
        "company-breach-notice"
    )


def test_a_role_a_party_label_gives_names_any_party() -> None:

    # "BorrowMoney.com, inc (a Member)", "JVLS, LLC dba Vaccines 2Go (a Member)"; the event
    # is "a Member is placed in bankruptcy (34)"
    store = real("real-borrowmoney-jv")
    for name in ("JVLS is placed in bankruptcy", "JVLS goes bankrupt", "BorrowMoney goes bankrupt"):
        assert resolve(store, name, kinds=["event"]).endswith("/member-bankruptcy"), name


def test_an_act_whose_label_names_no_one_is_anyones() -> None:

    # Agape's "written notice of termination for the winding up or bankruptcy is posted by
    # ordinary mail": no party, no actor; 7.3 lets either party serve it
    store = real("real-agape-supply")
    found = resolve(store, "the Manufacturer posts the notice of termination", kinds=["event"])
    assert found.endswith("/insolvency-termination-posted")


def test_a_party_is_named_by_the_first_word_of_its_name_where_nothing_else_is() -> None:
    from pactgraph.load import load
    from pactgraph.resolve import party_named_first, words

    # "Gunston Consulting, LLC (CONSULTANT)" is "Gunston" in a question; "First" is the first
    # word of two parties' names, and "organic" a word of a provision: neither names a party
    store = load(
        text="""
        <https://example.org/a> a pg:Agreement ; pg:party <https://example.org/gunston>,
            <https://example.org/fb>, <https://example.org/ft>, <https://example.org/op> .
        <https://example.org/gunston> a pg:Party ; rdfs:label "Gunston Consulting, LLC (CONSULTANT)" .
        <https://example.org/fb> a pg:Party ; rdfs:label "First Bank of Ohio" .
        <https://example.org/ft> a pg:Party ; rdfs:label "First Trust Company" .
        <https://example.org/op> a pg:Party ; rdfs:label "Organic Preparations Inc." .
        <https://example.org/p> a pg:Obligation ; rdfs:label "supply of organic products" .
        <https://example.org/e> a pg:Event ; rdfs:label "death or bankruptcy of CONSULTANT" .
        """
    )
    assert resolve(store, "Gunston", kinds=["party"]) == "https://example.org/gunston"
    assert resolve(store, "Gunston goes bankrupt", kinds=["event"]) == "https://example.org/e"
    assert resolve(store, "the death of Gunston", kinds=["event"]) == "https://example.org/e"
    assert resolve(store, "Gunston dies", kinds=["event"]) == "https://example.org/e"
    with pytest.raises(UnknownNameError):
        resolve(store, "First", kinds=["party"])
    assert party_named_first(store, "Gunston goes bankrupt") == "Gunston"
    assert party_named_first(store, "organic products are recalled") is None
    assert party_named_first(store, "First pays") is None
    assert words("dies") == words("death") == words("died")


def test_each_of_a_party_s_names_gives_a_first_word() -> None:

    # Cool Tech: "VET TECH" is also "Veteran Technology Group, LLC"; "COOL TECH" is also
    # "Cool Technologies Inc.": "Vet", "Veteran" and "Cool" each name one party
    store = real("real-cooltech-alliance")
    assert resolve(store, "Vet", kinds=["party"]).endswith("/vettech")
    assert resolve(store, "Veteran", kinds=["party"]).endswith("/vettech")
    found = resolve(store, "Vet gives sixty days notice of termination", ["event"])
    assert found == resolve(store, "VET TECH gives sixty days notice of termination", ["event"])


def test_a_party_s_act_is_not_an_act_whose_actor_is_another_party() -> None:
    from pactgraph.load import load

    # XIMAGE / MORPHO maintenance agreement: 11 "XIMAGE may terminate MORPHO's rights to
    # use the Software ... by written notice"; 13(a) either party's notice for the other's
    # failure to perform. "MORPHO gives notice of termination" is the second, though the
    # first's label holds every word of it
    store = load(
        text="""
        <https://example.org/a> a pg:Agreement ;
            pg:party <https://example.org/ximage>, <https://example.org/morpho> .
        <https://example.org/ximage> a pg:Party ; rdfs:label "XIMAGE" .
        <https://example.org/morpho> a pg:Party ; rdfs:label "MORPHO" .
        <https://example.org/morpho-rights-terminated> a pg:Event ;
            rdfs:label "XIMAGE gives MORPHO written notice terminating its rights to use the Software" ;
            pg:actor <https://example.org/ximage> .
        <https://example.org/failure-notice> a pg:Event ;
            rdfs:label "a party gives written notice of termination for the other's failure to perform" .
        """
    )
    assert resolve(store, "MORPHO gives notice of termination", ["event"]) == (
        "https://example.org/failure-notice"
    )
    assert resolve(store, "MORPHO receives notice terminating its rights", ["event"]) == (
        "https://example.org/morpho-rights-terminated"
    )
    assert resolve(store, "XIMAGE gives notice terminating the rights", ["event"]) == (
        "https://example.org/morpho-rights-terminated"
    )
    # a local name that starts with a party's name is the node it names
    assert resolve(store, "morpho-rights-terminated", ["event"]) == (
        "https://example.org/morpho-rights-terminated"
    )


def test_a_notice_named_as_given_is_the_notice() -> None:

    # Arconic's licence 4.2: "written notice of termination for the unremedied breach", a
    # label that names no giving
    store = real("real-arconic-trademark-licence")
    for name in (
        "written notice of termination for the unremedied breach is given",
        "notice of termination for breach was served",
    ):
        assert resolve(store, name, ["event"]).endswith("/breach-termination-notice"), name


def test_a_party_s_act_worded_as_a_role_s_is_the_closer_label() -> None:
    from pactgraph.load import load

    # Corio 11.2: "the non-breaching party" may give written notice of a material breach;
    # 12.2: Corio's notice of Commerce One's repeated breach of its support obligations
    store = load(
        text="""
        <https://example.org/a> a pg:Agreement ;
            pg:party <https://example.org/corio>, <https://example.org/c1> .
        <https://example.org/corio> a pg:Party ; rdfs:label "Corio" .
        <https://example.org/c1> a pg:Party ; rdfs:label "Commerce One" .
        <https://example.org/support-notice> a pg:Event ;
            rdfs:label "Corio gives written notice of Commerce One's repeated and material breach of its support obligations" ;
            pg:actor <https://example.org/corio> .
        <https://example.org/breach-notice> a pg:Event ;
            rdfs:label "the non-breaching party gives written notice of a material breach" .
        """
    )
    for name in (
        "Corio gives written notice of a material breach",
        "Corio gives notice of a material breach",
    ):
        assert resolve(store, name, ["event"]) == "https://example.org/breach-notice", name
    assert resolve(store, "Corio gives notice of the repeated breach", ["event"]) == (
        "https://example.org/support-notice"
    )


def test_an_act_on_the_agreement_named_with_it() -> None:

    # Ashworth / Nantz 16: "the Company, on the one hand, and Nantz Communications and Nantz,
    # on the other, consent to terminate": the agreement is what they terminate
    store = real("real-nantz-promotion")
    found = resolve(store, "the Company and Nantz consent to terminate the agreement", ["event"])
    assert found == resolve(store, "the Company and Nantz consent to terminate", ["event"])


def test_a_party_given_a_notice_receives_it() -> None:

    # Bravatek 10(b): "Company receives Reseller's notice terminating the Agreement for cause"
    store = real("real-bravatek-reseller")
    for name in (
        "Bravatek is given i3 ICS's notice terminating the Agreement for cause",
        "Bravatek receives i3 ICS's notice terminating the Agreement for cause",
    ):
        assert resolve(store, name, ["event"]).endswith("/reseller-cause-termination"), name


def test_a_party_by_a_first_word_with_a_digit_and_getting_as_receiving() -> None:
    # Bravatek: i3 Integrative Creative Solutions, LLC ("i3 ICS", the Reseller); "gets" a
    # notice is "receives" it; Gentech 7(c)(ii): "fixes it" is "corrects the failure"
    store = real("real-bravatek-reseller")
    assert resolve(store, "i3", ["party"]) == resolve(store, "i3 ICS", ["party"])
    found = resolve(store, "Bravatek gets i3's written notice of breach", ["event"])
    assert found.endswith("/company-breach-notice")
    gentech = real("real-gentech-distributor")
    found = resolve(gentech, "the Distributor fixes the failure", ["event"])
    assert found.endswith("/distributor-breach-corrected")


def test_how_and_what_about_do_not_count_and_telling_is_notifying() -> None:
    # Bravatek: "a Party's sixty days' written notice of termination for non-cause is
    # received"; 4: "Company notifies Reseller ... of any change to ... a Company Product"
    store = real("real-bravatek-reseller")
    found = resolve(store, "Bravatek terminates for non-cause with notice", ["event"])
    assert found.endswith("/noncause-notice")
    found = resolve(store, "Bravatek's duty to tell i3 ICS about product changes", ["provision"])
    assert found.endswith("/product-change-notice")


def test_an_act_named_without_notice_is_not_the_notice_of_it() -> None:
    # Arconic 4.3: "files or suffers a bankruptcy or insolvency petition" is the event;
    # "written notice of termination upon the other party's bankruptcy" is the notice
    store = real("real-arconic-trademark-licence")
    found = resolve(store, "a party goes bankrupt", ["event"])
    assert "notice" not in label_of(store, found)
    found = resolve(store, "notice of termination upon bankruptcy", ["event"])
    assert "notice" in label_of(store, found)


def test_late_payment_is_a_failure_to_pay_on_time_and_adjudicated_is_light() -> None:
    # XIMAGE 13(b): "XIMAGE may terminate ... if MORPHO has failed to make timely payment"
    store = real("real-ximage-maintenance")
    found = resolve(store, "the right to terminate for late payment", ["provision"])
    assert found.endswith("/nonpayment-termination-right")
    # Gentech 7(c)(i): "a Party becomes insolvent, or bankruptcy ... proceedings are
    # instituted": "is adjudicated bankrupt" names it
    gentech = real("real-gentech-distributor")
    found = resolve(gentech, "the Distributor is adjudicated bankrupt", ["event"])
    assert "insolvent" in label_of(gentech, found)
