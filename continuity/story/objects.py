"""What happens to objects: losses, uses, hand-overs and recoveries, read from parses.

The prop check asks one question of the script: is an object that was destroyed,
lost or given away used again later? This module answers the grammatical half:
given a parsed action sentence, which object events does it state?

- **loss**: the object is the direct object of a destroying verb (*smashes*,
  *crushes*, *burns*), is thrown somewhere it cannot come back from (*tosses it
  into the fire*, *flings it overboard*), is swept away, stolen, lost, sold or
  given to someone who is not one of the cast; or it is the subject of a
  destruction (*It bursts into a hundred pieces*, *the phone sinks into the
  harbour*, *is crushed*, *is gone*).
- **use**: the object is acted on (*turns the snow globe over*, *glances at it*,
  *scrolls through his phone*, *pulls it from a pocket*) or simply there (*the
  compass sits on the shelf, unharmed*).
- **transfer**: handed to a cast member (*hands the bike lamp to Dev*): not a loss.
- **recover**: found, repaired, replaced, bought, got back; an indefinite or new
  one (*a new phone*, *another compass*) starts a new object.

``it``/``them`` resolve to the last object of the sentence before in the same
paragraph (its direct object first). Words only signal; the parse decides who
did what to which object.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from continuity.language.lexicon import COLOUR_GROUP
from continuity.language.parse import Parse, Token
from continuity.story.object_refs import (
    ObjectRef,
    absent,
    antecedents_in,
    is_body_part_place,
    object_ref,
)
from continuity.story.object_words import (
    ABSENT,
    ALIENATE,
    ASH,
    AWAY,
    CARRIED_OFF,
    CONSUME,
    DESTROY,
    FIRE,
    FORCES,
    GIVE,
    GONE_PLACES,
    GONE_STATES,
    MIRES,
    HARD,
    LOSE,
    NOTHING_LEFT_RE,
    OBJECT_PRONOUNS,
    PERISH,
    PERSON_NOUNS,
    PERSON_PRONOUNS,
    PUT,
    RECOVER,
    REMAINS_ADJ,
    SINK,
    STATE,
    STEAL,
    SWALLOW,
    SWEEP,
    TAKE,
    THROW,
    VANISH,
    VEHICLES,
)


@dataclass(frozen=True)
class Event:
    """One thing that happens to an object in a sentence.

    Attributes:
        kind: ``loss``, ``use``, ``transfer``, ``recover``, ``new`` or ``remains``.
        obj: the object.
        verb: the verb lemma that decided it ("" for a state).
        actor: the cast member who did it, if named.
        recipient: for a transfer, the cast member who received it.
        held: whether a character handled it (so it is portable).
        how: for a loss, in words: ``destroyed``, ``burnt``, ``lost``, ``stolen``, ``sold``, ``given away``.
    """

    kind: str
    obj: ObjectRef
    verb: str
    actor: str | None = None
    recipient: str | None = None
    held: bool = False
    how: str = ""


def _particles(parse: Parse, verb: Token) -> set[str]:
    return {c.lower for c in parse.children(verb.i, "prt", "advmod", "acomp")}


def _prep_objects(parse: Parse, verb: Token) -> list[tuple[str, Token]]:
    """``(preposition, object)`` pairs under ``verb`` (``into the fire``)."""
    out = []
    for p in parse.children(verb.i, "prep", "dative", "agent"):
        for o in parse.children(p.i, "pobj"):
            out.append((p.lower, o))
            for c in parse.children(o.i, "conj"):
                out.append((p.lower, c))
        # "over the side into the sea": nested prepositions
        for p2 in parse.children(p.i, "prep"):
            for o in parse.children(p2.i, "pobj"):
                out.append((p2.lower, o))
    # "throws it as far out into the lake as he can": a preposition under an adverb
    for a in parse.children(verb.i, "advmod", "prt"):
        for p in parse.children(a.i, "prep"):
            for o in parse.children(p.i, "pobj"):
                out.append((p.lower, o))
        for a2 in parse.children(a.i, "advmod"):
            for p in parse.children(a2.i, "prep"):
                for o in parse.children(p.i, "pobj"):
                    out.append((p.lower, o))
    return out


def _who(t: Token | None, people: dict[str, str]) -> str | None:
    """The cast member token ``t`` names (a name, or a resolved personal pronoun)."""
    if t is None:
        return None
    if t.character:
        return t.character
    return people.get(t.lower)


def _is_person(t: Token, people: dict[str, str]) -> bool:
    return bool(t.character) or t.lower in PERSON_PRONOUNS or t.lower in people


def _outsider(t: Token) -> bool:
    """A recipient who is a person but not one of the cast (``a passing boater``)."""
    return t.character is None and t.pos in ("NOUN", "PROPN") and t.lower not in OBJECT_PRONOUNS


def _stranger(t: Token | None) -> bool:
    """A subject who is a person outside the cast (``Thieves``, ``a pickpocket``, ``a gull``)."""
    return t is not None and t.character is None and (t.lemma in PERSON_NOUNS or t.lower in PERSON_NOUNS)


def events(parse: Parse, antecedent: ObjectRef | None = None, people: dict[str, str] | None = None,
           props: frozenset[str] = frozenset()) -> list[Event]:
    """The object events a parsed action sentence states.

    Args:
        parse: the sentence.
        antecedent: what ``it``/``them`` refer to (the last object before).
        people: personal pronouns resolved to cast members (``{"he": "WILL"}``).
        props: capitalised names the bible lists as props (see :func:`object_ref`).
    """
    people = people or {}
    out: list[Event] = []
    antecedent = antecedents_in(parse, antecedent, props)
    for v in parse.tokens:
        if v.pos not in ("VERB", "AUX", "NOUN", "ADJ") or v.dep in ("amod", "compound") and v.pos != "VERB":
            continue
        lemma = v.lemma
        as_verb = _mistagged_verb(parse, v)
        if as_verb:
            lemma = as_verb  # "It turns ... and vanishes into the river", "vanishes" tagged a noun
        subj = parse.subject(v) if v.pos in ("VERB", "AUX") or as_verb else None
        if subj is None and (v.pos == "VERB" or as_verb) and v.dep == "conj":
            subj = _run_subject(parse, v)
        actor = _who(subj, people)
        parts = _particles(parse, v)
        preps = _prep_objects(parse, v)
        dobjs = [t for t in parse.children(v.i, "dobj", "obj")]
        if not dobjs and lemma in DESTROY:
            # "stamps it flat", "crushes the can flat": the thing is the subject of the result
            dobjs = [o for c in parse.children(v.i, "ccomp", "xcomp", "relcl", "oprd", "acomp", "amod") if c.pos == "ADJ"
                     for o in parse.children(c.i, "nsubj")]
        if not dobjs and lemma in THROW and v.i + 1 < len(parse.tokens) and parse.tokens[v.i + 1].lower in (
                "it", "them"):
            dobjs = [parse.tokens[v.i + 1]]  # "hurls it end over end into the saltbush": "it" hung on "end"
        # "hands Dev the lamp": the first object is a person, the second the thing.
        recipient_tok = None
        if len(dobjs) == 2 and _is_person(dobjs[0], people):
            recipient_tok, dobjs = dobjs[0], dobjs[1:]
        for d in list(dobjs):
            dobjs.extend(parse.children(d.i, "conj"))
        passive = [t for t in parse.children(v.i, "nsubjpass")]
        subjects = [t for t in parse.children(v.i, "nsubj")] if not passive else []
        if not passive and not subjects and subj is not None and (v.pos == "VERB" or as_verb):
            subjects = [subj]  # "the phone slips ... and sinks": the shared subject
        for d in dobjs:  # "hurls the compass over the edge": the preposition may hang on the object
            preps += [(p.lower, o) for p in parse.children(d.i, "prep") for o in parse.children(p.i, "pobj")]
        places = {o.lemma for p, o in preps if p in ("into", "in", "onto", "on", "to", "down", "under", "beneath", "over", "off", "in", "through", "toward", "towards")
                  and not (o.lemma in _SIDE_WORDS and (p not in ("over", "off") or parse.children(o.i, "compound")))}
        # ("shoves the file box onto the passenger side": put down; "over the side" of a boat: gone)
        places |= {c.lemma for p, o in preps if p in ("into", "in") for c in parse.children(o.i, "compound")
                   if c.lemma in ("trash", "garbage", "rubbish", "litter", "recycling", "waste")}  # "the trash can"
        gone_place = bool(places & GONE_PLACES) or bool(parts & AWAY) or "overboard" in {o.lower for _, o in preps} \
            or bool(places & MIRES and lemma in VANISH)
        if lemma in THROW and not gone_place:
            gone_place = _thrown_away(parse, v)
        for d in dobjs:
            if d.lower == "it" and _idiom(parse, v, d):
                continue  # "they made it to Ceduna", "takes it easy": no thing at all
            if lemma == "stamp" and not _STAMPED_DOWN_RE.search(parse.text):
                continue  # "a cream paper book stamped KESSLING GOLD": printed on, not stamped flat
            if lemma in ("burn", "scorch", "brand", "sear") and any(p == "into" for p, _ in preps):
                continue  # "burns letters into a new pine spool": marks made, not burnt up
            if lemma in ("snap", "crack") and parts & {"back", "shut", "closed", "open", "on", "off", "together"}:
                continue  # "snaps the band back", "snaps the case shut": a use, not a break
            if lemma in ("lose", "catch") and subj is not None and subj.lemma in _LIGHTS:
                continue  # "The first light catches the gold and loses it again in the drizzle": a glint
            if d.lemma in _PORTIONS:
                # "breaks off a square of Ray's chocolate bar": a use of the bar
                d = next((o for p in parse.children(d.i, "prep") if p.lower == "of" for o in parse.children(p.i, "pobj")), d)
            ref = object_ref(parse, d.i, antecedent, props)
            if ref is None or _is_person(d, people):
                continue
            whole = lemma in CONSUME and _all_of(parse, v, d)
            kind, recipient = _transitive_kind(lemma, parts | ({"up"} if whole else set()), gone_place, preps,
                                               recipient_tok, actor, people, ref)
            if lemma in SWALLOW and subj is not None and subj.lemma in FORCES and kind in ("use", "new", None) \
                    and not _still_handled(parse, v):
                kind, recipient = "loss", None  # "The tide takes it." (not "The wind takes it, turns it inside out")
            if (lemma in TAKE and _stranger(subj) and kind in ("use", "transfer", "new", None)
                    and not parts & {"out", "off", "up", "down", "back", "in"}
                    and not any(c.dep == "poss" and not c.character for c in parse.children(d.i))):
                kind, recipient = "loss", None  # "Thieves take the spyglass" (not "the guard takes out his gun")
            if kind:
                out.append(Event(kind, ref, lemma, actor, recipient, held=actor is not None,
                                 how=_how(lemma, places, gone_place) if kind == "loss" else ""))
        for s in passive + [t for t in subjects if not _is_person(t, people)]:
            if lemma == "stamp" and not _STAMPED_DOWN_RE.search(parse.text):
                continue  # "The frame is stamped A.M. on one side": marked, not stamped flat
            ref = object_ref(parse, s.i, antecedent, props)
            if ref is None:
                continue
            kind = _subject_kind(lemma, parts, gone_place, bool(passive), parse, v, places)
            if kind:
                out.append(Event(kind, ref, lemma, None, how=_how(lemma, places, gone_place) if kind == "loss" else ""))
            if (kind == "new" or ref.indefinite) and s.lemma in _COLLECTIVE:
                # "A new row of apothecary jars stands in the window": new jars
                for o in (o for p in parse.children(s.i, "prep") if p.lower == "of" for o in parse.children(p.i, "pobj")):
                    inner = object_ref(parse, o.i, antecedent, props)
                    if inner is not None:
                        out.append(Event("new", inner, lemma, None))
        # "his cap gone somewhere in the drift": a thing said to be gone, with no "is"
        if v.lower == "gone" and v.pos == "VERB" and not parse.children(v.i, "aux", "auxpass", "acomp", "oprd", "attr",
                                                                          "xcomp") and (
                v.i + 1 >= len(parse.tokens) or parse.tokens[v.i + 1].pos in ("PUNCT", "ADV", "ADP")
                and parse.tokens[v.i + 1].lower not in COLOUR_GROUP and "-" not in parse.tokens[v.i + 1].lower):
            # (not "gone honey-dark", "gone grey-black", "white shirt gone see-through")
            for s_ in parse.children(v.i, "nsubj"):
                ref = object_ref(parse, s_.i, antecedent, props)
                if ref is not None and not _is_person(s_, people):
                    out.append(Event("loss", ref, "go", how="lost"))
        # "It's the Key to the City he lost years ago.": a thing shown, found
        if v.lemma == "be" and any(c.lower in ("it", "this", "that") for c in parse.children(v.i, "nsubj")):
            for a in parse.children(v.i, "attr"):
                # (capitalised as a title, "the Key to the City", it is still a key)
                ref = object_ref(parse, a.i, antecedent, props | {a.lower} if a.pos == "PROPN" else props)
                if ref is not None and not ref.indefinite:
                    out.append(Event("recover", ref, "be"))
        # "the compass is gone", "within a minute it is ash": states (not "as if to check it's still gone")
        if v.lemma == "be" and not _AS_IF_RE.search(parse.text[:v.start]):
            for s in parse.children(v.i, "nsubj"):
                ref = object_ref(parse, s.i, antecedent, props)
                if ref is None:
                    continue
                states = {c.lower for c in parse.children(v.i, "acomp", "attr", "advmod")}
                if states & ASH:
                    out.append(Event("loss", ref, "be", how="burnt" if states & {"ash", "ashes", "cinders"} else "destroyed"))
                elif states & GONE_STATES:
                    out.append(Event("loss", ref, "be", how=sorted(states & GONE_STATES)[0]))
                elif states & REMAINS_ADJ:
                    out.append(Event("remains", ref, "be"))
                else:
                    out.append(Event("use", ref, "be"))
        # "glances at it", "scrolls through his phone", "pulls it from a pocket" (the pocket is a place)
        if v.pos in ("VERB",) and actor is not None and lemma not in ABSENT | RECOVER:
            for p, o in preps:
                # ... and what a thing is taken from ("shakes a pill from the orange bottle")
                taken_from = p in ("from", "of") and bool(dobjs) and (p == "from" or "out" in parts) or \
                    p == "from" and lemma in _FROM_IT  # "He drinks from his red tartan thermos"
                # ("taps two fingers against the green ledger")
                if (p in ("at", "through", "with", "on", "over", "into", "inside", "against", "around", "round")
                        or taken_from) and not _is_person(
                        o, people):
                    ref = object_ref(parse, o.i, antecedent, props)
                    if ref is None or is_body_part_place(ref) or (ref.head in GONE_PLACES):
                        continue
                    if lemma in THROW | DESTROY | PERISH:
                        continue
                    out.append(Event("use", ref, lemma, actor, held=True))
    # "The train roars over it, and nothing is left."
    if NOTHING_LEFT_RE.search(parse.text) and not any(e.kind == "loss" for e in out):
        target = next((t for t in parse.tokens if t.lower in ("it", "them") and t.pos == "PRON"), None)
        if target is None:
            target = next((t for t in parse.tokens if t.dep == "dobj"), None)
        ref = object_ref(parse, target.i, antecedent, props) if target is not None else None
        if ref is not None:
            out.append(Event("loss", ref, "", how="destroyed"))
    # "coat open, her red umbrella dripping against the bar": a thing of hers, there with her
    for t in parse.tokens:
        if t.dep in ("dep", "npadvmod", "appos") and t.pos == "NOUN" and \
                any(c.dep == "poss" for c in parse.children(t.i)) and \
                any(c.pos == "VERB" and c.dep in ("amod", "acl") for c in parse.children(t.i)):
            ref = object_ref(parse, t.i, antecedent, props)
            if ref is not None:
                out.append(Event("use", ref, "have"))
    # "climbs down with his cane, Lenore's black card between two fingers": held, whatever the verb
    have = {e.obj.token for e in out}
    for t in parse.tokens:
        if t.pos == "NOUN" and t.i not in have and any(
                p.lower in ("between", "in", "under") and o.lemma in _HELD_IN
                for p in parse.children(t.i, "prep") for o in parse.children(p.i, "pobj")):
            ref = object_ref(parse, t.i, antecedent, props)
            if ref is not None:
                out.append(Event("use", ref, "hold", held=True))
    # "a jam jar of brine with Jacob's glass hydrometer bobbing in it": a thing at work, whole
    for t in parse.tokens:
        nxt = parse.tokens[t.i + 1] if t.i + 1 < len(parse.tokens) else None
        if t.pos == "NOUN" and t.dep == "pobj" and t.i not in have and nxt is not None and nxt.lemma in _AT_WORK \
                and nxt.lower.endswith("ing") and parse.tokens[t.head].lower == "with":
            ref = object_ref(parse, t.i, antecedent, props)
            if ref is not None:
                out.append(Event("use", ref, nxt.lemma))
    return _refine(parse, out)


#: What catches a thing and loses it again without holding it: light, and what hides it.
_LIGHTS = frozenset("light sun sunlight moon moonlight lamp lamplight torch torchlight beam glare shadow shadows dark "
                    "darkness fog mist drizzle rain eye eyes camera lens".split())


#: Verbs whose "from" names the thing in use: "drinks from the thermos", "reads from the ledger".
_FROM_IT = frozenset("drink sip swig gulp swallow pour eat read quote".split())


#: A clause that only supposes: "as if to check it's still gone".
_AS_IF_RE = re.compile(r"\bas (?:if|though)\b[^.;:]*$", re.IGNORECASE)
#: A stamp that crushes: "stamps it flat", "stamps on the phone", "stamps out the butt", "under her heel".
_STAMPED_DOWN_RE = re.compile(r"\bstamp(?:s|ed|ing)?\s+(?:\w+\s+){0,3}?(?:flat|on|out|down|into|under|underfoot)\b|"
                              r"\b(?:heel|boot|foot|feet)\b", re.IGNORECASE)
#: What a thing does when it works: "with the hydrometer bobbing in it", "the watch ticking".
_AT_WORK = frozenset("bob float tick spin swing glow ring buzz hum whir whirr blink flash flicker chime sway play "
                     "work run point purr".split())


#: Where a thing is held: "between two fingers", "in her fist", "under his arm".
_HELD_IN = frozenset("finger hand fist tooth teeth palm grip lap arm mouth".split())


def _idiom(parse: Parse, v: Token, it: Token) -> bool:
    """An "it" that is no object: "made it to Ceduna", "take it easy", "call it a night", "hit it off"."""
    nxt = parse.tokens[it.i + 1].lower if it.i + 1 < len(parse.tokens) else ""
    return (v.lemma == "make" or (v.lemma == "take" and nxt in ("easy", "slow", "in")) or
            (v.lemma == "call" and nxt in ("a", "quits")) or (v.lemma == "hit" and nxt == "off") or
            (v.lemma in ("lose", "get") and nxt in (".", ",", "")))


def _still_handled(parse, v) -> bool:
    """The sentence goes on doing things to it: "The wind takes it at once, turns it inside out, snaps two of its
    ribs": still there, if ruined."""
    return any(t.i > v.i and t.pos == "VERB" and t.dep == "conj" and any(
        o.lower in ("it", "its") or any(c.lower == "its" for c in parse.children(o.i, "poss")) or
        any(c.lower == "its" for g in parse.children(o.i, "prep") for p in parse.children(g.i, "pobj")
            for c in parse.children(p.i, "poss"))
        for o in parse.children(t.i, "dobj")) for t in parse.tokens)


