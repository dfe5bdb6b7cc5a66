"""Props: an object destroyed, lost or given away, then used again.

Any object the script establishes is tracked, whether or not the bible lists it
(the bible adds aliases; it never narrows what is tracked). Sentences that may
state a loss are found by their verbs, parsed (:mod:`continuity.language.parse`) and read
for who did what to which object (:mod:`continuity.story.objects`, :mod:`continuity.story.object_refs`): *Will flings the
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
from dataclasses import dataclass, replace

from continuity.checks.findings import Evidence, Finding
from continuity.checks.prop_losses import (
    NEW_PAPER_RE,
    PAPERS,
    TIMED_THING_RE,
    last_owner,
    negated,
    with_someone_else,
)
from continuity.checks.prop_look import bible_looks
from continuity.language.lexicon import COLOUR_GROUP, GARMENTS, garment_kind
from continuity.language.trait_words import HAIR_NOUNS
from continuity.story.context import Context
from continuity.story.dress import Dress
from continuity.story.object_refs import (
    SAME_THING,
    ObjectRef,
    absent,
    fixed_somewhere,
    fold_accents,
    same_object,
)
from continuity.story.object_words import FIXTURES
from continuity.story.objects import Event, events
from continuity.story.prop_events import (
    bible_aliases,
    canonical,
    events_of,
    may_lose,
    parse_with_antecedents,
    people,
    pronoun_led,
    released,
)
from continuity.story.prop_fates import Fate, bible_fates
from continuity.story.sentences import Sentence


@dataclass
class _Lost:
    obj: ObjectRef
    event: Event
    sentence: Sentence
    location: str
    portable: bool
    name: str
    fate: Fate | None = None  # told by the bible, not shown
    replaced_by: ObjectRef | None = None  # a new one of its kind, shown since
    colours: frozenset[str] | None = None  # its colour, read once (see _colours_of)


def check(ctx: Context) -> Iterator[Finding]:
    """Yield prop findings: things lost, then used; and things taken out of a container left empty."""
    said: set[int] = set()
    for f in _lost_then_used(ctx):
        said.add(f.line)
        yield f
    yield from _lost_then_worn(ctx, said)
    yield from _emptied(ctx)


#: Packages that are emptied and not refilled off screen (not a fridge or a cupboard).
_CONTAINERS = ("box", "bag", "tin", "jar", "bottle", "flask", "packet", "carton", "crate", "basket", "bowl",
               "canister", "thermos", "pouch", "sack", "hip flask", "cooler")
_CONTAINER = "(?P<c>" + "|".join(sorted(map(re.escape, _CONTAINERS), key=len, reverse=True)) + ")"
_EMPTY_RE = re.compile(r"\b(?:the|his|her|their)\s+(?:[\w'-]+\s+){0,2}?" + _CONTAINER +
                       r"\s+(?:is|was|sits|lies|stands|hangs)\s+(?:now\s+)?(?:completely\s+|totally\s+|quite\s+)?empty\b",
                       re.IGNORECASE)


def _emptied(ctx: Context) -> Iterator[Finding]:
    """"The box is empty." Then, the same story day or the next, something taken out of the box.

    A refill, or "a new box", in between ends it.
    """
    for s in ctx.sentences:
        if s.kind != "action" or s.scene <= 0:
            continue
        m = _EMPTY_RE.search(s.text)
        if m is None:
            continue
        what = m.group("c").lower()
        out_of = re.compile(r"\b(?P<verb>\w+)\s+(?P<thing>(?:the|a|an|his|her|their|one|another|some)\s+(?:[\w'-]+\s+){0,3}?"
                            r"[\w'-]+)\s+(?:out of|from)\s+(?P<box>(?:the|his|her|their|[A-Z][\w'-]*(?:'s|\u2019s))\s+"
                            r"(?:[\w'-]+\s+){0,3}?)" + re.escape(what) + r"\b", re.IGNORECASE)
        refill = re.compile(r"\b(?:fills?|refills?|restocks?|tops? up|new|another|fresh|second)\b[^.]{0,40}\b" + re.escape(what)
                            + r"\b", re.IGNORECASE)
        day = ctx.day_key(s.scene)
        for later in ctx.sentences[s.id + 1:]:
            if later.scene <= 0 or later.kind != "action":
                continue
            k = ctx.day_key(later.scene)
            if day is None or k is None:
                break
            if k[0] != day[0]:
                continue  # a flashback between
            if not 0 <= k[1] - day[1] <= 1:
                break
            if refill.search(later.text):
                break
            hit = out_of.search(later.text)
            if hit is None or later.scene == s.scene:
                continue
            yield Finding(
                category="prop", severity="warning", scene=later.scene, line=later.line,
                message=f"{hit.group('thing')!r} comes out of the {what} here, but the {what} was left empty in "
                        f"scene {ctx.scene_number(s.scene)} ({m.group(0)!r})",
                text=later.text, subject=what,
                evidence=(Evidence(s.text, line=s.line, scene=s.scene),),
                extra=(("object", what), ("loss", "emptied"), ("use", hit.group("verb").lower())),
            )
            break


def _lost_then_used(ctx: Context) -> Iterator[Finding]:
    """A thing lost, destroyed, burnt, eaten or given away, then used as if the holder still had it."""
    # The past is read too (a life told in flashbacks, like Big Fish's, loses things in it); a loss and a use
    # are compared only on one line of story time (see _same_line).
    sentences = [s for s in ctx.sentences if s.kind == "action" and s.scene > 0]
    if not sentences:
        return
    aliases = bible_aliases(ctx)
    by_id = {s.id: s for s in sentences}
    losses = _all_losses(ctx, sentences)
    if not losses:
        return
    heads = {lost.obj.head for lost in losses}
    forms = sorted({f for h in heads for f in (h, h + "s", h + "es", h[:-1] + "ies" if h.endswith("y") else h)}
                   | {a for a, h in aliases.items() if h in heads}
                   | {w for w, h in SAME_THING.items() if h in heads}, key=len, reverse=True)  # "her smartphone"
    mention = re.compile(r"\b(?:" + "|".join(map(re.escape, forms)) + r")\b", re.IGNORECASE)
    first = min(lost.sentence.id for lost in losses)
    # (and the lines right after a loss that say "it": "The watch drops into the ash. She crouches, fishes it out")
    just_after = {i for lost in losses for i in range(lost.sentence.id + 1, lost.sentence.id + 3)}
    later = [s for s in sentences if s.id > first and (mention.search(fold_accents(s.text).replace("-", "")) or
                                                       pronoun_led(s) or (
        s.id in just_after and re.search(r"\b(?:it|them)\b", s.text, re.IGNORECASE)))]
    parsed = parse_with_antecedents(ctx, later)
    open_losses = sorted(losses, key=lambda x: x.sentence.id)
    reported: set[tuple[int, int]] = set()
    others: set[int] = set()  # losses another thing of their kind has been seen since
    for s in later:
        evs = events_of(ctx, s, parsed, by_id, aliases)
        for lost in list(open_losses):
            if s.id <= lost.sentence.id:
                continue
            if lost.fate is None and s.scene != lost.sentence.scene and s.kind == "action" and not any(
                    e.obj.head == lost.obj.head for e in evs) and re.search(
                    rf"\b(?:is|are|sits|lies|comes)\s+(?:a|an)\s+(?:[\w-]+,?\s+){{0,3}}{re.escape(lost.obj.head)}s?\b",
                    s.text, re.IGNORECASE):
                open_losses.remove(lost)  # "strapped to the carrier is a round tin canister": one brought back
                continue
            for e in evs:
                if lost.fate is not None and e.kind == "new" and lost.replaced_by is None and \
                        _stem(e.obj.head) == _stem(lost.obj.head) and _REPLACEMENT_RE.search(e.obj.words):
                    lost.replaced_by = e.obj  # "they hang a new sign where the neon used to be"
                    break
                if not (_fate_names(lost, e, ctx.cast.gender, s.text) if lost.fate is not None else
                        same_object(lost.obj, e.obj)):
                    continue
                if lost.fate is not None and not e.obj.owner and not e.obj.adjectives and not e.obj.modifiers and \
                        _props_named(ctx, lost.obj.head) > 1:
                    continue  # "she takes the épée": Cora's, whose fate this is, or Juno's old one
                if e.kind in ("use", "transfer", "remains") and _other_colour(ctx, lost, e.obj):
                    others.add(id(lost))
                    continue  # another one of its kind ("grey helmet under her arm" after the black one is binned)
                if garment_kind(lost.obj.head) and _other_garment(lost.obj.words, e.obj.words, lost.obj.head):
                    others.add(id(lost))
                    continue  # "the navy pea coat" Eva lends her, after the trench coat went into the stove
                glimpse = re.match(r"the\s+([a-z-]+)\s+of\b", e.obj.words, re.IGNORECASE)
                if glimpse and glimpse.group(1).lower() in COLOUR_GROUP:
                    continue  # "The yellow of the raincoat shows through the plastic": seen in the bin, not used
                if e.kind == "new" and lost.fate is None and lost.portable and lost.replaced_by is None and \
                        _colours_of(ctx, lost):
                    # "A cheap flip phone" after the orange one was stamped flat: the new one is used from now on,
                    # but "his orange phone" later is the old one
                    lost.replaced_by = e.obj
                    break
                if e.kind == "new" or e.kind == "recover" and not _gone_for_good(lost, e):
                    open_losses.remove(lost)
                    break
                if lost.replaced_by is not None and e.kind in ("use", "transfer", "remains") and not (
                        _colours(e.obj) and _colours(e.obj) <= _colours_of(ctx, lost)
                        and not _colours(e.obj) & _colours(lost.replaced_by)):
                    continue  # the new one
                if e.kind == "loss" and lost.fate is None and lost.sentence.scene != s.scene:
                    # "the trash can where she ditched her umbrella on Monday": the loss told again; what
                    # follows it ("It has been emptied.") is its aftermath
                    lost.sentence, lost.colours = s, None
                    break
                if e.kind == "remains" and lost.event.how == "lost" and not absent(parsed[s.id], e.obj):
                    pass  # gone under a wave, then "his sodden red beanie": a lost thing has no remains to show
                elif e.kind not in ("use", "transfer") and not (e.kind == "recover" and _gone_for_good(lost, e)):
                    continue  # (a burnt card fished out of a pocket later is used as if whole)
                if lost.sentence.scene == s.scene and s.id - lost.sentence.id <= 2:
                    continue  # the aftermath of the loss itself
                if lost.fate is None and lost.event.how in ("gone", "stolen", "missing", "taken") and \
                        lost.obj.head.lower() not in HAIR_NOUNS and not garment_kind(lost.obj.head) and \
                        s.scene != lost.sentence.scene and e.kind in ("use", "remains", "transfer") and \
                        with_someone_else(ctx, s, lost):
                    open_losses.remove(lost)  # "The red hatbox is gone.", then "beside him, the red leather
                    break  # hatbox": stolen, and found again with the thief
                if lost.obj.head in PAPERS and not (e.obj.owner or e.obj.modifiers or e.obj.adjectives or re.match(
                        r"(?:his|her|their)\b", e.obj.words, re.IGNORECASE)) and (NEW_PAPER_RE.search(
                        " ".join(x.text for x in ctx.sentences[max(0, s.id - 4):s.id + 1] if x.element == s.element))):
                    continue  # "takes an envelope ... He reads the letter inside": one letter of many, not the one burnt
                if negated(parsed[s.id], e.obj.token) or TIMED_THING_RE.search(e.obj.words):
                    continue  # "The three o'clock balloon will not be going up.": no use, and a new one each day
                if not lost.portable and _place(ctx, s.scene) != lost.location:
                    continue  # another window, another vase
                if not _same_line(ctx, lost.sentence.scene, s.scene):
                    continue  # whole in a flashback before the loss, or lost in the past and seen in the present
                if lost.portable and fixed_somewhere(parsed[s.id], e.obj):
                    continue  # her lost phone, then "the phone behind the bar": the roadhouse's
                if _owners_differ(ctx, lost, s, e):
                    others.add(id(lost))
                    continue
                if id(lost) in others and not (e.obj.owner or e.obj.modifiers or e.obj.adjectives) and \
                        re.match(r"the\s", e.obj.words, re.IGNORECASE):
                    continue  # "the cap", after "the white-topped cap on his grey crew cut": that one, not the lost one  # Cal's cap lost in the drift, then "Walt ... takes off his cap": Walt's own
                if (s.id, e.obj.token) not in reported:
                    reported.add((s.id, e.obj.token))
                    yield _finding(ctx, s, e, lost)
                # one finding per loss: the bible's fate goes by several names ("the Heuer", "the stopwatch")
                for other in [x for x in open_losses if x is lost or (x.fate is not None and x.fate is lost.fate)]:
                    open_losses.remove(other)
                break


def _all_losses(ctx: Context, sentences: list[Sentence]) -> list[_Lost]:
    """Every loss the action shows or the bible tells, once per reading (the checks below share them)."""
    def build() -> list[_Lost]:
        aliases = bible_aliases(ctx)
        by_id = {s.id: s for s in sentences}
        gated = [s for s in sentences if may_lose(s.text)]
        losses = _losses(ctx, gated, by_id, aliases) if gated else []
        for s, e in released(ctx, sentences):
            ref = canonical(e.obj, aliases) if aliases else e.obj
            losses.append(_Lost(ref, e, s, _place(ctx, s.scene), True, _name(ctx, ref)))
        return losses + _told(ctx)
    return [replace(x) for x in ctx.shared("prop_losses", build)]


#: Losses a garment cannot be worn after.
_GONE = frozenset({"lost", "destroyed", "burnt", "stolen", "sold", "eaten"})


def _lost_then_worn(ctx: Context, said: set[int]) -> Iterator[Finding]:
    """A garment lost in the drift or burnt, then worn by the one who lost it: "his cap gone somewhere in the drift",
    then "Cal in his orange hunter's cap" two scenes on, with no new one in between."""
    sentences = [s for s in ctx.sentences if s.kind == "action" and s.scene > 0]
    garments = [x for x in _all_losses(ctx, sentences) if x.fate is None and x.event.how in _GONE
                and garment_kind(x.obj.head)]
    if not garments:
        return
    worn = [d for d in Dress.of(ctx).events if d.kind in ("wears", "on")]
    for lost in garments:
        head = _garment(lost.obj.head)
        # ("He feeds the trench coat in": the one last seen in it)
        owner = _whose(ctx, lost.sentence, lost.obj) or lost.event.actor or _last_wearer(ctx, lost)
        # a new one, or the lost one found
        again = re.compile(r"\b(?:new|another|spare|replacement|fresh|borrowed|finds?|found|recovers?|retrieves?)"
                           r"\s+(?:[^.;]{0,40}\s)?" + re.escape(lost.obj.head), re.IGNORECASE)
        for d in worn:
            if d.sentence.id <= lost.sentence.id or d.scene == lost.sentence.scene or d.character != owner:
                continue
            if _garment(d.item.split()[-1]) != head or not _same_line(ctx, lost.sentence.scene, d.scene):
                continue
            between = ctx.sentences[lost.sentence.id + 1:d.sentence.id + 1]
            if d.kind == "on" and not _FASTENING_RE.match(d.words) or any(again.search(x.text) for x in between):
                break  # (put on: another one, or the lost one found; "belts her camel trench" has it on already)
            at = d.sentence.text.lower().find(d.item)
            if at > 0 and re.search(r"\b\w+(?:'s|\u2019s)\s+(?:[\w-]+\s+){0,3}$", d.sentence.text[:at]):
                continue  # "in her father's flannel shirt": someone else's
            colours = {COLOUR_GROUP[w] for w in re.findall(r"[a-z]+", d.item.lower()) if w in COLOUR_GROUP}
            had = _colours_of(ctx, lost)
            if colours and had and not colours & had:
                continue  # another one of its kind
            if _other_garment(lost.obj.words, d.item, lost.obj.head) or \
                    "-" in d.item.split()[-1] and d.item.split()[-1].lower() != lost.obj.head.lower():
                continue  # "the navy pea coat" is not the burnt trench coat, nor a T-shirt the lost shirt
            if d.sentence.line not in said:
                yield Finding(
                    category="prop", severity="error", scene=d.scene, line=d.sentence.line,
                    message=f"{owner} wears the {d.item} here, but {lost.obj.words!r} was {lost.event.how} in scene "
                            f"{ctx.scene_number(lost.sentence.scene)} and never recovered",
                    text=d.sentence.text, subject=lost.name, character=owner,
                    evidence=(Evidence(lost.sentence.text, line=lost.sentence.line, scene=lost.sentence.scene),),
                    extra=(("object", lost.obj.words), ("loss", lost.event.verb), ("use", "wear")),
                )
            break


def _other_garment(lost: str, used: str, head: str) -> bool:
    """Two garments of one kind told apart by their kind words ("pea" and "trench" coats)."""
    a, b = _kind_words(lost, _garment(head)), _kind_words(used, _garment(head))
    return bool(a and b and not a & b)


def _kind_words(words: str, head: str) -> set[str]:
    """The words that say which kind of garment: "pea" of "the navy pea coat" (not its colour, owner or noun)."""
    return set(re.findall(r"[a-z]+", words.lower())) - set(COLOUR_GROUP) - {head, "the", "his", "her", "their", "a",
                                                                           "an", "s", "old", "own", "new"}


_FASTENING_RE = re.compile(r"(?:button|zip|buckl|belt|fasten|cinch|knot|lac)\w*\b", re.IGNORECASE)


def _whose(ctx: Context, s: Sentence, ref: ObjectRef) -> str | None:
    """The one "his" or "her" before a thing means in its sentence; its named owner else."""
    if ref.owner:
        return ref.owner
    m = re.match(r"(his|her)\b", ref.words, re.IGNORECASE)
    return ctx.reader.previous_named(s, "m" if m.group(1).lower() == "his" else "f", include_self=True) if m else None


def _owners_differ(ctx: Context, lost: _Lost, s: Sentence, e: Event) -> bool:
    """Whether the lost thing and the one used are two people's ("his cap" and "his cap", of two men)."""
    a, b = _whose(ctx, lost.sentence, lost.obj), _whose(ctx, s, e.obj)
    if b is None and garment_kind(e.obj.head):
        # "Hollis takes off the cap.": the one who takes it off or wears it, after Benny's cap went overboard
        head = _garment(e.obj.head)
        b = next((d.character for d in Dress.of(ctx).events if d.sentence.id == s.id and
                  _garment(d.item.split()[-1]) == head), None)
    if a is None and b is not None and garment_kind(lost.obj.head):
        a = _last_wearer(ctx, lost)  # "the trench coat" fed to the stove was Mara's; Vlk pats his own coat
    if a is None and b is not None:
        a = last_owner(ctx, lost)  # "crushes the thermos flat" after "pours tea from his red tartan thermos"
    return bool(a and b and a != b)


