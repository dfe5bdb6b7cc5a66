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

from continuity.bible.carried import CARRY_KEY_RE
from continuity.language import traits as tr
from continuity.story.agreement import TIMELESS, agrees, holds_for
from continuity.story.bible_looks import (
    AFTER_RE,
    CHANGE_WORD_RE,
    CLAUSE_END_RE,
    LATER_RE,
    PAST_KEY_RE,
    REMOVED_AFTER_RE,
    TOLD_CHANGE_RE,
    Fact,
    as_sentence,
    clause_scene,
    heights,
    in_past_aside,
    keyed_facts,
    partial_dyes,
    scene_bounds,
)
from continuity.story.marks import another_mark, aside_sides, named_marks, shown_marks
from continuity.story.onlookers import (
    after_object,
    hair_done_by,
    looked_at,
    looked_at_thing,
    object_referent,
    pair_before,
    loose_hair,
    stranger_after_colon,
    stranger_before,
    subject_noun,
    the_one_with,
    unnamed_owner,
)
from continuity.story.referred import MAY_REFER_RE, pronoun_changes
from continuity.story.people_words import (
    HAIR_WORDS_RE,
    ALWAYS_ON_RE,
    IN_FRESH_RE,
    MORE_HAIR_RE,
    MOUSTACHE_ONLY_RE,
    ON_THE_PART_RE,
    TAKEN_OFF_AFTER_RE,
    as_change,
    clause_of,
    imagined,
    undated,
)
from continuity.story.scene_changes import SCENE_CHANGES

if TYPE_CHECKING:
    from continuity.story.context import Context
    from continuity.story.sentences import Sentence

log = logging.getLogger(__name__)

#: Keys whose values hold for the whole story period until changed on screen.
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
_KEYED = {"hair", "hairstyle", "hair colour", "hair color", "eyes", "eye colour", "eye color", "beard", "moustache",
          "mustache", "facial hair", "build", "height", "figure", "physique", "body", "face"}


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


