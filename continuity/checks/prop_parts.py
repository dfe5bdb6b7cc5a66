"""Prop parts: a part of a bible prop (its lid, spout, handle, laces) in a colour or material the bible contradicts.

A bible describes a prop by its parts as often as by the whole: "clear plastic specimen
box, blue snap lid", "red plastic gas can with a cracked yellow spout", "walnut handle
with three brass rivets", "oxblood leather gloves, WHITE laces". Each part's colour and
material is read from the words before the part ("blue snap lid"), a compound
("blue-lidded") or what follows it ("a duck's head handle carved in walnut").

In the script, a part said in a colour or a material ("the clear plastic box with the
green lid", "its black spout", "Black laces.") belongs to the one bible prop that has
that part and is named in the same sentence, or in one of the three sentences before it
in the same scene; a part "of" something else ("the lid of the cooler") is not the
prop's. A part that names another object or a change on screen ("a new lid", "repaints
the handle") is not compared; nor is a flashback.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from continuity.checks.findings import Evidence, Finding
from continuity.checks.prop_look import OTHER_RE, bible_looks, bible_replacements, display_name, prop_names
from continuity.language.lexicon import MATERIALS, colour_parts, wood_named
from continuity.story.context import Context
from continuity.story.thing_looks import MATERIAL_COLOURS, Look, looks_conflict, wood_of

#: Parts of a thing, by the name the part goes by (plural -> singular).
PARTS = {p: p for p in ("lid", "spout", "handle", "grip", "lace", "shaft", "blade", "strap", "buckle", "clasp", "hinge",
                        "rivet", "stock", "barrel", "dial", "spine", "nib", "knob", "pommel", "hilt", "sheath", "bezel",
                        "stopper", "cork", "cover", "copy", "ribbon", "tassel", "cord", "chain", "trim", "stripe",
                        "binding", "lining", "stitching", "lettering", "wheel", "tyre", "tire", "mudguard", "fender",
                        "saddle", "seat", "frame", "lens", "cap", "shard", "fragment", "lanyard", "tape", "guard",
                        "case", "flag", "head", "casing", "sleeve", "holster", "scabbard", "bristles", "face")}
PARTS.update({p + "s": p for p in list(PARTS)})
PARTS.update({"laces": "lace", "hinges": "hinge", "lenses": "lens"})
#: What is left of a broken thing, in its own colour and material.
_PIECES = ("shard", "fragment")
#: "blue-lidded", "red-handled": the colour of the part, in one word.
_COMPOUND = {"lidded": "lid", "handled": "handle", "spouted": "spout", "strapped": "strap", "laced": "lace",
             "capped": "cap", "bladed": "blade", "hilted": "hilt", "framed": "frame", "spined": "spine",
             "headed": "head", "cased": "case", "faced": "face"}
_PART_RE = re.compile(r"\b(?P<before>(?:[\w'-]+\s+){0,3})(?P<part>" + "|".join(sorted(PARTS, key=len, reverse=True))
                      + r")\b(?=(?P<after>[^.;,]{0,30}))", re.IGNORECASE)
_COMPOUND_RE = re.compile(r"\b(?P<word>[a-z]+)-(?P<part>" + "|".join(_COMPOUND) + r")\b", re.IGNORECASE)
#: Words that close the noun phrase before a part: what comes before them describes something else.
_STOP = frozenset("the a an its his her their with and or of in on at to from by for this that these those some "
                  "one two three is are was were has have".split())
_AFTER_RE = re.compile(r"^\s+(?:carved|made|cut|turned|done|set|worked|finished)\s+(?:in|of|from)\s+(?P<m>[\w-]+)"
                       r"|^\s+of\s+(?P<m2>[\w-]+)\b|^\s+in\s+(?P<m3>[\w-]+)\b", re.IGNORECASE)
_OF_RE = re.compile(r"^\s+of\s+(?:the\s+|a\s+|an\s+|his\s+|her\s+|their\s+|its\s+)?(?P<what>(?:[\w'-]+\s*){1,3})",
                    re.IGNORECASE)
_REPAIR_RE = re.compile(r"\b(?:repaint\w*|paints?|painted|new|replac\w*|swap\w*|re-?lac\w*|fix\w*|mend\w*|spare)\b",
                        re.IGNORECASE)
#: Sentences before a part that may name the prop it belongs to.
WINDOW = 3


def _look_of(words: list[str], text: str) -> Look | None:
    """The colour and material in ``words`` (the words before a part, nearest last), or None."""
    kept: list[str] = []
    for w in reversed(words):
        low = w.lower().strip("'")
        if low in _STOP or low.endswith(("'s", "\u2019s")):
            break
        kept.insert(0, w)
    low = [w.lower() for w in kept]
    colour = next((w for w in low if colour_parts(w)), None)
    material = next((m for m in map(_material, low) if m), None)
    metal = next((w for w in low if w in MATERIAL_COLOURS), None)
    if colour is None and material is None:
        return None
    return Look(colour, material, " ".join(kept + text.split()[-1:]), metal)


def _material(word: str) -> str | None:
    """A material's family ("walnut", "hickory": wood), or None."""
    return MATERIALS.get(word) or ("wood" if wood_named(word) else None)


