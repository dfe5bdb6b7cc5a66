"""Names: a cue that is a near-miss spelling of a known character.

Known names are the bible's characters and aliases, plus cue names the script uses
often. A rare cue (or a capitalised introduction in action) one or two edits away
from a known name is reported; ``YOUNG EDWARD`` vs ``EDWARD`` is a different
character, not a misspelling. With a bible, speakers it does not list are info.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path

from rapidfuzz.distance import DamerauLevenshtein

from continuity.checks.findings import Evidence, Finding
from continuity.errors import StudioError
from continuity.screenplay.model import Kind
from continuity.story.context import Context

_CAPS_RE = re.compile(r"(?<![\w'])([A-Z][A-Z'\-]{3,})(?![\w'])")


def _max_edits(name: str) -> int:
    return 1 if len(name) < 8 else 2


def near_miss(name: str, known: str) -> bool:
    """Whether ``name`` looks like a misspelling of ``known`` (and is not it)."""
    if name == known or len(name) < 3 or len(known) < 4:
        return False
    a, b = name.split(), known.split()
    if len(a) != len(b):
        return False  # "YOUNG EDWARD" is another character, not a typo
    d = DamerauLevenshtein.distance(name, known)
    if d == 0 or d > _max_edits(known):
        return False
    if _plural_pair(name, known):
        return False  # NURSES are not a misspelling of NURSE
    # Digits or a different first letter usually mean another person (GUARD 1/2).
    if re.sub(r"\D", "", name) != re.sub(r"\D", "", known):
        return False
    return name[0] == known[0]


class _NearIndex:
    """Names bucketed by first letter and length: :func:`near_miss` candidates without a scan of them all.

    ``near_miss`` needs the same first letter and at most two edits (so a length
    within two), so only five buckets are compared; a bible of 60,000 names costs
    a look-up, not 60,000 comparisons, per word.
    """

    def __init__(self, names) -> None:
        self._buckets: dict[tuple[str, int], list[tuple[int, str]]] = defaultdict(list)
        for i, name in enumerate(names):
            self._buckets[(name[:1], len(name))].append((i, name))

    def near(self, name: str) -> list[str]:
        """The names ``name`` is a near miss of, in the order they were given."""
        hits = [(i, known) for n in range(len(name) - 2, len(name) + 3)
                for i, known in self._buckets.get((name[:1], n), ()) if near_miss(name, known)]
        return [known for _, known in sorted(hits)]


def _plural_pair(a: str, b: str) -> bool:
    """Whether one name is the other's plural: GIRL/GIRLS, NURSE/NURSES, POLICEMAN/POLICEMEN."""
    from continuity.language.words import plural_of

    one, many = sorted((a.lower(), b.lower()), key=len)
    if plural_of(one) == many or one + "s" == many:
        return True
    return len(a) == len(b) and {a[-3:].lower(), b[-3:].lower()} == {"man", "men"} and a[:-3] == b[:-3]


def check(ctx: Context) -> Iterator[Finding]:
    """Yield name findings."""
    counts: Counter[str] = Counter()
    first: dict[str, tuple[int, int]] = {}
    for scene, el in ctx.script.elements():
        if el.kind is Kind.CHARACTER and el.character:
            counts[el.character] += 1
            first.setdefault(el.character, (scene.index if scene else 0, el.line))
    bible_names: dict[str, str] = {}
    for c in ctx.bible.characters if ctx.explicit_bible else ():
        bible_names[c.name] = c.name
        bible_names[ctx.cue_of.get(c.name, c.name)] = c.name
        for a in c.aliases:
            bible_names[a.upper()] = c.name
    reported: set[str] = set()
    known_index = _NearIndex(sorted(set(counts) | set(bible_names)))
    for scene, el in ctx.script.elements():
        if el.kind is not Kind.CHARACTER or not el.character or el.character in reported:
            continue
        cue = el.character
        if cue in bible_names:
            continue
        target = _match(cue, counts, bible_names, first, known_index)
        scene_index = scene.index if scene else 0
        if target:
            reported.add(cue)
            known, evidence = target
            yield Finding(
                category="name",
                severity="error" if counts[cue] <= 2 else "warning",
                scene=scene_index,
                line=el.line,
                message=f"character cue {cue!r} looks like a misspelling of {known!r}",
                text=el.text,
                character=known,
                subject=cue,
                evidence=(evidence,),
                extra=(("cue", cue), ("uses", counts[cue])),
            )
        elif ctx.explicit_bible and cue not in reported:
            reported.add(cue)
            yield Finding(
                category="name",
                severity="info",
                scene=scene_index,
                line=el.line,
                message=f"{cue} speaks ({counts[cue]} cue{'s' if counts[cue] != 1 else ''}) but is not in the bible",
                text=el.text,
                character=cue,
                subject=cue,
            )
    # Capitalised introductions in action: "MARRA steps in" for MARA.
    known_caps = set(counts) | set(bible_names)
    known_words = {w for n in known_caps for w in n.split()}
    caps_index = _NearIndex(sorted(k for k in known_caps if " " not in k and len(k) >= 4))
    for s in ctx.sentences:
        if s.kind != "action":
            continue
        for m in _CAPS_RE.finditer(s.text):
            word = m.group(1).rstrip("'S") if m.group(1).endswith("'S") else m.group(1)
            if word in known_words or word in reported:
                continue
            for known in caps_index.near(word):
                if _is_frequent(known, counts, bible_names):
                    reported.add(word)
                    yield Finding(
                        category="name",
                        severity="warning",
                        scene=s.scene,
                        line=s.line,
                        message=f"{word!r} looks like a misspelling of {known!r}",
                        text=s.text,
                        character=bible_names.get(known, known),
                        subject=word,
                        evidence=(_evidence_for(known, first, bible_names, ctx),),
                    )
                    break
    yield from _title_case(ctx, counts, bible_names, first, reported)


