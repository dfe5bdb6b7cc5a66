"""Does a written scene say what its facts say? (category ``fidelity``, and ``appearance``/``wardrobe``)

The audit (:mod:`continuity.checks`) compares a script with canon the way a reader of a
finished script would; these checks compare one generated scene with the facts the
treatment and bible fixed for it (:class:`continuity.treatment.facts.SceneFacts`), so they know
who is in the scene and what each of them looks like and wears:

- the heading keeps the planned place, time and flashback mark;
- a character is not described as a place or an object ("Nell is a one-room hut");
- a colour said of a present character's hair, eyes, beard or garment, in any word
  order ("blue hair", "her hair, blue as ink", "a jacket of orange"), agrees with the
  bible, and a garment the bible gives them only in other scenes is not worn here;
- a line of dialogue is speech (:func:`speech_problem`): not its speaker described in
  the third person, not a restatement of the action;
- an action line tells its treatment sentence (:func:`beat_drift`, by embedding) and
  not much else (:func:`novelty`, by words).

Planned characters missing from a scene are :func:`continuity.treatment.plan.check_plan`'s.
Action that contradicts the time of day is the audit's timeline check.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

import numpy as np

from continuity.bible.model import Bible
from continuity.checks.findings import Evidence, Finding
from continuity.language.lexicon import (
    COLOUR_GROUP,
    EYE_COLOURS,
    GARMENTS,
    HAIR_COLOURS,
    appearance_in,
    colour_of,
    garment_kind,
    values_conflict,
)
from continuity.screenplay.model import Kind, Scene
from continuity.story.splitting import split_sentences
from continuity.treatment.facts import SceneFacts, name_pattern, name_words

#: An action line with a sentence whose cosine with its treatment sentence is below this has drifted.
BEAT_SIMILARITY = 0.5
#: An action line with more than this share of content words found nowhere in the scene's paragraph adds too much.
NOVELTY = 0.5

Embed = Callable[[list[str]], np.ndarray]

_TOKEN_RE = re.compile(r"[A-Za-z][A-Za-z'\-]*|[.,;:!?()]")
_ATTR_NOUNS = {
    **dict.fromkeys(["hair", "haired", "locks", "curls", "braid", "braids", "ponytail", "mane", "fringe"], "hair"),
    **dict.fromkeys(["eyes", "eyed", "eye"], "eyes"),
    **dict.fromkeys(["beard", "bearded", "stubble", "moustache", "mustache"], "beard"),
}
_ALL_COLOURS = set(HAIR_COLOURS) | set(EYE_COLOURS) | set(COLOUR_GROUP)
#: Words that may stand between a noun and the colour said of it ("hair, now dyed blue").
_LINKING = {",", "is", "was", "are", "were", "now", "still", "gone", "turned", "turning", "dyed", "of", "bright",
            "deep", "pale", "vivid", "as", "all", "quite", "very", "so"}
_IDENTITY_RE = r"\s+(?:is|was|becomes|became|turns into|is now|has become|seems|looks like)\s+(?:just\s+|only\s+|now\s+)?(?P<det>a|an|the|one|some)\s+(?P<np>[^,.;:!?]+)"
_NP_CUT = re.compile(r"\s+(?:with|of|in|on|at|that|who|which|and|from|for|to|where|whose|by|under|behind|as)\s+.*$",
                     re.IGNORECASE)
_PERSON_NOUNS = {
    "woman", "man", "person", "girl", "boy", "child", "kid", "teenager", "lad", "lass", "figure", "soul", "lady",
    "gentleman", "stranger", "friend", "mother", "father", "grandmother", "grandfather", "grandson", "granddaughter",
    "son", "daughter", "sister", "brother", "aunt", "uncle", "wife", "husband", "widow", "skipper", "captain",
    "sailor", "fisherman", "keeper", "master", "passenger", "driver", "student", "worker", "owner", "pilot",
    "pirate", "hero", "fool", "liar", "mess", "wreck", "shadow", "ghost", "one", "type", "sort", "kind", "human",
    "teacher", "doctor", "nurse", "officer", "guard", "boss", "neighbour", "neighbor", "cousin", "nephew", "niece",
}
_PLACE_NOUNS = {
    "hut", "house", "room", "office", "cabin", "cottage", "kitchen", "hall", "shed", "building", "tower", "church",
    "shop", "pub", "bar", "station", "pier", "jetty", "quay", "harbour", "harbor", "slipway", "deck", "island",
    "village", "town", "city", "street", "road", "path", "beach", "shore", "cliff", "field", "garden", "yard",
    "lighthouse", "wheelhouse", "stairwell", "gallery", "place", "ramp", "dock", "port", "sea", "ocean", "river",
    "lake", "hill", "mountain", "forest", "wood", "bridge", "corridor", "hallway", "attic", "cellar", "barn",
    "school", "hospital", "library", "studio", "flat", "apartment", "home", "landing", "platform", "square",
}
_OBJECT_NOUNS = {
    "ferry", "boat", "ship", "van", "car", "bus", "train", "bell", "thermos", "flask", "ticket", "compass", "lantern",
    "logbook", "book", "urn", "chain", "rope", "wheel", "radio", "kettle", "desk", "table", "chair", "door", "window",
    "clock", "lamp", "coat", "jacket", "hat", "bag", "rucksack", "box", "cup", "bottle", "key", "letter", "phone",
    "machine", "engine", "tool", "object", "thing", "stone", "rock", "wave", "storm", "squall", "wall", "floor",
    "sign", "photograph", "photo", "picture", "knife", "gun", "piano", "bicycle", "bike", "typewriter", "map",
    "sea", "rain", "wind", "fire", "tree", "flower",
}
_FIRST_SECOND_RE = re.compile(r"\b(?:I|I'm|I'll|I've|I'd|me|my|mine|myself|we|we're|us|our|you|you're|your|yours)\b",
                              re.IGNORECASE)
_SELF_NAMING_RE = r"\b(?:I'm|I am|my name is|name's|call me|it's|this is)\s+"
_THIRD_PERSON_START_RE = re.compile(
    r"^(?:then\s+|now\s+|slowly,?\s+|suddenly,?\s+)?(?P<subj>he|she|they|it|the\s+\w+|[A-Z][a-z]+)\s+(?P<verb>[a-z]+s)\b")
_NOT_VERBS = {"is", "was", "has", "does", "says", "its", "this", "thus", "us", "yes", "always", "perhaps", "sometimes"}
_INSTRUCTION_RE = re.compile(
    r"\b(?:first person|third person|speak in the|what do you say|action line|screenplay|camera sees|present tense)\b",
    re.IGNORECASE)
_GARBLED_RE = re.compile(r"[{}\[\]]")
_STAGE_RE = re.compile(r"^\s*[\[(][^\])]*[\])]|\b(?:INT\.|EXT\.|CUT TO|FADE (?:IN|OUT)|V\.O\.|O\.S\.)", re.IGNORECASE)
_CONTENT_RE = re.compile(r"[a-z]{3,}")
_FUNCTION = {"the", "and", "with", "his", "her", "their", "she", "him", "they", "them", "from", "into", "onto", "for",
             "but", "not", "its", "this", "that", "then", "there", "one", "all", "out", "off", "over", "has", "had",
             "was", "are", "who", "what", "when", "where", "under", "above", "below", "behind", "without"}


def check_scene(scene: Scene, facts: SceneFacts, bible: Bible | None, *, embed: Embed | None = None) -> list[Finding]:
    """The fidelity findings of a written ``scene`` against its ``facts``.

    Args:
        scene: the scene as written (its heading, action and dialogue).
        facts: what the treatment and bible fix for it.
        bible: the canon (appearance and wardrobe values).
        embed: texts -> normalised vectors, for character-as-thing judgements of
            nouns no word list knows; without it only the word lists decide.
    """
    out: list[Finding] = []
    out += heading_findings(scene, facts)
    out += thing_findings(scene, facts, bible, embed=embed)
    out += looks_findings(scene, facts, bible)
    for el in scene.elements:
        if el.kind is Kind.DIALOGUE and el.character:
            problem = speech_problem(el.text, el.character, facts, bible)
            if problem:
                out.append(Finding(
                    category="fidelity", severity="error", scene=scene.index, line=el.line,
                    message=f"{el.character}'s line is not speech: {problem}", text=el.text, character=el.character,
                    subject=f"{el.character}.dialogue",
                    evidence=(Evidence(text="a line of dialogue is what the character says out loud", scene=scene.index),),
                ))
    return out


def heading_findings(scene: Scene, facts: SceneFacts) -> list[Finding]:
    """The heading departs from the planned place, time of day or flashback mark."""
    h, want = scene.heading, facts.heading
    problems = []
    if h.location != want.location:
        problems.append(f"the place is {h.location or 'missing'}, the treatment's is {want.location}")
    if h.time != want.time:
        problems.append(f"the time is {h.time or 'missing'}, the treatment's is {want.time} ('{facts.time_how}')")
    if h.is_flashback != facts.flashback:
        problems.append("the flashback mark is " + ("missing" if facts.flashback else "not in the treatment"))
    if h.setting != want.setting:
        problems.append(f"the heading says {h.setting}, the bible's {want.location} is {want.setting}")
    if not problems:
        return []
    return [Finding(category="fidelity", severity="error", scene=scene.index, line=scene.line,
                    message=f"scene {scene.index}'s heading: " + "; ".join(problems), text=h.text,
                    subject=f"SCENE {facts.number}.heading",
                    evidence=(Evidence(text=facts.heading_text, scene=scene.index),))]


def thing_findings(scene: Scene, facts: SceneFacts, bible: Bible | None, *, embed: Embed | None = None) -> list[Finding]:
    """A present character described as a place or an object ("Nell is a one-room hut")."""
    out = []
    places = _bible_words(bible, "locations")
    objects = _bible_words(bible, "props")
    for line, sentence, _speaker in _sentences(scene, action_only=True):
        for name, forms in _forms(facts, bible):
            for form in forms:
                rx = re.compile(name_words(form) + r"(?![\w'-])" + _IDENTITY_RE, re.IGNORECASE)
                m = rx.search(sentence)
                if not m:
                    continue
                np_text = _NP_CUT.sub("", m.group("np")).strip()
                head = np_text.split()[-1].lower().strip("'") if np_text else ""
                kind = _thing_kind(head, np_text, places, objects, embed)
                if kind is None:
                    continue
                out.append(Finding(
                    category="fidelity", severity="error", scene=scene.index, line=line,
                    message=f"{name} is a person, but this line makes {name} {kind}: '{m.group('det')} {np_text}'",
                    text=sentence, character=name, subject=f"{name}.identity",
                    evidence=(Evidence(text=f"{name} is a character of the bible", bible=f"characters.{name}"),),
                ))
                break
    return out


def looks_findings(scene: Scene, facts: SceneFacts, bible: Bible | None) -> list[Finding]:
    """Colours of a present character's hair, eyes, beard or garments that the bible contradicts.

    The colour may come before or after the noun within a few words ("blue hair",
    "hair gone blue", "a coat of orange"); the owner is the character named nearest
    in the sentence, or the scene's only character. A garment the bible gives the
    character only in other scenes is reported too.
    """
    if bible is None:
        return []
    out: list[Finding] = []
    forms = _forms(facts, bible)
    for line, sentence, speaker in _sentences(scene, action_only=False):
        tokens = [(m.group(0), m.start()) for m in _TOKEN_RE.finditer(sentence)]
        mentions = _mention_positions(sentence, forms)
        if speaker is not None:  # in speech only "my hair", "my coat": the speaker's own
            mentions = []
        for i, (tok, start) in enumerate(tokens):
            low = tok.lower()
            attr = _ATTR_NOUNS.get(low)
            garment = None if attr else _garment(low, tokens, i)
            if attr is None and garment is None:
                continue
            colour = _colour_near(tokens, i)
            if colour is None:
                continue
            if speaker is not None:
                if not _my_before(tokens, i):
                    continue
                owner = speaker
            else:
                owner = _owner(mentions, start, facts)
            ch = bible.character(owner) if owner else None
            if ch is None:
                continue
            if attr is not None:
                f = _attribute_finding(scene, facts, ch, attr, colour, line, sentence)
            else:
                f = _garment_finding(scene, facts, ch, garment or "", colour, line, sentence)
            if f is not None:
                out.append(f)
    return unique(out)


def speech_problem(text: str, speaker: str, facts: SceneFacts | None = None, bible: Bible | None = None) -> str:
    """Why a line given to ``speaker`` is not speech, or ``""`` when it is.

    Not speech: a line that names its own speaker in the third person ("Nell is a
    pirate." from NELL), a stage direction (a character or pronoun doing something in
    the present tense with no I, we or you: "She fills the thermos."), bracketed
    directions or heading words, or a line that restates a beat of the scene.
    """
    clean = " ".join(text.split())
    if not re.search(r"[A-Za-z]", clean):
        return "it has no words"
    if _INSTRUCTION_RE.search(clean):
        return "it repeats the instructions"
    if _GARBLED_RE.search(clean):
        return "it has stray brackets or braces in it"
    if facts is not None and _starts_with_place(clean, facts.location):
        return "it repeats the scene's heading"
    names = [f for ch in (bible.characters if bible is not None else ()) for f in _speaker_forms(ch.name, bible)]
    names += [speaker] + list(facts.characters if facts is not None else ())
    rest = clean
    for form in sorted(set(names), key=len, reverse=True):
        rest = name_pattern(form).sub(" ", rest)
    if not re.search(r"[A-Za-z]{2,}", re.sub(r"\b\d+(?:st|nd|rd|th)?\b", " ", rest)):
        return "it says nothing but names"
    if _STAGE_RE.search(clean):
        return "it is a stage direction"
    for form in _speaker_forms(speaker, bible):
        for m in name_pattern(form).finditer(clean):
            before = clean[max(0, m.start() - 14):m.start()]
            if re.search(_SELF_NAMING_RE + r"$", before, re.IGNORECASE):
                continue
            return f"it names {speaker} in the third person ('{m.group(0)}')"
    first_person = bool(_FIRST_SECOND_RE.search(clean))
    m = _THIRD_PERSON_START_RE.match(clean)
    if m and not first_person and not clean.rstrip().endswith(("?", "!")) and m.group("verb").lower() not in _NOT_VERBS:
        return f"it describes someone doing something ('{m.group(0)}') instead of saying anything"
    if facts is not None:
        words = _content(clean)
        for beat, names in zip(facts.beats, facts.beat_characters):
            other = _content(beat)
            if not names:
                continue  # a beat that names no one is a fact a character may well say out loud
            if len(words) >= 4 and other and len(words & other) / len(words) >= 0.7:
                return "it restates the action instead of saying something"
    return ""


def action_problem(text: str) -> str:
    """Why an action line cannot stand in a script, or ``""``: cut off mid-sentence, stray brackets or
    braces (pieces of JSON), or the writer's instructions repeated ("the camera sees")."""
    clean = " ".join(text.split())
    if _GARBLED_RE.search(clean):
        return "it has stray brackets or braces in it"
    if _INSTRUCTION_RE.search(clean):
        return "it repeats the instructions"
    if clean and not re.search(r"[.!?…]['\")\]]*$|--$", clean):
        return "it is cut off mid-sentence"
    return ""


