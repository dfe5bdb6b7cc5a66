"""What happens to each prop over the script: seen, used, handed over, lost, destroyed, recovered.

Read with the prop check's own machinery (:mod:`continuity.checks.prop`): the same
parses (each sentence with the one before it, for ``it``), the same pronoun
resolution and bible aliases, and :func:`continuity.story.objects.events` for who did
what to which object. So a prop sheet and a prop finding never disagree.

**Key props** are the objects characters act on in two or more scenes (someone
holds, uses, gives, loses or owns them), not every repeated noun: a noun only
counts when the parse makes it the object of an event, and garments, body parts,
people, places, fixtures and abstract words never do. The bible's props are always
tracked.
"""

from __future__ import annotations

import logging
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from continuity.bible.extract import _ABSTRACT_RE, _PROP_STOP
from continuity.language.lexicon import GARMENTS, garments_in
from continuity.screenplay.pages import scene_number
from continuity.story import prop_events
from continuity.story.object_words import NOT_PROPS

if TYPE_CHECKING:
    from continuity.story.context import Context
    from continuity.story.objects import Event
    from continuity.story.sentences import Sentence

log = logging.getLogger(__name__)

#: At most this many props discovered from events (the bible's props come on top).
MAX_KEY_PROPS = 40
#: A key prop is acted on by a character in at least this many scenes.
MIN_SCENES = 2
# Places and fixtures the parse sees acted on that are part of a set, not props.
_SET_NOUNS = frozenset(
    "curb kerb pavement gutter alley lane track trail pier jetty dock quay deck railing rail rails gate fence "
    "hedge step stairway ladder hatch lens cage shelf shelves hook stove sink counter cupboard cabinet drawer "
    "dresser wardrobe closet mirror curtain curtains blind blinds carpet rug mat tile tiles grating pane panes "
    "glass frame lamp post pole wheel engine seat seats booth aisle platform tunnel lift elevator escalator "
    "cell bar bars hall lobby foyer landing ledge gallery stage pit shore sand mud rock rocks spray swell tide "
    "dark light length care breath stride limp gap turn rim rims heel heels front cover edge answer none "
    "gaze glance stare grin frown grip chop chops attention thorn thorns".split()
)
# Rank of an event for one object in one sentence: the strongest is what the sheet shows.
_RANK = {"loss": 6, "recover": 5, "new": 5, "transfer": 4, "remains": 3, "use": 2, "seen": 1}


@dataclass(frozen=True)
class Where:
    """A place in the script as production talks about it.

    Attributes:
        scene: 1-based scene index.
        scene_number: the script's own scene number, else the index as text.
        page: the page it is printed on (a PDF's own; else the standard layout).
        line: the source line (Fountain), paragraph (FDX) or printed row (PDF).
        flashback: the scene is outside the main timeline.
    """

    scene: int
    scene_number: str
    page: str | None
    line: int
    flashback: bool = False

    def to_dict(self) -> dict[str, Any]:
        """JSON form (stable keys)."""
        return {"scene": self.scene, "scene_number": self.scene_number, "page": self.page, "line": self.line}


def where(ctx: Context, s: Sentence, pages) -> Where:
    """Where sentence ``s`` is: scene number and page from :mod:`continuity.screenplay.pages`."""
    scene = ctx.scene(s.scene)
    pos = pages.locate(s.line)
    return Where(s.scene, scene_number(scene) if scene else str(s.scene), pos.page if pos else None, s.line,
                 ctx.is_flashback(s.scene))


@dataclass(frozen=True)
class PropEntry:
    """One thing that happens to a prop, in one sentence.

    Attributes:
        event: ``seen``, ``used``, ``handed over``, ``taken``, ``recovered``, ``a new one``,
            ``remains``, or the loss in words (``destroyed``, ``burnt``, ``lost``,
            ``stolen``, ``sold``, ``given away``...).
        character: who did it, when named.
        recipient: who received it (a hand-over, or the taker).
        verb: the verb that decided it ("" when the prop is only seen).
        words: the writer's words for the prop here.
        note: what a continuity supervisor should look at (a use after an
            unrecovered loss).
    """

    where: Where
    event: str
    character: str | None
    recipient: str | None
    verb: str
    words: str
    text: str
    note: str = ""

    def to_dict(self) -> dict[str, Any]:
        """JSON form (stable keys)."""
        return {**self.where.to_dict(), "event": self.event, "character": self.character,
                "recipient": self.recipient, "verb": self.verb, "words": self.words, "note": self.note or None,
                "text": self.text}


