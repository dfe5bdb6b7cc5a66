"""What a reader stops at: the reader checks the generation verifier runs on every written piece.

The fidelity checks (:mod:`continuity.treatment.fidelity`) ask whether a scene keeps its
facts; these ask whether a reader could read it. Each check is a small function that
returns :class:`Problem` (a typed :class:`Reason` and the words that show it):

Dialogue (:func:`line_problems`):
  ``cut-off`` (stops mid-sentence, as a model out of tokens does), ``name-only``
  ("Nell, please."), ``shout`` (one invented, shouted word), ``fragment`` (starts in
  the middle of a sentence, or only function words), ``repeats-heading``,
  ``repeats-description`` ("Rory Dunn, 17."), ``self-named-as-other`` ("I'm Rory" from
  NELL), ``wrong-address`` (calls someone who is not in the scene, or herself),
  ``misspelt-name`` ("Rorry"), ``repeated-line`` (word for word another scene's line),
  ``out-of-vocabulary`` (too many words no English word list knows), ``relationship``
  (romance between kin the bible gives, a minor and an adult, or "my brother" said to
  someone the bible makes no brother).

Action (:func:`action_problems`):
  ``cut-off``, ``past-tense`` ("Eli asked"), ``not-a-sentence`` (no verb in a long
  sentence; words stuck repeating), ``invented-word``, ``misspelt-name``,
  ``others-traits`` (a character given another's age or build).

Shots (:func:`shot_problems`): ``shot-subject`` (a shot with no one of the scene's cast in it).

:func:`reader_findings` runs them on a written scene and returns findings of category
``reader``; the audit's address check (:mod:`continuity.checks.address`) reuses the
name functions below it (:mod:`continuity.language.names`) for human writing.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from enum import Enum
from functools import lru_cache

from continuity.bible.model import Bible
from continuity.checks.findings import Evidence, Finding
from continuity.language.lexicon import BUILDS, EYE_COLOURS, HAIR_COLOURS
from continuity.language.names import misspelling_of, self_names, vocatives
from continuity.language.vocabulary import is_known, words_of
from continuity.screenplay.model import Kind, Scene
from continuity.story.splitting import split_sentences
from continuity.treatment.facts import SceneFacts
from continuity.treatment.people import BLOOD, KIN, People, age_span


class Reason(str, Enum):
    """Why a reader stops at a line."""

    CUT_OFF = "cut-off"
    NAME_ONLY = "name-only"
    SHOUT = "shout"
    FRAGMENT = "fragment"
    REPEATS_HEADING = "repeats-heading"
    REPEATS_DESCRIPTION = "repeats-description"
    SELF_NAMED_AS_OTHER = "self-named-as-other"
    WRONG_ADDRESS = "wrong-address"
    MISSPELT_NAME = "misspelt-name"
    REPEATED_LINE = "repeated-line"
    OUT_OF_VOCABULARY = "out-of-vocabulary"
    RELATIONSHIP = "relationship"
    PAST_TENSE = "past-tense"
    NOT_A_SENTENCE = "not-a-sentence"
    INVENTED_WORD = "invented-word"
    OTHERS_TRAITS = "others-traits"
    SHOT_SUBJECT = "shot-subject"


@dataclass(frozen=True)
class Problem:
    """One reason a reader stops, with the words that show it (``detail`` completes "this line ...")."""

    reason: Reason
    detail: str
    #: the character the problem is about (the one misnamed, the one whose traits were taken), if any
    about: str = ""


#: More than this share of a line's words unknown to every word list: not English, or invented.
OOV_SHARE = 0.25
#: A line with fewer words than this is not compared with other scenes' lines ("No." is said twice).
REPEAT_MIN_WORDS = 3
#: A verbless action sentence at least this long is not a sentence.
VERBLESS_WORDS = 6

_END_RE = re.compile(r"(?:[.!?\u2026]|--|\u2014)['\"\u2019\u201d)\]]*$")
_DANGLING = {"the", "a", "an", "and", "or", "but", "of", "to", "with", "from", "for", "my", "your", "our", "their",
             "its", "than", "because", "whose", "into", "onto", "i", "we", "you've", "i've", "i'm", "i'd", "we've",
             "they've"}
_FILLERS = {"please", "oh", "hey", "ah", "um", "er", "erm", "well", "o", "mr", "mrs", "ms", "miss", "dr", "and",
            "dear", "now", "come", "on", "sir", "there"}
_FUNCTION = {"the", "a", "an", "and", "or", "but", "of", "to", "in", "on", "at", "with", "from", "for", "by", "as",
             "so", "then", "that", "this", "it", "its", "is", "was"}
_PERSONAL_RE = re.compile(r"\b(?:I|I'm|I've|I'll|I'd|me|my|mine|we|us|our|you|you're|your|yours|let's)\b", re.IGNORECASE)
_DESCRIPTIVE = {"year", "years", "old", "aged", "hair", "eyes", "eyed", "haired", "tall", "short", "beard", "bearded",
                "wearing", "in", "a", "an", "with", "and", *BUILDS, *HAIR_COLOURS, *EYE_COLOURS}
_ROMANCE_RE = re.compile(
    r"\b(?:affair|lovers?|kiss(?:es|ed|ing)? me|marry(?: me)?|married to me|in love with (?:me|you)|sleep(?:ing)? with"
    r"|boyfriend|girlfriend|romance|romantic|our date|making love|make love|seduc\w*|sexy)\b", re.IGNORECASE)
_KIN_WORDS = "|".join(sorted(KIN, key=len, reverse=True))
_CLAIM_RE = re.compile(rf"\b(?:you're|you are|you'll always be|be|you were)\s+my\s+(?:\w+\s+)?(?P<kin>{_KIN_WORDS})\b"
                       rf"|\bmy\s+(?P<kin2>{_KIN_WORDS}),\s+(?P<name>[A-Z][a-z]+)\b"
                       rf"|\b(?P<name2>[A-Z][a-z]+),\s+my\s+(?P<kin3>{_KIN_WORDS})\b", re.IGNORECASE)
_HEADING_START_RE = re.compile(r"^\s*(?:INT|EXT|I/E|INT/EXT)[./\s]", re.IGNORECASE)
_TIMES = {"dawn", "morning", "day", "afternoon", "dusk", "evening", "night", "noon", "midnight"}


# -- dialogue --------------------------------------------------------------------------------


def line_problems(text: str, speaker: str, *, people: People, present: Sequence[str], heading: str = "",
                  seen: Collection[str] = (), known: Collection[str] = ()) -> list[Problem]:
    """Why a reader stops at ``speaker``'s line ``text``, or ``[]``.

    Args:
        text: the line.
        speaker: its speaker's cue name.
        people: the bible's characters.
        present: the cue names of everyone in the scene (the speaker too).
        heading: the scene heading (a line that reads it out is no speech).
        seen: other scenes' lines, as :func:`line_key` gives them.
        known: lower-case words that count as known besides English (the treatment's, the bible's).
    """
    clean = " ".join(text.split())
    if not clean:
        return [Problem(Reason.FRAGMENT, "has no words")]
    out: list[Problem] = []
    for check in (_cut_off, _name_or_shout, _fragment):
        p = check(clean, speaker, people, present)
        if p:
            out.append(p)
            break
    if not any(p.reason is Reason.FRAGMENT for p in out):
        out += _verbless(clean, people)
    out += _repeats(clean, people, heading)
    out += _names(clean, speaker, people, present)
    if seen and len(words_of(clean)) >= REPEAT_MIN_WORDS and line_key(clean, people) in seen:
        out.append(Problem(Reason.REPEATED_LINE, f"repeats word for word a line of another scene ('{clean}')"))
    out += _vocabulary(clean, people, known, line=True)
    out += _relationship(clean, speaker, people, present)
    return _first_per_reason(out)


def line_key(text: str, people: People) -> str:
    """A line's words in lower case with every name as ``*``: the form lines are compared in across scenes."""
    forms = people.forms()
    words = [w.lower() for w in words_of(text)]
    return " ".join("*" if w in forms or _misspelt(w, people) else w for w in words)


