"""Staging read from a shot list: each subject's pose, the props in frame, and the set.

Everything is read from the shots' own action text (``description``), in cutting
order, with small explicit word lists, so every choice can be traced to the
writer's words:

- **Pose**: ``standing``, ``sitting``, ``lying``, ``kneeling`` or ``running``, from
  a pose word whose subject is the character (their name, ``he``/``she`` for the
  one in frame or the last one named, ``they`` for all). A pose holds through the
  later shots of the scene until another pose word (``gets up``, ``stands``)
  changes it; a subject's own ``pose`` in the shot list wins.
- **Props**: a bible prop (name or alias) or a common object (:data:`PROP_SHAPES`)
  named in the action is drawn where the line puts it: in a character's hand
  (``holds``, ``in his fist``, ``cradled against her chest``), on a surface
  (``sets it down``, ``on the table``) or between two characters. A prop the line
  does not place is not drawn, unless an earlier shot of the scene placed it (the
  compass stays in Tom's fist until he hurls it). An insert (no one in frame) shows
  the prop its line names, or, for ``It ...``, the last prop of the scene.
- **Set**: per location, the features the bible (attributes and description) or
  any shot at that location gives: a door, a window, a table, a stove, a shelf,
  stairs, a lens; outside, the sea or a tower. Colours come from the bible's
  attribute (``door: blue``), else from the writer's adjective (``the blue door``).

Example::

    board = stage(shots, bible)
    board[i].poses["MARA"], board[i].props, board[i].set.features
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from continuity.language.lexicon import COLOUR_GROUP
from continuity.visual.identity import RGB, colour_rgb

if TYPE_CHECKING:
    from continuity.bible.model import Bible
    from continuity.visual.shots import Shot, ShotList

POSES = ("standing", "sitting", "lying", "kneeling", "running")
_POSE_WORDS = {
    "sitting": r"sits?|sitting|sat|seated|perch(?:es|ed)?|takes? a seat|slumps? in(?:to)? (?:a|the|his|her) chair",
    "lying": r"lies|lying|lay|sprawl(?:s|ed)?|asleep|sleeps|sleeping|lies? down",
    "kneeling": r"kneels?|kneeling|knelt|crouch(?:es|ing|ed)?|squats?|squatting|on (?:his|her|their) knees",
    "running": r"runs?|running|ran|sprints?|sprinting|races?|racing|dash(?:es)?|dashing|flees|fleeing|bolts|"
               r"rush(?:es)?|rushing|hurries|hurrying|charges",
    "standing": r"stands?|standing|stood|gets? up|rises|rising|jumps? up|climbs?|walks?|limps?|steps?|strides?|"
                r"enters?|crosses|shoves? back (?:his|her|their) chair|edges?|steers?|pushes open|fills",
}
_POSE_RES = {pose: re.compile(rf"\b(?:{words})\b", re.IGNORECASE) for pose, words in _POSE_WORDS.items()}

#: Objects drawn as props, by the word that names them, with the shape they take.
PROP_SHAPES: dict[str, str] = {
    **dict.fromkeys(["compass", "watch", "coin", "medal", "locket", "clock"], "disc"),
    **dict.fromkeys(["lantern", "lamp", "torch", "flashlight", "candle"], "lantern"),
    **dict.fromkeys(["logbook", "log", "book", "ledger", "notebook", "diary", "journal", "bible"], "book"),
    **dict.fromkeys(["letter", "envelope", "map", "photo", "photograph", "ticket", "postcard", "note",
                     "newspaper", "paper", "card"], "sheet"),
    **dict.fromkeys(["urn", "vase", "jar", "bottle", "thermos", "flask", "kettle", "jug"], "vessel"),
    **dict.fromkeys(["mug", "cup", "glass", "teacup", "tankard"], "cup"),
    **dict.fromkeys(["rucksack", "backpack", "bag", "suitcase", "briefcase", "satchel", "holdall", "box",
                     "parcel", "case"], "bag"),
    **dict.fromkeys(["phone", "radio", "camera"], "device"),
    **dict.fromkeys(["bell"], "bell"),
    **dict.fromkeys(["knife", "gun", "pistol", "rifle", "stick", "cane", "oar", "umbrella", "key", "ladle",
                     "spoon", "rope", "pen", "pencil"], "stick"),
    **dict.fromkeys(["plate", "bowl", "tray"], "plate"),
    **dict.fromkeys(["cap", "hat"], "hat"),
}
#: Surface props: drawn on the table (or the floor) unless a hand holds them.
_SURFACE_SHAPES = {"plate"}
_MATERIAL_RGB: dict[str, RGB] = {
    "brass": (186, 146, 62), "gold": (212, 168, 58), "silver": (186, 188, 192), "tin": (160, 162, 164),
    "steel": (140, 144, 150), "iron": (78, 80, 86), "leather": (112, 72, 42), "wood": (150, 108, 66),
    "wooden": (150, 108, 66), "pine": (196, 160, 112), "oak": (150, 112, 70), "timber": (120, 90, 60),
    "paper": (232, 226, 208), "glass": (188, 208, 214), "stone": (128, 124, 116), "paraffin": (170, 150, 90),
    "copper": (184, 110, 60), "china": (236, 234, 226), "ceramic": (226, 220, 206), "plastic": (170, 170, 170),
}
_HOLD_RE = re.compile(
    r"\b(?:holds?|holding|held|takes?|taking|lifts?|lifting|grabs?|grabbing|clutch(?:es|ing|ed)?|carr(?:y|ies|ying|ied)|"
    r"cradl(?:es|ed|ing)|clench(?:es|ed|ing)|snatch(?:es|ed|ing)|raises?|hurls?|throws?|tips?|pours?|reads?|"
    r"swinging|swaying|opens?|brandish(?:es|ing)|waves?|fills?|picks? up|turns? (?:it|them) over)\b"
    r"|\bin (?:his|her|their|each|both|one|a) (?:hands?|fists?|palms?|arms)\b|\bin hands?\b|\bagainst (?:his|her|their) chest\b",
    re.IGNORECASE,
)
_ON_RE = re.compile(
    r"\b(?P<how>on|onto|upon|across|off) (?:the|a|her|his|their) (?P<s>table|shelf|floor|desk|counter|dresser|bench|ground|bed)\b",
    re.IGNORECASE,
)
_DOWN_RE = re.compile(r"\b(?:sets?|puts?|places?|lays?|drops?|leaves?) (?:\w+ ){0,3}?down\b|\bbeside (?:her|his|their) plate\b",
                      re.IGNORECASE)
_BETWEEN_RE = re.compile(r"\bbetween them\b", re.IGNORECASE)
_GONE_RE = re.compile(r"\b(?:hurls?|throws?|flings?|tosses?|drops?) (?:[\w'-]+ ){1,4}(?:over|off|away|into|out)\b|\bshatters?\b",
                      re.IGNORECASE)
_PRONOUN_RE = re.compile(r"\b(?P<p>he|she|him|her|his|hers|they|them|their|both|together|it)\b", re.IGNORECASE)
_SENTENCE_RE = re.compile(r"[^.!?;:]+[.!?;:]?")

#: Set features and the words that name them; ``lens`` is a lighthouse's great lens.
SET_FEATURES: dict[str, tuple[str, ...]] = {
    "door": ("door", "doorway"), "window": ("window", "windows", "panes", "pane"),
    "table": ("table", "desk", "counter"), "stove": ("stove", "hearth", "fireplace"),
    "shelf": ("shelf", "shelves", "dresser", "cupboard"), "stairs": ("stair", "stairs", "staircase", "stairway"),
    "lens": ("lens",), "bed": ("bed", "bunk"),
    "sea": ("sea", "ocean", "waves", "swell", "tide"), "tower": ("lighthouse", "tower"),
}
_INTERIOR_ONLY = ("door", "window", "table", "stove", "shelf", "stairs", "lens", "bed")
_EXTERIOR_ONLY = ("sea", "tower")


@dataclass(frozen=True)
class Prop:
    """A prop in frame.

    Attributes:
        name: as the bible or the line names it (``brass compass``).
        shape: ``disc``, ``lantern``, ``book``, ``sheet``, ``vessel``, ``cup``, ``bag``...
        colour: drawn colour (bible attribute, a material or colour word, else paper-neutral).
        holder: who holds it (a subject's name), or None.
        surface: ``table``, ``shelf``, ``floor``... when it rests on one.
        between: the two subjects who hold it together, when it is between them.
        words: the writer's words that placed it.
    """

    name: str
    shape: str
    colour: RGB
    holder: str | None = None
    surface: str | None = None
    between: tuple[str, ...] = ()
    words: str = ""


@dataclass(frozen=True)
class SetDressing:
    """A location's set: interior or exterior, and its features with colours (None: the palette's)."""

    location: str
    interior: bool
    features: tuple[tuple[str, RGB | None], ...] = ()
    walls: RGB | None = None
    floor: RGB | None = None

    def has(self, feature: str) -> bool:
        """Whether the set has this feature."""
        return any(f == feature for f, _ in self.features)

    def colour(self, feature: str) -> RGB | None:
        """The colour a feature is given (bible or script), or None."""
        return next((c for f, c in self.features if f == feature), None)


@dataclass(frozen=True)
class ShotStaging:
    """What a shot stages: poses by subject name, props, the set, and an insert's object."""

    poses: dict[str, str] = field(default_factory=dict)
    props: tuple[Prop, ...] = ()
    set: SetDressing | None = None
    insert: Prop | None = None