def beat_drift(beats: list[str], sources: list[str], embed: Embed) -> list[float]:
    """For each written action line, the lowest cosine of its sentences with the treatment sentence it tells.

    Taking the weakest sentence catches a line that tells its beat and then runs on
    into something else ("Nell reads the name twice. She says it's a bestselling novel.").
    """
    if not beats:
        return []
    parts = [[s for _, s in split_sentences(b, 1)] or [b] for b in beats]
    flat = [s for p in parts for s in p]
    vecs = embed(flat + list(sources))
    src = vecs[len(flat):]
    out, k = [], 0
    for i, p in enumerate(parts):
        out.append(min(float(vecs[k + j] @ src[i]) for j in range(len(p))))
        k += len(p)
    return out


def novelty(written: str, source: str, known: str = "") -> float:
    """Share of the written line's content words found neither in its source sentence nor in ``known``."""
    words = _content(written)
    if not words:
        return 0.0
    seen = _content(source) | _content(known)
    stems = {w[:5] for w in seen}
    return sum(1 for w in words if w not in seen and w[:5] not in stems) / len(words)


def beat_coverage(sources: list[str], written: list[str], embed: Embed, threshold: float = BEAT_SIMILARITY) -> list[float]:
    """For each treatment sentence, the best cosine with any written sentence (coverage: share >= ``threshold``)."""
    if not sources:
        return []
    if not written:
        return [0.0] * len(sources)
    vecs = embed(list(sources) + list(written))
    a, b = vecs[: len(sources)], vecs[len(sources):]
    return [float(x) for x in (a @ b.T).max(axis=1)]


