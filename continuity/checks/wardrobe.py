"""Wardrobe: a garment that changes colour within a scene or a continuous span.

Within one scene, or across scenes linked by CONTINUOUS/SAME/MOMENTS LATER, the
same kind of garment on the same character must keep its colour. Against the
bible, a garment of the kind listed for a scene range must match its colour.
Changes announced in the text ("puts on", "changes into") reset the canon.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from continuity.bible.model import SceneRange
from continuity.checks import wardrobe_fabric
from continuity.checks.findings import Evidence, Finding, observation_finding
from continuity.language.lexicon import (
    colour_of,
    colour_word,
    colours_conflict,
    garment_kind,
    garments_in,
)
from continuity.story.context import Context

_SCENES_IN_TEXT = re.compile(r"\b(?:sc(?:enes?|s)?\.?|scenes?)\s*(\d+)(?:\s*(?:-|\u2013|to)\s*(\d+))?(\s*(?:on(?:wards?)?|-))?",
                            re.IGNORECASE)
_FROM_RE = re.compile(r"\b(?:from|since|after|by)\s+$", re.IGNORECASE)
_UNTIL_BEFORE_RE = re.compile(r"\b(?:until|till|up to|before)\b[^(,;]*$", re.IGNORECASE)
_REST_RE = re.compile(r"\b(?:for the rest|from then on|thereafter|onwards?|from here|to the end|throughout)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Worn:
    """A garment the bible gives a character: kind, colour, the scenes it is worn in, and which look it belongs to."""

    character: str
    kind: str
    colour: str
    scenes: SceneRange
    look: str | None
    text: str
    path: str


def bible_garments(ctx: Context) -> list[Worn]:
    """Every coloured garment of every character's wardrobe, one per garment named.

    A wardrobe item written as prose ("Long black wool coat over a grey roll-neck
    (sc. 1-8). Swaps coats with Odile in sc. 9: Odile's bottle-green wool coat...")
    gives each garment it names, with the scene range its sentence states.
    """
    out: list[Worn] = []
    for c in ctx.bible.characters:
        name = ctx.cue_of.get(c.name, c.name)
        for i, w in enumerate(c.wardrobe):
            path = f"characters.{c.name}.wardrobe[{i}]"
            for sentence in re.split(r"(?<=[.;])\s+", w.item):
                scenes = w.scenes
                m = _SCENES_IN_TEXT.search(sentence)
                if m and _an_event_in(sentence[:m.start()]):
                    m = None  # "Burgundy knitted tie, knotted small (loosened sc 12)": what happens to it there
                if m and w.scenes.is_all:
                    start = int(m.group(1))
                    end = int(m.group(2)) if m.group(2) else (None if (m.group(3) or _REST_RE.search(sentence) or
                                                                       _FROM_RE.search(sentence[:m.start()]))
                                                              else start)
                    scenes = SceneRange.parse(f"{start}-{end}" if end else f"{start}-")
                    if _UNTIL_BEFORE_RE.search(sentence[:m.start()]):
                        scenes = SceneRange.parse(f"1-{start}")  # "(until cut up in scene 18)"
                # a scene said in brackets after one garment is that garment's: "purple down parka, ..., red wool
                # scarf (until cut up in scene 18), city boots"
                opened = sentence.rfind("(", 0, m.start()) if m else -1
                closed = sentence.find(")", m.end()) if m else -1
                for g in garments_in(sentence):
                    own = scenes if opened < 0 or closed < 0 or (
                        sentence.rfind(",", 0, opened) < g.start < opened) else w.scenes
                    out.append(Worn(name, g.kind, g.colour, own, w.look, w.item, path))
                if re.search(r"\b(?:fencing|cricket|tennis|kitchen|chef's|chefs'|navy|dress|summer)\s+whites\b", sentence,
                             re.IGNORECASE):
                    # "fencing whites": a white jacket, white breeches, a white shirt
                    out += [Worn(name, kind, "white", scenes, w.look, w.item, path) for kind in ("jacket", "trousers",
                                                                                              "shirt")]
                if not garments_in(sentence):
                    kind, colour = garment_kind(sentence), colour_of(sentence)
                    if kind and colour:
                        out.append(Worn(name, kind, colour, scenes, w.look, w.item, path))
    # "camel trench coat ... From scene 13 wears Eva's late father's navy pea coat": the first coat until then
    for i, a in enumerate(out):
        if not a.scenes.is_all:
            continue
        later = [b.scenes.spans[0][0] for b in out if b.path == a.path and b.character == a.character and
                 b.kind == a.kind and b.colour != a.colour and not b.scenes.is_all and b.scenes.spans[0][1] is None
                 and isinstance(b.scenes.spans[0][0], int)]
        if later and min(later) > 1:
            out[i] = Worn(a.character, a.kind, a.colour, SceneRange.parse(f"1-{min(later) - 1}"), a.look, a.text,
                          a.path)
    return out


def _an_event_in(before: str) -> bool:
    """Whether the words right before a scene number tell something done to the garment there ("loosened sc 12"),
    not the scenes it is worn in ("sc. 1-8", "from scene 9")."""
    clause = re.split(r"[(,;:]", before)[-1]
    return bool(re.search(r"\b[a-z]+ed\b", clause, re.IGNORECASE)) and not re.search(
        r"\b(?:worn|wears?|from|until|till|in|since|after|before|through|scenes?)\s*$", clause.strip() + " ",
        re.IGNORECASE)


def check(ctx: Context) -> Iterator[Finding]:
    """Yield wardrobe findings."""
    seen: dict[tuple[int, str, str], object] = {}  # (span, character, kind) -> observation
    worn = bible_garments(ctx)
    for obs in ctx.observations:
        if not obs.attribute.startswith("garment:"):
            continue
        kind = obs.attribute.split(":", 1)[1]
        scene = obs.sentence.scene
        if scene == 0:
            continue
        reported = False
        mine = [w for w in worn if w.character == obs.character and _same_kind(w, kind, obs.words)
                and _look_in_force(ctx, w, scene)]
        # Against the bible: only when no look of this character has this garment in this colour.
        listed = [w for w in mine if w.look is None and w.scenes.contains(scene, ctx.scene_number(scene))]
        if listed and not any(w.colour == obs.value for w in mine if w.look is not None or w.scenes.contains(scene, ctx.scene_number(scene))):
            item = listed[0]
            reported = True
            yield _finding(
                obs,
                f"{obs.character} wears {obs.words!r} here, but the bible has "
                f"{item.text!r} for {item.scenes.describe()}",
                Evidence(item.text, bible=item.path),
                "error",
            )
        looks = [w for w in mine if w.look is not None and w.scenes.contains(scene, ctx.scene_number(scene))]
        if not listed and looks and len(looks) == len([w for w in mine if w.scenes.contains(scene, ctx.scene_number(scene))]) \
                and all(colours_conflict(w.colour, obs.value) for w in looks) and not ctx.is_flashback(scene) \
                and not _in_other_look(ctx, obs, kind, worn):
            # every look the bible gives her has this garment in another colour
            reported = True
            shown = "; ".join(f"{w.look}: {w.text!r}" for w in looks[:3])
            yield _finding(
                obs,
                f"{obs.character} wears {obs.words!r} here, but no look the bible gives {obs.character} has a "
                f"{obs.value} {kind} ({shown})",
                Evidence(looks[0].text, bible=looks[0].path),
                "warning",
            )
        sanctioned = any(w.colour == obs.value and (w.look is not None or w.scenes.contains(scene, ctx.scene_number(scene))) for w in mine)
        key = (ctx.spans[scene - 1], obs.character, kind)
        first = seen.get(key)
        if first is None and kind == "skirt" and _definite(obs):
            # "gathers the navy skirt" in an emerald dress: the dress's own skirt
            first = seen.get((ctx.spans[scene - 1], obs.character, "dress"))
        # A change the bible records for this scene (a deliberate costume change) is canon.
        if first is None or obs.change or sanctioned:
            seen[key] = obs
            continue
        if not reported and colours_conflict(colour_word(first.words) or first.value, colour_word(obs.words) or obs.value):
            where = "in this scene" if first.sentence.scene == scene else (
                f"in scene {ctx.scene_number(first.sentence.scene)}, with no time passing since"
            )
            noun = obs.words.split()[-1].lower()
            plural = noun.endswith("s") and not noun.endswith("ss")
            yield _finding(
                obs,
                f"{obs.character}'s {noun} {'are' if plural else 'is'} {obs.words.split()[0].lower()} here "
                f"({obs.words!r}), but {first.words.split()[0].lower()} ({first.words!r}) {where}",
                Evidence(first.sentence.text, line=first.sentence.line, scene=first.sentence.scene),
                "error",
            )
    yield from wardrobe_fabric.check(ctx, _look_in_force)


#: A look named by the story days it is worn on: "days_1_to_3", "from_day_4", "day 2", "until day 5".
_LOOK_DAYS_RE = re.compile(r"^(?:(?P<from>from|since)\s+)?(?:(?P<until>until|till|to|up to)\s+)?(?:story\s+)?days?\s*"
                           r"(?P<a>\d+)(?:\s*(?:to|-|\u2013|through|thru)\s*(?:day\s*)?(?P<b>\d+))?"
                           r"(?P<on>\s*(?:on|onwards?|\+|and after))?$", re.IGNORECASE)


def look_days(look: str | None) -> tuple[int, int | None] | None:
    """The story days a look's name gives (first, last or None for the rest), or None when it names none."""
    m = _LOOK_DAYS_RE.match(re.sub(r"[_\s]+", " ", look or "").strip())
    if m is None:
        return None
    return (1, int(m.group("a"))) if m.group("until") else _span(m)


def _span(m: re.Match) -> tuple[int, int | None]:
    """First and last (None for the rest) of a look's "from A", "A to B", "A on" or bare "A"."""
    a = int(m.group("a"))
    if m.group("b"):
        return a, int(m.group("b"))
    return (a, None) if m.group("from") or m.group("on") else (a, a)


#: Outerwear called a coat by some and a jacket by others: "her blue oilskin" is the bible's "yellow oilskin jacket".
_EITHER_OUTER = re.compile(r"\b(?:oilskins?|slicker|anorak|parka|cagoule|windbreaker|waterproof|mac|"
                           r"mackintosh|kagoul|puffer)\b", re.IGNORECASE)


def _same_kind(w: Worn, kind: str, words: str) -> bool:
    """Whether a bible garment is of the kind written (a coat and a jacket are one when either is an oilskin...)."""
    if w.kind == kind:
        return True
    return {w.kind, kind} == {"coat", "jacket"} and bool(_EITHER_OUTER.search(words) or _EITHER_OUTER.search(w.text))


#: A look named by scenes: "sc_11_12", "sc_13_on", "from_sc8", "scenes 4 to 9".
_LOOK_SCENES_RE = re.compile(r"^(?:(?P<from>from|since)\s+)?(?:sc|scs|scene|scenes)\s*(?P<a>\d+)"
                             r"(?:\s*(?:to|-|\u2013|and|through)?\s*(?P<b>\d+))?(?P<on>\s*(?:on|onwards?|\+))?$",
                             re.IGNORECASE)


def look_scenes(look: str | None) -> tuple[int, int | None] | None:
    """The scenes a look's name gives (first, last or None for the rest), or None when it names none."""
    m = _LOOK_SCENES_RE.match(re.sub(r"[_\s]+", " ", look or "").strip())
    return None if m is None else _span(m)


def _look_in_force(ctx: Context, w: Worn, scene: int) -> bool:
    """Whether a look named by story days ("days_1_to_3") or scenes ("sc_11_12") is worn in this scene."""
    numbered = look_scenes(w.look)
    if numbered is not None:
        n = ctx.scene_number(scene)
        n = int(n) if str(n).isdigit() else scene
        return numbered[0] <= n and (numbered[1] is None or n <= numbered[1])
    days = look_days(w.look)
    if days is None:
        return True
    day = ctx.story.scenes[scene - 1].day if 0 < scene <= len(ctx.story.scenes) else None
    if day is None:
        return True
    return days[0] <= day and (days[1] is None or day <= days[1])


def _definite(obs) -> bool:
    """Whether the garment is named as one already there ("the navy skirt", not "a navy skirt")."""
    return re.search(r"\bthe\s+" + re.escape(obs.words), obs.sentence.text, re.IGNORECASE) is not None


def _in_other_look(ctx: Context, obs, kind: str, worn: list[Worn]) -> bool:
    """Whether the colour as written is in a look of this character where no garment of this kind was read.

    "tan turnouts, WHITE helmet" may hold the tan coat under a name the lexicon does not know.
    """
    word = (obs.words.split() or [""])[0].lower()
    with_kind = {w.look for w in worn if w.character == obs.character and w.kind == kind}
    for c in ctx.bible.characters:
        if ctx.cue_of.get(c.name, c.name) != obs.character:
            continue
        for item in c.wardrobe:
            if item.look not in with_kind and word in re.findall(r"[a-z]+(?:-[a-z]+)*", item.item.lower()):
                return True
    return False


def _finding(obs, message: str, evidence: Evidence, severity: str) -> Finding:
    return observation_finding(obs, "wardrobe", severity, message, evidence, (("garment", obs.words),))
