"""Before the entrance: a character named or called in a scene before they come into it.

A scene brings a character in with an entrance ("A knock. Greta comes in with two
coffees.", "The door creaks. Cal stands in the doorway."). Before that line, in the
same scene, they cannot look up at the rafters or be told to hold still: an action
sentence that opens with their name as its subject ("Cal looks up at the rafter.")
or a vocative that calls them ("Hold still, Greta.") is a slip for someone who is
there. Not flagged: a character who speaks before the entrance, or leaves before it
("Cal goes out."), or comes *back* in; a call that is only the name, shouted
(someone out of sight); a line on the phone.

**A stranger at work.** Mid-scene, after others have spoken, an established character
who has no line, no entrance and no other mention in the scene takes up something the
scene already has in hand ("Dev holds the shuttle up to the bulb." where Tomas has been
binding the shuttle, and Dev is nowhere else in the scene): the name is a slip for
someone who is there. The thing must be named earlier in the scene ("the shuttle"), so a
silent character's own business ("Nell watches from the shadows") is not flagged, nor a
sentence that brings them in or takes them round ("comes", "walks", "appears").
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator

from continuity.checks.address import ESTABLISHED, on_the_line, shout_for
from continuity.checks.findings import Evidence, Finding
from continuity.language.names import vocatives
from continuity.screenplay.model import Kind
from continuity.story.context import Context

_ENTRANCE = (r"(?:comes|walks|steps|bursts|strides|storms|hurries|slips|wanders|limps|marches|sweeps|barges|creeps|"
             r"sidles|edges)\s+(?:in|inside|into the\s+\w+|through the\s+(?:door|doorway|curtain|gate))\b|"
             r"(?:enters|arrives|appears)\b|(?:stands|is standing|appears|looms|waits)\s+in the doorway\b")
_ENTRANCE_RE = re.compile(r"\s+(?:" + _ENTRANCE + r")", re.IGNORECASE)
_GOES_INSIDE_RE = re.compile(r"\s+(?:\w+\s+)?(?:in|inside|indoors|into)\b", re.IGNORECASE)
_LEAVES = re.compile(r"\b(?:leaves|exits|goes out|walks out|steps out|heads out|slips out|storms out|is gone)\b",
                     re.IGNORECASE)


def check(ctx: Context) -> Iterator[Finding]:
    """Yield findings for characters named before their entrance, and strangers at work mid-scene."""
    yield from _before_entrance(ctx)
    yield from _strangers(ctx)


def _before_entrance(ctx: Context) -> Iterator[Finding]:
    """A character named as acting, or called, before their entrance in a scene."""
    by_scene: dict[int, list] = {}
    for s in ctx.sentences:
        if s.scene > 0:
            by_scene.setdefault(s.scene, []).append(s)
    surface = ctx.cast.surface
    for scene_index, sentences in by_scene.items():
        scene = ctx.scene(scene_index)
        cued = [(el.line, el.character) for el in scene.elements if el.kind is Kind.CHARACTER and el.character]
        for s in sentences:
            if s.kind != "action":
                continue
            if not _ENTRANCE_RE.search(s.text):
                continue
            for m in ctx.reader.mentions(s):
                who = m.character
                if m.possessive or not _ENTRANCE_RE.match(s.text, m.end) or re.search(r"\bback\b",
                                                                                     s.text[m.end:m.end + 40]):
                    continue
                if scene.heading.setting == "EXT" and _GOES_INSIDE_RE.match(s.text, m.end):
                    continue  # "Fern comes inside" in an EXT scene: she was outside, in it, all along
                before = [x for x in sentences if x.id < s.id]
                if any(line < s.line and c == who for line, c in cued):
                    continue  # spoke before: there all along, or left and came back
                if any(x.kind == "action" and _LEAVES.search(x.text) and who in _named(ctx, x) for x in before):
                    continue
                # the first time the scene names them (not "TERRY MALLON (27) is already waiting" before "Mallon
                # comes in to finish him")
                x = next((x for x in before if who in _named(ctx, x) or (x.kind == "dialogue" and _too_soon(
                    ctx, x, who, surface))), None)
                if x is not None:
                    found = _too_soon(ctx, x, who, surface)
                    if found is None or (x.kind == "dialogue" and (shout_for(x.text, found) or on_the_line(ctx, x))):
                        continue
                    yield _name_finding(x, who, f"{who} is {'called' if x.kind == 'dialogue' else 'named'} here "
                                                f"({found!r}), but {who} only comes in at line {s.line}", s, found)


def _named(ctx: Context, s) -> set[str]:
    return {m.character for m in ctx.reader.mentions(s)}


def _too_soon(ctx: Context, s, who: str, surface: dict[str, str]) -> str | None:
    """The name by which ``s`` has ``who`` act (an action opening on it) or calls them (a vocative)."""
    if s.kind == "dialogue":
        return next((name for name, _ in vocatives(s.text) if surface.get(name.upper()) == who), None)
    first = next(iter(ctx.reader.mentions(s)), None)
    if first is None or first.character != who or first.possessive or first.start > 0:
        return None
    if not re.match(r"\s+[a-z]+s\b", s.text[first.end:]):
        return None  # "Cal looks up", not "Cal's mug" nor "Cal, who ..."
    return s.text[first.start:first.end]


_MOVES_RE = re.compile(r"\b(?:comes?|walks?|steps?|enters?|arrives?|appears?|bursts?|hurries|strides?|emerges?|runs?|"
                       r"rushes|returns?|joins?|follows?|wanders?|slips? in|sits? down|is there|round the corner|"
                       r"doorway|from nowhere|(?:explodes?|shoots?|bolts?|darts?|scrambles?|tumbles?|springs?|leaps?|"
                       r"crawls?|pops?|wriggles?|squeezes?|barrels?|hurtles?|charges?)\s+(?:out|up|in|from|through|"
                       r"across))\b", re.IGNORECASE)  # ("Tuesday explodes from under the bench, barking.")
#: Nouns too common to show that a thing is the scene's own ("the way", "the room").
_ANY_NOUNS = frozenset("way room door floor table wall window air light dark end side moment time back front corner "
                       "street world same other rest one rain snow wind sun fog mist storm sky water sea night day "
                       "cold heat noise".split())
#: Verbs of one's own stillness: "Bishop watches from the hatch" is no one's work.
_STILL_RE = re.compile(r"\s+(?:watches|looks|waits|listens|sits|stands|sleeps|lies|dozes|stares|peers|glances)\b")


def _strangers(ctx: Context) -> Iterator[Finding]:
    """An established character with no line, entrance or other mention in a scene, at work on its things."""
    cues = Counter(el.character for _, el in ctx.script.elements() if el.kind is Kind.CHARACTER and el.character)
    bible = {c.name for c in ctx.bible.characters} if ctx.explicit_bible else set()
    by_scene: dict[int, list] = {}
    for s in ctx.sentences:
        if s.scene > 0:
            by_scene.setdefault(s.scene, []).append(s)
    for scene_index, sentences in by_scene.items():
        scene = ctx.scene(scene_index)
        if ctx.is_flashback(scene_index):
            continue
        cued = {el.character for el in scene.elements if el.kind is Kind.CHARACTER and el.character}
        named: dict[str, list] = {}
        called = {ctx.cast.surface.get(n.upper()) for x in sentences if x.kind == "dialogue" for n, _ in vocatives(x.text)}
        for x in sentences:
            for m in ctx.reader.mentions(x):
                if x.kind == "action" or m.character in called:
                    # (talked about in the third person, "Cody was the last one off the butte", is no sign of being there)
                    named.setdefault(m.character, []).append((x, m))
        heading = {m.character for m in ctx.cast.mentions(scene.heading.text)} if scene.heading else set()
        for who, found in named.items():
            if who in cued or who in heading or len(found) != 1 or (cues[who] < ESTABLISHED and who not in bible):
                continue
            s, m = found[0]
            if s.kind != "action" or m.start != 0 or m.possessive or m.caps or _MOVES_RE.search(s.text) or \
                    not re.match(r"\s+[a-z]+s\b", s.text[m.end:]) or _STILL_RE.match(s.text, m.end):
                continue  # "Dev holds ...", not "Dev and Kit", "Dev's", "DEV (30s)", "Dev comes in"
            before = [x for x in sentences if x.id < s.id]
            after = ctx.sentences[s.id + 1] if s.id + 1 < len(ctx.sentences) else None
            if _other_pronoun(ctx, who, s, after) and any(ctx.reader.mentions(x) for x in before):
                # "Nell holds the basin. His hands are shaking.": Nell is a woman; the one at work is a man
                yield _stranger(ctx, s, m, who, sorted(cued), f"and the next sentence calls them "
                                                             f"{after.text.split()[0].lower()!r}", after)
                continue
            if not any(x.kind == "dialogue" for x in before):
                continue
            said = " ".join(x.text.lower() for x in before)
            things = [n for n in re.findall(r"\bthe ([a-z]{3,})\b", s.text.lower())
                      if n not in _ANY_NOUNS and re.search(rf"\b{n}\b", said)]
            if not things:
                continue
            earlier = next(x for x in before if re.search(rf"\b{things[0]}\b", x.text.lower()))
            yield _stranger(ctx, s, m, who, sorted(cued), f"and the scene named the {things[0]} at line "
                                                         f"{earlier.line}", earlier)


def _other_pronoun(ctx: Context, who: str, s, after) -> bool:
    """The next sentence of the paragraph opens on a pronoun of the other gender, with no one else to be it."""
    gender = ctx.cast.gender.get(who)
    if after is None or after.element != s.element or gender is None or len(ctx.reader.mentions(s)) != 1:
        return False
    if re.search(r"\b(?:him|his|her|hers|them|their)\b", s.text, re.IGNORECASE):
        return False  # "Mara hands him the cup. He drinks.": someone else is there to be "he"
    other = r"(?:He|His|Him)" if gender == "f" else r"(?:She|Her)"
    return re.match(rf"\s*{other}\b", after.text) is not None


def _stranger(ctx: Context, s, m, who: str, there: list[str], why: str, ev) -> Finding:
    """The finding for a stranger at work: the name as written, who is there, and why it is a slip."""
    quote = s.text if len(s.text) < 60 else s.text[:60].rsplit(" ", 1)[0] + " ..."
    where = f", which {_listed(there)} {'is' if len(there) == 1 else 'are'} in" if there else ""
    return _name_finding(s, who, f"{who} is at work here ({quote!r}), but has no line, no entrance and no other "
                                 f"mention in this scene{where}, {why}: a slip of the name?", ev, s.text[m.start:m.end])


def _name_finding(s, who: str, message: str, ev, called: str) -> Finding:
    """A name finding on sentence ``s`` about ``who``, with the sentence ``ev`` as its evidence."""
    return Finding(
        category="name", severity="warning", scene=s.scene, line=s.line, message=message, text=s.text,
        character=who, subject=f"{who}.address", evidence=(Evidence(ev.text, line=ev.line, scene=ev.scene),),
        extra=(("called", called), ("speaker", s.speaker or "")),
    )


def _listed(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
