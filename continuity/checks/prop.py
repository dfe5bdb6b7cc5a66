"""Props: an object destroyed, lost or given away, then used again.

Any object the script establishes is tracked, whether or not the bible lists it
(the bible adds aliases; it never narrows what is tracked). Sentences that may
state a loss are found by their verbs, parsed (:mod:`continuity.parse`) and read
for who did what to which object (:mod:`continuity.objects`): *Will flings the
snow globe at the wall. It bursts into a hundred pieces.* loses the snow globe
in the second sentence. Later sentences that name the object are parsed too; one
that uses it (acts on it, or has it simply there) with no recovery in between is
reported, with the loss as evidence. A hand-over to one of the cast is not a loss;
to a stranger it is. Flashbacks are outside the timeline and neither lose nor use
props; an object never held by anyone (a window, a vase on a set) is only the same
object at the same location.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from continuity.audit import Context
from continuity.findings import Evidence, Finding
from continuity.objects import (
    ALIENATE, ASH, AWAY, DESTROY, FIXTURES, GIVE, GONE_PLACES, LOSE, PERISH, PERSON_NOUNS, SINK, STEAL, SWEEP, TAKE,
    THROW, VANISH, Event, ObjectRef, events,
    main_object, same_object,
)
from continuity.text import Sentence

_IRREGULAR = {
    "throw": "threw thrown", "fling": "flung", "sink": "sank sunk", "steal": "stole stolen", "sweep": "swept",
    "lose": "lost", "sell": "sold", "give": "gave given", "burn": "burnt", "break": "broke broken",
    "tear": "tore torn", "blow": "blew blown", "feed": "fed", "catch": "caught", "let": "let", "slide": "slid",
    "take": "took taken", "go": "went gone", "fall": "fell fallen", "cast": "cast", "sling": "slung",
    "drag": "dragged", "burst": "burst", "lend": "lent", "swing": "swung",
}


def _forms(lemma: str) -> list[str]:
    """Inflected forms of a regular English verb, plus known irregular ones."""
    out = {lemma, lemma + "s", lemma + "es", lemma + "ed", lemma + "d", lemma + "ing", *(_IRREGULAR.get(lemma, "").split())}
    if lemma.endswith("e"):
        out |= {lemma[:-1] + "ing", lemma + "d"}
    if lemma.endswith("y"):
        out |= {lemma[:-1] + "ies", lemma[:-1] + "ied"}
    if re.fullmatch(r"[a-z]*[^aeiou][aeiou][bdgmnprt]", lemma):
        out |= {lemma + lemma[-1] + "ed", lemma + lemma[-1] + "ing"}
    return sorted(out, key=len, reverse=True)


# Verbs that say a loss by themselves, and verbs that need a place or a stranger to ("throws it into the sea").
_STRONG = DESTROY | PERISH | SINK | STEAL | LOSE | ALIENATE | {"break", "tear", "rip", "burn", "explode"}
_WEAK = (VANISH | THROW | SWEEP | GIVE | TAKE) | {"blow", "catch", "fall", "slip", "tumble", "plunge", "go", "feed"}
_STRONG_FORMS = frozenset(f for lemma in _STRONG for f in _forms(lemma)) | {"gone", "missing", "stolen", "destroyed"}
_WEAK_FORMS = frozenset(f for lemma in _WEAK for f in _forms(lemma))
_CONTEXT = frozenset(GONE_PLACES | AWAY | PERSON_NOUNS | ASH | {"nothing", "lost", "overboard", "beyond"})
_WORDS_RE = re.compile(r"[a-z]+")
_PRONOUN_RE = re.compile(r"\b(?:it|them|they|its)\b", re.IGNORECASE)


_STATE_GATE = re.compile(
    r"\b(?:nothing (?:is |was )?(?:left|remains)|beyond repair|(?:is|are|was|were|turns? to|burns? to|reduced to) "
    r"(?:a )?(?:\w+ )?(?:ash|ashes|dust|rubble|cinders|pieces|splinters|fragments|smithereens))\b", re.IGNORECASE)


def _may_lose(text: str) -> bool:
    """Whether a sentence may state a loss (a cheap gate before parsing)."""
    if _STATE_GATE.search(text):
        return True
    words = set(_WORDS_RE.findall(text.lower()))
    if not _STRONG_FORMS.isdisjoint(words):
        return True
    return not _WEAK_FORMS.isdisjoint(words) and not _CONTEXT.isdisjoint(words)


@dataclass
class _Lost:
    obj: ObjectRef
    event: Event
    sentence: Sentence
    location: str
    portable: bool
    name: str


def check(ctx: Context) -> Iterator[Finding]:
    """Yield prop findings."""
    sentences = [s for s in ctx.sentences if s.kind == "action" and s.scene > 0 and not ctx.is_flashback(s.scene)]
    if not sentences:
        return
    aliases = _bible_aliases(ctx)
    by_id = {s.id: s for s in sentences}
    gated = [s for s in sentences if _may_lose(s.text)]
    if not gated:
        return
    losses = _losses(ctx, gated, by_id, aliases)
    if not losses:
        return
    heads = {lost.obj.head for lost in losses}
    forms = sorted({f for h in heads for f in (h, h + "s", h + "es", h[:-1] + "ies" if h.endswith("y") else h)}
                   | {a for a, h in aliases.items() if h in heads}, key=len, reverse=True)
    mention = re.compile(r"\b(?:" + "|".join(map(re.escape, forms)) + r")\b", re.IGNORECASE)
    first = min(lost.sentence.id for lost in losses)
    later = [s for s in sentences if s.id > first and (mention.search(s.text.replace("-", "")) or _pronoun_led(s))]
    parsed = _parse(ctx, later)
    open_losses = sorted(losses, key=lambda x: x.sentence.id)
    for s in later:
        evs = _events(ctx, s, parsed, by_id, aliases)
        for lost in list(open_losses):
            if s.id <= lost.sentence.id:
                continue
            for e in evs:
                if not same_object(lost.obj, e.obj):
                    continue
                if e.kind in ("recover", "new"):
                    open_losses.remove(lost)
                    break
                if e.kind not in ("use", "transfer"):
                    continue
                if lost.sentence.scene == s.scene and s.id - lost.sentence.id <= 2:
                    continue  # the aftermath of the loss itself
                if not lost.portable and _place(ctx, s.scene) != lost.location:
                    continue  # another window, another vase
                yield _finding(ctx, s, e, lost)
                open_losses.remove(lost)
                break


def _bible_aliases(ctx: Context) -> dict[str, str]:
    """Alias head word -> the prop name's head word, from the bible."""
    out: dict[str, str] = {}
    for p in ctx.bible.props:
        head = p.name.lower().split()[-1]
        for a in p.aliases:
            words = a.lower().split()
            if words and words[-1] != head:
                out[words[-1]] = head
    return out