def _cut_off(clean: str, speaker: str, people: People, present: Sequence[str]) -> Problem | None:
    tail = " ".join(clean.split()[-5:])
    if not _END_RE.search(clean):
        return Problem(Reason.CUT_OFF, f"stops mid-sentence ('...{tail}')")
    last = words_of(clean)[-1].lower() if words_of(clean) else ""
    if clean.endswith((".", "\u2026", "--", "\u2014")) and last in _DANGLING and len(words_of(clean)) > 1:
        return Problem(Reason.CUT_OFF, f"stops mid-sentence after '{words_of(clean)[-1]}' ('...{tail}')")
    return None


def _name_or_shout(clean: str, speaker: str, people: People, present: Sequence[str]) -> Problem | None:
    words = words_of(clean)
    forms = people.forms()
    names = [w for w in words if w.lower() in forms or _misspelt(w, people) or _pet_name(w, people)]
    rest = [w for w in words if w not in names and w.lower() not in _FILLERS]
    if names and not rest:
        called = [forms.get(w.lower()) for w in names]
        if (len(names) == 1 and clean.endswith("!") and called[0] in present and called[0] != speaker):
            return None  # a call: "Rory!"
        return Problem(Reason.NAME_ONLY, f"is only a name ('{clean}')")
    if len(words) <= 2 and clean.endswith("!") and any(not is_known(w) for w in rest):
        return Problem(Reason.SHOUT, f"is a shouted word no one says ('{clean}')")
    letters = re.sub(r"[^A-Za-z]", "", clean)
    if len(letters) >= 4 and letters.isupper() and len(rest) >= 1:
        return Problem(Reason.SHOUT, f"is shouted in capitals ('{clean}')")
    return None


