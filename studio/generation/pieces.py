"""A scene in pieces: code assembles what the writer returns, and knows which piece a finding is about.

The writer returns small typed pieces (:class:`agents.models.ScenePieces`): one action
line per beat of the treatment and, per character, the lines they say. Here:

- :func:`assemble` builds the scene's lines: the action lines in the beats' order,
  each character's lines after the beats that name them (so speech follows the
  moment it belongs to);
- :func:`piece_of` tells which piece a finding is about (``action:3``,
  ``line:NELL:0``), so only that piece goes back to the writer;
- :func:`repair` is the last resort once a scene's revisions are spent: an action
  line that still fails is replaced by the treatment's own sentence for that beat, a
  line of dialogue that still fails by an action line saying what the character does
  (:func:`fallback_line`, kept in ``pieces["fallback"]``), and a character the scene lost comes
  back through the treatment's sentences that name them. All of it is recorded.

A piece key is ``action:<i>`` (0-based beat) or ``line:<NAME>:<j>`` (0-based line of
that character; ``line:<NAME>:new`` asks a character who has no line for one).
"""

from __future__ import annotations

import re
from typing import Any

from continuity.language.words import plural
from continuity.treatment.facts import SceneFacts

_NORM_RE = re.compile(r"[a-z0-9]+")
_BEAT_RE = re.compile(r"\.beat (\d+)$")


def empty_pieces(facts: SceneFacts) -> dict[str, Any]:
    """Pieces with no action line and no speech yet."""
    return {"action": [""] * len(facts.beats), "dialogue": {name: [] for name in facts.characters}}


def assemble(pieces: dict[str, Any], facts: SceneFacts) -> dict[str, Any]:
    """The scene's lines (a :class:`~agents.models.SceneDraft` as a dict) from its pieces.

    Action lines keep the beats' order. A character's first line goes after the first
    beat that names them, the second after the next such beat (or the same one);
    a character no beat names speaks after the last beat. Lines placed after one beat
    alternate between the characters, in the scene's cast order.
    """
    action = [a for a in pieces.get("action", [])]
    n = len(action)
    slots: dict[int, list[tuple[int, int, str, str]]] = {}
    cast = list(facts.characters) + [c for c in pieces.get("dialogue", {}) if c not in facts.characters]
    fallback = pieces.get("fallback", {})
    for ci, name in enumerate(cast):
        lines = [("dialogue", ln) for ln in pieces.get("dialogue", {}).get(name, []) if ln and ln.strip()]
        lines += [("action", ln) for ln in fallback.get(name, []) if ln and ln.strip()]
        anchors = [i for i, names in enumerate(facts.beat_characters[:n]) if name in names] or [max(0, n - 1)]
        for j, (kind, text) in enumerate(lines):
            at = anchors[min(j, len(anchors) - 1)]
            slots.setdefault(at, []).append((j, ci, name, kind, text))
    out: list[dict[str, str]] = []
    for i in range(max(n, 1)):
        if i < n and action[i].strip():
            out.append({"kind": "action", "text": action[i].strip()})
        for _, _, name, kind, text in sorted(slots.get(i, [])):
            if kind == "action":  # a line that failed its checks, replaced by what the character does
                out.append({"kind": "action", "text": text.strip()})
            else:
                out.append({"kind": "dialogue", "character": name, "text": text.strip()})
    if not out:
        out.append({"kind": "action", "text": facts.beats[0] if facts.beats else "They wait."})
    return {"lines": out}


def piece_of(finding: dict[str, Any], pieces: dict[str, Any]) -> str | None:
    """The piece a finding (as a dict) is about, or None when it is about the scene as a whole."""
    beat = _BEAT_RE.search(str(finding.get("subject") or ""))
    if beat:
        return f"action:{int(beat.group(1)) - 1}"
    if finding.get("category") == "plan" and finding.get("character") and "not in the scene" in str(finding.get("message", "")):
        return f"line:{finding['character']}:new"
    text = _norm(str(finding.get("text") or ""))
    character = str(finding.get("character") or "")
    dialogue = pieces.get("dialogue", {})
    if character and character in dialogue and finding.get("subject") == f"{character}.dialogue":
        for j, line in enumerate(dialogue[character]):
            if text and (text in _norm(line) or _norm(line) in text):
                return f"line:{character}:{j}"
    if text:
        for i, line in enumerate(pieces.get("action", [])):
            if line and (text in _norm(line) or (len(_norm(line)) > 8 and _norm(line) in text)):
                return f"action:{i}"
        for name, lines in dialogue.items():
            for j, line in enumerate(lines):
                if line and (text in _norm(line) or (len(_norm(line)) > 8 and _norm(line) in text)):
                    return f"line:{name}:{j}"
    return None


