"""Deterministic stand-ins for a model: exact tests and fast benchmarks, no weights.

* :class:`ScriptedBackend` replays given replies in order (and raises given exceptions),
  for tests that need an exact sequence.
* :class:`CompetentWriter` plays a capable model: it reads the task prompt the crew
  sends and answers every task correctly from it (an outline from the treatment's
  paragraphs and the bible's names, scenes in which every planned character speaks,
  shots that add up to the target length, notes that quote the findings). With
  :class:`agents.faults.FaultInjector` around it, it is the model of
  ``studio bench reliability``. It also takes ``--llm fake`` for a demo run.
"""

from __future__ import annotations

import json
import os
import re
import time
from collections.abc import Callable, Iterable
from typing import Any

from agents.backend import Completion

_FIELD_RE = {
    key: re.compile(rf"^\s*{label}:\s*(.*)$", re.MULTILINE)
    for key, label in {
        "heading": "Heading", "characters": "Characters in the scene", "summary": "What happens",
        "seconds": "Target length", "bible_characters": "Characters in the bible",
        "bible_locations": "Locations in the bible", "runtime": r"Plan the cut of .* for a target runtime of",
    }.items()
}
_BLOCK_RE = {
    name: re.compile(rf"{name}:\s*\n(.*?)\n\s*END {name}", re.DOTALL)
    for name in ("TREATMENT", "SCENE", "DRAFT")
}
_OUTLINE_RE = re.compile(r"OUTLINE:\s*\n(.*)", re.DOTALL)
_FINDINGS_RE = re.compile(r"already found these problems:\s*\n(.*?)\n\s*SCENE:", re.DOTALL)
_NUMBER_RE = re.compile(r"\d+")
_TOOLS_RE = re.compile(r"only one name of \[([^\]]+)\]")
_TAG_RE = re.compile(r"\[(INT|EXT)\]")
_SENTENCE_RE = re.compile(r"(?<=[.!?])\s+")
_TIME_WORDS = (
    ("midnight", "NIGHT"), ("night", "NIGHT"), ("dawn", "DAWN"), ("dusk", "DUSK"), ("evening", "EVENING"),
    ("morning", "MORNING"), ("afternoon", "AFTERNOON"), ("day", "DAY"),
)
_EXTERIOR = ("DECK", "JETTY", "PIER", "QUAY", "HARBOUR", "HARBOR", "PATH", "STREET", "BEACH", "CLIFF", "ROAD",
             "SLIPWAY", "FIELD", "SHORE", "GARDEN", "YARD", "DOCK", "MARSH", "ISLAND")
_LINES = ("We should go.", "Not yet.", "You kept it all this time?", "I said I would.", "Then let's finish it.")