# -- helpers ------------------------------------------------------------------------------


def _sentences(scene: Scene, *, action_only: bool) -> Iterable[tuple[int, str, str | None]]:
    for el in scene.elements:
        if el.kind is Kind.ACTION:
            speaker = None
        elif el.kind is Kind.DIALOGUE and not action_only:
            speaker = el.character
        else:
            continue
        for line, text in split_sentences(el.text, el.line):
            yield line, text, speaker


def _forms(facts: SceneFacts, bible: Bible | None) -> list[tuple[str, list[str]]]:
    out = []
    for name in facts.characters:
        out.append((name, _speaker_forms(name, bible)))
    return out


def _speaker_forms(name: str, bible: Bible | None) -> list[str]:
    forms = [name]
    ch = bible.character(name) if bible is not None else None
    if ch is not None:
        forms += list(ch.aliases)
        forms += [a.split()[0] for a in ch.aliases if len(a.split()) > 1 and a.split()[0].upper() != "YOUNG"]
    return list(dict.fromkeys(f for f in forms if f))


def _mention_positions(sentence: str, forms: list[tuple[str, list[str]]]) -> list[tuple[int, str]]:
    found = []
    for name, names in forms:
        for form in names:
            for m in name_pattern(form).finditer(sentence):
                if m.group(0)[:1].isupper():
                    found.append((m.start(), name))
    return sorted(found)