def _fragment(clean: str, speaker: str, people: People, present: Sequence[str]) -> Problem | None:
    words = words_of(clean)
    if clean[0].isalpha() and clean[0].islower():
        return Problem(Reason.FRAGMENT, f"starts in the middle of a sentence ('{clean}')")
    if words and all(w.lower() in _FUNCTION for w in words):
        return Problem(Reason.FRAGMENT, f"has only small words ('{clean}')")
    return None


def _verbless(clean: str, people: People) -> list[Problem]:
    """A long sentence of speech that is a name and a description of someone, with no verb of its own
    ("Rory, the one who went down to it alone."): a label read out, not said. Verbless speech that does
    not open on a name ("Thirty years on this boat and not one day off.") is a writer's."""
    forms = people.forms()
    for _, sentence in split_sentences(clean, 1):
        first = re.match(r"\s*([A-Z][\w'-]*(?:\s+[A-Z][\w'-]*)?)\s*,", sentence)
        if not first or (first.group(1).lower() not in forms and first.group(1).split()[0].lower() not in forms):
            continue
        parse = _parse(sentence, people)
        words = [t for t in parse.tokens if t.pos not in ("PUNCT", "SPACE")]
        if len(words) < VERBLESS_WORDS:
            continue
        mains = [t for t in parse.tokens if t.dep == "ROOT" or (t.dep == "conj" and parse.head(t.i).dep == "ROOT")]
        if mains and all(t.pos in ("NOUN", "PROPN", "PRON", "NUM") for t in mains):
            return [Problem(Reason.FRAGMENT, f"is a name or a description with no verb ('{sentence}')")]
    return []


