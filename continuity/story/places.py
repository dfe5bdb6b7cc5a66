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

from continuity.language.lexicon import COLOUR_GROUP, MATERIALS, colour_group, garment_kind

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
    r"primer|still tacky|(?:first|last|next) (?:brush)?(?:strokes?|stripes?|bands?) of\b|rollers?\s+(?:the|a)\b|roll(?:s|ing|ed)\b(?=[^.;]*\bshade of\b)|(?:tins?|cans?|pots?) of\b(?=[^.;]*\b(?:gloss|emulsion|enamel)\b))",
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
                    or _described_paint(s.text):
                continue  # ("its red paint blistered and flaking", "a door painted red": the paint it has, not a new coat)
            new = _paint_colour(s.text)
            first = s
            nxt = self.ctx.sentences[s.id + 1] if s.id + 1 < len(self.ctx.sentences) else None
            if new is None and nxt is not None and nxt.scene == s.scene and nxt.kind == "action":
                # "paints the front door left-handed. ... so the door is going black: over the red"
                new = _paint_colour(nxt.text)
                if new is not None:
                    s = nxt
            if new is None:
                continue
            old = next((m for m in _OVER_RE.finditer(s.text) if colour_group(m.group("c").split()[-1])), None)
            old_colour = colour_group(old.group("c").split()[-1]) if old else _colour_before(s.text)
            # (the thing may be named in the sentence before the colour: "kneels at the blue door with a scraper.
            # A tin of oxblood gloss open on the cobbles.")
            what = next((w for w in re.findall(r"[a-z]+", f"{first.text} {s.text}".lower()) if w in _ROOMS), "set")
            if old_colour is None and first is not s:
                old_colour = _colour_before(first.text)
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
            text = loc.description or ""
            for m in _BIBLE_REPAINT_RE.finditer(text):
                old, new = colour_group(m.group("old").lower()), _first_colour(m.group("new"))
                index = self.ctx.scene_index(m.group("n"))
                if old is None or new is None or old == new or index is None:
                    continue
                what = next((w for w in re.findall(r"[a-z]+", text[: m.end()].lower()) if w in _ROOMS), "set")
                out.append(Repaint(loc.name, what, new, old, None, index, text, f"locations.{loc.name}.description"))
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
                lead = _LEAD_COLOUR_RE.match(str(text))
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
                    colour, words = _key_colour(str(text), thing)
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
#: Fixtures a set has one of, with their material: "long ZINC counter", "a flagstone floor".
UNIQUE_FIXTURES = ("counter", "bar", "floor", "ceiling", "staircase", "stairs", "fireplace", "mantelpiece", "mantel",
                   "hearth", "worktop", "countertop")
_MADE_RE = re.compile(r"\b(?P<m>[A-Za-z]+)\s+(?P<n>" + "|".join(UNIQUE_FIXTURES) + r")s?\b", re.I)


#: Words that end a thing's noun phrase after its colour.
_PHRASE_STOP = frozenset("""the a an and or with without in on at of over under above below by beside behind from to
for into onto through against along across near round around is are was were has have had that which who whose
gone going still now just all its his her their runs run hangs hang sits sit stands stand lies lie reads read says
say glows glow""".split())
#: Nouns after a colour that are not a set's thing.
#: Words for one thing of a set: "MUSTARD-YELLOW azulejos" are the tiles a later line names.
_SAME_NOUN = {"azulejos": "tiles", "azulejo": "tiles", "tiling": "tiles", "drapes": "curtains", "drape": "curtains",
              "curtain": "curtains", "tile": "tiles", "wall": "walls"}
_WORN = frozenset("""worn torn gone shown drawn hung grown blown taken broken frozen fallen eaten hidden stolen driven
written forgotten swollen beaten chosen spoken shaken""".split())
_NOT_THINGS = frozenset("""light glow paint ink hair eyes eye skin face smoke water sky dark night day morning
evening dusk dawn sunlight shade tint stripe stripes one ones side until till thereafter throughout fixed always now
then before after since""".split())


#: Things whose names end like a verb's "-ing": "the barn-red building".
_ING_NOUNS = frozenset("""building ceiling railing siding awning painting skirting decking panelling paneling tiling
carpeting lettering awning ring string wing""".split())
#: A set that is one building, whose paint is its walls'.
BUILDINGS = frozenset("shop store building house cottage hut cabin shack station garage shed bungalow office "
                      "chapel church pub bar cafe diner kiosk barn boathouse lodge mill warehouse depot hangar motel "
                      "hotel inn".split())
#: What a building's outside is made of, whose colour is the building's: "clapboard painted barn red".
SIDING = frozenset("""clapboard clapboards board-and-batten weatherboard weatherboards weatherboarding siding cladding
shingles boards planks brick bricks brickwork stucco render exterior outside facade front frontage""".split())
#: A clause of a bible value that tells of a change in time, which the repaint reader reads.
_IN_TIME_RE = re.compile(r"\b(?:until|till|repaint\w*|from|after|before|since|then|thereafter|now|scenes?|sc|days?)\b",
                         re.IGNORECASE)