class ScriptedBackend:
    """Replays ``replies`` in order: strings, :class:`Completion`, exceptions, or callables.

    A callable gets ``(messages, schema)`` and returns one of the others. ``calls``
    records what was asked. Running out of replies raises ``AssertionError``.
    """

    name = "scripted"

    def __init__(self, replies: Iterable[Any]):
        self._replies = list(replies)
        self.calls: list[tuple[list[dict[str, Any]], dict[str, Any] | None]] = []

    def complete(self, messages: list[dict[str, Any]], schema: dict[str, Any] | None, max_tokens: int,
                 timeout: float | None = None) -> Completion:
        """The next scripted reply."""
        self.calls.append((messages, schema))
        if not self._replies:
            raise AssertionError(f"scripted backend ran out of replies after {len(self.calls) - 1} calls")
        reply = self._replies.pop(0)
        if callable(reply) and not isinstance(reply, type):
            reply = reply(messages, schema)
        if isinstance(reply, BaseException):
            raise reply
        if isinstance(reply, Completion):
            return reply
        if not isinstance(reply, str):
            reply = json.dumps(reply)
        return Completion(text=reply, prompt_tokens=_tokens(messages), completion_tokens=len(reply) // 4 + 1)


class CompetentWriter:
    """A deterministic model that does every task right (see the module docstring)."""

    name = "fake/competent-writer"
    #: it answers ReAct prompts (calls the continuity tool) when an agent has tools.
    react = True

    def __init__(self, delay: float | None = None):
        #: seconds per reply, to play a slow model (``STUDIO_FAKE_DELAY``; 0 by default).
        self.delay = float(os.environ.get("STUDIO_FAKE_DELAY", "0") or 0) if delay is None else delay

    def complete(self, messages: list[dict[str, Any]], schema: dict[str, Any] | None, max_tokens: int,
                 timeout: float | None = None) -> Completion:
        """Answer the task the prompt describes."""
        if self.delay:
            time.sleep(self.delay)
        prompt = "\n".join(str(m.get("content", "")) for m in messages)
        title = (schema or {}).get("title", "")
        answer: Callable[[str], Any] | None = {
            "Outline": self.outline, "EditPlan": self.edit_plan, "SceneDraft": self.scene,
            "ShotPlan": self.shots, "RevisionNotes": self.notes,
        }.get(title)
        if answer is None:
            called = any(m.get("role") == "assistant" for m in messages)
            if "Action Input:" in prompt and not called and _BLOCK_RE["SCENE"].search(prompt):
                scene = _block(prompt, "SCENE")
                tool = _TOOLS_RE.search(prompt)
                name = tool.group(1).split(",")[0].strip() if tool else "check_continuity"
                text = f"Thought: I check the scene.\nAction: {name}\nAction Input: " + json.dumps({"text": scene})
            else:
                text = "Thought: I now know the final answer\nFinal Answer: " + json.dumps(self.notes(prompt))
        else:
            text = json.dumps(answer(prompt), ensure_ascii=False)
        return Completion(text=text, prompt_tokens=_tokens(messages), completion_tokens=len(text) // 4 + 1)

    # -- one method per output model -------------------------------------------------

    def outline(self, prompt: str) -> dict[str, Any]:
        """One scene per treatment paragraph: its bible location, time word and characters."""
        treatment = _block(prompt, "TREATMENT")
        characters = _names(_field(prompt, "bible_characters"))
        listing = _field(prompt, "bible_locations")
        locations = _names(listing)
        exterior = {_TAG_RE.sub("", i.partition("(")[0]).strip() for i in listing.split(";") if "[EXT]" in i}
        interior = {_TAG_RE.sub("", i.partition("(")[0]).strip() for i in listing.split(";") if "[INT]" in i}
        scenes = []
        for para in _paragraphs(treatment):
            low = para.lower()
            location = next((name for name, aliases in locations if any(_mentions(low, a) for a in aliases)), "UNKNOWN")
            time = next((t for word, t in _TIME_WORDS if re.search(rf"\b{word}\b", low)), "DAY")
            cast = [name for name, aliases in characters if any(_mentions(low, a) for a in aliases)]
            setting = "EXT" if location in exterior else "INT" if location in interior else (
                "EXT" if any(w in location for w in _EXTERIOR) else "INT")
            scenes.append({"setting": setting, "location": location, "time": time, "characters": cast[:6],
                           "summary": _first_sentences(para, 400)})
        title = next((ln.lstrip("# ").strip() for ln in treatment.splitlines() if ln.startswith("#")), "Untitled")
        return {"title": title[:80], "scenes": scenes[:24] or [{"setting": "INT", "location": "UNKNOWN", "time": "DAY",
                                                               "characters": [], "summary": "Nothing happens."}]}

    def edit_plan(self, prompt: str) -> dict[str, Any]:
        """Story order, equal shares of the runtime, cuts and a final fade."""
        runtime = int(_NUMBER_RE.search(_field(prompt, "runtime") or "300").group())  # type: ignore[union-attr]
        outline = json.loads(_OUTLINE_RE.search(prompt).group(1).strip().splitlines()[0])  # type: ignore[union-attr]
        n = len(outline["scenes"])
        share = max(5, min(900, runtime // max(n, 1)))
        return {"scenes": [
            {"scene": i + 1, "target_seconds": share, "transition": "FADE OUT." if i == n - 1 else "CUT TO:",
             "note": "keep it tight"} for i in range(n)
        ]}

    def scene(self, prompt: str) -> dict[str, Any]:
        """The summary as action, then a line from every planned character."""
        cast = [c for c in (x.strip() for x in _field(prompt, "characters").split(",")) if c and c != "(none)"]
        summary = _field(prompt, "summary") or "They wait."
        lines: list[dict[str, str]] = [{"kind": "action", "text": _first_sentences(summary, 300)}]
        for i, name in enumerate(cast[:6]):
            lines.append({"kind": "dialogue", "character": name, "text": _LINES[i % len(_LINES)]})
        if len(lines) < 2:
            lines.append({"kind": "action", "text": "A long silence."})
        return {"lines": lines}

    def shots(self, prompt: str) -> dict[str, Any]:
        """A wide master, a medium two-shot, a close-up per speaker; durations fill the target."""
        cast = [c.strip() for c in _field(prompt, "characters").split(",") if c.strip() and c.strip() != "(none)"][:4]
        seconds = int(_NUMBER_RE.search(_field(prompt, "seconds") or "30").group())  # type: ignore[union-attr]
        sides = [("left", "right"), ("right", "left"), ("centre", "camera"), ("centre", "away")]
        subjects = [{"name": n, "position": sides[i][0], "facing": sides[i][1]} for i, n in enumerate(cast)]
        plan = [{"size": "WS", "angle": "eye-level", "movement": "static", "lens": 24, "subjects": subjects,
                 "description": "The whole space."}]
        if len(cast) > 1:
            plan.append({"size": "MS", "angle": "eye-level", "movement": "push in", "lens": 35, "subjects": subjects[:2],
                         "description": "The two of them."})
        for s in subjects:
            plan.append({"size": "CU", "angle": "eye-level", "movement": "static", "lens": 85, "subjects": [s],
                         "description": f"{s['name']} speaks."})
        each = max(0.5, round(seconds / len(plan), 1))
        for shot in plan:
            shot["duration"] = each
        return {"shots": plan[:12]}

    def notes(self, prompt: str) -> dict[str, Any]:
        """One note per finding, quoting the finding's text."""
        match = _FINDINGS_RE.search(prompt)
        try:
            findings = json.loads(match.group(1).strip()) if match else []
        except ValueError:
            findings = []
        return {"notes": [
            {"finding": str(f.get("id", ""))[:16], "quote": str(f.get("text") or f.get("message", ""))[:240],
             "instruction": ("Fix: " + str(f.get("message", "")))[:240]}
            for f in findings[:8] if isinstance(f, dict)
        ]}


def _tokens(messages: list[dict[str, Any]]) -> int:
    return sum(len(str(m.get("content", ""))) for m in messages) // 4 + 1


def _field(prompt: str, key: str) -> str:
    match = _FIELD_RE[key].search(prompt)
    return match.group(1).strip() if match else ""


def _block(prompt: str, name: str) -> str:
    match = _BLOCK_RE[name].search(prompt)
    return match.group(1) if match else ""


def _names(listing: str) -> list[tuple[str, list[str]]]:
    """``"MARA (Mara Quinn); JETTY [EXT]"`` -> ``[("MARA", ["mara", "mara quinn"]), ("JETTY", ["jetty"])]``."""
    out = []
    for item in listing.split(";"):
        item = item.strip()
        if not item or item == "(none)":
            continue
        name, _, rest = item.partition("(")
        name = _TAG_RE.sub("", name).strip()
        aliases = [name.lower()] + [a.strip().lower() for a in rest.rstrip(")").split(",") if a.strip()]
        out.append((name, aliases))
    return out


def _mentions(text: str, name: str) -> bool:
    return bool(name) and re.search(rf"(?<![\w]){re.escape(name)}(?![\w])", text) is not None


def _paragraphs(text: str) -> list[str]:
    paras = [" ".join(p.split()) for p in re.split(r"\n\s*\n", text) if p.strip()]
    return [p for p in paras if not p.startswith(("#", "*", "_"))]


def _first_sentences(text: str, limit: int) -> str:
    out = ""
    for sentence in _SENTENCE_RE.split(text.strip()):
        if len(out) + len(sentence) + 1 > limit:
            break
        out = f"{out} {sentence}".strip()
    return out or text[:limit].strip()
