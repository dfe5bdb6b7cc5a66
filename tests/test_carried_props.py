"""A character's own things, listed under the character in the bible, are props of the bible.

"props: black Leica camera on a brown leather strap" under a character is checked as a listed
prop is: its look and its parts. A thing and its replacement, glasses, garments and another
character's thing are not made props. A bare phrase in the props section is named by its noun.
"""

from __future__ import annotations

from checkutil import messages

from continuity.bible.carried import thing_name, things_in
from continuity.bible.load import parse_bible


def test_a_thing_is_named_by_its_noun_and_its_brand():
    assert thing_name("black Leica camera on a brown leather strap cracked at the lugs") == ("Leica camera", ["Leica"])
    assert thing_name("small black notebook with an elastic band") == ("notebook", [])
    assert thing_name("Tortoiseshell reading glasses") is None
    assert thing_name("ring of a dozen brass keys") is None  # a ring of keys is no ring


def test_things_split_at_new_things_not_at_parts_or_fates():
    assert things_in("clipboard, tin cash box, the base camp radio") == [
        "clipboard", "tin cash box", "the base camp radio"]
    assert things_in("white china mug, blue rim, chip out of the handle; broken sc11") == [
        "white china mug, blue rim, chip out of the handle; broken sc11"]
    assert things_in("red tartan flask; from sc16 Walter's silver pocket watch") == ["red tartan flask"]
    assert things_in("steel stopwatch on a green lanyard; reading glasses for books") == [
        "steel stopwatch on a green lanyard"]


BIBLE = """
characters:
  - name: Clive Bannatyne
    age: 47
    props:
      - black Leica camera on a brown leather strap cracked at the lugs
      - small black notebook with an elastic band
  - name: Ada Pryce
    carries: Clive's spare film; tortoiseshell reading glasses
"""


def test_a_characters_props_become_the_bibles():
    bible = parse_bible(BIBLE)
    assert {p.name: p.description for p in bible.props} == {
        "Clive's Leica camera": "black Leica camera on a brown leather strap cracked at the lugs",
        "Clive's notebook": "small black notebook with an elastic band",
    }
    assert bible.prop("Leica") is not None


def _script(strap: str) -> str:
    return f"""
INT. SIGNAL BOX - DAY

CLIVE BANNATYNE (47) comes up the stair, notebook in hand.

CLIVE
Might I see the frame?

INT. SIGNAL BOX - LATER

Clive, the Leica on its {strap} strap round his neck, photographs the levers.
"""


def test_the_part_of_a_carried_thing_is_checked_in_its_colour():
    assert messages(_script("brown leather"), BIBLE, ["prop"]) == []
    found = messages(_script("red nylon"), BIBLE, ["prop"], "strap")
    assert found and "brown" in found[0], found


def test_a_thing_and_its_replacement_are_not_one_prop():
    bible = parse_bible("""
characters:
  - name: Walt Maguire
    props:
      stopwatch_original: Silver Heuer stopwatch, crystal cracked straight across. SMASHED in sc. 11.
      stopwatch_replacement: Black Smiths stopwatch from the market, sc. 12 on.
""")
    assert [p.name for p in bible.props] == []


def test_a_bare_phrase_in_the_props_section_is_named_by_its_noun():
    bible = parse_bible("props:\n  - a red velvet pouch with a drawstring\n")
    assert [(p.name, p.description) for p in bible.props] == [("pouch", "a red velvet pouch with a drawstring")]


DYED_BIBLE = """
characters:
  - name: Cora Bellamy
    age: 17
    hair: long black hair in a single plait; from scene 2 the last four inches are dyed electric blue
"""


def test_hair_dyed_at_the_tips_is_still_its_own_colour():
    script = """
INT. CLUB - NIGHT

CORA BELLAMY (17) sits with her long black plait over one shoulder.

INT. BATHROOM - NIGHT

Cora dips the end of her plait in the dye. Electric blue.

INT. CLUB - DAY

Cora comes in, her long black plait with its new electric-blue tips.
"""
    assert messages(script, DYED_BIBLE, ["appearance"], "hair") == []
    assert messages(script.replace("long black plait with", "long red plait with"), DYED_BIBLE, ["appearance"], "hair")


TWO_THERMOSES = """
characters:
  - name: WALT PIKE
    props: army-green steel thermos with WP scratched on it (given to Benny sc3)
  - name: BENNY LAROCQUE
    props: red tartan thermos with black stripe -- crushed by the hawser sc2; uses Walt's thereafter
"""


def test_two_characters_things_of_one_kind_are_each_their_own():
    bible = parse_bible(TWO_THERMOSES)
    assert sorted(p.name for p in bible.props) == ["Benny's tartan thermos", "Walt's thermos"]


def test_a_thing_crushed_then_drunk_from_whole():
    script = """
EXT. TUG - DECK - DAY

BENNY LAROCQUE (19) pours tea from his red tartan thermos. WALT PIKE (58) coils rope.

EXT. TUG - DECK - NIGHT

The hawser whips across the deck and crushes the thermos flat. Benny stares at it.

EXT. WHARF - DAY

Benny drinks from {which}, not a dent in it.

BENNY
Good tea.
"""
    assert messages(script.format(which="Walt's dented army-green thermos"), TWO_THERMOSES, ["prop"], "destroyed") == []
    found = messages(script.format(which="his red tartan thermos"), TWO_THERMOSES, ["prop"], "destroyed")
    assert found and "thermos is used here, but it was destroyed" in found[0], found