def stage(shots: ShotList, bible: Bible | None = None) -> list[ShotStaging]:
    """The staging of every shot of ``shots``, in order (see the module docstring)."""
    sets = _sets(shots, bible)
    known = _known_props(bible)
    out: list[ShotStaging] = []
    scene = None
    poses: dict[str, str] = {}
    placed: dict[str, Prop] = {}
    last_prop: Prop | None = None
    for shot in shots.shots:
        if shot.scene != scene:
            scene, poses, placed, last_prop = shot.scene, {}, {}, None
        names = _name_forms(shot, bible)
        text = shot.description or ""
        for pose, who in _poses_in(text, names, shot):
            poses[who] = pose
        shot_poses = {s.name: (s.pose or poses.get(s.name, "standing")) for s in shot.subjects}
        found = _props_in(text, names, shot, known)
        gone = set()
        for p in found:
            if p.holder or p.surface or p.between:
                placed[p.name] = p
            if _GONE_RE.search(p.words or ""):
                gone.add(p.name)
        in_frame = {s.name for s in shot.subjects}
        props = []
        for p in placed.values():
            if p.holder and p.holder not in in_frame:
                continue
            if p.between and not set(p.between) <= in_frame:
                alone = [n for n in p.between if n in in_frame]
                if not alone:
                    continue
                p = replace(p, holder=alone[0], between=())  # one of the two carriers in a single
            props.append(p)
        insert = None
        if not shot.subjects:
            named = list(found) or ([last_prop] if last_prop and re.match(r"\s*It\b", text) else [])
            insert = named[0] if named else None
        for name in gone:
            placed.pop(name, None)
        if found:
            last_prop = found[-1]
        out.append(ShotStaging(shot_poses, tuple(props), sets.get(shots.location_of(shot) or ""), insert))
    return out


