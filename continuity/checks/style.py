"""Style: the script against the rules of the bible's ``style`` section, each on only when the bible asks.

- ``tense: present`` (or ``past``): an action sentence whose main verb, with its
  own subject, is in the other tense ("The door slammed.") is a warning; quoted
  words, fragments without a subject ("Pencilled inside: ...") and dialogue are
  not judged.
- ``camera_directions: no``: "we see", "we hear", "CLOSE ON", "ANGLE ON", "the
  camera pans"... in an action line are a warning (a transition such as
  ``CUT TO:`` is not a camera direction).
- ``heading_forms: ["INT. PLACE - TIME", ...]``: a scene heading that fits none of
  the forms is a warning. ``PLACE`` stands for an upper-case place (parts joined by
  `` - ``), ``TIME`` for a time of day; a trailing ``(FLASHBACK)``-like note is
  always allowed.
- ``tone_check: yes``: an action line whose embedding is an outlier against the
  tone (the ``tone`` words and ``tone_examples``), judged against the script's own
  spread like the voice check, is reported as info.

Every finding quotes the writer's words and cites the bible rule (``style.tense``...).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import numpy as np

from continuity.checks.findings import Evidence, Finding
from continuity.screenplay.heading import normalise_time
from continuity.screenplay.model import Kind
from continuity.story.context import Context

_WE_RE = re.compile(
    r"\bwe (?:see|hear|watch|follow|find|glimpse|notice|move|pan|track|pull back|push in|reveal|cut to|tilt|zoom)\b",
    re.IGNORECASE,
)
_CAMERA_RE = re.compile(r"\bthe camera (?:\w+ly )?(?:pans|moves|tracks|follows|pushes|pulls|cranes|tilts|zooms|dollies|"
                        r"holds|finds|lingers|drifts|circles|arcs|rises|settles|catches|reveals|whips)\b", re.IGNORECASE)
_SHOT_RE = re.compile(
    r"(?<![A-Za-z])(?:CLOSE ON|CLOSE-UP|CLOSE UP|CLOSEUP|EXTREME CLOSE|ANGLE ON|NEW ANGLE|REVERSE ANGLE|WIDE ON|"
    r"WIDE SHOT|TWO SHOT|INSERT(?: ON)?|POV|P\.O\.V\.|PAN (?:TO|LEFT|RIGHT|UP|DOWN|ACROSS)|TRACKING SHOT|"
    r"DOLLY (?:IN|OUT)|ZOOM (?:IN|OUT|ON|TO)|PUSH IN|PULL BACK|CRANE (?:UP|DOWN)|TILT (?:UP|DOWN)|OVERHEAD SHOT|"
    r"AERIAL SHOT|BACK TO SCENE)(?![A-Za-z])"
)
_QUOTED_RE = re.compile(r"\"[^\"]*\"|\u201c[^\u201d]*\u201d")
TONE_MIN_WORDS = 5
TONE_Z = -3.0


def requested(bible) -> bool:
    """Whether the bible asks for any style rule (the check runs only then)."""
    return bool(bible is not None and bible.style.rules)


def check(ctx: Context) -> Iterator[Finding]:
    """Yield style findings for the rules the bible's style section gives."""
    rules = ctx.bible.style.rules if ctx.explicit_bible else ()
    if "heading_forms" in rules:
        yield from _headings(ctx)
    action = [s for s in ctx.sentences if s.kind == "action" and s.scene > 0]
    if "camera_directions" in rules:
        yield from _camera(ctx)
    if "tense" in rules:
        yield from _tense(ctx, action)
    if "tone" in rules:
        yield from _tone(ctx, action)


def _finding(scene: int, line: int, text: str, rule: str, message: str, evidence: str, severity: str = "warning",
             **extra: object) -> Finding:
    return Finding(category="style", severity=severity, scene=scene, line=line, message=message, text=text,
                   subject=f"style.{rule}", evidence=(Evidence(evidence, bible=f"style.{rule}"),),
                   extra=(("rule", rule), *extra.items()))


# -- tense -------------------------------------------------------------------------------------


def _tense(ctx: Context, action) -> Iterator[Finding]:
    want = ctx.bible.style.tense
    parses = ctx.parse_many(action)
    for s, parse in zip(action, parses):
        quoted = [(m.start(), m.end()) for m in _QUOTED_RE.finditer(s.text)]
        verbs = [t for t in parse.tokens if t.tag in ("VBD", "VBZ", "VBP") and not any(a <= t.start < b for a, b in quoted)]
        main = [t for t in verbs if t.dep == "ROOT" and parse.children(t.i, "nsubj", "nsubjpass", "expl")
                or t.dep in ("aux", "auxpass") and parse.head(t.i).dep == "ROOT"]
        past = [t for t in verbs if t.tag == "VBD" and _past_form(t.lower)]
        present = [t for t in verbs if t.tag in ("VBZ", "VBP")]
        wrong = [t for t in main if t in (past if want == "present" else present)]
        if not wrong or (present if want == "present" else past):
            continue  # the tense wanted, a fragment, or a mixed sentence the parser may have misread
        verb = wrong[0].text
        yield _finding(
            s.scene, s.line, s.text, "tense",
            f"this action line is in the {'past' if want == 'present' else 'present'} tense ({verb!r}), but the "
            f"bible's style asks for action in the {want} tense",
            f"action in the {want} tense", verb=verb,
        )


