"""Markings: initials engraved, burnt or stitched on a thing, then given with a letter more, less or changed.

A marking is set where the text says how it was made (*engraved*, *inscribed*, *burnt
into*, *stamped*, *carved*, *stitched*, *embroidered*, *monogrammed*, *initials*)
within a few words before the initials: in the bible's props ("bolster engraved
G.A. 1906") or the script's action ("the letters engraved on the bolster: G.A.
1906"). Any later initials, in action or dialogue, one letter away from a marking
("G.H.A." for "G.A.") contradict it. Initials further apart are someone else's (a
signature, a ship's "S.S."), and are not compared.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from continuity.checks.findings import Evidence, Finding
from continuity.story.context import Context

#: "G.A.", "G. H. A.", "P.K.": two to four capitals, each with its full stop.
_INITIALS_RE = re.compile(r"(?<![\w.])((?:[A-Z]\.\s?){2,4})(?![\w])")
_MADE_RE = re.compile(r"\b(?:engrav\w*|inscri\w*|burn(?:t|ed)? into|stamp\w*|carv\w*|stitch\w*|embroider\w*|"
                      r"monogram\w*|initials?|etched|cut into|letters?)\b[^.!?]{0,40}$", re.IGNORECASE)


@dataclass(frozen=True)
class _Marking:
    letters: str
    words: str
    evidence: Evidence
    sentence_id: int  # -1 for the bible


def _letters(initials: str) -> str:
    return re.sub(r"[^A-Z]", "", initials)


def _one_off(a: str, b: str) -> bool:
    """Whether two strings of initials differ by one letter added, dropped or changed."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b)) == 1 and a[0] == b[0]
    short, long_ = sorted((a, b), key=len)
    return any(long_[:i] + long_[i + 1:] == short for i in range(len(long_))) and short[0] == long_[0]


def _markings(ctx: Context) -> list[_Marking]:
    out = []
    for p in ctx.bible.props:
        text = p.description or ""
        for m in _INITIALS_RE.finditer(text):
            if _MADE_RE.search(text[:m.start()]):
                out.append(_Marking(_letters(m.group(1)), m.group(1).strip(),
                                    Evidence(text, bible=f"props.{p.name}.description"), -1))
    for s in ctx.sentences:
        if s.kind != "action" or s.scene <= 0:
            continue
        for m in _INITIALS_RE.finditer(s.text):
            if _MADE_RE.search(s.text[:m.start()]):
                out.append(_Marking(_letters(m.group(1)), m.group(1).strip(),
                                    Evidence(s.text, line=s.line, scene=s.scene), s.id))
    return out


def check(ctx: Context) -> Iterator[Finding]:
    """Yield a finding for initials one letter away from a marking set before them."""
    marks = _markings(ctx)
    if not marks:
        return
    reported: set[str] = set()
    for s in ctx.sentences:
        if s.scene <= 0 or s.kind not in ("action", "dialogue"):
            continue
        for m in _INITIALS_RE.finditer(s.text):
            said = _letters(m.group(1))
            known = [k for k in marks if k.sentence_id < s.id]
            if any(k.letters == said for k in known):
                continue
            near = next((k for k in known if _one_off(k.letters, said)), None)
            if near is None or said in reported:
                continue
            reported.add(said)
            where = "the bible" if near.sentence_id < 0 else f"scene {ctx.scene_number(near.evidence.scene)}"
            yield Finding(
                category="prop", severity="warning", scene=s.scene, line=s.line,
                message=f"the initials read {m.group(1).strip()!r} here, but the marking is {near.words!r} in {where}",
                text=s.text, subject=f"marking {near.words}", evidence=(near.evidence,),
                extra=(("attribute", "marking"), ("value", m.group(1).strip()), ("expected", near.words)),
            )