def _key_colour(text: str, thing: str) -> tuple[str | None, str]:
    """The colour a bible value gives the thing its key names, beyond a leading colour: "squat cinderblock, painted
    mint green" (the building), "120 maroon velvet tilting seats in rings" (the seats). Only in the value's first
    clause, and not where the clause tells of a change ("salmon pink until repainted yellow")."""
    clause = re.split(r"[;.(]|\bwith\b", text, maxsplit=1)[0]
    if _IN_TIME_RE.search(clause):
        return None, ""
    painted = re.search(r"\bpainted\s+(?:(?:a|an|in)\s+)?(?P<c>[A-Za-z]+(?:[\s-][A-Za-z]+)?)", clause)
    if painted and _first_colour(painted.group("c")):
        return _first_colour(painted.group("c")), f"{thing} {painted.group(0)}"
    for before in re.finditer(rf"(?<![\w-])(?=(?P<c>[A-Za-z]+(?:-[A-Za-z]+){{0,2}})(?P<w>\s+(?:[A-Za-z-]+\s+){{0,2}}?"
                              rf"{re.escape(thing)}\b))", clause, re.IGNORECASE):
        raw = before.group("c").lower()
        if colour_group(raw.split("-")[-1]):
            return raw if "-and-" in raw else colour_group(raw.split("-")[-1]), before.group("c") + before.group("w")
    return None, ""


def same_noun(word: str) -> str:
    """One word for one thing of a set ("azulejos" and "tiles")."""
    return _SAME_NOUN.get(word, word)


_LEAD_COLOUR_RE = re.compile(r"\s*([A-Za-z]+(?:[\s-][A-Za-z]+){0,2})(?=\s*(?:[,;(]|with\b|and\b|$))")


def coloured_things(text: str) -> list[tuple[str, str, tuple[str, ...], str]]:
    """``(colour, noun, modifiers, words)`` for each "<colour> [words] <noun>" in ``text``.

    "YELLOW wall clock above the door" gives ``("yellow", "clock", ("wall",), "YELLOW wall clock")``;
    the noun is the last word before a preposition, a verb of being there, or punctuation (three words at most).
    """
    out = []
    for m in re.finditer(r"(?<![\w-])(?=(?P<c>[A-Za-z]+(?:-[A-Za-z]+){0,2})(?P<rest>(?:\s+[A-Za-z][A-Za-z'-]*){1,3}))",
                         text):
        colour = m.group("c").lower()
        if not any(p in COLOUR_GROUP for p in colour.split("-")) or colour in MATERIALS:
            continue
        if "-" in colour and not all(p in COLOUR_GROUP or p == "and" for p in colour.split("-")) and \
                colour.split("-")[-1] not in COLOUR_GROUP:
            continue  # "blue-eyed", "red-faced": not the colour of a thing
        words = []
        for w in m.group("rest").split():
            low = w.lower()
            if low in _PHRASE_STOP or low in COLOUR_GROUP or (words and (low.endswith(("ed", "ing")) or low in _WORN)):
                break  # ("orange shag carpet worn bald")
            words.append(w)
        if not words:
            continue
        noun = _SAME_NOUN.get(words[-1].lower(), words[-1].lower())
        if noun in _NOT_THINGS or noun in MATERIALS or len(noun) < 3 or (noun.endswith("ing") and noun not in _ING_NOUNS) \
                or noun.endswith("ly") or \
                garment_kind(" ".join(words).lower()) or garment_kind(noun):
            continue  # what someone wears is the wardrobe's, not the set's
        if re.search(r"(?:\b(?:his|her|their|my|your)|'s|\u2019s)\s+(?:[\w-]+\s+){0,2}$", text[:m.start()], re.IGNORECASE):
            continue  # "her red umbrella": someone's, carried in
        mods = tuple(w.lower() for w in words[:-1] if w.lower() not in MATERIALS)
        out.append((colour, noun, mods, f"{m.group('c')} {' '.join(words)}"))
    for m in _PAINTED_AS_RE.finditer(text):
        # "a front door painted a deep, glossy red": the colour after the thing
        colour, noun = _first_colour(m.group("c")), _SAME_NOUN.get(m.group("n").lower(), m.group("n").lower())
        if colour is None or noun in _PAINTING_NOW or noun.endswith("ly") or noun in _NOT_THINGS or noun in MATERIALS or garment_kind(noun) or \
                any(n == noun for _, n, _, _ in out):
            continue
        out.append((colour, noun, (), m.group(0)))
    return out


#: A thing described as painted a colour (not painting going on): "front door painted deep glossy BLUE".
_PAINTED_AS_RE = re.compile(r"\b(?P<n>[A-Za-z]{3,})\s+painted\s+(?:(?:a|an|in)\s+)?(?:(?:deep|dark|pale|light|bright|"
                            r"glossy|gloss|matte|flat|shiny|dull|faded|vivid|rich|soft|cheerful|loud|bold),?\s+){0,3}"
                            r"(?P<c>[A-Za-z]+(?:[\s-][A-Za-z]+)?)\b")
