"""Appearance: hair, eyes, age, build, beard... stated differently from canon.

Canon is the bible's attribute when it has one, else the first time the script
states the value (an introduction, usually). A later statement in the same period
of the story (not a flashback, not another year) that conflicts is reported.
Sentences that signal a deliberate change ("now blonde", "dyed", "a wig") are
reported as info, not as errors.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from continuity.checks.findings import Evidence, Finding, observation_finding
from continuity.language.lexicon import values_conflict
from continuity.story.context import Context

# Attributes that honestly change with story time (ages, hair, weight, beards).
_TIME_BOUND = {"age", "hair", "build", "beard"}
# What signals a deliberate change of each attribute. "takes off her gloves" changes no
# one's age: a sentence's wardrobe change is not a change of looks.
_DELIBERATE = {
    "hair": re.compile(r"\b(?:now|dyed?|dyes|dyeing|bleach\w*|(?:has )?cut|cuts|shaved?|shaves|shaven|wig|disguised?|"
                       r"new|fresh|turned|streaked|rinse)\b", re.IGNORECASE),
    "beard": re.compile(r"\b(?:now|shaved?|shaves|shaven|grown|grew|grows|trimmed|fake|false|stick-on|new|disguised?)\b",
                        re.IGNORECASE),
    "eyes": re.compile(r"\b(?:now|contacts?|lens(?:es)?|disguised?|turned|glass eye)\b", re.IGNORECASE),
    "age": re.compile(r"\b(?:now|disguised?|make-?up|prosthetics?|aged|years later|looks? (?:older|younger))\b",
                      re.IGNORECASE),
    "build": re.compile(r"\b(?:now|padding|padded|fat suit|disguised?|(?:lost|gained|put on) (?:some )?weight|wasted|"
                        r"thinner|fatter|heavier)\b", re.IGNORECASE),
}


#: What this check still reads itself; hair, eyes, beards, build and sides are read
#: with the story's people (:mod:`continuity.checks.looks`).
_OWN = {"age"}


def check(ctx: Context) -> Iterator[Finding]:
    """Yield appearance findings."""
    canon: dict[tuple[str, str], object] = {}
    # An extracted bible restates the script's own introductions: those are found
    # as observations below, with their lines, so only a user's bible is canon here.
    for c in ctx.bible.characters if ctx.explicit_bible else ():
        for attr, value in c.attributes.items():
            if attr not in _OWN:
                continue
            canon[(ctx.cue_of.get(c.name, c.name), attr)] = (
                "bible", attr, _canonical(attr, value), f"characters.{c.name}.attributes.{attr}", value)
    for obs in ctx.observations:
        if obs.attribute not in _OWN:
            continue
        key = (obs.character, obs.attribute)
        scene = obs.sentence.scene
        known = canon.get(key)
        if known is None:
            canon[key] = ("script", obs)
            continue
        if known[0] == "bible":
            _, attr, value, path, raw = known
            if ctx.is_flashback(scene) and attr in _TIME_BOUND:
                continue
            if not values_conflict(attr, value, obs.value):
                continue
            yield _finding(obs, f"{obs.character}'s {attr} {_be(attr)} {obs.value} here ({obs.words!r}), "
                                f"but the bible says {raw!r}", Evidence(str(raw), bible=path), "error", ctx)
            continue
        first = known[1]
        if obs.attribute in _TIME_BOUND and ctx.period(scene) != ctx.period(first.sentence.scene):
            continue
        if ctx.is_flashback(scene) != ctx.is_flashback(first.sentence.scene):
            continue
        if not values_conflict(obs.attribute, first.value, obs.value):
            continue
        yield _finding(
            obs,
            f"{obs.character}'s {obs.attribute} {_be(obs.attribute)} {obs.value} here ({obs.words!r}), "
            f"but {first.value} in scene {ctx.scene_number(first.sentence.scene)} ({first.words!r})",
            Evidence(first.sentence.text, line=first.sentence.line, scene=first.sentence.scene),
            "warning",
            ctx,
        )


def _be(attribute: str) -> str:
    """The verb that agrees with the attribute: "eyes are", "hair is"."""
    return "are" if attribute in ("eyes", "glasses") else "is"


def _canonical(attr: str, raw: str) -> str:
    from continuity.language.lexicon import appearance_in, normalise_age

    if attr == "age":
        return normalise_age(str(raw))
    probe = {"hair": f"{raw} hair", "eyes": f"{raw} eyes", "beard": f"{raw} beard"}.get(attr, str(raw))
    for v in appearance_in(probe):
        if v.attribute == attr:
            return v.value
    return str(raw).lower()


def _deliberate(obs) -> bool:
    """Whether the sentence signals a deliberate change of this attribute ("now blonde", "dyed", "contact lenses")."""
    pattern = _DELIBERATE.get(obs.attribute)
    return bool(pattern.search(obs.sentence.text)) if pattern is not None else bool(obs.change)


def _finding(obs, message: str, evidence: Evidence, severity: str, ctx: Context) -> Finding:
    if _deliberate(obs):
        severity = "info"
        message += " (the line reads like a deliberate change; add it to the bible if so)"
    extra = (("attribute", obs.attribute), ("value", obs.value))
    return observation_finding(obs, "appearance", severity, message, evidence, extra)