def _stuff_word(look: Look) -> str | None:
    """The writer's word for what a part is made of ("ivory"), else the family ("bone")."""
    return next((w for w in re.findall(r"[a-z]+", look.words.lower()) if _material(w) == look.material), look.material)


def parts_in(text: str, *, bible: bool = False) -> list[tuple[str, Look, int, int]]:
    """(part, look, start, end) for each part of ``text`` said in a colour or material.

    In a bible's words a material may follow the part too ("handle carved in walnut").
    """
    out = []
    for m in _PART_RE.finditer(text):
        words = m.group("before").split()
        if re.search(r"\bin\s+(?!(?:its|his|her|their)\s)(?:[\w-]+\s+){0,2}$", m.group("before")) and not re.search(
                r"\b(?:wrapped|bound|covered|wound)\s+in\s+(?:[\w-]+\s+){0,2}$", text[:m.start("part")]):
            continue  # "ROUTES on the spine in white tape": what the lettering is done in, not a part ("in its
            # red case" is)
        look = _look_of(words, text[m.start():m.end("part")])
        if look is None and bible and not re.search(r"\b(?:on|across|along|inside|under)\s+(?:the|its)\s+$",
                                                      m.group("before"), re.IGNORECASE):
            # ("a stripe of red nail varnish", "a handle carved in walnut"; not "ORCHARD on the spine in white tape")
            a = _AFTER_RE.match(m.group("after"))
            w = (a.group("m") or a.group("m2") or a.group("m3")).lower() if a else ""
            if a and a.group("m3") and not _material(w):
                w = ""  # "the lid in white": the colour of what is on it, maybe
            if w and (colour_parts(w) or _material(w)):
                look = Look(w if colour_parts(w) else None, _material(w), text[m.start():m.end("after")].strip(),
                            w if w in MATERIAL_COLOURS else None)
        if look is not None:
            out.append((PARTS[m.group("part").lower()], look, m.start("part"), m.end("part")))
    for m in _COMPOUND_RE.finditer(text):
        w = m.group("word").lower()
        if colour_parts(w) or _material(w):
            out.append((_COMPOUND[m.group("part").lower()],
                        Look(w if colour_parts(w) else None, _material(w), m.group(0), w if w in MATERIAL_COLOURS
                             else None), m.start(), m.end()))
    return out


def _owner_by_parts(ctx: Context, s, known: dict[str, dict], part: str, start: int) -> set[str]:
    """The prop a part belongs to when no name says it: the one prop with both this part and another part the
    sentence names ("the red tape on her borrowed guard": the épée with tape and a guard), or the one prop with
    this part whose name holds the owner's name ("her old orange wheels": ROZ SKATES, when "her" is Roz)."""
    named = {PARTS[m.group("part").lower()] for m in _PART_RE.finditer(s.text)} - {part}
    both = {n for n, parts in known.items() if part in parts and named & set(parts)}
    if both:
        return both
    having = [n for n, parts in known.items() if part in parts]
    whose = re.search(r"\b(his|her)\s+(?:[\w-]+\s+){0,3}$", s.text[:start], re.IGNORECASE)
    if len(having) != 1 or whose is None:
        return set()
    who = ctx.reader.previous_named(s, "m" if whose.group(1).lower() == "his" else "f", include_self=True)
    first = (who or "").split()[0].lower() if who else ""
    return set(having) if first and first in re.findall(r"[a-z]+", having[0].lower()) else set()


