"""continuity.bible.edit: add-to-bible changes made in place, comments, order and layout kept."""

from __future__ import annotations

import difflib

import pytest
from conftest import EXAMPLE, ROOT
from hypothesis import given, settings
from hypothesis import strategies as st

from continuity.bible.edit import Change, apply_change, edit_bible_text, scalar
from continuity.bible.load import parse_bible
from continuity.bible.model import Bible, Character, Location, SceneRange, WardrobeItem
from continuity.errors import InputError

LIGHTHOUSE = (EXAMPLE / "bible.yaml").read_text(encoding="utf-8")

BLOCK = """\
# The canon. Keep this comment.
title: Test   # trailing comment

characters:
  # the lead
  - name: Mara
    aliases:
      - Mara Quinn
    attributes:
      hair: red    # natural
      Eyes: green
    wardrobe:
      - item: green coat
        scenes: "1-"
      - item: scarf

  - name: ELI
    description: >-
      A folded
      description.

locations:
  - name: LIGHTHOUSE
    attributes: {door: blue}
# the end
"""


def changed_lines(old: str, new: str) -> tuple[list[str], list[str]]:
    """Lines removed and added (a line edited in place counts as one of each)."""
    diff = list(difflib.ndiff(old.splitlines(), new.splitlines()))
    return [d[2:] for d in diff if d.startswith("- ")], [d[2:] for d in diff if d.startswith("+ ")]


def test_scalar_quotes_only_when_needed():
    assert scalar("red") == "red" and scalar("Mara Quinn") == "Mara Quinn"
    for tricky in ("yes", "30", "no", "a: b", "#fff", "x, y", "null", "[x]", "it's: fine", "1-4"):
        assert parse_bible(f"title: {scalar(tricky)}\n").title == tricky


@pytest.mark.parametrize("change, removed, added", [
    (Change("characters", "MARA", set_attribute=("hair", "blonde")),
     ["      hair: red    # natural"], ["      hair: blonde    # natural"]),
    (Change("characters", "mara", set_attribute=("eyes", "blue")), ["      Eyes: green"], ["      Eyes: blue"]),
    (Change("characters", "MARA", set_attribute=("age", "30s")), [], ["      age: 30s"]),
    (Change("characters", "MARA", add_alias="MARRA"), [], ["      - MARRA"]),
    (Change("characters", "ELI", set_attribute=("eyes", "brown")), [], ["    attributes: {eyes: brown}"]),
    (Change("characters", "ELI", add_alias="Eli Vance"), [], ["    aliases: [Eli Vance]"]),
    (Change("characters", "TOM", set_attribute=("age", "20s")), [],
     ["  - name: TOM", "    attributes: {age: 20s}"]),
    (Change("locations", "LIGHTHOUSE", set_attribute=("door", "red")),
     ["    attributes: {door: blue}"], ["    attributes: {door: red}"]),
    (Change("locations", "Lighthouse", set_attribute=("gate", "black")),
     ["    attributes: {door: blue}"], ["    attributes: {door: blue, gate: black}"]),
    (Change("characters", "MARA", add_wardrobe=("blue coat", "5-"), narrow_wardrobe=((0, "1-4"),)),
     ['        scenes: "1-"'], ['        scenes: "1-4"', "      - item: blue coat", '        scenes: "5-"']),
    (Change("characters", "MARA", add_wardrobe=("wool scarf", "3-"), narrow_wardrobe=((1, "1-2"),)),
     [], ['        scenes: "1-2"', "      - item: wool scarf", '        scenes: "3-"']),
])
def test_block_style_edits_touch_only_their_lines(change, removed, added):
    out = apply_change(BLOCK, change)
    assert changed_lines(BLOCK, out) == (removed, added)
    parse_bible(out)  # still a valid bible
    assert "# The canon. Keep this comment." in out and "# the lead" in out and "# the end" in out


def test_flow_style_and_the_example_bible():
    out = apply_change(LIGHTHOUSE, Change("characters", "MARA", add_alias="MARRA"))
    assert changed_lines(LIGHTHOUSE, out) == (["    aliases: [Mara Quinn]"], ["    aliases: [Mara Quinn, MARRA]"])
    out = apply_change(LIGHTHOUSE, Change("characters", "ELI", set_attribute=("eyes", "brown")))
    assert changed_lines(LIGHTHOUSE, out) == ([], ["      eyes: brown"])
    out = apply_change(LIGHTHOUSE, Change("characters", "MARA", add_wardrobe=("blue wool sweater", "9-"),
                                          narrow_wardrobe=((1, "6-8"),)))
    removed, added = changed_lines(LIGHTHOUSE, out)
    assert len(removed) == 1 and 'scenes: "6-8"' in added[0] and added[1] == '      - {item: blue wool sweater, scenes: "9-"}'
    assert out.startswith("# Continuity bible for THE LIGHTHOUSE")


