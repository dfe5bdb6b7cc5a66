"""Names: a cue that is a near-miss spelling of a known character.

Known names are the bible's characters and aliases, plus cue names the script uses
often. A rare cue (or a capitalised introduction in action) one or two edits away
from a known name is reported (``THEO`` for a three-letter ``TEO`` too: one letter
added); ``YOUNG EDWARD`` vs ``EDWARD`` is a different character, not a misspelling.
With a bible, speakers it does not list are info. Names in the prose of action and
dialogue are :mod:`continuity.checks.address`'s.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator

from continuity.checks.findings import Evidence, Finding
from continuity.language.names import NameIndex, misspelling_of, near_miss, sounds_alike
from continuity.screenplay.model import Kind
from continuity.story.context import Context
from continuity.story.sentences import GENERIC_PEOPLE

_CAPS_RE = re.compile(r"(?<![\w'])([A-Z][A-Z'\-]{3,})(?![\w'])")


def check(ctx: Context) -> Iterator[Finding]:
    """Yield name findings."""
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
    # "Cliff Brennan" speaks as BRENNAN: each name of a bible character's that is no one else's
    parts: dict[str, set[str]] = {}
    for c in ctx.bible.characters if ctx.explicit_bible else ():
        for w in c.name.replace(".", " ").split():
            if len(w) >= 4 and w.upper() not in bible_names:
                parts.setdefault(w.upper(), set()).add(c.name)
    bible_names.update({w: next(iter(who)) for w, who in parts.items() if len(who) == 1})
    reported: set[str] = set()
    known_index = NameIndex(sorted(set(counts) | set(bible_names)))
    for scene, el in ctx.script.elements():
        if el.kind is not Kind.CHARACTER or not el.character or el.character in reported:
            continue
        cue = el.character
        if cue in bible_names or cue.strip(".") in GENERIC_PEOPLE:
            continue  # ("WAITER" is a part, not a slip of WALTER)
        target = _match(cue, counts, bible_names, first, known_index)
        scene_index = scene.index if scene else 0
        if target:
            reported.add(cue)
            known, evidence = target
            yield Finding(
                category="name",
                severity="error" if counts[cue] <= 2 else "warning",
                scene=scene_index,
                line=el.line,
                message=f"character cue {cue!r} looks like a misspelling of {known!r}",
                text=el.text,
                character=known,
                subject=cue,
                evidence=(evidence,),
                extra=(("cue", cue), ("uses", counts[cue])),
            )
        elif ctx.explicit_bible and cue not in reported:
            reported.add(cue)
            yield Finding(
                category="name",
                severity="info",
                scene=scene_index,
                line=el.line,
                message=f"{cue} speaks ({counts[cue]} cue{'s' if counts[cue] != 1 else ''}) but is not in the bible",
                text=el.text,
                character=cue,
                subject=cue,
            )
    # Capitalised introductions in action: "MARRA steps in" for MARA.
    known_caps = set(counts) | set(bible_names)
    known_words = {w for n in known_caps for w in n.split()}
    caps_index = NameIndex(sorted(k for k in known_caps if " " not in k and len(k) >= 4))
    for s in ctx.sentences:
        if s.kind != "action":
            continue
        for m in _CAPS_RE.finditer(s.text):
            word = m.group(1).rstrip("'S") if m.group(1).endswith("'S") else m.group(1)
            if word in known_words or word in reported:
                continue
            for known in caps_index.near(word):
                if _is_frequent(known, counts, bible_names):
                    reported.add(word)
                    yield Finding(
                        category="name",
                        severity="warning",
                        scene=s.scene,
                        line=s.line,
                        message=f"{word!r} looks like a misspelling of {known!r}",
                        text=s.text,
                        character=bible_names.get(known, known),
                        subject=word,
                        evidence=(_evidence_for(known, first, bible_names, ctx),),
                    )
                    break


def _is_frequent(known: str, counts: Counter, bible_names: dict[str, str]) -> bool:
    return known in bible_names or counts[known] >= 3


def _match(cue: str, counts: Counter, bible_names: dict[str, str], first: dict[str, tuple[int, int]],
           index: NameIndex):
    candidates = []
    for known in index.near(cue, lambda c, k: near_miss(c, k) or (len(k) == 3 and (
            misspelling_of(c, [k]) is not None or (len(c) == 3 and sounds_alike(c, k))))):
        if known in bible_names or counts[known] >= max(3, 3 * counts[cue]):
            candidates.append(known)
    if len(candidates) != 1:
        return None
    known = candidates[0]
    if known in bible_names:
        canonical = bible_names[known]
        return canonical, Evidence(known, bible=f"characters.{canonical}")
    scene, line = first[known]
    return known, Evidence(f"{known} ({counts[known]} cues)", line=line, scene=scene)


def _evidence_for(known, first, bible_names, ctx) -> Evidence:
    if known in bible_names and ctx.explicit_bible:
        return Evidence(known, bible=f"characters.{bible_names[known]}")
    scene, line = first.get(known, (None, None))
    return Evidence(known, line=line, scene=scene)


__all__ = ["check", "near_miss"]