def _owner(mentions: list[tuple[int, str]], at: int, facts: SceneFacts) -> str | None:
    before = [name for pos, name in mentions if pos < at]
    if before:
        return before[-1]
    after = [name for pos, name in mentions if pos > at]
    if after:
        return after[0]
    return facts.characters[0] if len(facts.characters) == 1 else None


def _colour_near(tokens: list[tuple[str, int]], i: int) -> str | None:
    """A colour word said of the noun at ``i``: within three words before it ("blue, wild hair"),
    or after it through linking words only ("hair gone blue", "hair, now blue", "a coat of orange")."""
    for j in range(i - 1, max(-1, i - 4), -1):
        word = tokens[j][0].lower()
        if word in ".;:!?" or _ATTR_NOUNS.get(word) or word in GARMENTS:
            break
        if word in _ALL_COLOURS and word not in ("fair", "dark", "light"):
            return word
    for j in range(i + 1, min(len(tokens), i + 5)):
        word = tokens[j][0].lower()
        if word in _ALL_COLOURS and word not in ("fair", "dark", "light"):
            return word
        if word not in _LINKING:
            break
    return None


def _my_before(tokens: list[tuple[str, int]], i: int) -> bool:
    return any(tokens[j][0].lower() == "my" for j in range(max(0, i - 4), i))


