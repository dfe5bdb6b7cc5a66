"""Set dressing: a set described against what the bible says is (and is not) in it, and against its repainting.

Reads :class:`continuity.story.places.Places`:

- a feature the bible rules out ("Windowless.", "No curtains.") put in that set
  ("moved onto the windowsill", "beyond the half-drawn curtains");
- "the stuffed guillemot" in a set whose only stuffed thing the bible gives is a
  puffin (a definite article points at the thing the set already has);
- a room given the colour it had before it was repainted on screen;
- light pouring through a window the script has boarded over, before it is glazed again.

Category ``location``; each finding cites the bible's words or the line of the repaint.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from continuity.checks.findings import Evidence, Finding
from continuity.language.lexicon import COLOUR_GROUP, MATERIALS, colour_group, colours_conflict
from continuity.story.context import Context
from continuity.story.place_colours import BUILDINGS, SIDING, coloured_things, same_noun
from continuity.story.places import _ROOMS, Places
from continuity.story.windows import ABOUT_BOARDS_RE, LIGHT_THROUGH_RE, OTHER_WINDOW, boarded_at

_NEGATED_BEFORE = re.compile(r"\b(?:no|without|not a|not an|isn't a|is no|there's no|never a)\s+(?:[a-z-]+\s+){0,2}$", re.I)
_GONE_AFTER = re.compile(r"\s+(?:(?:long|all|now|since|are|were|is|was|have|has|had|been|long since)\s+)*"
                         r"(?:gone|missing|removed|taken|stripped|absent)\b", re.IGNORECASE)
#: "the blue door", "the peeling red cubicle doors" (one word of what kind between).
_ROOM_COLOUR_RE = re.compile(r"(?=\b(?P<c>[a-z]+(?:-[a-z]+)?)\s+(?:(?!(?:and|or|the|a|an|of|with|in|on|to|at)\b)[a-z]+\s+)?"
                             r"(?P<r>" + "|".join(sorted(_ROOMS)) + r")\b)", re.I)


def check(ctx: Context) -> Iterator[Finding]:
    """Yield set-dressing findings."""
    yield from _through_boards(ctx)
    places = Places.of(ctx)
    if not (places.absent or places.fixtures or places.repaints or places.made or places.coloured):
        return
    for s in ctx.sentences:
        if s.kind != "action" or s.scene == 0:
            continue
        here = set(places.places_of(s.scene))
        yield from _absent(ctx, places, s, here)
        yield from _fixtures(ctx, places, s, here)
        yield from _repainted(ctx, places, s, here)
        yield from _made_of(ctx, places, s, here)
        yield from _recoloured(ctx, places, s, here)


def _through_boards(ctx: Context) -> Iterator[Finding]:
    """"Noon sun pours through the big front window" while plywood is still nailed over it."""
    for s in ctx.sentences:
        if s.kind != "action" or s.scene <= 0 or ctx.is_flashback(s.scene):
            continue
        m = LIGHT_THROUGH_RE.search(s.text)
        if m is None or ABOUT_BOARDS_RE.search(s.text) or set(m.group("mods").lower().split()) & OTHER_WINDOW:
            continue
        b = boarded_at(ctx, s)
        if b is None:
            continue
        yield Finding(
            category="location", severity="error", scene=s.scene, line=s.line,
            message=f"light comes through the window here ({m.group(0)!r}), but it was boarded over in scene "
                    f"{ctx.scene_number(b.sentence.scene)} and has not been glazed again",
            text=s.text, subject="window",
            evidence=(Evidence(b.sentence.text, line=b.sentence.line, scene=b.sentence.scene),),
            extra=(("value", "boarded"),),
        )


#: A sentence that says the thing is another one, or changes it.
_CHANGED_RE = re.compile(r"\b(?:new|another|replacement|spare|other|different|(?:re)?paint\w*|whitewash\w*|swaps?|"
                         r"swapped|replaced?|instead|dyed?|faded|bleached|scorched|charred|blackened|stained|"
                         r"soaked|muddy|covered|reflect\w*|lit|neon|dream\w*|imagine\w*)\b|"
                         # a light that colours it ("the white wall glows red"; not "the jars glow like sea water")
                         r"\bglow\w*\b(?=[^.;]*\b(?:" + "|".join(sorted(COLOUR_GROUP)) + r")\b)", re.IGNORECASE)


#: Things fixed on a set's feature: "the beige wall telephone" is a telephone, not the walls.
_ON_THINGS = frozenset("""telephone phone clock calendar lamp socket switch heater handle knob knocker hinge key bell plate
chart map unit cabinet hook mount poster hanging""".split())


def _recoloured(ctx: Context, places: Places, s, here: set[str]) -> Iterator[Finding]:
    """"The white clock above the door" in a set whose clock the bible's prose makes yellow."""
    if ctx.is_flashback(s.scene):
        return
    coloured = places.coloured
    for colour, noun, mods, words in coloured_things(s.text):
        if _CHANGED_RE.search(s.text.replace(words, " ")):
            continue  # (the words themselves may be the set's "neon"; each thing tried alike, in any order)
        if not re.search(r"\b(?:the|its|every|each)\s+(?:(?!(?:a|an|in|of|with|and|on|at)\b)[a-z-]+\s+){0,2}?" + re.escape(words)
                         + r"\b", s.text, re.IGNORECASE) and " painted " not in words:
            continue  # "a red door": any door; "the red door", "the rusted blue lid", "a door painted red": the set's
        run = [same_noun(w.lower()) for w in words.split()[1:]]
        # a set next door ("the blue door with its brass 7" on the stairwell: the safe flat's door), when the
        # sentence shares a detail with the bible's words beyond the thing and its colour
        for place in [*here, *(p for p in places.neighbours(s.scene) if p not in here)]:
            near = place not in here
            # the set's own noun among the words ("the blue-and-white tiles glisten": the tiles)
            noun = next((w for k, w in enumerate(run) if ((place, w) in coloured or (place, w.rstrip("s")) in coloured)
                         and not (k + 1 < len(run) and run[k + 1].rstrip("s") in _ON_THINGS)), noun)
            known = coloured.get((place, noun)) or coloured.get((place, noun.rstrip("s"))) or \
                coloured.get((place, noun + "s"))
            number = ctx.scene_number(s.scene)
            if known is not None and not _in_force(known.text, known.words, number):
                continue  # ("GREEN glass apothecary jars (scenes 1-7)" in scene 19)
            if known is None:
                # the bible's parts of the set ("front:", "window_history:" under MACREADY'S DRUG CO), each thing
                # in force for the scenes its words give
                parts = [c for (p, n), c in coloured.items() if p.startswith(place + " - ") and
                         n in (noun, noun.rstrip("s"), noun + "s") and _in_force(c.text, c.words, number)
                         and not _a_prop_has(ctx, n)]  # ("the green tape" of the épée's guard, not the floor's)
                if parts and not any(not _colours_differ(c.colour, colour) for c in parts):
                    known = parts[0]
            if known is None:
                # "the black Rayburn", "the green neon": the set's "CREAM Rayburn stove", "HOT-PINK neon sign"
                named = [c for (p, _), c in coloured.items() if p == place and any(w in c.modifiers for w in run)]
                if not named and noun in _SHELL:
                    # "the green canvas walls" of a set the bible makes a "WHITE canvas tent": its own canvas;
                    # "INT. GREYHORN TRAILHEAD - COMMAND TENT" is inside the command post's tent
                    said = {w for w in run if w in MATERIALS}
                    inside = set(re.findall(r"[a-z]+", ctx.scene(s.scene).heading.location.lower()))
                    named = [c for (p, _), c in coloured.items() if p == place and said &
                             set(re.findall(r"[a-z]+", c.words.lower())) and (not near or c.noun in inside)]
                    if named and near:
                        near = False
                if not named and noun in _SHELL:
                    # "the whitewashed walls" of the bible's "low cinderblock shop painted LIME GREEN": its walls
                    named = [c for (p, n), c in coloured.items() if p == place and n in BUILDINGS and
                             re.search(r"\bpainted\b", c.words, re.IGNORECASE)]
                if not named and _outside(ctx, s, words, noun, mods, place):
                    # "the forest-green shack", "the sky-blue wall of the bait shop" outside a set the bible
                    # builds of "sagging clapboard painted barn red"
                    shell = places.shell(place)
                    named = [shell] if shell is not None else []
                if len(named) == 1 and named[0].noun in SIDING | BUILDINGS and noun in BUILDINGS | _SHELL:
                    known, mods = named[0], named[0].modifiers  # (the shack is forest-green: the script's noun)
                elif len(named) == 1:
                    known, noun, mods = named[0], named[0].noun, named[0].modifiers
            if known is None or (known.modifiers and mods and known.modifiers != mods):
                continue
            if not _colours_differ(known.colour, colour):
                continue
            if near and not _shared_detail(_tail(s.text, words), known.text, noun):
                continue
            if any(r.place == place and r.scene <= s.scene and r.what in ("set", noun, noun.rstrip("s"))
                   for r in places.repaints):
                continue  # painted on screen since
            yield _set_finding(
                s, f"{place}.{noun}",
                f"the {noun} in {place} {'are' if noun.endswith('s') and not noun.endswith('ss') else 'is'} "
                f"{colour} here ({words!r}), but the bible has {known.words!r}",
                (Evidence(known.text, bible=known.path),),
                (("attribute", "colour"), ("value", colour), ("expected", known.colour.lower())),
            )
            return


