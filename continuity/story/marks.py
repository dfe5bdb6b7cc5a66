"""Marks and things worn on one side that the script places without saying "tattoo" or "left" beside them.

Two readings the trait reader (:mod:`continuity.language.body_traits`) cannot make from
one phrase:

- **A mark called by what it shows.** "the swallow on his left forearm", "the treble
  clef flexes on his left forearm": the bible's "tattoo: Swallow on the inside of his
  RIGHT forearm" or "treble clef tattoo, RIGHT forearm" names it.
- **A mark shown on a side the sentence gives its part.** "She opens her right hand
  flat, the little white crescent scar catching the light", "Hale takes it with his left
  hand, the onyx signet ring flashing", "Dana pushes up her right sleeve. The scar runs
  from wrist to elbow": the hand or arm with a side is where the mark is.

Each reading is a ``(character, trait, sentence)``; :class:`continuity.story.people.People`
holds them to the canon like any other statement. A mark shown is read only for a
character already known to have it (the bible or an earlier line), so an unknown ring
in someone's hand is not placed on anyone.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

from continuity.language import traits as tr

if TYPE_CHECKING:
    from continuity.story.context import Context
    from continuity.story.sentences import Sentence

#: First words of a mark's description that are not its name ("Faded", "Small", "Old").
NOT_A_NAME = frozenset("faded small large old new thin thick long short deep pale white red blue black green dark "
                       "light fresh healed healing jagged ragged raised puckered tiny big inside outside on in".split())
#: Marks that can be named by what they show.
_NAMED_NOUNS = ("tattoo", "scar", "birthmark", "burn")
#: "treble clef tattoo, RIGHT forearm": the words before the noun are its name.
_NAME_BEFORE_RE = re.compile(r"\b(?:an?\s+|the\s+)?(?P<name>[A-Za-z]+(?:\s+[A-Za-z]+)?)\s+(?P<noun>" +
                             "|".join(_NAMED_NOUNS) + r")\b", re.IGNORECASE)
#: A body part with a side, and the part of the arm a sleeve covers.
_SIDED_PART_RE = re.compile(r"\b(?P<p>his|her)\s+(?P<s>left|right)\s+(?P<b>hand|palm|arm|forearm|wrist|sleeve|"
                            r"shirt-?sleeve|cuff)\b", re.IGNORECASE)
_PART = {"hand": "hand", "palm": "hand", "arm": "arm", "forearm": "arm", "wrist": "wrist", "sleeve": "arm",
         "shirtsleeve": "arm", "shirt-sleeve": "arm", "cuff": "wrist"}
#: The mark itself, shown after the part: "the little white crescent scar", "cast and all".
_SHOWN_RE = re.compile(r"(?:^|,\s*|\s+)(?:the\s+|his\s+|her\s+)?(?:[\w-]+\s+){0,3}?(?P<m>scar|tattoo|ring|signet(?:\s+ring)?|cast|"
                       r"sling|splint|bandage|watch|wristwatch|bracelet|burn|birthmark)\b(?P<tail>\s+and\s+all)?",
                       re.IGNORECASE)


def _key(thing: str, part: str) -> str:
    """The trait key the trait reader gives this thing on this part."""
    thing = {"wristwatch": "watch", "signet": "ring", "signet ring": "ring"}.get(" ".join(thing.split()), thing)
    if thing in tr.INJURY_THINGS:
        return f"side.injury.{tr.LIMB.get(part, part)}"
    if thing in ("scar", "tattoo", "birthmark", "burn"):
        return f"side.{thing}.{'arm' if part == 'wrist' else part}"
    return f"side.{thing}"


def named_marks(ctx: Context) -> list[tuple[str, tr.Trait, Sentence]]:
    """Sides of a mark the script calls by what the bible says it shows."""
    names: dict[str, tuple[str, str]] = {}  # the mark's own word -> (character, the bible's noun for it)
    for c in ctx.bible.characters if ctx.explicit_bible else ():
        who = ctx.cue_of.get(c.name, c.name)
        for key, value in c.attributes.items():
            noun = key.replace("_", " ").lower().split()[-1] if key.strip() else ""
            # the first word that is not a look ("small blue swallow on the inside of the RIGHT forearm": swallow)
            m = re.match(r"\s*(?:an?\s+|the\s+)?(?:(?:" + "|".join(sorted(NOT_A_NAME, key=len, reverse=True)) +
                         r")[\s,-]+){0,3}([A-Za-z]+)\b", value, re.IGNORECASE)
            if noun in tr.SIDED and not tr.SIDED[noun] and m and m.group(1).lower() not in NOT_A_NAME \
                    and not re.search(r"\b(?:left|right)\b", m.group(1), re.IGNORECASE):
                names[m.group(1).lower()] = (who, noun)
            for m in _NAME_BEFORE_RE.finditer(value):
                last = m.group("name").split()[-1].lower()
                if last not in NOT_A_NAME and last not in tr.SIDES and last not in tr.SIDED and \
                        last not in ("a", "an", "the", "his", "her", "of", "and", "with"):
                    names.setdefault(last, (who, m.group("noun").lower()))
    if not names:
        return []
    rx = re.compile(r"\b(?:the|his|her|a)\s+(?:[\w-]+\s+){0,2}?(?P<w>" + "|".join(map(re.escape, names)) + r")\b(?:\s+\w+)?"
                    r"\s+(?:on|in|across|along|inside|down)\s+(?:the\s+inside\s+of\s+)?(?:his|her|the|"
                    r"(?P<o>[A-Z][a-z]+)(?:'s|\u2019s))\s+(?P<s>left|right)\s+(?P<b>\w+)", re.IGNORECASE)
    # "tucks her hair behind her left ear, the little lightning bolt showing": the part first, then the mark
    after = re.compile(r"\b(?:behind|on|in|across|along|inside)\s+(?:his|her)\s+(?P<s>left|right)\s+(?P<b>\w+)\s*,\s+"
                       r"(?:the|a|his|her)\s+(?:[\w-]+\s+){0,2}?(?P<w>" + "|".join(map(re.escape, names)) + r")\b",
                       re.IGNORECASE)
    out = []
    for s in ctx.sentences:
        if s.kind != "action" or s.scene == 0:
            continue
        for m in [*rx.finditer(s.text), *after.finditer(s.text)]:
            who, noun = names[m.group("w").lower()]
            if m.groupdict().get("o") and ctx.cast.surface.get(m.group("o").upper()) != who:
                continue  # ("the blue anchor on Tommy's right forearm" would be another anchor)
            limb = tr.BODY.get(m.group("b").lower())
            if limb is None or who not in ctx.cast.gender:
                continue
            trait = tr.Trait(f"side.{noun}.{limb}", m.group("s").lower(), m.group(0), m.start(), who, None, False,
                             False, "named")
            out.append((who, trait, s))
    return out


def shown_marks(ctx: Context, known: set[tuple[str, str]]) -> list[tuple[str, tr.Trait, Sentence]]:
    """Marks shown on a part whose side the sentence gives, for those ``known`` to bear them.

    ``known`` holds ``(character, key)`` pairs the bible or the script has already sided.
    """
    out = []
    for s in ctx.sentences:
        if s.kind != "action" or s.scene == 0:
            continue
        for pm in _SIDED_PART_RE.finditer(s.text):
            part = _PART[pm.group("b").lower().replace("-", "")] if pm.group("b").lower() != "shirt-sleeve" else "arm"
            rest = s.text[pm.end():]
            # the rest of the sentence after a comma, or the next sentence of the paragraph
            shown = None
            comma = rest.find(",")
            if comma >= 0 and not re.search(r"\b(?:left|right)\b", rest, re.IGNORECASE):
                shown = _SHOWN_RE.match(rest[comma:])
            here = shown is not None
            if shown is None and not re.search(r"\b(?:left|right)\b", rest, re.IGNORECASE):
                nxt = ctx.sentences[s.id + 1] if s.id + 1 < len(ctx.sentences) else None
                if nxt is not None and nxt.element == s.element and nxt.kind == "action":
                    shown = re.match(r"(?:The|His|Her)\s+(?:[\w-]+\s+){0,3}?(?P<m>scar|tattoo|ring|cast|sling|"
                                     r"burn|birthmark)\b(?P<tail>)", nxt.text)
                    if shown and re.search(r"\b(?:left|right)\b", nxt.text, re.IGNORECASE):
                        shown = None
            if shown is None:
                continue
            gender = "m" if pm.group("p").lower() == "his" else "f"
            who = ctx.reader.previous_named(s, gender, include_self=True)
            key = _key(shown.group("m").lower(), part)
            if who is None or who not in ctx.cast.gender or (who, key) not in known:
                continue
            if here:
                words = s.text[pm.start(): pm.end() + comma + shown.end()].strip()
            else:
                words = f"{pm.group(0)}. {shown.group(0).strip()}"
            trait = tr.Trait(key, pm.group("s").lower(), words, pm.start(), who, gender, False, False, "shown")
            out.append((who, trait, s))
    return out


_ASIDE_SIDE_RE = re.compile(r"\b(?:left|right)\b", re.IGNORECASE)


def aside_sides(ctx: Context) -> list[tuple[str, tr.Trait, Sentence]]:
    """Sides a speaker's own parenthetical gives: "(taps his right knee)" under MAGNUS is his right knee."""
    speeches: dict[int, list[Sentence]] = {}
    for x in ctx.sentences:
        if x.kind == "dialogue":
            speeches.setdefault(x.scene, []).append(x)
    found: list[tuple[str, str, Sentence]] = []
    for scene in ctx.script.scenes:
        for el in scene.elements:
            if el.kind.name != "PARENTHETICAL" or not _ASIDE_SIDE_RE.search(el.text):
                continue
            nxt = next((x for x in speeches.get(scene.index, ()) if x.line >= el.line), None)
            if nxt is None or not nxt.speaker:
                continue
            text = el.text.strip().strip("()")
            found.append((nxt.speaker, text, replace(nxt, line=el.line, text=text)))
    if not found:
        return []
    out = []
    for (who, text, s), parse in zip(found, ctx.parse_prose([t for _, t, _ in found])):
        gender = ctx.cast.gender.get(who)
        for t in tr.read(parse):
            if t.key.startswith("side.") and (t.pronoun is None or gender is None or t.pronoun == gender):
                out.append((who, t, s))
    return out



_FRESH_MARK = frozenset("pink red fresh new raw healing angry livid recent".split())
_OLD_MARK = frozenset("old healed faded white silvery ancient childhood".split())


def another_mark(st, fact) -> bool:
    """A fresh scar said where the one in force is an old one: two marks, not one on the wrong side.

    ``st`` is a statement of the script (its trait and sentence), ``fact`` the value in force (its words and text).
    """
    at = st.sentence.text.find(st.trait.words)
    said = set(re.findall(r"[a-z]+", st.sentence.text[max(0, at - 30):at + len(st.trait.words)].lower()))
    text = fact.text or fact.words
    at = max(0, text.find(fact.words))
    return bool(said & _FRESH_MARK) and bool(set(re.findall(r"[a-z]+", text[max(0, at - 30):at + len(fact.words)].lower()))
                                             & _OLD_MARK)
