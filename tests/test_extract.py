"""Bootstrapping a bible from a script: characters and intros, locations, props.

The scripts here are original snippets. Most are read with the Fountain reader;
``_script`` builds a Script by hand so the extraction rules are also tested
without it.
"""

from __future__ import annotations

import textwrap

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from continuity.bible.dump import dump_bible
from continuity.bible.extract import MAX_PROPS, extract_bible
from continuity.bible.load import parse_bible
from continuity.screenplay.heading import parse_heading
from continuity.screenplay.model import Element, Kind, Scene, Script

fountain = pytest.importorskip("continuity.screenplay.readers.fountain")

LIGHTHOUSE = """\
Title: The Lighthouse
Author: Test

EXT. LIGHTHOUSE - NIGHT

Rain hammers the rocks. MARA QUINN, 30s, wiry, red hair, climbs the iron stairs as her brother TOM -- nervous, soaked to the skin -- follows with the lantern.

MARA
Hold the lantern higher.

TOM
I am holding it.

INT. LIGHTHOUSE - LANTERN ROOM - CONTINUOUS

A SCREEN DOOR BANGS somewhere below. BANG! Mara checks the brass compass. The door rattles.

OLD PETE (70s) watches from the corner, by the door.

OLD PETE
Storm's turning.

MARA (V.O.)
It always does.

MARA AND TOM
Quiet!

EXT. HARBOUR - DAY

Tom sets the lantern on the quay and taps the compass. The door of the shed stands open. The man in the boat waves a hand.

MARA
Where's the lantern?

EXT. LIGHTHOUSE - NIGHT

Mara's hand finds the compass in the dark.
"""


def parse(text: str) -> Script:
    return fountain.parse(textwrap.dedent(text), source="test.fountain")


def _script(*scenes: tuple[str, list[tuple[str, str]]], title: str | None = None) -> Script:
    """A Script from ``(heading, [(kind, text), ...])``; kind is ``action`` or a cue name."""
    out, line = [], 1
    for i, (heading, items) in enumerate(scenes, 1):
        elements, start = [], line
        line += 2
        for kind, text in items:
            if kind == "action":
                elements.append(Element(Kind.ACTION, text, line))
            else:
                elements.append(Element(Kind.CHARACTER, kind, line, character=kind))
                elements.append(Element(Kind.DIALOGUE, text, line + 1, character=kind))
            line += text.count("\n") + 3
        out.append(Scene(i, parse_heading(heading), start, tuple(elements)))
    return Script(title_page=(("Title", title),) if title else (), scenes=tuple(out), source="hand")


@pytest.fixture(scope="module")
def lighthouse():
    return extract_bible(fountain.parse(LIGHTHOUSE, source="lighthouse.fountain"))


# -- characters ----------------------------------------------------------------------


def test_characters_are_the_speaking_cues(lighthouse):
    assert [c.name for c in lighthouse.characters] == ["MARA", "TOM", "OLD PETE"]
    assert lighthouse.title == "The Lighthouse"


def test_intro_with_full_name_and_comma_description(lighthouse):
    mara = lighthouse.character("MARA")
    assert mara.aliases == ["MARA QUINN"]
    assert mara.description == "30s, wiry, red hair"
    assert (mara.introduced_scene, mara.introduced_line) == (1, 6)
    assert lighthouse.character("mara quinn") is mara
    assert all(isinstance(v, str) for v in mara.attributes.values())
    assert mara.attributes.get("hair") in (None, "red")  # depends on the lexicon


def test_intro_with_dash_clause_and_parenthesis(lighthouse):
    tom = lighthouse.character("TOM")
    assert tom.description == "nervous, soaked to the skin"
    assert tom.aliases == []
    pete = lighthouse.character("OLD PETE")
    assert pete.description == "70s"
    assert (pete.introduced_scene, pete.introduced_line) == (2, 18)