def _a_prop_has(ctx: Context, noun: str) -> bool:
    """Whether the bible gives a thing of this noun to a prop as well ("guard wrapped in green electrical tape")."""
    return any(noun.rstrip("s") in re.findall(r"[a-z]+", " ".join([p.name, *p.aliases, p.description or "",
                                                                   *map(str, p.attributes.values())]).lower())
               for p in ctx.bible.props)


_SCENES_AFTER_RE = re.compile(r"\s*\(?\s*(?:in\s+|from\s+)?sc(?:enes?|s?\.)\s*(?P<a>\d+[A-Z]?)(?:\s*(?:-|\u2013|to)\s*"
                              r"(?P<b>\d+[A-Z]?))?", re.IGNORECASE)


def _in_force(text: str, words: str, number: str) -> bool:
    """Whether a thing the bible describes is there in the scene numbered ``number``: "(scenes 1-7)" after its
    words holds for those scenes, "in scene 19" from then on; no scenes said, always."""
    at = text.find(words)
    m = _SCENES_AFTER_RE.match(text, at + len(words)) if at >= 0 else None
    if m is None or not number[:1].isdigit():
        return True
    n, lo = int(re.match(r"\d+", number).group(0)), int(re.match(r"\d+", m.group("a")).group(0))
    hi = int(re.match(r"\d+", m.group("b")).group(0)) if m.group("b") else None
    return lo <= n and (hi is None or n <= hi)