def _repeats(clean: str, people: People, heading: str) -> list[Problem]:
    out = []
    low = [w.lower() for w in words_of(clean)]
    if _HEADING_START_RE.match(clean):
        out.append(Problem(Reason.REPEATS_HEADING, f"reads out a scene heading ('{clean}')"))
    elif heading:
        where = re.sub(r"^\s*(?:INT|EXT|I/E|INT\./EXT)\.?\s*", "", heading).split(" - ")
        timed = any(w in _TIMES for w in low)
        places = [[w.lower() for w in words_of(part) if w.lower() not in _TIMES] for part in (" ".join(where), where[-2] if len(where) > 1 else "")]
        if any(place and all(w in low for w in place) and (timed or len(low) <= len(place) + 2) for place in places):
            out.append(Problem(Reason.REPEATS_HEADING, f"reads out the scene heading ('{clean}')"))
    if not _PERSONAL_RE.search(clean):
        forms = people.forms()
        rest = [w for w in low if w not in forms]
        descriptive = [w for w in rest if w in _DESCRIPTIVE or age_span(w) is not None]
        has_name = any(w in forms for w in low)
        if rest and has_name and len(descriptive) / len(rest) >= 0.6 or (has_name and re.search(r"\d", clean)
                                                                        and len(rest) <= 2):
            out.append(Problem(Reason.REPEATS_DESCRIPTION, f"reads out a character's description ('{clean}')"))
    return out


def _names(clean: str, speaker: str, people: People, present: Sequence[str]) -> list[Problem]:
    out = []
    forms = people.forms()
    for name in self_names(clean):
        who = forms.get(name.lower())
        if who and who != speaker:
            out.append(Problem(Reason.SELF_NAMED_AS_OTHER, f"has {speaker} call herself or himself {name}, "
                                                           f"which is {who}'s name", about=who))
    for name, _ in vocatives(clean):
        who = forms.get(name.lower())
        if who == speaker:
            out.append(Problem(Reason.WRONG_ADDRESS, f"has {speaker} call someone by {speaker}'s own name ('{name}')",
                               about=who))
        elif who and who not in present:
            out.append(Problem(Reason.WRONG_ADDRESS, f"calls {who} ('{name}'), who is not in the scene", about=who))
    for word in dict.fromkeys(words_of(clean)):
        slip = _misspelt(word, people)
        if slip:
            out.append(Problem(Reason.MISSPELT_NAME, f"spells {slip} as '{word}'", about=forms.get(slip.lower(), "")))
    return out


def _vocabulary(clean: str, people: People, known: Collection[str], *, line: bool) -> list[Problem]:
    forms = people.forms()
    extra = frozenset(known) | frozenset(forms) | frozenset(w for f in forms for w in f.split())
    words = [w for w in words_of(clean) if not _misspelt(w, people)]
    unknown = [w for w in words if not is_known(w, extra)]
    if not unknown:
        return []
    if line:
        if len(unknown) / max(1, len(words)) <= OOV_SHARE and len(words) > 2:
            return []
        return [Problem(Reason.OUT_OF_VOCABULARY, f"has {_count(len(unknown), len(words))} words no word list knows "
                                                  f"('{', '.join(unknown[:3])}')")]
    return [Problem(Reason.INVENTED_WORD, f"has a word no word list knows ('{unknown[0]}')")]


def _relationship(clean: str, speaker: str, people: People, present: Sequence[str]) -> list[Problem]:
    out = []
    forms = people.forms()
    others = [p for p in present if p != speaker]
    called = [forms[n.lower()] for n, _ in vocatives(clean) if n.lower() in forms]
    listeners = [c for c in called if c != speaker] or others
    romance = _ROMANCE_RE.search(clean)
    if romance:
        for other in listeners:
            tie = people.tie(speaker, other)
            if tie in BLOOD:
                out.append(Problem(Reason.RELATIONSHIP, f"makes {speaker} and {other} lovers ('{romance.group(0)}'), "
                                                        f"but the bible makes {speaker} {other}'s {tie}", about=other))
                continue
            mine, theirs = _ages(people, speaker), _ages(people, other)
            if mine and theirs and (mine[1] < 18) != (theirs[1] < 18):
                out.append(Problem(Reason.RELATIONSHIP, f"makes {speaker} and {other} lovers ('{romance.group(0)}'), "
                                                        f"but one of them is a child", about=other))
    for m in _CLAIM_RE.finditer(clean):
        kin = (m.group("kin") or m.group("kin2") or m.group("kin3")).lower()
        name = m.group("name") or m.group("name2")
        whom = [forms[name.lower()]] if name and name.lower() in forms else listeners[:1] if len(listeners) == 1 else []
        claimed = KIN[kin][0]
        for other in whom:
            actual = people.tie(other, speaker)
            if actual == claimed or (actual is None and claimed not in BLOOD):
                continue
            said = f"the bible makes {other} {speaker}'s {actual}" if actual else "the bible gives them no such tie"
            out.append(Problem(Reason.RELATIONSHIP, f"calls {other} {speaker}'s {kin} ('{m.group(0)}'), but {said}",
                               about=other))
    return out


