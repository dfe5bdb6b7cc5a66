"""An independent reader for the benchmarks: simple rules that share no code with the verifier.

The verifier's reader checks (:mod:`continuity.treatment.reader`) decide what a run
keeps; a benchmark that scored runs with them would let the verifier grade itself.
This judge is written apart, with its own few rules and no word lists, parser or name
helpers of the verifier:

- **unfinished**: a line that does not end with ``. ! ? ...`` or a dash, or ends on "the", "and", "of"...;
- **no words**: a line that is only names and "please"/"oh"/"hey" (a single ``Name!`` call excepted);
- **misnamed**: a capitalised word close to a cast name (difflib ratio >= 0.8, same first
  letter) that is not it ("Rorry");
- **wrong person**: a line that calls, by name, a character who is not in the scene or
  the speaker herself ("Nell, please." from NELL);
- **identity**: "I'm X" / "my name is X" with another character's name;
- **repeat**: a line of three words or more said word for word in another scene (names aside);
- **garbled**: a word of four letters or more with no vowel, or three of one letter in a row;
- **shout**: a line in capitals;
- **romance**: "affair", "lover", "kiss me", "marry me" (the benchmark's stories have no romance);
- **past tense** (action only): a name or he/she/they followed by a word in -ed ("Eli asked").
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Sequence

_WORD = re.compile(r"[A-Za-z]+(?:'(?!s\b)[A-Za-z]+)?")
_ENDS = re.compile(r"(?:[.!?]|\.\.\.|--|\u2014|\u2026)[\"')\u201d\u2019]*$")
_TAIL = {"the", "a", "an", "and", "or", "of", "to", "with", "my", "your", "from", "for", "but"}
_SOFT = {"please", "oh", "hey", "ah", "um", "well", "and"}
_ROMANCE = re.compile(r"\b(?:affair|lovers?|kiss me|marry me)\b", re.IGNORECASE)
_IDENTITY = re.compile(r"\b(?:I'm|I am|my name is|call me)\s+([A-Z][a-z]+)")
_CALL_START = re.compile(r"^([A-Z][a-z]+)\s*,")
_CALL_END = re.compile(r",\s*([A-Z][a-z]+)\s*[.!?]*$")
_PAST = re.compile(r"\b(?:He|She|They|he|she|they|[A-Z][a-z]+)\s+([a-z]{3,}ed)\b")
_NOT_PAST = {"need", "seed", "speed", "bleed", "feed", "heed", "breed", "proceed", "succeed", "exceed", "shed", "bed",
             "red", "bred", "led", "fled", "sled", "wed", "sped"}


def _names(cast: dict[str, str]) -> dict[str, str]:
    return {k.lower(): v for k, v in cast.items()}


def _close(word: str, cast: dict[str, str]) -> str | None:
    low = word.lower()
    for name in cast:
        if low != name and low[0] == name[0] and difflib.SequenceMatcher(None, low, name).ratio() >= 0.8:
            return name
    return None


def judge_line(text: str, speaker: str, cast: dict[str, str], present: Iterable[str],
               others: Iterable[str] = ()) -> list[str]:
    """What this judge finds wrong with a line of dialogue (``[]``: nothing).

    Args:
        text: the line.
        speaker: the speaker's cue name.
        cast: every first name, surname and cue name of the bible's characters (any case) -> cue name.
        present: cue names of the characters in the scene.
        others: the other scenes' lines, as :func:`repeat_key` gives them.
    """
    names = _names(cast)
    here = set(present)
    t = " ".join(text.split())
    out: list[str] = []
    words = _WORD.findall(t)
    if not _ENDS.search(t) or (words and words[-1].lower() in _TAIL):
        out.append("unfinished")
    content = [w for w in words if w.lower() not in names and w.lower() not in _SOFT]
    if words and not content:
        lone_call = len(words) == 1 and t.endswith("!") and names.get(words[0].lower()) in here - {speaker}
        if not lone_call:
            out.append("no words")
    if any(w[:1].isupper() and w.lower() not in names and _close(w, names) for w in words):
        out.append("misnamed")
    for rx in (_CALL_START, _CALL_END):
        m = rx.search(t)
        if m and m.group(1).lower() in names:
            who = names[m.group(1).lower()]
            if who == speaker or who not in here:
                out.append("wrong person")
                break
    for m in _IDENTITY.finditer(t):
        who = names.get(m.group(1).lower())
        if who and who != speaker:
            out.append("identity")
    if len(words) >= 3 and repeat_key(t, cast) in set(others):
        out.append("repeat")
    out += _garbled(words)
    if sum(c.isalpha() for c in t) >= 4 and t.upper() == t:
        out.append("shout")
    if _ROMANCE.search(t):
        out.append("romance")
    return list(dict.fromkeys(out))


def judge_action(text: str, cast: dict[str, str]) -> list[str]:
    """What this judge finds wrong with an action line (``[]``: nothing)."""
    names = _names(cast)
    t = " ".join(text.split())
    words = _WORD.findall(t)
    out: list[str] = []
    if not _ENDS.search(t):
        out.append("unfinished")
    if any(w[:1].isupper() and w.lower() not in names and _close(w, names) for w in words):
        out.append("misnamed")
    for m in _PAST.finditer(t):
        if m.group(1) not in _NOT_PAST and (m.group(0).split()[0].lower() in ("he", "she", "they")
                                            or m.group(0).split()[0].lower() in names):
            out.append("past tense")
            break
    out += _garbled(words)
    return list(dict.fromkeys(out))


def repeat_key(text: str, cast: dict[str, str]) -> str:
    """A line in lower case with the names taken out: how lines are compared across scenes."""
    names = _names(cast)
    return " ".join("-" if w.lower() in names else w.lower() for w in _WORD.findall(text))


def cast_names(characters: Sequence[tuple[str, Sequence[str]]]) -> dict[str, str]:
    """``{form: cue}`` for each character's cue name and every word of its aliases."""
    out: dict[str, str] = {}
    for name, aliases in characters:
        for form in [name, *aliases]:
            for word in form.split():
                if len(word) >= 3 and word.upper() not in ("YOUNG", "OLD"):
                    out.setdefault(word.title(), name)
    return out


def _garbled(words: list[str]) -> list[str]:
    for w in words:
        low = w.lower()
        if (len(low) >= 4 and not re.search(r"[aeiouy]", low)) or re.search(r"(.)\1\1", low):
            return ["garbled"]
    return []


__all__ = ["cast_names", "judge_action", "judge_line", "repeat_key"]