def _past_form(word: str) -> bool:
    """A word that can only be a past tense: ``-ed`` or an irregular past (not ``shut``, ``put``, ``read``...)."""
    return (word.endswith("ed") and len(word) > 3) or word in _IRREGULAR_PAST


_IRREGULAR_PAST = frozenset("""was were had did went came saw took gave got made said told knew thought found left felt
kept held stood sat ran fell brought bought caught taught began drank ate wrote rode rose drove spoke broke chose froze
stole woke wore tore swore threw grew drew flew blew shook forgot hid bit lay led met paid sold sent spent built lost
meant slept swept wept crept knelt dealt heard struck stuck swung hung sang rang sank swam spun won dug slid fought sought
understood became forgave gone""".split())


# -- camera directions -------------------------------------------------------------------------


def _camera(ctx: Context) -> Iterator[Finding]:
    for index, scene in enumerate(ctx.script.scenes, 1):
        for el in scene.elements:
            if el.kind not in (Kind.ACTION, Kind.CHARACTER):
                continue
            text = " ".join(el.text.split())
            m = _WE_RE.search(text) or _CAMERA_RE.search(text) or _SHOT_RE.search(text)
            if m is None or (el.kind is Kind.CHARACTER and not _SHOT_RE.fullmatch(text.strip())):
                continue
            yield _finding(
                index, el.line, text, "camera_directions",
                f"{m.group(0)!r} is a camera direction, and the bible's style does not allow them in the action",
                "no camera directions", words=m.group(0),
            )


# -- scene headings ----------------------------------------------------------------------------


def _form_re(form: str) -> re.Pattern:
    parts = re.split(r"(PLACE|TIME)", " ".join(form.split()))
    out = []
    for part in parts:
        if part == "PLACE":
            out.append(r"(?P<place>[^a-z]+?)")
        elif part == "TIME":
            out.append(r"(?P<time>[A-Z][A-Z' /-]*?)")
        else:
            out.append(r"\s+".join(re.escape(w) for w in part.split(" ")))
    return re.compile("^" + "".join(out) + r"(?:\s*\([^)]*\))*$")


def _headings(ctx: Context) -> Iterator[Finding]:
    forms = list(ctx.bible.style.heading_forms)
    patterns = [_form_re(f) for f in forms]
    for index, scene in enumerate(ctx.script.scenes, 1):
        text = " ".join(scene.heading.text.split())
        if any(_fits(p, text) for p in patterns):
            continue
        shown = ", ".join(repr(f) for f in forms)
        yield _finding(
            index, scene.line, text, "heading_forms",
            f"the scene heading {text!r} fits none of the bible's heading forms ({shown})",
            "; ".join(forms),
        )


def _fits(pattern: re.Pattern, text: str) -> bool:
    m = pattern.match(text)
    if m is None:
        return False
    time = m.groupdict().get("time")
    return time is None or normalise_time(time) is not None


# -- tone --------------------------------------------------------------------------------------


def _tone(ctx: Context, action) -> Iterator[Finding]:
    style = ctx.bible.style
    refs = [p.strip() for p in re.split(r"(?<=[.;:!?])\s+", style.tone or "") if p.strip()] + list(style.tone_examples)
    units = [s for s in action if len(s.text.split()) >= TONE_MIN_WORDS]
    if not refs or len(units) < 8:
        return
    ref = ctx.collection.embed(refs).mean(axis=0)
    ref /= max(float(np.linalg.norm(ref)), 1e-9)
    vecs = ctx.sentence_vectors[[s.id for s in units]]
    vecs = vecs / np.maximum(np.linalg.norm(vecs, axis=1, keepdims=True), 1e-9)
    sims = vecs @ ref
    mu = float(np.median(sims))
    sd = float(np.median(np.abs(sims - mu))) * 1.4826 or 1e-6
    for s, sim in zip(units, sims):
        z = (float(sim) - mu) / sd
        if z > TONE_Z or sim > mu - 0.15:
            continue
        yield _finding(
            s.scene, s.line, s.text, "tone",
            f"this action line is far from the bible's tone (similarity {sim:.2f} to its tone words and examples, "
            f"typical {mu:.2f})",
            style.tone or "; ".join(style.tone_examples), severity="info",
            similarity=round(float(sim), 3), z=round(z, 2),
        )


__all__ = ["check", "requested"]