def _name_forms(shot: Shot, bible: Bible | None) -> dict[str, str]:
    """Each way the line may name a subject (lower case) -> the subject's name; longest first."""
    forms: dict[str, str] = {}
    for s in shot.subjects:
        entry = bible.character(s.name) if bible is not None else None
        candidates = {s.name, *(entry.aliases if entry else ()), *((entry.name,) if entry else ())}
        for c in candidates:
            forms.setdefault(c.lower(), s.name)
            words = c.split()
            if len(words) > 1 and words[0].upper() not in ("YOUNG", "OLD", "LITTLE", "MR", "MRS", "DR"):
                forms.setdefault(words[0].lower(), s.name)
    return dict(sorted(forms.items(), key=lambda kv: -len(kv[0])))


def _mentions(sentence: str, names: dict[str, str]) -> list[tuple[int, str]]:
    """(offset, subject) for each name in the sentence, longest names first, no overlaps."""
    taken: list[tuple[int, int]] = []
    out = []
    for form, who in names.items():
        for m in re.finditer(rf"(?<![\w']){re.escape(form)}(?![\w])", sentence, re.IGNORECASE):
            if any(a < m.end() and m.start() < b for a, b in taken):
                continue
            taken.append((m.start(), m.end()))
            out.append((m.start(), who))
    for m in _PRONOUN_RE.finditer(sentence):
        out.append((m.start(), "*" + m.group("p").lower()))
    return sorted(out)