@dataclass(frozen=True)
class PropSheet:
    """A prop's sheet: its name, aliases, and every sentence of action it is in."""
    name: str
    aliases: tuple[str, ...]
    in_bible: bool
    entries: tuple[PropEntry, ...]

    @property
    def scenes(self) -> tuple[int, ...]:
        """Scenes it appears in."""
        return tuple(sorted({e.where.scene for e in self.entries}))

    @property
    def status(self) -> str | None:
        """How the story leaves it, when that is a loss not made good: ``destroyed in scene 7``."""
        state = None
        for e in self.entries:
            if e.where.flashback:
                continue
            if e.event in _LOSS_WORDS:
                state = f"{e.event} in scene {e.where.scene_number}"
            elif e.event in ("recovered", "a new one"):
                state = None
        return state

    @property
    def holders(self) -> tuple[str, ...]:
        """Who handles it, in order of first handling."""
        out: dict[str, None] = {}
        for e in self.entries:
            for who in (e.character, e.recipient):
                if who:
                    out.setdefault(who)
        return tuple(out)

    def to_dict(self) -> dict[str, Any]:
        """JSON form (stable keys)."""
        return {"name": self.name, "aliases": list(self.aliases), "in_bible": self.in_bible,
                "scenes": list(self.scenes), "holders": list(self.holders), "status": self.status,
                "events": [e.to_dict() for e in self.entries]}


#: The loss words an entry's ``event`` can hold (see :func:`continuity.story.objects.events`).
_LOSS_WORDS = frozenset({"destroyed", "burnt", "lost", "stolen", "sold", "pawned", "given away", "traded away",
                         "auctioned", "gone", "missing", "ruined"})


def object_events(ctx: Context, sentences: list[Sentence]) -> dict[int, list[Event]]:
    """Object events per sentence id, read exactly as the prop check reads them."""
    if not sentences:
        return {}
    parsed = prop_events.parse_with_antecedents(ctx, sentences)
    aliases = prop_events.bible_aliases(ctx)
    by_id = {s.id: s for s in sentences}
    return {s.id: prop_events.events_of(ctx, s, parsed, by_id, aliases) for s in sentences}


def _action(ctx: Context) -> list[Sentence]:
    return [s for s in ctx.sentences if s.kind == "action" and s.scene > 0]


def _forms(head: str) -> list[str]:
    out = {head, head + "s", head + "es"}
    if head.endswith("y"):
        out.add(head[:-1] + "ies")
    return sorted(out, key=len, reverse=True)


_DETERMINER = r"\b(?:the|a|an|his|her|their|its|my|your|our|this|that|[A-Za-z]+'s)"
_DETERMINED_RE = re.compile(_DETERMINER + r"\s+(?:[a-z][a-z-]*\s+){0,2}?([a-z]{3,})\b")


def _candidates(ctx: Context, sentences: list[Sentence]) -> set[str]:
    """Nouns that could be key props: after a determiner or possessive, in two or more scenes."""
    scenes: dict[str, set[int]] = defaultdict(set)
    for s in sentences:
        for m in _DETERMINED_RE.finditer(s.text):
            word = m.group(1)
            scenes[word].add(s.scene)
            if word.endswith("s"):
                scenes[word[:-1]].add(s.scene)
    return {w for w, sc in scenes.items() if len(sc) >= MIN_SCENES and not _noise(ctx, w)}


def _noise(ctx: Context, head: str) -> bool:
    """Nouns that are never props: garments, bodies, people, places, fixtures, abstractions."""
    if len(head) < 3 or head in _SET_NOUNS or head in NOT_PROPS or head in _PROP_STOP or head in GARMENTS:
        return True
    if _ABSTRACT_RE.search(head) or head in _places(ctx) or head.upper() in _names(ctx):
        return True
    return False


