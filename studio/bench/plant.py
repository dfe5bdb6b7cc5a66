"""The planter of ``studio bench detection``: the corpus scripts, the cases, and planting errors into copies.

Errors are planted into the corpus screenplays (Fountain) with fixed seeds, one
error per copy of a script, by inserting new paragraphs (and, for names, editing
a cue; for inherited times, rewriting a heading as CONTINUOUS). The phrasings
live in ``benchmarks/detection/phrasings.yaml``; the objects, colours and garments
come from lists there, the characters, places and times from the script itself.
``validate`` checks that a planted copy parses as intended.
"""

from __future__ import annotations

import random
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any, Callable

from continuity.language.words import plural

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus"
PHRASINGS = ROOT / "benchmarks" / "detection" / "phrasings.yaml"
KINDS = ("prop", "wardrobe", "location", "name", "timeline", "appearance")
PRONOUNS = {"m": ("he", "his", "him"), "f": ("she", "her", "her")}
_CONTINUING_RE = re.compile(r"\b(CONTINUOUS|CONTINUED|SAME|MOMENTS? LATER|SECONDS? LATER)\b")
_ALLOWED_QUALIFIERS = re.compile(r"^(CONTINUOUS|CONTINUED|SAME( TIME)?|(A )?(MOMENTS?|SECONDS?) LATER|LATER|DRIVING)$")
_TIME_WORDS_RE = re.compile(
    r"\b(dawn|sunrise|sunup|sunset|dusk|twilight|night\w*|midnight|moon\w*|stars?|starlight|dark\w*|noon|midday|"
    r"morning|evening|afternoon|daylight|daybreak|sun|sunlight|sunny|o'clock|[ap]\.m\.|birds?|owls?|crickets?)\b", re.I)
_WORD_RE = re.compile(r"[A-Za-z][A-Za-z'-]*")
_PARAGRAPH_RE = re.compile(r"\n\s*\n")


# -- the scripts -----------------------------------------------------------------------


@dataclass(frozen=True)
class Person:
    """A character the planter may use: cue, name as the action writes it, gender, number of cues."""

    cue: str
    name: str
    gender: str
    cues: int


@dataclass
class SceneInfo:
    """One scene as the planter sees it; ``first``/``last`` and ``slots`` are 0-based source lines."""

    index: int
    first: int
    last: int
    heading: Any
    time: str | None
    continues: bool
    era_safe: bool
    text: str
    present: list[str]
    speakers: list[str]
    slots: list[int]


@dataclass
class Source:
    """A parsed script with its scenes, cast and vocabulary."""

    name: str
    text: str
    lines: list[str]
    script: Any
    scenes: list[SceneInfo]
    cast: dict[str, Person]
    vocab: set[str]
    memo: dict[Any, Any] = field(default_factory=dict)


