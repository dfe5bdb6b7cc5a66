"""Names in the prose: a name misspelt in dialogue or action, and a character called by a name not theirs.

- **Misspelt names** ("Grant has told me all about you, Norah." where the script's
  NORA is named a hundred times; "Cicely sees him do it." for CECILY): a capitalised
  word that is no known name, no English word (nor written in lower case anywhere in
  the script), used at most twice, and a slip of exactly one well-established name (a
  bible name, or one cued or named often): one or two edits away
  (:func:`continuity.language.names.near_miss`), a vowel for a vowel counting half, or
  one letter added at the end (:func:`continuity.language.names.misspelling_of`).
  A form that shortens a name is a nickname ("Claude" for Claudette), not a slip.
- **Wrong address** ("Hold it still, June." in a scene June is not in): a name a line
  calls someone by (:func:`continuity.language.names.vocatives`) that belongs to an
  established character who neither speaks nor is named in the action or the heading
  of that scene.
  A false name the script establishes ("Christopher Hale. Of the Morning Post."),
  and the others then using it, is no character's name, so it is never flagged; an
  alias the bible gives is that character's name.

The reader checks of generation (:mod:`continuity.treatment.reader`) judge tense and
vocabulary too; a writer chooses those, so the audit does not.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path

from continuity.checks.findings import Evidence, Finding
from continuity.errors import StudioError
from continuity.language.names import NameIndex, misspelling_of, name_distance, near_miss, sounds_alike, vocatives
from continuity.language.parse import dictionary_words
from continuity.screenplay.model import Kind
from continuity.story.context import Context

_OF_NAME_RE = re.compile(r"\s+(?:of|de|van|von|da|di)\s+[A-Z]|\s+[A-Z][a-z]")  # "Joan of Arc", "Theo Angelopoulos"
_TITLE_RE = re.compile(r"(?<![\w'\-])((?:Mc|Mac)?[A-Z][a-z]{2,})(?:'s|s')?(?![\w\-])")
#: A character is established when cued (or named) at least this many times.
ESTABLISHED = 3


def check(ctx: Context) -> Iterator[Finding]:
    """Yield misspelt-name and wrong-address findings."""
    counts: Counter[str] = Counter()
    first: dict[str, tuple[int, int]] = {}
    for scene, el in ctx.script.elements():
        if el.kind is Kind.CHARACTER and el.character:
            counts[el.character] += 1
            first.setdefault(el.character, (scene.index if scene else 0, el.line))
    bible_names: dict[str, str] = {}
    for c in ctx.bible.characters if ctx.explicit_bible else ():
        bible_names[c.name] = c.name
        bible_names[ctx.cue_of.get(c.name, c.name)] = c.name
        for a in c.aliases:
            bible_names[a.upper()] = c.name
    yield from _misspelt(ctx, counts, bible_names, first)
    yield from _wrong_address(ctx, counts, bible_names, first)
    yield from _other_name(ctx, bible_names, first)
    yield from _own_name(ctx, bible_names, first)


def _own_name(ctx: Context, bible_names: dict[str, str], first) -> Iterator[Finding]:
    """A line that calls the one spoken to by the speaker's own name ("Say something, Desmond." from Dez to Magnus):
    said with someone else in the scene, and not to oneself ("Come on, Dez.")."""
    present = _present(ctx)
    for s in ctx.sentences:
        if s.kind != "dialogue" or not s.speaker or s.scene == 0 or _SELF_TALK_RE.search(s.text):
            continue
        others = present.get(s.scene, set()) - {s.speaker}
        before = ctx.sentences[s.id - 1] if s.id else None
        if before is not None and before.scene == s.scene and _ASKS_NAME_RE.search(before.text):
            continue  # "What's your name?" / "Tom... Tom Winter.": the answer, not an address
        for name, _ in vocatives(s.text):
            if ctx.cast.surface.get(name.upper()) != s.speaker or not others or on_the_line(ctx, s):
                continue
            yield _called(ctx, s, s.speaker, name, f"{s.speaker} calls someone {name!r}, {s.speaker}'s own name",
                          first, bible_names)
            break


#: A line that asks someone their name: what answers it names the speaker.
_ASKS_NAME_RE = re.compile(r"\b(?:what(?:'s| is) your name|who are you|your name\b|name\?|what do they call you|"
                           r"what do I call you)", re.IGNORECASE)
#: Words people say to themselves by name: "Come on, Dez", "Focus, Cora", "you idiot".
_SELF_TALK_RE = re.compile(r"\b(?:come on|focus|breathe|idiot|stupid|you fool|get a grip|pull yourself|calm down|"
                           r"steady|easy|think)\b", re.IGNORECASE)


@lru_cache(maxsize=1)
def _vocabulary() -> frozenset[str]:
    """Lower-case English words and common names: the sentence model's WordPiece vocabulary.

    A misspelt name is almost never a whole word of it ("josphine" is not; "will",
    "josephine" and "mara" are), which keeps real words and real names out.
    """
    try:
        from continuity.language.minilm import model_dir

        lines = (Path(model_dir()) / "vocab.txt").read_text(encoding="utf-8").split("\n")
    except (OSError, ImportError, StudioError):
        return frozenset()
    return frozenset(w for w in lines if w.isalpha())


def _in_bible(who: str, bible_names: dict[str, str]) -> bool:
    """Whether a cast member is the bible's, by cue ("GUS") or by name ("AUGUST PELL")."""
    return who in bible_names or who in bible_names.values()


