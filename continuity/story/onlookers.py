"""Whose looks a sentence gives when it names no one: the one looked at, or the one a noun phrase stands for.

- "June looks at her sister: the one good green eye" gives the eye of the one looked
  at: the character named after *at*, else the one person in the scene the words
  can mean ("her sister", "him": of that gender, and not the one looking).
- "He stoops and looks past Bruno at Mara." then, in the next paragraph, "The dark,
  jaw-length hair. The brown eyes.": verbless fragments after a look are the one
  looked at.
- "Twenty minutes later a different woman looks back from the mirror: hair cropped
  close, brown eyes suddenly enormous": the subject is a noun of a gender ("woman",
  "girl", "man"), and the one person of that gender in the scene is who it is.
"""

from __future__ import annotations

import re

from continuity.language.trait_words import Trait
from continuity.story.context import Context

#: "looks at her sister: the one good green eye": what follows the colon is the one looked at.
LOOKED_AT_RE = re.compile(r"\b(?:looks?|stares?|glances?|peers?|gazes?|studies|takes in)\s+(?:up\s+|down\s+|over\s+|"
                          r"back\s+|across\s+)?(?:at\s+)?(?P<at>[^:.;]{2,40}):\s*[^:]*$", re.IGNORECASE)
_LOOK_AT_NAME_RE = re.compile(r"\b(?:looks?|stares?|glances?|peers?|gazes?)\s+(?:[\w']+\s+){0,3}?at\s+"
                              r"(?P<name>[A-Z][\w'-]+)")
_FEMALE = frozenset("her she woman girl sister mother daughter wife aunt lady niece grandmother gran granny mum mom "
                    "widow bride".split())
_MALE = frozenset("him he man boy brother father son husband uncle nephew grandfather grandad dad groom".split())
#: (not "looks at himself: ... a pale band where the beard kept the sun off", which tells what is gone as well)
_OWN_REFLECTION_RE = re.compile(r"\b(?:her|his|their)\s+(?:own\s+)?(?:reflection|face\s+in\s+the\s+(?:mirror|glass))\b",
                                re.IGNORECASE)
_PREPOSITION_RE = re.compile(r"\s*(?:from|into|in|out|through|past|over|around|round|away)\b", re.IGNORECASE)


def gender_of(words: str) -> str | None:
    """The gender a noun phrase's head gives ("her sister": f; "a different woman": f; "him": m), or None."""
    found = re.findall(r"[a-z]+", words.lower())
    head = found[-1] if found else ""
    return "f" if head in _FEMALE else "m" if head in _MALE else None


def the_one(ctx: Context, scene: int, gender: str | None, besides: set[str]) -> str | None:
    """The one character present in ``scene`` of ``gender``, not one of ``besides``; None unless exactly one."""
    cast = ctx.presence.of(scene)
    if cast is None or gender is None:
        return None
    fits = [c for c in cast.present if c not in besides and ctx.cast.gender.get(c) == gender]
    return fits[0] if len(fits) == 1 else None


def looked_at(ctx: Context, s, start: int) -> tuple[bool, str | None]:
    """(whether the words before ``start`` look at someone before a colon, whom), for a trait at ``start``."""
    seen = LOOKED_AT_RE.search(s.text[:start])
    if seen is None:
        return False, None
    if _PREPOSITION_RE.match(seen.group("at")) or _OWN_REFLECTION_RE.search(seen.group("at")):
        # "a different woman looks back from the mirror: ...", "She looks at her own reflection: ...": no one
        # else looked at, the subject is the one
        return False, None
    named = [m.character for m in ctx.reader.mentions(s)
             if seen.start("at") <= m.start < seen.end("at") and not m.possessive]
    if named:
        return True, named[-1]
    lookers = {m.character for m in ctx.reader.mentions(s) if m.start < seen.start("at")}
    return True, the_one(ctx, s.scene, gender_of(seen.group("at")), lookers)


def subject_noun(ctx: Context, s, parse, start: int) -> str | None:
    """The one character a gendered common-noun subject can be, for looks listed after it and a colon.

    "A different woman looks back from the mirror: hair cropped close, brown eyes": the woman's.
    """
    if ctx.reader.mentions(s):
        return None
    for t in parse.tokens:
        if t.dep in ("nsubj", "nsubjpass") and t.pos == "NOUN" and ":" in s.text[t.end:start]:
            return the_one(ctx, s.scene, gender_of(t.text), set())
    return None