def load_source(path: Path, text: str | None = None, data: dict[str, Any] | None = None) -> Source:
    """Parse a Fountain script with the project's reader and find where errors can go.

    The cast is the cued characters (two cues or more, a one-word name) that the
    prose names mid-sentence, whose pronouns are known (the phrasings' list of
    first names, else the pronoun that follows their name in the action).
    """
    from continuity.api import parse_script_text
    from continuity.screenplay.model import Kind

    data = data or phrasings()
    text = (path.read_text(encoding="utf-8") if text is None else text).replace("\r\n", "\n").replace("\r", "\n")
    script = parse_script_text(text, source=path.name)
    lines = text.split("\n")
    hidden = _hidden_lines(text)
    elements = [el for sc in script.scenes for el in sc.elements]
    cues = Counter(el.character for el in elements if el.kind is Kind.CHARACTER and el.character)
    actions = [el.text for el in elements if el.kind is Kind.ACTION]
    prose = "\n\n".join(el.text for el in elements if el.kind in (Kind.ACTION, Kind.DIALOGUE))
    known = {n: g for g, names in data["genders"].items() for n in names}
    names = [c.title() for c in cues if c.title().isalpha()]
    cast = {}
    for cue, n in cues.items():
        name = cue.title()
        if n >= 2 and name.isalpha() and len(name) >= 3 and re.search(rf"(?<=[a-z,;] ){name}\b", prose):
            gender = known.get(name) or _gender(name, names, actions)
            if gender:
                cast[name] = Person(cue, name, gender, n)
    scenes: list[SceneInfo] = []
    for k, sc in enumerate(script.scenes):
        first = sc.line - 1
        last = script.scenes[k + 1].line - 1 if k + 1 < len(script.scenes) else len(lines)
        head = sc.heading
        continues = bool(scenes) and head.setting is not None and bool(_CONTINUING_RE.search(head.text.upper()))
        when = head.time if head.time in ("DAY", "NIGHT") else (
            scenes[-1].time if continues and head.time in ("CONTINUOUS", "SAME", "LATER") else None)
        if any(" TO " in f" {q} " for q in head.qualifiers):  # DAY TO NIGHT
            when = None
        era_safe = not head.is_flashback and head.year is None and all(
            _ALLOWED_QUALIFIERS.match(q) for q in head.qualifiers)
        speakers = list(dict.fromkeys(el.character.title() for el in sc.elements
                                      if el.kind is Kind.CHARACTER and el.character and el.character.title() in cast))
        acted = " ".join(el.text for el in sc.elements if el.kind is Kind.ACTION)
        present = list(dict.fromkeys(speakers + [n for n in cast if re.search(rf"\b{n}\b", acted)]))
        slots = [i for i in range(first + 1, last) if i not in hidden and _is_slot(lines, i, last)]
        scenes.append(SceneInfo(sc.index, first, last, head, when, continues, era_safe,
                                "\n".join(lines[first + 1:last]).lower(), present, speakers, slots))
    return Source(path.name, text, lines, script, scenes, cast, {w.lower() for w in _WORD_RE.findall(text)})


def _gender(name: str, names: list[str], actions: list[str]) -> str | None:
    """The first pronoun after the name (before another name), by majority of at least 3 to 1."""
    other = re.compile(r"\b(" + "|".join(n for n in names if n != name) + r")\b") if len(names) > 1 else None
    votes = Counter()
    for text in actions:
        for m in re.finditer(rf"\b{name}\b", text):
            rest = text[m.end():m.end() + 150]
            cut = other.search(rest) if other else None
            p = re.search(r"\b(he|his|him|she|her)\b", rest[:cut.start()] if cut else rest, re.I)
            if p:
                votes["f" if p.group(1).lower()[0] == "s" or p.group(1).lower() == "her" else "m"] += 1
    best = max(("m", "f"), key=lambda g: votes[g])
    return best if votes[best] >= 3 and votes[best] >= 3 * votes["f" if best == "m" else "m"] else None


def _hidden_lines(text: str) -> set[int]:
    """0-based lines inside boneyard (/* */) or notes ([[ ]]): never insert there."""
    hidden: set[int] = set()
    for m in re.finditer(r"/\*.*?(\*/|\Z)|\[\[.*?(\]\]|\Z)", text, re.S):
        hidden.update(range(text.count("\n", 0, m.start()), text.count("\n", 0, m.end()) + 1))
    return hidden


def _is_slot(lines: list[str], i: int, last: int) -> bool:
    """A blank line between paragraphs where a new paragraph can go (not before a dual cue)."""
    if lines[i].strip() or lines[i] == "  ":
        return False
    nxt = next((lines[j] for j in range(i + 1, last) if lines[j].strip()), "")
    return not nxt.rstrip().endswith("^")


# -- cases ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Insert:
    """One planted paragraph, or an edited cue or heading line, of a case.

    ``slot`` is a 0-based line of the clean text: a blank line (the paragraph goes
    just before it) or, with ``replace``, the line it replaces. ``form`` says how it
    must parse: ``action``, ``speech`` (cue + dialogue), ``cue`` or ``heading``.
    ``role``: ``target`` (the error's line), ``earlier`` (what it contradicts),
    ``setup``, ``control`` or ``context``.
    """

    scene: int
    slot: int
    lines: tuple[str, ...]
    role: str
    form: str = "action"
    replace: bool = False


