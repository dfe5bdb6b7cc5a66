"""Timeline: action that contradicts the time of day, and continuity jumps.

1. An action line with a strong daylight cue (noon sun, broad daylight) in a NIGHT
   scene, or a strong night cue (moonlight, stars overhead) in a DAY scene. The
   scene's time is inherited through CONTINUOUS/SAME/LATER headings. The cue word
   decides; the sentence's embedding must also sit nearer to daylight than to night
   descriptions (or the reverse), which keeps figurative uses out ("her face lit
   like the noon sun" in a sentence about a dark room).
2. A CONTINUOUS/SAME scene whose heading names a time of day opposite to the scene
   it continues (NIGHT, then CONTINUOUS - DAY).
Story days are computed for the report (``scene_index[].story_day``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import numpy as np

from continuity import timeline
from continuity.audit import Context
from continuity.findings import Evidence, Finding

_DAY_RE = re.compile(
    r"\b((?:noon|midday|morning|afternoon|bright|blazing|harsh|hot|summer) sun(?:light|shine)?"
    r"(?: (?:blazes|blazing|beats|beating|glares|glaring|streams|streaming|floods|flooding|pours|pouring|bakes|baking))?|"
    r"sun(?:light|shine)? (?:blazes|blazing|beats|beating|glares|glaring|streams|streaming|floods|flooding|pours|pouring|bakes|baking)|"
    r"(?:morning|afternoon) (?:light|sunlight|sun)|high noon|broad daylight|bright daylight|noon|midday|mid-day|sunny)\b",
    re.IGNORECASE,
)
_NIGHT_RE = re.compile(
    r"\b(moonlight|moonlit|full moon|the moon (?:hangs|rises|shines|glows|is)|stars (?:overhead|above|glitter|shine|wheel)|"
    r"starlit|starry sky|night sky|pitch[- ](?:black|dark)(?! (?:coat|hair|suit|dress|eyes))|midnight)\b",
    re.IGNORECASE,
)
_QUOTE_OR_IMAGE_RE = re.compile(r"\b(photo|photograph|painting|poster|picture|screen|tv|television|dream|remembers?|clock)\b", re.IGNORECASE)
_DAY_PROTOS = [
    "Bright noon sunlight floods the room.",
    "The afternoon sun blazes overhead in a clear sky.",
    "Morning light streams through the windows.",
]
_NIGHT_PROTOS = [
    "Moonlight falls across the dark room.",
    "Stars glitter in the black night sky.",
    "It is midnight and pitch dark outside.",
]


def check(ctx: Context) -> Iterator[Finding]:
    """Yield timeline findings."""
    scenes = ctx.script.scenes
    times = ctx.times
    protos = None
    for s in ctx.sentences:
        if s.kind != "action" or s.scene == 0:
            continue
        t = times[s.scene - 1]
        want = timeline.light(t)
        if want is None:
            continue
        rx = _DAY_RE if want == "dark" else _NIGHT_RE
        m = rx.search(s.text)
        if not m or _QUOTE_OR_IMAGE_RE.search(s.text):
            continue
        if protos is None:
            protos = ctx.collection.embed(_DAY_PROTOS + _NIGHT_PROTOS)
        sims = protos @ ctx.sentence_vectors[s.id]
        day, night = float(np.max(sims[:3])), float(np.max(sims[3:]))
        if (want == "dark" and day <= night) or (want == "light" and night <= day):
            continue
        scene = scenes[s.scene - 1]
        inherited = scene.heading.time != t
        source = _time_source(ctx, s.scene)
        yield Finding(
            category="timeline",
            severity="error",
            scene=s.scene,
            line=s.line,
            message=(
                f"{m.group(0)!r} describes {'daylight' if want == 'dark' else 'night'}, but the scene is "
                f"{t}{' (continuous from scene %d)' % source.index if inherited else ''}"
            ),
            text=s.text,
            subject=f"scene {s.scene} time",
            evidence=(Evidence(source.heading.text, line=source.line, scene=source.index),),
            extra=(("cue", m.group(0)), ("similarity", {"day": round(day, 3), "night": round(night, 3)})),
        )
    for i, scene in enumerate(scenes):
        if i == 0 or not timeline.is_continuous(scene):
            continue
        own = scene.heading.time
        prev = times[i - 1]
        if own in ("CONTINUOUS", "SAME", "LATER", None) or prev is None:
            continue
        a, b = timeline.light(prev), timeline.light(own)
        if a and b and a != b:
            prev_scene = scenes[i - 1]
            yield Finding(
                category="timeline",
                severity="warning",
                scene=scene.index,
                line=scene.line,
                message=f"scene continues scene {prev_scene.index} ({prev}) but is headed {own}",
                text=scene.heading.text,
                subject=f"scene {scene.index} time",
                evidence=(Evidence(prev_scene.heading.text, line=prev_scene.line, scene=prev_scene.index),),
            )


def _time_source(ctx: Context, index: int):
    """The scene whose heading set the (possibly inherited) time of scene ``index``."""
    scenes = ctx.script.scenes
    i = index - 1
    while i > 0 and scenes[i].heading.time in ("CONTINUOUS", "SAME", "LATER", None):
        i -= 1
    return scenes[i]
