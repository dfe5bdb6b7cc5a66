"""The one reading of a script that every check, sheet and extraction shares.

:class:`Context` reads the script once: its sentences, who they name, the values
they state about each character, dependency parses and embeddings (both cached by
content), story time per scene. Expensive parts are computed on demand and kept.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

import numpy as np

from continuity.bible.extract import extract_bible
from continuity.language.embedding import Collection, make_embedder
from continuity.language.lexicon import garments_in
from continuity.language.parse import Parse, Parser, soften_caps
from continuity.screenplay.model import Kind, Scene, Script
from continuity.settings import Settings
from continuity.story.presence import Presence, read_presence
from continuity.story.episodes import read_story_time
from continuity.story.sentences import GENERIC_PEOPLE, Cast, Observation, Reader, Sentence
from continuity.story.splitting import sentences_of
from continuity.story.time import StoryTime

if TYPE_CHECKING:
    from continuity.bible.model import Bible, Fact


@dataclass
class Context:
    """Everything a check may read; expensive parts are computed once, on demand.

    Attributes:
        script: the parsed screenplay.
        bible: the canon: the user's bible, or one extracted from the script's own
            first descriptions when none is given (``explicit_bible`` tells which).
        collection: embeddings (cached) and FAISS search.
    """

    script: Script
    bible: Bible
    explicit_bible: bool
    collection: Collection
    bible_source: str | None = None
    options: dict = field(default_factory=dict)
    parser: Parser | None = None

    # -- reading ---------------------------------------------------------------
    @cached_property
    def sentences(self) -> list[Sentence]:
        """Every action and dialogue sentence."""
        return sentences_of(self.script)

    @cached_property
    def cue_of(self) -> dict[str, str]:
        """Each bible character's name in the script: the cue they speak under.

        A bible may name a character in full ("Dev Kapoor") where the script cues
        DEV: a cue equal to one word of the name or of an alias, for exactly one
        cue, is that character. Otherwise the bible's name is kept.
        """
        return cue_map(self.bible, self.script)

    @cached_property
    def cast(self) -> Cast:
        """The characters: bible characters plus every speaker, with aliases."""
        names: dict[str, list[str]] = {}
        for c in self.bible.characters:
            cue = self.cue_of.get(c.name, c.name)
            names.setdefault(cue, []).extend(([c.name] if cue != c.name else []) + list(c.aliases))
        for name in self.script.speakers:
            names.setdefault(name, [])
        # characters who never speak but the action introduces (a silent heavy, the mailman): they wear,
        # carry and get soaked like anyone else
        text = "\n".join(s.text for s in self.sentences if s.kind == "action") if self.presence.characters else ""
        # words the bible says are on its props ("CHOPIN, NOCTURNES stamped in gold on the spine"): not people
        on_props = {w.lower() for p in self.bible.props for v in (p.name, *p.aliases, p.description or "",
                                                                  *map(str, p.attributes.values()))
                    for w in re.findall(r"[A-Za-z]+", v)}
        for name in self.presence.characters:
            if name in names or len(name) < 3 or not name.replace(" ", "").replace(".", "").isalpha():
                continue
            if all(w.lower() in on_props for w in re.findall(r"[A-Za-z]+", name)):
                continue
            if all(w.strip(".") in GENERIC_PEOPLE for w in name.split()):
                continue  # "WOMAN", "OLD WOMAN", "FATHER": a part, not a name
            # a name, not a description: the action calls them by it in ordinary case too ("Teo", not
            # "the mailman" or "a stunning ASIAN WOMAN")
            titled = " ".join(w[:1] + w[1:].lower() for w in name.split())
            if re.search(rf"(?<![\w']){re.escape(titled)}(?![\w])", text):
                names.setdefault(name, [])
        cast = Cast(names)
        cast.learn_genders(self.sentences)
        for c in self.bible.characters:
            cue = self.cue_of.get(c.name, c.name)
            if cue in cast.gender and (self.explicit_bible or cast.gender.get(cue) is None):
                # a user's bible's own he or she outweighs a guess from the script's pronouns
                said = " ".join([c.description or "", c.notes or "", *map(str, c.attributes.values()),
                                 *(w.item for w in c.wardrobe)])
                told = _prose_gender(said)
                if told and cast.gender.get(cue) not in (None, told) and _pronouns(said) < 2 and \
                        not re.search(r"(?:^|[.;!?]\s+)(?:He|She)\b", said):
                    told = None  # one "she" inside a note ("until she returns it") is someone else as often as not;
                    # a sentence that opens on it ("She runs the office.") is about them
                cast.gender[cue] = told or cast.gender.get(cue) or _worn_gender(said)
        return cast

    @cached_property
    def reader(self) -> Reader:
        """Resolves who a stated value belongs to."""
        from_the_last = frozenset(sc.index for sc in self.script.scenes
                                  if (sc.heading.time or "").upper() in ("CONTINUOUS", "SAME", "SAME TIME"))
        return Reader(self.cast, self.sentences, align=self.align_owner, parse=self._parse_one,
                      continuing=from_the_last)

    def _parse_one(self, s: Sentence) -> Parse:
        return self.parse_many([s])[0]

    @cached_property
    def observations(self) -> list[Observation]:
        """Every appearance and garment value stated about a character, in order."""
        out: list[Observation] = []
        for s in self.sentences:
            out.extend(self.reader.observations(s))
        return out

    def parse_many(self, sentences: list[Sentence]) -> list[Parse]:
        """Dependency parses of ``sentences`` (cast names marked; cached by content hash)."""
        if self.parser is None:
            self.parser = Parser()
        return self.parser.parse_many([(s.text, self._spans(s)) for s in sentences])

    def parse_prose(self, texts: list[str]) -> list[Parse]:
        """Dependency parses of free prose, such as the bible's descriptions (cached by content hash)."""
        if self.parser is None:
            self.parser = Parser()
        texts = [soften_caps(t, self.cast.surface) for t in texts]
        return self.parser.parse_many([(t, _word_spans(t)) for t in texts])

    def _spans(self, s: Sentence) -> list[tuple]:
        """What to mark before parsing: cast names, and garments as one plain noun."""
        spans: list[tuple] = [(m.start, m.end, m.character) for m in self.reader.mentions(s)]
        return spans + _word_spans(s.text)

    def shared(self, name: str, build):
        """Something read once from this script and shared by every check and sheet (the people, the props...).

        Args:
            name: its name in this reading.
            build: a function of no arguments that builds it, called on first use only.
        """
        memo = self.__dict__.setdefault("_shared", {})
        if name not in memo:
            memo[name] = build()
        return memo[name]

    def scene_number(self, index: int) -> str:
        """The scene's own number in the script (``4A``), else its index."""
        scene = self.scene(index)
        return (scene.heading.number or str(index)) if scene else str(index)

    def scene_index(self, number: str) -> int | None:
        """The index of the scene a script or bible calls ``number`` (``4A``): its own number, else its place."""
        for sc in self.script.scenes:
            if sc.heading.number and sc.heading.number.upper() == number.upper():
                return sc.index
        return int(number) if number.isdigit() and 1 <= int(number) <= len(self.script.scenes) else None

    def scene(self, index: int) -> Scene | None:
        """The scene with this 1-based index (None for 0, the preamble)."""
        return self.script.scenes[index - 1] if 1 <= index <= len(self.script.scenes) else None

    # -- story time and presence (read once; every check, sheet and the one-liner share them) --------
    @cached_property
    def presence(self) -> Presence:
        """Who is on screen, heard and mentioned in each scene."""
        return read_presence(self.script)

    @cached_property
    def story(self) -> StoryTime:
        """Story day and time of day per scene, with the fixes of the bible's and the caller's ``story_days``."""
        fixes = {**getattr(self.bible, "story_days", {}), **self.options.get("story_days", {})}
        # a season: per episode, see story.episodes
        return read_story_time(self.script, self.presence, fixes, getattr(self.bible, "story_dates", {}))

    @cached_property
    def times(self) -> list[str | None]:
        """Time of day per scene (index 0 is scene 1), resolved: ``DAY``, ``NIGHT``, ``DAWN``..."""
        return [t.time_class for t in self.story.scenes]

    @cached_property
    def story_days(self) -> list[int | None]:
        """Main story day per scene (None in flashbacks); the labels (``D3``, ``FB2``) are :attr:`day_labels`."""
        return [t.day for t in self.story.scenes]

    @cached_property
    def day_labels(self) -> list[str]:
        """Story day per scene in industry notation: ``D1``, ``N1``, ``FB2``."""
        return [t.story_day for t in self.story.scenes]

    @cached_property
    def spans(self) -> list[int]:
        """Continuous-span id per scene (scenes linked by CONTINUOUS, SAME, MOMENTS LATER share one)."""
        return [t.span for t in self.story.scenes]

    @cached_property
    def day_starts(self) -> list[int]:
        """The first scene of each main story day the bible fixes, in order: what "SD3" or "Day 3" means."""
        firsts: dict[str, int] = {}
        for scene, day in self.bible.story_days.items():
            if day.startswith("D") and scene.isdigit():
                firsts[day] = min(firsts.get(day, 10**6), int(scene))
        if firsts:
            return sorted(firsts.values())
        # No days fixed by the bible: the story's own days as the script reads them (a day the story
        # skips starts where the next one does).
        days = self.story_days
        first: dict[int, int] = {}
        for i, d in enumerate(days):
            if d is not None and not self.is_flashback(i + 1):
                first.setdefault(d, i + 1)
        if not first:
            return []
        out = []
        for n in range(1, max(first) + 1):
            out.append(first.get(n) or min(v for k, v in first.items() if k > n))
        return out

    def day_key(self, scene_index: int) -> tuple[str, int] | None:
        """A key equal for scenes of one story day: ``("D", 3)`` for D3 and N3, ``("FB", 2)``."""
        t = self.story.of(scene_index)
        if t is None:
            return None
        return ("FB", t.flashback) if t.flashback is not None else ("D", t.day or 0)

    def is_flashback(self, scene_index: int) -> bool:
        """Whether the scene is outside the main story count (flashback, flash-forward, dream, told story)."""
        t = self.story.of(scene_index)
        return bool(t and t.is_flashback)

    def period(self, scene_index: int) -> object:
        """A key that is equal for scenes of one period of the story.

        A flashback's period is its past day (``FB2``: the scenes of one remembered
        day share it); dated scenes (``(1973)``) group by year; in a script with
        dated scenes, an undated scene belongs to the year of the last dated one;
        otherwise it is the present.
        """
        scene = self.scene(scene_index)
        if scene is None:
            return "present"
        t = self.story.of(scene_index)
        if t is not None and t.flashback is not None:
            return ("flashback", t.flashback)
        if scene.heading.year:
            return ("year", scene.heading.year)
        return "present" if not self._dated else ("year", self._last_year(scene_index))

    @cached_property
    def _dated(self) -> bool:
        return any(s.heading.year and not self._remembered(s.index) for s in self.script.scenes)

    def _remembered(self, scene_index: int) -> bool:
        t = self.story.of(scene_index)
        return t is not None and t.flashback is not None

    def _last_year(self, scene_index: int) -> int | None:
        # a flashback's year ("(FLASHBACK - 1993)") is not the year the story comes back to
        for s in reversed(self.script.scenes[:scene_index]):
            if s.heading.year and not self._remembered(s.index):
                return s.heading.year
        return None

    # -- embeddings ------------------------------------------------------------
    @cached_property
    def sentence_vectors(self) -> np.ndarray:
        """Embeddings of every sentence (row ``i`` is ``sentences[i]``)."""
        return self.collection.embed([s.text for s in self.sentences])

    @cached_property
    def mention_index(self):
        """FAISS index over all sentences (the scene mentions)."""
        return self.collection.index(self.sentence_vectors)

    @cached_property
    def facts(self) -> list[Fact]:
        """The canon as sentences (bible facts)."""
        return list(self.bible.facts())

    @cached_property
    def fact_vectors(self) -> np.ndarray:
        """Embeddings of the fact sentences."""
        return self.collection.embed([f.sentence for f in self.facts])

    @cached_property
    def fact_index(self):
        """FAISS index over the canon facts."""
        return self.collection.index(self.fact_vectors)

    def align_owner(self, s: Sentence, candidates: list[str], attribute: str) -> str | None:
        """Pick which of ``candidates`` a sentence describes, by fact similarity.

        Each candidate's established facts (bible attributes and descriptions) are
        compared with the sentence; the best one wins only by a clear margin.
        """
        if not self.facts:
            return None
        vec = self.sentence_vectors[s.id]
        best: dict[str, float] = {}
        scores, ids = self.fact_index.search(vec, min(len(self.facts), 64))
        for score, i in zip(scores[0], ids[0]):
            if i < 0:
                continue
            f = self.facts[i]
            if f.kind != "character" or f.subject not in candidates:
                continue
            if f.attribute not in (attribute.split(":")[0], "description", "wardrobe"):
                continue
            best[f.subject] = max(best.get(f.subject, -1.0), float(score))
        ranked = sorted(best.items(), key=lambda kv: kv[1], reverse=True)
        if len(ranked) == 1 and len(candidates) == 1:
            return ranked[0][0]
        if len(ranked) >= 2 and ranked[0][1] - ranked[1][1] >= self.options.get("align_margin", 0.08):
            return ranked[0][0]
        if len(ranked) == 1 and ranked[0][1] >= self.options.get("align_floor", 0.5):
            return ranked[0][0]
        return None


