"""What happens to props, read from the script's sentences: losses gated by verb, parsed, with owners.

A cheap gate (:func:`may_lose`) picks the sentences that may state a loss; they
are parsed with the sentence before them when a pronoun needs it
(:func:`parse_with_antecedents`), and read into :class:`~continuity.story.objects.Event`
values with pronouns resolved to the cast (:func:`events_of`) and bible aliases
folded onto the prop's own name. The prop check and the prop sheets both read
props through here.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from continuity.language.lexicon import COLOUR_GROUP
from continuity.story.object_refs import ObjectRef, main_object, object_ref
from continuity.story.object_words import (
    ALIENATE,
    ASH,
    AWAY,
    CARRIED_OFF,
    CONSUME,
    DESTROY,
    FIRE,
    GIVE,
    GONE_PLACES,
    MIRES,
    HARD,
    LOSE,
    PERISH,
    PERSON_NOUNS,
    PUT,
    SINK,
    STEAL,
    SWEEP,
    TAKE,
    THROW,
    VANISH,
)
from continuity.story.objects import Event, events
from continuity.story.prop_fates import bible_fates
from continuity.story.sentences import Sentence

if TYPE_CHECKING:
    from continuity.story.context import Context


_IRREGULAR = {
    "throw": "threw thrown", "fling": "flung", "sink": "sank sunk", "steal": "stole stolen", "sweep": "swept",
    "lose": "lost", "sell": "sold", "give": "gave given", "burn": "burnt", "break": "broke broken",
    "tear": "tore torn", "blow": "blew blown", "feed": "fed", "catch": "caught", "let": "let", "slide": "slid",
    "take": "took taken", "go": "went gone", "fall": "fell fallen", "cast": "cast", "sling": "slung",
    "drag": "dragged", "burst": "burst", "lend": "lent", "swing": "swung", "ride": "rode ridden", "put": "put", "lay": "laid", "set": "set",
    "eat": "ate eaten", "drink": "drank drunk",
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


_WEAK = (VANISH | THROW | SWEEP | GIVE | TAKE | PUT | CARRIED_OFF) | {"blow", "catch", "fall", "slip", "tumble", "plunge",
                                                                  "go", "feed"}


_STRONG_FORMS = frozenset(f for lemma in _STRONG for f in _forms(lemma)) | {"gone", "missing", "stolen", "destroyed"}


_WEAK_FORMS = frozenset(f for lemma in _WEAK for f in _forms(lemma))
#: Eaten or drunk up: a loss with a word that says all of it went ("eats it all, every square").
_CONSUMED_FORMS = frozenset(f for lemma in CONSUME for f in _forms(lemma))
_ALL_WORDS = frozenset("all every whole entire last rest up off down".split())
_EATEN_FORMS = frozenset(f for lemma in ("eat", "devour", "gobble", "wolf", "scoff") for f in _forms(lemma))
_HIT_FORMS = frozenset(f for lemma in ("crack", "crash", "slam", "smash", "shatter") for f in _forms(lemma))


_CONTEXT = frozenset(GONE_PLACES | MIRES | AWAY | PERSON_NOUNS | ASH | FIRE | {"nothing", "lost", "overboard", "beyond"})


_WORDS_RE = re.compile(r"[a-z]+")


_PRONOUN_RE = re.compile(r"\b(?:it|them|they|its)\b", re.IGNORECASE)


_STATE_GATE = re.compile(
    r"\b(?:nothing (?:is |was )?(?:left|remains)|beyond repair|(?:is|are|was|were|turns? to|burns? to|reduced to) "
    r"(?:a )?(?:\w+ )?(?:ash|ashes|dust|rubble|cinders|pieces|splinters|fragments|smithereens))\b", re.IGNORECASE)


def may_lose(text: str) -> bool:
    """Whether a sentence may state a loss (a cheap gate before parsing)."""
    if _STATE_GATE.search(text):
        return True
    words = set(_WORDS_RE.findall(text.lower()))
    if not _STRONG_FORMS.isdisjoint(words):
        return True
    if not _CONSUMED_FORMS.isdisjoint(words) and (not _ALL_WORDS.isdisjoint(words) or not _EATEN_FORMS.isdisjoint(words)):
        return True
    if not _HIT_FORMS.isdisjoint(words) and not HARD.isdisjoint(words):
        return True  # "cracks against a boulder"
    return not _WEAK_FORMS.isdisjoint(words) and not _CONTEXT.isdisjoint(words)


def bible_aliases(ctx: Context) -> dict[str, str]:
    """Alias head word -> the prop name's head word, from the bible."""
    out: dict[str, str] = {}
    text = "\n".join(s.text for s in ctx.sentences if s.kind == "action")
    for p in ctx.bible.props:
        head = p.name.lower().split()[-1]
        for a in p.aliases:
            words = a.lower().split()
            if words and words[-1] != head:
                out[words[-1]] = head
        # "estwing hammer": a maker's name the script writes alone, capitalised mid-sentence ("his Estwing") and
        # never in lower case; not a word ("tooth box")
        words = p.name.lower().split()
        if len(words) == 2 and words[0].isalpha() and words[1].isalpha() and len(words[0]) > 3 and \
                _a_name(words[0], text):
            out.setdefault(words[0], head)
    return out