def test_sounds_and_joint_cues_are_not_characters(lighthouse):
    names = {c.name for c in lighthouse.characters}
    assert not names & {"SCREEN DOOR", "BANGS", "BANG", "SCREEN", "MARA AND TOM", "V.O."}


@pytest.mark.parametrize(
    ("action", "cues", "expected"),
    [
        (
            "JO BLOOM, AGE 3, listens wide-eyed as her father ED BLOOM, 40's and handsome, tells the story.",
            ["JO", "ED"],
            {"JO": ("AGE 3", ["JO BLOOM"]), "ED": ("40's and handsome", ["ED BLOOM"])},
        ),
        (
            "His mother SANDY -- from whom he gets his patience -- stands by the sink.",
            ["SANDY"],
            {"SANDY": ("from whom he gets his patience", [])},
        ),
        (
            "A quiet porch. But RAY HOLLIS, retired fire chief, is sitting quietly -- thinking.",
            ["RAY"],
            {"RAY": ("retired fire chief", ["RAY HOLLIS"])},
        ),
        (
            "DR. ANNA PIKE (85) enters from the hall.",
            ["DR. PIKE"],
            {"DR. PIKE": ("85", ["DR. ANNA PIKE"])},
        ),
        (
            "Freckled LEN CROSS is 12. His sister is DOT, who never stops humming.",
            ["LEN", "DOT"],
            {"LEN": ("12", ["LEN CROSS"]), "DOT": ("who never stops humming", [])},
        ),
        (
            "They meet his gorgeous bride IVY at the door.",
            ["IVY"],
            {"IVY": ("gorgeous bride", [])},
        ),
        (
            "Reaching the CLERK, Vera hands over her coupons. BOB and VERA stare.",
            ["CLERK", "BOB", "VERA"],
            {"CLERK": (None, []), "BOB": (None, []), "VERA": (None, [])},
        ),
        (
            "This is the home of THE GANG, AKA DAN and JACK.",
            ["DAN", "JACK"],
            {"DAN": (None, []), "JACK": (None, [])},
        ),
    ],
)
def test_introduction_conventions(action, cues, expected):
    b = extract_bible(_script(("INT. HOUSE - DAY", [("action", action), *[(c, "Hello.") for c in cues]])))
    got = {c.name: (c.description, c.aliases) for c in b.characters}
    assert got == expected


def test_only_the_first_capitals_count():
    b = extract_bible(
        _script(
            ("INT. HOUSE - DAY", [("action", "WILL, now 8, reads."), ("WILL", "Hi.")]),
            ("INT. HOUSE - NIGHT", [("action", "WILL, now 28, is older."), ("WILL", "Hi.")]),
        )
    )
    will = b.character("WILL")
    assert will.description == "now 8" and will.introduced_scene == 1


def test_possessives_and_version_names_are_not_intros():
    b = extract_bible(
        _script(
            ("INT. HOUSE - DAY", [("action", "MAY'S hand trembles. YOUNG MAY, 8, hides."), ("MAY", "Hi.")]),
            ("INT. HOUSE - NIGHT", [("action", "MAY, 40, sits down."), ("MAY", "Hi.")]),
        )
    )
    may = b.character("MAY")
    assert (may.description, may.aliases, may.introduced_scene) == ("40", [], 2)


def test_character_without_intro_is_placed_at_first_cue():
    b = extract_bible(_script(("INT. HOUSE - DAY", [("action", "Silence."), ("NED", "Hello?")])))
    ned = b.character("NED")
    assert ned.description is None and ned.attributes == {}
    assert (ned.introduced_scene, ned.introduced_line) == (1, 6)


def test_full_name_alias_never_collides_with_another_cue():
    b = extract_bible(
        _script(("INT. HOUSE - DAY", [("action", "AL BROWN, 50, waves."), ("AL", "Hi."), ("AL BROWN", "Me?")]))
    )
    assert [c.name for c in b.characters] == ["AL", "AL BROWN"]
    assert b.character("AL").aliases == []
    assert b.character("AL BROWN").description == "50"