_TITLE_RE = re.compile(r"(?<![\w'\-])([A-Z][a-z]{2,})(?:'s|s')?(?![\w\-])")


@lru_cache(maxsize=1)
def _vocabulary() -> frozenset[str]:
    """Lower-case English words and common names: the sentence model's WordPiece vocabulary.

    A misspelt name is almost never a whole word of it ("josphine" is not; "will",
    "josephine" and "mara" are), which keeps real words and real names out.
    """
    try:
        from continuity.language.minilm import model_dir

        lines = (Path(model_dir()) / "vocab.txt").read_text(encoding="utf-8").split("\n")
    except (OSError, ImportError, StudioError):
        return frozenset()
    return frozenset(w for w in lines if w.isalpha())


def _title_case(ctx: Context, counts: Counter, bible_names: dict[str, str], first, reported: set[str]) -> Iterator[Finding]:
    """Misspelt names in action and dialogue: "Josphine crosses to the window."

    A capitalised word that is no known name, no English word (nor written in lower
    case anywhere in the script), used at most twice, and one or two edits from
    exactly one well-established name (a bible name, or one cued or named often).
    """
    vocabulary = _vocabulary()
    if not vocabulary:
        return
    text = "\n".join(s.text for s in ctx.sentences)
    lower_words = set(re.findall(r"\b[a-z][a-z'\-]+\b", text))
    title_counts = Counter(m.group(1) for m in _TITLE_RE.finditer(text))
    forms: dict[str, str] = {}
    in_bible = set(bible_names.values())
    for form, who in ctx.cast.surface.items():
        if " " in form or len(form) < 4:
            continue
        named = title_counts[form.title()] + counts.get(form, 0)
        if who in in_bible or named >= 3:
            forms[form] = who
    if not forms:
        return
    form_index = _NearIndex(forms)
    for s in ctx.sentences:
        for m in _TITLE_RE.finditer(s.text):
            word = m.group(1)
            up = word.upper()
            if up in ctx.cast.surface or up in reported or word.lower() in vocabulary or word.lower() in lower_words:
                continue
            if title_counts[word] > 2:
                continue
            # A form that extends or shortens a name is a nickname (Scotty, Sam), not a typo.
            near = [f for f in form_index.near(up) if not up.startswith(f) and not f.startswith(up)]
            targets = {forms[f] for f in near}
            if len(targets) != 1:
                continue
            who = targets.pop()
            form = near[0]
            reported.add(up)
            where = "dialogue" if s.kind == "dialogue" else "action"
            yield Finding(
                category="name",
                severity="warning",
                scene=s.scene,
                line=s.line,
                message=f"{word!r} looks like a misspelling of {form.title()!r} ({who}) in {where}",
                text=s.text,
                character=who,
                subject=word,
                evidence=(_evidence_for(who, first, bible_names, ctx),),
                extra=(("written", word),),
            )


def _is_frequent(known: str, counts: Counter, bible_names: dict[str, str]) -> bool:
    return known in bible_names or counts[known] >= 3


def _match(cue: str, counts: Counter, bible_names: dict[str, str], first: dict[str, tuple[int, int]],
           index: _NearIndex):
    candidates = []
    for known in index.near(cue):
        if known in bible_names or counts[known] >= max(3, 3 * counts[cue]):
            candidates.append(known)
    if len(candidates) != 1:
        return None
    known = candidates[0]
    if known in bible_names:
        canonical = bible_names[known]
        return canonical, Evidence(known, bible=f"characters.{canonical}")
    scene, line = first[known]
    return known, Evidence(f"{known} ({counts[known]} cues)", line=line, scene=scene)


def _evidence_for(known, first, bible_names, ctx) -> Evidence:
    if known in bible_names and ctx.explicit_bible:
        return Evidence(known, bible=f"characters.{bible_names[known]}")
    scene, line = first.get(known, (None, None))
    return Evidence(known, line=line, scene=scene)