def _garment(word: str, tokens: list[tuple[str, int]], i: int) -> str | None:
    if word in GARMENTS:
        return word
    if i + 1 < len(tokens) and f"{word} {tokens[i + 1][0].lower()}" in GARMENTS:
        return f"{word} {tokens[i + 1][0].lower()}"
    return None


def _attribute_finding(scene: Scene, facts: SceneFacts, ch, attr: str, colour: str, line: int,
                       sentence: str) -> Finding | None:
    canon_raw = ch.attributes.get(attr)
    if not canon_raw:
        return None
    canon = _canonical(attr, canon_raw)
    value = _canonical(attr, colour)
    if not values_conflict(attr, canon, value):
        return None
    return Finding(
        category="appearance", severity="error", scene=scene.index, line=line,
        message=f"{ch.name}'s {attr} is {colour!r} here, but the bible says {canon_raw!r}",
        text=sentence, character=ch.name, subject=f"{ch.name}.{attr}",
        evidence=(Evidence(text=str(canon_raw), bible=f"characters.{ch.name}.attributes.{attr}"),),
        extra=(("attribute", attr), ("value", colour)),
    )


def _garment_finding(scene: Scene, facts: SceneFacts, ch, garment: str, colour: str, line: int,
                     sentence: str) -> Finding | None:
    kind = GARMENTS.get(garment, garment)
    group = COLOUR_GROUP.get(colour, colour)
    here = [(i, w) for i, w in enumerate(ch.wardrobe) if w.scenes.contains(facts.number)]
    same_kind = [(i, w) for i, w in here if garment_kind(w.item) == kind]
    if any(colour_of(w.item) in (group, None) for _, w in same_kind):
        return None
    elsewhere = [(i, w) for i, w in enumerate(ch.wardrobe)
                 if not w.scenes.contains(facts.number) and garment_kind(w.item) == kind and colour_of(w.item) == group]
    if same_kind:
        i, w = same_kind[0]
        message = f"{ch.name}'s {garment} is {colour} here, but the bible dresses {ch.name} in the {w.item} in this scene"
    elif elsewhere:
        i, w = elsewhere[0]
        message = f"{ch.name} wears the {w.item} here, but the bible gives it to {ch.name} only in {w.scenes.describe()}"
    else:
        return None
    return Finding(
        category="wardrobe", severity="error", scene=scene.index, line=line, message=message,
        text=sentence, character=ch.name, subject=f"{ch.name}.{kind}",
        evidence=(Evidence(text=w.item, bible=f"characters.{ch.name}.wardrobe[{i}]"),),
        extra=(("garment", garment), ("colour", colour)),
    )


