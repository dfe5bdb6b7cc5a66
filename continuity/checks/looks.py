"""Looks and states: a character described against the look or state in force at that point of the story.

Reads :class:`continuity.story.people.People`: canon from the bible, what the script
states, and what it changes on screen. Hair colour and length, eye colour, a beard
or moustache, build and height, the side a watch, sling, bandage, scar or limp is
on (category ``appearance``); a garment's state (wet, muddy, stained) within a
continuous span (category ``wardrobe``). A contradiction of the bible or of an
on-screen change is an error; of an earlier line of the script, a warning.
"""

from __future__ import annotations

from collections.abc import Iterator

from continuity.checks.findings import Evidence, Finding
from continuity.language.traits import GARMENT_WORDS
from continuity.story.context import Context
from continuity.story.people import Conflict, Fact, People


def check(ctx: Context) -> Iterator[Finding]:
    """Yield looks and state findings."""
    for c in People.of(ctx).conflicts:
        yield _finding(c)


def looks(ctx: Context) -> Iterator[Finding]:
    """Looks, sides and the body's state (category ``appearance``)."""
    return (f for f in check(ctx) if f.category == "appearance")


def garment_states(ctx: Context) -> Iterator[Finding]:
    """A garment's state (category ``wardrobe``)."""
    return (f for f in check(ctx) if f.category == "wardrobe")


def _thing(key: str) -> tuple[str, str]:
    """The noun phrase a key is about, and the verb that agrees with it."""
    parts = key.split(".")
    if parts[0] == "hair":
        return "hair", "is"
    if parts[0] == "eyes":
        return "eyes", "are"
    if parts[0] == "side":
        thing = parts[1]
        where = f" on the {parts[2]}" if len(parts) > 2 and parts[2] not in ("body",) else ""
        return f"{thing}{where}", "is"
    if parts[0] == "state":
        target = parts[1]
        side = f" {parts[2]}" if len(parts) > 3 and parts[2] in ("left", "right") else ""
        noun = f"{side.strip()} {target}".strip() if side else target
        return noun, "are" if noun.endswith("s") and not noun.endswith("ss") else "is"
    return parts[0], "is"


_FRAME_WORDS = {"wire": "wire-framed", "shell": "shell- or plastic-framed", "rimless": "rimless"}


def describe(character: str, key: str, value: str) -> str:
    """A clause saying the value: "KASIA's hair is long", "JONAH's watch is on the right", "GERALD has no moustache"."""
    parts = key.split(".")
    if key in ("beard", "moustache"):
        return f"{character} has {'no' if value == 'none' else 'a'} {key}"
    if key.endswith(".colour") and parts[0] in ("beard", "moustache"):
        return f"{character}'s {parts[0]} is {value}"
    if key == "build":
        return f"{character}'s build is {value}"
    if key == "height":
        return f"{character} is {value}"
    if key == "glasses.worn":
        return f"{character} {'wears no' if value == 'none' else 'has'} glasses"
    if key == "glasses.frame":
        return f"{character}'s glasses are {_FRAME_WORDS.get(value, value)}"
    if parts[0] == "side":
        thing = parts[1]
        if thing == "limp":
            return f"{character} favours the {value} leg"
        if thing == "eye":
            return f"{character}'s marked eye is the {value} one"
        if thing == "lens":
            return f"{character}'s cracked lens is the {value} one"
        if thing == "stump":
            return f"{character}'s missing finger is on the {value} hand"
        if key == "side.injury.mouth":
            return f"{character}'s hurt is at the {value} corner of the mouth"
        part = parts[2] if len(parts) > 2 and parts[2] != "body" else None
        return f"{character}'s {thing} is on the {value}" + (f" {part}" if part else " side")
    noun, verb = _thing(key)
    return f"{character}'s {noun} {verb} {value}"


def _since(f: Fact) -> str:
    if f.source in ("bible", "bible-later"):
        return f"the bible says {_quote(f.text)}"
    s = f.sentence
    if f.source == "change":
        return f"it changed in scene {s.scene} ({_quote(s.text)})"
    return f"{f.value} in scene {s.scene} ({_quote(f.words)})"


def _quote(text: str, limit: int = 140) -> str:
    text = " ".join(text.split())
    return repr(text if len(text) <= limit else text[: limit - 1].rstrip() + "\u2026")


def _finding(c: Conflict) -> Finding:
    st, f = c.statement, c.against
    s = st.sentence
    category = "wardrobe" if st.key.startswith("state.clothes.") or (
        st.key.startswith("state.") and st.key.split(".")[1] in GARMENT_WORDS.values()) else "appearance"
    severity = "warning" if f.source == "script" else "error"
    message = f"{describe(st.character, st.key, st.value)} here ({_quote(st.trait.words)}), but {_since(f)}"
    if f.sentence is not None:
        evidence = Evidence(f.sentence.text, line=f.sentence.line, scene=f.sentence.scene)
    else:
        evidence = Evidence(f.text, bible=f.path)
    return Finding(
        category=category,
        severity=severity,
        scene=s.scene,
        line=s.line,
        message=message,
        text=s.text,
        character=st.character,
        subject=f"{st.character}.{attribute(st.key)}",
        evidence=(evidence,),
        extra=(("attribute", attribute(st.key)), ("value", st.value), ("dimension", st.key),
               ("expected", f.value), ("resolved_by", _resolved(st))),
    )


def _resolved(st) -> str:
    """How the owner was found, in the words the audit's JSON has always used."""
    how = st.trait.how
    if how == "poss":
        return "pronoun" if st.trait.pronoun else "possessive"
    return {"parse": "parsed", "subject": "subject", "none": "named"}.get(how, how)


def attribute(key: str) -> str:
    """The bible attribute a key belongs to: ``hair.colour`` and ``hair.length`` are ``hair``, ``side.watch`` is ``watch``."""
    parts = key.split(".")
    if parts[0] in ("side",):
        return parts[1] if parts[1] != "injury" else f"injury {parts[2]}" if len(parts) > 2 else "injury"
    if parts[0] == "state":
        return "state"
    if parts[0] in ("eyes", "hair", "beard", "moustache", "build", "height"):
        return parts[0]
    return key