def _outside(ctx: Context, s, words: str, noun: str, mods: tuple[str, ...], place: str) -> bool:
    """Whether a coloured thing is a building set seen from outside: the building itself ("the barn-red building",
    "the forest-green shack" of PATROL SHACK), or its walls in an exterior scene or said to be the building's ("the
    sky-blue wall of the bait shop"). Words between colour and building must be the place's own ("the green
    lift shack" is another shack)."""
    own = {w.lower() for w in re.findall(r"[A-Za-z]+", place)}
    if noun in BUILDINGS:
        return all(m in own for m in mods)
    if noun not in ("walls", "wall") or mods:
        return False
    scene = ctx.scene(s.scene)
    return bool(scene is not None and (scene.heading.setting or "").upper().startswith("EXT")) or bool(
        re.match(r"\s+of\s+the\s+(?:[a-z-]+\s+)?(?:" + "|".join(sorted(BUILDINGS)) + r")\b", _tail(s.text, words)))


#: The shell of a set, named by its parts: "the green canvas walls" are the tent's.
_SHELL = frozenset("walls wall roof sides side flaps flap ceiling".split())
_DETAIL_STOP = frozenset("the a an and with of in on its his her their at to by from is are was this that".split())


def _tail(text: str, words: str) -> str:
    """What the sentence says of a thing right after naming it, up to the next punctuation ("with its brass 7")."""
    at = text.find(words)
    return re.split(r"[,.;:!?]", text[at + len(words):], maxsplit=1)[0] if at >= 0 else ""