def _last_wearer(ctx: Context, lost: _Lost) -> str | None:
    """Who last wore a garment before it was lost, when the loss names no owner."""
    head = _garment(lost.obj.head)
    return next((d.character for d in reversed(Dress.of(ctx).events) if d.kind in ("wears", "on") and
                 d.sentence.id < lost.sentence.id and _garment(d.item.split()[-1]) == head), None)


def _colours(ref: ObjectRef) -> set[str]:
    words = [w for m in (*ref.modifiers, *ref.adjectives, *ref.words.split()[:-1]) for w in m.lower().split("-")]
    return {COLOUR_GROUP[w] for w in words if w in COLOUR_GROUP}


def _colours_of(ctx: Context, lost: _Lost) -> set[str]:
    """The lost thing's colour: its own words, the bible's, else the last time the script named it with one."""
    if lost.colours is None:
        lost.colours = frozenset(_read_colours(ctx, lost))
    return set(lost.colours)


def _read_colours(ctx: Context, lost: _Lost) -> set[str]:
    had = _colours(lost.obj) or _bible_colour(ctx, lost.obj.head)
    if had:
        return had
    kinds = [m for m in lost.obj.modifiers if m.lower() not in COLOUR_GROUP]
    # ("his watch cap": the watch cap named before, not the skipper's white-topped cap)
    head = r"\s+".join(re.escape(w) for w in [*kinds[-1:], lost.obj.head])
    # "his phone, orange case", "his phone, a black one", "the red helmet"
    after = re.compile(r"\b" + head + r",\s+((?:a|an)\s+)?([\w-]+)\s+(?:one|case|cover|casing)\b", re.IGNORECASE)
    before = re.compile(r"((?:\b[\w'\u2019-]+\s+){1,3})" + head + r"\b", re.IGNORECASE)  # ("orange knit hunter's cap")
    reach = lost.sentence.id if kinds else 80  # (a thing of its own kind is the same one however far back)
    for x in ctx.sentences[max(0, lost.sentence.id - reach):lost.sentence.id + 1]:
        if x.kind != "action":
            continue
        for m in after.finditer(x.text):
            had = {COLOUR_GROUP[m.group(2).lower()]} if m.group(2).lower() in COLOUR_GROUP else had
        for m in before.finditer(x.text):
            had = {COLOUR_GROUP[w] for w in m.group(1).lower().split() if w in COLOUR_GROUP} or had
    return had if len(had) == 1 else set()