def _prose_gender(text: str) -> str | None:
    """He or she, from how a bible's prose about one character refers to them (None when it does not tell)."""
    words = re.findall(r"[a-z]+", text.lower())
    m = sum(w in ("he", "him", "his", "himself") for w in words)
    f = sum(w in ("she", "her", "hers", "herself") for w in words)
    if m >= 1 and m >= 3 * f:
        return "m"
    if f >= 1 and f >= 3 * m:
        return "f"
    return None


def _pronouns(text: str) -> int:
    """How many third-person pronouns a bible's prose uses."""
    return sum(w in ("he", "him", "his", "himself", "she", "her", "hers", "herself") for w in re.findall(r"[a-z]+",
                                                                                                      text.lower()))


_WORN_F = frozenset("dress dresses skirt blouse petticoat bonnet gown nightgown nightdress bodice corset "
                    "stockings brassiere bra".split())
_WORN_M = frozenset("beard moustache mustache sideburns goatee stubble".split())


def _worn_gender(text: str) -> str | None:
    """A last guess at he or she from what the bible has them wear ("plum-coloured dress") or grow (a beard)."""
    words = set(re.findall(r"[a-z]+", text.lower()))
    f, m = bool(words & _WORN_F), bool(words & _WORN_M)
    return "f" if f and not m else "m" if m and not f else None


