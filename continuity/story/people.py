"""Each character's looks and state over story time: canon, what the script states, what it changes on screen.

Built once per audit from the story's one reading (:class:`continuity.story.context.Context`):

1. **Canon from the bible**, read with the same trait reader as the script
   (:mod:`continuity.language.traits`): each attribute and prose value, dimension by
   dimension ("dark auburn, long, worn in a single braid" is a red colour, a long
   length and a braid). Values the bible gives as later looks ("until she dyes it
   pink (sc. 6)", "cut to a bob in scene 10", "shaved off in sc. 9") are kept as
   *later* canon: allowed, not expected from the start.
2. **What the script states**, sentence by sentence: each trait with its owner
   (named, possessive, or a pronoun resolved to the cast).
3. **Changes on screen** ("dyes it pink", "hacks off her ponytail", "shaves off his
   moustache", "towels off"): an event sets the value from that point of story
   time on, and later statements are held to the new value.

A statement that contradicts the value in force is a :class:`Conflict`, with the
fact it contradicts as evidence (the bible's words, or the earlier line, or the
change). How long a value holds depends on what it is: looks and the side a thing
is worn on hold for the story period (a flashback is its own); a hairstyle and a
garment's state (wet, muddy, stained) hold within a continuous span of scenes; a
bandage holds for a few story days.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

from continuity.language import traits as tr
from continuity.language.lexicon import EYE_COLOURS, HAIR_COLOURS, values_conflict
from continuity.story.referred import MAY_REFER_RE, pronoun_changes

if TYPE_CHECKING:
    from continuity.story.context import Context
    from continuity.story.sentences import Sentence

log = logging.getLogger(__name__)

#: Keys whose values hold for the whole story period until changed on screen.
PERSISTENT = ("hair.colour", "hair.length", "eyes.colour", "beard", "moustache", "build", "height", "side.")
#: The lexicon's observations (:attr:`Context.observations`) and the keys they give.
_OBSERVED = {"hair": "hair.colour", "eyes": "eyes.colour", "beard": "beard", "build": "build"}
#: What signals that a line changes a look on purpose ("now blonde", "dyed", "a wig"), per look.
#: "takes off her gloves" changes no one's build.
_DELIBERATE = {
    "hair": re.compile(r"\b(?:now|dyed?|dyes|dyeing|bleach\w*|(?:has )?cut|cuts|shaved?|shaves|shaven|wig|disguised?|"
                       r"new|fresh|turned|streaked|rinse)\b", re.IGNORECASE),
    "beard": re.compile(r"\b(?:now|shaved?|shaves|shaven|grown|grew|grows|trimmed|fake|false|stick-on|new|disguised?)\b",
                        re.IGNORECASE),
    "eyes": re.compile(r"\b(?:now|contacts?|lens(?:es)?|disguised?|turned|glass eye)\b", re.IGNORECASE),
    "build": re.compile(r"\b(?:now|padding|padded|fat suit|disguised?|(?:lost|gained|put on) (?:some )?weight|wasted|"
                        r"thinner|fatter|heavier)\b", re.IGNORECASE),
}
#: Days a bandage or dressing is still expected after it was last seen.
BANDAGE_DAYS = 3
_LATER_RE = re.compile(r"\b(?:until|then|thereafter|from (?:sc\.?|scene)|by (?:sc\.?|scene|the)|after(?:wards)?|"
                       r"later|from then on|replaced|cut to|cuts|dyes|shaves|shaved off|swaps?|changes? into|"
                       r"for the rest|no longer|instead|faded to|grows?)\b", re.IGNORECASE)
#: Words after a value that say it comes later in the story ("clean-shaven thereafter", "a crop from then on").
_AFTER_RE = re.compile(r"\b(?:thereafter|from then on|from (?:sc\.?|scene) ?\d+|onwards?|afterwards|by the (?:end|coda)|"
                       r"by (?:sc\.?|scene) ?\d+|after (?:sc\.?|scene)|for the rest)\b", re.IGNORECASE)
_HEIGHT_RE = re.compile(r"(\d)\s*(?:ft|foot|feet|')\s*(\d{1,2})?|(1[.,]\d\d)\s*m\b|(\d{3})\s*cm\b", re.IGNORECASE)
_KEYED = {"hair", "hairstyle", "hair colour", "hair color", "eyes", "eye colour", "eye color", "beard", "moustache",
          "mustache", "facial hair", "build", "height", "figure", "physique", "body", "face"}


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


@dataclass(frozen=True)
class Statement:
    """A trait the script states about a character in a sentence, owner resolved."""

    character: str
    trait: tr.Trait
    sentence: Sentence

    @property
    def key(self) -> str:
        return self.trait.key

    @property
    def value(self) -> str:
        return self.trait.value


@dataclass(frozen=True)
class Conflict:
    """A statement that contradicts the value in force."""

    statement: Statement
    against: Fact


def agrees(key: str, a: str, b: str) -> bool:
    """Whether two values of one trait describe the same thing."""
    if a == b:
        return True
    if key.endswith("colour") and not key.startswith("eyes"):
        ga, gb = HAIR_COLOURS.get(a, a) or a, HAIR_COLOURS.get(b, b) or b
        return not values_conflict("hair", ga, gb)
    if key == "eyes.colour":
        return (EYE_COLOURS.get(a) or a) == (EYE_COLOURS.get(b) or b)
    if key == "hair.length":
        return "medium" in (a, b)
    if key == "build":
        return "muscular" in (a, b) and "slim" not in (a, b)
    if key.endswith(".bandage"):
        return _bandages_agree(a, b)
    if key.endswith(".bruise"):
        return not (a == "fading" and b == "swollen")  # a bruise heals, it does not swell shut again
    return False


def _bandages_agree(a: str, b: str) -> bool:
    """``bandaged-left`` and ``bandaged-right`` disagree; ``bare`` (both hands) disagrees with any bandage."""
    wa, _, sa = a.partition("-")
    wb, _, sb = b.partition("-")
    if wa == wb == "bandaged":
        return not (sa and sb and sa != sb)
    if {wa, wb} == {"bandaged", "bare"}:
        bare = sa if wa == "bare" else sb
        return bare == "one"
    return True


#: Keys no stretch of time changes: compared across every period, the past's included.
TIMELESS = frozenset({"eyes.colour"})


def holds_for(key: str) -> str:
    """How long a value holds: ``period``, ``span`` or ``days``."""
    if key.startswith(PERSISTENT):
        return "period"
    if key.endswith((".bandage", ".bruise")):
        return "days"
    return "span"


#: Verbs that change a look on screen even with no object ("June shrugs, and cuts."):
#: later lines of the scene describe the new look rather than contradict the old one.
_SCENE_CHANGES = {
    "hair": re.compile(r"(?:\b(?:she|he|they|then|and|[A-Z][a-z]+)\s+(?:cuts|snips|shears|chops|hacks|trims|dyes|"
                       r"bleaches|crops)\b|\b(?:snipping|shearing|dyeing|bleaching|a last snip|clippers)\b)"),
    "beard": re.compile(r"\b(?:shaves?|shaved|shaving|razor|lather)\b", re.IGNORECASE),
    "moustache": re.compile(r"\b(?:shaves?|shaved|shaving|razor|lather)\b", re.IGNORECASE),
    "state": re.compile(r"\b(?:towels?|towelled|toweling|towelling|changes?|changed|strips?|wrings?|washes|washed|"
                        r"scrubs?|dries|dried|showers?|bathes|wipes?)\b", re.IGNORECASE),
}


class People:
    """The looks and states of every character over the script (see the module docstring)."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx

    @classmethod
    def of(cls, ctx: Context) -> People:
        """The people of this reading, built once and shared."""
        return ctx.shared("people", lambda: cls(ctx))

    @cached_property
    def _day_starts(self) -> list[int]:
        """The first scene of each main story day the bible fixes, in order: what "SD3" or "Day 3" means."""
        firsts: dict[str, int] = {}
        for scene, day in self.ctx.bible.story_days.items():
            if day.startswith("D") and scene.isdigit():
                firsts[day] = min(firsts.get(day, 10**6), int(scene))
        return sorted(firsts.values())

    # -- canon ----------------------------------------------------------------------------
    @cached_property
    def canon(self) -> dict[tuple[str, str], list[Fact]]:
        """Bible facts per ``(character, key)``: the canon first, later looks after."""
        out: dict[tuple[str, str], list[Fact]] = {}
        if not self.ctx.explicit_bible:
            return out
        items: list[tuple[str, str, str, str | None]] = []  # (character, path, text, key)
        for c in self.ctx.bible.characters:
            name = self.ctx.cue_of.get(c.name, c.name)
            for attr, value in c.attributes.items():
                if _PAST_KEY_RE.search(attr):
                    continue  # "flashback hair", "hair in 1850": a look of the past, not the story's canon
                items.append((name, f"characters.{c.name}.attributes.{attr}", value, attr))
            if c.description:
                items.append((name, f"characters.{c.name}.description", c.description, None))
            if c.notes and len((c.description or "").split()) <= 4:
                # "- who: Claire Daunt / notes: Thirty-six. Green eyes. Chestnut hair...": the notes describe her
                items.append((name, f"characters.{c.name}.notes", c.notes, None))
        texts = [_as_sentence(key, text) for _, _, text, key in items]
        parses = self.ctx.parse_prose(texts) if texts else []
        for (name, path, text, key), parse in zip(items, parses):
            facts = self._bible_traits(name, key, text, parse)
            # "hair and beard from the shave (scene 18)": the key dates the whole value
            dated, whole = _clause_scene(key, self._day_starts) if key else (None, False)
            for fact in facts:
                source, first = fact.source, fact.first
                if dated is not None and dated > 1:
                    source, first = "bible-later", dated
                out.setdefault((name, fact.key), []).append(Fact(name, fact.key, fact.value, fact.words, source,
                                                                 None, path, text, first, fact.last,
                                                                 fact.whole or (whole and dated is not None)))
        for facts in out.values():
            facts.sort(key=lambda f: f.source != "bible")
        return out

    def _bible_traits(self, name: str, key: str | None, text: str, parse) -> list[Fact]:
        out: list[Fact] = []
        for t in tr.read(parse, about_one=True):
            if t.owner not in (None, name) and t.owner is not None:
                continue  # about someone else ("Maggie cuts her bangs" is about Maggie's doing, not her hair)
            if t.key.startswith("state.") or t.key == "hair.style":
                continue  # a bible's style or state is a look of the day, not canon for every scene
            if _in_past_aside(parse.text, t.start):
                continue  # "58 (42 in the 1971 flashback, when her hair was still brown)": a look of the past
            before = _CLAUSE_END_RE.split(parse.text[: t.start])[-1]
            after = _CLAUSE_END_RE.split(parse.text[t.start:])[0]
            # "he shaves it off that night": a change the bible tells in the present is a later look
            changed_before = t.change and bool(_CHANGE_WORD_RE.search(before) or _TOLD_CHANGE_RE.search(
                parse.text[t.start:t.start + len(t.words) + 12]))
            later = changed_before or bool(_LATER_RE.search(before)) or bool(_AFTER_RE.search(after))
            first, last = _scene_bounds(parse.text, t.start, later)
            out.append(Fact(name, t.key, t.value, t.words, "bible-later" if later else "bible", first=first,
                            last=last))
        if key and key.lower() in ("build", "height", "physique", "figure") or key is None:
            out += [Fact(name, "height", v, w, "bible") for v, w in _heights(text)]
        if key:
            have = {(f.key, f.value) for f in out}
            for f in _keyed(name, key, text, self._day_starts):
                if f.source == "bible-later" and f.first is not None:
                    # the clause dates it ("SD3: short"): a later look, not the canon the parse took it for
                    out = [g for g in out if (g.key, g.value) != (f.key, f.value) or g.source == "bible-later"]
                    out.append(f)
                elif (f.key, f.value) not in have:
                    out.append(f)
        return out

    # -- the script ---------------------------------------------------------------------------
    def _bearded(self, s, key: str) -> str | None:
        """Whose the ownerless moustache or beard of ``s`` is: the nearest one named before it in the scene
        who is a man, or whom the bible gives one ("He lathers up. Claire takes the brush off him. The
        grey walrus moustache comes away")."""
        ctx = self.ctx
        root = key.split(".")[0]
        for k in range(s.id - 1, max(-1, s.id - 10), -1):
            prev = ctx.sentences[k]
            if prev.scene != s.scene:
                break
            for m in ctx.reader.mentions(prev):
                has = any(f.value != "none" for f in self.canon.get((m.character, root), ()))
                if has or ctx.cast.gender.get(m.character) == "m":
                    return m.character
        return None

    @cached_property
    def statements(self) -> list[Statement]:
        """Every trait the script's action states about a cast member, in order."""
        ctx = self.ctx
        chosen = [s for s in ctx.sentences if s.kind == "action" and s.scene > 0 and tr.may_state_traits(s.text)]
        out: list[Statement] = []
        for s, parse in zip(chosen, ctx.parse_many(chosen)):
            mentions = [m for m in ctx.reader.mentions(s) if not m.possessive]
            for t in tr.read(parse):
                if _imagined(s.text, t.start):
                    continue  # "as if he's still looking for the moustache": not on him
                who = t.owner
                if who is None and t.pronoun and t.how in ("poss", "parse"):
                    who = _object_referent(ctx, s, t) or ctx.reader.previous_named(s, t.pronoun, include_self=True)
                if t.how in ("subject", "none"):
                    # a guess from the grammar: the writer's order knows better ("MAGGIE (29), Nora's
                    # sister, dark brown pixie cut": the nearest name before it, not a possessive)
                    near = [m for m in mentions if m.end <= t.start]
                    if t.pronoun in ("m", "f"):
                        # "By the time Pip gets the tap off he's soaked": the nearest name he can stand for
                        gendered = {m.character: ctx.cast.gender.get(m.character) for m in near}
                        near = ([m for m in near if gendered[m.character] == t.pronoun]
                                or [m for m in near if gendered[m.character] is None])
                    if near:
                        who = near[-1].character
                    elif who is None and t.pronoun:
                        who = ctx.reader.previous_named(s, t.pronoun, include_self=True)
                if who is None and t.how == "none" and not t.key.startswith("side."):
                    # "...until what is left is a rough dark crop": whom the paragraph is about; "the grey
                    # walrus moustache comes away": the man the paragraph is about
                    if t.change and t.key.startswith(("moustache", "beard")):
                        who = self._bearded(s, t.key) or ctx.reader.previous_named(s, "m", include_self=True)
                    else:
                        who = ctx.reader.previous_named(s, None)
                if t.change and t.key == "state.arm.bandage" and t.how in ("subject", "none"):
                    # "Pryce ... binding the palm tight": one binds someone else's hand
                    who = _patient(ctx, s, who) or who
                if who is None or who not in ctx.cast.gender:
                    continue
                out.append(Statement(who, t, s))
        out += self._referred()
        # The lexicon's reading of introductions and set phrases ("Red-headed ZACKY PRICE",
        # "NOOR (20s), slender,") where the small parser mangles the words.
        have = {(st.sentence.id, st.character, st.key) for st in out}
        for obs in ctx.observations:
            key = _OBSERVED.get(obs.attribute)
            if key is None or obs.sentence.scene == 0:
                continue
            value = obs.value
            if obs.attribute == "beard":
                key, value = ("beard", "none") if value == "none" else ("beard.colour", value)
            if (obs.sentence.id, obs.character, key) in have or _imagined(obs.sentence.text,
                                                                           obs.sentence.text.find(obs.words)):
                continue
            have.add((obs.sentence.id, obs.character, key))
            rx = _DELIBERATE.get(obs.attribute)
            change = bool(rx.search(obs.sentence.text)) if rx is not None else False
            trait = tr.Trait(key, value, obs.words, obs.sentence.text.find(obs.words), obs.character, None, change,
                             False, obs.how)
            out.append(Statement(obs.character, trait, obs.sentence))
        out.sort(key=lambda st: (st.sentence.id, st.trait.start))
        return out

    def _referred(self) -> list[Statement]:
        """Hair changed through a pronoun ("He shaves the whole thing off"), its noun in the sentences before."""
        ctx = self.ctx
        chosen = [s for s in ctx.sentences if s.kind == "action" and s.scene > 0 and MAY_REFER_RE.search(s.text)]
        out: list[Statement] = []
        for s, parse in zip(chosen, ctx.parse_many(chosen) if chosen else []):
            before = [p.text for p in ctx.sentences[max(0, s.id - 3):s.id] if p.scene == s.scene]
            for t in pronoun_changes(parse, before):
                who = t.owner or ctx.reader.previous_named(s, t.pronoun, include_self=True)
                if who in ctx.cast.gender:
                    out.append(Statement(who, t, s))
        return out

    # -- over time ----------------------------------------------------------------------------
    @cached_property
    def conflicts(self) -> list[Conflict]:
        """Statements that contradict the value in force, in script order (one per sentence and key)."""
        ctx = self.ctx
        state: dict[tuple[str, str, object], Fact] = {}
        out: list[Conflict] = []
        seen: set[tuple[int, str, str]] = set()
        changing: dict[tuple[int, str], int] = {}  # (scene, family) -> first sentence id that changes it
        for s in ctx.sentences:
            for family, rx in _SCENE_CHANGES.items():
                if s.kind == "action" and s.scene > 0 and rx.search(s.text):
                    changing.setdefault((s.scene, family), s.id)
        for st in self.statements:
            scene = st.sentence.scene
            hold = holds_for(st.key)
            family = st.key.split(".")[0]
            started = changing.get((scene, family))
            if started is not None and st.sentence.id >= started and not st.trait.negated:
                st = Statement(st.character, _as_change(st.trait), st.sentence)
            if hold == "span" and st.key.endswith((".dirt", ".stain")):
                hold = "day"
            where = ctx.period(scene) if hold in ("period", "days") else ("span", ctx.spans[scene - 1]) \
                if hold == "span" else ("day", ctx.period(scene), ctx.story_days[scene - 1])
            if st.key in TIMELESS:
                where = "always"  # brown eyes in one remembered day are brown in the next
            k = (st.character, st.key, where)
            if st.trait.change:
                state[k] = Fact(st.character, st.key, st.value, st.trait.words, "change", st.sentence,
                                text=st.sentence.text)
                continue
            current = state.get(k)
            if current is not None and hold == "days" and current.sentence is not None:
                if _days_apart(ctx, current.sentence.scene, scene) > BANDAGE_DAYS:
                    current = None
            canon = self._canon_for(st.character, st.key, scene)
            if current is None and canon and (canon[0].source == "bible" or canon[0].first is not None):
                current = canon[0]  # (a later look the bible does not date is allowed, not expected)
            elif (current is not None and current.sentence is not None and canon and canon[0].source == "bible-later"
                  and canon[0].first is not None and current.sentence.scene <= canon[0].first < scene):
                current = canon[0]  # the bible's later look, from a scene after the screen last set it
            if current is None:
                state[k] = Fact(st.character, st.key, st.value, st.trait.words, "script", st.sentence,
                                text=st.sentence.text)
                continue
            if st.key == "hair.style" or agrees(st.key, current.value, st.value):
                if st.key.endswith(".bruise") and st.value != current.value:
                    # swollen, then fading: the bruise has moved on, and swelling shut again is a slip
                    state[k] = Fact(st.character, st.key, st.value, st.trait.words, "script", st.sentence,
                                    text=st.sentence.text)
                continue
            # another look the bible records is no contradiction, unless the screen changed it, or the
            # story has moved on to a later look (once clean-shaven "thereafter", the moustache is gone)
            allowed = [f for f in canon if agrees(st.key, f.value, st.value)]
            if current.source == "bible-later":
                # a later look dated before the one in force is over ("scenes 2-16: moustache" after "17-: none")
                allowed = [f for f in allowed if f.source == "bible-later" and (
                    f.first is None or current.first is None or f.first >= current.first)]
            if current.source != "change" and allowed:
                state[k] = Fact(st.character, st.key, st.value, st.trait.words,
                                "bible-later" if allowed[0].source == "bible-later" else "script", st.sentence,
                                text=st.sentence.text)
                continue
            mark = (st.sentence.id, st.character, st.key.split(".")[0])
            if mark in seen:
                continue
            seen.add(mark)
            out.append(Conflict(st, current))
        return out

    def _canon_for(self, name: str, key: str, scene: int) -> list[Fact]:
        """The bible's facts for this scene, the one in force first.

        A first look holds until the scene before its "until"; a later look with a
        scene number is in force from that scene (and then comes first); a later look
        without one is allowed, not expected.
        """
        if self.ctx.is_flashback(scene) and key.startswith(("hair.", "beard", "moustache", "build", "height")):
            return []
        facts = self.canon.get((name, key), [])
        started = [f for f in facts if f.source == "bible-later" and f.first is not None and f.first <= scene]
        if started:
            latest = max(f.first for f in started)
            now = [f for f in started if f.first == latest]
            if latest == scene and not all(f.whole for f in now):
                # the scene of the change: the look before it is still seen until the change itself
                return [f for f in facts if f.source == "bible"] + now + \
                    [f for f in facts if f not in now and f.source == "bible-later"]
            return now + [f for f in facts if f not in now and f.source == "bible-later"]
        first = [f for f in facts if f.source == "bible" and (f.last is None or scene <= f.last)]
        later = [f for f in facts if f.source == "bible-later" and (f.first is None or f.first <= scene)]
        return first + later


