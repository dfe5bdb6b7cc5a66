"""Splitting a script into sentences, each with its scene, source line and speaker.

Periods that end no sentence ("two a.m.", "Mr. Bloom", initials such as "G.A. 1906") are masked
while splitting; a sentence that goes on across a hard line break is joined again.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from continuity.errors import InputError
from continuity.screenplay.model import Kind, Script

#: The longest action or dialogue paragraph read (characters, about 64 KB): a
#: bound on the work one element can cause.
MAX_ELEMENT_CHARS = 65_536
_SENT_RE = re.compile(r"[^.!?]+(?:[.!?]+[\"')\]]*|$)")
# Periods that end no sentence ("two a.m.", "Mr. Bloom", "St. Paul"): masked while splitting.
_ABBREV_RE = re.compile(r"\b(?:[ap]\.m\.(?=\s+[a-z])|[ap]\.m(?=\.)|(?:Mr|Mrs|Ms|Dr|St|Jr|Sr|Mt|Lt|Sgt|Capt|Col|Gen|Prof|Rev|vs|etc|No)\.(?=\s))")
_DOT = "\u2024"

@dataclass(frozen=True)
class Sentence:
    """A sentence of action or dialogue.

    Attributes:
        id: position in :attr:`Reading.sentences`.
        scene: 1-based scene index (0 for the preamble).
        line: source line (Fountain) or paragraph index (FDX) of the sentence.
        text: the sentence, whitespace normalised.
        kind: ``action`` or ``dialogue``.
        speaker: the speaking character for dialogue.
        element: ordinal of the element it comes from (groups sentences of a paragraph).
    """

    id: int
    scene: int
    line: int
    text: str
    kind: str
    speaker: str | None
    element: int


#: Initials ("G.A. 1906", "the F.B.I. agent"): one word, not sentences of a letter each.
_INITIALS_RE = re.compile(r"(?<![\w.])(?:[A-Z]\.){2,4}(?P<next>\s+[a-z0-9])?")


def _mask_initials(m: re.Match) -> str:
    """Every full stop of the initials but the last, and the last too when the sentence goes on ("G.A. 1906")."""
    body = m.group(0)[: m.start("next") - m.start()] if m.group("next") else m.group(0)
    masked = body[:-1].replace(".", _DOT) + (_DOT if m.group("next") else ".")
    return masked + (m.group("next") or "")


_YEAR_ALONE_RE = re.compile(r"(?:1[89]|20)\d\d[.!?]")


def split_sentences(text: str, line: int) -> list[tuple[int, str]]:
    """Split an element's text into ``(line, sentence)`` pairs, keeping source lines."""
    out = []
    for i, raw_line in enumerate(text.split("\n")):
        masked = _ABBREV_RE.sub(lambda m: m.group(0).replace(".", _DOT), raw_line)
        masked = _INITIALS_RE.sub(_mask_initials, masked)
        for m in _SENT_RE.finditer(masked):
            s = " ".join(m.group(0).replace(_DOT, ".").split())
            if len(s) > 1 and (any(c.isalpha() for c in s) or _YEAR_ALONE_RE.fullmatch(s)):  # ("Barcelona. 1992.")
                out.append((line + i, s))
    # Join sentences that continue across a hard line break within a paragraph.
    merged: list[tuple[int, str]] = []
    for ln, s in out:
        if merged and not re.search(r"[.!?]['\")\]]*$|--$|:$", merged[-1][1]) and s[:1].islower():
            merged[-1] = (merged[-1][0], merged[-1][1] + " " + s)
        else:
            merged.append((ln, s))
    return merged


def sentences_of(script: Script) -> list[Sentence]:
    """Every action and dialogue sentence of the script, in order."""
    out: list[Sentence] = []
    for ordinal, (scene, el) in enumerate(script.elements()):
        if el.kind is Kind.ACTION:
            kind, speaker = "action", None
        elif el.kind is Kind.DIALOGUE:
            kind, speaker = "dialogue", el.character
        else:
            continue
        if len(el.text) > MAX_ELEMENT_CHARS:
            raise InputError(
                f"{script.source or 'the script'}: line {el.line}: one paragraph of {len(el.text):,} characters; "
                f"the limit is {MAX_ELEMENT_CHARS:,} (split it into paragraphs)"
            )
        # FDX lines are paragraph indices: every sentence of a paragraph shares it.
        for line, text in split_sentences(el.text, el.line):
            if script.format == "fdx":
                line = el.line
            out.append(Sentence(len(out), scene.index if scene else 0, line, text, kind, speaker, ordinal))
    return out


__all__ = ["MAX_ELEMENT_CHARS", "Sentence", "sentences_of", "split_sentences"]