def _a_name(word: str, text: str) -> bool:
    """Whether the script writes ``word`` as a name: capitalised after a word mid-sentence, never in lower case."""
    if re.search(rf"\b{re.escape(word)}\b", text):
        return False
    return re.search(rf"(?<=[a-z,] ){re.escape(word.capitalize())}\b", text) is not None


def prop_names(ctx: Context) -> frozenset[str]:
    """One-word names of the bible's props and their aliases, lower case ("zippo", "graflex")."""
    return ctx.shared("prop names", lambda: _prop_names(ctx))


def _prop_names(ctx: Context) -> frozenset[str]:
    names = [n.lower() for p in ctx.bible.props for n in (p.name, *p.aliases)]
    # the names the bible's fates go by ("Silver Heuer stopwatch": "heuer")
    names += [r.head for f in bible_fates(ctx) for r in f.refs]
    out: set[str] = set()
    for n in names:
        words = [w for w in re.findall(r"[a-z]+(?:'s)?", n) if not w.endswith("'s")]  # not an owner: "Enzo's notebook"
        out.update(w for w in words if len(w) > 2)
        out.update(f"{a} {b}" for a, b in zip(words, words[1:]))  # "usb stick": one thing in two words
    return frozenset(out)


def pronoun_led(s: Sentence) -> bool:
    return bool(re.match(r"(?:It|They|Them)\b", s.text))


def parse_with_antecedents(ctx: Context, sentences: list[Sentence]) -> dict[int, object]:
    """Parses of ``sentences`` and of each one's predecessor in its paragraph (for ``it``)."""
    want: dict[int, Sentence] = {}
    for s in sentences:
        want[s.id] = s
        # The sentence before matters only for a pronoun ("It bursts into a hundred pieces").
        # ... and, while those open on a pronoun too ("Flicks it shut. Then he throws it."), the ones before them
        k = s.id
        while k > 0 and s.id - k < 5 and ctx.sentences[k - 1].scene == s.scene and _PRONOUN_RE.search(
                ctx.sentences[k].text):
            want[k - 1] = ctx.sentences[k - 1]
            k -= 1
    return dict(zip(want, ctx.parse_many(list(want.values()))))


def people(ctx: Context, s: Sentence) -> dict[str, str]:
    """He/she/they resolved to the character the paragraph is about."""
    out = {}
    for pronoun, gender in (("he", "m"), ("him", "m"), ("she", "f"), ("her", "f")):
        who = ctx.reader.previous_named(s, gender, include_self=True)
        if who:
            out[pronoun] = who
    return out


def events_of(ctx: Context, s: Sentence, parsed: dict, by_id: dict, aliases: dict[str, str]) -> list[Event]:
    parse = parsed.get(s.id)
    if parse is None:
        return []
    names = prop_names(ctx)
    prev = parsed.get(s.id - 1)
    antecedent = _antecedent(ctx, s, parsed, names)
    evs = events(parse, antecedent, people(ctx, s), names)
    if prev is not None and ctx.sentences[s.id - 1].scene == s.scene:
        evs += _revealed(parse, prev, names)
    if aliases:
        evs = [Event(e.kind, canonical(e.obj, aliases), e.verb, e.actor, e.recipient, e.held, e.how) for e in evs]
    return evs


