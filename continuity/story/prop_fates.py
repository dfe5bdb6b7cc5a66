"""What the bible says becomes of a prop: destroyed, burnt or lost, and when.

Bibles keep a prop's fate beside its look: "Silver Heuer stopwatch ... SMASHED under
Duggie's heel in sc. 11 - destroyed", "DESTROYED - Miriam drops it into the mess stove
in sc. 15", "thrown into Sorrow Creek day 3 - gone", "Tomasz burns it unopened in the
candle at The Blue Heron, night of day 1". A fate is read only with a time the script
can place (a scene, or a story day); a value that also tells of a recovery ("stripped,
cleaned and reassembled by Day 8", "comes back in the mail") gives none.

A fate on a story day is placed in the day's scene whose heading shares a place word
with it ("at The Blue Heron", "into Sorrow Creek"), else at the day's end: the thing is
gone after that scene. :mod:`continuity.checks.prop` holds the script's later uses to it
as it does a loss the script shows.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from continuity.language.lexicon import COLOUR_GROUP
from continuity.story.bible_looks import SCENE_REF_RE
from continuity.story.object_refs import SAME_THING, ObjectRef

if TYPE_CHECKING:
    from continuity.story.context import Context


@dataclass(frozen=True)
class Fate:
    """A prop's end as the bible tells it.

    Attributes:
        name: the bible's name for the thing.
        refs: the ways the script may name it (``the silver Heuer``, ``the stopwatch``).
        how: ``destroyed``, ``burnt``, ``lost``, ``pawned`` or ``stolen``.
        scene: the scene it happens in (1-based); it is gone after it.
        words: the bible's clause that tells it.
        path: where in the bible.
    """

    name: str
    refs: tuple[ObjectRef, ...]
    how: str
    scene: int
    words: str
    path: str


_FATE_RE = re.compile(
    r"\b(?:(?P<destroyed>destroy(?:ed|s)?|smash(?:ed|es)?|shatter(?:ed|s)?|crush(?:ed|es)|wrecked)|"
    r"(?P<burnt>burn(?:s|ed|t)?|incinerated)|"
    r"(?P<lost>lost|loses|(?:sinks|sank|sunk)\b(?!\s+(?:in|into)\b)|(?:goes|went|falls|fell)\s+through\s+the\s+ice|(?:thrown|throws|threw|drops|dropped|falls|fell|sinks|sank|sunk|tossed|tosses|flung|flings)"
    r"\b[^.;]{0,40}?\b(?:into|overboard|in\s+the\s+(?:river|lake|sea|canal|creek|water|ocean|bay|harbou?r|well|"
    r"fire|stove|sewer|drain|gorge|ravine|bin|skip|dustbin|trash|rubbish|(?:scrap|wheelie|rubbish)\s+bin)))|"
    r"(?P<pawned>pawn(?:s|ed))|(?P<stolen>stolen|steals|stole))\b", re.IGNORECASE)
#: A fate undone later in the same value: the thing is back.
_RECOVERY_RE = re.compile(r"\b(?:repaired|mended|fixed|restored|reassembled|rebuilt|returned|returns|recovered|"
                          r"retrieved|salvaged|saved|saves|rehung|rehangs|(?:fish|pull|dig)(?:es|s|ed)? (?:it|them) out|"
                          r"dug (?:it|them) out|(?:gives?|gave|hands?|handed) (?:it|them) back|comes? back|came back|back in the mail|gets? (?:it|them) back|got (?:it|them) back|"
                          r"redeem\w*|buys? (?:it|them) back|bought back|found|finds|rescued|fished out|comes home|"
                          r"handed back|given back|replaced by an identical)\b", re.IGNORECASE)
_FIRE_RE = re.compile(r"\b(?:fire|stove|flames?|furnace|grate|fireplace|candle|bonfire|incinerator|brazier)\b",
                      re.IGNORECASE)
_DAY_RE = re.compile(r"\b(?:(?:night|evening|morning|dawn|end)\s+(?:of\s+)?)?day\s*(\d{1,3})\b|\bnight\s+(\d{1,3})\b",
                     re.IGNORECASE)
_CLAUSE_RE = re.compile(r"(?<=[.;])(?<![Ss]c\.)(?<!SC\.)(?<!St\.)(?<!\bNo\.)\s+|\s+--?\s+(?=[A-Z])")
_PHRASE_END_RE = re.compile(r"[,;.(:\u2014]|\s-\s|\s--\s|\s(?:with|on|in|worn|from|of|that|which|engraved|marked|"
                            r"stamped|bound|wrapped)\s", re.IGNORECASE)
#: Words at the head of a description that are not what the thing is.
_NOT_OBJECT = frozenset("a an the his her their its one two three four both pair of small large big old new heavy light plain tiny huge "
                        "battered worn faded cheap expensive thick thin long short round square see".split())
#: Character attributes that describe the person, never a prop's fate.
_PERSON_KEYS = frozenset("hair eyes beard moustache build height age look looks face marks scar scars tattoo "
                         "injury injuries makeup make-up voice arc history backstory notes role".split())
_DIRECTIONS = frozenset("north south east west northern southern eastern western".split())
_PLACE_STOP = frozenset("the a an at in into on of from night day morning evening dawn end and by under with "
                        "his her their its it".split())


def bible_fates(ctx: Context) -> list[Fate]:
    """Every prop fate the bible gives with a time the script can place."""
    if not ctx.explicit_bible:
        return []
    return ctx.shared("prop fates", lambda: _read(ctx))


def _read(ctx: Context) -> list[Fate]:
    out: list[Fate] = []
    # (a one-word cue wins its word: "cora" is CORA, not the shared cue "CORA AND JUNO")
    names = sorted(ctx.cast.gender, key=lambda n: -len(n.split()))
    cast = {w.lower(): n for n in names for w in n.split()} | {n.lower(): n for n in ctx.cast.gender}
    for p in ctx.bible.props:
        # "nora_phone": Nora's phone
        first = p.name.replace("_", " ").split()[0].lower() if p.name.strip() else ""
        owner = cast.get(first.removesuffix("'s").removesuffix("s")) or cast.get(first.removesuffix("'s"))
        names = [" ".join(n.replace("_", " ").split()[1:]) if owner else n for n in (p.name, *p.aliases)]
        described = p.description or next((str(v) for k, v in p.attributes.items()
                                           if k.lower() in ("look", "looks", "description", "what")), "")
        texts = [("description", p.description or ""), *p.attributes.items(), ("notes", p.notes or "")]
        for key, text in texts:
            out += _fates(ctx, p.name, names, described, str(text), f"props.{p.name}.{key}", owner)
    for c in ctx.bible.characters:
        who = ctx.cue_of.get(c.name, c.name)
        for key, text in c.attributes.items():
            words = key.replace("_", " ").lower().split()
            if not words or (words[-1] in _PERSON_KEYS and "prop" not in words and "props" not in words):
                continue
            thing = words[-1] if "prop" not in words[0] else ""
            first = _first_phrase(text)
            if not first:
                continue
            out += _fates(ctx, first, [thing] if thing else [], text, text,
                          f"characters.{c.name}.attributes.{key}", who)
    return out


def _fates(ctx: Context, name: str, names: list[str], description: str, text: str, path: str,
           owner: str | None) -> list[Fate]:
    out = []
    last = None  # the scene the clause before said: "blade snaps (scene 7); Priya throws both halves in the bin"
    for clause in _CLAUSE_RE.split(text):
        # (a clause that dates itself, "day 6 night", is its own time, placed or not)
        dates_itself = bool(SCENE_REF_RE.search(clause) or _DAY_RE.search(clause))
        own = _when(ctx, clause) if dates_itself else None
        said = own if SCENE_REF_RE.search(clause) else None
        m = _FATE_RE.search(clause)
        if m is None or _RECOVERY_RE.search(text, text.find(clause) + m.start() if clause in text else 0):
            last = said or last
            continue
        if re.match(r"\s+(?:its|their)\s+\w+", clause[m.end():]):
            continue  # "The flood smashes its riffle bar": a part broken, the thing still there
        if re.match(r"\s+into\b", clause[m.end():]) and re.search(r"\b(?:burn|brand|scorch|sear)", m.group(0), re.IGNORECASE):
            continue  # "W.B. burned into the handle in 1936": a mark made on it, not the thing burnt
        part = re.search(r"(?:\b(?:the|its|their)\s+|^\s*|[,;]\s*)(?:[a-z-]+\s+)?(" + "|".join(sorted(_PART_NOUNS | _PANES)) +
                         r")\s+$", clause[:m.start()], re.IGNORECASE)  # (and "dome smashed sc12" opening a clause)
        if part and not any(part.group(1).lower() in n.lower().replace("_", " ").split() for n in (name, *names)):
            continue  # "frame falls and the glass smashes": the glass broken, the sheet it held still there
        scene = own if dates_itself else last
        last = said or last
        if scene is None:
            continue
        how = next(k for k, v in m.groupdict().items() if v)
        if how == "lost" and _FIRE_RE.search(clause):
            how = "burnt"  # "drops it into the mess stove"
        refs = _refs([*names, _first_phrase(description)], owner)
        if refs:
            out.append(Fate(name, refs, how, scene, clause.strip(), path))
        break  # one fate per value
    return out


def _when(ctx: Context, clause: str) -> int | None:
    """The scene a fate clause happens in: its scene, or its day's scene at the place it names."""
    ref = SCENE_REF_RE.search(clause)
    if ref:
        return ctx.scene_index(ref.group(1))
    day = _DAY_RE.search(clause)
    starts = ctx.day_starts
    if day is None or not starts:
        return None
    n = int(day.group(1) or day.group(2))
    if not 1 <= n <= len(starts):
        return None
    first = starts[n - 1]
    last = (starts[n] - 1) if n < len(starts) else len(ctx.script.scenes)
    if last < first:
        return None
    words = {w.lower() for w in re.findall(r"[A-Za-z]{4,}", clause)} - _PLACE_STOP
    last = min(last, len(ctx.script.scenes))  # (a bible for more of the story than this script holds)
    if first > last:
        return None
    at = [i for i in range(first, last + 1)
          if words & {w.lower() for w in re.findall(r"[A-Za-z]{4,}", ctx.scene(i).heading.location)}]
    return at[0] if at else last