def _other_colour(ctx: Context, lost: _Lost, ref: ObjectRef) -> bool:
    """A use of a thing in another colour than the lost one: "drops the helmet into the dumpster" after "the cracked
    black helmet", then "grey helmet under her arm" is someone else's."""
    said = _colours(ref)
    had = _colours_of(ctx, lost) if said else set()
    return bool(had) and not had & said


def _props_named(ctx: Context, head: str) -> int:
    """How many bible props go by this noun ("Cora's epee", "Juno's old epee": two)."""
    return sum(head in re.findall(r"[a-z]+", fold_accents(" ".join([p.name, *p.aliases]).lower()))
               for p in ctx.bible.props)


def _bible_colour(ctx: Context, head: str) -> set[str]:
    """The colour the bible gives the one prop of this noun ("Black lacquer fountain pen, gold clip": black)."""
    found = [p for p in ctx.bible.props if head in re.findall(r"[a-z]+", " ".join([p.name, *p.aliases]).lower())
             or head in re.findall(r"[a-z]+", (p.description or "").split(",")[0].lower())]
    if len(found) != 1:
        return set()
    first = re.split(r"[,.;(]", found[0].description or "")[0].lower()
    colours = {COLOUR_GROUP[w] for w in re.findall(r"[a-z]+", first) if w in COLOUR_GROUP}
    if not colours:
        # the look the prop-look check reads in the description ("Tom's ledger, clothbound in GREEN")
        look = bible_looks(ctx).get(found[0].name)
        colour = (look[0].colour or "").lower().split("-")[-1] if look else ""
        colours = {COLOUR_GROUP[colour]} if colour in COLOUR_GROUP else set()
    return colours if len(colours) == 1 else set()