def _places(ctx: Context) -> set[str]:
    return {w.lower() for sc in ctx.script.scenes for part in sc.heading.location.split(" - ")
            for w in re.findall(r"[A-Za-z]+", part)[-1:]}


def _names(ctx: Context) -> set[str]:
    return {w for name in ctx.cast.surface for w in name.split()}


def _garment_words(words: str) -> bool:
    return bool(garments_in(words))


def _tracked(ctx: Context) -> tuple[list[tuple[str, tuple[str, ...], set[str]]], set[str]]:
    """Bible props as ``(name, aliases, heads)``, and every head the bible names."""
    aliases = prop_events.bible_aliases(ctx)
    out = []
    for p in ctx.bible.props:
        head = p.name.lower().split()[-1]
        heads = {head} | {a for a, h in aliases.items() if h == head}
        out.append((p.name, tuple(p.aliases), heads))
    return out, {h for _, _, hs in out for h in hs}


def read_props(ctx: Context, *, with_bible: bool = True) -> tuple[dict[str, list[tuple[Sentence, Event]]], set[str]]:
    """Every object event on a possible prop, grouped by head noun, and the heads the bible names.

    Sentences parsed: those naming a candidate noun (a bible prop, or a noun after a
    determiner in two or more scenes), and those that open with ``It``/``They``.
    """

    sentences = _action(ctx)
    bible_props, bible_heads = _tracked(ctx) if with_bible else ([], set())
    heads = _candidates(ctx, sentences) | bible_heads
    if not heads:
        return {}, bible_heads
    forms = sorted({f for h in heads for f in _forms(h)}, key=len, reverse=True)
    mention = re.compile(r"\b(?:" + "|".join(map(re.escape, forms)) + r")\b", re.IGNORECASE)
    chosen = [s for s in sentences if mention.search(s.text) or prop_events.pronoun_led(s)]
    log.info("props: parsing %d of %d action sentences", len(chosen), len(sentences))
    grouped: dict[str, list[tuple[Sentence, Event]]] = defaultdict(list)
    by_id = {s.id: s for s in chosen}
    for sid, evs in object_events(ctx, chosen).items():
        for e in evs:
            if e.obj.head in heads and not _garment_words(e.obj.words):
                grouped[e.obj.head].append((by_id[sid], e))
    return dict(grouped), bible_heads


def key_props(ctx: Context, grouped: dict[str, list[tuple[Sentence, Event]]] | None = None,
              ) -> list[tuple[str, list[str]]]:
    """Objects characters act on in :data:`MIN_SCENES` or more scenes: ``(name, aliases)``, most handled first.

    The name is the writer's most frequent words for it (``brass compass``), aliases
    other names used at least twice.
    """
    if grouped is None:
        grouped, _ = read_props(ctx, with_bible=False)
    ranked = []
    for head, items in grouped.items():
        handled = {s.scene for s, e in items if _handled(e) and not ctx.is_flashback(s.scene)}
        if len(handled) < MIN_SCENES or _noise(ctx, head):
            continue
        names = Counter(e.obj.name for _, e in items)
        ranked.append((-len(handled), min(s.id for s, _ in items), head, names))
    out = []
    for _, _, head, names in sorted(ranked)[:MAX_KEY_PROPS]:
        name = _best_name(head, names)
        aliases = [n for n, k in names.most_common() if n != name and k >= 2 and n.endswith(head)][:3]
        out.append((name, aliases))
    return out


def _handled(e: Event) -> bool:
    """Whether a character acts on the object in this event (owning it is not enough)."""
    return bool(e.actor or e.recipient or e.held)


def _best_name(head: str, names: Counter) -> str:
    """The most frequent name that ends in the head noun; a longer one wins a tie.

    A longer name said only once (``rate painting`` from "cut-rate painting") is not
    a name: the head noun is.
    """
    good = [(k, len(n.split()), n) for n, k in names.items()
            if n.endswith(head) and len(n.split()) <= 3 and (k >= 2 or n == head)]
    return max(good)[2] if good else head


