"""Names: someone spoken of in the third person to their face ("Did Devon tell you?" said to Devon).

In a scene with two people in it, "you" is the other one. A line that names that other
one as a third person telling or giving "you" something ("Did Devon tell you?", "Devon
showed you the way") has called them by the name of someone else, or meant another
person: a wrong name. Flagged only when the two are alone on screen and both speak, and
the one named is not heard on a phone or off screen.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from continuity.checks.findings import Evidence, Finding
from continuity.story.context import Context

_TOLD_YOU_RE = re.compile(
    r"\b(?:(?i:did|has|had|didn't|hasn't|hadn't|will|won't|would)\s+(?P<a>[A-Z][a-z]+)\s+(?:ever\s+|not\s+|already\s+)?"
    r"(?:tell|told|show|shown|give|given|ask|asked|send|sent|warn|warned)\s+(?:to\s+)?you|"
    r"(?P<b>[A-Z][a-z]+)\s+(?:told|tells|showed|shows|gave|gives|asked|sent|warned)\s+you)\b")


def check(ctx: Context) -> Iterator[Finding]:
    """Yield a name warning for each one spoken of in the third person to their face."""
    for s in ctx.sentences:
        if s.kind != "dialogue" or s.scene <= 0 or not s.speaker:
            continue
        cast = ctx.presence.of(s.scene)
        if cast is None or len(cast.present) != 2 or s.speaker not in cast.present:
            continue
        for m in _TOLD_YOU_RE.finditer(s.text):
            name = m.group("a") or m.group("b")
            who = ctx.cast.surface.get(name.upper())
            if who is None or who == s.speaker or who not in cast.present or who not in cast.speaking or \
                    who in cast.heard:
                continue
            first = next((x for x in ctx.sentences if x.scene == s.scene and x.kind == "dialogue" and
                          x.speaker == who), None)
            yield Finding(
                category="name", severity="warning", scene=s.scene, line=s.line,
                message=f"{s.speaker} speaks of {name} as someone else here ({m.group(0)!r}), but {who} is the one "
                        f"other person in the scene, so 'you' is {who}: another character's name?",
                text=s.text, character=who, subject=f"{who} spoken of",
                evidence=(Evidence(first.text, line=first.line, scene=first.scene),) if first else (),
                extra=(("name", name),),
            )