def _who(before: list[tuple[int, str]], shot: Shot, last_named: str | None) -> list[str]:
    """The subjects the nearest reference before a word stands for."""
    everyone = [s.name for s in shot.subjects]
    if not before:
        return everyone[:1] if len(everyone) == 1 else []
    _, ref = before[-1]
    if not ref.startswith("*"):
        return [ref]
    if ref[1:] in ("they", "them", "their", "both", "together"):
        return everyone
    if ref[1:] == "it":
        return []
    if len(everyone) == 1:
        return everyone
    named = [r for _, r in before if not r.startswith("*")]  # "Nell fills her thermos": her is Nell
    if named:
        return [named[-1]]
    return [last_named] if last_named else []


def _poses_in(text: str, names: dict[str, str], shot: Shot) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    last_named = None
    for sentence in _SENTENCE_RE.findall(text):
        refs = _mentions(sentence, names)
        hits = sorted((m.start(), pose) for pose, rx in _POSE_RES.items() for m in rx.finditer(sentence))
        for start, pose in hits:
            before = [r for r in refs if r[0] < start]
            for who in _who(before, shot, last_named):
                out.append((pose, who))
        named = [r for r in refs if not r[1].startswith("*")]
        if named:
            last_named = named[-1][1]
    return out


def _known_props(bible: Bible | None) -> list[tuple[str, str, str, RGB]]:
    """(form as written, prop name, shape, colour), bible props first, longest forms first."""
    out: list[tuple[str, str, str, RGB]] = []
    if bible is not None:
        for p in bible.props:
            text = " ".join([p.name, *p.attributes.values(), p.description or ""])
            shape = _shape_of(p.name) or next((_shape_of(a) for a in p.aliases if _shape_of(a)), None) or "bag"
            colour = _colour_in(" ".join([*p.attributes.values(), p.name])) or _colour_in(text) or (222, 214, 196)
            for form in (p.name, *p.aliases):
                out.append((form.lower(), p.name, shape, colour))
    for word, shape in PROP_SHAPES.items():
        if not any(word == f or f.endswith(" " + word) for f, *_ in out):
            out.append((word, word, shape, (222, 214, 196)))
    return sorted(out, key=lambda t: -len(t[0]))


def _shape_of(name: str) -> str | None:
    words = re.findall(r"[a-z]+", name.lower())
    return next((PROP_SHAPES[w] for w in reversed(words) if w in PROP_SHAPES), None)


def _colour_in(text: str) -> RGB | None:
    words = re.findall(r"[a-z]+(?:-[a-z]+)?", text.lower())
    for w in words:
        if w in _MATERIAL_RGB:
            return _MATERIAL_RGB[w]
    for w in words:
        if w in COLOUR_GROUP:
            return colour_rgb(w)
    return None