# -- action ----------------------------------------------------------------------------------


def action_problems(text: str, *, people: People, present: Sequence[str], known: Collection[str] = ()) -> list[Problem]:
    """Why a reader stops at the action line ``text``, or ``[]`` (see the module docstring)."""
    clean = " ".join(text.split())
    if not clean:
        return []
    out: list[Problem] = []
    if not _END_RE.search(clean):
        out.append(Problem(Reason.CUT_OFF, f"stops mid-sentence ('...{' '.join(clean.split()[-5:])}')"))
    for _, sentence in split_sentences(clean, 1):
        out += _tense_and_shape(sentence, people)
        out += _others_traits(sentence, people, present)
    for word in dict.fromkeys(words_of(clean)):
        slip = _misspelt(word, people)
        if slip:
            out.append(Problem(Reason.MISSPELT_NAME, f"spells {slip} as '{word}'", about=people.who(slip) or ""))
    out += _vocabulary(clean, people, known, line=False)
    return _first_per_reason(out)


def _tense_and_shape(sentence: str, people: People) -> list[Problem]:
    parse = _parse(sentence, people)
    tokens = parse.tokens
    words = [t for t in tokens if t.pos not in ("PUNCT", "SPACE")]
    out = []
    mains = [t for t in tokens if t.dep == "ROOT" or (t.dep == "conj" and parse.head(t.i).dep == "ROOT")]
    present = any(t.tag in ("VBZ", "VBP") for t in mains)
    for t in mains:
        if t.tag == "VBD" and not present and parse.children(t.i, "nsubj", "nsubjpass"):
            out.append(Problem(Reason.PAST_TENSE, f"is in the past tense ('{t.text}'), where a screenplay's action "
                                                  "is in the present"))
            break
    finite = [t for t in words if t.tag in ("VBZ", "VBP", "VBD", "MD") or (t.tag == "VB" and t.dep == "ROOT")]
    if len(words) >= VERBLESS_WORDS and not finite:
        out.append(Problem(Reason.NOT_A_SENTENCE, f"has no verb ('{sentence}')"))
    low = [t.lower for t in words]
    for i in range(len(low) - 2):
        if low[i] == low[i + 1] == low[i + 2] or (i + 3 < len(low) and low[i:i + 2] == low[i + 2:i + 4]):
            out.append(Problem(Reason.NOT_A_SENTENCE, f"repeats itself ('{' '.join(low[i:i + 3])}')"))
            break
    return out