@dataclass
class Case:
    """One planted error (or control) in its own copy of a script."""

    id: str
    kind: str
    family: str
    script: str
    control: bool
    inserts: list[Insert]
    bible_mode: str = "none"
    bible: dict | None = None
    text: str = ""
    where: list[list[int]] = field(default_factory=list)
    parsed: Any = None

    def lines_of(self, *roles: str) -> list[int]:
        """1-based lines of the planted copy held by inserts with these roles (all when none given)."""
        return sorted({n for ins, at in zip(self.inserts, self.where) if not roles or ins.role in roles for n in at})


def render(src: Source, case: Case) -> Case:
    """Write the case's copy of the script; fill ``case.text`` and ``case.where`` (1-based lines)."""
    by_slot: dict[int, list[int]] = defaultdict(list)
    for n, ins in enumerate(case.inserts):
        by_slot[ins.slot].append(n)
    out: list[str] = []
    where: list[list[int]] = [[] for _ in case.inserts]
    for i, line in enumerate(src.lines):
        keep = True
        for n in by_slot.get(i, ()):
            ins = case.inserts[n]
            if ins.replace:
                keep = False
            else:
                out.append("")
            where[n] = list(range(len(out) + 1, len(out) + 1 + len(ins.lines)))
            out.extend(ins.lines)
        if keep:
            out.append(line)
    case.text, case.where = "\n".join(out), where
    return case


def validate(src: Source, case: Case) -> str | None:
    """Why the planted copy does not parse as intended, or None when every insert is where it should be."""
    from continuity.api import parse_script_text
    from continuity.screenplay.heading import parse_cue
    from continuity.screenplay.model import Kind

    script = case.parsed = parse_script_text(case.text, source=src.name)
    if len(script.scenes) != len(src.scenes):
        return f"{plural(len(script.scenes), 'scene')} instead of {len(src.scenes)}"
    at = {el.line: (sc.index, el) for sc in script.scenes for el in sc.elements}
    for ins, lines in zip(case.inserts, case.where):
        if ins.form == "heading":
            sc = script.scenes[ins.scene - 1]
            if sc.line != lines[0] or sc.heading.time not in ("CONTINUOUS", "SAME"):
                return f"{ins.lines[0]!r} did not parse as a CONTINUOUS heading"
            continue
        scene, el = at.get(lines[0], (None, None))
        if scene != ins.scene:
            return f"{ins.lines[0]!r} is not in scene {ins.scene}"
        if ins.form == "action" and (el.kind is not Kind.ACTION or el.text.strip() != ins.lines[0]):
            return f"{ins.lines[0]!r} parsed as {el.kind.value} {el.text!r}"
        if ins.form != "action" and (el.kind is not Kind.CHARACTER or el.character != parse_cue(ins.lines[0])[0]):
            return f"{ins.lines[0]!r} did not parse as a cue"
        if ins.form == "speech":
            nxt = at.get(lines[1], (None, None))[1]
            if nxt is None or nxt.kind is not Kind.DIALOGUE or nxt.text.strip() != ins.lines[1]:
                return f"{ins.lines[1]!r} did not parse as dialogue"
    return None


# -- the planter ------------------------------------------------------------------------


@cache
def phrasings(path: Path = PHRASINGS) -> dict[str, Any]:
    """The phrasing data (``benchmarks/detection/phrasings.yaml``)."""
    import yaml

    from continuity.errors import InputError

    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise InputError(f"{path}: cannot read the detection phrasings: {exc}") from None


def fill(template: str, **slots: str) -> str:
    """Fill a template's slots (missing ones empty), fix "a" before a vowel, capitalise."""
    text = re.sub(r"\b([Aa]) ([aeiou])", r"\1n \2", template.format_map(defaultdict(str, slots)))
    return text[:1].upper() + text[1:]


def pronouns(p: Person) -> dict[str, str]:
    """``{Name}``, ``{he}``, ``{He}``, ``{his}``, ``{His}``, ``{him}`` for a person."""
    he, his, him = PRONOUNS[p.gender]
    return {"Name": p.name, "he": he, "He": he.title(), "his": his, "His": his.title(), "him": him}


def article(word: str) -> str:
    return f"an {word}" if word[:1].lower() in "aeiou" else f"a {word}"


