"""Props, part three: a cast member's own thing said in another colour ("Ada's red umbrella" ... "her blue umbrella").

Owners come from a possessive or a possessive pronoun resolved as the audit resolves them; the
bible's colours for a character's things ("props: long BLACK Maglite") come first.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from continuity.checks.findings import Evidence, Finding
from continuity.checks.prop_look import OTHER_RE, _be, prop_names
from continuity.language.lexicon import COLOURS, MATERIALS, colour_parts, colours_conflict, garment_kind
from continuity.story.context import Context


def check(ctx: Context) -> Iterator[Finding]:
    """Yield the colours of the cast's own things that change with no new one between."""
    yield from _owned(ctx)


# -- the cast's own things: "Ada's red umbrella" ... "her blue umbrella" ----------------------

# A possessive before a colour: the sentences worth parsing for the cast's own things.
_OWNED_GATE_RE = re.compile(
    r"\b(?:his|her|their|[A-Z][A-Za-z]+(?:'s|\u2019s))\s+(?:[\w'-]+,?\s+){0,3}?"
    r"(?:[a-z]+-)?(?:" + "|".join(sorted(COLOURS, key=len, reverse=True)) + r")\b")
# Things on a person that are not props: the body, looks, moods, what the face does.
_NOT_THINGS = frozenset("""
eye eyes hair skin face lips lip cheek cheeks nose ear ears hand hands finger fingers knuckle knuckles nail nails
tooth teeth tongue brow brows eyebrow eyebrows lash lashes eyelashes beard moustache mustache stubble complexion
freckles scar scars tattoo tattoos head neck arm arms leg legs foot feet toe toes chest belly back shoulder shoulders
mouth gums vein veins blood bruise bruises tears tear mood temper gaze glare stare look looks flush blush curls
locks braids braid ponytail bun fringe roots mane wig sweat breath voice smile grin frown wrist wrists palm palms
thigh thighs knee knees elbow elbows hip hips throat jaw chin forehead temple temples iris irises pupils
""".split())


def _thing(word: str) -> str:
    """The singular of a thing's noun, as a key: umbrellas -> umbrella, glasses stays."""
    w = word.lower()
    return w[:-1] if w.endswith("s") and not w.endswith(("ss", "us", "is")) else w