#: Gone places only when something goes over or off them: "over the side", not "onto the passenger side".
_SIDE_WORDS = frozenset("side edge rail railing ledge parapet".split())
_LOSS_VERBS = DESTROY | PERISH | SINK | VANISH | THROW | SWEEP | LOSE


def _thrown_away(parse: Parse, v: Token) -> bool:
    """Where a throw ends, read by position when the parse hangs it elsewhere: "hurls it end over end into the
    saltbush", "flings it out of the window" (of a car, a train: gone)."""
    toks = parse.tokens
    for j in range(v.i + 1, min(len(toks), v.i + 10)):
        w = toks[j]
        if w.text in (".", ";") or (w.pos == "VERB" and w.dep != "conj" and j > v.i + 1 and w.lower != "end"):
            break
        if w.lower == "into" or (w.lower == "out" and j + 1 < len(toks) and toks[j + 1].lower == "of"):
            for k in range(j + 1, min(len(toks), j + 5)):
                x = toks[k]
                if x.lemma in GONE_PLACES or x.lower in GONE_PLACES or (w.lower == "out" and x.lower == "window"):
                    return True
                if x.pos in ("NOUN", "PROPN"):
                    break
    return False


def _run_subject(parse: Parse, v: Token) -> Token | None:
    """The subject a run of verbs shares when the parser hung it on a verb beside them: "It arcs, skips off
    the water, and sinks" ("arcs" a parataxis of "skips", "It" its subject)."""
    head = parse.head(v.i)
    while head.dep == "conj" and head.head != head.i:
        head = parse.head(head.i)
    for c in parse.children(head.i, "parataxis", "conj"):
        if c.i < v.i and c.pos == "VERB":
            subj = next(iter(parse.children(c.i, "nsubj", "nsubjpass")), None)
            if subj is not None:
                return subj
    return None