def _same_line(ctx: Context, lost_scene: int, use_scene: int) -> bool:
    """Whether a use in ``use_scene`` comes after a loss in ``lost_scene`` in story time as well as in the script.

    Both in the main story, or both in the past (a remembered life told in order), or
    lost in the past and used in the present; not whole in a flashback after a loss in
    the present, not lost in a dream or a flash-forward, and not a use dated to a year
    before the loss's.
    """
    a, b = ctx.scene(lost_scene), ctx.scene(use_scene)
    past_loss, past_use = ctx.is_flashback(lost_scene), ctx.is_flashback(use_scene)
    if past_use and not past_loss:
        return False
    if past_loss and not past_use and a is not None and _UNREAL_RE.search(" ".join(a.heading.qualifiers)):
        return False
    years = (a.heading.year if a else None, b.heading.year if b else None)
    return not (years[0] and years[1] and years[1] < years[0])


_UNREAL_RE = re.compile(r"\b(?:DREAM|FANTASY|IMAGIN\w*|NIGHTMARE|VISION|HALLUCINATION|FLASH[- ]?FORWARD|FUTURE)\b")


#: What a burnt, destroyed or eaten thing cannot be "found" or "fished out" again; only replaced, bought or mended.
_FINDING = frozenset({"find", "fish", "retrieve", "recover", "spot", "discover", "unearth", "dredge", "return",
                      "regain", "reclaim", "rescue", "salvage"})