def _first_phrase(text: str) -> str:
    """The words a description opens with, up to its first comma or preposition ("Silver Heuer stopwatch"); not a
    part the description starts on ("black pistol grip, silver guard": a grip is not the epee), nor words quoted."""
    m = _PHRASE_END_RE.search(text)
    phrase = (text[: m.start()] if m else text).strip()
    if re.search(r"[\"\u201c]", phrase):
        return ""  # ('blue letterhead "Rank Film Distributors': words on the thing, not what it is)
    words = re.findall(r"[a-z]+", phrase.lower())
    return "" if words and words[-1] in _PART_NOUNS else phrase


#: Parts of a thing a description may open with.
_PART_NOUNS = frozenset("grip grips guard handle handles lid cap blade strap straps spine cover frame border edge "
                        "corner lens lenses dial face hands sole soles laces lace buckle clasp hinge nib".split())


#: What a frame or a case holds that breaks alone.
_PANES = frozenset("glass pane panes window screen dome bell jar case".split())


def _refs(names: list[str], owner: str | None) -> tuple[ObjectRef, ...]:
    """References for the names a thing goes by: its head noun, and a proper name in it ("Heuer")."""
    out: dict[tuple, ObjectRef] = {}
    for name in names:
        words = [w for w in re.findall(r"[A-Za-z][A-Za-z'-]*", name) if not w.endswith(("'s", "'"))]  # not an owner
        while words and words[0].lower() in _NOT_OBJECT:
            words = words[1:]
        if not words or len(words) > 5:
            continue
        low = [w.lower().replace("'", "") for w in words]
        adjectives = tuple(w for w in low[:-1] if w in COLOUR_GROUP or w in _NOT_OBJECT)
        modifiers = tuple(w for w, orig in zip(low[:-1], words[:-1]) if w not in adjectives and not orig[0].isupper())
        # a maker's name right before the noun ("Silver Heuer stopwatch": "the Heuer"), not a people's or a
        # direction ("West German passports")
        heads = [low[-1]] + [w for k, (w, orig) in enumerate(zip(low[:-1], words[:-1])) if k == len(words) - 2 and
                             k > 0 and orig[0].isupper() and w not in adjectives and orig.upper() != orig and
                             not w.endswith(("an", "ish", "ese", "ic")) and w not in _DIRECTIONS]
        for i, head in enumerate(heads):
            head = SAME_THING.get(head, head)  # "black smartphone": a phone
            if len(head) < 3:
                continue
            ref = ObjectRef(head, modifiers if i == 0 else (), adjectives, owner, name, False, head.endswith("s") and
                            not head.endswith("ss"), 0, True)
            had = out.get((ref.head, ref.modifiers))
            if had is not None:  # "phone" and "black smartphone": one phone, black
                ref = replace(had, adjectives=tuple(dict.fromkeys((*had.adjectives, *ref.adjectives))))
            out[(ref.head, ref.modifiers)] = ref
    return tuple(out.values())