def _patient(ctx: Context, s: Sentence, agent: str | None) -> str | None:
    """Who else the scene was last about: the one whose hand is bound, when someone binds "the palm"."""
    for k in range(s.id - 1, max(-1, s.id - 10), -1):
        prev = ctx.sentences[k]
        if prev.scene != s.scene:
            break
        for m in reversed(ctx.reader.mentions(prev)):
            if m.character != agent:
                return m.character
    return None


def _as_change(t: tr.Trait) -> tr.Trait:
    return tr.Trait(t.key, t.value, t.words, t.start, t.owner, t.pronoun, True, t.negated, t.how)


def _as_sentence(key: str | None, text: str) -> str:
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


def _object_referent(ctx: Context, s, t) -> str | None:
    """Whom "his" means after "him" in one sentence: not the subject, the other one named.

    "Grant shakes Jonah's hand and takes him in: the curls, the thin scar through his
    left eyebrow": "him" is not Grant (that would be "himself"), so neither is "his".
    """
    rx = _HIM_RE if t.pronoun == "m" else _HER_OBJECT_RE if t.pronoun == "f" else None
    if rx is None or not rx.search(s.text[: t.start]):
        return None
    named = [m for m in ctx.reader.mentions(s) if m.end <= t.start]
    subject = next((m.character for m in named if not m.possessive), None)
    others = [m.character for m in named if m.character != subject and
              ctx.cast.gender.get(m.character) in (None, t.pronoun)]
    return others[-1] if subject and others else None