_VEHICLES = frozenset("car cars truck van taxi cab bus lorry pickup jeep sedan coupe motorbike motorcycle bike scooter "
                      "limo limousine suv wagon estate".split())
_DRIVEN_OFF_RE = re.compile(r"\b(?:jumps?|pulls?|speeds?|drives?|roars?|tears?|screeches|races?|accelerates?|turns?|"
                            r"squeals?|peels?|rolls?|heads?|disappears?)\b(?:\s+\w+){0,6}?\s+(?:and\s+)?(?:is\s+)?gone\b|"
                            r"\b(?:drives?|speeds?|pulls?|roars?)\s+(?:off|away)\b", re.IGNORECASE)


def _gone_for_good(lost: _Lost, recovery: Event) -> bool:
    """A thing burnt or destroyed is not got back by finding it: only replaced, mended or bought anew."""
    return lost.event.how in ("burnt", "destroyed", "eaten", "consumed") and recovery.verb in _FINDING


def _place(ctx: Context, scene_index: int) -> str:
    scene = ctx.scene(scene_index)
    return scene.heading.location.split(" - ")[0].strip() if scene else ""


def _losses(ctx: Context, gated: list[Sentence], by_id: dict, aliases: dict[str, str]) -> list[_Lost]:
    parsed = parse_with_antecedents(ctx, gated)
    out: list[_Lost] = []
    for s in gated:
        evs = events_of(ctx, s, parsed, by_id, aliases)
        prev = parsed.get(s.id - 1)
        prev_evs = events(prev, None, people(ctx, s)) if prev is not None else []
        for e in evs:
            if e.kind != "loss" or e.obj.indefinite:
                continue  # "smashing down three cars": a one-off, not an object the story tracks
            if e.obj.head in _VEHICLES and _DRIVEN_OFF_RE.search(s.text):
                continue  # "The car jumps the light at the corner and is gone": driven off, not lost
            # A fixture (a window, a mirror) is only the same one at the same place, unless someone handled it.
            held = e.obj.head not in FIXTURES or e.held or e.obj.possessed or any(
                p.held and same_object(p.obj, e.obj) for p in prev_evs) or _in_bible(ctx, e.obj)
            out.append(_Lost(e.obj, e, s, _place(ctx, s.scene), held, _name(ctx, e.obj)))
    return out