def _misspelt(ctx: Context, counts: Counter, bible_names: dict[str, str], first) -> Iterator[Finding]:
    """Misspelt names in action and dialogue: "Josphine crosses to the window." (see the module docstring)."""
    vocabulary = _vocabulary()
    if not vocabulary:
        return
    text = "\n".join(s.text for s in ctx.sentences)
    lower_words = set(re.findall(r"\b[a-z][a-z'\-]+\b", text))
    title_counts = Counter(m.group(1) for m in _TITLE_RE.finditer(text))
    forms: dict[str, str] = {}
    for form, who in ctx.cast.surface.items():
        if " " in form or len(form) < 3:
            continue
        named = title_counts[form.title()] + counts.get(form, 0)
        if _in_bible(who, bible_names) or named >= ESTABLISHED:
            forms[form] = who
    # A family name several of the bible's people share ("Morrissey" of JESS, ROO and DES) is no
    # one's alone, so the cast's names leave it out; a misspelling of it is still a slip.
    families: dict[str, list[str]] = {}
    for c in ctx.bible.characters if ctx.explicit_bible else ():
        words = c.name.split()
        if len(words) > 1 and len(words[-1]) >= 4 and words[-1].isalpha():
            families.setdefault(words[-1].upper(), []).append(ctx.cue_of.get(c.name, c.name))
    family_of: dict[str, list[str]] = {}
    for surname, who_all in families.items():
        if len(who_all) > 1 and surname not in forms and surname not in ctx.cast.surface:
            forms[surname] = who_all[0]
            family_of[surname] = who_all
    if not forms:
        return
    index = NameIndex(forms)
    reported: set[str] = set()
    found: list[tuple] = []  # (sentence, match, who, form, a word of the vocabulary)
    for s in ctx.sentences:
        for m in _TITLE_RE.finditer(s.text):
            word = m.group(1)
            up = word.upper()
            if (up in ctx.cast.surface or up in forms or up in reported or word.lower() in lower_words or title_counts[word] > 2
                    or word.lower() in _OATHS or word.lower() in _KIN):
                continue
            before = re.search(r"([A-Z][a-z]+)\s+$", s.text[:m.start()])
            if before and before.group(1).upper() not in ctx.cast.surface and m.start() - len(before.group(0)) > 0 \
                    and before.group(1).lower() not in _TITLES:
                continue  # "City Hall", "Red Lion": a word of a place's name (but "Mister Pellham" is a name)
            slips = index.near(up, _slip)
            targets = {forms[f] for f in slips}
            if len(targets) > 1:
                # "Dombrowski": one letter from the family's Dobrowski, two from Fern's alias Dobrowska
                best = min(name_distance(up, f) for f in slips)
                slips = [f for f in slips if name_distance(up, f) == best]
                targets = {forms[f] for f in slips}
            if len(targets) != 1:
                continue
            reported.add(up)
            # ("Mr. Brant": a title makes it a name, whatever else the word may be)
            titled = re.search(r"\b(?:Mr|Mrs|Ms|Dr|Mister|Missus)\.?\s+$", s.text[:m.start()]) is not None
            found.append((s, m, targets.pop(), slips[0], word.lower() in vocabulary and not titled))
    # A word that is also a name of the world ("Matteo", "Theo", "Joan of Arc") is a slip only in a
    # scene where the one it looks like is: they cannot be someone else the story has not met.
    present = _present(ctx) if any(f[4] for f in found) else {}
    for s, m, who, form, in_vocabulary in found:
        # "Terry Malone" for Terry Mallon: the first name before it says whom it means; "Hassan" for
        # Hasan: a doubled letter is a slip, not another name of the world
        sure = _after_own_name(ctx, s.text, m.start(), who) or _before_own_name(ctx, s.text, m.end(), who) or (
            len(form) == 3 == len(m.group(1)) and sounds_alike(m.group(1).upper(), form)) or _doubled(m.group(1).upper(), form) and not (
            in_vocabulary and _capital_of_a_word(s.text, m) and _IMPERATIVE_RE.match(s.text, m.end()))
        # ("Call your mother.": a word, an order, whatever CAL is; "Fin leans forward": FINN)
        if in_vocabulary and not sure and (who not in present.get(s.scene, set()) or _OF_NAME_RE.match(s.text, m.end())
                                           or _capital_of_a_word(s.text, m)):
            continue  # ("None of them looks up": a word of the language, not a slip of Nana)
        word = m.group(1)
        where = "dialogue" if s.kind == "dialogue" else "action"
        whose = ", ".join(family_of[form]) if form in family_of else who
        yield Finding(
            category="name",
            severity="warning",
            scene=s.scene,
            line=s.line,
            message=f"{word!r} looks like a misspelling of {form.title()!r} ({whose}) in {where}",
            text=s.text,
            character=who,
            subject=word,
            evidence=(_evidence_for(who, first, bible_names, ctx),),
            extra=(("written", word),),
        )