_HIM_RE = re.compile(r"\bhim\b")
_HER_OBJECT_RE = re.compile(r"\bher\b(?=\s*(?:[.,:;]|in\b|up\b|out\b|over\b|away\b|back\b))")


def _imagined(text: str, at: int) -> bool:
    """Whether ``at`` falls in a clause of what is not there: "as if looking for the moustache", "misses her braid"."""
    if at < 0:
        return False
    clause = re.split(r"[.;!?]|\s--?\s", text[:at])[-1]
    return bool(_IMAGINED_RE.search(clause))


_IMAGINED_RE = re.compile(r"\b(?:as if|as though|looking for|feels? for|misses|missing|reaches? for (?:the|a) "
                          r"(?:ghost|memory))\b", re.IGNORECASE)


def _in_past_aside(text: str, at: int) -> bool:
    """Whether ``at`` falls in a bracketed aside about the past ("(as a girl, her hair was long)")."""
    open_at = text.rfind("(", 0, at)
    if open_at < 0 or text.rfind(")", open_at, at) >= 0:
        return False
    close = text.find(")", at)
    aside = text[open_at: close if close >= 0 else len(text)]
    return bool(_PAST_KEY_RE.search(aside) or _WAS_STILL_RE.search(aside))


_WAS_STILL_RE = re.compile(r"(?:was|were) still|used to|once (?:had|wore)", re.IGNORECASE)
_WORD_RE = re.compile(r"[A-Za-z]+(?:-[A-Za-z]+)*")
#: The end of a sentence or clause in bible prose; "sc." and "Dr." are not ends.
_SENTENCE_END_RE = re.compile(r"(?<!\bsc)(?<!\bSc)(?<!\bDr)(?<!\bMr)(?<!\bMrs)(?<!\bSt)\.(?=\s|$)|;")
_SCENE_REF_RE = re.compile(r"\b(?:sc(?:enes?)?\.?|scenes?)\s*(\d+)", re.IGNORECASE)
_MARK_KEYS_RE = re.compile(r"\b(?:marks?|scars?|tattoos?|injur(?:y|ies)|wounds?|distinguishing|piercings?|birthmarks?)\b")
_PAST_KEY_RE = re.compile(r"\b(?:flash\s*-?backs?|young(?:er)?|as a (?:child|boy|girl)|in (?:1[5-9]|20)\d\d|past)\b",
                          re.IGNORECASE)