def after_a_look(ctx: Context, s, parse) -> str | None:
    """For a verbless fragment ("The brown eyes."), the one named as looked at in the two sentences before."""
    if any(t.pos in ("VERB", "AUX") for t in parse.tokens):
        return None
    for before in ctx.sentences[max(0, s.id - 3):s.id][::-1]:
        if before.scene != s.scene or before.kind != "action":
            return None
        m = _LOOK_AT_NAME_RE.search(before.text)
        if m:
            return ctx.cast.surface.get(m.group("name").upper())
    return None


def unnamed_owner(ctx: Context, s, parse, start: int) -> str | None:
    """Whose a look is that no word of its sentence owns: the one looked at just before, the one a gendered subject
    stands for, the one the paragraph names, else the one its "she" or "he" stands for ("She finds a hard case.
    Inside: a spare pair of glasses, thin gold wire frames")."""
    found = after_a_look(ctx, s, parse) or subject_noun(ctx, s, parse, start)
    if found is None and not ctx.reader.mentions(s):
        for before in ctx.sentences[max(0, s.id - 3):s.id][::-1]:
            if before.element != s.element or ctx.reader.mentions(before):
                break
            m = re.match(r"\s*(She|He)\b", before.text)
            if m:
                found = ctx.reader.previous_named(before, "f" if m.group(1) == "She" else "m", include_self=True)
                break
    return found or ctx.reader.previous_named(s, None) or _just_came_on(ctx, s)


def _just_came_on(ctx: Context, s) -> str | None:
    """A paragraph of looks with no verb right after a line that brings one person on: "Nadia comes in from the
    street. // Auburn hair pinned up in its low bun, black-framed glasses": hers."""
    prev = ctx.sentences[s.id - 1] if s.id > 0 else None
    if prev is None or prev.scene != s.scene or prev.kind != "action" or prev.element == s.element or \
            not ctx.reader.verbless(s):
        return None
    names = {m.character for m in ctx.reader.mentions(prev) if not m.possessive}
    return names.pop() if len(names) == 1 else None


#: Someone doing another's hair: "Tess pulls the pins out", "He takes the shears".
_DOES_HAIR_RE = re.compile(r"\b(?P<name>[A-Z][a-z]+)\s+(?:(?:pulls|takes|draws|plucks|removes|unpins|brushes|combs|braids|"
                           r"plaits|pins|towels|rinses|parts|gathers|sections|untangles|unpicks|undoes|teases)\b"
                           r"(?:\s+(?:out|up|back|down))?\s+(?:the\s+|a\s+)?(?:[a-z]+\s+)?(?:pins|grips|clips|hair|bun|"
                           r"braid|plait|ponytail|tangles|knot|curlers|rollers|elastic)|(?:takes|picks up|lifts|raises|"
                           r"opens)\s+(?:the|a|her|his)\s+(?:[a-z]+\s+)?(?:shears|scissors|clippers)|"
                           # "She lifts a black curl between two fingers, considers it, and cuts."
                           r"(?:lifts|takes|holds|pinches|tugs)\s+(?:a|another|one)\s+(?:[a-z]+\s+)?(?:curl|lock|strand|hank)"
                           r"(?=[^.;]*\b(?:cuts|snips|trims|chops)\b)|"
                           # "She cuts.", "He snips once, twice": a cut with the scissors the scene has shown
                           r"(?:cuts|snips|chops|shears)(?=\s*[.;!]|,?\s+(?:once|twice|again|away|through)\b))")


def hair_done_by(ctx: Context, s) -> str | None:
    """The one whose hair another is doing in this paragraph: "June sits ... Tess pulls the pins out one by one,
    and the bun uncoils": June's, the one other person the paragraph names; "He takes the shears. A long wet rope
    of auburn hair drops onto the bench": the one other person in the scene."""
    paragraph = [x for x in ctx.sentences[max(0, s.id - 4):s.id + 1] if x.element == s.element]
    doer = None
    for x in paragraph:
        m = _DOES_HAIR_RE.search(x.text)
        if m:
            word = m.group("name")
            doer = ctx.reader.previous_named(x, "f" if word == "She" else "m", include_self=True) \
                if word in ("He", "She") else ctx.cast.surface.get(word.upper())
    if doer is None:
        return None
    others = {c.character for x in paragraph for c in ctx.reader.mentions(x) if c.character != doer and not c.possessive}
    if not others:
        cast = ctx.presence.of(s.scene)
        others = {c for c in (cast.present if cast else ()) if c != doer}
    return others.pop() if len(others) == 1 else None


#: "Magnus looks at the plait": a look at a thing, named with an article right after the look.
_LOOKS_AT_THE_RE = re.compile(r"\b(?:looks?|stares?|glances?|peers?|gazes?|studies|eyes)\s+(?:up\s+|down\s+|hard\s+)?"
                              r"(?:at\s+)?(?:the|that|this)\s+(?:[\w-]+\s+){0,2}$", re.IGNORECASE)