#: What follows a verb given as an order: "Call your mother", "Bill me", "Mark the date".
_IMPERATIVE_RE = re.compile(r"\s+(?:me|you|your|him|her|it|us|them|the|a|an|my|his|their|this|that|off|out|up|back|"
                            r"in|down|over|on)\b", re.IGNORECASE)


def _capital_of_a_word(text: str, m: re.Match) -> bool:
    """A dictionary word that opens the sentence: its capital is the sentence's, not a name's ("None of them")."""
    return not text[: m.start()].strip() and m.group(1).lower() in dictionary_words()


def _after_own_name(ctx: Context, text: str, at: int, who: str) -> bool:
    """Whether the word at ``at`` follows another name of the same character ("Terry" before "Malone")."""
    before = re.search(r"([A-Z][a-z]+)\s+$", text[:at])
    return bool(before and ctx.cast.surface.get(before.group(1).upper()) == who)


def _before_own_name(ctx: Context, text: str, at: int, who: str) -> bool:
    """Whether the word ending at ``at`` comes before another name of the same character ("Theodor" before
    "Lach", for TEODOR LACH)."""
    after = re.match(r"\s+([A-Z][a-z]+)\b", text[at:])
    return bool(after and ctx.cast.surface.get(after.group(1).upper()) == who)


def _doubled(word: str, form: str) -> bool:
    """``HASSAN`` for ``HASAN``, ``PHILLIP`` for ``PHILIP``: one letter doubled or undoubled, nothing else."""
    a, b = (word, form) if len(word) > len(form) else (form, word)
    if len(a) != len(b) + 1:
        return False
    for i in range(1, len(a)):
        if a[i] == a[i - 1] and a[:i] + a[i + 1:] == b:
            return True
    return False


#: Names said as oaths, never as a slip for a character's ("Jesus, Jess!").
#: What family call each other: "someone has to be here for Mama" is no slip of Mara.
_KIN = frozenset("mama mamma papa pappa mum mom mommy mummy momma dad daddy dada nana nan nanna gran granny grandma "
                 "grandpa grampa gramps grandad granddad auntie aunty uncle sis bro babe baby honey darling sweetie "
                 "sonny missus mister sir madam ma'am mother father".split())
_OATHS = frozenset("jesus christ god lord gosh golly heavens hell jeez jeezus jeepers crikey blimey cripes "
                   "moses".split())


def _slip(word: str, form: str) -> bool:
    """``word`` (upper case) is a slip of the name ``form``, not a nickname made from it (Scotty, Sam)."""
    if len(word) >= 4 and form == word + "E" and form.endswith(("IE", "EE")):
        return True  # "Juni" for JUNIE: the last letter dropped (a nickname cuts a syllable, not an "e")
    if len(word) >= 5 and form == word + "E" and not form.endswith(("IE", "EE")):
        return True  # "Ducharm" for DUCHARME: a silent last letter dropped from a family name
    if word.startswith(form) or form.startswith(word):
        return misspelling_of(word, [form]) is not None  # one letter added: NORAH for NORA
    if len(form) == 3 and len(word) == 3:
        return sounds_alike(word, form)  # "Des" for DEZ (a one-letter change of a short name is another name)
    return near_miss(word, form) or misspelling_of(word, [form]) is not None