def _mistagged_verb(parse: Parse, v: Token) -> str | None:
    """A verb the small parser tagged as a noun in a run of verbs ("turns ... and vanishes"): its lemma."""
    if v.pos != "NOUN" or v.dep != "conj" or parse.head(v.i).pos != "VERB":
        return None
    low = v.lower
    for lemma in (low[:-2] if low.endswith("es") else None, low[:-1] if low.endswith("s") else None):
        if lemma and lemma in _LOSS_VERBS:
            return lemma
    return None


def _how(lemma: str, places: set[str], gone_place: bool) -> str:
    """A loss in words, for the finding's message."""
    if places & FIRE:
        return "burnt"
    if lemma in TAKE:
        return "stolen"
    if lemma in DESTROY | PERISH or lemma in ("break", "tear", "rip", "blow", "burn"):
        return "destroyed"
    if lemma in STEAL:
        return "stolen"
    if lemma in ALIENATE:
        return {"sell": "sold", "pawn": "pawned", "trade": "traded away", "auction": "auctioned"}[lemma]
    if lemma in GIVE and not gone_place:
        return "given away"
    if lemma in CONSUME:
        return "drunk" if lemma in ("drink", "drain", "guzzle") else "eaten" if lemma in _EAT else "used up"
    return "lost"