def _shared_detail(text: str, bible: str, noun: str) -> bool:
    """A word other than the thing's noun, its colour or a small word that both say ("brass 7")."""
    def words(t: str) -> set[str]:
        return {w for w in re.findall(r"[a-z0-9]+", t.lower()) if w not in _DETAIL_STOP and w != noun and
                colour_group(w) is None and (len(w) > 3 or w.isdigit())}
    return bool(words(text) & words(bible))


def _colours_differ(a: str, b: str) -> bool:
    """Two colours as written differ: "green-and-white" is not "red-and-white", though both have white."""
    a, b = a.lower(), b.lower()
    if "-and-" in a or "-and-" in b:
        return {colour_group(p) for p in a.split("-") if p != "and"} != {colour_group(p) for p in b.split("-") if p != "and"}
    return colours_conflict(a, b)


def _absent(ctx: Context, places: Places, s, here: set[str]) -> Iterator[Finding]:
    for a in places.absent:
        if a.place not in here:
            continue
        for w in a.words:
            m = re.search(rf"\b{re.escape(w)}\b", s.text, re.IGNORECASE)
            if m is None or _NEGATED_BEFORE.search(s.text[: m.start()]) or _GONE_AFTER.match(s.text[m.end():]):
                continue  # "no curtains", "the mattresses long gone"
            said = _quote(s.text, m.start(), m.end())
            yield _set_finding(
                s, f"{a.place}.{a.feature}",
                f"{a.place} has {_some(m.group(0).lower())} here ({said!r}), but the bible says it has none: "
                f"{_excerpt(a.text, a.feature)!r}",
                (Evidence(a.text, bible=a.path),),
                (("attribute", "absent"), ("value", m.group(0).lower())),
            )
            return


def _fixtures(ctx: Context, places: Places, s, here: set[str]) -> Iterator[Finding]:
    mine = [f for f in places.fixtures if f.place in here]
    if not mine:
        return
    # overlapping: "the shelf beside the stuffed guillemot" has two noun phrases
    for m in re.finditer(r"(?=\bthe\s+(?P<k>[a-z-]+)\s+(?P<n>(?!the\b)[a-z-]{3,})\b)", s.text, re.IGNORECASE):
        kind, noun = m.group("k").lower(), m.group("n").lower()
        if colour_group(noun):
            continue  # "the stuffed red fox": "red" is no fixture
        same_kind = [f for f in mine if f.kind == kind]
        # ("the neon crescent moon": the noun may come a word or two on)
        nouns = [noun, *(w.lower() for w in re.findall(r"[A-Za-z-]+", s.text[m.end("n"):])[:2])]
        if not same_kind or any(_same_noun(f.noun, n) for f in same_kind for n in nouns) or any(
                noun in re.findall(r"[a-z-]+", f.words.lower()) for f in same_kind):
            continue  # (and "the neon crescent" is the bible's "neon crescent moon")
        f = same_kind[0]
        yield _set_finding(
            s, f"{f.place}.{f.kind} {f.noun}",
            f"the {kind} {noun} in {f.place} here ({s.text[m.start():m.end('n')]!r}) should be the bible's {f.kind} {f.noun} "
            f"({f.words!r}): the set has no other {kind} thing",
            (Evidence(f.text, bible=f.path),),
            (("attribute", "fixture"), ("value", noun), ("expected", f.noun)),
        )
        return