def _others_traits(sentence: str, people: People, present: Sequence[str]) -> list[Problem]:
    """A character given the age or build of another ("Nell, seventeen, lanky, ..." when RORY is 17 and lanky)."""
    out = []
    mentions = _mentions(sentence, people)
    for k, (start, end, who) in enumerate(mentions):
        me = people.person(who)
        if me is None:
            continue
        stop = mentions[k + 1][0] if k + 1 < len(mentions) else len(sentence)
        window = sentence[end:stop]
        window = re.split(r"(?<=[a-z])\s+(?:who|and|as|while|but)\s|[.;:!?]", window, maxsplit=1)[0]
        for other in people.persons:
            if other.name == me.name or other.name not in present:
                continue
            span, mine = other.ages, me.ages
            age = re.match(r"^\s*[,(]\s*([\w-]+)", window)
            found = age_span(age.group(1)) if age else None
            if found and span and mine and _within(found, span) and not _within(found, mine):
                out.append(Problem(Reason.OTHERS_TRAITS, f"gives {who} the age of {other.name} ('{age.group(1)}')",
                                   about=other.name))
            words = {w.lower() for w in words_of(window)}
            if other.build and me.build and other.build != me.build and other.build in words:
                out.append(Problem(Reason.OTHERS_TRAITS, f"gives {who} the build of {other.name} ('{other.build}')",
                                   about=other.name))
    return out


# -- shots -----------------------------------------------------------------------------------


def shot_problems(subjects: Sequence[Sequence[str]], present: Sequence[str]) -> list[Problem]:
    """One problem per planned shot (by its subjects' names) with no one of the scene's cast in frame."""
    cast = {p.upper() for p in present}
    if not cast:
        return []
    out = []
    for i, names in enumerate(subjects, start=1):
        if not any(n.upper() in cast for n in names):
            who = ", ".join(names) or "no one"
            out.append(Problem(Reason.SHOT_SUBJECT, f"shot {i} frames {who}, and none of the scene's cast "
                                                    f"({', '.join(sorted(cast))})"))
    return out


# -- a written scene -------------------------------------------------------------------------


def reader_findings(scene: Scene, facts: SceneFacts, bible: Bible | None, *,
                    written: Iterable[tuple[int, str]] = (), seen: Collection[str] = (),
                    people: People | None = None) -> list[Finding]:
    """The reader findings (category ``reader``, severity error) of a generated scene.

    Every line of dialogue is checked; action lines only when they are in ``written``
    (the model's own: the treatment's sentences are the writer's words). Action
    findings carry ``SCENE n.beat i`` as subject (the beat whose line it is), dialogue
    findings ``NAME.dialogue``; ``extra`` holds the reason.

    Args:
        scene: the scene as written.
        facts: its facts (cast, beats, heading).
        bible: the canon.
        written: ``(beat, text)`` of the model's action lines (``beat`` 1-based).
        seen: the keys (:func:`line_key`) of other scenes' lines.
        people: :meth:`People.of` the bible, when the caller has it.
    """
    people = people or People.of(bible)
    present = tuple(dict.fromkeys([*facts.characters, *scene.speakers]))
    known = known_words(facts, bible)
    mine = {" ".join(t.split()): beat for beat, t in written}
    out: list[Finding] = []
    for el in scene.elements:
        if el.kind is Kind.DIALOGUE and el.character:
            for p in line_problems(el.text, el.character, people=people, present=present, heading=facts.heading_text,
                                   seen=seen, known=known):
                out.append(_finding(scene, el.line, el.text, p, character=el.character, subject=f"{el.character}.dialogue",
                                    what=f"{el.character}'s line"))
        elif el.kind is Kind.ACTION and " ".join(el.text.split()) in mine:
            beat = mine[" ".join(el.text.split())]
            for p in action_problems(el.text, people=people, present=present, known=known):
                out.append(_finding(scene, el.line, el.text, p, character=p.about or None,
                                    subject=f"SCENE {facts.number}.beat {beat}" if beat else None,
                                    what="the action line"))
    return out


def known_words(facts: SceneFacts, bible: Bible | None) -> frozenset[str]:
    """Lower-case words a scene may use besides English: the treatment paragraph's and the bible's names."""
    text = [facts.paragraph, facts.location, *facts.props]
    if bible is not None:
        for group in (bible.characters, bible.locations, bible.props):
            for entry in group:
                text += [entry.name, *entry.aliases, entry.description or ""]
    return frozenset(w.lower() for t in text for w in words_of(t))