def _antecedent(ctx: Context, s: Sentence, parsed: dict, names: frozenset[str], depth: int = 0) -> ObjectRef | None:
    """What "it" means in ``s``: the main object of the sentence before in its paragraph, else of the nearest one
    before that names a thing.

    A sentence before that is itself about "it" passes its own meaning on ("He takes out the chip. ... Then he flips
    it off his thumb like a coin toss. It spins ... and drops into the river": the chip, not the thumb or the toss).
    """
    parse = parsed.get(s.id)
    if parse is None:
        return None
    antecedent = None
    prev = parsed.get(s.id - 1)
    same_paragraph = prev is not None and ctx.sentences[s.id - 1].element == s.element
    if same_paragraph:
        before = _antecedent(ctx, ctx.sentences[s.id - 1], parsed, names, depth + 1) \
            if depth < 3 and _about_it(prev) else None
        antecedent = before or main_object(prev, names)
    if antecedent is None and not _names_a_thing(parse, names):
        # "Flicks it shut. / Then he throws it.": back to the sentence that names it, the paragraph
        # before included ("... rips the Nikon off Eli's neck. // He smashes it against the railing.")
        k = s.id - 2 if same_paragraph else s.id - 1
        while (antecedent is None and k >= 0 and s.id - k <= 5 and parsed.get(k) is not None
               and ctx.sentences[k].scene == s.scene):
            antecedent = main_object(parsed[k], names)
            k -= 1
    return antecedent


def _about_it(parse) -> bool:
    """Whether a sentence's object (or, with none, its subject) is "it" or "them": it names nothing new."""
    objects = [t for t in parse.tokens if t.dep == "dobj"] or [t for t in parse.tokens if t.dep in ("nsubj", "nsubjpass")
                                                               and t.pos != "PRON" or t.lower in ("it", "them")]
    return bool(objects) and objects[0].lower in ("it", "them")


_PASSED = frozenset("catch toss throw hand give pass slide press lob chuck flip drop".split())


def _revealed(parse, prev, names: frozenset[str]) -> list[Event]:
    """The thing a verbless sentence names after "something" or "it" changed hands: it is back.

    "She tosses something to Lena, who catches it. The brass compass, dented." recovers the compass.
    """
    # the sentence's head noun: its root, or what the parser left hanging ("The brass compass, dented, its
    # lid still engraved ...")
    root = next((t for t in parse.tokens if t.dep in ("ROOT", "dep") and t.pos in ("NOUN", "PROPN")), None)
    if root is None:
        return []
    unnamed = any(t.lemma in _PASSED and t.pos == "VERB" and any(
        c.lower in ("it", "something", "them") for c in prev.children(t.i, "dobj")) for t in prev.tokens)
    ref = object_ref(parse, root.i, props=names) if unnamed else None
    return [Event("recover", ref, "reveal")] if ref is not None else []


def _names_a_thing(parse, names: frozenset[str]) -> bool:
    """Whether the sentence names a thing of its own before its first "it" (which "it" then means)."""
    for t in parse.tokens:
        if t.lower in ("it", "them", "they"):
            return False
        if t.dep in ("dobj", "pobj", "nsubj", "nsubjpass") and object_ref(parse, t.i, props=names) is not None:
            return True
    return False


def canonical(ref: ObjectRef, aliases: dict[str, str]) -> ObjectRef:
    head = aliases.get(ref.head)
    if head is None:
        return ref
    return ObjectRef(head, (), ref.adjectives, ref.owner, ref.words, ref.indefinite, ref.plural, ref.token,
                     ref.possessed)


# -- losses told over several sentences ----------------------------------------------------------

_HOLD_RE = re.compile(
    r"\b(?:holds?|holding|held|dangles?|dangling)\s+(?P<obj>(?:the|his|her|their|its|[A-Z][\w'-]*'s)\s+"
    r"(?:[\w'-]+\s+){0,3}?[\w'-]+)\s+(?:out\s+)?(?:over|above|into|through)\s+(?P<place>(?:the|a|an|its|his|her)\s+"
    r"(?:[\w-]+\s+){0,2}?[\w-]+|it)\b")
_RELEASE_RE = re.compile(
    r"\b(?:lets? (?:it|them|the \w+) (?:go|fall|drop|slip)|lets? go\b|drops? (?:it|them) (?:in|into|through)|"
    r"drops? (?:it|them)\b|releases? (?:it|them)|opens? (?:his|her|their) (?:hand|fingers|fist)|"
    r"lets? (?:it|them) (?:burn|catch))", re.IGNORECASE)
_WHERE_GONE = {"fire", "flames", "flame", "fireplace", "hearth", "furnace", "stove", "grate", "incinerator", "brazier",
               "slot", "letterbox", "postbox", "mailbox", "edge", "side", "rail", "railing", "water", "sea", "river",
               "drain", "toilet", "abyss", "void", "stove", "embers", "coals", "candle"}
_BURN = {"fire", "flames", "flame", "fireplace", "hearth", "furnace", "stove", "grate", "incinerator", "brazier",
         "embers", "coals", "candle", "firebox", "woodstove", "woodburner", "rayburn", "aga", "boiler", "kiln",
         "firepit", "bonfire"}