#: A portion of a thing: using one uses the thing ("a square of chocolate", "a swig from the flask").
_PORTIONS = frozenset("square piece bit slice bite chunk sip swig mouthful crumb corner strip shard segment wedge "
                      "drop splash dram".split())


#: Things that come as a group of others: a new one is new ones of what it holds.
_COLLECTIVE = frozenset("row set pair box crate case bunch line stack pile shelf rack batch".split())
#: Verbs that eat a solid thing whole unless a part is said ("They eat it slowly": the bar is gone).
_EAT = frozenset("eat devour gobble wolf scoff".split())
_PART_WORDS = frozenset("some half part bit bite bites most corner mouthful piece share".split())


def _all_of(parse: Parse, v: Token, obj: Token) -> bool:
    """Whether a verb takes all of its object: "eats it all, every square", "drinks the whole flask", "the last of"."""
    near = [*parse.children(v.i), *parse.children(obj.i)]
    if v.lemma in _EAT and obj.lemma not in _PORTIONS and not v.lower.endswith("ing") and (
            obj.lower in ("it", "them") or any(c.dep in ("det", "poss") and c.lower not in ("a", "an", "some", "any")
                                               for c in parse.children(obj.i))) and not any(
            t.lower in _PART_WORDS for t in parse.tokens[max(0, v.i - 3):obj.i + 4]):
        return True  # ("eats noodles out of the carton", "is eating the sandwich": some of it, not all)
    return any(c.lower in ("all", "every", "whole", "entire", "rest") for c in near for c in [c, *parse.children(c.i)]) \
        or any(c.lower == "last" for c in parse.children(obj.i, "amod"))