def _repainted(ctx: Context, places: Places, s, here: set[str]) -> Iterator[Finding]:
    for r in places.repaints:
        if s.scene <= r.scene or ctx.is_flashback(s.scene) or r.old is None:
            continue
        if r.place not in here and not _names_place(s.text, r.place):
            continue  # (from another heading, a sentence that names the place: "the doorway of the mess hut")
        if ctx.period(s.scene) != ctx.period(r.scene):
            continue
        for m in _ROOM_COLOUR_RE.finditer(s.text):
            group = colour_group(m.group("c"))
            if group is None or group != r.old or group == r.colour:
                continue
            middle = s.text[m.end("c"):m.start("r")].split()
            if middle and (middle[0].lower() in MATERIALS or colour_group(middle[0].lower())):
                continue  # "the green steel door": another door (a steel one), not the one painted
            evidence = (Evidence(r.sentence.text, line=r.sentence.line, scene=r.sentence.scene),) if r.sentence \
                else (Evidence(r.text, bible=r.path),)
            yield _set_finding(
                s, f"{r.place}.{r.what}",
                f"the {m.group('r').lower()} {_be(m.group('r'))} {m.group('c').lower()} here "
                f"({s.text[m.start('c'):m.end('r')]!r}), but "
                f"{'they were' if _be(m.group('r')) == 'are' else 'it was'} "
                f"painted {r.colour} in scene {ctx.scene_number(r.scene)}"
                f"{'' if r.sentence else ' (the bible)'}",
                evidence,
                (("attribute", "colour"), ("value", group), ("expected", r.colour)),
            )
            return


def _be(noun: str) -> str:
    return "are" if noun.lower().endswith("s") and not noun.lower().endswith("ss") else "is"


def _made_of(ctx: Context, places: Places, s, here: set[str]) -> Iterator[Finding]:
    """A set's one counter or floor said to be of another material ("a long oak counter" for the bible's zinc)."""
    mine = [f for f in places.made if f.place in here]
    for f in mine:
        for m in re.finditer(r"\b(?P<m>[a-z]+)\s+(?P<n>" + re.escape(f.noun) + r")s?\b", s.text, re.IGNORECASE):
            material = MATERIALS.get(m.group("m").lower())
            if material is None or material == f.material:
                continue
            yield _set_finding(
                s, f"{f.place}.{f.noun}",
                f"the {f.noun} of {f.place} is {m.group('m').lower()} here ({m.group(0)!r}), but the bible "
                f"has {f.words!r}",
                (Evidence(f.text, bible=f.path),),
                (("attribute", "material"), ("value", material), ("expected", f.material)),
            )
            return


def _set_finding(s, subject: str, message: str, evidence: tuple, extra: tuple) -> Finding:
    """A set-dressing finding on the sentence ``s`` (category ``location``, an error)."""
    return Finding(category="location", severity="error", scene=s.scene, line=s.line, message=message, text=s.text,
                   subject=subject, evidence=evidence, extra=extra)


def _names_place(text: str, place: str) -> bool:
    """Whether the text names the place ("the mess hut" for MESS_HUT, "the boathouse")."""
    words = place.replace("_", " ").lower().split()
    return bool(words) and re.search(r"\b" + r"[\s-]+".join(map(re.escape, words)) + r"\b", text, re.IGNORECASE) is not None


def _same_noun(a: str, b: str) -> bool:
    return a == b or a.rstrip("s") == b.rstrip("s")


def _some(word: str) -> str:
    """"a windowsill", "an oven", "curtains"."""
    if word.endswith("s") and not word.endswith("ss"):
        return word
    return ("an " if word[:1] in "aeiou" else "a ") + word


def _quote(text: str, start: int, end: int) -> str:
    lo = max(text.rfind(",", 0, start), text.rfind(".", 0, start), -1) + 1
    return text[lo:end].strip()


def _excerpt(text: str, feature: str) -> str:
    for part in re.split(r"(?<=[.;])\s+", text):
        if feature.lower() in part.lower():
            return part.strip()
    return text[:80]