def prop_sheets(ctx: Context, pages) -> list[PropSheet]:
    """The sheets of the bible's props and of the key props, bible props first."""
    explicit = ctx.explicit_bible  # without a user's bible, props are found from events alone
    grouped, bible_heads = read_props(ctx, with_bible=explicit)
    bible_props = _tracked(ctx)[0] if explicit else []
    out: list[PropSheet] = []
    for name, aliases, heads in bible_props:
        items = [x for h in heads for x in grouped.get(h, [])]
        out.append(PropSheet(name, aliases, True, tuple(_entries(ctx, items, heads, aliases, pages))))
    found = {h: v for h, v in grouped.items() if h not in bible_heads}
    for name, aliases in key_props(ctx, found):
        head = name.split()[-1]
        out.append(PropSheet(name, tuple(aliases), False, tuple(_entries(ctx, found.get(head, []), {head}, (), pages))))
    return out


def _entries(ctx: Context, items: list[tuple[Sentence, Event]], heads: set[str], aliases: tuple[str, ...],
             pages) -> list[PropEntry]:
    """One entry per sentence: its strongest event, or ``seen`` when the prop is only named there."""
    best: dict[int, tuple[Sentence, Event | None]] = {}
    for s, e in items:
        old = best.get(s.id)
        if old is None or old[1] is None or _RANK[e.kind] > _RANK[old[1].kind]:
            best[s.id] = (s, e)
    forms = sorted({f for h in heads for f in _forms(h)} | {a.lower() for a in aliases}, key=len, reverse=True)
    if forms:
        # Named as a thing ("the compass", "her phone"), not as a verb ("signs the deed").
        named = re.compile(_DETERMINER + r"\s+(?:[a-z][a-z-]*\s+){0,2}?(?:" + "|".join(map(re.escape, forms)) + r")\b",
                           re.IGNORECASE)
        for s in _action(ctx):
            if s.id not in best and named.search(s.text):
                best[s.id] = (s, None)
    out: list[PropEntry] = []
    lost: PropEntry | None = None
    for sid in sorted(best):
        s, e = best[sid]
        entry = _entry(ctx, s, e, pages)
        if not entry.where.flashback:
            if entry.event in _LOSS_WORDS:
                lost = entry
            elif entry.event == "a new one" and lost is None:
                entry = _as_use(entry)  # "a sign", the first time: not a replacement
            elif entry.event in ("recovered", "a new one"):
                lost = None
            elif lost is not None and entry.event in ("used", "handed over", "taken") and entry.where.scene != lost.where.scene:
                entry = PropEntry(entry.where, entry.event, entry.character, entry.recipient, entry.verb, entry.words,
                                  entry.text, f"{lost.event} in scene {lost.where.scene_number} and not recovered")
        out.append(entry)
    return out


def _as_use(entry: PropEntry) -> PropEntry:
    event = "used" if entry.character else "seen"
    return PropEntry(entry.where, event, entry.character, entry.recipient, entry.verb, entry.words, entry.text)


def _entry(ctx: Context, s: Sentence, e: Event | None, pages) -> PropEntry:
    w = where(ctx, s, pages)
    if e is None:
        return PropEntry(w, "seen", None, None, "", "", s.text)
    kind, who, to = e.kind, e.actor, e.recipient
    if kind == "loss":
        event = e.how or "lost"
    elif kind == "transfer":
        event = "taken" if to and to == who else "handed over"
        if event == "taken":
            who = None
    elif kind == "use":
        event = "used" if who or e.held else "seen"
    else:
        event = {"recover": "recovered", "new": "a new one", "remains": "remains"}[kind]
    return PropEntry(w, event, who, to, e.verb, e.obj.words, s.text)


__all__ = ["MAX_KEY_PROPS", "MIN_SCENES", "Where", "where", "PropEntry", "PropSheet", "object_events", "read_props",
           "key_props", "prop_sheets"]
