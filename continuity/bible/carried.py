"""The things a character carries, as the bible lists them under the character, made props of their own.

Bibles written by people keep a character's things with the character ("props: black Leica
camera on a brown leather strap", "carries: red tartan flask; from sc16 Walter's silver pocket
watch"). Each thing named there becomes a prop of the bible, so that its look, its parts and its
fate are checked as a listed prop's are. A thing the props section already lists, a garment, a
pair of glasses and another character's thing ("Ray's ice picks") are left where they are.

A prop listed as a bare phrase ("- small black notebook with an elastic band") is named by its
noun ("notebook") and keeps the phrase as its description.
"""

from __future__ import annotations

import re
from typing import Any

from continuity.language.lexicon import MATERIALS, colour_parts, garment_kind
from continuity.language.trait_words import BODY

#: Character keys that list the things a character carries.
CARRY_KEY_RE = re.compile(
    r"^(?:(?:personal |hand |always |key )?(?:props?|carries|carried|kit|belongings|keepsakes?|effects|"
    r"personal items|items)(?: personal| carried| received)?)(?: .*)?$")

#: Words that open what follows a thing rather than another thing ("GIVEN TO ROSIE in sc. 10").
_NOT_A_THING_START = re.compile(
    r"^(?:from|until|till|after|before|in|on|at|by|with|without|see|given|lent|lost|broken|smashed|destroyed|"
    r"burnt|burned|worn|used|uses|kept|keeps|snaps|breaks|replaced|replacement of|returned|no|not|never|has|had|"
    r"is|was|she|he|they|it|which|also|only|sometimes|always|then|later|now|wound|tied|held|hung|made|painted|"
    r"stamped|engraved|marked)\b", re.IGNORECASE)
#: What ends a thing's own name in a phrase ("camera on a brown strap", "pouch with a drawstring").
_HEAD_END_RE = re.compile(r"[,;(:\u2014]|(?<![A-Z][a-z])\.(?=\s|$)|\s--\s|\s(?:with|on|in|of|from|that|which|for|holding|"
                          r"stamped|engraved|marked|painted|tied|wound|worn|held|hung|kept)\s", re.IGNORECASE)
#: Leading words that say what a thing is like, not what it is.
_LOOK_WORDS = frozenset("small large tiny big huge old new heavy light thin thick long short tall round square "
                        "battered worn dented cheap chipped cracked fat slim little chunky stubby fuzzy good best "
                        "spare handheld portable pocket-sized shiny dull plain scuffed rusty rusted antique "
                        "vintage ornate ancient".split())
#: Parts of a thing, which a comma does not make into another thing ("white china mug, blue rim").
_PARTS = frozenset("rim handle handles lid cap strap straps spine cover frame stain crack chip scratch clasp clasps "
                   "buckle sole screen case dial face hands blade grip grips shaft head tip stripe band trim "
                   "lining label panel wheel wheels logo lettering stamp seal crest guard tape lanyard cord chain "
                   "fob tag corner corners edge edges nib windscreen antenna crystal sticker".split())
_GROUPS = frozenset("ring bunch set pair bundle stack pile roll handful".split())
_NOT_THINGS = frozenset("glasses spectacles readers sunglasses specs lenses eyes hair scar tattoo".split())


def _words(text: str) -> list[str]:
    return re.findall(r"[A-Za-z][A-Za-z'\u2019.-]*", text)


def thing_name(phrase: str) -> tuple[str, list[str]] | None:
    """A thing's name and its brand aliases from the phrase that describes it, or None.

    "black Leica camera on a brown leather strap" -> ("Leica camera", ["Leica"]);
    "small black notebook with an elastic band" -> ("notebook", []).
    """
    head = _HEAD_END_RE.split(phrase.strip(), maxsplit=1)[0]
    words = [w.strip(".") for w in _words(head)]
    while words and (words[0].lower() in ("a", "an", "the", "his", "her", "their", "one", "two", "some")
                     or words[0].lower().endswith(("'s", "\u2019s"))):
        words = words[1:]
    while len(words) > 1 and (colour_parts(words[0].lower()) or words[0].lower() in MATERIALS
                              or words[0].lower() in _LOOK_WORDS or words[0].lower().endswith("ed")
                              or "-" in words[0] or all(colour_parts(p) for p in words[0].lower().split("-") if p)):
        words = words[1:]
    if not words or len(words) > 4 or (words[0].lower() in _GROUPS and " of " in phrase[:len(head) + 4]):
        return None  # ("ring of a dozen brass keys": not a ring)
    last = words[-1].lower()
    if (len(last) < 3 or colour_parts(last) or last in MATERIALS or last in _NOT_THINGS or last in _LOOK_WORDS
            or last.endswith(("ly", "ed")) or last in BODY):
        return None
    if len(words) > 2:
        words = words[-2:]
    brands = [w for w in words[:-1] if w[:1].isupper() and w.isalpha() and len(w) >= 4 and w.lower() not in MATERIALS
              and not re.search(rf"\b(?:St|Saint)\.?\s+{w}", phrase)]
    name = " ".join(w if w[:1].isupper() and not w.isupper() else w.lower() for w in words)
    return name, brands