_HYPHENATED_RE = re.compile(r"(?<![\w-])[a-z]+(?:-[a-z]+)+(?![\w-])")


def _word_spans(text: str) -> list[tuple]:
    """Garments as one plain noun, and hyphenated words as one word ("yo-yo" parses as "yoyo")."""
    spans: list[tuple] = [(g.start, g.start + len(g.words), None, "jacket") for g in garments_in(text)]
    for m in _HYPHENATED_RE.finditer(text):
        spans.append((m.start(), m.end(), None, m.group(0).replace("-", "").lower()))
    return spans


_NOT_NAMES = frozenset({"MR", "MRS", "MS", "DR", "THE", "OLD", "YOUNG", "LITTLE", "BIG", "UNCLE", "AUNT"})


def cue_map(bible: Bible, script: Script) -> dict[str, str]:
    """Bible character name -> the script's cue for them (see :attr:`Context.cue_of`)."""
    speakers = set(script.speakers)
    out: dict[str, str] = {}
    for c in bible.characters:
        if c.name in speakers:
            out[c.name] = c.name
            continue
        found: list[str] = []
        # the name first, then its aliases: "Giles Penrose", alias "Peter Ashdown", who speaks as ASHDOWN until
        # unmasked and as GILES after, is GILES
        for forms in ({c.name.upper()}, {c.name.upper(), *(a.upper() for a in c.aliases)}):
            words = {w.strip(".,") for f in forms for w in f.split()} - _NOT_NAMES
            # "CHIEF FENNIMORE" for the bible's "Battalion Chief Gil Fennimore": every word of the cue is the name's
            found = sorted(sp for sp in speakers if sp in forms or sp in words
                           or (" " in sp and set(sp.split()) <= words and set(sp.split()) - _NOT_NAMES))
            if found:
                break
        out[c.name] = found[0] if len(found) == 1 else c.name
    # "YOUNG NORA" and "NORA CONLON" both find NORA: the cue is the grown one's; the young self keeps its own name
    for name, cue in list(out.items()):
        if name.split()[0].upper() in ("YOUNG", "OLD", "LITTLE") and cue != name and any(
                other != name and other_cue == cue for other, other_cue in out.items()):
            out[name] = name
    return out