def looked_at_thing(text: str, start: int) -> bool:
    """Whether the words before ``start`` look at the thing there ("looks at the plait"): it is not the looker's."""
    return _LOOKS_AT_THE_RE.search(text[:start]) is not None


#: Hair that is a thing, not on a head: in a box just opened, a thing thick with it, on a block or a stand.
_OPENED_RE = re.compile(r"\b(?:lifts?|opens?|raises?|prises?|pries?|unlatches?|unclasps?|unlocks?)\b[^.]*\b(?:lid|box|hatbox|"
                        r"case|bag|drawer|tin|trunk|chest|envelope|locket|parcel|package|tray)\b|\b(?:lid|clasps?)\b",
                        re.IGNORECASE)
_HAIR_AS_STUFF_RE = re.compile(r"\b(?:thick|covered|matted|clogged|strewn|littered|full|heavy|stuffed|knotted|tangled)"
                               r"\s+with\s+(?:[\w-]+\s+){0,2}$", re.IGNORECASE)
_HAIR_AT_REST_RE = re.compile(r"^[\w\s,-]{0,30}?\b(?:inside|in the box|in its box|on (?:the|a|its) (?:block|stand|form|tray|"
                              r"floor|dummy|head|bench|table|hook))\b", re.IGNORECASE)


def loose_hair(ctx: Context, s, start: int, words: str) -> bool:
    """Hair said of no one that is a thing: "Black hair inside, glossy as a rook's wing." after "She lifts the
    hatbox lid", "the foundation is thick with red hair", a beard "on the block"."""
    if _HAIR_AS_STUFF_RE.search(s.text[:start]) or _HAIR_AT_REST_RE.match(s.text[start + len(words):]):
        return True
    prev = ctx.sentences[s.id - 1] if s.id > 0 else None
    verbless = not re.search(r"\b(?:is|are|was|were|has|have)\b", s.text[:start])
    return bool(start == 0 and verbless and prev is not None and prev.element == s.element and
                _OPENED_RE.search(prev.text))


def pair_before(s, mentions: list, start: int, who: str) -> list:
    """The other of two names joined by "and" that open the sentence before ``start`` ("Nora and Eli ...")."""
    near = [m for m in mentions if m.end <= start]
    if len(near) < 2 or who not in {near[-1].character, near[-2].character}:
        return []
    a, b = near[-2], near[-1]
    if a.start > 2 or not re.fullmatch(r"\s+and\s+", s.text[a.end:b.start]):
        return []
    return [m for m in (a, b) if m.character != who]


def after_object(ctx: Context, s, parse, t) -> str | None:
    """Whose a possessive is when the only name of its gender in the sentence comes after it as an object ("Her hazel
    eyes check the corners before they settle on Dee"): the one the sentences before were about, not Dee."""
    gender = t.pronoun
    named = [m for m in ctx.reader.mentions(s) if not m.possessive and ctx.cast.gender.get(m.character) in (None, gender)]
    if not named or any(m.start < t.start for m in named):
        return None
    tok = next((w for w in parse.tokens if w.start == named[0].start), None)
    if tok is None or tok.dep in ("nsubj", "nsubjpass"):
        return None  # "In her yellow raincoat, Nell steps in": Nell's
    return ctx.reader.previous_named(s, gender)


def object_referent(ctx: Context, s, t) -> str | None:
    """Whom "his" means after "him" in one sentence: not the subject, the other one named.

    "Grant shakes Jonah's hand and takes him in: the curls, the thin scar through his
    left eyebrow": "him" is not Grant (that would be "himself"), so neither is "his".
    """
    rx = _HIM_RE if t.pronoun == "m" else _HER_OBJECT_RE if t.pronoun == "f" else None
    if rx is None or not any(not _AFTER_PREPOSITION_RE.search(s.text[:m.start()]) for m in rx.finditer(s.text[: t.start])):
        return None  # ("Lena is right behind her, ... her left hand bandaged": a place, not someone taken in)
    named = [m for m in ctx.reader.mentions(s) if m.end <= t.start]
    subject = next((m.character for m in named if not m.possessive), None)
    others = [m.character for m in named if m.character != subject and
              ctx.cast.gender.get(m.character) in (None, t.pronoun)]
    return others[-1] if subject and others else None


_HIM_RE = re.compile(r"\bhim\b")
_AFTER_PREPOSITION_RE = re.compile(r"\b(?:behind|beside|besides|to|at|with|for|from|of|near|after|before|toward|towards|"
                                   r"around|round|past|over|under|above|below|between|among|like|than|by|on|onto|into|"
                                   r"about|against|across|beyond|without|alongside)\s+$", re.IGNORECASE)