class Planter:
    """Draws one case from one script; each kind's method returns None when the script has no room for it."""

    def __init__(self, src: Source, rng: random.Random, data: dict[str, Any]):
        self.src, self.rng, self.data = src, rng, data

    def scenes(self, *, people: int = 1, era: bool = False, where: Callable[[SceneInfo], Any] | None = None):
        return [s for s in self.src.scenes if s.slots and len(s.present) >= people and (s.era_safe or not era)
                and (where is None or where(s))]

    def room(self, kind: str) -> int:
        """How many scenes could take an error of this kind (weights the choice of script)."""
        if kind == "timeline":
            return sum(1 for s in self.src.scenes if s.time and s.slots)
        if kind == "location":
            places = Counter(s.heading.location for s in self.src.scenes if s.era_safe and s.heading.setting)
            return sum(n for n in places.values() if n > 1)
        return len(self.scenes())

    def slots(self, scene: SceneInfo, k: int) -> list[int]:
        pool = scene.slots
        return sorted(self.rng.sample(pool, k) if len(pool) >= k else self.rng.choices(pool, k=k))

    def who(self, names: list[str], but: str = "") -> Person | None:
        names = [n for n in names if n != but]
        return self.src.cast[self.rng.choice(names)] if names else None

    def para(self, scene: SceneInfo, slot: int | None, templates: Any, role: str, **slots: str) -> Insert:
        slot = self.rng.choice(scene.slots) if slot is None else slot
        return Insert(scene.index, slot, (fill(self.rng.choice(list(templates)), **slots),), role)

    def spec(self, kind: str, family: str, control: bool) -> dict[str, Any]:
        return self.data[kind]["controls" if control else "families"][family]

    def colour_slots(self, plural: bool = False) -> dict[str, str]:
        c1, c2 = self.rng.sample(self.data["colours"], 2)
        return {"c1": c1, "c2": c2, "a_c1": c1 if plural else article(c1), "a_c2": c2 if plural else article(c2)}

    def case(self, kind: str, family: str, control: bool, ins: list[Insert], modes: tuple[str, ...] = ("none", "cast"),
             **sections: Any) -> Case:
        """The case, with a bible drawn from ``modes`` (the cast, plus ``sections`` unless the mode is ``cast``)."""
        mode = self.rng.choice(modes)
        bible = None
        if mode != "none":
            bible = {"title": self.src.name, "characters": [{"name": p.cue} for p in self.src.cast.values()]}
            for key, value in sections.items():
                if mode != "cast" and value is not None:
                    bible[key] = value(bible[key]) if callable(value) else value
        return Case("", kind, family, self.src.name, control, ins, mode, bible)

    def prop(self, family: str, control: bool) -> Case | None:
        d, spec = self.data["prop"], self.spec("prop", family, control)
        objs = [o.split("|") for o in self.data["props"] if not any(
            w.lower() in self.src.vocab for w in _WORD_RE.findall(o))]
        gap = max(2, len(self.src.scenes) // 10)
        firsts = self.scenes(people=2 if family == "handover_present" else 1,
                             where=lambda s: s.index + gap <= len(self.src.scenes))
        if not objs or not firsts:
            return None
        obj, short = self.rng.choice(objs)
        s1 = self.rng.choice(firsts)
        owner = self.who(s1.present)
        slot = pronouns(owner) | {"obj": obj, "short": short, "a_obj": article(obj)}
        if family == "handover_present":
            slot["Other"] = self.who(s1.present, but=owner.name).name
            a, b, c = self.slots(s1, 3)
            ins = [self.para(s1, a, d["setup"], "setup", **slot), self.para(s1, b, spec["hand"], "control", **slot),
                   self.para(s1, c, spec["use"], "control", **slot)]
            return self.case("prop", family, True, ins)
        template = self.rng.choice(spec.get("uses", d["uses"]))
        laters = [s for s in self.src.scenes if s.index >= s1.index + gap and s.slots
                  and ("{Name}" not in template or owner.name in s.present)]
        if not laters:
            return None
        a, b = self.slots(s1, 2)
        # "pairs": setup|loss for a planted error, loss|recovery for a control
        first, second = self.rng.choice(spec["pairs"]).split("|") if "pairs" in spec else (None, None)
        if control:
            ins = [self.para(s1, a, d["setup"], "setup", **slot), self.para(s1, b, [first], "control", **slot),
                   self.para(s1, b, [second], "control", **slot)]
        else:
            ins = [self.para(s1, a, [first] if first else d["setup"], "setup", **slot),
                   self.para(s1, b, [second] if second else spec["loss"], "earlier", **slot)]
        ins.append(self.para(self.rng.choice(laters), None, [template], "control" if control else "target", **slot))
        return self.case("prop", family, control, ins, ("none", "cast", "canon"),
                         props=[{"name": obj, "aliases": [short] if short != obj else []}])

    def wardrobe(self, family: str, control: bool) -> Case | None:
        d, spec = self.data["wardrobe"], self.spec("wardrobe", family, control)
        if family == "continuous_scene":
            pairs = [(self.src.scenes[s.index - 2], s) for s in self.src.scenes if s.continues and s.slots]
            pairs = [(a, b) for a, b in pairs if a.slots and a.present]
        else:
            pairs = [(s, s) for s in self.scenes()]
        if not pairs:
            return None
        s1, s2 = self.rng.choice(pairs)
        garments = [g for g in self.data["garments"] if g.split()[-1] not in s1.text + s2.text]
        if not garments:
            return None
        slot = pronouns(self.who(s1.present)) | self.colour_slots() | {"g": self.rng.choice(garments)}
        setups = spec.get("setup", d["setup"])
        if control:
            a, b, c = self.slots(s1, 3)
            ins = [self.para(s1, a, setups, "setup", **slot), self.para(s1, b, spec["change"], "control", **slot),
                   self.para(s1, c, spec["after"], "control", **slot)]
        else:
            a, b = self.slots(s1, 2) if s1 is s2 else (None, None)
            ins = [self.para(s1, a, setups, "earlier", **slot), self.para(s2, b, spec["target"], "target", **slot)]
        return self.case("wardrobe", family, control, ins)

    def location(self, family: str, control: bool) -> Case | None:
        spec = self.spec("location", family, control)
        by_place: dict[str, list[SceneInfo]] = defaultdict(list)
        for s in self.src.scenes:
            if s.era_safe and s.heading.setting and s.heading.location:
                by_place[s.heading.location].append(s)
        only_later = family == "bible_only"
        pairs = [(a, b) for group in by_place.values() for i, a in enumerate(group) for b in group[i + 1:]
                 if b.slots and (a.slots or only_later)]
        if not pairs:
            return None
        s1, s2 = self.rng.choice(pairs)
        place = s2.heading.location
        seen = " ".join(s.text for s in by_place[place])
        setting = (s2.heading.setting or "").lower()
        feats = [f.split("|") for f in self.data["features"]]
        feats = [f for f in feats if (f[2] in setting or "/" in setting) and f[0].split()[-1] not in seen]
        if not feats:
            return None
        noun, number, _ = self.rng.choice(feats)
        one = number == "s"
        who = self.who(s2.present or s1.present)
        slot = (pronouns(who) if who else {}) | self.colour_slots(plural=not one) | {
            "f": noun, "be": "is" if one else "are", "It": "It" if one else "They", "s": "s" if one else "",
            "es": "es" if one else ""}
        setups = [t for t in spec.get("setup", self.data["location"]["setup"]) if who or "{Name}" not in t]
        targets = [t for t in spec["target"] if who or "{Name}" not in t]
        if not targets or not setups:
            return None
        ins = [] if only_later else [self.para(s1, None, setups, "earlier", **slot)]
        ins.append(self.para(s2, None, targets, "control" if control else "target", **slot))
        entry = {"name": place} | ({"attributes": {noun: slot["c1"]}} if only_later else {})
        return self.case("location", family, control, ins, ("canon",) if only_later else ("none", "cast", "listed"),
                         locations=[entry])

    def name(self, family: str, control: bool) -> Case | None:
        from continuity.screenplay.model import Kind

        spec = self.spec("name", family, control)
        people = [p for p in self.src.cast.values() if len(p.name) >= 5 and p.cues >= 3]
        if not people:
            return None
        person = self.rng.choice(people)
        mis = misspell(person.name, self.rng, self.src.vocab | _corpus_words(), set(self.src.cast))
        if mis is None:
            return None
        if family == "cue":
            cues = [(sc.index, el.line) for sc in self.src.script.scenes for el in sc.elements
                    if el.kind is Kind.CHARACTER and el.character == person.cue][3:]  # after the first three
            if not cues:
                return None
            scene, line = self.rng.choice(cues)
            edited = re.sub(rf"^(\s*@?){re.escape(person.cue)}", lambda m: m.group(1) + mis.upper(),
                            self.src.lines[line - 1], count=1)
            return self.case("name", family, False, [Insert(scene, line - 1, (edited,), "target", "cue", True)])
        if "words" in spec:  # a real word close to a name
            words = [w.split("|", 1) for w in spec["words"]]
            close = [w for w in words if any(_distance(w[0], p) <= 2 for p in self.src.cast)]
            s = self.rng.choice(self.scenes(people=0))
            text = self.rng.choice(close or words)[1]
            return self.case("name", family, True, [self.para(s, None, [text], "control")])
        speech = "speech" in spec
        scenes = self.scenes(where=lambda s: set(s.speakers if speech else s.present) - {person.name})
        if not scenes:
            return None
        s = self.rng.choice(scenes)
        other = self.who(s.speakers if speech else s.present, but=person.name)
        real = self.who(list(self.src.cast), but=person.name) or other
        ins = self.para(s, None, spec["speech" if speech else "target"], "control" if control else "target",
                        Mis=mis, Other=other.name, Real=real.name)
        if speech:
            ins = Insert(ins.scene, ins.slot, (other.cue, ins.lines[0]), ins.role, "speech")
        return self.case("name", family, control, [ins])

    def timeline(self, family: str, control: bool) -> Case | None:
        spec = self.spec("timeline", family, control)
        quiet = lambda s: s.time and not _TIME_WORDS_RE.search(s.text)  # noqa: E731
        heading = None
        if family == "inherited":
            same = lambda s: s.heading.time == self.src.scenes[s.index - 2].time  # noqa: E731
            cands = [s for s in self.src.scenes if quiet(s) and s.slots and s.index > 1 and s.heading.setting
                     and (s.heading.time in ("CONTINUOUS", "SAME", "LATER") or same(s))]
            if not cands:
                return None
            s = self.rng.choice(cands)
            if s.heading.time in ("DAY", "NIGHT"):  # say CONTINUOUS instead of the time it would inherit anyway
                heading = re.sub(rf"\b{s.heading.time}\b", "CONTINUOUS", self.src.lines[s.first], count=1)
                heading = re.sub(r"\s*[\[(]CONTINUOUS[\])]", "", heading)
        else:
            cands = self.scenes(people=1 if family == "named_character" else 0, where=quiet)
            if not cands:
                return None
            s = self.rng.choice(cands)
        who = self.who(s.present)
        templates = [t for t in spec["claims_night" if (s.time == "DAY") != control else "claims_day"]
                     if who or "{Name}" not in t]
        ins = [self.para(s, None, templates, "control" if control else "target", **(pronouns(who) if who else {}))]
        if heading:
            ins.insert(0, Insert(s.index, s.first, (heading,), "context", "heading", True))
        return self.case("timeline", family, control, ins)

    def appearance(self, family: str, control: bool) -> Case | None:
        d, spec = self.data["appearance"], self.spec("appearance", family, control)
        attr = self.rng.choice(spec["attrs"])
        people = [p.name for p in self.src.cast.values() if not _described(self.src, p, attr)]
        scenes = self.scenes(era=True, where=lambda s: set(s.present) & set(people))
        if not scenes:
            return None
        s1 = self.rng.choice(scenes)
        person = self.who([p for p in s1.present if p in people])
        slot = pronouns(person)
        v1, v2 = (fill(self.rng.choice(g), **slot).lower() for g in self.rng.sample(d["values"][attr], 2))
        eyes = attr == "eyes"
        slot |= {"v1": v1, "v2": v2}
        targets = spec["target"][attr] if isinstance(spec["target"], dict) else spec["target"]
        role = "control" if control else "target"
        if family == "bible_canon":
            full = self.rng.random() < 0.5
            name = f"{person.cue} {self.rng.choice(self.data['surnames']).upper()}" if full else person.cue
            entry = {"name": name, "attributes": {attr: v1}}
            case = self.case("appearance", family, control, [self.para(s1, None, targets, role, **slot)], ("canon",),
                             characters=lambda chars: [c for c in chars if c["name"] != person.cue] + [entry])
            case.bible_mode = "canon_full_name" if full else "canon"
            return case
        if eyes:  # eyes do not change: a later scene nearby will do
            near = [s for s in self.src.scenes[s1.index - 1:s1.index + 6] if s.era_safe and s.slots
                    and person.name in s.present]
        else:  # hair, build and age: the same scene or the next, continuous one
            nxt = self.src.scenes[s1.index] if s1.index < len(self.src.scenes) else None
            near = [s1] + ([nxt] if nxt is not None and nxt.continues and nxt.slots else [])
        s2 = self.rng.choice(near)
        a, b = self.slots(s1, 2) if s1 is s2 else (None, None)
        ins = [self.para(s1, a, d["setup"][attr], "earlier", **slot), self.para(s2, b, targets, role, **slot)]
        other = "hair" if eyes else "eyes"
        partial = {"attributes": {other: self.rng.choice(d["values"][other])[0]}}
        return self.case("appearance", family, control, ins, ("none", "cast", "partial"), characters=lambda chars: [
            c | partial if c["name"] == person.cue else c for c in chars])


def _described(src: Source, p: Person, attr: str) -> bool:
    """Whether the script already says something about this person's ``attr`` (then it is not ours to set)."""
    if (p.name, attr) in src.memo:
        return src.memo[p.name, attr]
    words = {"eyes": r"eyes?|\w*-eyed",
             "hair": r"hair\w*|\w*-headed|redhead\w*|blond\w*|bald\w*|brunette|curls|locks|ponytail|braids?|ginger",
             "build": r"stocky|heavyset|burly|thin|wiry|slight|fat|skinny|big|huge|giant|tiny|small|build|frame|muscular",
             "age": r"\d0'?s|(is|are|age|aged) \d+|\d+[- ]years?[- ]old|\(\d+\)|\w+ties|teen\w*|young\w*|old\w*|kid"
                    r"|retire\w*"}[attr]
    who, what = re.compile(rf"\b({p.name}|{p.cue})\b"), re.compile(rf"\b({words})\b", re.I)
    said = any(who.search(para) and what.search(para) for para in _PARAGRAPH_RE.split(src.text))
    src.memo[p.name, attr] = said
    return said


def _distance(a: str, b: str) -> int:
    from rapidfuzz.distance import Levenshtein

    return Levenshtein.distance(a.lower(), b.lower())


def misspell(name: str, rng: random.Random, words: set[str] | frozenset[str], cast: set[str]) -> str | None:
    """A typo of ``name`` (a letter dropped, doubled, swapped or a vowel changed) that is no known word or name."""
    cands = set()
    for k in range(1, len(name) - 1):
        cands |= {name[:k] + name[k + 1:], name[:k] + name[k] + name[k:]}
        if name[k] != name[k + 1]:
            cands.add(name[:k] + name[k + 1] + name[k] + name[k + 2:])
        if name[k] in "aeiou":
            cands |= {name[:k] + v + name[k + 1:] for v in "aeiou" if v != name[k]}
    taken = {w.lower() for w in words} | {c.lower() for c in cast}
    ok = sorted(c for c in cands if len(c) >= 4 and c.lower() not in taken)
    return rng.choice(ok) if ok else None


@cache
def _corpus_words() -> frozenset[str]:
    """Every word of the corpus screenplays (when present): a stand-in for a dictionary."""
    words: set[str] = set()
    for path in sorted((DEFAULT_CORPUS / "screenplays").glob("*.fountain")):
        words.update(w.lower() for w in _WORD_RE.findall(path.read_text(encoding="utf-8", errors="replace")))
    return frozenset(words)
