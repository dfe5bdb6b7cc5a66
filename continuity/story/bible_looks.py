"""How a bible's prose about a character's looks is read: its clauses, the scenes they date, and later looks.

"Full black beard in sc. 1-11. Shaves it off on screen in sc. 12. Clean-shaven from
sc. 12 to the end." gives a first look that ends at scene 11 and a later look from
scene 12. :class:`continuity.story.people.People` builds the canon from these facts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from continuity.language import traits as tr
from continuity.language.lexicon import EYE_COLOURS, HAIR_COLOURS, colour_group

if TYPE_CHECKING:
    from continuity.story.sentences import Sentence


LATER_RE = re.compile(r"\b(?:until|then|thereafter|from (?:sc\.?|scene)|by (?:sc\.?|scene|the)|after(?:wards)?|"
                       r"later|from then on|replaced|cut to|cuts|dyes|shaves|shaved off|swaps?|changes? into|"
                       r"for the rest|no longer|instead|faded to|grows?)\b", re.IGNORECASE)


#: Words after a value that say it comes later in the story ("clean-shaven thereafter", "a crop from then on").
AFTER_RE = re.compile(r"\b(?:thereafter|from then on|from (?:sc\.?|scene) ?\d+|onwards?|afterwards|after that|by the (?:end|coda)|"
                       r"by (?:sc\.?|scene) ?\d+|after (?:sc\.?|scene)|for the rest)\b", re.IGNORECASE)


_HEIGHT_RE = re.compile(r"(\d)\s*(?:ft|foot|feet|')\s*(\d{1,2})?|(1[.,]\d\d)\s*m\b|(\d{3})\s*cm\b", re.IGNORECASE)


@dataclass(frozen=True)
class Fact:
    """A value in force for a character: where it comes from, for the evidence.

    Attributes:
        character: the character (as cued).
        key: the trait key (see :class:`continuity.language.traits.Trait`).
        value: the value.
        words: the words that state it.
        source: ``bible`` (canon), ``bible-later`` (a later look the bible records),
            ``script`` (first stated in the script) or ``change`` (changed on screen).
        sentence: the script sentence, for ``script`` and ``change``.
        path: the bible's key path, for bible facts.
        text: the whole bible value or sentence, for the evidence.
    """

    character: str
    key: str
    value: str
    words: str
    source: str
    sentence: Sentence | None = None
    path: str | None = None
    text: str = ""
    #: for bible facts: the first and last scene the bible gives this value for (None: open).
    first: int | None = None
    last: int | None = None
    #: a later look dated by a story day ("SD3: short"): in force from the start of its first scene, not from a change in it
    whole: bool = False


def as_sentence(key: str | None, text: str) -> str:
    """A bible value as a sentence the trait reader can read: "hair: auburn, long" is about hair."""
    # "Dyes her hair black herself in sc 11.": a note's sentences without their subject get one
    text = _SUBJECTLESS_RE.sub(lambda m: m.group(1) + "She " + m.group(2).lower(), text)
    text = re.sub(r"\s+(?:herself|himself|themselves)\b", "", text)  # "dyes her hair black herself": no one else
    if key is None:
        return text
    k = key.lower()
    if k in ("hair", "hairstyle", "hair colour", "hair color"):
        if "hair" in text.lower():
            return text
        rest = _FACIAL_PHRASE_RE.sub(" ", text)
        if rest != text and not any(w.lower() in HAIR_COLOURS or w.lower() in _HAIR_WORDS or w.lower() in tr.LENGTHS
                                    for w in _WORD_RE.findall(rest)):
            return text  # "hair: close-cropped white beard, wire glasses" is about his beard
        return f"her hair: {text}"
    if k in ("eyes", "eye colour", "eye color"):
        return f"her eyes: {text}" if not re.search(r"\beyes?\b", text, re.IGNORECASE) else text
    if k in ("beard", "moustache", "mustache", "facial hair"):
        if re.fullmatch(r"\s*(?:none|no|clean[\s-]shaven)\s*", text, re.IGNORECASE):
            return "clean-shaven"
        return text if re.search(r"beard|moustache|mustache|stubble|shaven", text, re.IGNORECASE) else f"a {text} {k}"
    if k in ("build", "height", "figure", "physique", "body"):
        return f"She is {text}"
    if k in ("glasses", "spectacles", "specs", "eyewear") and re.fullmatch(
            r"\s*(?:none|never|no|nope|n/a|not\s+worn|does\s?n[o']t\s+wear\s+(?:any|them)|don't)\b[^.;]*", text, re.IGNORECASE):
        return "She has no glasses."  # "glasses: never", "glasses: none"
    if k in ("glasses", "spectacles", "specs", "eyewear") and not re.search(r"\b(?:glasses|spectacles|specs|frames?|"
                                                                          r"rims|bifocals)\b", text, re.IGNORECASE):
        return f"She wears {re.split(r'[,;(.]', text)[0]} glasses. {text}"  # "glasses: tortoiseshell, always"
    noun = k.replace("_", " ").split()[-1] if k.strip() else ""
    if (noun in tr.SIDED and noun not in ("cut", "cast", "patch", "ring", "stud")) and not re.search(
            rf"\b{re.escape(noun)}\b", text, re.IGNORECASE):
        # "tattoo: Swallow on the inside of his RIGHT forearm", "hearing_aid: Beige, in his RIGHT ear": the
        # key names the thing, the value its side
        side = re.search(r"\b(left|right)\b[\s-]+(?:\w+[\s-]+)?(\w+)", text, re.IGNORECASE)
        if side and side.group(2).lower() in tr.BODY:
            what = k.replace("_", " ")
            return f"She has a {what} on her {side.group(1).lower()} {side.group(2).lower()}. {text}"
    if _MARK_KEYS_RE.search(k) and not re.match(r"\s*(?:a|an|the|his|her|their|one|two)\b", text, re.IGNORECASE):
        return f"She has a {text}"  # "marks: faded compass tattoo, inside of the left forearm": a thing she has
    if re.match(r"(?:look|looks|appearance|hair and make|hmu)\b", k):
        # "look: chestnut, shoulder length, soft wave": a hair-and-make-up note that opens with the hair
        first = re.split(r"[.;,]", text, maxsplit=1)[0].lower().split()
        if first and not _BODY_NOUN_RE.search(text.split(".")[0]) and all(
                w in HAIR_COLOURS or w in _HAIR_WORDS for w in first):
            return f"her hair: {text}"
    return text


_SUBJECTLESS_RE = re.compile(r"(^|[.;]\s+)(Dyes|Cuts|Shaves|Wears|Grows|Bleaches|Crops|Trims|Loses|Keeps|Ties|"
                             r"Has|Puts|Takes)\b")


_BODY_NOUN_RE = re.compile(r"\b(?:hair|eyes?|beard|moustache|mustache|stubble|skin|scar|face|lips?|brows?|"
                           r"eyebrows?|nose|teeth|wig)\b", re.IGNORECASE)


_HAIR_WORDS = frozenset("long short shoulder length shoulder-length cropped bobbed bob wavy curly straight dark light "
                        "fair soft deep".split())


def in_past_aside(text: str, at: int) -> bool:
    """Whether ``at`` falls in a bracketed aside about the past ("(as a girl, her hair was long)")."""
    open_at = text.rfind("(", 0, at)
    if open_at < 0 or text.rfind(")", open_at, at) >= 0:
        return False
    close = text.find(")", at)
    aside = text[open_at: close if close >= 0 else len(text)]
    return bool(PAST_KEY_RE.search(aside) or _WAS_STILL_RE.search(aside) or _OTHER_TIME_RE.search(aside))


#: An aside about another time or a picture of one: "(brown in the 1974 Polaroid)", "(originally red)".
_OTHER_TIME_RE = re.compile(r"\b(?:1[5-9]|20)\d\d\b|\b(?:photos?|photographs?|polaroids?|pictures?|portraits?|"
                            r"snapshots?|originally|formerly|years ago)\b", re.IGNORECASE)
def without_past_asides(text: str) -> str:
    """``text`` with bracketed asides about another time blanked out ("(brown in the 1974 Polaroid)")."""
    return re.sub(r"\([^()]*\)", lambda m: " " * len(m.group(0)) if (
        PAST_KEY_RE.search(m.group(0)) or _WAS_STILL_RE.search(m.group(0)) or _OTHER_TIME_RE.search(m.group(0)))
        else m.group(0), text)


_WAS_STILL_RE = re.compile(r"\b(?:was|were) still\b|\bused to\b|\bonce (?:had|wore)\b", re.IGNORECASE)


_WORD_RE = re.compile(r"[A-Za-z]+(?:-[A-Za-z]+)*")


#: The end of a sentence or clause in bible prose; "sc." and "Dr." are not ends.
_SENTENCE_END_RE = re.compile(r"(?<!\bsc)(?<!\bSc)(?<!\bDr)(?<!\bMr)(?<!\bMrs)(?<!\bSt)\.(?=\s|$)|;")


SCENE_REF_RE = re.compile(r"\b(?:sc(?:enes?)?\.?|scenes?)\s*(\d+)", re.IGNORECASE)


_MARK_KEYS_RE = re.compile(r"\b(?:marks?|scars?|tattoos?|injur(?:y|ies)|wounds?|distinguishing|piercings?|birthmarks?)\b")


PAST_KEY_RE = re.compile(r"\b(?:flash\s*-?backs?|young(?:er)?|as a (?:child|boy|girl)|in (?:1[5-9]|20)\d\d|past)\b",
                          re.IGNORECASE)


_CUT_OFF_RE = re.compile(r"\b(?:cuts?|hacks?|chops?|shears?|crops?|lops?)\b[^.;]{0,40}?\b(?:off|short|away)\b",
                         re.IGNORECASE)


DAY_LABEL_RE = re.compile(r"^\s*(?:SD|D|Day\s*|Story\s+day\s*)(\d{1,3})\b", re.IGNORECASE)
#: A day named inside a clause: "dyed back to brown on Day 3 night", "from day 4".
DAY_IN_CLAUSE_RE = re.compile(r"\b(?:on|from|by|since|after|during)\s+(?:story\s+)?day\s*(\d{1,3})\b", re.IGNORECASE)


CHANGE_WORD_RE = re.compile(r"\b(?:dyes?|cuts?|shaves?|shaved|hacks?|crops?|bleach\w*|swaps?|changes?|replaced|"
                             r"bandages?|binds?|burns?|breaks?|loses?|grows?)\b", re.IGNORECASE)


def scene_bounds(text: str, start: int, later: bool) -> tuple[int | None, int | None]:
    """The scenes a bible value holds for, from the scene numbers its sentence gives.

    A later look starts at the scene its clause names ("a crop from sc. 9"); a first
    look ends before the scene its "until ..." names ("long until she cuts it (sc. 9)").
    """
    ends = [m.end() for m in _SENTENCE_END_RE.finditer(text)]
    sentence_start = max([e for e in ends if e <= start], default=0)
    stop = min([e for e in ends if e > start], default=len(text))
    sentence = text[sentence_start:stop]
    refs = [int(x) for x in SCENE_REF_RE.findall(sentence)]
    if later:
        if refs:
            return refs[0], None
        # "long ... until she cuts it (sc. 9); a rough crop from then on": the change's scene, said before
        # ... or the sentence before ("Shaves it off in scene 15. Clean-shaven from then on.")
        parts = re.split(r"(?<!\bsc)\.(?=\s)", text[:start])
        before = [int(x) for x in SCENE_REF_RE.findall(parts[-1])]
        if not before and len(parts) > 1 and re.search(r"\b(?:then|that|now)\b", text[start:stop]):
            before = [int(x) for x in SCENE_REF_RE.findall(parts[-2])]
        return (before[-1] if before else None), None
    until = re.search(r"\buntil\b", text[start:stop])
    if until and refs:
        return None, refs[-1] - 1
    span = _SCENE_SPAN_RE.search(sentence)
    if span:
        return None, int(span.group(2))  # "Full black beard in sc. 1-11."
    return None, None


#: Where a bible value's clause ends: a full stop (not the one in "sc. 12"), a semicolon, a dash.
CLAUSE_END_RE = re.compile(r"(?<!\bsc)(?<!\bSc)\.|;|\s--?\s")


_SCENE_SPAN_RE = re.compile(r"\b(?:sc\.?|scenes?)\s*(\d+)\s*(?:-|\u2013|to|through)\s*(\d+)\b", re.IGNORECASE)


def clause_scene(clause: str, day_starts: list[int]) -> tuple[int | None, bool]:
    """The scene a clause of a bible value dates itself from, and whether from the scene's start.

    "(scene 13)", "sc. 9": that scene, where the change may happen on screen; a story
    day it opens with ("SD3:", "Day 3:"): the day's first scene, from its start; a day it
    names inside ("on Day 3 night"): that day's first scene, the change some time that day.
    """
    ref = SCENE_REF_RE.search(clause)
    if ref:
        return int(ref.group(1)), False
    day = DAY_LABEL_RE.match(clause)
    if day and 1 <= int(day.group(1)) <= len(day_starts):
        return day_starts[int(day.group(1)) - 1], True
    day = DAY_IN_CLAUSE_RE.search(clause)
    if day and 1 <= int(day.group(1)) <= len(day_starts):
        return day_starts[int(day.group(1)) - 1], False  # some time that day: the change may be on screen
    return None, False


def keyed_facts(name: str, key: str, text: str, day_starts: list[int] = ()) -> list[Fact]:
    """Values a keyed bible attribute gives by its words alone ("eyes: grey", "hair: dark auburn, long").

    The first clause is the canon; a later clause after a change ("until", "cut to",
    "by the coda") gives later looks.
    """
    k = key.lower()
    if k in ("build", "height", "physique", "figure", "body", "size", "frame"):
        out: list[Fact] = []
        for w in _WORD_RE.findall(text):
            low = w.lower()
            if tr.GIRTHS.get(low):
                out.append(Fact(name, "build", tr.GIRTHS[low], w, "bible"))
            if tr.HEIGHTS.get(low) and low not in ("big", "huge", "enormous", "giant"):
                out.append(Fact(name, "height", tr.HEIGHTS[low], w, "bible"))
        return out
    if k in ("eyes", "eye colour", "eye color"):
        table, out_key = EYE_COLOURS, "eyes.colour"
    elif k in ("hair", "hair colour", "hair color"):
        table, out_key = HAIR_COLOURS, "hair.colour"
    else:
        return []
    out: list[Fact] = []
    text = without_past_asides(text)
    for i, clause in enumerate(re.split(r"[;.]|\buntil\b|\bthen\b", text)):
        later = i > 0 and bool(LATER_RE.search(text[: text.find(clause)]))
        dated, whole = clause_scene(clause, list(day_starts)) if i > 0 else (None, False)
        if dated is not None and dated > 1:
            later = True  # "SD3: short", "from sc. 9: a crop"
        first = dated if later else None
        whole = whole and later
        if out_key == "hair.colour":
            clause = _FACIAL_PHRASE_RE.sub(" ", clause)  # "Ginger beard", "close-cropped white beard": not his hair
        words = [_compound_colour(w.lower(), table) for w in _WORD_RE.findall(clause)]
        if out_key == "hair.colour" and later and _CUT_OFF_RE.search(clause):
            # "SD2 (scene 13): cuts the braid off herself": short from then
            # (the cut is the scene's own: the hair is long in it until the cut)
            out.append(Fact(name, "hair.length", "short", _CUT_OFF_RE.search(clause).group(0), "bible-later",
                            first=first, whole=False))
        colours = [w for w in words if (table.get(w) or (w in table))]
        specific = [w for w in colours if w not in ("dark", "light", "fair", "pale", "deep")] or colours
        if specific:
            w = specific[-1] if out_key == "hair.colour" else specific[0]
            out.append(Fact(name, out_key, table.get(w) or w, w, "bible-later" if later else "bible", first=first, whole=whole))
            if out_key == "hair.colour" and later and _PARTIAL_DYE_RE.search(clause):
                # "the last four inches are dyed electric blue": the tips, over hair still black
                out += [Fact(name, out_key, f.value, f.words, "bible-later", first=first, whole=whole)
                        for f in list(out) if f.key == out_key and f.source == "bible"]
            if out_key == "hair.colour":
                # "dark, cropped short, streaked grey": every colour the value gives is hers
                for other in colours:
                    if other != w and (table.get(other) or other) != (table.get(w) or w):
                        out.append(Fact(name, out_key, table.get(other) or other, other,
                                        "bible-later" if later else "bible", first=first, whole=whole))
        if out_key == "hair.colour":
            for w in words:
                if w in tr.LENGTHS:
                    out.append(Fact(name, "hair.length", tr.LENGTHS[w], w, "bible-later" if later else "bible", first=first, whole=whole))
                elif w in tr.HAIR_NOUNS and tr.STYLE_LENGTH.get(tr.HAIR_NOUNS[w] or "") \
                        and not CHANGE_WORD_RE.search(clause):  # "cuts the braid off" is no braid
                    out.append(Fact(name, "hair.length", tr.STYLE_LENGTH[tr.HAIR_NOUNS[w]], w,
                                    "bible-later" if later else "bible", first=first, whole=whole))
    return out


#: A dye on part of the hair only: the rest keeps its colour.
_PARTIAL_DYE_RE = re.compile(r"\b(?:tips?|ends|last\s+\w+\s+(?:inches|centimetres|cm)|streaks?|highlights|fringe|"
                             r"a\s+stripe|one\s+lock|a\s+lock)\b", re.IGNORECASE)
TOLD_CHANGE_RE = re.compile(r"\b(?:dyes|cuts|shaves|hacks|crops|bleaches|chops|trims|shears)\b", re.IGNORECASE)


_FACIAL_PHRASE_RE = re.compile(r"[^,;:()]*\b(?:beard|beards|moustache|moustaches|mustache|stubble|goatee|whiskers|"
                               r"sideburns)\b", re.IGNORECASE)


def _compound_colour(word: str, table: dict) -> str:
    """A hyphenated colour by its head ("bleached-blond" is blond) unless the table knows it whole."""
    if "-" in word and word not in table:
        head = word.rsplit("-", 1)[1]
        if head in table:
            return head
    return word


def heights(text: str) -> list[tuple[str, str]]:
    """Tall or short from a stated height: 6 ft 4 or 1.93 m is tall, 5 ft 2 or 1.57 m is short."""
    out = []
    for m in _HEIGHT_RE.finditer(text):
        if m.group(1):
            inches = int(m.group(1)) * 12 + int(m.group(2) or 0)
        elif m.group(3):
            inches = float(m.group(3).replace(",", ".")) * 39.37
        else:
            inches = int(m.group(4)) / 2.54
        if inches >= 72:
            out.append(("tall", m.group(0)))
        elif inches <= 63:
            out.append(("short", m.group(0)))
    return out


#: A colour on part of the hair: "ends dyed teal on screen in sc10, teal-ended from then on", "a blue streak",
#: "purple tips": that colour may be said of the hair too ("teal ponytail"), from the scene the clause names.
_DYED_PART_RE = re.compile(r"\b(?:ends|tips|streaks?|stripe|highlights?|fringe)\s+(?:(?:now\s+)?dyed\s+|bleached\s+)?"
                             r"(?P<a>[a-z]+)\b|\b(?P<b>[a-z]+)[\s-](?:ended|tipped|streaked|ends|tips|streaks?|stripe|"
                             r"highlights)\b", re.IGNORECASE)


def partial_dyes(name: str, text: str, day_starts: list[int]) -> list[Fact]:
    """Hair colours the bible gives to part of the hair, as later looks (see ``_DYED_PART_RE``)."""
    out = []
    for m in _DYED_PART_RE.finditer(text):
        word = (m.group("a") or m.group("b")).lower()
        colour = HAIR_COLOURS.get(word) or colour_group(word)
        if colour is None:
            continue
        clause = re.split(r"[;.]", text[m.start():], maxsplit=1)[0]
        first, _ = clause_scene(clause, day_starts)
        out.append(Fact(name, "hair.colour", colour, m.group(0), "bible-later", first=first))
    return out


#: Words after a look that say it is gone: "braid cut off by Isla", "beard shaved off", "braids taken out".
REMOVED_AFTER_RE = re.compile(r"\s+(?:(?:is|was|are|were|gets|got|now|all)\s+)?(?:cut|chopped|hacked|shaved|sheared|"
                               r"lopped|snipped|shorn|taken|pulled|combed)\s+(?:off|out|away)\b|\s+(?:removed|gone)\b",
                               re.IGNORECASE)