#: Words before "painted" that make it a coat going on, not a look: "freshly painted", "has been painted".
_PAINTING_NOW = frozenset("fresh freshly newly just now recently been being is are was were get gets got getting "
                          "had has have new wet".split())


def _described_paint(text: str) -> bool:
    """A look, not a coat going on: "a front door painted a deep, glossy red" (no painter, nothing fresh)."""
    if re.search(r"\b(?:re)?paint(?:s|ing)\b|\b(?:coats?|rollers?|still tacky|whitewash\w*|undercoat|primer)\b", text,
                 re.IGNORECASE):
        return False
    found = [m.group(1).lower() for m in re.finditer(r"\b([A-Za-z]{3,})\s+painted\b", text)]
    return bool(found) and not any(w in _PAINTING_NOW or w.endswith("ly") for w in found)


def _first_colour(words: str) -> str | None:
    """The colour of "SAGE MIST" (green), "soft grey-green" (grey)."""
    for w in re.split(r"[\s-]+", words.lower()):
        group = colour_group(w)
        if group is not None:
            return group
    return None


def _colour_before(text: str) -> str | None:
    """The colour a thing had before it was painted: "painting the peeling blue door ... a bright bottle green"."""
    low = text.lower()
    # (or "giving the turquoise door its first coat of bright yellow")
    verb = re.search(r"\b(?:(?:re)?paint(?:s|ed|ing)?|roll(?:s|ing|ed))\s+(?:it|them|the|his|her|their)\b([^.;]*)",
                     low) or re.search(
        r"\bgiv(?:e|es|ing)\s+((?:the|his|her|their)\b[^.;]*?\bcoats?\s+of\b[^.;]*)", low)
    colours = [colour_group(w) for w in re.findall(r"[a-z]+", verb.group(1))] if verb else []
    colours = [c for c in colours if c]
    return colours[0] if len(colours) >= 2 and colours[0] != colours[-1] else None


def _paint_colour(text: str) -> str | None:
    """The colour a painting sentence puts on: "rollers of sunshine-yellow paint", "whitewash", "paints it red"."""
    low = text.lower()
    if re.search(r"\bwhitewash", low):
        return "white"
    now = re.search(r"\b(?:is|are)\s+(?:now\s+)?(?P<c>[a-z]+(?:-[a-z]+)?)\s+now\b|\b(?:is|are)\s+(?:now|going)\s+"
                    r"(?P<d>[a-z]+(?:-[a-z]+)?)", low)
    if now and colour_group(now.group("c") or now.group("d")):
        return colour_group(now.group("c") or now.group("d"))  # "The gate is black now: two coats of gloss"
    verb = re.search(r"\b(?:(?:re)?paint(?:s|ed|ing)?|roll(?:s|ing|ed)(?=[^.;]*\bshade of\b))\s+"
                     r"(?:it|them|the|his|her|their|a)\b([^.;]*)", low)
    if verb and not re.search(r"\b([a-z]+(?:-[a-z]+)?)\s+paint\b(?!-)", low):
        # "painting the peeling blue door of the mess hut a bright bottle green": the colour it ends on
        colours = [colour_group(w) for w in re.findall(r"[a-z]+", verb.group(1)) if colour_group(w)]
        if colours:
            return colours[-1]
    m = re.search(r"\b([a-z]+(?:-[a-z]+){0,3})\s+(?:(?:porch|gloss|floor|door|deck|wall|house|boat|oil|enamel|"
                  r"exterior|marine|barn)\s+)?paint\b(?!-)", low) or re.search(
        r"\bpaint(?:s|ed|ing)?\s+(?:it|them|the\s+\w+|\w+)\s+(?:a\s+)?(?:bright\s+)?([a-z]+(?:-[a-z]+)?)\b", low)
    if m and any(p in COLOUR_GROUP for p in m.group(1).split("-")):
        return colour_group(m.group(1))
    gloss = re.search(r"\b([a-z]+(?:-[a-z]+)?)\s+(?:gloss|emulsion|enamel)\b", low)
    if gloss and colour_group(gloss.group(1)):
        return colour_group(gloss.group(1))  # "a tin of oxblood gloss"
    # "rolls a thick coat of warm ochre over the racing green", "a can of paint and a brush, giving the turquoise
    # door its first coat of bright yellow": the first colour after the coat
    coat = re.search(r"\b(?:coats?|rollers?|layers?|licks?|(?:brush)?strokes?|stripes?) of ((?:[a-z-]+\s+){0,2}[a-z-]+)", low)
    if coat and colour_group(coat.group(1).split()[0]):
        return colour_group(coat.group(1).split()[0])  # "the first stroke of sea-green": the compound's own colour
    return _first_colour(coat.group(1)) if coat else None


__all__ = ["UNIQUE_FIXTURES", "Places", "Absent", "Coloured", "Fixture", "Made", "Repaint", "coloured_things",
           "same_noun"]
