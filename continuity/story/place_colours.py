"""The colours of a set's things in words: "<colour> [words] <noun>", a thing "painted a deep red", the colour
a bible key's thing is given, and the colours a painting sentence takes off and puts on.

Plain functions over text, shared by :mod:`continuity.story.places` (which reads the bible and the script
into sets) and the set-dressing check.
"""

from __future__ import annotations

import re

from continuity.language.lexicon import (
    COLOUR_GROUP,
    MATERIALS,
    colour_group,
    garment_kind,
)

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
carpeting lettering ring string wing""".split())
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


def key_colour(text: str, thing: str) -> tuple[str | None, str]:
    """The colour a bible value gives the thing its key names, beyond a leading colour: "squat cinderblock, painted
    mint green" (the building), "120 maroon velvet tilting seats in rings" (the seats). Only in the value's first
    clause, and not where the clause tells of a change ("salmon pink until repainted yellow")."""
    clause = re.split(r"[;.(]|\bwith\b", text, maxsplit=1)[0]
    if _IN_TIME_RE.search(clause):
        return None, ""
    painted = re.search(r"\bpainted\s+(?:(?:a|an|in)\s+)?(?P<c>[A-Za-z]+(?:[\s-][A-Za-z]+)?)", clause)
    if painted and first_colour(painted.group("c")):
        return first_colour(painted.group("c")), f"{thing} {painted.group(0)}"
    for before in re.finditer(rf"(?<![\w-])(?=(?P<c>[A-Za-z]+(?:-[A-Za-z]+){{0,2}})(?P<w>\s+(?:[A-Za-z-]+\s+){{0,2}}?"
                              rf"{re.escape(thing)}\b))", clause, re.IGNORECASE):
        raw = before.group("c").lower()
        if colour_group(raw.split("-")[-1]):
            return raw if "-and-" in raw else colour_group(raw.split("-")[-1]), before.group("c") + before.group("w")
    return None, ""


def same_noun(word: str) -> str:
    """One word for one thing of a set ("azulejos" and "tiles")."""
    return _SAME_NOUN.get(word, word)


LEAD_COLOUR_RE = re.compile(r"\s*([A-Za-z]+(?:[\s-][A-Za-z]+){0,2})(?=\s*(?:[,;(]|with\b|and\b|$))")


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
        colour, noun = first_colour(m.group("c")), _SAME_NOUN.get(m.group("n").lower(), m.group("n").lower())
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


def described_paint(text: str) -> bool:
    """A look, not a coat going on: "a front door painted a deep, glossy red" (no painter, nothing fresh)."""
    if re.search(r"\b(?:re)?paint(?:s|ing)\b|\b(?:coats?|rollers?|still tacky|whitewash\w*|undercoat|primer)\b", text,
                 re.IGNORECASE):
        return False
    found = [m.group(1).lower() for m in re.finditer(r"\b([A-Za-z]{3,})\s+painted\b", text)]
    return bool(found) and not any(w in _PAINTING_NOW or w.endswith("ly") for w in found)


def first_colour(words: str) -> str | None:
    """The colour of "SAGE MIST" (green), "soft grey-green" (grey)."""
    for w in re.split(r"[\s-]+", words.lower()):
        group = colour_group(w)
        if group is not None:
            return group
    return None


def colour_before(text: str) -> str | None:
    """The colour a thing had before it was painted: "painting the peeling blue door ... a bright bottle green"."""
    low = text.lower()
    # (or "giving the turquoise door its first coat of bright yellow")
    verb = re.search(r"\b(?:(?:re)?paint(?:s|ed|ing)?|roll(?:s|ing|ed))\s+(?:it|them|the|his|her|their)\b([^.;]*)",
                     low) or re.search(
        r"\bgiv(?:e|es|ing)\s+((?:the|his|her|their)\b[^.;]*?\bcoats?\s+of\b[^.;]*)", low)
    colours = [colour_group(w) for w in re.findall(r"[a-z]+", verb.group(1))] if verb else []
    colours = [c for c in colours if c]
    return colours[0] if len(colours) >= 2 and colours[0] != colours[-1] else None


def paint_colour(text: str) -> str | None:
    """The colour a painting sentence puts on: "rollers of sunshine-yellow paint", "whitewash", "paints it red"."""
    low = text.lower()
    if re.search(r"\bwhitewash", low):
        return "white"
    now = re.search(r"\b(?:is|are)\s+(?:now\s+)?(?P<c>[a-z]+(?:-[a-z]+)?)\s+now\b|\b(?:is|are)\s+(?:now|going)\s+"
                    r"(?P<d>[a-z]+(?:-[a-z]+)?)", low)
    if now and colour_group(now.group("c") or now.group("d")):
        return colour_group(now.group("c") or now.group("d"))  # "The gate is black now: two coats of gloss"
    wet = re.search(r"\b(?:is|are)\s+(?:now\s+)?(?P<c>[a-z]+(?:-[a-z]+)?)\b(?=[^.;]*\b(?:wet paint|still wet|tacky)\b)",
                    low)
    if wet and colour_group(wet.group("c")):
        return colour_group(wet.group("c"))  # "the door is red from top to bottom, a card: WET PAINT"
    fresh = re.search(r"\b(?P<c>[a-z]+(?:-[a-z]+)?)\s+now\b(?=[^.;]*\b(?:wet paint|still wet|tacky|fresh paint)\b)", low)
    if fresh and colour_group(fresh.group("c")):
        return colour_group(fresh.group("c"))  # "propped open, corporation green now from top to bottom, WET PAINT"
    stroke = re.search(r"\b(?:first|last|next|second)\s+(?:brush)?(?:stroke|coat)s?\s*[:,\u2014]+\s*((?:[a-z-]+\s+){0,2}"
                       r"[a-z-]+)", low)
    if stroke and first_colour(stroke.group(1)):
        return first_colour(stroke.group(1))  # "He lays on the first stroke: signal red, glossy as a fresh cut."
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
    return first_colour(coat.group(1)) if coat else None