def _wrong_address(ctx: Context, counts: Counter, bible_names: dict[str, str], first) -> Iterator[Finding]:
    """A line calls an established character by name in a scene they are not in."""
    surface = ctx.cast.surface
    established = {who for who in set(surface.values())
                   if counts.get(who, 0) >= ESTABLISHED or _in_bible(who, bible_names)}
    present = _present(ctx)
    reported: set[tuple[int, str]] = set()
    for s in ctx.sentences:
        if s.kind != "dialogue" or not s.speaker or s.scene == 0:
            continue
        for name, at in vocatives(s.text):
            who = surface.get(name.upper()) or next(
                (m.character for m in ctx.cast.mentions(s.text) if m.start == at), None)  # ("Mrs. Braddock": MO)
            if who is None or who not in established or who == s.speaker or who in present.get(s.scene, set()):
                continue
            if _TIMED_RE.match(s.text, at + len(name)):
                continue  # "Munro, ten. Movers, eleven.": a diary read out, not a call
            if re.search(r"\b[A-Z]\.\s*$", s.text[:at]) or _read_out(ctx, s):
                continue  # "Nine-forty, H. Lindqvist, Wigs.": a name read out of a ledger, not a call
            if (s.scene, who) in reported or shout_for(s.text, name) or on_the_line(ctx, s) or _TOAST_RE.match(s.text) \
                    or _shown_picture(ctx, s, name):
                continue  # ("Happy eighty-sixth, Roz.", "Here's to you, Dad": said to the absent, the dead; "Lucian,
                # at art school." over a photograph of him)
            reported.add((s.scene, who))
            yield _called(ctx, s, who, name, f"{s.speaker} calls someone {name!r} ({who}), but {who} is not in this scene",
                          first, bible_names)


#: A name with a time after it, as a day's list reads: "Munro, ten.", "Halina at two".
_TIMED_RE = re.compile(r",?\s+(?:at\s+)?(?:\d{1,2}(?:[:.]\d{2})?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|"
                       r"twelve|noon|half (?:past )?\w+|quarter (?:past|to) \w+)\s*[.,;]", re.IGNORECASE)
_PICTURE_RE = re.compile(r"\b(?:photo|photos|photograph|photographs|picture|pictures|portrait|snapshot|polaroid|"
                         r"painting|sketch|drawing|image|footage|video|screen)\b", re.IGNORECASE)


def _shown_picture(ctx: Context, s, name: str) -> bool:
    """A caption said over a picture the action just showed: "Lucian, at art school." names who is in it."""
    if not re.match(rf"\s*{re.escape(name)},\s+(?:at|in|on|with|aged|age|back|the|a|when|before|after|outside|during|"
                    rf"nineteen|twenty|thirty)\b", s.text):
        return False
    scene = ctx.scene(s.scene)
    before = [el for el in (scene.elements if scene else ()) if el.line < s.line and el.kind.name in ("ACTION",
                                                                                                   "DIALOGUE")]
    return bool(before) and before[-1].kind.name == "ACTION" and _PICTURE_RE.search(before[-1].text) is not None


_TOAST_RE = re.compile(r"\s*(?:Happy\s+[\w-]+|Here's to|Cheers|To absent|Rest easy|Goodnight|Good night|Miss you)\b",
                       re.IGNORECASE)
_LINE_RE = re.compile(r"\b(?:phone|phones|telephone|radio|walkie|walkie-talkie|intercom|cell|mobile|receiver|headset|"
                      r"handset|speakerphone|voicemail|dials|voice[ -]?pipe|speaking[ -]tube|tannoy|loud-?hailer|"
                      r"megaphone|squawk[ -]box)\b", re.IGNORECASE)


def _speech_before(ctx: Context, s) -> tuple[list, object | None, list]:
    """The scene's elements up to sentence ``s``, the cue of the speech ``s`` is in, and that speech's parentheticals
    so far."""
    scene = ctx.scene(s.scene)
    if scene is None:
        return [], None, []
    elements = [el for el in scene.elements if el.line <= s.line]
    cue, parentheticals = None, []
    for el in elements:
        if el.kind is Kind.CHARACTER:
            cue, parentheticals = el, []
        elif el.kind is Kind.PARENTHETICAL and cue is not None:
            parentheticals.append(el)
    return elements, cue, parentheticals