def _finding(scene: Scene, line: int, text: str, p: Problem, *, character: str | None, subject: str | None,
             what: str) -> Finding:
    return Finding(category="reader", severity="error", scene=scene.index, line=line, message=f"{what} {p.detail}",
                   text=text, character=character, subject=subject or character,
                   evidence=(Evidence(text=f"a reader stops at a line that {_GIST[p.reason]}", scene=scene.index),),
                   extra=(("reason", p.reason.value),))


_GIST = {
    Reason.CUT_OFF: "stops mid-sentence", Reason.NAME_ONLY: "is only a name", Reason.SHOUT: "is a shout",
    Reason.FRAGMENT: "is a fragment", Reason.REPEATS_HEADING: "reads out the heading",
    Reason.REPEATS_DESCRIPTION: "reads out a description", Reason.SELF_NAMED_AS_OTHER: "gives the speaker another's name",
    Reason.WRONG_ADDRESS: "calls someone by a name that is not theirs", Reason.MISSPELT_NAME: "misspells a name",
    Reason.REPEATED_LINE: "repeats another scene", Reason.OUT_OF_VOCABULARY: "is not in English",
    Reason.RELATIONSHIP: "makes a tie the bible contradicts", Reason.PAST_TENSE: "is in the past tense",
    Reason.NOT_A_SENTENCE: "is not a sentence", Reason.INVENTED_WORD: "has an invented word",
    Reason.OTHERS_TRAITS: "gives a character another's traits", Reason.SHOT_SUBJECT: "frames no one of the cast",
}


# -- helpers -----------------------------------------------------------------------------------


def _misspelt(word: str, people: People) -> str | None:
    """The name form ``word`` misspells: a capitalised word that is no English word and no name."""
    if not word[:1].isupper() or len(word) < 3 or "'" in word:
        return None
    forms = people.forms()
    if word.lower() in forms or is_known(word, strict=True):
        return None
    return misspelling_of(word, [f for f in {f for p in people.persons for f in p.forms} if " " not in f],
                          short_slips=True)


def _pet_name(word: str, people: People) -> bool:
    """A capitalised word that extends a name ("Nellie", "Nelly" for Nell): a name, in a line of names."""
    if not word[:1].isupper():
        return False
    low = word.lower()
    return any(low.startswith(f.lower()) and len(f) >= 3 for p in people.persons for f in p.forms if " " not in f)


def _mentions(sentence: str, people: People) -> list[tuple[int, int, str]]:
    found: list[tuple[int, int, str]] = []
    forms = sorted(((f, p.name) for p in people.persons for f in p.forms), key=lambda x: len(x[0]), reverse=True)
    for form, who in forms:  # longest first: "Young Ada" is not also "Ada"
        for m in re.finditer(rf"(?<![\w'-]){re.escape(form)}(?![\w-])", sentence, re.IGNORECASE):
            if not m.group(0)[:1].isupper():
                continue
            if not any(s < m.end() and m.start() < e for s, e, _ in found):
                found.append((m.start(), m.end(), who))
    return sorted(found)


def _parse(sentence: str, people: People):
    names = [(s, e, who) for s, e, who in _mentions(sentence, people)]
    return _parser().parse(sentence, names)


@lru_cache(maxsize=1)
def _parser():
    from continuity.language.parse import Parser

    return Parser()


def _ages(people: People, name: str) -> tuple[int, int] | None:
    p = people.person(name)
    return p.ages if p else None


def _within(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] <= b[1] and b[0] <= a[1]


def _count(n: int, of: int) -> str:
    return f"{n} of its {of}"


def _first_per_reason(problems: list[Problem]) -> list[Problem]:
    seen: set[Reason] = set()
    out = []
    for p in problems:
        if p.reason not in seen:
            seen.add(p.reason)
            out.append(p)
    return out


__all__ = [
    "OOV_SHARE",
    "Problem",
    "Reason",
    "action_problems",
    "known_words",
    "line_key",
    "line_problems",
    "reader_findings",
    "shot_problems",
]
