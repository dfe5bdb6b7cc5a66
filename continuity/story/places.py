"""Each location's set over story time: what the bible says is (and is not) there, and what the script changes.

Read once per audit from the bible's location descriptions and the script's action:

- **What is not there.** "Windowless.", "No curtains.", "a room without a window":
  a feature the bible rules out, so a line that puts one in that set contradicts it.
- **Fixtures by what they are.** The set's things with a distinctive word before
  their noun ("a stuffed puffin in a glass case", "a potted chilli plant"): when the
  script says "the stuffed guillemot" in that set, and the only stuffed thing the
  bible gives it is a puffin, the definite article points at the puffin.
- **Colours that change on screen.** "run rollers of sunshine-yellow paint over the
  mint green", "slapping whitewash over the blue": from that scene on the room is
  the new colour, and a line that gives it the old one is a slip (the scene of the
  change itself allows both).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

from continuity.language.lexicon import (
    MATERIALS,
    colour_group,
)
from continuity.story.place_colours import (
    BUILDINGS,
    LEAD_COLOUR_RE,
    SIDING,
    colour_before,
    coloured_things,
    described_paint,
    first_colour,
    key_colour,
    paint_colour,
    same_noun,
)

if TYPE_CHECKING:
    from continuity.story.context import Context
    from continuity.story.sentences import Sentence

#: A bible key for a place as it was: "in_1998", "flashback", "before", "originally", "1979".
_PAST_KEY_RE = re.compile(r"(?:^|[_\s])(?:1[89]|20)\d\d\b|\b(?:flashback|before|originally|formerly|past|back then|then|"
                          r"old|was)\b|^in[_\s]\d", re.IGNORECASE)

_NOUN = r"[a-z][a-z'-]+"
_ABSENT_RES = (
    re.compile(r"\b(?P<w>window|door|curtain|carpet|mirror|clock|light|phone|telephone|roof|porthole)less\b", re.I),
    re.compile(r"\bno\s+(?P<w>" + _NOUN + r")(?=[\s.,;:)]|$)", re.I),
    re.compile(r"\bwithout\s+(?:a|an|any)\s+(?P<w>" + _NOUN + r")\b", re.I),
    re.compile(r"\bnever\s+(?:a|an|any)\s+(?P<w>" + _NOUN + r")\b", re.I),
)
#: Words an absent feature also goes by: no window means no windowsill either.
_ALSO = {"window": ("window", "windows", "windowsill", "windowsills", "window-sill", "sill", "windowpane", "pane"),
         "curtain": ("curtain", "curtains", "drape", "drapes"), "curtains": ("curtain", "curtains", "drapes"),
         "door": ("door", "doors"), "carpet": ("carpet", "carpets", "rug"), "clock": ("clock",),
         "mirror": ("mirror",), "phone": ("phone", "telephone"), "telephone": ("phone", "telephone"),
         "television": ("television", "televisions", "tv", "telly"), "tv": ("television", "tv", "telly"),
         "telly": ("television", "tv", "telly")}
_NOT_FEATURES = frozenset("""one longer more less other need sign trace way doubt time point matter reason one's
one- sound light life hope end fuss question smoking parking entry exit access""".split())
#: Words before a fixture's noun that say what kind of thing it is (not its size or state).
#: Materials are no such word: a set holds many brass things, and the cast brings more in.
_KIND_WORDS = frozenset("""stuffed framed potted mounted neon embroidered taxidermied caged""".split())
_NOT_NOUNS = frozenset("the a an in on of and or with at by for to from over under its his her their".split())
_PAINT_RE = re.compile(  # (not "hand-painted with white magnolias": how a thing was made)
    r"(?<!-)\b(?:(?:re)?paint(?:s|ed|ing)?|whitewash(?:es|ed|ing)?|rollers? of|coats? of|slap(?:s|ping)?|undercoat|"
    r"primer|still tacky|(?:first|last|next) (?:brush)?(?:strokes?|stripes?|bands?) of\b|"
    r"(?:first|last|next|second) (?:brush)?(?:strokes?|coats?)\s*[:,\u2014]|rollers?\s+(?:the|a)\b|roll(?:s|ing|ed)\b(?=[^.;]*\bshade of\b)|(?:tins?|cans?|pots?) of\b(?=[^.;]*\b(?:gloss|emulsion|enamel)\b))",
    re.I)
_OLD_PAINT_RE = re.compile(r"\b(?:its|the old)\s+[a-z-]+\s+paint\b|\bpaint(?:work)?\s+(?:is\s+)?(?:blistered|blistering|"
                           r"flaking|peeling|chipped|faded|cracked|scabbed)|"
                           # "scraping away the last curls of red paint": the old coat coming off
                           r"\b(?:scrap|strip|sand|burn|peel)\w*\s+(?:away|off|back)?\s*[^.;]{0,30}\bpaint\b|"
                           # "a foot up the whitewashed walls": walls that are white, not a coat going on
                           r"\b(?:the|a|an|its|their|his|her)\s+(?:[a-z-]+\s+)?whitewashed\s+[a-z]+",
                           re.IGNORECASE)
#: The colour painted over: "over the racing green", "over the last of the old green".
_OVER_RE = re.compile(r"\b(?:over|across)\s+(?:the|its|his|her)\s+(?:(?:last|rest|remains)\s+of\s+(?:the\s+)?)?(?:(?:old|faded|peeling|"
                      r"chipped|tired)\s+)?(?P<c>[a-z]+(?:[\s-][a-z]+)?)\b", re.I)
_ROOMS = frozenset("""kitchen walls wall room hall hallway bathroom bedroom parlour parlor study office landing stairwell
boathouse house shed barn doors door facade fence gate porch hut cabin""".split())


@dataclass(frozen=True)
class Absent:
    """A feature the bible says a location does not have."""

    place: str
    feature: str
    words: tuple[str, ...]
    text: str
    path: str


@dataclass(frozen=True)
class Fixture:
    """A thing the bible puts in a set, known by a kind word before its noun ("stuffed puffin")."""

    place: str
    kind: str
    noun: str
    words: str
    text: str
    path: str


@dataclass(frozen=True)
class Repaint:
    """A set repainted: from ``scene`` on, ``what`` is ``colour`` (it was ``old``).

    Seen on screen (``sentence``), or dated by the bible ("BEIGE until scene 16, when
    the crew paints them SAGE MIST": ``sentence`` None, ``text`` and ``path`` the bible's).
    """

    place: str
    what: str
    colour: str
    old: str | None
    sentence: Sentence | None
    scene: int = 0
    text: str = ""
    path: str = ""


@dataclass(frozen=True)
class Made:
    """What one of a set's one-of-a-kind fixtures is made of ("Long ZINC counter")."""

    place: str
    noun: str
    material: str
    words: str
    text: str
    path: str


@dataclass(frozen=True)
class Coloured:
    """A set's thing with the colour the bible gives it ("YELLOW wall clock above the door")."""

    place: str
    noun: str
    colour: str
    modifiers: tuple[str, ...]
    words: str
    text: str
    path: str


class Places:
    """The sets of the script (see the module docstring)."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx

    @classmethod
    def of(cls, ctx: Context) -> Places:
        """The places of this reading, built once and shared."""
        return ctx.shared("places", lambda: cls(ctx))

    @cached_property
    def absent(self) -> list[Absent]:
        """Features each bible location rules out."""
        out = []
        for loc in self.ctx.bible.locations:
            # ("in_1998: No rope, no sign": how the place was in the past, not what it lacks now)
            now = [v for k, v in loc.attributes.items() if not _PAST_KEY_RE.search(str(k))]
            text = " ".join(x for x in (loc.description or "", *now, loc.notes or "") if x)
            for rx in _ABSENT_RES:
                for m in rx.finditer(text):
                    w = m.group("w").lower()
                    if w in _NOT_FEATURES or len(w) < 3:
                        continue
                    forms = _ALSO.get(w) or _ALSO.get(w[:-1]) or ((w, w[:-1]) if w.endswith("s") and not w.endswith("ss") else (w, w + "s"))
                    out.append(Absent(loc.name, w, forms, text, f"locations.{loc.name}.description"))
        return out

    @cached_property
    def fixtures(self) -> list[Fixture]:
        """Things each bible location holds, known by a kind word ("stuffed", "framed", "potted")."""
        out = []
        rx = re.compile(r"\b(?P<k>" + "|".join(sorted(_KIND_WORDS, key=len, reverse=True)) + r")\s+(?:[a-z-]+\s+)?"
                        r"(?P<n>[a-z-]{3,})\b", re.I)
        for loc in self.ctx.bible.locations:
            text = loc.description or ""
            for m in rx.finditer(text):
                if m.group("n").lower() in _NOT_NOUNS:
                    continue  # "green neon in the window": no fixture called "the"
                out.append(Fixture(loc.name, m.group("k").lower(), m.group("n").lower(), m.group(0), text,
                                   f"locations.{loc.name}.description"))
        return out

    @cached_property
    def repaints(self) -> list[Repaint]:
        """Sets the script repaints on screen, in order."""
        out = []
        for s in self.ctx.sentences:
            if s.kind != "action" or s.scene == 0 or not _PAINT_RE.search(s.text) or _OLD_PAINT_RE.search(s.text) \
                    or described_paint(s.text):
                continue  # ("its red paint blistered and flaking", "a door painted red": the paint it has, not a new coat)
            new = paint_colour(s.text)
            first = s
            nxt = self.ctx.sentences[s.id + 1] if s.id + 1 < len(self.ctx.sentences) else None
            if new is None and nxt is not None and nxt.scene == s.scene and nxt.kind == "action":
                # "paints the front door left-handed. ... so the door is going black: over the red"
                new = paint_colour(nxt.text)
                if new is not None:
                    s = nxt
            if new is None:
                continue
            old = next((m for m in _OVER_RE.finditer(s.text) if colour_group(m.group("c").split()[-1])), None)
            old_colour = colour_group(old.group("c").split()[-1]) if old else colour_before(s.text)
            # (the thing may be named in the sentence before the colour: "kneels at the blue door with a scraper.
            # A tin of oxblood gloss open on the cobbles.")
            what = next((w for w in re.findall(r"[a-z]+", f"{first.text} {s.text}".lower()) if w in _ROOMS), "set")
            if old_colour is None and first is not s:
                old_colour = colour_before(first.text)
            if old_colour is None and what != "set":
                old_colour = self._colour_said_before(s, what)  # "The gate is black now" after "painted pillar-box red"
            if old_colour == new:
                continue
            for place in self.places_of(s.scene):
                out.append(Repaint(place, what, new, old_colour, s, s.scene))
        out += self._bible_repaints()
        return sorted(out, key=lambda r: r.scene)

    def _colour_said_before(self, s, what: str) -> str | None:
        """The colour the script last gave ``what`` ("the gate") in this set before sentence ``s``."""
        here = set(self.places_of(s.scene))
        found = None
        before = re.compile(rf"(?P<w>(?:\b[a-z-]+\s+){{1,2}}){what}s?\b", re.IGNORECASE)
        painted = re.compile(rf"\b{what}s?\b[^.;]{{0,30}}?\bpainted\s+(?P<w>(?:[a-z-]+\s*){{1,3}})", re.IGNORECASE)
        for x in self.ctx.sentences:
            if x.id >= s.id:
                break
            if x.kind != "action" or not here & set(self.places_of(x.scene)):
                continue
            for m in [*before.finditer(x.text), *painted.finditer(x.text)]:
                colours = [colour_group(w.split("-")[-1]) for w in m.group("w").lower().split()]
                colours = [c for c in colours if c]
                if colours:
                    found = colours[-1]
        return found

    def _bible_repaints(self) -> list[Repaint]:
        """Repaints the bible dates: "walls BEIGE until scene 16, when the crew paints them SAGE MIST"."""
        out = []
        for loc in self.ctx.bible.locations:
            # the description, and each key's value ("door: bottle-green until repainted signal red ... in sc10")
            parts = [("description", loc.description or "")] + [(k, str(v)) for k, v in loc.attributes.items()]
            for key, text in parts:
                for m in [*_BIBLE_REPAINT_RE.finditer(text), *_BIBLE_REPAINTED_RE.finditer(text),
                          *_BIBLE_THEN_REPAINTED_RE.finditer(text)]:
                    old, new = colour_group(m.group("old").lower()), first_colour(m.group("new"))
                    index = self.ctx.scene_index(m.group("n"))
                    if old is None or new is None or old == new or index is None:
                        continue
                    said = f"{key.replace('_', ' ')} {text[: m.end()]}" if key != "description" else text[: m.end()]
                    what = next((w for w in re.findall(r"[a-z]+", said.lower()) if w in _ROOMS), "set")
                    path = f"locations.{loc.name}.{'description' if key == 'description' else 'attributes.' + key}"
                    out.append(Repaint(loc.name, what, new, old, None, index, text, path))
        return out

    @cached_property
    def made(self) -> list[Made]:
        """One-of-a-kind fixtures whose material the bible gives ("a long ZINC counter", "flagstone floor")."""
        out = []
        for loc in self.ctx.bible.locations:
            text = loc.description or ""
            for m in _MADE_RE.finditer(text):
                material = MATERIALS.get(m.group("m").lower())
                if material:
                    out.append(Made(loc.name, m.group("n").lower(), material, m.group(0), text,
                                    f"locations.{loc.name}.description"))
        return out

    @cached_property
    def coloured(self) -> dict[tuple[str, str], Coloured]:
        """Each set's things with a colour the bible's prose gives, by ``(place, noun)``.

        (The script's own first colours are :mod:`continuity.checks.location`'s.)
        """
        out: dict[tuple[str, str], Coloured] = {}
        for loc in self.ctx.bible.locations:
            parts = [("description", loc.description or ""), *loc.attributes.items(), ("notes", loc.notes or "")]
            for key, text in parts:
                path = f"locations.{loc.name}.{key if key in ('description', 'notes') else 'attributes.' + key}"
                for c in coloured_things(str(text)):
                    out.setdefault((loc.name, c[1]), Coloured(loc.name, c[1], c[0], c[2], c[3], str(text), path))
                # "door: egg-yolk yellow with a brass 7": the key names the thing, the value opens with its colour
                lead = LEAD_COLOUR_RE.match(str(text))
                thing = re.split(r"[_\s]+", key.strip().lower())[-1] if key not in ("description", "notes") else \
                    loc.name.rsplit(" - ", 1)[-1].lower().split()[-1] if " - " in loc.name and key == "description" \
                    else ""
                # ("interior_walls: TEAL, floor to ceiling": the walls)
                if not re.fullmatch(r"[a-z]{3,}", thing or "") or thing in _ROOMS - {"door", "doors", "gate", "walls", "wall"}:
                    continue
                if lead and colour_group(re.split(r"[\s-]+", lead.group(1).lower())[-1]):
                    colour, words = re.split(r"[\s-]+", lead.group(1))[-1], f"{lead.group(1)} {thing}"
                else:
                    # "building: squat cinderblock, painted mint green", "seats: 120 maroon velvet tilting seats"
                    colour, words = key_colour(str(text), thing)
                if colour:
                    for place in {loc.name, loc.name.rsplit(" - ", 1)[0]}:
                        out.setdefault((place, thing), Coloured(place, thing, colour, (), words, str(text), path))
        return out

    def shell(self, place: str) -> Coloured | None:
        """The colour of a building set from outside: its paint, siding or walls as the bible gives them ("sagging
        clapboard painted barn red", "exterior: Barn-red board-and-batten"); None when the bible gives none or two."""
        found = [c for (p, n), c in self.coloured.items() if p == place and
                 (n in SIDING or n in BUILDINGS)]
        groups = {colour_group(re.split(r"[\s-]+", c.colour.lower())[-1]) for c in found}
        return found[0] if len(groups) == 1 and None not in groups else None

    def places_of(self, scene_index: int) -> list[str]:
        """The bible's locations a scene is set in (its heading's place when the bible has none)."""
        known = self._places.get(scene_index)
        if known is None:
            known = self._places[scene_index] = self._find_places(scene_index)
        return list(known)

    def neighbours(self, scene_index: int) -> list[str]:
        """Other bible locations in the same building as a scene's: "INT. PANSKÁ 7 - STAIRWELL" has the bible's
        "Safe flat (Panská 7, third floor)" next door (its name holds the heading's first part)."""
        scene = self.ctx.scene(scene_index)
        if scene is None:
            return []
        first = scene.heading.location.split(" - ")[0].strip().upper()
        if len(first) < 4:
            return []
        mine = set(self.places_of(scene_index))
        return [loc.name for loc in self.ctx.bible.locations if loc.name not in mine and
                re.search(rf"(?<![\w]){re.escape(first)}(?![\w])", loc.name.upper())]

    @cached_property
    def _places(self) -> dict[int, list[str]]:
        return {}

    def _find_places(self, scene_index: int) -> list[str]:
        scene = self.ctx.scene(scene_index)
        if scene is None:
            return []
        found = [loc.name for loc in self.ctx.bible.locations_for(scene.heading.location)]
        if not found:
            # "MERIDIAN - CAR 3 - COMPARTMENT 7" is the bible's "COMPARTMENT 7": the heading ends with its name
            parts = [p.strip() for p in scene.heading.location.upper().split(" - ")]
            found = [loc.name for loc in self.ctx.bible.locations
                     if (n := [p.strip() for p in loc.name.upper().split(" - ")]) and parts[-len(n):] == n]
        if not found:
            # "ROZ'S HOUSE - KITCHEN" is in the bible's "ROZ'S HOUSE (ALBUQUERQUE)"
            found = [loc.name for loc in self.ctx.bible.locations
                     if re.sub(r"\s*\(.*?\)\s*", " ", loc.name.upper()).strip() == parts[0]]
        if not found:
            found = places_named(scene.heading.location, scene.heading.setting,
                                 [loc.name for loc in self.ctx.bible.locations])
        if not found and (scene.heading.setting or "").upper().startswith("EXT"):
            found = self._outside_of(scene)
        return found or [scene.heading.location.split(" - ")[0]]

    def _outside_of(self, scene) -> list[str]:
        """An exterior heading the bible names no place for, outside the building its other headings are in:
        "EXT. SIGNAL HILL - WTMK 1340" is the bible's one "station_exterior" when "INT. WTMK - LOBBY" is its lobby."""
        outside = [loc.name for loc in self.ctx.bible.locations if " - " not in loc.name and
                   set(loc.name.upper().replace("_", " ").split()) & _OUTSIDE_WORDS]
        if len(outside) != 1:
            return []
        words = set(re.findall(r"[A-Z0-9']+", scene.heading.location.upper())) - _PLACE_FILLER
        for other in self.ctx.script.scenes:
            if other.index == scene.index or not (other.heading.setting or "").upper().startswith("INT"):
                continue
            first = other.heading.location.split(" - ")[0].strip().upper()
            if first in words and " - " in other.heading.location and \
                    set(self.places_of(other.index)) & {loc.name for loc in self.ctx.bible.locations}:
                return outside
        return []


#: Words that say nothing about which place: left out of both names.
_PLACE_FILLER = frozenset("THE A AN OF AND AT ON IN BY INT EXT".split())
_OUTSIDE_WORDS = frozenset("EXTERIOR OUTSIDE EXTERNAL".split())
_INSIDE_WORDS = frozenset("INTERIOR INSIDE".split())
#: Words many places share: a partial match must share some other word.
_COMMON_PLACE_WORDS = frozenset("""ROOM HOUSE OFFICE KITCHEN STREET ROAD LANE AVENUE HALL HALLWAY CORRIDOR BATHROOM
BEDROOM LIVING DINING FRONT BACK MAIN OLD NEW NORTH SOUTH EAST WEST UPPER LOWER CAR BUILDING APARTMENT FLAT STATION
YARD PARKING LOT STAIR STAIRWELL LOBBY DOOR SHOP STORE CITY TOWN COUNTY STATE PARK GARDEN PORCH GARAGE CELLAR
BASEMENT ATTIC LANDING STUDY WORKSHOP SHED DECK CABIN TENT CAMP BAR DINER CAFE CLUB SCHOOL HOSPITAL CHURCH ROOF
ROOFTOP BRIDGE RIVER BEACH FIELD FARM HOME CENTER CENTRE SQUARE TOWER WARD DESK STEP PUB INN HOTEL MOTEL LODGE
RESTAURANT""".split())


def _place_words(name: str) -> list[str]:
    """The words of a place's name that tell places apart: ``ROZ'S APARTMENT & GARAGE`` -> ROZ APARTMENT GARAGE."""
    text = re.sub(r"\(.*?\)", " ", name.upper().replace("&", " AND "))
    text = re.sub(r"['\u2019]S\b", "", text).replace("'", "").replace("\u2019", "")
    out = []
    for w in re.findall(r"[A-Z0-9]+", text):
        if w in _PLACE_FILLER:
            continue
        out.append(w[:-1] if len(w) > 3 and w.endswith("S") and not w.endswith("SS") else w)
    return out


def places_named(heading_location: str, setting: str | None, names: list[str]) -> list[str]:
    """The bible's places a heading names in other words, most specific first.

    Every distinguishing word of the bible's name is in the heading: "CALLOWAY CAMPAIGN HQ" is the bible's
    "Campaign HQ", "MARCHETTI LOAN & PAWN" its "Marchetti Loan and Pawn", "JUSTICE CENTER - COURTROOM 4B" its
    "Courtroom 4B - Justice Center". Failing that, the one place that shares the heading's telling word and adds the
    fewest words of its own ("HARROW & DAUGHTER BINDERY" is the bible's "Bindery workshop" beside its "Bindery back
    room"). A place the bible calls an exterior is never an INT scene's, nor an interior an EXT's.
    """
    heading = set(_place_words(heading_location))
    if not heading:
        return []
    # the area a heading narrows to ("JUSTICE CENTER - HALLWAY"): a place that names another area is not it
    area = set(_place_words(heading_location.split(" - ", 1)[1])) if " - " in heading_location else set()
    whole: list[tuple[int, str]] = []
    partial: list[tuple[int, int, str]] = []
    cover: list[tuple[int, str]] = []
    for name in names:
        words = _place_words(name)
        if setting == "INT" and _OUTSIDE_WORDS & set(words) or setting == "EXT" and _INSIDE_WORDS & set(words):
            continue
        own = set(words) - _OUTSIDE_WORDS - _INSIDE_WORDS
        if not own:
            continue
        if own <= heading:
            whole.append((len(own), name))
            continue
        shared, extra = own & heading, own - heading
        if heading <= own:
            # every word of the heading is in the bible's name: "LOCK COTTAGE" is "Fallow Lock No 14 - cottage
            # exterior" (over its "Lock", which names less of it)
            cover.append((len(extra), name))
            continue
        if area and extra and not area & own:
            continue  # "LIVERPOOL STADIUM - RING" is not the bible's "Stadium dressing room"
        if extra & _COMMON_PLACE_WORDS and (heading - own) & _COMMON_PLACE_WORDS:
            continue  # "NORA'S CAR" is not "Nora's apartment": two kinds of place
        if extra - _COMMON_PLACE_WORDS and (heading - own) - _COMMON_PLACE_WORDS:
            continue  # "MIDNIGHT SUN" (a boat) is not "The Rising Sun pub": each has a telling word of its own
        if shared - _COMMON_PLACE_WORDS:
            partial.append((len(shared), len(extra), name))
    if cover and (not whole or max(n for n, _ in whole) < len(heading)):
        fewest = min(n for n, _ in cover)
        best = [name for n, name in cover if n == fewest]
        if len(best) == 1:
            # with the place the bible sets it in ("FALLOW LOCK NO 14" for its "- COTTAGE EXTERIOR")
            parent = best[0].split(" - ")[0]
            return best + ([parent] if parent != best[0] and parent in names else [])
    if whole:
        most = max(n for n, _ in whole)
        best = [name for n, name in whole if n == most]
        # with the places the bible sets them in ("ROZ APARTMENT" for "ROZ APARTMENT - KITCHEN"); not another
        # place whose name is shorter ("HALL" beside "SERVANTS' HALL")
        return best + [name for n, name in whole if n < most and
                       any(b.upper().startswith(name.upper() + " - ") for b in best)]
    if not partial:
        return []
    best = max(p[0] for p in partial)
    top = [p for p in partial if p[0] == best]
    fewest = min(p[1] for p in top)
    top = [p for p in top if p[1] == fewest]
    return [top[0][2]] if len(top) == 1 else []


#: "BEIGE until scene 16, when the crew paints them SAGE MIST": the colour before, the scene, the colour after.
_BIBLE_REPAINT_RE = re.compile(
    r"\b(?P<old>[A-Za-z]+)\s+(?:until|till|up to)\s+(?:sc(?:ene)?\.?\s*)(?P<n>\d+[A-Z]?)\b[^.;]{0,60}?"
    r"\b(?:re)?paint(?:s|ed)?\b[^.;]{0,20}?\b(?P<new>[A-Za-z]+(?:[\s-][A-Za-z]+)?)", re.I)
#: "bottle-green until repainted signal red by Walter in sc10": the scene after the new colour.
_BIBLE_REPAINTED_RE = re.compile(
    r"\b(?P<old>[A-Za-z]+)\s+(?:until|till)\s+(?:it\s+is\s+|being\s+)?(?:re)?painted\s+(?:a\s+)?(?P<new>[A-Za-z]+"
    r"(?:[\s-][A-Za-z]+){0,2})\b[^.;]{0,40}?\b(?:sc(?:ene)?\.?\s*)(?P<n>\d+[A-Z]?)\b", re.I)
#: "Chocolate brown until Tue morning; repainted corporation green on screen sc8": the time, then the repaint.
_BIBLE_THEN_REPAINTED_RE = re.compile(
    r"\b(?P<old>[A-Za-z]+)\s+(?:until|till|up to)\b[^.;]{0,40}[;,.]\s*(?:then\s+|and\s+)?(?:re)?painted\s+(?:a\s+)?"
    r"(?P<new>[A-Za-z]+(?:[\s-][A-Za-z]+)?)\b[^.;]{0,40}?\b(?:sc(?:ene)?\.?\s*)(?P<n>\d+[A-Z]?)\b", re.I)
#: Fixtures a set has one of, with their material: "long ZINC counter", "a flagstone floor".
UNIQUE_FIXTURES = ("counter", "bar", "floor", "ceiling", "staircase", "stairs", "fireplace", "mantelpiece", "mantel",
                   "hearth", "worktop", "countertop")
_MADE_RE = re.compile(r"\b(?P<m>[A-Za-z]+)\s+(?P<n>" + "|".join(UNIQUE_FIXTURES) + r")s?\b", re.I)


__all__ = ["UNIQUE_FIXTURES", "Places", "Absent", "Coloured", "Fixture", "Made", "Repaint", "coloured_things",
           "same_noun"]