def replace(pieces: dict[str, Any], key: str, text: str) -> None:
    """Put ``text`` in the piece ``key`` (a ``:new`` line is appended)."""
    kind, _, rest = key.partition(":")
    if kind == "action":
        pieces["action"][int(rest)] = text
        return
    name, _, j = rest.rpartition(":")
    lines = pieces.setdefault("dialogue", {}).setdefault(name, [])
    if j == "new" or int(j) >= len(lines):
        lines.append(text)
    else:
        lines[int(j)] = text


def repair(pieces: dict[str, Any], origin: list[str], facts: SceneFacts, bad: list[str]) -> list[str]:
    """Replace failing action lines by the treatment's sentences and failing speech by a fallback action line.

    Modifies ``pieces`` and ``origin`` (per beat: ``writer``, ``kept`` or ``treatment``) in place.
    """
    done: list[str] = []
    drop: dict[str, set[int]] = {}
    for key in dict.fromkeys(bad):
        kind, _, rest = key.partition(":")
        if kind == "action":
            i = int(rest)
            if i < len(facts.beats) and origin[i] not in ("treatment", "kept"):
                pieces["action"][i] = facts.beats[i]
                origin[i] = "treatment"
                done.append(f"action line {i + 1} is the treatment's sentence")
        else:
            name, _, j = rest.rpartition(":")
            if j != "new":
                drop.setdefault(name, set()).add(int(j))
                continue
            # a character the scene lost: the beats that name them say so in the treatment's words
            for i, names in enumerate(facts.beat_characters):
                if name in names and origin[i] not in ("treatment", "kept") and i < len(pieces["action"]):
                    pieces["action"][i] = facts.beats[i]
                    origin[i] = "treatment"
                    done.append(f"action line {i + 1} is the treatment's sentence (it names {name})")
    for name, js in drop.items():
        lines = pieces.get("dialogue", {}).get(name, [])
        kept = [ln for j, ln in enumerate(lines) if j not in js]
        if len(kept) != len(lines):
            instead = pieces.setdefault("fallback", {}).setdefault(name, [])
            if not instead:
                instead.append(fallback_line(name, facts))
            done.append(f"{plural(len(lines) - len(kept), 'line')} of {name} replaced by an action line: {instead[0]}")
            pieces["dialogue"][name] = kept
    return done


def fallback_line(name: str, facts: SceneFacts) -> str:
    """The honest stand-in for a character's line that never passed its checks: what they do, from the facts.

    "Rory looks at Nell and says nothing." (the first other character present), or
    "Tam says nothing." when they are alone.
    """
    others = [c for c in facts.characters if c != name]
    who = _shown(name)
    return f"{who} looks at {_shown(others[0])} and says nothing." if others else f"{who} says nothing."


def fallbacks(pieces: dict[str, Any] | None) -> int:
    """How many lines of ``pieces`` are stand-ins for failed dialogue."""
    return sum(len(v) for v in ((pieces or {}).get("fallback") or {}).values())


def _shown(name: str) -> str:
    return " ".join(w.capitalize() for w in name.split())


def describe(key: str) -> str:
    """``action:2`` -> ``action line 3``; ``line:NELL:0`` -> ``NELL's line 1``."""
    kind, _, rest = key.partition(":")
    if kind == "action":
        return f"action line {int(rest) + 1}"
    name, _, j = rest.rpartition(":")
    return f"a line for {name}" if j == "new" else f"{name}'s line {int(j) + 1}"


def current(pieces: dict[str, Any], key: str) -> str:
    """The text of a piece now ("" for a new line)."""
    kind, _, rest = key.partition(":")
    if kind == "action":
        return pieces["action"][int(rest)]
    name, _, j = rest.rpartition(":")
    lines = pieces.get("dialogue", {}).get(name, [])
    return "" if j == "new" or int(j) >= len(lines) else lines[int(j)]


def _norm(text: str) -> str:
    return " ".join(_NORM_RE.findall(text.lower()))