def _transitive_kind(lemma, parts, gone_place, preps, recipient_tok, actor, people, ref) -> tuple[str | None, str | None]:
    """What a verb does to its direct object: (kind, recipient)."""
    if ref.indefinite and lemma not in DESTROY | THROW:
        return "new", None
    if lemma in RECOVER or (lemma == "get" and "back" in parts):
        return "recover", None
    if lemma in ABSENT:
        return None, None
    if lemma in DESTROY or (lemma == "break" and not parts - {"apart", "up", "down", "open"} or lemma == "blow" and "up" in parts):
        if lemma == "break" and "open" in parts:
            return "use", None
        return "loss", None
    if lemma in ("tear", "rip") and (parts & {"up", "apart"} or any(
            p in ("in", "into", "to") and o.lower in ("half", "two", "pieces", "shreds", "strips", "bits", "quarters")
            for p, o in preps)):
        return "loss", None  # ("tears it in half, and in half again")
    if lemma in CONSUME and parts & {"up", "off", "down"}:
        return "loss", None  # "She eats it all, every square": nothing left of it
    if lemma in LOSE:
        return "loss", None
    if lemma in STEAL:
        return ("transfer", actor) if actor else ("loss", None)
    if lemma in GIVE:
        recipients = [o for p, o in preps if p in ("to", "for")]
        if recipient_tok is not None:
            recipients.insert(0, recipient_tok)
        for r in recipients:
            who = _who(r, people)
            if who:
                return "transfer", who
            if _outsider(r):
                return "loss", None
        if lemma in ALIENATE or "away" in parts:
            return "loss", None
        if lemma in THROW and gone_place:
            return "loss", None
        return "use", None
    if lemma in THROW or lemma in SWEEP:
        if gone_place:
            return "loss", None
    if lemma in PUT and any(p == "into" and o.lemma in FIRE for p, o in preps):
        return "loss", None  # "puts it into the flames": burnt (not "puts the kettle on the stove")
        if lemma in SWEEP and not ({"away", "overboard", "off"} & parts):
            return "use", None
        return "use", None
    return "use", None