def absent_characters(bible: Bible, script: Script) -> list[str]:
    """Bible characters who never speak (under any cue) nor are named in the script's text."""
    cues = cue_map(bible, script)
    speakers = set(script.speakers)
    text = "\n".join(el.text for _, el in script.elements() if el.kind in (Kind.ACTION, Kind.DIALOGUE))
    out = []
    for c in bible.characters:
        if cues.get(c.name) in speakers:
            continue
        forms = {c.name, *c.aliases}
        words = {w for f in forms for w in f.split() if len(w) >= 3 and w.upper() not in _NOT_NAMES}
        if not any(re.search(rf"(?<![\w']){re.escape(w)}(?![\w])", text, re.IGNORECASE) for w in forms | words):
            out.append(c.name)
    return out


def context_for(script: Script, bible: Bible | None = None, *, settings: Settings | None = None,
                explicit: bool | None = None) -> Context:
    """The audit's reading of ``script`` (as :func:`continuity.audit.run` builds it), for sheets and extraction.

    Args:
        script: the parsed screenplay.
        bible: the canon; None uses the script's own first descriptions, as the audit does.
        settings: embedder and cache folder; default :meth:`Settings.load`.
        explicit: whether ``bible`` is a user's bible (default: when one is given).
    """
    settings = settings or Settings.load()
    cache = settings.cache_dir if settings.cache else None
    if explicit is None:
        explicit = bible is not None
    return Context(script, bible if bible is not None else extract_bible(script), explicit,
                   Collection(make_embedder(settings.embedder, settings.model_dir, settings.embed_precision), cache), parser=Parser(cache))
