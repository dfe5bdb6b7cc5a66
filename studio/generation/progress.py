"""What ``studio generate`` shows while it runs: flow events in plain words.

:func:`describe` turns one flow event (a dict from :class:`studio.generation.flow.GenerateFlow`
or :func:`studio.generation.runs.run_generate`) into what a person reads: a *spinner* text for
work that has started (shown with the seconds it has taken so far) and/or a *line*
for an outcome. :class:`ProgressView` shows them on stderr with Rich, from the first
second of the run; stdout stays for ``--json``.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

from continuity.language.words import plural

#: what an agent's name reads as in a sentence
_WHO = {"writer": "the writer", "editor": "the editor", "shot_planner": "the shot planner",
        "continuity_supervisor": "the continuity supervisor", "flow": ""}


@dataclass(frozen=True)
class Phrase:
    """How one event reads: spinner text (work in progress), a line (an outcome), and its tone."""

    spinner: str | None = None
    line: str | None = None
    tone: str = "plain"  # plain, good, warn, bad
    #: an event this module has no words for (its raw detail is shown)
    fallback: bool = False


def _try(event: dict[str, Any]) -> str:
    """``(try 2 of 4)`` after the first try; nothing on the first."""
    attempt, cap = int(event.get("attempt") or 1), event.get("of")
    if attempt <= 1:
        return ""
    return f" (try {attempt} of {cap})" if cap else f" (try {attempt})"


def _scene(event: dict[str, Any]) -> str:
    return f"Scene {event['scene']}" if event.get("scene") else ""


def describe(event: dict[str, Any]) -> Phrase:
    """The plain-words phrase for one flow event (unknown events fall back to their detail)."""
    what = event.get("event", "")
    scene = _scene(event)
    count = int(event.get("count") or 0)
    if what == "start":
        verb = "Resuming run" if event.get("resumed") else "Run"
        return Phrase(
            spinner="reading the treatment and the bible",
            line=f"{verb} {event['run_id'][:8]}, writing to {event['out']}\n"
                 f"  (if it stops or is interrupted, continue it with: {event['resume']})")
    if what == "reading":
        return Phrase(spinner="reading the treatment: scenes, places, times, characters, props")
    if what == "facts":
        return Phrase(spinner="planning the scenes", line=f"The treatment has {plural(count, 'scene')}.")
    if what == "outline":
        return Phrase(spinner=f"the writer is outlining the story{_try(event)}")
    if what == "outlined":
        refused = int(event.get("refused") or 0)
        extra = (f"; {plural(refused, 'scene')} of the writer's outline differed from the treatment, "
                 "so the treatment stands") if refused else ""
        return Phrase(line=f"Outline: {plural(count, 'scene')}{extra}.")
    if what == "plan":
        return Phrase(spinner=f"the editor is planning the order and length of the scenes{_try(event)}")
    if what == "planned" and event.get("agent") == "editor":
        note = event.get("note") or ""
        seconds = int(event.get("seconds") or 0)
        minutes = f"{seconds // 60} min {seconds % 60:02d} s" if seconds >= 60 else f"{seconds} s"
        line = f"Plan: {plural(count, 'scene')} for about {minutes} of screen time"
        return Phrase(line=line + (f"; {note}." if note else "."), tone="warn" if "editor" in note else "plain")
    if what in ("draft", "revise"):
        heading = event.get("heading") or ""
        pieces = int(event.get("pieces") or 0)
        verb = "rewriting " + plural(pieces, "line") + " that failed the checks" if what == "revise" else "writing"
        return Phrase(spinner=f"{scene}{' (' + heading + ')' if heading else ''}: the writer is {verb}{_try(event)}")
    if what == "checked":
        errors, fixed = int(event.get("errors") or 0), int(event.get("fixed") or 0)
        if errors == 0:
            return Phrase(line=f"{scene}: agrees with the bible and the treatment"
                               + (f" ({plural(fixed, 'problem')} fixed)." if fixed else "."), tone="good")
        first = event.get("first") or ""
        head = (f"{plural(fixed, 'problem')} fixed, {errors} still to fix" if fixed
                else f"{plural(errors, 'problem')} to fix")
        return Phrase(spinner=f"{scene}: the continuity supervisor is writing notes for the writer",
                      line=f"{scene}: {head}" + (f", e.g. {first}" if first else "")
                           + ("." if not first.endswith(".") else ""), tone="warn")
    if what == "notes":
        return Phrase(spinner=f"{scene}: sending {plural(count, 'note')} back to the writer")
    if what == "repaired":
        repairs = event.get("repairs") or []
        left = int(event.get("errors") or 0)
        done = "; ".join(repairs) if repairs else "nothing could be repaired"
        return Phrase(line=f"{scene}: tries used up, repaired from the treatment ({done})"
                           + (f"; {plural(left, 'problem')} left." if left else "; now it agrees."),
                      tone="warn" if left else "good")
    if what == "needs_review":
        why = event.get("why") or ""
        return Phrase(line=f"{scene}: {plural(count, 'problem')} left for a person to review"
                           + (f" ({why})" if why else "") + ".", tone="warn")
    if what == "auditing":
        return Phrase(spinner=f"checking the whole script ({plural(count, 'scene')}) against the bible")
    if what == "shots":
        return Phrase(spinner=f"{scene}: the shot planner is planning shots{_try(event)}")
    if what == "planned":
        return Phrase(line=f"{scene}: {plural(count, 'shot')} planned.", tone="good")
    if what == "stopped":  # the summary that follows says why and how to continue
        return Phrase(spinner="stopping: saving what is done")
    if what == "finished":
        return Phrase(spinner="writing the run folder")
    detail = str(event.get("detail", ""))
    who = _WHO.get(event.get("agent", ""), event.get("agent", ""))
    return Phrase(line=" ".join(x for x in (scene + ":" if scene else "", who, what.replace("_", " "), detail) if x),
                  fallback=True)


class _Elapsed:
    """Spinner text with the seconds since it was set, re-rendered on every refresh."""

    def __init__(self, text: str) -> None:
        self.text, self.since = text, time.monotonic()

    def __rich__(self) -> str:
        from rich.markup import escape

        seconds = int(time.monotonic() - self.since)
        return escape(self.text) + (f" [dim]({seconds} s)[/dim]" if seconds >= 2 else "")


class ProgressView:
    """A spinner for the work in progress and one line per outcome, on stderr, with Rich."""

    _COLOURS = {"good": "green", "warn": "yellow", "bad": "red"}

    def __init__(self, *, only_start: bool = False) -> None:
        from rich.console import Console

        self.console = Console(stderr=True, highlight=False)
        self.only_start = only_start
        self._status: Any = None

    def __enter__(self) -> ProgressView:
        if not self.only_start:
            self._status = self.console.status(_Elapsed("starting: loading the crew and the checks"))
            self._status.__enter__()
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    def close(self) -> None:
        """Stop the spinner (safe to call twice)."""
        if self._status is not None:
            self._status.__exit__(None, None, None)
            self._status = None

    def event(self, event: dict[str, Any]) -> None:
        """Show one flow event."""
        from rich.markup import escape

        if self.only_start and event.get("event") != "start":
            return
        phrase = describe(event)
        if phrase.line:
            colour = self._COLOURS.get(phrase.tone)
            text = escape(phrase.line)
            self.console.print(f"[{colour}]{text}[/{colour}]" if colour else text, soft_wrap=True)  # commands stay whole
        if phrase.spinner and self._status is not None:
            self._status.update(_Elapsed(phrase.spinner))