def _told(ctx: Context) -> list[_Lost]:
    """The bible's fates (:mod:`continuity.story.prop_fates`) as losses at the end of their scenes (a use the
    script's own loss reports too is reported once)."""
    out = []
    for fate in bible_fates(ctx):
        at = [s for s in ctx.sentences if s.scene == fate.scene]
        if not at:
            continue
        for ref in fate.refs:
            event = Event("loss", ref, fate.how, held=True, how=fate.how)
            out.append(_Lost(ref, event, at[-1], _place(ctx, fate.scene), True, fate.name, fate))
    return out


#: Words of a bible description that do not tell one thing of its kind from another.
_PLAIN = frozenset("antique old new small large big little heavy light cheap plain fine good".split())


def _fate_names(lost: _Lost, e: Event, gender: dict[str, str | None], text: str = "") -> bool:
    """Whether a script mention is the thing a bible fate ends.

    Its noun, no colour of its own against the bible's ("the white teapot" is not the "blue-and-white" one), and no
    words of its own unless one is the bible's ("the willow-pattern teapot", not "a plain white china teapot"). A new
    one only counts as the thing itself when the bible's own words name it.
    """
    ref = e.obj
    if _stem(ref.head) != _stem(lost.obj.head) and not (
            ref.head in lost.obj.modifiers and re.search(rf"\b{re.escape(ref.head)}\s+{re.escape(lost.obj.head)}\b",
                                                         text, re.IGNORECASE)):
        return False  # ("her little black lapel mic", parsed with "lapel" for its noun, is the lapel mic)
    fate_words = {w for r in lost.fate.refs for m in (*r.modifiers, *r.adjectives) for w in m.split("-")} - {"and"}
    if ref.words.lower() in ("it", "them", "they"):
        said_words = {w for m in (*ref.modifiers, *ref.adjectives) for w in m.split("-")}
    else:
        # (not the owner's name: "Lenore's black card" says nothing of the card but its colour)
        said_words = set(re.findall(r"[a-z]+", re.sub(r"\b[\w-]+['\u2019]s\b", " ", ref.words.lower())))
    said_words -= {"the", "a", "an", "his", "her", "their", "its", "this", "that", _stem(ref.head), ref.head,
                   lost.obj.head}
    owner = lost.obj.owner
    if owner and ((ref.owner and ref.owner != owner) or (
            re.match(r"(?:his|her)\b", ref.words, re.IGNORECASE) and gender.get(owner) and
            gender[owner] != ("m" if ref.words[:3].lower() == "his" else "f"))):
        return False  # "His phone" is not Nora's
    own, said = fate_words - set(COLOUR_GROUP) - _PLAIN, said_words - set(COLOUR_GROUP) - _PLAIN
    colours = {COLOUR_GROUP[w] for w in fate_words if w in COLOUR_GROUP}
    shown = {COLOUR_GROUP[w] for w in said_words if w in COLOUR_GROUP}
    if colours and shown and colours != shown:
        return False
    if e.kind == "new":
        return bool(own & said)
    return not (own and said and not own & said)