def _canonical(attr: str, raw: str) -> str:
    probe = {"hair": f"{raw} hair", "eyes": f"{raw} eyes", "beard": f"{raw} beard"}.get(attr, str(raw))
    for v in appearance_in(probe):
        if v.attribute == attr:
            return v.value
    return str(raw).lower()


def _bible_words(bible: Bible | None, section: str) -> set[str]:
    if bible is None:
        return set()
    words: set[str] = set()
    for entry in getattr(bible, section):
        for form in [entry.name, *entry.aliases]:
            parts = re.findall(r"[a-z']+", form.lower())
            if parts:
                words.add(parts[-1])
    return words


def _thing_kind(head: str, np_text: str, places: set[str], objects: set[str], embed: Embed | None) -> str | None:
    if not head or head in _PERSON_NOUNS:
        return None
    if head in places or head in _PLACE_NOUNS:
        return "a place"
    if head in objects or head in _OBJECT_NOUNS:
        return "an object"
    if embed is None:
        return None
    protos = ["a person", "a woman", "a man", "a child", "a sailor",
              "a place", "a building", "a room",
              "an object", "a machine", "a vehicle"]
    vecs = embed([np_text, *protos])
    sims = vecs[1:] @ vecs[0]
    person, place, thing = float(sims[:5].max()), float(sims[5:8].max()), float(sims[8:].max())
    if max(place, thing) > person + 0.1:
        return "a place" if place >= thing else "an object"
    return None


def _starts_with_place(line: str, location: str) -> bool:
    """The line opens with the scene's place ("Bakery, Kitchen, dawn." in the BAKERY - KITCHEN)."""
    words = re.findall(r"[a-z']+", line.lower())
    for part in {location, location.rsplit(" - ", 1)[-1]}:
        place = re.findall(r"[a-z']+", part.lower())
        if place and words[: len(place)] == place:
            return True
    return False


def _content(text: str) -> set[str]:
    return {w for w in _CONTENT_RE.findall(text.lower()) if w not in _FUNCTION}


def unique(findings: list[Finding]) -> list[Finding]:
    """``findings`` without repeats of an id, in order."""
    seen: set[str] = set()
    out = []
    for f in findings:
        if f.id not in seen:
            seen.add(f.id)
            out.append(f)
    return out