def bible_parts(ctx: Context) -> dict[str, dict[str, tuple[Look, str]]]:
    """Each bible prop's parts as the bible gives them: name -> part -> (look, key path)."""
    out: dict[str, dict[str, tuple[Look, str]]] = {}
    for p in ctx.bible.props:
        texts = [(p.description or "", f"props.{p.name}.description")] + [
            (str(v), f"props.{p.name}.attributes.{k}") for k, v in p.attributes.items()]
        for text, path in texts:
            # before any "originally", "replaced by": what the part was, or will be, is not what it is
            text = re.split(r"\b(?:originally|formerly|used to be|replaced|later|until)\b", text, maxsplit=1,
                            flags=re.IGNORECASE)[0]
            for part, look, _, _ in parts_in(text, bible=True):
                out.setdefault(p.name, {}).setdefault(part, (look, path))
    return out


def check(ctx: Context) -> Iterator[Finding]:
    """Yield a finding for each part of a bible prop said in a colour or material its bible entry contradicts."""
    known = bible_parts(ctx)
    for name, whole in bible_looks(ctx).items():
        # "smashes on the quarry tiles ... picking up green shards": the pieces are the whole thing's colour
        for piece in _PIECES:
            known.setdefault(name, {}).setdefault(piece, whole)
    if not known:
        return
    replaced = bible_replacements(ctx)
    names = {name: re.compile(r"\b(?:" + "|".join(re.escape(w) for w in words) + r")\b", re.IGNORECASE)
             for name, words in prop_names(ctx, garments=True) if name in known}
    if not names:
        return
    scene_sentences: list = []
    reported: set[tuple[str, str, int]] = set()
    for s in ctx.sentences:
        if s.scene <= 0:
            continue
        if scene_sentences and scene_sentences[-1].scene != s.scene:
            scene_sentences = []
        scene_sentences.append(s)
        if s.kind != "action" or ctx.is_flashback(s.scene) or _REPAIR_RE.search(s.text):
            continue
        for part, look, start, end in parts_in(s.text):
            of = _OF_RE.match(s.text[end:])
            if of:  # "the walnut grips of the deputy's pistol": the pistol's, whichever that is
                owners = {n for n, rx in names.items() if rx.search(of.group("what")) and part in known[n]}
            else:
                window = scene_sentences[-WINDOW - 1:]
                owners = {n for n, rx in names.items() if part in known[n] and any(rx.search(x.text) for x in window)}
                if not owners:
                    owners = _owner_by_parts(ctx, s, known, part, start)
            if len(owners) != 1:
                continue
            name = owners.pop()
            if name in replaced and s.scene >= replaced[name][0]:
                continue
            if OTHER_RE.search(s.text[max(0, start - 30):start]):
                continue  # "another lid", "a spare strap"
            canon, path = known[name][part]
            what = looks_conflict(canon, look)
            if what is None or (name, part, s.scene) in reported:
                continue
            reported.add((name, part, s.scene))
            word = s.text[start:end].lower() if s.text[start:end].lower() in PARTS else part
            be = "is" if word == part else "are"
            said = (look.colour or look.metal) if what == "colour" else wood_of(look) if what == "wood" else \
                _stuff_word(look)
            was = (canon.colour or canon.metal) if what == "colour" else wood_of(canon) if what == "wood" \
                else canon.material
            yield Finding(
                category="prop", severity="error", scene=s.scene, line=s.line,
                message=f"the {word} of {display_name(name)} {be} {said} here ({look.words!r}), but the bible has "
                        f"{canon.words!r} ({was})",
                text=s.text, subject=f"{name}.{part}.{what}", evidence=(Evidence(canon.words, bible=path),),
                extra=(("attribute", f"{part} {what}"), ("value", said)),
            )

