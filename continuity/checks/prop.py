"""Props: a prop destroyed, lost, given away or used up, then used again.

Events are read from action lines that name the prop (by its name, an alias or
its head noun with a definite article). After a loss event, a later action line in
the main timeline that uses the prop, with no recovery in between (``finds``,
``repairs``, ``another``...), is reported with the loss as evidence. Flashbacks
are outside the timeline and neither lose nor use props.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from continuity.audit import Context
from continuity.findings import Evidence, Finding

_LOSS = (
    r"shatter(?:s|ed|ing)?|smash(?:es|ed|ing)?|destroy(?:s|ed|ing)?|crush(?:es|ed)?|burn(?:s|ed|t)? (?:up|to)|"
    r"explod(?:es|ed)|breaks? (?:apart|in two|into)|snaps? in two|splinters?|"
    r"(?:hurls?|throws?|tosses?|flings?|drops?|kicks?)\b[^.]{0,40}\b(?:into|over|off|overboard)\b[^.]{0,25}\b"
    r"(?:sea|ocean|river|lake|harbou?r|bay|canal|well|drain|pond|water|waves|surf|fire|flames|fireplace|abyss|chasm|cliff|edge|side|overboard|furnace|sewer|toilet|void)|"
    r"(?:sinks?|vanish(?:es)?|disappears?) (?:into|beneath|under)|"
    r"(?:is|was|are|goes|gets) (?:lost|gone|stolen|destroyed|broken|smashed|swept away)|"
    r"(?:loses|lost) (?:the|his|her|their)|swept (?:away|overboard)|"
    r"(?:gives?|hands?) (?:it|the [\w ]+?) (?:away|to)|used up|runs? out|empties the last"
)
_LOSS_RE = re.compile(rf"\b(?:{_LOSS})\b", re.IGNORECASE)
_RECOVER_RE = re.compile(
    r"\b(finds?|found|recovers?|recovered|retrieves?|retrieved|repairs?|repaired|mends?|mended|fixe[sd]|fix|"
    r"glues?|restores?|fishes? (?:it|the)|gets? (?:it|the [\w ]+) back|returns? (?:it|the)|replaces?|"
    r"another|new|spare|second|replacement|duplicate|buys?|gives? (?:it|the [\w ]+) back|hands? (?:it|the [\w ]+) back)\b",
    re.IGNORECASE,
)
_USE_RE = re.compile(
    r"\b(opens?|checks?|consults?|reads?|holds?|holding|uses?|using|lights?|lifts?|raises?|studies|studying|"
    r"examines?|winds?|taps?|turns?|flips?|clutches|clutching|grips?|gripping|pockets?|wields?|aims?|points?|"
    r"pours?|drinks?|writes? in|flicks?|shines?|swings?|carries|carrying|sets? down|snaps? (?:it )?(?:open|shut)|"
    r"unlocks?|unlocking|locks?|wears?|wearing|plays?|playing|fires?|firing|loads?|dials?|"
    r"looks? at|glances? at|stares? at)\b",
    re.IGNORECASE,
)
_REMAINS_RE = re.compile(r"\b(broken|shattered|smashed|remains|pieces|shards|fragments|wreck(?:age)?|ruined|ashes of|memory|remembers?|imagines?|photo(?:graph)? of|picture of)\b", re.IGNORECASE)


def _prop_patterns(ctx: Context) -> dict[str, re.Pattern]:
    out: dict[str, re.Pattern] = {}
    for p in ctx.bible.props:
        forms = {p.name.lower(), *(a.lower() for a in p.aliases)}
        alts = "|".join(sorted((re.escape(f) for f in forms if len(f) >= 3), key=len, reverse=True))
        if alts:
            # A prop is the one we know when named with a definite or possessive article.
            out[p.name] = re.compile(
                rf"\b(?:the|his|her|their|its|[A-Z][a-z]+'s|father's|mother's|dad's|mum's|mom's)\s+(?:[\w'-]+\s+){{0,2}}?(?:{alts})\b"
                rf"|^(?:{alts})\b",
                re.IGNORECASE,
            )
    return out


def check(ctx: Context) -> Iterator[Finding]:
    """Yield prop findings."""
    patterns = _prop_patterns(ctx)
    if not patterns:
        return
    gone: dict[str, object] = {}  # prop -> sentence of the loss
    for s in ctx.sentences:
        if s.kind != "action" or s.scene == 0 or ctx.is_flashback(s.scene):
            continue
        for prop, rx in patterns.items():
            m = rx.search(s.text)
            if not m:
                continue
            lost = gone.get(prop)
            if _RECOVER_RE.search(s.text):
                gone.pop(prop, None)
                continue
            if lost is None:
                if _LOSS_RE.search(s.text):
                    gone[prop] = s
                continue
            if lost.scene == s.scene and lost.id >= s.id - 2:
                continue  # the aftermath of the loss itself
            if _REMAINS_RE.search(s.text) or not _USE_RE.search(s.text):
                continue
            yield Finding(
                category="prop",
                severity="error",
                scene=s.scene,
                line=s.line,
                message=f"the {prop} is used here, but it was lost or destroyed in scene {lost.scene} and never recovered",
                text=s.text,
                subject=prop,
                character=_user(ctx, s),
                evidence=(Evidence(lost.text, line=lost.line, scene=lost.scene),),
            )
            gone.pop(prop, None)  # report once per loss


def _user(ctx: Context, s) -> str | None:
    ms = ctx.reader.mentions(s)
    return ms[0].character if ms else None
