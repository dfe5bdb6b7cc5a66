"""Deterministic stand-ins for a model: exact tests and fast benchmarks, no weights.

* :class:`ScriptedBackend` replays given replies in order (and raises given exceptions),
  for tests that need an exact sequence.
* :class:`CompetentWriter` plays a capable model: it reads the task prompt the crew
  sends and answers every task correctly from it (the outline the facts give, each
  beat as its action line, a line from every character, shots that add up to the
  target length, notes that quote the findings). With
  :class:`agents.faults.FaultInjector` around it, it is the model of
  ``studio bench reliability``. It also takes ``--llm fake`` for a demo run. With
  ``small=True`` it declares ``schema_limits`` like the embedded model, so the flow
  asks it one piece at a time.
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
        "heading": "Heading", "characters": "Characters in the scene",
        "seconds": "Target length", "runtime": r"Plan the cut of .* for a target runtime of",
    }.items()
}
_BLOCK_RE = {
    name: re.compile(rf"{name}:\s*\n(.*?)\n\s*END {name}", re.DOTALL)
    for name in ("FACTS", "SCENE")
}
_BEATS_RE = re.compile(r"^\s*Beats:\s*\n((?:\s*\d+\.\s.*\n?)+)", re.MULTILINE)
_NUMBERED_RE = re.compile(r"^\s*\d+\.\s+(.*)$", re.MULTILINE)
_FIX_ACTION_RE = re.compile(r'^\s*- action line \d+ \(the beat: "(.*)"\):', re.MULTILINE)
_FIX_LINE_RE = re.compile(r"^\s*- (?:a line for |)([A-Z][A-Z0-9 .'-]*?)(?:'s line \d+)?:", re.MULTILINE)
_REWRITE_RE = re.compile(r"what the camera sees:\s*\n(.+)")
_SPEAKER_RE = re.compile(r"^You are ([A-Z][A-Z0-9 .'-]*)\.", re.MULTILINE)
_OUTLINE_RE = re.compile(r"OUTLINE:\s*\n(.*)", re.DOTALL)
_FINDINGS_RE = re.compile(r"already found these problems:\s*\n(.*?)\n\s*SCENE:", re.DOTALL)
_NUMBER_RE = re.compile(r"\d+")
_TOOLS_RE = re.compile(r"only one name of \[([^\]]+)\]")
_SENTENCE_RE = re.compile(r"(?<=[.!?])\s+")
_LINES = ("We should go.", "Not yet.", "You kept it all this time?", "I said I would.", "Then let's finish it.",
          "I know what today is.", "Hand me that rope.", "You should have told me.", "It was never mine to keep.",
          "We have done this before.", "Say it plainly, then.", "Nobody asked me.", "I will be fine on my own.",
          "Look at the water for a minute.", "That was a long time ago.", "You always say that.",
          "I thought you would be angry.", "Keep your hands warm.", "It is only weather.", "Nothing has changed.",
          "I can manage the rest.", "Tell me when you are ready.", "You did well out there.", "We are nearly across.",
          "I had to be sure.", "There is tea if you want it.", "Leave it where it is.", "I remember this place.",
          "Mind the step.", "You never listen to me.", "This is the last of it.", "I was going to tell you.")


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

    def __init__(self, delay: float | None = None, *, small: bool = False):
        #: seconds per reply, to play a slow model (``STUDIO_FAKE_DELAY``; 0 by default).
        self.delay = float(os.environ.get("STUDIO_FAKE_DELAY", "0") or 0) if delay is None else delay
        self._used: set[str] = set()
        if small:  # play the embedded model: asked one piece at a time, no ReAct
            self.name = "fake/competent-writer-small"
            self.react = False
            self.schema_limits = {"maxLength": 200, "maxItems": 8}

    def complete(self, messages: list[dict[str, Any]], schema: dict[str, Any] | None, max_tokens: int,
                 timeout: float | None = None) -> Completion:
        """Answer the task the prompt describes."""
        if self.delay:
            time.sleep(self.delay)
        prompt = "\n".join(str(m.get("content", "")) for m in messages)
        title = (schema or {}).get("title", "")
        answer: Callable[[str], Any] | None = {
            "Outline": self.outline, "EditPlan": self.edit_plan, "ScenePieces": self.scene, "PieceFixes": self.fixes,
            "ActionBeat": self.beat, "Speech": self.speech, "ShotPlan": self.shots, "RevisionNotes": self.notes,
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
        """The facts' outline: one scene per line of the FACTS block (``n. INT | PLACE | TIME | CAST | summary``)."""
        scenes = []
        for line in _NUMBERED_RE.findall(_block(prompt, "FACTS")):
            setting, location, time, cast, summary = (p.strip() for p in (line.split("|") + [""] * 5)[:5])
            scenes.append({"setting": setting or "INT", "location": location or "UNKNOWN", "time": time or "DAY",
                           "characters": [c.strip() for c in cast.split(",") if c.strip() and c.strip() != "-"][:6],
                           "summary": _first_sentences(summary or "Nothing happens.", 400)})
        return {"title": "", "scenes": scenes[:24] or [{"setting": "INT", "location": "UNKNOWN", "time": "DAY",
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
        """Each beat as its action line, then a line from every character of the scene."""
        beats = _NUMBERED_RE.findall(_BEATS_RE.search(prompt).group(1)) if _BEATS_RE.search(prompt) else []
        cast = _cast(prompt)
        return {"action": [b.strip() for b in beats] or ["They wait."],
                "dialogue": {name: [self._line(i)] for i, name in enumerate(cast)}}

    def fixes(self, prompt: str) -> dict[str, Any]:
        """A failing action line becomes its beat again; a character to redo gets a plain line."""
        action = [b.strip() for b in _FIX_ACTION_RE.findall(prompt)]
        names = [n.strip() for n in _FIX_LINE_RE.findall(prompt) if not n.startswith("action")]
        return {"action": action, "dialogue": {n: [self._line(i + 3)] for i, n in enumerate(dict.fromkeys(names))}}

    def beat(self, prompt: str) -> dict[str, Any]:
        """The beat itself, as the action line."""
        match = _REWRITE_RE.search(prompt)
        return {"text": (match.group(1).strip() if match else "They wait.")[:200]}

    def speech(self, prompt: str) -> dict[str, Any]:
        """A plain line, different per speaker."""
        match = _SPEAKER_RE.search(prompt)
        name = match.group(1) if match else ""
        return {"line": self._line(sum(map(ord, name)))}

    def _line(self, start: int) -> str:
        """A stock line, none given twice in a run (a reader stops at a line repeated word for word)."""
        for k in range(len(_LINES)):
            line = _LINES[(start + k) % len(_LINES)]
            if line not in self._used:
                self._used.add(line)
                return line
        return _LINES[start % len(_LINES)]

    def shots(self, prompt: str) -> dict[str, Any]:
        """A wide master, a medium two-shot, a close-up per speaker; durations fill the target."""
        cast = _cast(prompt)[:4]
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


def _cast(prompt: str) -> list[str]:
    return [c for c in (x.strip() for x in _field(prompt, "characters").split(",")) if c and c != "(none)"]


def _first_sentences(text: str, limit: int) -> str:
    out = ""
    for sentence in _SENTENCE_RE.split(text.strip()):
        if len(out) + len(sentence) + 1 > limit:
            break
        out = f"{out} {sentence}".strip()
    return out or text[:limit].strip()
