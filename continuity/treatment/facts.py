"""What a treatment already says, per scene, read in code before any model writes.

``studio generate`` turns a treatment (one prose paragraph per scene) into a script.
Everything the treatment and the bible state is fixed here, so a model never has to
decide it: per scene, the place (a bible location, matched by name and, when names
tie or are missing, by embedding), INT/EXT (the location's ``setting``), the time of
day (from the paragraph's words: "before dawn", "by morning", "full night"; a
paragraph with none, "an hour out", keeps the previous scene's time), whether it is a
flashback, the characters present (bible names and aliases), the props and wardrobe
in play, and the beats (one per sentence). Scene headings are built from these facts.

Example::

    from continuity.treatment.facts import extract_facts
    facts = extract_facts(treatment_text, bible)
    facts[0].heading          # 'INT. HARBOUR OFFICE - DAWN'
    facts[0].characters       # ('NELL', 'TAM')
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import numpy as np

from continuity.bible.model import Bible, Character, Location
from continuity.screenplay.heading import parse_heading
from continuity.screenplay.model import Heading
from continuity.story.splitting import split_sentences

logger = logging.getLogger(__name__)

#: At most this many scenes are read from a treatment.
MAX_SCENES = 24
#: A location is taken by embedding alone only when its cosine with a sentence of the paragraph is at least this.
EMBEDDING_MATCH = 0.4
#: The time of day is read from a paragraph's first sentences only.
TIME_SENTENCES = 2

Embed = Callable[[list[str]], np.ndarray]

# Phrase -> time of day. Strong cues first; a paragraph's earliest strong cue wins.
_STRONG_TIMES: tuple[tuple[str, str], ...] = (
    (r"(?:one|two|three|1|2|3)(?: o'clock)? in the morning", "NIGHT"),
    (r"(?:four|five|4|5)(?: o'clock)? in the morning", "DAWN"),
    (r"before dawn|pre-?dawn|at dawn|dawn|daybreak|first light|sunrise|sun (?:comes|came) up|sun rises", "DAWN"),
    (r"midnight|small hours|full night|at night|that night|tonight|night|after dark|nighttime|night-time", "NIGHT"),
    (r"dusk|sunset|sundown|twilight|nightfall|gloaming", "DUSK"),
    (r"evening", "EVENING"),
    (r"afternoon", "AFTERNOON"),
    (r"noon|midday|mid-day|lunchtime", "DAY"),
    (r"mid-morning|morning|breakfast time", "MORNING"),
)
_WEAK_TIMES: tuple[tuple[str, str], ...] = ((r"broad daylight|daylight|daytime|day|sunlit|sunshine", "DAY"),)
_TIME_RES = [(re.compile(rf"(?<![\w-])(?:{p})(?![\w-])", re.IGNORECASE), t) for p, t in _STRONG_TIMES]
_WEAK_RES = [(re.compile(rf"(?<![\w-])(?:{p})(?![\w-])", re.IGNORECASE), t) for p, t in _WEAK_TIMES]
_FLASHBACK_RE = re.compile(
    r"\bflash(?:back|es back|ing back)\b|\byears\s+(?:earlier|before|ago)(?=[,.;:]|$)|\bin\s+(?:1[5-9]|20)\d\d\b",
    re.IGNORECASE,
)
_EXTERIOR_WORDS = ("DECK", "JETTY", "PIER", "QUAY", "HARBOUR", "HARBOR", "PATH", "STREET", "BEACH", "CLIFF", "ROAD",
                   "SLIPWAY", "FIELD", "SHORE", "GARDEN", "YARD", "DOCK", "MARSH", "ISLAND", "GALLERY", "PARK",
                   "FOREST", "WOODS", "HILL", "MOOR", "LANE", "SQUARE", "PLATFORM", "ROOF", "BRIDGE", "RIVER")
_INTERIOR_WORDS = ("ROOM", "KITCHEN", "OFFICE", "HALL", "HALLWAY", "CORRIDOR", "CABIN", "WHEELHOUSE", "STAIRWELL",
                   "BEDROOM", "BATHROOM", "CELLAR", "ATTIC", "SHOP", "STOREROOM", "STUDIO", "LOFT", "CARRIAGE",
                   "CAFE", "PUB", "BAR", "LIBRARY", "WARD", "CHURCH", "BARN", "SHED", "HUT", "COTTAGE", "HOUSE")
_SETTING_WORDS = {"interior": "INT", "int": "INT", "inside": "INT", "indoors": "INT",
                  "exterior": "EXT", "ext": "EXT", "outside": "EXT", "outdoors": "EXT", "outdoor": "EXT",
                  "int/ext": "INT/EXT", "both": "INT/EXT"}
_TITLE_WORDS = {"DR", "DR.", "MR", "MR.", "MRS", "MRS.", "MS", "MS.", "MISS", "YOUNG", "OLD", "LITTLE", "BIG",
                "AUNT", "UNCLE", "SIR", "LADY", "CAPTAIN", "FATHER", "MOTHER", "SISTER", "BROTHER"}
_PLACE_PHRASE_RE = re.compile(
    r"\b(?:in|inside|at|on|into|onto)\s+(?:the|a|an|her|his|their)\s+((?:[a-z'-]+\s+){0,2}[a-z'-]+)", re.IGNORECASE)
_STOP = {"and", "with", "where", "while", "as", "of", "to", "for", "by", "from", "when", "that", "which", "is", "are",
         "was", "has", "its", "his", "her", "their", "the", "a", "an"}
_EMPHASIS_RE = re.compile(r"\*\*[^*]+\*\*\s*|[*_]")


@dataclass(frozen=True)
class SceneFacts:
    """What the treatment and the bible fix for one scene.

    Attributes:
        number: 1-based scene number (the paragraph's place among the scene paragraphs).
        paragraph: the treatment paragraph, whitespace collapsed.
        setting: ``INT``, ``EXT`` or ``INT/EXT``.
        location: the place as a heading writes it (a bible location's name when one matched).
        location_how: ``name``, ``name+embedding``, ``embedding``, ``text`` (words of the
            paragraph) or ``none``.
        time: ``DAWN``, ``MORNING``, ``DAY``, ``AFTERNOON``, ``DUSK``, ``EVENING`` or ``NIGHT``.
        time_how: the words that gave the time, or ``previous scene``/``default``.
        flashback: the paragraph marks the scene as a flashback.
        characters: bible names of the characters present, in order of first mention.
        props: bible names of the props in play.
        wardrobe: ``(character, item)`` pairs the bible puts on them in this scene.
        appearance: ``(character, attribute, value)`` from the bible for the characters present.
        beats: the paragraph's sentences, in order.
        beat_characters: per beat, the characters it names.
    """

    number: int
    paragraph: str
    setting: str
    location: str
    location_how: str
    time: str
    time_how: str
    flashback: bool = False
    characters: tuple[str, ...] = ()
    props: tuple[str, ...] = ()
    wardrobe: tuple[tuple[str, str], ...] = ()
    appearance: tuple[tuple[str, str, str], ...] = ()
    beats: tuple[str, ...] = field(default_factory=tuple)
    beat_characters: tuple[tuple[str, ...], ...] = field(default_factory=tuple)

    @property
    def heading_text(self) -> str:
        """The scene heading, e.g. ``INT. FERRY - WHEELHOUSE - AFTERNOON (FLASHBACK)``."""
        setting = "INT./EXT." if self.setting == "INT/EXT" else f"{self.setting}."
        text = f"{setting} {self.location} - {self.time}"
        return text + (" (FLASHBACK)" if self.flashback else "")

    @property
    def heading(self) -> Heading:
        """The parsed heading (what our reader makes of :attr:`heading_text`)."""
        return parse_heading(self.heading_text)

    def canon_lines(self) -> list[str]:
        """What the bible fixes for this scene's characters, one short line each."""
        out = []
        for name in self.characters:
            looks = [f"{v} {a}" if a in ("hair", "eyes", "beard") else f"{a} {v}"
                     for c, a, v in self.appearance if c == name]
            wear = [item for c, item in self.wardrobe if c == name]
            parts = looks + ([f"wears {', '.join(wear)}"] if wear else [])
            if parts:
                out.append(f"{name}: {', '.join(parts)}")
        return out


def treatment_paragraphs(treatment: str) -> list[str]:
    """The story paragraphs of a treatment: not headings, not an italic logline, not rules."""
    out = []
    for para in re.split(r"\n\s*\n", treatment):
        text = para.strip()
        if not text or text.startswith(("#", "---", "***")) or (text[0] in "*_" and text[1:2] not in "*_"):
            continue
        out.append(" ".join(text.split()))
    return out


def beats_of(paragraph: str) -> list[str]:
    """The sentences of a paragraph, without Markdown emphasis or a bold act label."""
    text = _EMPHASIS_RE.sub(lambda m: "" if m.group(0).startswith("**") else "", paragraph)
    return [s for _, s in split_sentences(" ".join(text.split()), 1)]


def extract_facts(treatment: str, bible: Bible | None, *, embed: Embed | None = None) -> list[SceneFacts]:
    """The facts of every scene of ``treatment`` (one paragraph per scene, at most :data:`MAX_SCENES`).

    Args:
        treatment: the treatment text (Markdown or plain).
        bible: the canon; without one, places come from the paragraph's words.
        embed: texts -> L2-normalised vectors, to match places whose names tie or are
            not written; default: the configured embedder (see :func:`default_embed`).
    """
    paragraphs = treatment_paragraphs(treatment)[:MAX_SCENES]
    bible = bible or Bible.empty()
    places = _place_forms(bible.locations)
    people = _person_forms(bible.characters)
    vectors: dict[str, np.ndarray] = {}

    def embed_fn(texts: list[str]) -> np.ndarray:
        nonlocal embed
        if embed is None:
            embed = default_embed()
        missing = [t for t in dict.fromkeys(texts) if t not in vectors]
        if missing:
            vectors.update(zip(missing, embed(missing)))
        return np.stack([vectors[t] for t in texts])

    out: list[SceneFacts] = []
    previous_time = ""
    for number, paragraph in enumerate(paragraphs, start=1):
        flashback = bool(_FLASHBACK_RE.search(paragraph))
        time, time_how = time_of_day(paragraph)
        if not time:
            time, time_how = (previous_time, "previous scene") if previous_time and not flashback else ("DAY", "default")
        if not flashback:
            previous_time = time
        location, how = _place(paragraph, bible, places, embed_fn)
        present = _matches(paragraph, people, case_sensitive=True)
        beats = beats_of(paragraph)
        props = tuple(_matches(paragraph, _prop_forms(bible), case_sensitive=False))
        wardrobe, appearance = [], []
        for name in present:
            ch = bible.character(name)
            if ch is None:
                continue
            wardrobe += [(ch.name, w.item) for w in ch.wardrobe if w.scenes.contains(number)]
            appearance += [(ch.name, a, v) for a, v in ch.attributes.items()]
        out.append(SceneFacts(
            number=number, paragraph=paragraph, setting=_setting(bible, location), location=location,
            location_how=how, time=time, time_how=time_how, flashback=flashback, characters=tuple(present),
            props=props, wardrobe=tuple(wardrobe), appearance=tuple(appearance), beats=tuple(beats),
            beat_characters=tuple(tuple(_matches(b, people, case_sensitive=True)) for b in beats),
        ))
    return out


def _place(paragraph: str, bible: Bible, places: list[tuple[str, list[str]]], embed: Embed) -> tuple[str, str]:
    """The scene's place and how it was found (see :attr:`SceneFacts.location_how`).

    One bible location named in the paragraph (or, of several, the only one named in
    its first sentence) is the place. Several: the one whose description is nearest
    in embedding space to one of the paragraph's sentences. None named: the nearest
    location when its cosine is at least :data:`EMBEDDING_MATCH`, else the paragraph's
    own words ("in the old boathouse").
    """
    named = _matches(paragraph, places, case_sensitive=False)
    beats = beats_of(paragraph) or [paragraph]
    if len(named) > 1:
        first = [n for n in _matches(beats[0], places, case_sensitive=False) if n in named]
        if len(first) == 1:
            return first[0], "name"
    if len(named) == 1:
        return named[0], "name"
    if bible.locations:
        locs = bible.locations if not named else [loc for loc in bible.locations if loc.name in named]
        sims = embed(beats) @ embed([_location_text(loc) for loc in locs]).T
        best = sims.max(axis=0)
        i = int(best.argmax())
        if named:
            return locs[i].name, "name+embedding"
        if best[i] >= EMBEDDING_MATCH:
            return locs[i].name, "embedding"
    return _place_in_text(paragraph)


def time_of_day(paragraph: str) -> tuple[str, str]:
    """``(time, words)`` from the earliest time-of-day phrase of the paragraph's first two sentences.

    "before dawn" is DAWN, "by morning" MORNING, "full night" NIGHT; a bare "day" counts
    only when nothing stronger is said. ``("", "")`` when they say none: a treatment
    sets a scene's time where the scene starts, and a later "at first light" is
    more often a plan than the present.
    """
    opening = " ".join(beats_of(paragraph)[:TIME_SENTENCES])
    for table in (_TIME_RES, _WEAK_RES):
        hits = [(m.start(), t, m.group(0)) for rx, t in table for m in rx.finditer(opening)]
        if hits:
            _, t, words = min(hits)
            return t, words.lower()
    return "", ""


def default_embed() -> Embed:
    """The configured sentence embedder (``Settings``), through the embedding cache."""
    from continuity.language.embedding import Collection, make_embedder
    from continuity.settings import Settings

    settings = Settings.load()
    collection = Collection(make_embedder(settings.embedder, settings.model_dir, settings.embed_precision),
                            settings.cache_dir if settings.cache else None)
    return lambda texts: collection.embed(texts)


def name_words(form: str) -> str:
    """A regular expression for a name's words as prose writes them, spaces or hyphens between."""
    words = [re.escape(w) for w in re.split(r"[\s\-]+", form.strip()) if w]
    return r"(?<![\w'-])" + r"[\s\-]+".join(words)


def name_pattern(form: str) -> re.Pattern[str]:
    """Whole-word pattern for a name as prose writes it (``FERRY - CAR DECK`` matches "ferry car deck")."""
    return re.compile(name_words(form) + r"(?:'s)?(?![\w-])", re.IGNORECASE)


# -- matching names in prose ------------------------------------------------------------


def _location_text(loc: Location) -> str:
    return f"{loc.name.title()}. {loc.description or ''}".strip()


def _place_forms(locations: Sequence[Location]) -> list[tuple[str, list[str]]]:
    """Each location with the ways prose names it: name, aliases, and its first or last part when unique.

    ``FERRY - CAR DECK`` is also "car deck"; ``KEEPER'S COTTAGE - KITCHEN`` is also
    "kitchen" and "keeper's cottage" (no other location has those parts, and neither
    is a location of its own).
    """
    counts: dict[str, int] = {}
    for loc in locations:
        if " - " in loc.name:
            first, last = loc.name.split(" - ", 1)[0], loc.name.rsplit(" - ", 1)[1]
            for part in {first, last}:
                counts[part] = counts.get(part, 0) + 1
    names = {loc.name for loc in locations}
    out = []
    for loc in locations:
        forms = [loc.name, *loc.aliases]
        if " - " in loc.name:
            for part in dict.fromkeys((loc.name.split(" - ", 1)[0], loc.name.rsplit(" - ", 1)[1])):
                if counts[part] == 1 and part not in names:
                    forms.append(part)
        out.append((loc.name, forms))
    return out


def _person_forms(characters: Sequence[Character]) -> list[tuple[str, list[str]]]:
    """Each character with name, aliases and the first word of a full-name alias ("Nell" of "Nell Macrae")."""
    taken: dict[str, int] = {}
    firsts: list[list[str]] = []
    for ch in characters:
        words = []
        for alias in ch.aliases:
            first = alias.split()[0]
            if len(alias.split()) > 1 and first.upper() not in _TITLE_WORDS:
                words.append(first)
        firsts.append(words)
        for w in words:
            taken[w.upper()] = taken.get(w.upper(), 0) + 1
    names = {ch.name.upper() for ch in characters}
    out = []
    for ch, words in zip(characters, firsts):
        extra = [w for w in words if taken[w.upper()] == 1 and (w.upper() == ch.name.upper() or w.upper() not in names)]
        out.append((ch.name, [ch.name, *ch.aliases, *extra]))
    return out


def _prop_forms(bible: Bible) -> list[tuple[str, list[str]]]:
    return [(p.name, [p.name, *p.aliases]) for p in bible.props]


def _matches(text: str, table: list[tuple[str, list[str]]], *, case_sensitive: bool) -> list[str]:
    """Names of ``table`` mentioned in ``text``, in order of first mention.

    Longer mentions win over shorter ones they overlap ("young Mara" is not also
    "Mara"), and a place that encloses another one mentioned (``FERRY`` beside
    ``FERRY - CAR DECK``) gives way to it. With ``case_sensitive`` a mention's last word
    must be capitalised (so the name ``WILL`` is not the verb "will"; "young Mara" is ``YOUNG MARA``).
    """
    spans: list[tuple[int, int, str]] = []
    for name, forms in table:
        for form in forms:
            for m in name_pattern(form).finditer(text):
                if case_sensitive and not m.group(0).split()[-1][:1].isupper():
                    continue
                spans.append((m.start(), m.end(), name))
    spans.sort(key=lambda s: (s[0], -(s[1] - s[0])))
    kept: list[tuple[int, int, str]] = []
    for s in sorted(spans, key=lambda s: -(s[1] - s[0])):
        if not any(s[0] < k[1] and k[0] < s[1] and k[2] != s[2] for k in kept):
            kept.append(s)
    order: list[str] = []
    for _, _, name in sorted(kept):
        if name not in order:
            order.append(name)
    return [n for n in order if not any(o != n and o.startswith(n + " - ") for o in order)]


def _setting(bible: Bible, location: str) -> str:
    """INT/EXT: the location's ``setting``; else what its last part says (a ROOM is inside, a DECK
    outside); else an enclosing location's ``setting``; else INT."""
    places = bible.locations_for(location)
    own = str(places[0].attributes.get("setting", "")).strip().lower() if places and places[0].name == location else ""
    if own in _SETTING_WORDS:
        return _SETTING_WORDS[own]
    last = location.rsplit(" - ", 1)[-1]
    if any(re.search(rf"\b{w}\b", last) for w in _INTERIOR_WORDS):
        return "INT"
    if any(re.search(rf"\b{w}\b", last) for w in _EXTERIOR_WORDS):
        return "EXT"
    for loc in places:
        word = str(loc.attributes.get("setting", "")).strip().lower()
        if word in _SETTING_WORDS:
            return _SETTING_WORDS[word]
    return "EXT" if any(re.search(rf"\b{w}\b", location) for w in _EXTERIOR_WORDS) else "INT"


def _place_in_text(paragraph: str) -> tuple[str, str]:
    """A place from the paragraph's own words ("in the old boathouse" -> ``OLD BOATHOUSE``)."""
    for m in _PLACE_PHRASE_RE.finditer(paragraph):
        words = []
        for w in m.group(1).split():
            if w.lower() in _STOP:
                break
            words.append(w)
        if words:
            return " ".join(words).upper(), "text"
    return "UNKNOWN", "none"