@pytest.mark.parametrize("text", [
    "title: Empty\n", "title: Empty\ncharacters:\n", "title: Empty\ncharacters: []\n", "", "# only a comment\n",
])
def test_missing_sections_and_entries_are_created(text):
    out = apply_change(text, Change("characters", "ELI", set_attribute=("eyes", "brown")))
    assert parse_bible(out).character("ELI").attributes == {"eyes": "brown"}
    assert out.startswith(text.split("characters:")[0])


def test_crlf_bible_keeps_its_line_ends():
    text = BLOCK.replace("\n", "\r\n")
    out = apply_change(text, Change("characters", "ELI", set_attribute=("eyes", "brown")))
    assert "\n" not in out.replace("\r\n", "") and "    attributes: {eyes: brown}\r\n" in out


def test_edit_is_checked_against_the_intended_bible():
    bible = parse_bible(BLOCK)
    wrong = bible.model_copy(update={"title": "Other"})
    with pytest.raises(InputError, match="edit the bible by hand"):
        edit_bible_text(BLOCK, Change("characters", "ELI", set_attribute=("eyes", "brown")), wrong, source="b.yaml")


# A property over the bundled and golden bibles: any such change reads back as intended and
# every original line is still there, in order, but the one whose value it replaces.
_BIBLES = [LIGHTHOUSE, BLOCK] + [p.read_text(encoding="utf-8") for p in sorted((ROOT / "tests" / "files").rglob("*.yaml"))
                                 if p.stat().st_size < 20_000][:6]


def _expected(bible: Bible, change: Change) -> Bible:
    section = list(getattr(bible, change.section))
    model = Character if change.section == "characters" else Location
    probe = model(name=change.name)
    i = next((k for k, e in enumerate(section) if e.name == probe.name), None)
    if i is None:
        section.append(probe)
        i = len(section) - 1
    e = section[i]
    if change.set_attribute:
        e = e.model_copy(update={"attributes": {**e.attributes, change.set_attribute[0]: change.set_attribute[1]}})
    if change.add_alias:
        e = e.model_copy(update={"aliases": [*e.aliases, change.add_alias]})
    if change.add_wardrobe:
        e = e.model_copy(update={"wardrobe": [*e.wardrobe, WardrobeItem(item=change.add_wardrobe[0],
                                                                          scenes=SceneRange.parse(change.add_wardrobe[1]))]})
    section[i] = e
    return bible.model_copy(update={change.section: section})


_VALUES = st.sampled_from(["red", "blue-grey", "30s", "yes", "42", "a: b", "it's #1", "\u00e9clat", "x, y", "null"])


@settings(max_examples=60, deadline=None)
@given(which=st.integers(0, len(_BIBLES) - 1), section=st.sampled_from(["characters", "locations"]),
       pick=st.integers(0, 20), attr=st.sampled_from(["hair", "eyes", "door", "new key"]), value=_VALUES,
       alias=st.one_of(st.none(), st.sampled_from(["NEW ALIAS", "Zed"])), wardrobe=st.booleans())
def test_changes_read_back_and_keep_every_other_line(which, section, pick, attr, value, alias, wardrobe):
    text = _BIBLES[which]
    try:
        bible = parse_bible(text)
    except Exception:
        return
    entries = getattr(bible, section)
    name = entries[pick].name if pick < len(entries) else f"NEW {section[:4].upper()}"
    if alias and any(alias.upper() == a.upper() for e in entries for a in (e.name, *e.aliases)):
        alias = None
    change = Change(section, name, set_attribute=(attr, value), add_alias=alias,
                    add_wardrobe=("red scarf", "3-") if wardrobe and section == "characters" else None)
    out = edit_bible_text(text, change, _expected(bible, change), source="b.yaml")
    removed, _ = changed_lines(text, out)
    assert len(removed) <= 2  # at most the attribute's line and the alias list's line are rewritten
