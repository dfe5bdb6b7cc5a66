"""Bibles as people write them: the common shapes load, what cannot be placed is kept, misspellings are refused."""

from __future__ import annotations

from pathlib import Path

import pytest

from continuity.bible.load import load_bible, parse_bible, read_bible
from continuity.errors import BibleError

NATURAL = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "natural"

DESIGNER = """\
# the designer's breakdown, pasted in
production: THE SALT ROAD
period: "March 1952, three days"
dramatis_personae:
  AGNES:
    full_name: Mrs Agnes Thorne
    age: 47
    appearance:
      hair: "iron grey, pinned up"
      eyes: hazel
      spectacles: half-moon, for reading
    costume: >
      A brown tweed coat and a felt hat every day; the black crepe for the funeral.
    jewellery: "her late husband's signet ring, LEFT little finger"
  DANNY:
    age: 12
    appearance: "sticking-out ears, a plaster on his right knee"
settings:
  THE POST OFFICE: "A counter with a brass grille; a Bakelite telephone; a calendar stuck on February."
properties:
  the signet ring: "Gold, a worn crest; too big for Danny's finger."
palette: "slate, oatmeal, a single red scarf"
"""

ROOM = """\
show: Night Shift
cast:
  - name: ROSA
    who: "Rosa Delgado, 29, the ward's charge nurse."
    looks: "Black curls cropped short; brown eyes; a small scar through her left eyebrow."
    wardrobe:
      default: navy scrubs and white clogs
      off shift: a red puffer jacket over jeans
      for church: "her mother's green dress"
  - name: LEO
    who: "Leo Marsh, porter. Goes by 'Marshy' on the ward."
    costume:
      - "grey porter's tunic"
      - {item: "orange hi-vis vest", scenes: "sc. 3 on"}
places:
  - name: WARD 7
    description: "Six beds, a nurses' station with a dying spider plant."
things:
  - name: the drug trolley
    description: "Steel, one squeaking wheel, padlocked."
"""


def test_a_designers_breakdown_loads_with_the_cast_places_and_props():
    bible, warnings = read_bible(DESIGNER, source="salt.yaml")
    agnes = bible.character("AGNES")
    assert agnes is not None and "Mrs Agnes Thorne" in agnes.aliases and "Agnes Thorne" in agnes.aliases
    assert agnes.attributes["age"] == "47" and agnes.attributes["hair"] == "iron grey, pinned up"
    assert agnes.attributes["spectacles"] == "half-moon, for reading"
    assert "signet ring" in agnes.attributes["jewellery"]
    assert "brown tweed coat" in agnes.wardrobe[0].item
    assert bible.character("DANNY").attributes["looks"].startswith("sticking-out ears")
    assert bible.location("THE POST OFFICE").description.startswith("A counter")
    assert bible.props[0].name == "the signet ring"
    assert bible.title == "THE SALT ROAD"
    assert bible.style.palette[:2] == ["#708090", "#e0dcc8"] and len(bible.style.palette) == 3
    assert any("'period'" in w and w.startswith("salt.yaml:3:") for w in warnings)
    assert "March 1952" in bible.notes


def test_a_writers_room_bible_keeps_every_named_look():
    bible = parse_bible(ROOM)
    rosa = bible.character("ROSA")
    looks = {w.look: w.item for w in rosa.wardrobe}
    assert looks == {None: "navy scrubs and white clogs", "off shift": "a red puffer jacket over jeans",
                     "for church": "her mother's green dress"}
    assert rosa.attributes["age"] == "29" and "Rosa Delgado" in rosa.aliases
    leo = bible.character("LEO")
    assert "Marshy" in leo.aliases
    assert [str(w.scenes) for w in leo.wardrobe] == ["1-", "3-"]
    assert bible.location("WARD 7") is not None and bible.props[0].name == "the drug trolley"


def test_upper_case_sections_of_places_are_read_as_locations():
    bible, warnings = read_bible("PROJECT: X\nFERRY:\n  CAR DECK: rows of cars under sodium lights\n"
                                 "  WHEELHOUSE: brass wheel, radar screen, a kettle\n", source="b.yaml")
    assert [loc.name for loc in bible.locations] == ["CAR DECK", "WHEELHOUSE"]
    assert any("read 'FERRY' as locations" in w for w in warnings)


@pytest.mark.parametrize(("text", "message"), [
    ("charcters:\n  - name: A\n", "b.yaml:1: charcters: unknown key 'charcters' (did you mean 'characters'?)"),
    ("cast:\n  - name: A\n    wardorbe: [red coat]\n", "b.yaml:3: cast[0].wardorbe: unknown key 'wardorbe' (did you mean 'wardrobe'?)"),
    ("cast:\n  - who: nobody in particular\n", "b.yaml:2: cast[0]: a character needs a name"),
    ("people:\n  A:\n    aliases: [B]\n  B: {}\n", "b.yaml:3: characters[0].aliases[0]: alias 'B' is already"),
])
def test_misspellings_and_real_mistakes_are_still_refused_with_their_line(text, message):
    with pytest.raises(BibleError) as info:
        parse_bible(text, source="b.yaml")
    assert str(info.value).startswith(message), str(info.value)


def test_a_value_moved_to_its_section_keeps_its_line():
    with pytest.raises(BibleError) as info:
        parse_bible("title: x\ndramatis_personae:\n  A:\n    introduced_scene: 0\n", source="b.yaml")
    assert str(info.value).startswith("b.yaml:4: characters[0].introduced_scene:")


def test_canonical_bibles_read_the_same_and_say_nothing():
    bible, warnings = read_bible("title: T\ncharacters:\n  - name: MARA\n    attributes: {hair: red}\n")
    assert warnings == [] and bible.character("MARA").attributes == {"hair": "red"}


@pytest.mark.parametrize("name", ["skarvoy", "ashcombe", "and_guest", "meridian"])
def test_the_natural_development_bibles_load(name):
    path = NATURAL / f"{name}.bible.yaml"
    if not path.is_file():
        pytest.skip("the natural development set is not beside this checkout")
    bible = load_bible(path)
    assert len(bible.characters) >= 5 and bible.locations and bible.props