_CUT_OFF_RE = re.compile(r"\b(?:cuts?|hacks?|chops?|shears?|crops?|lops?)\b[^.;]{0,40}?\b(?:off|short|away)\b",
                         re.IGNORECASE)
_DAY_LABEL_RE = re.compile(r"^\s*(?:SD|D|Day\s*|Story\s+day\s*)(\d{1,3})\b", re.IGNORECASE)
_CHANGE_WORD_RE = re.compile(r"\b(?:dyes?|cuts?|shaves?|shaved|hacks?|crops?|bleach\w*|swaps?|changes?|replaced|"
                             r"bandages?|binds?|burns?|breaks?|loses?|grows?)\b", re.IGNORECASE)


def _scene_bounds(text: str, start: int, later: bool) -> tuple[int | None, int | None]:
    """The scenes a bible value holds for, from the scene numbers its sentence gives.

    A later look starts at the scene its clause names ("a crop from sc. 9"); a first
    look ends before the scene its "until ..." names ("long until she cuts it (sc. 9)").
    """
    ends = [m.end() for m in _SENTENCE_END_RE.finditer(text)]
    sentence_start = max([e for e in ends if e <= start], default=0)
    stop = min([e for e in ends if e > start], default=len(text))
    sentence = text[sentence_start:stop]
    refs = [int(x) for x in _SCENE_REF_RE.findall(sentence)]
    if later:
        if refs:
            return refs[0], None
        # "long ... until she cuts it (sc. 9); a rough crop from then on": the change's scene, said before
        # ... or the sentence before ("Shaves it off in scene 15. Clean-shaven from then on.")
        parts = re.split(r"(?<!\bsc)\.(?=\s)", text[:start])
        before = [int(x) for x in _SCENE_REF_RE.findall(parts[-1])]
        if not before and len(parts) > 1 and re.search(r"\b(?:then|that|now)\b", text[start:stop]):
            before = [int(x) for x in _SCENE_REF_RE.findall(parts[-2])]
        return (before[-1] if before else None), None
    until = re.search(r"\buntil\b", text[start:stop])
    if until and refs:
        return None, refs[-1] - 1
    span = _SCENE_SPAN_RE.search(sentence)
    if span:
        return None, int(span.group(2))  # "Full black beard in sc. 1-11."
    return None, None


