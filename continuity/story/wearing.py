"""Who a garment belongs to when no wearing verb says so: ownership by action.

"Rosa pulls her grey parka tighter.", "He stuffs his hands into the pockets of the
blue parka.", "Priya pulls a mustard cardigan off the chair and shrugs it on." The
regex reader (:meth:`continuity.story.sentences.Reader.owner`) needs a possessive or a verb of
wearing right before the garment; this module reads the dependency parse instead:

- a possessive on the garment (a name, or a pronoun resolved to the cast);
- else the subject of the clause whose verb handles one's own clothes (*pulls ...
  tighter*, *buttons*, *stuffs his hands into the pockets of*, *wrings out*), never
  a verb of looking, buying or giving (*stares at the red coat in the window*);
- putting it on (*shrugs it on*, *puts on*, *changes into*) makes it the subject's
  and marks a deliberate change, which resets the wardrobe's canon.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from continuity.language.parse import Parse, Token

OWN_VERBS = frozenset(
    "tie buckle strap wear pull tug zip unzip button unbutton adjust straighten smooth brush wrap clutch hug shrug stuff shove thrust "
    "jam dig fasten unfasten loosen tighten roll fiddle finger fumble hitch hike wring shake dust pat rummage tuck "
    "peel take remove shed doff hang drape throw slip put don change sport flap cinch knot yank wipe dry soak "
    "drip flutter billow snap grip gather lift raise turn sink bury push plunge reach fish search swap trade "
    "exchange flap hang open close".split()
)
NOT_OWN = frozenset(
    "look stare glance see watch notice eye point admire buy sell hand give pass steal find examine study spot "
    "show offer lend toss hurl fling fold iron wash sew mend pack unpack carry hold display price".split()
)
# (verb, particle): putting a garment on.
PUT_ON = frozenset({
    ("put", "on"), ("pull", "on"), ("shrug", "on"), ("slip", "on"), ("slip", "into"), ("throw", "on"),
    ("change", "into"), ("wriggle", "into"), ("step", "into"), ("climb", "into"), ("struggle", "into"),
    ("get", "into"), ("zip", "into"), ("button", "into"), ("don", ""), ("wrap", "in"), ("tie", "on"),
    ("knot", "on"), ("buckle", "on"), ("strap", "on"),
})
_PRONOUNS = {"he": "m", "him": "m", "his": "m", "she": "f", "her": "f", "hers": "f"}
#: A garment worn up to a part of the face: "the navy scarf up to his chin", "collar zipped to her nose".
UP_TO_RE = re.compile(r"\s+(?:(?:pulled|zipped|buttoned|wound|wrapped|tugged)\s+)?(?:up\s+)?to\s+(his|her)\s+"
                      r"(?:chin|ears|nose|eyes|neck|throat|jaw)\b", re.IGNORECASE)

Resolver = Callable[["str | None"], "str | None"]


def _who(t: Token, resolve: Resolver) -> str | None:
    if t.character:
        return t.character
    if t.lower in _PRONOUNS:
        return resolve(_PRONOUNS[t.lower])
    return None


def _put_on(parse: Parse, v: Token) -> bool:
    parts = {c.lower for c in parse.children(v.i, "prt")} | {c.lower for c in parse.children(v.i, "prep")}
    return any((v.lemma, p) in PUT_ON for p in parts | {""})


def garment_owner(parse: Parse, start: int, end: int, resolve: Resolver) -> tuple[str, str, bool] | None:
    """Who owns the garment written at ``start:end``, how we know, and whether it is being put on.

    Args:
        parse: the sentence.
        start, end: offsets of the garment's words (colour and noun).
        resolve: gender (``m``/``f``) -> the cast member a pronoun of it means.

    Returns:
        ``(character, how, put_on)`` or None when the parse does not make it clear.
    """
    nouns = [t for t in parse.tokens if start <= t.start < end and t.pos in ("NOUN", "PROPN", "VERB", "ADJ")]
    if not nouns:
        return None
    g = nouns[-1]
    for c in parse.children(g.i, "poss"):
        who = _who(c, resolve)
        if who is None:
            return None
        # "Lena is right behind her, still in Dana's grey fleece": the one in it wears it, not its owner; and
        # "Dana's spare fleece" is one she is not wearing
        if any(m.lower in ("spare", "extra", "old", "other") for m in parse.children(g.i, "amod")):
            return None
        head = parse.head(g.i)
        if g.dep == "pobj" and head.lower == "in":
            v = parse.clause_verb(head.i)
            wearer = _who(parse.subject(v), resolve) if v is not None and parse.subject(v) is not None else None
            if wearer and wearer != who:
                return wearer, "subject", False
        return who, "possessive", False
    up = UP_TO_RE.match(parse.text, g.end)
    if up:
        who = resolve(_PRONOUNS[up.group(1).lower()])  # "he's in the camel one, the navy scarf up to his chin"
        return (who, "pronoun", False) if who else None
    v = parse.clause_verb(g.i)
    if v is None:
        return None
    head = parse.head(g.i)
    if g.dep == "pobj" and head is not None and head.lower == "by":
        # "June hauls Tess up by the denim jacket", "grabs him by the collar": the one held by it wears it
        held = [o for o in parse.children(v.i, "dobj") if o.i < head.i]
        who = _who(held[0], resolve) if held else None
        return (who, "object", False) if who else None
    # "pulls a mustard cardigan off the chair and shrugs it on"
    for c in parse.children(v.i, "conj"):
        if c.pos == "VERB" and _put_on(parse, c) and any(o.lower in ("it", "them") for o in parse.children(c.i, "dobj")):
            subj = parse.subject(c)
            who = _who(subj, resolve) if subj is not None else None
            if who:
                return who, "subject", True
    if v.lemma in NOT_OWN or v.lemma not in OWN_VERBS | {lemma for lemma, _ in PUT_ON}:
        return None
    # Someone else between the subject and the garment ("helps Ann into the coat") makes it unclear.
    if any(t.character for t in parse.tokens if v.i < t.i < g.i):
        return None
    subj = parse.subject(v)
    who = _who(subj, resolve) if subj is not None else None
    if subj is None and v.i == 0:
        who = resolve(None)  # "Ties on a navy apron.": the one the paragraph is about
    if who is None:
        return None
    return who, "subject", _put_on(parse, v)