def on_the_line(ctx: Context, s) -> bool:
    """The speaker talks into a phone or a radio: the one they call by name is at the other end.

    Read from the speech's cue and parentheticals ("(into phone)", "CLAIRE (ON PHONE)"), or the
    scene's action before the line ("paces with a phone to her ear").
    """
    elements, cue, parentheticals = _speech_before(ctx, s)
    if any(el.kind is Kind.ACTION and _LINE_RE.search(el.text) and _ON_THE_LINE_RE.search(el.text) for el in elements):
        return True
    if cue is None:
        return False
    return any(_LINE_RE.search(x) for x in cue.extensions) or any(_LINE_RE.search(p.text) for p in parentheticals)


_ON_THE_LINE_RE = re.compile(r"\bphone to (?:his|her|their) ear|\bon the (?:phone|radio|line)|\binto (?:the|his|her) "
                             r"(?:phone|radio|handset|receiver|voice[ -]?pipe|speaking[ -]tube)|\bdials\b|\banswers "
                             r"(?:the|his|her) (?:phone|radio)|\bkeys (?:the|his|her) radio", re.IGNORECASE)


def _read_out(ctx: Context, s) -> bool:
    """The speech is read from a page: "(reading)", "(reads)", "(reading aloud)" before it."""
    _, _, parentheticals = _speech_before(ctx, s)
    return bool(parentheticals) and _READING_RE.search(parentheticals[-1].text) is not None


_READING_RE = re.compile(r"\b(?:read(?:s|ing)?|reading aloud|from the (?:page|ledger|card|list|letter))\b", re.IGNORECASE)


_TITLES = frozenset("mister miss missus mrs mr ms doctor dr professor sir madam madame lady lord aunt auntie uncle "
                    "grandma grandpa nana captain sergeant officer detective inspector judge father sister brother "
                    "reverend dear little old young big señor senor señora senora monsieur mademoiselle herr frau".split())


_SHOUT_WORDS = frozenset("hey oi hello come here quick quickly where are you now".split())


def shout_for(text: str, name: str) -> bool:
    """A line that is only the name, shouted ("Gus! GUS!", "Hey, Gus?"): calling for someone out of sight."""
    words = [w for w in re.findall(r"[A-Za-z']+", text) if w.lower() != name.lower()]
    return all(w.lower() in _SHOUT_WORDS for w in words) or bool(_SUMMON_RE.search(text))


#: Calling someone to come where the speaker is: "Walt! Walt, come look at the skipper's face!".
_SUMMON_RE = re.compile(r"(?:^|[!?.,]\s+)(?:come|get)\s+(?:(?:and\s+)?(?:look|see|here|quick|down|up|out|in|over|back)|"
                        r"(?:in|out|up|down|over|back)\s+here)\b", re.IGNORECASE)


def _other_name(ctx: Context, bible_names: dict[str, str], first) -> Iterator[Finding]:
    """A line calls someone in the scene by a name that is not theirs but begins like it ("Calvin" for Caleb).

    The name is no one's in the script or the bible, said at most twice; it shares
    its first three letters or more with the names of exactly one other character
    in the scene, and neither name contains the other (that is a pet name: "Cal").
    """
    text = "\n".join(s.text for s in ctx.sentences)
    title_counts = Counter(m.group(1) for m in _TITLE_RE.finditer(text))
    surface = ctx.cast.surface
    present = _present(ctx)
    # a wrong name said to someone is a first name ("Calvin" for Caleb): "Halte!" is not "Halvorsen"
    surnames = {c.name.split()[-1].upper() for c in ctx.bible.characters if len(c.name.split()) > 1}
    reported: set[tuple[int, str]] = set()
    for s in ctx.sentences:
        if s.kind != "dialogue" or not s.speaker or s.scene == 0:
            continue
        for name, at in vocatives(s.text):
            up = name.upper()
            if up in surface or len(up) < 4 or title_counts[name] > 2:
                continue
            if at == 0 and name.lower() in _vocabulary():
                continue  # "Breathe, son. Breathe.": a line opening on a word of the language, said as a verb
            near = {who for form, who in surface.items()
                    if who in present.get(s.scene, set()) and who != s.speaker and " " not in form
                    and form not in surnames and _shared_start(up, form) >= 3 and not _pet_name(up, form)}
            if any(_slip(up, form) for form, w in surface.items() if w in near):
                continue  # a misspelling ("Josphine"), reported as one
            if len(near) != 1:
                continue
            who = near.pop()
            if (s.scene, who) in reported or who in {surface.get(n.upper()) for n, _ in vocatives(s.text)}:
                continue  # "Breathe, Cliff.": the line calls him by his own name; the other word is a verb
            reported.add((s.scene, who))
            yield _called(ctx, s, who, name, f"{s.speaker} calls {who} {name!r}, a name {who} never goes by",
                          first, bible_names)