def things_in(text: str) -> list[str]:
    """The things a character's prose lists, each with the words that describe it.

    Things are split at semicolons, sentences and at commas that open another thing; what
    follows a thing about its story ("GIVEN TO KIT in sc8", "dented") stays with it.
    """
    text = re.sub(r"\((?:see|cf\.?)\s[^)]*\)", " ", text, flags=re.IGNORECASE)
    pieces: list[list] = []  # [words, whether they name a thing]
    for chunk in re.split(r";|(?:(?<=[a-z]{3})|(?<=\)))\.\s+(?=[A-Z])|\n+", text):
        for i, piece in enumerate(re.split(r",\s+", chunk)):
            piece = piece.strip(" .-\u2014")
            if not piece:
                continue
            head = _HEAD_END_RE.split(piece, maxsplit=1)[0]
            words = [w.lower() for w in _words(head)]
            goes_on = bool(_NOT_A_THING_START.match(piece) or _VERB_RE.search(head)) or i > 0 and (
                any(w in _PARTS for w in words) or any(w.endswith("ed") and len(w) > 4 and not colour_parts(w)
                                                      for w in words))
            later = re.match(r"(?:from|after|until)\s+(?:sc|scene)\.?\s*\d+\w*,?\s+(.+)", piece, re.IGNORECASE)
            if i == 0 and later and thing_name(later.group(1)) is not None:
                pieces.append([piece, False])  # "from sc16 Walter's silver pocket watch": another thing, had later
            elif goes_on and pieces:
                pieces[-1][0] = f"{pieces[-1][0]}{', ' if i > 0 else '; '}{piece}"
            elif not goes_on:
                pieces.append([piece, thing_name(piece) is not None])
    return [p for p, is_thing in pieces if is_thing]


_REPLACED_RE = re.compile(r"\b(?:replace[ds]?|replacement|original|new one|second one|spare one)\b", re.IGNORECASE)
_VERB_RE = re.compile(r"\b(?:is|are|was|were|has|have|does|did|wears|carries|keeps|uses)\b", re.IGNORECASE)


def carried_props(characters: list[dict[str, Any]], props: list[dict[str, Any]]) -> list[tuple[dict[str, Any], tuple]]:
    """Props made of what each character carries: ``(the prop's entry, the character attribute's path)``.

    ``characters`` and ``props`` are canonical entries (``name``, ``attributes``...); a thing
    whose noun names a listed prop, a garment, glasses or another character's thing is skipped.
    """
    listed = {w for p in props for n in (p.get("name") or "", *(p.get("aliases") or []))
              for w in [(_words(n) or [""])[-1].lower()] if w}
    names = {w.lower() for c in characters for n in (c.get("name") or "", *(c.get("aliases") or []))
             for w in _words(n)}
    out: list[tuple[dict[str, Any], tuple]] = []
    heads: dict[tuple[int, str], int] = {}
    for ci, c in enumerate(characters):
        for key, value in (c.get("attributes") or {}).items():
            if CARRY_KEY_RE.match(key):
                for thing in things_in(str(value)):
                    named = thing_name(thing)
                    head = named[0].split()[-1].lower() if named else ""
                    # one thing and its replacement ("stopwatch original", "stopwatch replacement"): two looks
                    heads[ci, head] = heads.get((ci, head), 0) + (2 if _REPLACED_RE.search(f"{key} {thing}") else 1)
    for ci, c in enumerate(characters):
        for key, value in (c.get("attributes") or {}).items():
            if not CARRY_KEY_RE.match(key):
                continue
            for thing in things_in(str(value)):
                named = thing_name(thing)
                if named is None:
                    continue
                name, brands = named
                head = name.split()[-1].lower()
                first = _words(thing)[0].lower() if _words(thing) else ""
                owner = first[:-2] if first.endswith(("'s", "\u2019s")) else ""
                if (head in listed or heads.get((ci, head), 0) > 1 or garment_kind(name.lower()) or (owner and owner in names)
                        or head in names or re.search(r"\bfrom (?:sc|scene)", thing[:12], re.IGNORECASE)):
                    continue
                first_name = (_words(str(c.get("name") or "")) or [""])[0]
                first_name = first_name.title() if first_name.isupper() else first_name
                entry = {"name": f"{first_name}'s {name}" if first_name else name, "description": thing,
                         "notes": f"carried by {c.get('name')}"}
                if brands:
                    entry["aliases"] = brands
                out.append((entry, ("characters", ci, "attributes", key)))
    return out