def _subject_kind(lemma, parts, gone_place, passive, parse, v, places) -> str | None:
    """What a verb says of its subject object."""
    if passive:
        if lemma in DESTROY | STEAL | LOSE or (lemma in SWEEP and (parts & AWAY or gone_place)) or (
                lemma in THROW and gone_place) or lemma in ALIENATE:
            return "loss"
        if lemma == "break" and not parts - {"apart", "up", "down"}:
            return "loss"
        if lemma in RECOVER:
            return "recover"
        return "use"
    if v.lower in GONE_STATES and any(c.lemma == "be" for c in parse.children(v.i, "aux", "auxpass")):
        return "loss"  # "It clatters out of reach and is gone."
    if lemma == "crunch" and not ({"under", "underfoot"} & {p for p, _ in _prep_objects(parse, v)} or any(
            o.lemma in ASH for _, o in _prep_objects(parse, v))):
        return "use"  # "The Land Cruiser crunches into the yard" (but "the glasses crunch under his boot")
    if lemma in PERISH or (lemma == "break" and parts & {"apart", "up"}) or (lemma == "burn" and parts & {"up", "down", "away", "out"}):
        return "loss"
    if lemma == "break" and any(o.lemma in ("piece", "pieces", "half", "two", "shard") for _, o in _prep_objects(parse, v)):
        return "loss"
    # "They crunch into fragments.", "it crumbles to dust"
    if any(p in ("into", "to") and (o.lemma in ASH or o.lower in ASH) for p, o in _prep_objects(parse, v)):
        return "loss"
    if lemma in SINK | VANISH:
        if gone_place or (lemma in SINK and not places):
            return "loss"
        return None
    if lemma in ("go", "fall", "slip", "tumble", "plunge", "drop", "topple") and gone_place:
        return "loss"
    subj = next((c for c in parse.children(v.i, "nsubj", "nsubjpass")), None)
    if (lemma in CARRIED_OFF or v.lower.startswith("rid")) and "away" in parts and (
            subj is None or subj.lemma not in VEHICLES) and any(
            p in ("on", "in", "aboard") and o.lemma in VEHICLES for p, o in _prep_objects(parse, v)):
        return "loss"  # "The red umbrella is riding away up the hill on the tram": left behind, carried off
    if lemma in ("catch",) and any(o.lemma == "fire" for o in parse.children(v.i, "dobj")):
        return "loss"
    if lemma in ("crack", "smash", "slam", "crash", "shatter") and any(
            p in ("against", "on", "onto", "into") and o.lemma in HARD for p, o in _prep_objects(parse, v)):
        return "loss"  # "The yellow radio cracks against a boulder"
    if lemma in STATE or v.pos == "VERB":
        return "use"
    return None


def _refine(parse: Parse, out: list[Event]) -> list[Event]:
    """Uses of remains are not uses; one event per object token (a loss beats a use)."""
    rank = {"loss": 5, "recover": 4, "new": 4, "transfer": 3, "remains": 2, "use": 1}
    best: dict[int, Event] = {}
    for e in out:
        if e.kind == "use" and _remains(parse, e.obj):
            e = Event("remains", e.obj, e.verb, e.actor)
        if e.obj.indefinite and e.kind == "use":
            e = Event("new", e.obj, e.verb, e.actor)
        old = best.get(e.obj.token)
        if old is None or rank[e.kind] > rank[old.kind]:
            best[e.obj.token] = e
    return [best[k] for k in sorted(best)]


def _remains(parse: Parse, ref: ObjectRef) -> bool:
    """Whether the sentence speaks of what is left of it (``the broken globe``, ``pieces of it``)."""
    return bool(set(ref.adjectives) & REMAINS_ADJ) or absent(parse, ref)