#: Words that make a thing another one of its kind: "a new sign", "a replacement frame".
_REPLACEMENT_RE = re.compile(r"\b(?:new|replacement|another|fresh|second|spare)\b", re.IGNORECASE)


def _garment(noun: str) -> str:
    """One word for a garment and its kinds: "trench" and "coat" (the kind words tell a pea coat from it)."""
    return GARMENTS.get(noun.lower(), _stem(noun.lower()))


def _stem(noun: str) -> str:
    """"glasses" and the parser's "glass" for them, "teapots" and "teapot": one noun."""
    return noun[:-2] if noun.endswith("sses") else noun[:-1] if noun.endswith("s") and not noun.endswith("ss") else noun


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
    # (the tagger takes "thermos" or "compass" for a plural now and then: a noun that keeps its s is one thing)
    plural = lost.obj.plural and not lost.obj.words.lower().endswith(("os", "ss", "us", "is", "as"))
    how = lost.event.how or "lost"
    words = e.obj.words if e.obj.words.lower() not in ("it", "them", "they") else f"the {lost.name}"
    subject_words = words[:1].lower() + words[1:] if words.split()[0].lower() in ("the", "a", "an") else words
    message = (f"{subject_words} {'are' if plural else 'is'} used here, but {'they were' if plural else 'it was'} "
               f"{how} in scene {ctx.scene_number(lost.sentence.scene)}" +
               ("" if how in ("eaten", "drunk", "used up") else " and never recovered"))
    evidence = Evidence(lost.sentence.text, line=lost.sentence.line, scene=lost.sentence.scene)
    if lost.fate is not None:
        message += f" (the bible: {lost.fate.words!r})"
        evidence = Evidence(lost.fate.words, bible=lost.fate.path)
    return Finding(
        category="prop",
        severity="error",
        scene=s.scene,
        line=s.line,
        message=message,
        text=s.text,
        subject=lost.name,
        character=e.actor,
        evidence=(evidence,),
        extra=(("object", lost.obj.words), ("loss", lost.event.verb), ("use", e.verb)),
    )