def _owned(ctx: Context) -> Iterator[Finding]:
    """A cast member's own thing (not a garment, not the body) said in another colour in another scene.

    The owner comes from a possessive ("Ada's red umbrella") or a possessive pronoun
    resolved as the audit resolves them (:meth:`continuity.story.sentences.Reader.owner`).
    """
    bible_words = {w for _, words in prop_names(ctx) for w in words}
    gated = [s for s in ctx.sentences if s.kind == "action" and s.scene > 0 and _OWNED_GATE_RE.search(s.text)]
    if not gated:
        return
    canon: dict[tuple[str, str], tuple[str, str, object]] = _bible_owned(ctx)
    for s, parse in zip(gated, ctx.parse_many(gated)):
        for t in parse.tokens:
            if t.dep not in ("amod", "compound") or not colour_parts(t.text):
                continue
            n = parse.tokens[t.head]
            if (n.pos not in ("NOUN", "PROPN") or n.character or n.i <= t.i
                    or not any(c.dep == "poss" for c in parse.children(n.i))):
                continue
            noun, thing = n.text if n.text[:1].isupper() and n.i > 0 else n.text.lower(), _thing(n.text)
            mods = [c for c in parse.children(n.i, "compound") if c.i > t.i]
            phrase = " ".join([*(c.text.lower() for c in mods), noun])
            if (thing in _NOT_THINGS or any(_thing(c.text) in _NOT_THINGS for c in mods) or garment_kind(phrase)
                    or phrase in bible_words or thing in bible_words or n.text == "jacket"):
                continue
            poss = next(c for c in parse.children(n.i) if c.dep == "poss")
            if poss.character:  # "Ada's red umbrella"
                owner = poss.character
            elif poss.lower in ("his", "her", "their"):  # resolved as the audit resolves pronouns
                found = ctx.reader.owner(s, t.start, "object")
                if found is None:
                    continue
                owner = found[0]
            else:  # someone outside the cast ("the driver's", "Ben's" when Ben never speaks)
                continue
            colour = t.text.lower()
            key = (owner, thing)
            words = s.text[t.start:n.end]
            known = canon.get(key)
            if known is None:
                canon[key] = (colour, words, s)
                continue
            first_colour, first_words, first = known
            if isinstance(first, str):  # the bible's: "props: long BLACK Maglite"
                if OTHER_RE.search(s.text) or ctx.is_flashback(s.scene) or not colours_conflict(first_colour, colour):
                    continue
                where, evidence = f"the bible has {first_words!r}", Evidence(first_words, bible=first)
            elif (first.scene == s.scene or OTHER_RE.search(s.text) or
                  ctx.is_flashback(s.scene) != ctx.is_flashback(first.scene) or
                  ctx.period(s.scene) != ctx.period(first.scene) or not colours_conflict(first_colour, colour)):
                continue
            elif _new_one_between(ctx, n.text.lower(), first, s):
                canon[key] = (colour, words, s)  # "She wears her new glasses: thin green wire frames"
                continue
            else:
                where = f"{first_colour} in scene {ctx.scene_number(first.scene)} ({first_words!r})"
                evidence = Evidence(first.text, line=first.line, scene=first.scene)
            yield Finding(
                category="prop", severity="warning", scene=s.scene, line=s.line,
                message=f"{owner}'s {noun} {_be(noun)} {colour} here ({words!r}), but {where}",
                text=s.text, character=owner, subject=f"{owner}.{thing}",
                evidence=(evidence,),
                extra=(("attribute", "colour"), ("value", colour)),
            )


def _new_one_between(ctx: Context, noun: str, first, s) -> bool:
    """Whether a line between two mentions brings in a new one of the thing ("her new glasses", "a replacement")."""
    rx = re.compile(r"\b(?:new|replacement|brand-new)\s+(?:[\w-]+\s+){0,2}?" + re.escape(noun) + r"\b", re.IGNORECASE)
    return any(rx.search(x.text) for x in ctx.sentences[first.id + 1:s.id] if x.kind == "action")


#: Character attributes that are the person, not a thing they carry.
_PERSON_KEYS = frozenset("hair eyes eye beard moustache facial skin complexion make makeup build height age look "
                         "looks face marks scar scars tattoo tattoos injury injuries voice".split())


def _bible_owned(ctx: Context) -> dict[tuple[str, str], tuple[str, str, str]]:
    """A character's own things with a colour, as the bible lists them ("props: long BLACK Maglite"):
    ``(owner, thing) -> (colour, the bible's words, its path)``."""
    out: dict[tuple[str, str], tuple[str, str, str]] = {}
    if not ctx.explicit_bible:
        return out
    for c in ctx.bible.characters:
        who = ctx.cue_of.get(c.name, c.name)
        for key, value in c.attributes.items():
            if set(key.replace("_", " ").lower().split()) & _PERSON_KEYS:
                continue
            for item in re.split(r"[;,(]|\s(?:and|with|on|in|from)\s", str(value)):
                words = re.findall(r"[A-Za-z][A-Za-z-]*", item)
                if not 2 <= len(words) <= 5:
                    continue
                head = words[-1].lower()
                colour = next((w.lower() for w in words[:-1] if colour_parts(w)), None)
                if colour is None or colour_parts(head) or head in MATERIALS or _thing(head) in _NOT_THINGS or \
                        garment_kind(item.lower()) or len(head) < 3:
                    continue
                out.setdefault((who, _thing(head)), (colour, item.strip(), f"characters.{c.name}.attributes.{key}"))
    return out