def test_group_cues_are_skipped():
    b = extract_bible(_script(("INT. HOUSE - DAY", [("A", "x"), ("B", "y"), ("ALL", "z"), ("A & B", "w")])))
    assert [c.name for c in b.characters] == ["A", "B"]


# -- locations and props ---------------------------------------------------------------


def test_locations_in_order_of_first_heading(lighthouse):
    assert [loc.name for loc in lighthouse.locations] == ["LIGHTHOUSE", "LIGHTHOUSE - LANTERN ROOM", "HARBOUR"]
    assert all(loc.attributes == {} for loc in lighthouse.locations)


def test_props_are_repeated_definite_nouns(lighthouse):
    names = [p.name for p in lighthouse.props]
    # "the compass" twice beats "the brass compass" once; the lantern room is a place.
    assert names == ["compass", "lantern"]
    assert lighthouse.prop("the brass compass") is None  # props match by name; the audit allows modifiers


def test_props_cut_at_verbs_and_need_repetition():
    b = extract_bible(
        _script(
            ("INT. SHED - DAY", [("action", "The radio crackles. He fixes the radio. The kettle whistles once.")]),
            ("INT. SHED - NIGHT", [("action", "The old radio hums. It hums all night. The crowd parts.")]),
        )
    )
    assert [p.name for p in b.props] == ["radio"]


def test_props_are_capped_and_sorted_by_frequency():
    words = [f"gizmo{chr(97 + i // 26)}{chr(97 + i % 26)}" for i in range(MAX_PROPS + 20)]
    text = " ".join(f"He drops the {w}." for w in words)
    b = extract_bible(_script(("INT. LAB - DAY", [("action", text + " The gizmozz spins.")]), ("INT. LAB - NIGHT", [("action", text)])))
    assert len(b.props) == MAX_PROPS
    assert b.props[0].name == words[0]  # ties keep first appearance


# -- the whole ---------------------------------------------------------------------------


def test_result_round_trips_through_yaml(lighthouse):
    assert parse_bible(dump_bible(lighthouse)) == lighthouse
    assert lighthouse.facts()


def test_empty_script_gives_empty_bible():
    b = extract_bible(Script())
    assert b == b.empty()


_WORDS = st.sampled_from(
    ["MARA", "TOM", "MARA QUINN", "BANG", "the", "lantern", "door", "--", ",", "(30s)", "DR.", "is", "10", "'S",
     "red", "hair", ".", "AND", "YOUNG", "V.O.", "the compass", "sits", "\n", "...", "(", ")", "—"]
)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.lists(_WORDS, max_size=30).map(" ".join), min_size=1, max_size=6),
    st.lists(st.sampled_from(["MARA", "TOM", "MARA QUINN", "DR. PIKE", "MARA AND TOM", "ALL", "O'BRIEN"]), max_size=5),
)
@example(["the MARA MARA MARA MARA V.O."], ["MARA"])  # a long alias in a list kept its last full stop
def test_fuzz_extract_always_gives_a_valid_bible(actions, cues):
    items = [("action", a) for a in actions] + [(c, "Hi.") for c in cues]
    b = extract_bible(_script(("INT. LIGHTHOUSE - NIGHT", items), ("EXT. LIGHTHOUSE - DAY", items)))
    assert parse_bible(dump_bible(b)) == b


def test_big_fish_corpus(corpus):
    path = corpus / "screenplays" / "Big-Fish.fountain"
    if not path.exists():
        pytest.skip(f"{path} not found")
    from continuity.screenplay.io import load_script

    b = extract_bible(load_script(path))
    for name in ("EDWARD", "WILL", "SANDRA"):
        c = b.character(name)
        assert c is not None and c.description, name
    assert "EDWARD BLOOM" in b.character("EDWARD").aliases
    assert parse_bible(dump_bible(b)) == b
    assert len(b.props) <= MAX_PROPS and b.locations