def _place(ctx: Context, scene_index: int) -> str:
    scene = ctx.scene(scene_index)
    return scene.heading.location.split(" - ")[0].strip() if scene else ""


def _pronoun_led(s: Sentence) -> bool:
    return bool(re.match(r"(?:It|They|Them)\b", s.text))


def _parse(ctx: Context, sentences: list[Sentence]) -> dict[int, object]:
    """Parses of ``sentences`` and of each one's predecessor in its paragraph (for ``it``)."""
    want: dict[int, Sentence] = {}
    for s in sentences:
        want[s.id] = s
        # The sentence before matters only for a pronoun ("It bursts into a hundred pieces").
        if s.id > 0 and ctx.sentences[s.id - 1].element == s.element and _PRONOUN_RE.search(s.text):
            want[s.id - 1] = ctx.sentences[s.id - 1]
    return dict(zip(want, ctx.parse_many(list(want.values()))))


def _people(ctx: Context, s: Sentence) -> dict[str, str]:
    """He/she/they resolved to the character the paragraph is about."""
    out = {}
    for pronoun, gender in (("he", "m"), ("him", "m"), ("she", "f"), ("her", "f")):
        who = ctx.reader.previous_named(s, gender, include_self=True)
        if who:
            out[pronoun] = who
    return out


def _events(ctx: Context, s: Sentence, parsed: dict, by_id: dict, aliases: dict[str, str]) -> list[Event]:
    parse = parsed.get(s.id)
    if parse is None:
        return []
    antecedent = None
    prev = parsed.get(s.id - 1)
    if prev is not None:
        antecedent = main_object(prev)
    evs = events(parse, antecedent, _people(ctx, s))
    if aliases:
        evs = [Event(e.kind, _canonical(e.obj, aliases), e.verb, e.actor, e.recipient, e.held) for e in evs]
    return evs


def _canonical(ref: ObjectRef, aliases: dict[str, str]) -> ObjectRef:
    head = aliases.get(ref.head)
    if head is None:
        return ref
    return ObjectRef(head, (), ref.adjectives, ref.owner, ref.words, ref.indefinite, ref.plural, ref.token,
                     ref.possessed)


def _losses(ctx: Context, gated: list[Sentence], by_id: dict, aliases: dict[str, str]) -> list[_Lost]:
    parsed = _parse(ctx, gated)
    out: list[_Lost] = []
    for s in gated:
        evs = _events(ctx, s, parsed, by_id, aliases)
        prev = parsed.get(s.id - 1)
        prev_evs = events(prev, None, _people(ctx, s)) if prev is not None else []
        for e in evs:
            if e.kind != "loss" or e.obj.indefinite:
                continue  # "smashing down three cars": a one-off, not an object the story tracks
            # A fixture (a window, a mirror) is only the same one at the same place, unless someone handled it.
            held = e.obj.head not in FIXTURES or e.held or e.obj.possessed or any(
                p.held and same_object(p.obj, e.obj) for p in prev_evs) or _in_bible(ctx, e.obj)
            out.append(_Lost(e.obj, e, s, _place(ctx, s.scene), held, _name(ctx, e.obj)))
    return out


def _in_bible(ctx: Context, ref: ObjectRef) -> bool:
    return any(ref.head in {p.name.lower().split()[-1], *(a.lower().split()[-1] for a in p.aliases)}
               for p in ctx.bible.props)


def _name(ctx: Context, ref: ObjectRef) -> str:
    """The bible's name for the object, or the writer's (``snow globe``)."""
    for p in ctx.bible.props:
        if ref.head in {p.name.lower().split()[-1], *(a.lower().split()[-1] for a in p.aliases)}:
            return p.name
    return ref.name


def _finding(ctx: Context, s: Sentence, e: Event, lost: _Lost) -> Finding:
    plural = lost.obj.plural
    how = lost.event.how or "lost"
    words = e.obj.words if e.obj.words.lower() not in ("it", "them", "they") else f"the {lost.name}"
    subject_words = words[:1].lower() + words[1:] if words.split()[0].lower() in ("the", "a", "an") else words
    message = (f"{subject_words} {'are' if plural else 'is'} used here, but {'they were' if plural else 'it was'} "
               f"{how} in scene {lost.sentence.scene} and never recovered")
    return Finding(
        category="prop",
        severity="error",
        scene=s.scene,
        line=s.line,
        message=message,
        text=s.text,
        subject=lost.name,
        character=e.actor,
        evidence=(Evidence(lost.sentence.text, line=lost.sentence.line, scene=lost.sentence.scene),),
        extra=(("object", lost.obj.words), ("loss", lost.event.verb), ("use", e.verb)),
    )
