"""Timeline: action that contradicts the time of day, and continuity jumps.

The ``timeline`` check is this module with :mod:`continuity.checks.timeline_calendar`
(time that cannot have passed; weekdays and dates against the story days) and
:mod:`continuity.checks.timeline_ages` (ages against the bible and the years stated).

1. An action line with a strong daylight cue (noon sun, broad daylight, a low
   evening sun, a bar of sun) in a NIGHT scene, or a strong night cue (moonlight,
   stars overhead) in a DAY scene. A sky word inside a compound or the name of a
   thing is not a cue ("crescent-moon earrings", "sun-bleached", "a moon pendant"). The
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

from continuity.checks.findings import Evidence, Finding
from continuity.story.context import Context
from continuity.story.time import is_continuous
from continuity.screenplay.heading import normalise_time
from continuity.story.time_words import light

_DAY_RE = re.compile(
    r"\b((?:noon|midday|morning|afternoon|bright|blazing|harsh|hot|summer) sun(?:light|shine)?"
    r"(?: (?:blazes|blazing|beats|beating|glares|glaring|streams|streaming|floods|flooding|pours|pouring|bakes|baking))?|"
    r"sun(?:light|shine)? (?:blazes|blazing|beats|beating|glares|glaring|streams|streaming|floods|flooding|pours|pouring|bakes|baking)|"
    r"(?:morning|afternoon) (?:light|sunlight|sun)|high noon|broad daylight|bright daylight|noon|midday|mid-day|sunny|"
    r"(?:low|late|setting|evening|last|slanting|golden|pale|warm|weak|watery) (?:sun|sunlight|sunshine)|"
    r"(?:bar|shaft|slant|wedge|strip|patch|blade|finger)s? of (?:sun|sunlight)|"
    r"sun (?:slides|slants|spills|lies|sits|hangs|glints|gleams|catches|warms|lights|shines|glares) |"
    r"(?:the )?sun (?:rises|is rising|comes up|climbs|is up|is high|breaks through|peeks over|crests)|sunrise|sun-up|sunup|"
    r"(?:the )?sun(?: again)?,? high(?: now)?,? (?:over|above|in)\b|"  # "The sun again, high now, over the chimney"
    r"dawn (?:breaks|chorus)|first light|birdsong|birds (?:sing|singing|chirp|chirping|twitter)|sunlit|sun-drenched|"
    r"sunbeams?|blue sky|cloudless sky|daylight (?:floods|streams|pours|fills)|"
    r"(?:full of|bright with|flooded with|filled with|thick with|awash with) (?:sun|sunlight|sunshine|daylight)\b|"
    r"(?:morning|afternoon|midday|noon|noonday) (?:heat|glare|haze|light|sunlight|sun|brightness)|"
    # "a hard blue afternoon sky" (but not "a deep blue night sky", "a blue-black sky")
    r"(?:blue|cloudless|afternoon|midday|noon|noonday|morning)\s+(?:(?!night\b|dark\b|black\b|inky?\b|starr?y?\b)[a-z]+\s+){0,2}sky|"
    # the sun as the one doing something, whatever words come before it ("A low winter sun lays a path")
    r"(?:a|the) (?:[a-z]+ ){0,2}sun (?!sets\b|set\b|has\b|had\b|is down|goes down|went down|is gone|sinks|sank|dips|"
    r"dipped|drops|dropped|slips|slipped|disappears|disappeared|vanishes)[a-z]+s\b|"
    r"(?<!\bno )(?<!\bwithout )(?<!\bany )sun(?:light|shine) (?!lamps?\b|beds?\b)[a-z]+s\b)",
    re.IGNORECASE,
)
_NIGHT_RE = re.compile(
    r"\b(moonlight|moonlit|moonbeams?|(?:a |the )?(?:full |crescent |half |new |pale |silver )?moon(?:'s)?"
    r"(?: (?:hangs|rises|shines|glows|is|peeks|breaks|sits|sails|casts|lights))?|"
    r"stars? (?:overhead|above|glitter|glittering|shine|shining|wheel|wheeling|twinkle|twinkling|fill|come out|are out)|"
    r"(?:the |counting the |count the |under the |beneath the )?stars (?!of\b)\w+|starlight|starlit|starry sky|"
    r"(?:night|black|dark|inky|moonless) sky|sky full of stars|crickets? (?:chirp|chirping|sing|singing|trill|trilling)|"
    r"pitch[- ](?:black|dark)(?! (?:coat|hair|suit|dress|eyes))|midnight|dead of night|middle of the night|"
    r"darkness (?:falls|outside)|night has fallen|streetlights? (?:flicker|buzz|hum|glow)|owls? hoots?|"
    # "The skylights are black squares now", "the windows have gone dark"
    r"(?:windows?|skylights?|window-?panes?|portholes?)\s+(?:are|is|have gone|has gone|go|goes|went|turn|turns|"
    r"turned)\s+(?:now\s+|already\s+|fully\s+)?(?:black|dark|inky))\b",
    re.IGNORECASE,
)
#: A sky word inside the name of a thing is no cue: "crescent-moon earrings", "sun-bleached", "a moon pendant".
_THING_AFTER_RE = re.compile(r"^(?:-|\s+(?:earrings?|pendants?|necklaces?|charms?|tattoos?|logos?|prints?|patterns?|motifs?|"
                             r"shaped|decals?|stickers?|emblems?|badges?|brooch(?:es)?|rings?|clips?|lamps?|cakes?|"
                             r"pies?|signs?|flags?|symbols?|lanterns?|tiles?|mobiles?|hats?|visors?|umbrellas?|loungers?|"
                             r"beds?|dials?|faces?\s+clock))\b", re.IGNORECASE)
#: In a DAWN or DUSK scene: a sun high in the sky, or the sun going the other way.
_NOON_RE = re.compile(r"\b(?:noon|midday|noonday|mid-day|overhead|afternoon) (?:sun(?:light|shine)?|light)\b|\bhigh noon\b|"
                      r"\bsun (?:is )?(?:high|straight overhead)\b|\b(?:noon|midday|afternoon) (?:heat|glare)\b",
                      re.IGNORECASE)
_SUNSET_RE = re.compile(r"\b(?:the )?sun (?:is )?(?:going|goes|sinking|sinks|dropping|drops|slipping|slips) "
                        r"(?:down|below|behind)\b|\bsetting sun\b|\bsun sets\b|\bsunset\b|\bsundown\b",
                        re.IGNORECASE)
_SUNRISE_RE = re.compile(r"\b(?:the )?sun (?:is )?(?:rising|rises|coming up|comes up|climbing)\b|\bsunrise\b|"
                         r"\bdawn breaks\b|\bfirst light\b|\bdaybreak\b", re.IGNORECASE)
#: The cues that contradict a twilight scene, by its canonical time.
_TWILIGHT = {"DAWN": ((_NOON_RE, "a sun high in the day"), (_SUNSET_RE, "a setting sun")),
             "DUSK": ((_NOON_RE, "a sun high in the day"), (_SUNRISE_RE, "a rising sun"))}
_QUOTE_OR_IMAGE_RE = re.compile(r"\b(photo|photograph|painting|poster|picture|screen|tv|television|dream|remembers?|"
                                r"projector|projected|projection|planetarium|dome)\b", re.IGNORECASE)
#: A place whose sky is made indoors: the stars on a planetarium's dome are no night.
_MADE_SKY_RE = re.compile(r"\b(?:PLANETARIUM|DOME|STAR THEATRE|STAR THEATER|PROJECTION|SKY THEATRE)\b", re.IGNORECASE)
_NUMBERS = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve".split())}
# A clock time stated as now: "It is three in the morning", "the clock reads 2:14 AM", "4 A.M."
_CLOCK_RE = re.compile(
    r"(?:\b(?:it is|it's|its|it was|the time is|(?:clock|watch|display|dashboard|screen)\w*(?: [\w']+){0,4}? (?:reads?|shows?|says?|"
    r"strikes?|ticks? (?:past|over|to)|hits?|chimes?|flashes|glows?|blinks?)|reading|now)\s+(?:almost |nearly |just |only |past |after )?"
    r"(?:(?:a )?quarter (?:past|to|after) |half past |twenty (?:past|to) |ten (?:past|to) |five (?:past|to) )?"
    r"|^)"
    r"(?P<h>\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)(?::(?P<m>\d{2}))?"
    r"(?:\s*o'clock)?\s*(?P<ap>a\.?\s?m\.?|p\.?\s?m\.?|in the (?:morning|afternoon|evening)|at night)",
    re.IGNORECASE,
)
_DAY_PROTOS = [
    "Bright noon sunlight floods the room.",
    "The afternoon sun blazes overhead in a clear sky.",
    "Morning light streams through the windows.",
    "Birds sing as the sun comes up.",
]
_NIGHT_PROTOS = [
    "Moonlight falls across the dark room.",
    "Stars glitter in the black night sky.",
    "It is midnight and pitch dark outside.",
    "The moon hangs over the sleeping town.",
]
_N_DAY = len(_DAY_PROTOS)
#: how much nearer the other light's descriptions a sentence must be to veto its cue
_VETO = 0.08
_FIGURATIVE_RE = re.compile(
    r"\b(?:like|as if|as though|as bright as|stars in (?:his|her|their|your|my) eyes|seeing stars|sees stars|"
    r"(?<!sky )full of stars|star of|(?:movie|rock|pop|film|gold|porn|football|tv|child) stars?|stars align|over the moon|"
    r"blue moon|moon face|"
    r"honeymoon|moon boots|sunflower|sunglasses|sun hat|sun lounger|sunscreen|sun cream|sunday)\b",
    re.IGNORECASE,
)


def clock_light(text: str) -> tuple[str, str] | None:
    """``("light"|"dark", words)`` for a clock time stated as the present, or None.

    Hours near dusk and dawn (5-7) say nothing either way.
    """
    m = _CLOCK_RE.search(text)
    if not m:
        return None
    raw = m.group("h").lower()
    hour = _NUMBERS.get(raw, None) if not raw.isdigit() else int(raw)
    if hour is None or hour > 24:
        return None
    ap = m.group("ap").lower().replace(" ", "").replace(".", "")
    if ap in ("pm", "intheafternoon", "intheevening") and hour < 12:
        hour += 12
    elif ap == "atnight" and hour < 12 and hour >= 5:
        hour += 12
    elif ap in ("am", "inthemorning") and hour == 12:
        hour = 0
    if hour >= 21 or hour <= 4:
        return "dark", m.group(0).strip()
    if 8 <= hour <= 17:
        return "light", m.group(0).strip()
    return None


def check(ctx: Context) -> Iterator[Finding]:
    """Yield timeline findings."""
    times = ctx.times
    protos = None
    for s in ctx.sentences:
        if s.scene == 0:
            continue
        t = times[s.scene - 1]
        want = light(t)
        if want is None:
            yield from _twilight(ctx, s, t)
            continue
        if _QUOTE_OR_IMAGE_RE.search(s.text):
            continue
        heading = ctx.script.scenes[s.scene - 1].heading
        if want == "light" and (heading.setting or "").startswith("INT") and _MADE_SKY_RE.search(heading.location) \
                and not re.search(r"\b(?:window|outside|skylight|door|through|slit|shutter)\b", s.text, re.IGNORECASE):
            continue  # "Overhead, the stars come out" under a planetarium's dome at eleven in the morning
        clock = clock_light(s.text)
        if clock is not None and s.kind == "dialogue" and not re.match(r"(?:it is|it's|its)\b", clock[1], re.I):
            clock = None  # in dialogue only "it's three in the morning" tells the time now
        if clock is not None:
            if clock[0] == want:
                continue
            cue, day, night = clock[1], None, None
        else:
            if s.kind != "action":
                continue
            rx = _DAY_RE if want == "dark" else _NIGHT_RE
            m = next((m for m in rx.finditer(s.text) if not _in_a_name(s.text, m) and not _a_cast_name(ctx, m)
                      and not _quoted(s.text, m.start())), None)
            if not m:
                continue
            if protos is None:
                protos = ctx.collection.embed(_DAY_PROTOS + _NIGHT_PROTOS)
            sims = protos @ ctx.sentence_vectors[s.id]
            day, night = float(np.max(sims[:_N_DAY])), float(np.max(sims[_N_DAY:]))
            # The cue decides; the embedding only vetoes a sentence clearly about the other light.
            if (want == "dark" and night - day > _VETO) or (want == "light" and day - night > _VETO):
                continue
            if _FIGURATIVE_RE.search(s.text[max(0, m.start() - 40) : m.end() + 25]):
                continue
            cue = m.group(0)
        similarity = ((("similarity", {"day": round(day, 3), "night": round(night, 3)}),) if day is not None else ())
        yield _against_light(ctx, s, t, cue, "daylight" if want == "dark" else "night", similarity)
    yield from _jumps(ctx)


def _against_light(ctx: Context, s, t: str, cue: str, what: str, extra: tuple = ()) -> Finding:
    """``cue`` describes ``what``, but the scene (or the one it continues) is ``t``; the heading is the evidence."""
    source = _time_source(ctx, s.scene)
    scene = ctx.script.scenes[s.scene - 1]
    inherited = scene.heading.time != t
    evidence = (Evidence(source.heading.text, line=source.line, scene=source.index),)
    if inherited and scene.heading.time == "LATER" and source.index != scene.index:
        # "INT. BINDERY - MOMENTS LATER" after a DAY scene, and "The skylights are black squares now": either line
        # may be the slip; the finding is on the light and cites the transition beside the scene it follows
        return Finding(
            category="timeline", severity="error", scene=s.scene, line=s.line,
            message=(f"{cue!r} describes {what}, but {scene.heading.text!r} follows a {t} scene "
                     f"(scene {ctx.scene_number(source.index)})"),
            text=s.text, subject=f"scene {s.scene} time",
            evidence=(Evidence(scene.heading.text, line=scene.line, scene=scene.index), *evidence),
            extra=(("cue", cue),) + extra,
        )
    return Finding(
        category="timeline",
        severity="error",
        scene=s.scene,
        line=s.line,
        message=(f"{cue!r} describes {what}, but the scene is "
                 f"{t}{' (continuous from scene %s)' % ctx.scene_number(source.index) if inherited else ''}"),
        text=s.text,
        subject=f"scene {s.scene} time",
        evidence=evidence,
        extra=(("cue", cue),) + extra,
    )


def _twilight(ctx: Context, s, t: str | None) -> Iterator[Finding]:
    """A noon sun or a sun going the wrong way in a DAWN or DUSK scene ("the sun is going down" at DAWN)."""
    rules = _TWILIGHT.get(normalise_time(t) if t else "")
    if not rules or s.kind != "action" or _QUOTE_OR_IMAGE_RE.search(s.text):
        return
    for rx, what in rules:
        m = next((m for m in rx.finditer(s.text) if not _in_a_name(s.text, m)), None)
        if m is None or _FIGURATIVE_RE.search(s.text[max(0, m.start() - 40): m.end() + 25]):
            continue
        yield _against_light(ctx, s, t, m.group(0), what)
        return


def _jumps(ctx: Context) -> Iterator[Finding]:
    """A CONTINUOUS scene headed with the opposite light of the scene it continues."""
    scenes = ctx.script.scenes
    times = ctx.times
    for i, scene in enumerate(scenes):
        if i == 0 or not is_continuous(scene) or ctx.spans[i] != ctx.spans[i - 1]:
            continue  # (an episode that opens CONTINUOUS without continuing the last starts afresh)
        own = scene.heading.time
        prev = times[i - 1]
        if own in ("CONTINUOUS", "SAME", "LATER", None) or prev is None:
            continue
        a, b = light(prev), light(own)
        if a and b and a != b:
            prev_scene = scenes[i - 1]
            yield Finding(
                category="timeline",
                severity="warning",
                scene=scene.index,
                line=scene.line,
                message=f"scene continues scene {ctx.scene_number(prev_scene.index)} ({prev}) but is headed {own}",
                text=scene.heading.text,
                subject=f"scene {scene.index} time",
                evidence=(Evidence(prev_scene.heading.text, line=prev_scene.line, scene=prev_scene.index),),
            )


def _in_a_name(text: str, m: re.Match) -> bool:
    """The cue is part of a compound or the name of a thing ("crescent-moon earrings", "sun-bleached")."""
    before = text[: m.start()]
    if (before.endswith("-") and not re.search(r"\b(?:late|early|mid|high)-$", before, re.IGNORECASE)) or \
            _THING_AFTER_RE.match(text[m.end():]):
        return True  # (but "the late-afternoon sun" is a time of day)
    if re.search(r"\b(?:neon|painted|plastic|cardboard|paper|tin|wooden|cut-out|inflatable|printed|stencilled|"
                 r"embroidered)\s+$", before, re.IGNORECASE) or re.search(
            r"\b(?:neon|painted|plastic|cardboard|paper|tin|wooden|cut-out|inflatable|printed|stencilled|embroidered)"
            r"\s+(?:sun|moon|stars?)\b", m.group(0), re.IGNORECASE):
        return True  # "The neon sun buzzes over the lot": a motel's sign
    # "a bar of Sunlight soap", "a Morning Star": a capital inside a sentence names a brand or a thing
    word = re.search(r"(?i)\b(?:sun\w*|moon\w*|stars?|noon|midday|morning|afternoon|dawn|midnight)\b", m.group(0))
    if word and word.group(0).isupper() and re.search(r"\b[A-Z]{2,}[\s-]+$", before[-20:] + m.group(0)[:word.start()]
                                                      ) or word and word.group(0).isupper() and re.match(
            r"[\s-]+[A-Z]{2,}\b", m.group(0)[word.end():] + text[m.end():]):
        return True  # "MIDNIGHT SUN." in signwriting on a boat: lettering, not the sky
    return bool(word and word.group(0)[0].isupper() and before.strip() and not re.search(r"[.!?:\"]\s*$", before))


def _quoted(text: str, at: int) -> bool:
    """Whether ``at`` is inside double quotes (a song on the radio, a sign): words heard or read, not the sky."""
    return text[:at].count('"') % 2 == 1 or (text[:at].count("\u201c") > text[:at].count("\u201d"))


def _a_cast_name(ctx: Context, m: re.Match) -> bool:
    """The cue word is a character's name as written ("Midnight bounces at Marcus's knee": the dog)."""
    word = m.group(0)
    return word[:1].isupper() and word.upper() in ctx.cast.surface


def _time_source(ctx: Context, index: int):
    """The scene whose heading set the (possibly inherited) time of scene ``index``."""
    scenes = ctx.script.scenes
    i = index - 1
    while i > 0 and scenes[i].heading.time in ("CONTINUOUS", "SAME", "LATER", None):
        i -= 1
    return scenes[i]