_HER_OBJECT_RE = re.compile(r"\bher\b(?=\s*(?:[.,:;]|in\b|up\b|out\b|over\b|away\b|back\b))")


def stranger_after_colon(ctx: Context, s, start: int) -> bool:
    """Looks listed after a colon that names someone outside the cast: "He slides a photo across the desk: Evelyn
    Vance at a garden party, white hair" are Evelyn's."""
    colon = s.text.rfind(":", 0, start)
    if colon < 0:
        return False
    m = re.match(r"\s*(?:[A-Z][a-z]+\s+){0,2}[A-Z][a-z]+\b", s.text[colon + 1:start])
    return m is not None and not any(colon < x.start <= colon + 1 + m.end() for x in ctx.reader.mentions(s))


#: Someone outside the cast brought in by an article: "a small woman in grey tweed", "an old man with a stick".
_STRANGER_RE = re.compile(r"\b(?:a|an|another|one|some)\s+(?:[\w-]+,?\s+){0,3}?(?P<n>woman|women|girl|lady|man|men|boy|"
                          r"gentleman|figure|stranger|person|kid|child|nun|widow|widower|fellow|bloke|lad|lass)\b",
                          re.IGNORECASE)
_STRANGER_GENDER = {"woman": "f", "women": "f", "girl": "f", "lady": "f", "nun": "f", "widow": "f", "lass": "f",
                    "man": "m", "men": "m", "boy": "m", "gentleman": "m", "widower": "m", "fellow": "m", "bloke": "m",
                    "lad": "m"}


def stranger_before(ctx: Context, s, start: int, pronoun: str | None) -> bool:
    """A possessive that belongs to someone the sentence brings in unnamed: "a small woman in grey tweed with
    her silver bun" is her bun, not the last woman named."""
    found = None
    for m in _STRANGER_RE.finditer(s.text, 0, start):
        found = m
    if found is None:
        # "A man in a navy anorak, the hood up. The grey goatee. No glasses now; his pale grey eyes ...": the
        # paragraph's stranger, when no one is named since
        if any(x.start < start for x in ctx.reader.mentions(s)):
            return False
        for prev in reversed(ctx.sentences[max(0, s.id - 3):s.id]):
            if prev.element != s.element:
                return False
            for m in _STRANGER_RE.finditer(prev.text):
                found = m
            if found is not None:
                return _STRANGER_GENDER.get(found.group("n").lower(), pronoun) == pronoun and not any(
                    x.start >= found.end() for x in ctx.reader.mentions(prev))
            if ctx.reader.mentions(prev):
                return False
        return False
    if _STRANGER_GENDER.get(found.group("n").lower(), pronoun) != pronoun:
        return False
    return not any(found.end() <= x.start < start for x in ctx.reader.mentions(s)) and \
        not re.search(r"\b(?:he|she)\b", s.text[found.end():start], re.IGNORECASE)


__all__ = ["LOOKED_AT_RE", "after_a_look", "after_object", "gender_of", "hair_done_by", "looked_at", "looked_at_thing",
           "loose_hair", "object_referent", "pair_before", "stranger_after_colon", "stranger_before", "subject_noun", "the_one", "unnamed_owner"]


def the_one_with(said: list, s, t: Trait, present: set[str] | None = None) -> str | None:
    """"Gets the blades around the plait": whose plait the scene has just shown ("her long grey plait swings").

    ``said`` holds the statements read so far, in order (each with its character, key, value, trait and sentence).
    """
    if not re.search(r"\bthe\s+(?:[\w-]+\s+){0,2}$", s.text[:t.start]):
        return None
    style = t.value if t.key == "hair.style" else None
    for st in reversed(said[-40:]):
        if st.sentence.scene != s.scene:
            break
        if st.key == "hair.style" and (style is None or st.value == style) and st.trait.words.split()[-1].lower() == \
                t.words.split()[-1].lower():
            return st.character
    nouns = set(re.findall(r"[a-z]+", t.words.lower())) & _HAIR_SHAPES
    if not nouns or present is None:
        return None
    # "She cuts. The knot of black curls comes away in her hand": the one on screen whose curls the story showed
    owners = {st.character for st in said[-400:] if st.key.startswith("hair.") and st.character in present
              and nouns & set(re.findall(r"[a-z]+", st.trait.words.lower()))}
    return owners.pop() if len(owners) == 1 else None


#: Nouns for a shape of hair that tell one head from another.
_HAIR_SHAPES = frozenset("""plait plaits braid braids curls curl knot bun ponytail pigtails locs dreadlocks dreads
topknot chignon mohawk quiff beehive ringlets cornrows""".split())