class People:
    """The looks and states of every character over the script (see the module docstring)."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx

    @classmethod
    def of(cls, ctx: Context) -> People:
        """The people of this reading, built once and shared."""
        return ctx.shared("people", lambda: cls(ctx))

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
                if PAST_KEY_RE.search(attr):
                    continue  # "flashback hair", "hair in 1850": a look of the past, not the story's canon
                if CARRY_KEY_RE.match(attr.lower()) and not re.search(r"\b(?:glasses|spectacles|specs|readers)\b",
                                                                       str(value), re.IGNORECASE):
                    continue  # "props: red tartan thermos": a thing's colour, not a look of hers
                items.append((name, f"characters.{c.name}.attributes.{attr}", value, attr))
            if c.description:
                items.append((name, f"characters.{c.name}.description", c.description, None))
            if c.notes and len((c.description or "").split()) <= 4:
                # "- who: Claire Daunt / notes: Thirty-six. Green eyes. Chestnut hair...": the notes describe her
                items.append((name, f"characters.{c.name}.notes", c.notes, None))
        texts = [as_sentence(undated(key), text) for _, _, text, key in items]
        parses = self.ctx.parse_prose(texts) if texts else []
        for (name, path, text, key), parse in zip(items, parses):
            facts = self._bible_traits(name, undated(key), text, parse) + partial_dyes(name, text,
                                                                                         self.ctx.day_starts)
            # "hair and beard from the shave (scene 18)": the key dates the whole value
            dated, whole = clause_scene(key, self.ctx.day_starts) if key else (None, False)
            if dated is None and key and re.search(r"\b(?:after|later|new|then)\b", key, re.IGNORECASE):
                dated, whole = clause_scene(text, self.ctx.day_starts)  # "hair after: cut to a bob ... (sc 5-6)"
            # "hair until scene 11": the canon up to that scene, not a look from it
            until = dated is not None and re.search(r"\b(?:until|till|up to|before|through)\b", key or "", re.IGNORECASE)
            for fact in facts:
                source, first, last = fact.source, fact.first, fact.last
                if until:
                    last = dated
                elif dated is not None and dated > 1:
                    source, first = "bible-later", dated
                out.setdefault((name, fact.key), []).append(Fact(name, fact.key, fact.value, fact.words, source,
                                                                 None, path, text, first, last,
                                                                 fact.whole or (whole and dated is not None and
                                                                                not until)))
            if key and re.fullmatch(r"facial[ _]?hair|facial", key.strip().lower()) and MOUSTACHE_ONLY_RE.search(text) \
                    and not MORE_HAIR_RE.search(text) and (name, "beard") not in out:
                # "facial_hair: thick black moustache": the moustache is all of it, so no beard
                out[(name, "beard")] = [Fact(name, "beard", "none", text, "bible", None, path, text)]
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
            if in_past_aside(parse.text, t.start) or in_past_aside(parse.text, t.start + len(t.words) - 1):
                continue  # "58 (42 in the 1971 flashback, when her hair was still brown)": a look of the past
            if REMOVED_AFTER_RE.match(parse.text, t.start + len(t.words)):
                continue  # "braid cut off by Isla; ragged silver crop": the braid is what is gone
            before = CLAUSE_END_RE.split(parse.text[: t.start])[-1]
            after = CLAUSE_END_RE.split(parse.text[t.start:])[0]
            # "he shaves it off that night": a change the bible tells in the present is a later look
            changed_before = t.change and bool(CHANGE_WORD_RE.search(before) or TOLD_CHANGE_RE.search(
                parse.text[t.start:t.start + len(t.words) + 12]))
            later = changed_before or bool(LATER_RE.search(before)) or bool(AFTER_RE.search(after))
            first, last = scene_bounds(parse.text, t.start, later)
            out.append(Fact(name, t.key, t.value, t.words, "bible-later" if later else "bible", first=first,
                            last=last))
        if key and key.lower() in ("build", "height", "physique", "figure") or key is None:
            out += [Fact(name, "height", v, w, "bible") for v, w in heights(text)]
        if key:
            have = {(f.key, f.value) for f in out}
            for f in keyed_facts(name, key, text, self.ctx.day_starts):
                if f.source == "bible-later" and f.first is not None:
                    # the clause dates it ("SD3: short"): a later look, not the canon the parse took it for
                    out = [g for g in out if (g.key, g.value) != (f.key, f.value) or g.source == "bible-later"]
                    out.append(f)
                elif (f.key, f.value) not in have:
                    out.append(f)
        return out

    # -- the script ---------------------------------------------------------------------------
    def _present(self, scene: int) -> set[str] | None:
        """Who is on screen in a scene (None when the presence reading has no such scene)."""
        cast = self.ctx.presence.of(scene)
        return set(cast.present) if cast is not None else None

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

    def _pair(self, s: Sentence) -> list[str]:
        """The two characters a "they" means: named together ("Mara and Tomas") in a recent sentence of the scene."""
        ctx = self.ctx
        for prev in reversed(ctx.sentences[max(0, s.id - 4):s.id + 1]):
            if prev.scene != s.scene and (prev.scene <= 0 or ctx.spans[prev.scene - 1] != ctx.spans[s.scene - 1]):
                break  # (a continuous scene goes on with the same two)
            if prev.kind != "action":
                continue
            ms = [m for m in ctx.reader.mentions(prev) if not m.possessive]
            for a, b in zip(ms, ms[1:]):
                if re.fullmatch(r"\s+(?:\(\d+\)\s+)?and\s+", prev.text[a.end:b.start]) and a.character != b.character:
                    return [a.character, b.character]
        return []

    def _hair_named(self, s) -> str | None:
        """Whose hair a possessive named last, in this sentence or the few before it in the scene."""
        ctx = self.ctx
        for k in range(s.id, max(-1, s.id - 5), -1):
            x = ctx.sentences[k]
            if x.scene != s.scene:
                break
            named = [m for m in ctx.reader.mentions(x) if m.possessive and re.match(
                r"\s*(?:[\w-]+\s+){0,2}?(?:hair|ponytail|braid|plait|bun|locks|curls|mane|pigtails?|plaits)\b",
                x.text[m.end:])]
            if named:
                return named[-1].character
        return None

    @cached_property
    def statements(self) -> list[Statement]:
        """Every trait the script's action states about a cast member, in order."""
        ctx = self.ctx
        chosen = [s for s in ctx.sentences if s.kind == "action" and s.scene > 0 and tr.may_state_traits(s.text)]
        out: list[Statement] = []
        for s, parse in zip(chosen, ctx.parse_many(chosen)):
            mentions = [m for m in ctx.reader.mentions(s) if not m.possessive]
            said: dict[str, str] = {}  # gender -> whom an earlier trait is about ("Nadia surfaces, her suit dry")
            for t in tr.read(parse):
                if imagined(s.text, t.start):
                    continue  # "as if he's still looking for the moustache": not on him
                if t.key in ("beard", "moustache") and t.value == "yes" and TAKEN_OFF_AFTER_RE.match(
                        s.text, t.start + len(t.words)):
                    # "He lathers the great ginger-grey beard and takes it off, stroke by careful stroke": gone
                    t = tr.Trait(t.key, "none", t.words, t.start, t.owner, t.pronoun, True, t.negated, t.how)
                who = t.owner
                if who is None and t.pronoun and t.how == "poss" and re.fullmatch(r"\s*(?:his|her)\s+", s.text[:t.start],
                                                                                 re.IGNORECASE):
                    # "Her pale blue eyes find Kit.": the sentence opens on her; the one named after is another
                    who = ctx.reader.previous_named(s, t.pronoun, include_self=True, before=t.start)
                if who is None and t.pronoun and t.how == "poss" and stranger_before(ctx, s, t.start, t.pronoun):
                    continue  # "a small woman in grey tweed with her silver bun": hers, whoever she is
                if who is None and t.pronoun and t.how in ("poss", "parse"):
                    who = object_referent(ctx, s, t) or after_object(ctx, s, parse, t) or \
                        ctx.reader.previous_named(s, t.pronoun, include_self=True) or said.get(t.pronoun)
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
                if t.key.startswith("hair.") and (t.how == "subject" or t.how == "none" and t.owner is None):
                    # "Dotty holds the shears and Nora's ponytail. ... The ponytail comes away.": the hair named last;
                    # "June sits ... Tess pulls the pins out, and the bun uncoils": the one whose hair is done
                    who = (t.change and t.how == "none" and self._hair_named(s)) or hair_done_by(ctx, s) or \
                        the_one_with(out, s, t, self._present(s.scene)) or who
                if who is None and (t.how == "none" or t.how == "poss" and t.pronoun is None and t.owner is None) \
                        and not t.key.startswith("side."):  # (and "its low bun": the hair's)
                    # "...until what is left is a rough dark crop": whom the paragraph is about; "the grey
                    # walrus moustache comes away": the man the paragraph is about
                    if t.change and t.key.startswith(("moustache", "beard")):
                        who = self._bearded(s, t.key) or ctx.reader.previous_named(s, "m", include_self=True)
                    else:
                        who = unnamed_owner(ctx, s, parse, t.start)  # "The brown eyes." after "looks at Mara"
                if t.change and t.key == "state.arm.bandage" and t.how in ("subject", "none"):
                    # "Pryce ... binding the palm tight": one binds someone else's hand
                    who = _patient(ctx, s, who) or who
                elif t.key.startswith("side.injury.") and t.how == "subject" and ON_THE_PART_RE.search(t.words):
                    # "He closes the cut and lays a square of tape over the left eyebrow": someone else's
                    who = _patient(ctx, s, who) or who
                if t.key.startswith("side.") and t.how == "poss" and t.owner is None and t.pronoun:
                    # "Brennan traps him ... that Frankie feels in his teeth. The cut over his right eye
                    # opens again.": of two men, the one with a cut there
                    who = self._marked(s, t, who, out) or who
                if t.how in ("none", "subject") and (looked_at_thing(s.text, t.start) or
                                                     stranger_after_colon(ctx, s, t.start)) or \
                        t.how == "none" and t.owner is None and t.key.startswith(("hair.", "beard", "moustache")) and \
                        loose_hair(ctx, s, t.start, t.words):
                    continue  # "Magnus looks at the plait.", "a photo: Evelyn Vance ..., white hair": not his
                looked, whom = looked_at(ctx, s, t.start)
                if looked and t.how in ("subject", "none", "parse", "poss"):
                    who = whom  # "June looks at her sister: the one good green eye": the one looked at
                elif who is None and t.how == "parse":
                    who = subject_noun(ctx, s, parse, t.start)  # "A tired woman looks back from the glass: brown eyes"
                if who is None and t.how == "poss" and t.key.startswith("state.") and \
                        re.search(r"\btheir\b", s.text[max(0, t.start - 40):t.start + len(t.words)]):
                    # "Mara and Tomas run up the street ... They burst in, brushing down their dry coats": both
                    out += [Statement(c, t, s) for c in self._pair(s)]
                    continue
                if who is None or who not in ctx.cast.gender:
                    continue
                said.setdefault(ctx.cast.gender.get(who) or "", who)
                out.append(Statement(who, t, s))
                if t.how == "subject" and t.key.startswith("state."):
                    # "Nora and Eli sprint along the path, soaked to the skin": both are
                    out += [Statement(m.character, t, s) for m in pair_before(s, mentions, t.start, who)]
        out += self._referred()
        out += [Statement(*found) for found in [*named_marks(ctx), *aside_sides(ctx)]]
        known = {(n, k) for n, k in self.canon if k.startswith("side.")} | \
            {(st.character, st.key) for st in out if st.key.startswith("side.")}
        out += [Statement(*found) for found in shown_marks(ctx, known)]
        # The lexicon's reading of introductions and set phrases ("Red-headed ZACKY PRICE",
        # "NOOR (20s), slender,") where the small parser mangles the words.
        have = {(st.sentence.id, st.character, st.key) for st in out}
        parsed = {(st.sentence.id, st.key) for st in out if st.trait.how == "poss"}
        for obs in ctx.observations:
            key = _OBSERVED.get(obs.attribute)
            if key is None or obs.sentence.scene == 0:
                continue
            value = obs.value
            at = obs.sentence.text.find(obs.words)
            if at >= 0 and looked_at(ctx, obs.sentence, at)[0] or (
                    obs.attribute == "hair" and hair_done_by(ctx, obs.sentence)):
                continue  # the one looked at, after a colon, or whose hair is done: left to the parse above
            if obs.attribute == "beard":
                key, value = ("beard", "none") if value == "none" else ("beard.colour", value)
            if (obs.sentence.id, obs.character, key) in have or (obs.sentence.id, key) in parsed or imagined(
                    obs.sentence.text, obs.sentence.text.find(obs.words)) or stranger_after_colon(
                    ctx, obs.sentence, max(0, obs.sentence.text.find(obs.words))):
                continue  # (the parse has said whose already: "Her hazel eyes ... settle on Dee" are not Dee's)
            have.add((obs.sentence.id, obs.character, key))
            rx = _DELIBERATE.get(obs.attribute)
            change = bool(rx.search(obs.sentence.text)) if rx is not None else False
            trait = tr.Trait(key, value, obs.words, obs.sentence.text.find(obs.words), obs.character, None, change,
                             False, obs.how)
            out.append(Statement(obs.character, trait, obs.sentence))
        out.sort(key=lambda st: (st.sentence.id, st.trait.start))
        return out

    def _marked(self, s: Sentence, t: tr.Trait, who: str | None, said: list[Statement]) -> str | None:
        """Of the people a possessive may mean, the one already known to have this mark, if only one has."""
        ctx = self.ctx
        near = [m.character for m in ctx.reader.mentions(s) if m.end <= t.start and not m.possessive]
        prev = ctx.sentences[s.id - 1] if s.id > 0 else None
        if prev is not None and prev.scene == s.scene and prev.element == s.element:
            near += [m.character for m in ctx.reader.mentions(prev) if not m.possessive]
        elif prev is not None and prev.scene == s.scene and s.text.startswith(("The ", "His ", "Her ")):
            # a paragraph of its own after an exchange ("GORDON / She wasn't. // The scar through his right
            # eyebrow twitches."): the men of the last few lines
            for x in ctx.sentences[max(0, s.id - 6):s.id]:
                if x.scene == s.scene:
                    near += [x.speaker] if x.kind == "dialogue" and x.speaker else \
                        [m.character for m in ctx.reader.mentions(x) if not m.possessive]
        fits = {c for c in near if ctx.cast.gender.get(c) == t.pronoun}
        if who is not None:
            fits.add(who)
        if len(fits) < 2:
            return None
        part = t.key.rsplit(".", 1)[-1]
        marked = {c for c in fits if any(n == c and k.startswith("side.") and k.endswith("." + part)
                                         for n, k in self.canon)
                  or any(st.character == c and st.key.startswith("side.") and st.key.endswith("." + part)
                         for st in said)}
        return next(iter(marked)) if len(marked) == 1 else None

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
            for family, rx in SCENE_CHANGES.items():
                if s.kind == "action" and s.scene > 0 and rx.search(s.text):
                    changing.setdefault((s.scene, family), s.id)
        for st in self.statements:
            scene = st.sentence.scene
            hold = holds_for(st.key)
            family = st.key.split(".")[0]
            if family == "state" and st.key.rsplit(".", 1)[-1] in ("wet", "stain", "dirt"):
                family = f"state.{st.key.rsplit('.', 1)[-1]}"  # "the wine has dried" does not wash a face
                if st.key in ("state.clothes.stain", "state.clothes.dirt") or st.key == "state.clothes.wet" and \
                        not HAIR_WORDS_RE.search(clause_of(st.sentence.text, st.trait.start, st.trait.words)):
                    family = st.key  # (a towel dries hair, not a soaked apron)
            started = changing.get((scene, family))
            if started is not None and st.sentence.id >= started and not st.trait.negated:
                st = Statement(st.character, as_change(st.trait), st.sentence)
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
            if current is None and re.match(r"state\.hand\.(?:left|right)\.", st.key):
                # "her knuckles split" (no side), then "her right hand is clean": the hand's state either way
                current = state.get((st.character, re.sub(r"\.(?:left|right)\.", ".", st.key), where))
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
            if st.key == "glasses.worn" and (current.words.lower().startswith("without") and current.source == "script"
                                             or st.trait.words.lower().startswith("without")):
                # "blind without his glasses" is a moment, no slip against the screen's glasses before or after it;
                # only a bible that has them always on ("round wire-rimmed, always worn") rules it out
                always = next((f for (who, key), facts in self.canon.items() if who == st.character and
                               key.startswith("glasses.") for f in facts if f.source == "bible" and f.value != "none"
                               and ALWAYS_ON_RE.search(f.text or "")), None)
                state[k] = Fact(st.character, st.key, st.value, st.trait.words, "script", st.sentence,
                                text=st.sentence.text)
                if always is None or not st.trait.words.lower().startswith("without"):
                    continue
                current = always
            if st.value == "bald" and re.search(r"\bbald", f"{current.text or ''} {current.words}", re.IGNORECASE):
                continue  # "his bald head" against a bible's "bald crown with a white fringe"
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
            if st.key.startswith("side.scar.") and another_mark(st, current):
                continue  # "the pink scar through his right eyebrow" is not "an old white scar" on the left
            if st.key.startswith("state.clothes.") and st.value in ("clean", "dry") and current.sentence is not None \
                    and ctx.spans[current.sentence.scene - 1] != ctx.spans[scene - 1] and IN_FRESH_RE.search(st.sentence.text):
                # "in clean jeans borrowed from a dead husband's drawer", scenes after the mud: changed off screen
                state[k] = Fact(st.character, st.key, st.value, st.trait.words, "change", st.sentence, text=st.sentence.text)
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
        if not facts and key.startswith("side.injury."):
            # a dressing sits on the wound the bible gives: "strips on his right temple" for its "gash on the LEFT
            # temple"
            part = key.rsplit(".", 1)[-1]
            facts = [f for wound in ("cut", "gash", "graze", "burn", "stitches") for f in self.canon.get(
                (name, f"side.{wound}.{part}"), [])]
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
        if prev.kind == "dialogue":
            if prev.speaker and prev.speaker != agent and prev.speaker in ctx.cast.gender:
                return prev.speaker  # "FRANKIE: Nothing. / He closes the cut ...": the one he answers
            continue
        for m in reversed(ctx.reader.mentions(prev)):
            if m.character != agent:
                return m.character
    return None


def _days_apart(ctx: Context, a: int, b: int) -> int:
    days = ctx.story_days
    da, db = days[a - 1], days[b - 1]
    if da is None or db is None:
        return 0
    return abs(db - da)


__all__ = ["People", "Fact", "Statement", "Conflict", "agrees", "holds_for"]