def _props_in(text: str, names: dict[str, str], shot: Shot, known) -> list[Prop]:
    out: list[Prop] = []
    seen: set[str] = set()
    last_named = None
    for sentence in _SENTENCE_RE.findall(text):
        refs = _mentions(sentence, names)
        taken: list[tuple[int, int]] = []
        for form, name, shape, colour in known:
            bible_prop = form != name or " " in form or name not in PROP_SHAPES
            pattern = rf"(?<![\w']){re.escape(form)}s?(?![\w])" if bible_prop else (
                rf"\b(?:the|a|an|his|her|their|its|each|one|that|this|[a-z]+'s)\s+(?:[a-z-]+\s+){{0,2}}{re.escape(form)}s?\b"
                rf"|\b{re.escape(form)}s? in (?:hand|hands|(?:his|her|their) hands?)\b")
            for m in re.finditer(pattern, sentence, re.IGNORECASE):
                if name in seen or any(a < m.end() and m.start() < b for a, b in taken):
                    continue
                taken.append((m.start(), m.end()))
                seen.add(name)
                words = m.group(0)
                rgb = _colour_in(words) or colour
                holder, surface, between = None, None, ()
                if _BETWEEN_RE.search(sentence) and len(shot.subjects) >= 2:
                    between = tuple(s.name for s in shot.subjects[:2])
                elif (on := _ON_RE.search(sentence)) and on.group("how").lower() != "off":
                    surface = on.group("s").lower().replace("ground", "floor")
                elif _DOWN_RE.search(sentence) and not (on and on.group("how").lower() == "off"):
                    surface = "floor"
                elif _HOLD_RE.search(sentence):
                    who = _who([r for r in refs if r[0] < m.start()] or refs, shot, last_named)
                    if len(who) >= 2:
                        between = tuple(who[:2])
                    else:
                        holder = who[0] if who else None
                if shape in _SURFACE_SHAPES and not holder and not surface and shot.subjects:
                    surface = "table"
                out.append(Prop(name, shape, rgb, holder, surface, between, sentence.strip()))
        named = [r for r in refs if not r[1].startswith("*")]
        if named:
            last_named = named[-1][1]
    return out


def _sets(shots: ShotList, bible: Bible | None) -> dict[str, SetDressing]:
    """Per location of the shot list, its set: bible attributes and description, then every shot's words there."""
    texts: dict[str, list[str]] = {}
    interior: dict[str, bool] = {}
    for shot in shots.shots:
        loc = shots.location_of(shot) or ""
        texts.setdefault(loc, []).append(shot.description or "")
        setting = shots.setting_of(shot) or ""
        interior.setdefault(loc, setting.startswith("INT") and "EXT" not in setting)
    out = {}
    for loc, lines in texts.items():
        features: dict[str, RGB | None] = {}
        walls = floor = None
        bible_text = []
        if bible is not None and loc:
            for entry in bible.locations_for(loc):
                for key, value in entry.attributes.items():
                    feature = _feature_of(key)
                    if feature and feature not in features:
                        features[feature] = _colour_in(value)
                    if key in ("walls", "wall") and walls is None:
                        walls = _colour_in(value)
                    if key in ("floor", "ground") and floor is None:
                        floor = _colour_in(value)
                bible_text.append(entry.description or "")
        for text in [*bible_text, *lines]:
            for feature, words in SET_FEATURES.items():
                m = re.search(rf"(?:\b(?P<c>[a-z-]+)\s+)?\b(?:{'|'.join(words)})\b", text, re.IGNORECASE)
                if m is None:
                    continue
                word = (m.group("c") or "").lower()
                colour = colour_rgb(word) if word in COLOUR_GROUP else None
                if features.get(feature) is None:
                    features[feature] = colour
        kind = interior.get(loc, False)
        drop = _EXTERIOR_ONLY if kind else _INTERIOR_ONLY
        if re.match(r"(?:LIGHTHOUSE|TOWER)(?: - |$)", loc):
            drop = (*drop, "tower")  # on the tower itself (its gallery): none on the skyline
        keep = tuple((f, c) for f, c in features.items() if f not in drop)
        out[loc] = SetDressing(loc, kind, tuple(sorted(keep, key=lambda fc: list(SET_FEATURES).index(fc[0]))), walls, floor)
    return out


def _feature_of(key: str) -> str | None:
    k = key.lower()
    return next((f for f, words in SET_FEATURES.items() if k in words or k == f), None)


__all__ = ["POSES", "PROP_SHAPES", "SET_FEATURES", "Prop", "SetDressing", "ShotStaging", "stage"]
