"""Bootstrap a bible from a parsed script: characters, locations, props.

- Characters are the speaking cues. Each is matched to its introduction by
  screenplay convention: the first time its name appears in CAPITALS in an action
  element, usually followed by a description (``EDWARD BLOOM, 40's and handsome,``,
  ``SANDRA -- practical --``, ``YOUNG EDWARD (10)``). A longer intro name becomes an
  alias; other capitalised words (sounds, camera directions) never become
  characters.
- Locations are the headings' locations, in order of first appearance.
- Props are things named with "the" repeatedly (``the brass compass``), found with
  a few explicit rules rather than a tagger: precise rather than exhaustive.

:func:`extract_bible` is pure and quick (an audit without a bible uses it as
canon); :func:`extract_canon`, behind ``studio bible extract``, completes it from
the audit's own reading: wardrobe by scene range, key props from object events,
and looks the introductions did not state.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from continuity.bible.model import (
    Bible,
    Character,
    Location,
    Prop,
    _char_key,
    _loc_key,
    _prop_key,
)
from continuity.screenplay.model import Element, Kind, Scene, Script

MAX_PROPS = 40

# A word in capitals: DR., O'BRIEN, GROWN-UP, WILL'S; runs of them are joined by spaces.
_CAPS_RUN_RE = re.compile(
    r"(?<![A-Za-z0-9'\u2019])[A-Z](?:[A-Z0-9'\u2019.\-]*[A-Z0-9.])?(?:[ ]+[A-Z](?:[A-Z0-9'\u2019.\-]*[A-Z0-9.])?)*(?![a-z0-9])"
)
_POSSESSIVE_RE = re.compile(r"['\u2019]S?$")
_PAREN_AFTER_RE = re.compile(r"^\s*\(([^()\n]{1,60})\)")
_DASH_OPEN_RE = re.compile(r"^\s*(?:--|\u2014|\u2013)\s*")
_IS_AGE_RE = re.compile(
    r"^\s+is\s+((?:(?:about|around|only|just|barely|almost|nearly|now)\s+)?"
    r"(?:in (?:his|her|their) )?(?:early |mid-?|late )?\d{1,3}(?:['\u2019]?s)?(?:\s+years old)?)\b"
)
_BARE_AGE_RE = re.compile(
    r"^(?:(?:also|still|about|around|roughly|now|age|aged|maybe|perhaps|only|just|barely|nearly|almost)\s+)*"
    r"(\d{1,3}(?:['\u2019]?s)?)(?:\s+years old)?$",
    re.IGNORECASE,
)
_SENTENCE_END_RE = re.compile(r"[.!?;](?=\s|$)|\n\s*\n|--|\u2014|\s\u2013\s")
_ABBREVIATIONS = {"DR", "MR", "MRS", "MS", "ST", "JR", "SR", "VS", "MT", "LT", "SGT", "CAPT", "PROF", "REV", "NO"}
_WORD_RE = re.compile(r"[A-Za-z][A-Za-z'\u2019-]*")

# Capitalised words that separate names inside a run ("ON WILL AND SANDRA").
_RUN_STOP = {
    "A", "AN", "THE", "AND", "OR", "ON", "OF", "TO", "IN", "AT", "BY", "FOR", "WITH", "FROM", "INTO", "AKA",
    "A.K.A.", "VS", "VS.", "ANGLE", "CLOSE", "CLOSE-UP", "INSERT", "POV", "BACK", "WIDE", "SHOT", "CUT",
    "INTERCUT", "OVER", "ALSO", "NOW", "IS", "ARE", "AS", "BUT", "THEN", "WE", "SEE", "HEAR",
}
# Words that make "YOUNG EDWARD" another character than EDWARD.
_VERSION_WORDS = {
    "YOUNG", "YOUNGER", "OLD", "OLDER", "LITTLE", "ADULT", "GROWN-UP", "BABY", "TEEN", "TEENAGE", "ELDERLY",
    "MIDDLE-AGED", "LATER", "FUTURE", "PAST", "BIG", "SENIOR", "JUNIOR", "DEAD", "GHOST", "FAKE", "EVIL",
}
_TITLES = {
    "DR.", "DR", "MR.", "MR", "MRS.", "MRS", "MS.", "MS", "MISS", "SIR", "LADY", "LORD", "DETECTIVE", "OFFICER",
    "AGENT", "CAPTAIN", "CAPT.", "SGT.", "SERGEANT", "LT.", "LIEUTENANT", "PROFESSOR", "PROF.", "UNCLE",
    "AUNT", "FATHER", "SISTER", "BROTHER", "MOTHER", "NURSE", "JUDGE", "MAYOR", "COACH", "SHERIFF", "DEPUTY",
}
_GROUP_CUES = {"ALL", "BOTH", "EVERYONE", "EVERYBODY", "TOGETHER", "UNISON", "ALL TOGETHER"}
_JOINT_RE = re.compile(r"\s+(?:AND|&)\s+|\s*/\s*")
_DETERMINERS = {"a", "an", "the", "his", "her", "their", "its", "our", "my", "your", "this", "that"}
# A description segment starting with one of these ends the appositive.
_CLAUSE_WORDS = {"and", "but", "then", "as", "while", "when", "before", "after", "so", "until", "because", "or"}
_VERBS = {
    "is", "are", "was", "were", "has", "had", "does", "did", "can", "could", "will", "would", "may", "might",
    "must", "should", "sits", "stands", "walks", "enters", "exits", "looks", "turns", "comes", "goes", "gets",
    "runs", "says", "takes", "makes", "holds", "lies", "leans", "waits", "watches", "listens", "tells", "stares",
    "smiles", "nods", "sighs", "steps", "moves", "opens", "closes", "sips", "drinks", "eats", "reads", "writes",
    "emerges", "appears", "arrives", "leaves", "climbs", "falls", "rises", "wakes", "sleeps", "kneels", "crouches",
    "hurries", "rushes", "storms", "bursts", "slams", "pulls", "pushes", "grabs", "picks", "puts", "sets",
}
# Plural nouns a description may start with ("glasses and a beard").
_PLURAL_NOUNS = {
    "glasses", "freckles", "braces", "dreadlocks", "looks", "clothes", "pants", "jeans", "boots", "shoes",
    "whiskers", "curls", "muscles", "tattoos", "sideburns", "bangs", "pigtails", "overalls", "scrubs", "years",
    "dimples", "wrinkles", "eyes", "features", "manners", "cheeks", "lips", "shorts", "spectacles",
}

# -- props --------------------------------------------------------------------------
_THE_RE = re.compile(r"\b[Tt]he\s+([a-z][a-z'\-]*(?:\s+[a-z][a-z'\-]*){0,2})")
_ABSTRACT_RE = re.compile(r"(?:tion|sion|ness|ment|ity|ance|ence|ship|ism|hood)s?$")
_AFTER_SUBJECT_RE = re.compile(r"\b(?:he|she|it|they|who|which|that|He|She|It|They)\s+([a-z]+s)\b")
_FUNCTION_WORDS = set(
    "and or but nor of in on at to from with without into onto over under behind beside between through across "
    "around against toward towards for by as than that which who whom whose is are was were be been being has "
    "have had does do did will would can could should may might must it its he she they him her them his their "
    "our this these those then there here now still just not no so too very all both each up down out off away "
    "again while when where until before after about like if near inside outside along past beneath above below "
    "upon within during i we you me us what how why more less".split()
)
_SKIP_MODIFIERS = set(
    "other same first last next only whole entire following previous best worst most few many two three four "
    "five six seven eight nine ten second third final own very rest".split()
)
_PROP_STOP = set(
    # generic, time, sound and camera words
    "way thing things rest end side sides edge middle top bottom front back center centre corner moment moments "
    "time times day days night nights morning evening afternoon dawn dusk year years minute minutes second "
    "seconds hour hours beat pause silence sound sounds noise noises voice voices word words air light lights "
    "dark darkness shadow shadows distance world place places area scene shot camera frame screen view angle "
    "background foreground sight image direction lead line lines truth story stories idea question answer "
    "point problem matter fact reason name names music song game news look smile laugh laughter kiss hug "
    "attention situation sense feeling mood tension effect impact same other others latter former gap bit "
    "part piece pieces kind sort lot number numbers course fun life death past future present one ones "
    "left right north south east west more less most pain strength shape shapes row rows parts dirt mud "
    "service hell heaven giant beast reflection curves stands glow memory memories dream dreams "
    # body
    "hand hands arm arms eye eyes face faces head heads hair mouth lips nose ear ears neck shoulder shoulders "
    "chest leg legs foot feet knee knees finger fingers fist fists body bodies skin teeth tooth tongue throat "
    "cheek cheeks brow forehead chin jaw heart breath blood tears wrist wrists hip hips lap waist belly stomach "
    # people
    "man men woman women boy boys girl girls kid kids child children baby babies guy guys people person crowd "
    "family couple group doctor doctors nurse nurses father mother dad mom mum son daughter husband wife "
    "brother sister team audience police cops cop stranger strangers driver waiter waitress bartender "
    "passengers passenger owner boss friend friends partner partners lady gentleman gentlemen folks everyone "
    "kids crew soldiers officer officers guard guards priest bride groom couple players player "
    # places and fixtures (location features, not props)
    "room rooms door doors doorway window windows wall walls floor floors ceiling hall hallway corridor stairs "
    "staircase steps house houses home building buildings street streets road roads town city kitchen bedroom "
    "bathroom porch yard garden field fields sky sun moon stars sea ocean water river lake rain wind snow "
    "storm ground grass tree trees woods forest hill hills beach shore horizon fog mist clouds waves surface "
    "bank lobby office church school table tables chair chairs bed couch sofa desk counter bench place "
    "entrance exit aisle sidewalk driveway lawn path road tracks bridge roof basement attic garage "
    "neighborhood neighbourhood country world earth universe stair rock rocks cliff cliffs island".split()
)


@dataclass
class _Intro:
    scene: int | None
    line: int
    alias: str | None
    description: str | None
    before: str | None


@dataclass
class _PropStats:
    count: int = 0
    scenes: set[int] = field(default_factory=set)
    phrases: Counter = field(default_factory=Counter)
    first: int = 0


def extract_bible(script: Script) -> Bible:
    """Bootstrap a bible from a script (pure: no I/O).

    Args:
        script: the parsed screenplay.

    Returns:
        A valid bible: the title, every speaking character (with intro
        description, attributes and where introduced), every heading location and
        the props mentioned with "the" repeatedly. Edit it, then audit against it.
    """
    cues: list[str] = []
    for cue in script.speakers:
        if not _is_group_cue(cue, script.speakers) and all(_char_key(cue) != _char_key(c) for c in cues):
            cues.append(cue)
    intros = _introductions(script, cues)
    first_cue = _first_cues(script)
    characters: list[Character] = []
    used: set[str] = {_char_key(c) for c in cues}
    for cue in cues:
        intro = intros.get(cue)
        aliases = []
        if intro and intro.alias and _char_key(intro.alias) not in used:
            used.add(_char_key(intro.alias))
            aliases.append(intro.alias)
        description = (intro.description or intro.before) if intro else None
        scene, line = (intro.scene, intro.line) if intro else first_cue.get(cue, (None, None))
        characters.append(
            Character(
                name=cue,
                aliases=aliases,
                description=description,
                attributes=_attributes(description, intro.before if intro else None),
                introduced_scene=scene,
                introduced_line=line,
            )
        )
    return Bible(title=script.title, characters=characters, locations=_locations(script.scenes), props=_props(script))


# -- characters ---------------------------------------------------------------------


def _is_group_cue(cue: str, speakers: tuple[str, ...]) -> bool:
    if cue in _GROUP_CUES:
        return True
    parts = [p for p in _JOINT_RE.split(cue) if p]
    return len(parts) > 1 and any(p in speakers for p in parts)


def _first_cues(script: Script) -> dict[str, tuple[int | None, int]]:
    out: dict[str, tuple[int | None, int]] = {}
    for scene, el in script.elements():
        if el.kind is Kind.CHARACTER and el.character:
            out.setdefault(el.character, (scene.index if scene else None, el.line))
    return out


def _introductions(script: Script, cues: list[str]) -> dict[str, _Intro]:
    """The first action mention in capitals of each cue, with its description."""
    by_words = {tuple(c.split()): c for c in cues}
    intros: dict[str, _Intro] = {}
    for scene, el in script.elements():
        if el.kind is not Kind.ACTION or not re.search(r"[a-z]", el.text):
            continue  # a line all in capitals is a shot or a sound, not an introduction
        for m in _CAPS_RUN_RE.finditer(el.text):
            for start, end, words in _name_runs(m):
                possessive = bool(_POSSESSIVE_RE.search(words[-1])) and len(words[-1]) > 2
                if possessive:
                    continue
                cue = _resolve(words, by_words)
                if cue is None or cue in intros:
                    continue
                name = " ".join(words)
                intros[cue] = _Intro(
                    scene=scene.index if scene else None,
                    line=_line_at(el, start, script.format),
                    alias=name if name != cue else None,
                    description=_description_after(el.text, end),
                    before=_words_before(el.text, start) or _appositive_before(el.text, start),
                )
    return intros


def _name_runs(m: re.Match) -> list[tuple[int, int, list[str]]]:
    """Split a run of capitals at words that are not names: (start, end, words)."""
    out: list[tuple[int, int, list[str]]] = []
    current: list[tuple[int, int, str]] = []
    for w in re.finditer(r"\S+", m.group(0)):
        word, start, end = w.group(0), m.start() + w.start(), m.start() + w.end()
        if word in _RUN_STOP or word.rstrip(".") in _RUN_STOP:
            if current:
                out.append((current[0][0], current[-1][1], [c[2] for c in current]))
            current = []
        else:
            stem = word[:-1]
            if word.endswith(".") and "." not in stem and len(stem) > 1 and stem not in _ABBREVIATIONS:
                word, end = stem, end - 1  # "JACK." at the end of a sentence
            current.append((start, end, word))
    if current:
        out.append((current[0][0], current[-1][1], [c[2] for c in current]))
    return out


def _resolve(words: list[str], by_words: dict[tuple[str, ...], str]) -> str | None:
    """The cue a capitalised name refers to: exact, or a full name around a cue."""
    key = tuple(words)
    if key in by_words:
        return by_words[key]
    if words[0] in _VERSION_WORDS or len(words) > 5:
        return None
    core = words
    while len(core) > 1 and core[0] in _TITLES and tuple(core[1:]) not in by_words:
        core = core[1:]
    for cand in (tuple(core), (core[0], core[-1]), (words[0], words[-1]), (core[0],), (core[-1],)):
        if cand in by_words:
            return by_words[cand]
    return None


def _line_at(el: Element, offset: int, fmt: str) -> int:
    # Fountain action keeps its source line breaks; an FDX line is a paragraph index.
    return el.line + el.text.count("\n", 0, offset) if fmt == "fountain" else el.line


def _sentence_end(text: str, start: int) -> int:
    for m in _SENTENCE_END_RE.finditer(text, start):
        if m.group(0) == ".":
            word = re.search(r"([A-Za-z]+)$", text[start : m.start()])
            if word and (word.group(1).upper() in _ABBREVIATIONS or len(word.group(1)) == 1):
                continue
        return m.start()
    return len(text)


def _description_after(text: str, end: int) -> str | None:
    """The description that follows an introduced name, if any."""
    parts: list[str] = []
    rest = text[end:]
    m = _PAREN_AFTER_RE.match(rest)
    if m:
        parts.append(m.group(1).strip())
        end += m.end()
        rest = text[end:]
    m = _IS_AGE_RE.match(rest)
    dash = _DASH_OPEN_RE.match(rest)
    if m and not parts:
        parts.append(m.group(1))
    elif dash:
        start = end + dash.end()
        parts.append(text[start : _sentence_end(text, start)])
    elif rest.startswith(","):
        for seg in text[end + 1 : _sentence_end(text, end + 1)].split(",")[:4]:
            seg = seg.strip()
            if not seg or _starts_clause(seg):
                break
            parts.append(seg)
    text_out = ", ".join(_clean(p) for p in parts if _clean(p))
    return text_out[:200].rstrip(" ,") or None


def _starts_clause(segment: str) -> bool:
    words = segment.split()
    first = words[0]
    lower = first.lower()
    if first.isupper() and len(first) > 1 and first.rstrip(".") not in {"AGE", "AGED"} and not first[0].isdigit():
        return True  # another name: "BRICK, STEEL and JACK"
    if lower in _CLAUSE_WORDS or lower in _VERBS:
        return True
    if first[0].isupper() and not first.endswith(("'s", "\u2019s")) and len(words) > 1 and _verb_like(words[1]):
        return True  # "Reaching the CASHIER, Sandra hands over her coupons."
    return first[0].isalpha() and first.islower() and _verb_like(first)


def _verb_like(word: str) -> bool:
    lower = word.lower()
    if lower in _VERBS:
        return True
    return lower.endswith("s") and not lower.endswith(("ss", "us", "is", "'s")) and lower not in _PLURAL_NOUNS


def _words_before(text: str, start: int) -> str | None:
    """Modifiers right before a name: ``his gorgeous bride JOSEPHINE`` gives ``gorgeous bride``."""
    head = text[:start]
    cut = max(head.rfind(c) for c in ",;:()\n") + 1
    for m in re.finditer(r"[.!?](?=\s)|--|\u2014", head):
        if m.end() > cut:
            cut = m.end()
    words = head[cut:].split()
    if not words:
        return None
    for i in range(len(words) - 1, max(-1, len(words) - 5), -1):
        if words[i].lower() in _DETERMINERS:
            picked = words[i + 1 :]
            break
    else:
        at_start = cut == 0 or head[:cut].rstrip().endswith((".", "!", "?"))
        picked = words if at_start and len(words) <= 2 and words[0][0].isupper() else []
        if picked and picked[0].lower() in _FUNCTION_WORDS | _CLAUSE_WORDS:
            picked = []
    while picked and picked[-1].lower() in ("named", "called", "known"):
        picked = picked[:-1]
    if not picked or len(picked) > 3 or any(
        w.lower() in _FUNCTION_WORDS or not _WORD_RE.fullmatch(w) or w.endswith(("'s", "\u2019s")) for w in picked
    ):
        return None
    return " ".join(picked)


_APPOSITIVE_BEFORE_RE = re.compile(r"(?:^|[.!?]\s+|\n)(?:An?|The)\s+([^,.;:()\n]{3,60}),\s*$")


def _appositive_before(text: str, start: int) -> str | None:
    """A description written before the name: ``A 7 year-old girl, LILY,`` gives ``7 year-old girl``."""
    m = _APPOSITIVE_BEFORE_RE.search(text[:start])
    if not m or any(w.lower() in _CLAUSE_WORDS or w.lower() in _VERBS for w in m.group(1).split()):
        return None
    return _clean(m.group(1)) or None


def _clean(text: str) -> str:
    return " ".join(text.split()).strip(" ,;:-\u2014\u2013")


def _attributes(description: str | None, before: str | None) -> dict[str, str]:
    if not description and not before:
        return {}
    try:
        from continuity.language.lexicon import attributes_in, normalise_age
    except ImportError:  # the lexicon is optional for extraction
        return {}
    out: dict[str, str] = {}
    for text in (description, before):
        if text:
            for k, v in attributes_in(text).items():
                out.setdefault(k, v)
    if "age" not in out and description:
        for part in description.split(","):
            m = _BARE_AGE_RE.match(part.strip())
            if m:
                out["age"] = normalise_age(m.group(1))
                break
    return out


# -- locations ----------------------------------------------------------------------


def _locations(scenes: tuple[Scene, ...]) -> list[Location]:
    """The headings' places, once each.

    Shots and inserts forced as headings ("THE FINGER", "ON THE TV") are not places,
    and a place named again at the end of a longer name ("RM 412" after "PALACE HOTEL
    RM 412") is that place, kept as its alias.
    """
    seen: set[str] = set()
    names: list[str] = []
    for scene in scenes:
        if scene.heading.setting is None:
            continue  # a forced heading: a shot, an insert, "BACK IN THE APARTMENT"
        name = scene.heading.location
        key = _loc_key(name)
        if key and key not in seen:
            seen.add(key)
            names.append(name)
    keys = {n: _loc_key(n) for n in names}
    out: list[Location] = []
    def inside(short: str, long: str) -> bool:  # "RM 412" in "PALACE HOTEL RM 412", not "GOLDEN GATE BRIDGE"
        return short != long and keys[long].endswith(" " + keys[short]) and any(c.isdigit() for c in short)

    for name in names:
        if any(inside(name, o) for o in names):
            continue
        aliases = [n for n in names if inside(n, name)]
        out.append(Location(name=name, aliases=aliases))
    return out


# -- props --------------------------------------------------------------------------


def _props(script: Script) -> list[Prop]:
    actions = [(scene, el) for scene, el in script.elements() if el.kind is Kind.ACTION]
    verbs = set(_VERBS)
    names = {n.lower() for c in script.speakers for n in c.split()}
    # The last word of each part of a heading's location is a place ("GATE", "STAGE").
    places = {
        words[-1].lower()
        for sc in script.scenes
        for part in sc.heading.location.split(" - ")
        if (words := re.findall(r"[A-Za-z]+", part))
    }
    subject_re = _subject_re(script.speakers)
    for _, el in actions:
        verbs.update(m.group(1) for m in _AFTER_SUBJECT_RE.finditer(el.text))
        if subject_re:
            verbs.update(m.group(1) for m in subject_re.finditer(el.text))
    stats: dict[str, _PropStats] = {}
    order = 0
    for scene, el in actions:
        for m in _THE_RE.finditer(el.text):
            phrase = _noun_phrase(m.group(1).split(), verbs)
            if not phrase:
                continue
            head = phrase[-1]
            if head in _PROP_STOP or head in names or len(head) < 3 or _ABSTRACT_RE.search(head):
                continue
            if head in places or (head.endswith("s") and head[:-1] in places):
                continue  # a place or a location feature: "the gate", "the stage"
            order += 1
            st = stats.setdefault(head, _PropStats(first=order))
            st.count += 1
            st.scenes.add(scene.index if scene else 0)
            st.phrases[" ".join(phrase)] += 1
    _merge_plurals(stats)
    kept = [(h, st) for h, st in stats.items() if len(st.scenes) >= 2 or st.count >= 3]
    kept.sort(key=lambda hs: (-hs[1].count, hs[1].first))
    out: list[Prop] = []
    used: set[str] = set()
    for _, st in kept[:MAX_PROPS]:
        ranked = sorted(st.phrases.items(), key=lambda kv: -kv[1])
        name = ranked[0][0]
        aliases = [p for p, n in ranked[1:4] if n >= 2 and _prop_key(p) not in used]
        if _prop_key(name) in used:
            continue
        used.update(_prop_key(p) for p in (name, *aliases))
        out.append(Prop(name=name, aliases=aliases))
    return out


def _subject_re(speakers: tuple[str, ...]) -> re.Pattern | None:
    names = sorted({w.capitalize() for s in speakers for w in s.split() if w.isalpha() and len(w) > 1}, key=len, reverse=True)
    if not names:
        return None
    return re.compile(r"\b(?:" + "|".join(map(re.escape, names)) + r")\s+([a-z]+s)\b")


def _noun_phrase(words: list[str], verbs: set[str]) -> list[str]:
    """Cut ``the ...`` words to a noun phrase: stop at function words and verbs.

    A stop-listed noun ends the phrase too (``the crowd parts`` is about the crowd).
    """
    out: list[str] = []
    for i, w in enumerate(words):
        if w in _FUNCTION_WORDS or w.endswith("ly") or "'" in w:
            break
        if i and (w in verbs or (len(w) > 4 and w.endswith(("ed", "ing")))):
            break
        out.append(w)
        if w in _PROP_STOP and w not in _SKIP_MODIFIERS:
            break
    while out and out[0] in _SKIP_MODIFIERS:
        out.pop(0)
    return out


def _merge_plurals(stats: dict[str, _PropStats]) -> None:
    for head in [h for h in stats if h.endswith("s") and h[:-1] in stats]:
        plural, single = stats.pop(head), stats[head[:-1]]
        single.count += plural.count
        single.scenes |= plural.scenes
        single.phrases.update(plural.phrases)
        single.first = min(single.first, plural.first)


# -- from the audit's reading: wardrobe, key props, stated looks ----------------------


__all__ = ["extract_bible", "MAX_PROPS"]