_POSTED = {"slot", "letterbox", "postbox", "mailbox"}


_FED_RE = re.compile(
    r"\b(?:feeds?|drops?|tosses|throws|puts|pushes|shoves|stuffs|slides|tips)\s+(?P<obj>(?:the|his|her|their|"
    r"[A-Z][\w'-]*'s)\s+(?:[\w'-]+\s+){0,3}?[\w'-]+)\s+in\b(?![\w-])(?!\s+(?:the|a|an|his|her|its)\b)(?P<rest>[^.;]*)")
_THEN_RE = re.compile(r"\bthen\s+(?P<obj>(?:the|his|her|their)\s+(?:[\w'-]+\s+){0,2}?[\w'-]+)")


def _fed_in(s: Sentence, before: list[Sentence]) -> list[tuple[Sentence, Event]]:
    """"Tomas kneels at the stove and opens its door. He feeds the trench coat in, then the scarf.": both burnt."""
    m = _FED_RE.search(s.text)
    if m is None:
        return []
    near = [x for x in before if x.scene == s.scene] + [s]
    if not any(w in _BURN for x in near for w in re.findall(r"[a-z]+", x.text.lower())):
        return []
    out = []
    for words in [m.group("obj"), *(t.group("obj") for t in _THEN_RE.finditer(m.group("rest")))]:
        parts = words.split()
        head = parts[-1].lower()
        mods = [w.lower() for w in parts[1:-1]]
        ref = ObjectRef(head, tuple(w for w in mods if w not in COLOUR_GROUP), tuple(w for w in mods if w in COLOUR_GROUP),
                        None, words, False, head.endswith("s") and not head.endswith("ss"), -1,
                        parts[0].lower() in ("his", "her", "their") or parts[0].endswith("'s"))
        out.append((s, Event("loss", ref, "feed", None, None, True, "burnt")))
    return out


def released(ctx: Context, sentences: list[Sentence]) -> list[tuple[Sentence, Event]]:
    """Losses told over a few sentences: held over the fire (or a slot, the edge), then let go.

    *She holds the letter over it [the fire]. ... She lets it go.* loses the letter;
    *He holds the orange drive over the flames.* (two lines of dialogue) *He drops it
    in.* burns the drive. The release must come within a few action sentences of the
    same scene; dialogue in between does not count against it.
    """
    out: list[tuple[Sentence, Event]] = []
    action = [s for s in sentences if s.kind == "action" and s.scene > 0]
    for k, s in enumerate(action):
        out += _fed_in(s, action[max(0, k - 2):k])
        m = _HOLD_RE.search(s.text)
        if not m:
            continue
        place = m.group("place").split()[-1].lower()
        if place == "it":
            before = s.text[: m.start()].lower()
            place = next((w for w in re.findall(r"[a-z]+", before)[::-1] if w in _WHERE_GONE), "")
        if place not in _WHERE_GONE:
            continue
        # "holds the RSVP envelope over the slot a second too long, then lets it go": the same sentence, or a next one
        for nxt, text in [(s, s.text[m.end():]), *((x, x.text) for x in action[k + 1 : k + 5])]:
            if nxt.scene != s.scene:
                break
            if _RELEASE_RE.search(text):
                words = m.group("obj")
                head = words.split()[-1].lower()
                possessed = words.split()[0].lower() in ("his", "her", "their", "its") or words.split()[0].endswith("'s")
                mods = [w.lower() for w in words.split()[1:-1] if w[:1].islower() or (w.isupper() and len(w) > 1)]
                how = "burnt" if place in _BURN else "posted" if place in _POSTED else "lost"
                for thing in [head, *(_CONTENTS if head in _SENT and how == "posted" and mods else ())]:
                    ref = ObjectRef(thing, tuple(w for w in mods if w not in COLOUR_GROUP),
                                    tuple(w for w in mods if w in COLOUR_GROUP), None, words if thing == head else
                                    f"the {' '.join(mods)} {thing}", False,
                                    thing.endswith("s") and not thing.endswith("ss"), -1, possessed, thing != head)
                    out.append((nxt, Event("loss", ref, "let go", None, None, True, how)))
                break
    return out


#: What is posted in an envelope: posting "the RSVP envelope" posts the RSVP card in it.
_SENT = frozenset({"envelope"})
_CONTENTS = ("card", "letter", "note", "form", "cheque", "check", "invitation", "reply")


__all__ = ["may_lose", "bible_aliases", "pronoun_led", "parse_with_antecedents", "people", "events_of", "canonical",
           "released"]