def _called(ctx: Context, s, who: str, name: str, message: str, first, bible_names: dict[str, str]) -> Finding:
    """A line that calls ``who`` by ``name`` wrongly (category ``name``, warning)."""
    return Finding(
        category="name",
        severity="warning",
        scene=s.scene,
        line=s.line,
        message=message,
        text=s.text,
        character=who,
        subject=f"{who}.address",
        evidence=(_evidence_for(who, first, bible_names, ctx),),
        extra=(("called", name), ("speaker", s.speaker)),
    )


def _pet_name(word: str, name: str) -> bool:
    """``word`` is made from ``name``: one holds the other (Cal, Caleb), or a short form plus a letter (Mags)."""
    if word.startswith(name) or name.startswith(word):
        return True
    return len(word) < len(name) and _shared_start(word, name) >= len(word) - 1


def _shared_start(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b):
        if x != y:
            break
        n += 1
    return n


def _present(ctx: Context) -> dict[int, set[str]]:
    """Who is in each scene, as the story's reading of presence has it: on screen or heard (not only
    mentioned: "in Gus's oversized oilskin" does not put Gus in the room), and whoever speaks."""
    present: dict[int, set[str]] = {}
    ensemble = {s.scene for s in ctx.sentences if s.kind == "action" and _ENSEMBLE_RE.search(s.text)}
    for s in ctx.sentences:
        here = present.setdefault(s.scene, set())
        if s.speaker:
            here.add(s.speaker)
        if s.kind == "action":
            here.update(m.character for m in ctx.cast.mentions(s.text))
    for scene in ctx.script.scenes:
        cast = ctx.presence.of(scene.index)
        if cast is not None:
            here = present.setdefault(scene.index, set())
            here -= set(cast.mentioned) - set(cast.present) - set(cast.heard)
            here.update(cast.present, cast.heard)
        # "EXT. AMOS CALLOWAY'S TRAILER": whoever the heading names is there, if unseen (by their name, or as
        # the owner: not "MULTI-STOREY CAR PARK" for Juno Park)
        text = scene.heading.text
        present.setdefault(scene.index, set()).update(
            m.character for m in ctx.cast.mentions(text) if m.possessive or text[m.start:m.end].split()[0].upper()
            == m.character.split()[0])
        for el in scene.elements:
            if el.kind is Kind.CHARACTER and el.character:
                present.setdefault(scene.index, set()).add(el.character)
        # "The company sprawls over the sagging sofa": a scene with the whole ensemble may hold anyone
        if scene.index in ensemble:
            present.setdefault(scene.index, set()).update(ctx.cast.gender)
    # A second cue of one person: TOM, whose bible gives his real name "Daniel Ashby", speaks as DANIEL once unmasked
    second = {form.split()[0]: who for form, who in ctx.cast.surface.items()
              if " " in form and ctx.cast.surface.get(form.split()[0]) == form.split()[0] != who}
    for here in present.values():
        # "YOUNG DANNY" on screen: a vocative "Danny" is for him
        here.update(m.group(2) for c in list(here) for m in [_AGED_CUE_RE.match(c)] if m)
        here.update(second[c] for c in list(here) if c in second)
    return present


_ENSEMBLE_RE = re.compile(r"\b(?:the (?:whole |entire |full )?(?:company|cast|ensemble|troupe|crew|team|squad|"
                          r"brigade|family|gang|band|class|staff)|everyone|everybody|all of them)\b", re.IGNORECASE)


#: The same character at another age: "YOUNG DANNY", "OLD MARY", "LITTLE JOE", "TEEN SAM".
_AGED_CUE_RE = re.compile(r"^(YOUNG|YOUNGER|OLD|OLDER|LITTLE|TEEN|TEENAGE|ADULT|BABY|KID|CHILD)\s+(.+)$")


def _evidence_for(known, first, bible_names, ctx) -> Evidence:
    if known in bible_names and ctx.explicit_bible:
        return Evidence(known, bible=f"characters.{bible_names[known]}")
    scene, line = first.get(known, (None, None))
    return Evidence(known, line=line, scene=scene)