#: Where a bible value's clause ends: a full stop (not the one in "sc. 12"), a semicolon, a dash.
_CLAUSE_END_RE = re.compile(r"(?<!\bsc)(?<!\bSc)\.|;|\s--?\s")
_SCENE_SPAN_RE = re.compile(r"\b(?:sc\.?|scenes?)\s*(\d+)\s*(?:-|\u2013|to|through)\s*(\d+)\b", re.IGNORECASE)


def _clause_scene(clause: str, day_starts: list[int]) -> tuple[int | None, bool]:
    """The scene a clause of a bible value dates itself from, and whether from the scene's start.

    "(scene 13)", "sc. 9": that scene, where the change may happen on screen; a story
    day it opens with ("SD3:", "Day 3:"): the day's first scene, from its start.
    """
    ref = _SCENE_REF_RE.search(clause)
    if ref:
        return int(ref.group(1)), False
    day = _DAY_LABEL_RE.match(clause)
    if day and 1 <= int(day.group(1)) <= len(day_starts):
        return day_starts[int(day.group(1)) - 1], True
    return None, False


def _keyed(name: str, key: str, text: str, day_starts: list[int] = ()) -> list[Fact]:
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
    for i, clause in enumerate(re.split(r"[;.]|\buntil\b|\bthen\b", text)):
        later = i > 0 and bool(_LATER_RE.search(text[: text.find(clause)]))
        dated, whole = _clause_scene(clause, list(day_starts)) if i > 0 else (None, False)
        if dated is not None and dated > 1:
            later = True  # "SD3: short", "from sc. 9: a crop"
        first = dated if later else None
        whole = whole and later
        if out_key == "hair.colour":
            clause = _FACIAL_PHRASE_RE.sub(" ", clause)  # "Ginger beard", "close-cropped white beard": not his hair
        words = [_compound_colour(w.lower(), table) for w in _WORD_RE.findall(clause)]
        if out_key == "hair.colour" and later and _CUT_OFF_RE.search(clause):
            # "SD2 (scene 13): cuts the braid off herself": short from then
            out.append(Fact(name, "hair.length", "short", _CUT_OFF_RE.search(clause).group(0), "bible-later",
                            first=first, whole=whole))
        colours = [w for w in words if (table.get(w) or (w in table))]
        specific = [w for w in colours if w not in ("dark", "light", "fair", "pale", "deep")] or colours
        if specific:
            w = specific[-1] if out_key == "hair.colour" else specific[0]
            out.append(Fact(name, out_key, table.get(w) or w, w, "bible-later" if later else "bible", first=first, whole=whole))
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
                        and not _CHANGE_WORD_RE.search(clause):  # "cuts the braid off" is no braid
                    out.append(Fact(name, "hair.length", tr.STYLE_LENGTH[tr.HAIR_NOUNS[w]], w,
                                    "bible-later" if later else "bible", first=first, whole=whole))
    return out


_TOLD_CHANGE_RE = re.compile(r"\b(?:dyes|cuts|shaves|hacks|crops|bleaches|chops|trims|shears)\b", re.IGNORECASE)
_FACIAL_PHRASE_RE = re.compile(r"[^,;:()]*\b(?:beard|beards|moustache|moustaches|mustache|stubble|goatee|whiskers|"
                               r"sideburns)\b", re.IGNORECASE)


def _compound_colour(word: str, table: dict) -> str:
    """A hyphenated colour by its head ("bleached-blond" is blond) unless the table knows it whole."""
    if "-" in word and word not in table:
        head = word.rsplit("-", 1)[1]
        if head in table:
            return head
    return word


def _heights(text: str) -> list[tuple[str, str]]:
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


def _days_apart(ctx: Context, a: int, b: int) -> int:
    days = ctx.story_days
    da, db = days[a - 1], days[b - 1]
    if da is None or db is None:
        return 0
    return abs(db - da)


__all__ = ["People", "Fact", "Statement", "Conflict", "agrees", "holds_for"]
