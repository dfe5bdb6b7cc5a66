"""Prop looks: a prop described in a colour or material that contradicts its canon.

Canon for a prop is what the bible says of it (an attribute such as ``colour: green``,
or its description: "a fat book bound in green cloth", "a battered tartan thermos"),
else the first time the script describes it. The words that describe a prop are read
from dependency parses, not patterns: modifiers of the prop's noun ("the *green*
ledger"), of a noun in apposition ("the ledger, a slim *black* notebook"), what it is
bound, covered or made in ("bound in *green* cloth"), and the predicate of a clause
whose subject it is ("the ledger is *black*"). Colours conflict as families and named
shades do (:func:`continuity.language.lexicon.colours_conflict`); materials conflict across
families (leather is not canvas; brass and steel are both metal). A sentence that
signals another object or a change ("a new ledger", "another", "repainted") is not
compared. Garments are the wardrobe check's.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from continuity.checks.findings import Evidence, Finding
from continuity.language.lexicon import (
    COLOUR_GROUP,
    COLOURS,
    MATERIALS,
    colour_group,
    colour_parts,
    garment_kind,
)
from continuity.story.context import Context
from continuity.story.object_words import PERSON_NOUNS
from continuity.story.thing_looks import MATERIAL_COLOURS, Look, looks_conflict, wood_of

# Words that describe without being a colour or a material of the whole object.
_COVERING = frozenset({"bind", "cover", "wrap", "make", "upholster", "clad", "trim", "case", "encase", "coat", "paint"})
_BE = frozenset({"be", "look", "seem", "appear", "remain", "stay"})
OTHER_RE = re.compile(
    r"\b(?:new|another|replacement|spare|second|other|different|duplicate|copy|identical|fake|replica|repaint(?:s|ed)?|"
    r"paint(?:s|ed)? (?:it|the)|re-?covers?|re-?bound|swaps?|swapped|instead)\b", re.IGNORECASE)


# Only sentences that name a colour or a material can describe a prop: the rest are not parsed.
_DESCRIBED_RE = re.compile(
    r"\b(?:" + "|".join(sorted({*COLOURS, *MATERIALS}, key=len, reverse=True)) + r")\b", re.IGNORECASE)


def _colour_of(t) -> str | None:
    if t.character or t.text[:1].isupper() and t.pos == "PROPN" and t.text.lower() in _NAME_COLOURS:
        return None  # "Olive's GREEN Ford": Olive is someone
    if "-" in t.text and t.text.lower().rsplit("-", 1)[-1] in _TRIMMED:
        return None  # "red-taped Sennheisers", "gold-trimmed": the tape's colour, the trim's
    return t.text.lower() if colour_parts(t.text) else None


#: A colour joined to these is the colour of a part or a trim, not of the thing: "red-taped", "gold-tipped".
_TRIMMED = frozenset("taped trimmed tipped capped edged banded laced piped ribboned striped spotted flecked stitched "
                     "lined rimmed beaded studded".split())


#: Colours that are also first names.
_NAME_COLOURS = frozenset("olive rose ruby amber violet hazel jade scarlett scarlet ginger rusty coral sienna "
                          "heather lavender indigo".split())


def _material_of(t) -> str | None:
    low = t.text.lower()
    if "-and-" in low:  # "brass-and-mahogany": of both, so of neither alone
        families = {MATERIALS.get(w) for w in low.split("-") if w != "and"}
        return families.pop() if len(families) == 1 else None
    return MATERIALS.get(t.lower) or MATERIALS.get(low.split("-")[-1])


def describe(parse, head: int, text: str) -> Look | None:
    """The colour and material said of the noun at ``head`` in ``parse`` (None when nothing is said)."""
    tok = parse.tokens[head]
    words: list[tuple] = [(c, tok) for c in parse.children(head, "amod", "compound", "nmod")]  # (word, the noun it describes)
    for c in parse.children(head, "amod"):  # "her blue-bound score", parsed as "blue" modifying "bound"
        if c.pos == "VERB" and c.i > 1 and parse.tokens[c.i - 1].text == "-":
            words += [(k, tok) for k in parse.children(c.i, "advmod", "amod", "npadvmod") if k.i == c.i - 2]
    words += [(c, tok) for c in parse.children(head, "conj") if c.pos == "ADJ"]  # "the mug, chipped and yellow"
    appositives = [a for a in parse.children(head, "appos") + _loose_appositive(parse, head)
                   if a.lower not in _PARTS]  # ("The Graye Gallery letter, green letterhead": the letterhead's green)
    for a in appositives:  # "the ledger, a slim black notebook"
        words += [(a, a)] + [(c, a) for c in parse.children(a.i, "amod", "compound", "nmod")]
    for holder in [head] + [a.i for a in appositives]:
        for v in parse.children(holder, "acl", "relcl"):  # "bound in green cloth", "made of tin", "painted red"
            if v.lemma in _COVERING:
                for c in parse.children(v.i, "oprd", "acomp", "xcomp"):
                    words += [(c, c)] + [(k, c) for k in parse.children(c.i, "amod", "compound")]
                for p in parse.children(v.i, "prep"):
                    for o in parse.children(p.i, "pobj"):
                        words += [(o, o)] + [(c, o) for c in parse.children(o.i, "amod", "compound")]
    for p in parse.children(head, "prep"):  # "a small box of green velvet" (but not "a cup of black coffee")
        if p.lower == "of":
            for o in parse.children(p.i, "pobj"):
                if _material_of(o):
                    words += [(o, o)] + [(c, o) for c in parse.children(o.i, "amod", "compound")]
    if tok.dep in ("nsubj", "nsubjpass"):
        v = parse.head(head)
        if v is not None and v.i != head and v.lemma in _BE:  # "the ledger is black"
            for c in parse.children(v.i, "acomp", "attr", "oprd"):
                if any(k.lower in _SOILED for k in parse.children(c.i, "conj", "amod")) or any(
                        k.lower in _SOILED for k in parse.children(v.i, "acomp", "conj") if k is not c):
                    continue  # "The crepe bandage is grey and sodden": dirt and water, not its colour
                words += [(c, c)] + [(k, c) for k in parse.children(c.i, "amod", "compound")]
    before = _before(parse, head)  # "Black lacquer fountain pen", "Dented green metal toolbox": said of the thing itself
    words += [(w, tok) for w in before if all(w is not x for x, _ in words)]
    colours = [(w, n) for w, n in words if _colour_of(w)]
    materials = [(w, n) for w, n in words if _material_of(w)]
    groups = {colour_group(w.text) for w, _ in colours}
    families = {_material_of(w) for w, _ in materials}
    near = [w for w in before if _colour_of(w)]
    colour = near[0].text.lower() if near else colours[0][0].text.lower() if len(groups) == 1 else None
    if near:
        colours = [(w, tok) for w in near[:1]] + [(w, n) for w, n in colours if w not in near]
    material = families.pop() if len(families) == 1 else None
    if colour and "-" in colour and colour not in COLOURS and len(colour_parts(colour)) == 1:
        colour = colour_parts(colour)[0]  # "blue-bound", "red-handled": blue, red
    if colour is None and material is None and tok.dep == "nsubj":
        # "The Volvo noses up to the barrier, white paint filmed with road dust": its paint, said after it
        m = _ITS_PAINT_RE.match(text, tok.end)
        if m and colour_group(m.group("c").split()[-1]):
            return Look(m.group("c").split()[-1].lower(), None, text[m.start("c"):m.end()], None)
    if colour is None and material is None:
        return None
    used = [tok] + [x for pair in colours + materials for x in pair]
    lo, hi = min(w.start for w in used), max(w.end for w in used)
    shown = next((w.lower for w, _ in materials if w.lower in MATERIAL_COLOURS), None)
    return Look(colour, material, text[lo:hi] if hi - lo <= 80 else " ".join(w.text for w in used), shown)


#: States that turn a thing's colour for a while: a colour said with them is the state's.
_SOILED = frozenset("sodden soaked wet damp filthy dirty grubby grimy stained muddy bloody bloodied greasy dusty sooty "
                    "limp frayed tattered ragged soiled mucky smeared".split())
#: The paint of the thing a sentence is about, said after it: ", white paint filmed with road dust".
_ITS_PAINT_RE = re.compile(r"[^,;.]*,\s+(?:its\s+)?(?P<c>(?:[a-z-]+\s+)?[a-z-]+)\s+(?:paint|paintwork|bodywork|"
                           r"finish|enamel|livery)\b", re.IGNORECASE)
_CHANGE_RE = re.compile(r"\b(?:repaint(?:s|ed)?|paints? (?:it|them|the)|re-?covers?|re-?bound|swaps?|swapped|"
                        r"replaces?|replaced|instead)\b", re.IGNORECASE)


def _np_before(parse, head: int) -> str:
    """The noun phrase up to the noun at ``head``, its determiner included ("another ledger", "the new key")."""
    start = head
    for j in range(head - 1, -1, -1):
        w = parse.tokens[j]
        if w.pos in ("ADJ", "NOUN", "PROPN", "DET", "NUM") or w.text == "-":
            start = j
            if w.pos == "DET":
                break
            continue
        break
    return parse.text[parse.tokens[start].start:parse.tokens[head].end]


def _before(parse, head: int) -> list:
    """The words of the noun phrase before the noun at ``head`` ("the dented green metal toolbox": dented, green, metal)."""
    out = []
    for j in range(head - 1, -1, -1):
        w = parse.tokens[j]
        if w.pos in ("ADJ", "NOUN", "PROPN") and not w.character or w.text == "-" or w.text in ("'s", "\u2019s"):
            out.append(w)  # "steel diver's watch": a kind of watch, the steel is the watch's
            continue
        break
    return list(reversed([w for w in out if w.text not in ("-", "'s", "\u2019s")]))


def _loose_appositive(parse, head: int) -> list:
    """A noun phrase set off by a comma right after the prop, which the parser did not attach as
    an apposition ("drags the suitcase, a battered blue thing, to the door")."""
    toks = parse.tokens
    if head + 2 >= len(toks) or toks[head + 1].text != ",":
        return []
    first = toks[head + 2]
    if first.lower not in ("a", "an", "the", "its", "his", "her", "their"):
        return []
    for t in toks[head + 3: head + 8]:
        if t.pos in ("NOUN", "PROPN") and parse.head(t.i) is not None and first.head == t.i:
            if t.dep != "appos" and t.head in (toks[head].head, head):
                return [t]
            return []
        if t.text in (",", ".", ";"):
            break
    return []


def _be(name: str) -> str:
    """"the keys are", "the glass is"."""
    last = name.split()[-1].lower()
    return "are" if last.endswith("s") and not last.endswith(("ss", "us", "is")) else "is"


#: What grows on a head: a prop named by it ("stage beard: crepe hair") is found by its full name only.
_ON_A_HEAD = frozenset("hair beard beards moustache mustache whiskers sideburns eyebrows brows lashes".split())


def prop_names(ctx: Context, *, garments: bool = False) -> list[tuple[str, list[str]]]:
    """(prop name, the words that name it) for every bible prop that is not a garment (unless ``garments``).

    Besides the name and aliases as written, a name is found by its own noun phrase
    without an owner or an article ("Jonah's toolbox" is found as "toolbox", "the
    cigarette holder" as "cigarette holder" and "holder"), when no other prop shares it.
    """
    out = []
    heads: dict[str, set[str]] = {}
    for p in ctx.bible.props:
        for n in (p.name, *p.aliases, _described_as(p.description)):
            heads.setdefault(_bare(n).split()[-1] if _bare(n) else "", set()).add(p.name)
    # a thing of one kind ("pocket watch") shares its head with another of a character's own kind
    # ("watch: Steel wristwatch on his right wrist"): only its full name is it
    for p in ctx.bible.props:
        words = _bare(p.name).split()
        if len(words) < 2:
            continue
        for c in ctx.bible.characters:
            for key, value in c.attributes.items():
                if key.lower().split()[-1:] == words[-1:] and words[-2] not in value.lower():
                    heads.setdefault(words[-1], set()).add(f"{c.name}.{key}")
    for p in ctx.bible.props:
        if garment_kind(p.name) and not garments:
            continue
        words = {p.name.lower(), *(a.lower() for a in p.aliases)}
        for n in (p.name, *p.aliases):
            bare = _bare(n)
            if bare and len(heads.get(bare.split()[-1], ())) == 1:
                # ("The Moonstone Girl", a painting, is not any girl)
                words |= {bare} | ({bare.split()[-1]} if bare.split()[-1] not in PERSON_NOUNS | _ON_A_HEAD else set())
        # "observing log: Heavy GREEN clothbound ledger": the script calls it "the ledger"
        kind = _bare(_described_as(p.description))
        if kind and len(heads.get(kind.split()[-1], ())) == 1 and kind.split()[-1] not in _ON_A_HEAD:
            words.add(kind.split()[-1])
        out.append((p.name, sorted((w for w in words if len(w) >= 3), key=len, reverse=True)))
    return out


#: Parts a description may open with: "white border, brown coffee-ring stain" is not what the thing is.
_PARTS = frozenset("border borders edge edges corner corners handle handles lid cap nib strap straps spine cover frame "
                   "stain crack chip scratch clasp clasps buckle lace laces sole soles screen case dial face hands blade "
                   "grip grips shaft head tip stripe band trim lining label door panel panels wheel wheels letterhead "
                   "logo lettering writing ink print stamp seal heading crest guard tape lanyard".split())


_PARTICIPLES = frozenset("bound worn made kept held set cut hung sewn shown written drawn".split())


def _described_as(description: str | None) -> str:
    """The noun a description opens with ("Heavy GREEN clothbound ledger, ..." is a ledger), or ""."""
    text = (description or "").strip()
    first = re.split(r"[,;.(:]|\s(?:with|on|in|of|from|that|which)\s", text, maxsplit=1)[0]
    words = first.split()
    while len(words) > 1 and (words[-1].lower().endswith("ed") or words[-1].lower() in _PARTICIPLES):
        words = words[:-1]  # "thick score bound (in faded red cloth)": a score
    if not words or len(words) > 5 or words[0].lower() == "see" or text[len(first):].startswith(" of "):
        # ("Ring of observatory keys": keys)
        return ""
    last = words[-1].lower()
    if not last.isalpha() or last in MATERIALS or colour_parts(last) or len(last) < 3 or last in _PARTS or \
            last in _NOT_A_KIND or any(w.lower().endswith("ing") and len(w) > 5 and w.lower() not in _ING_NOUNS
                                       for w in words[:-1]):
        return ""  # ("kitchen maid pouring water": what a painting shows; "small, black aluminium": a look)
    return last


_ING_NOUNS = frozenset("string spring sling thing ceiling building painting clothing stocking earring wedding pudding "
                       "sterling herring shilling".split())
#: First words of a description that say what it is made of or like, not what it is ("oil on panel", "small").
_NOT_A_KIND = frozenset("oil water paint ink wax tempera gouache watercolour acrylic small large tiny big huge old new "
                        "heavy light thin thick long short tall round square battered worn dented cheap enamel lacquer "
                        "varnish veneer gloss matte enamelled".split())


def display_name(name: str) -> str:
    """A prop's name in a sentence: "the brass compass", "Jonah's toolbox", "the pen"."""
    first = name.split()[0].lower()
    return name if first in ("the", "a", "an") or first.endswith(("'s", "\u2019s")) else f"the {name}"


def _bare(name: str) -> str:
    """A prop's name without article or owner: "Jonah's toolbox" -> "toolbox", "the orange drive" -> "orange drive"."""
    words = name.lower().split()
    while words and (words[0] in ("the", "a", "an", "his", "her", "their") or words[0].endswith(("'s", "\u2019s"))):
        words = words[1:]
    return " ".join(w for w in words if w.isalpha() or "-" in w)


def _head_index(parse, start: int, end: int) -> int | None:
    """The token that heads the name found at [start, end) in the sentence: its last noun."""
    inside = [t for t in parse.tokens if t.start >= start and t.end <= end and (
        t.pos in ("NOUN", "PROPN") or t.dep in ("dobj", "pobj", "nsubj", "nsubjpass", "appos"))]  # "gold watch" as a verb
    return inside[-1].i if inside else None


def check(ctx: Context) -> Iterator[Finding]:
    """Yield prop findings: bible props' looks (the cast's own things are :mod:`continuity.checks.prop_owned`'s)."""
    yield from _bible_props(ctx)


def bible_looks(ctx: Context) -> dict[str, tuple[Look, str]]:
    """The look the bible gives each prop (not a garment): its colour and material, and the key path that says it.

    An attribute (``colour: green``) wins over the description ("a fat book bound in green cloth"). Read once per
    reading.
    """
    return ctx.shared("bible_prop_looks", lambda: _bible_looks(ctx))


def _bible_looks(ctx: Context) -> dict[str, tuple[Look, str]]:
    props = prop_names(ctx)
    out: dict[str, tuple[Look, str]] = {}
    bible_props = {p.name: p for p in ctx.bible.props}
    described = [name for name, _ in props if (bible_props[name].description or "").strip()]
    parses = ctx.parse_prose([bible_props[n].description for n in described]) if described else []
    for name, parse in zip(described, parses):
        text = bible_props[name].description
        # said of its name first, then a description that opens with its look ("Tan leather, brass clasps"),
        # then the description's head noun
        with_ = _LEAD_THEN_WITH_RE.match(text)
        lead = _leading_look(with_.group(1)) if with_ else None
        # ("white with a green steam engine painted on it": white, and a picture on it)
        look = lead or _bible_look(parse, text, dict(props)[name], root=False) or _leading_look(text) or \
            _root_look(parse, text) or _listed_colour(text)
        listed = _listed_colour(text) if look is not None and look.colour is None else None
        if listed is not None:
            # "cast-iron, painted racing green": the material first, the colour listed after it
            look = Look(listed.colour, look.material, f"{look.words}, {listed.words}", look.metal)
        pair = look is not None and look.colour and next(
            (m for m in _TWO_COLOURS_RE.finditer(text) if colour_parts(m.group(1)) and colour_parts(m.group(2))
             and look.colour.lower() in (m.group(1).lower(), m.group(2).lower())), None)
        if pair:
            # "red and green tartan": both its colours ("a tartan thermos, red and green")
            look = Look(look.colour, look.material, f"{pair.group(0)} {look.words}", look.metal)
        if look is not None:
            out[name] = (look, f"props.{name}.description")
    for name, _ in props:
        for key, value in bible_props[name].attributes.items():
            value = str(value).strip()
            if not value:
                continue
            colour = value.split()[-1] if colour_parts(value.split()[-1]) else None
            material = MATERIALS.get(value.split()[-1].lower())
            if colour or material:
                out[name] = (Look(colour, material, value), f"props.{name}.attributes.{key}")
    return out


#: "Replaced by a new silver key with a blue rubber cap (sc. 17)": the thing's look from that scene on.
_REPLACED_RE = re.compile(r"\breplaced\s+(?:by|with)\s+(?:a|an)\s+(?:new\s+)?(?P<what>[^.;(]{3,80}?)\s*"
                          r"\(?\b(?:in\s+)?sc(?:ene)?s?\.?\s*(?P<n>\d+)", re.IGNORECASE)


#: A thing seen where it is kept, not used: "sits on the shelf behind her now".
_AT_REST_RE = re.compile(r"^\s+(?:still\s+)?(?:sits|lies|rests|stands|hangs|waits)\b", re.IGNORECASE)
#: The value of a replacement's own key: its look first, then the scene it comes in.
_KEYED_REPLACEMENT_RE = re.compile(r"^\s*(?:a\s+|an\s+)?(?:new\s+)?(?P<what>[^.;(,]{3,60})[^;]*?\bsc(?:ene)?s?\.?\s*"
                                   r"(?P<n>\d+)", re.IGNORECASE)


#: A description that opens on the thing's colour and goes on to what is on it: "white with a green steam engine".
_LEAD_THEN_WITH_RE = re.compile(r"\s*([A-Za-z]+(?:[\s-][A-Za-z]+)?)\s+with\b")
_TWO_COLOURS_RE = re.compile(r"\b([A-Za-z]+)(?:\s+and\s+|-and-|\s*/\s*)([A-Za-z]+)\b")


def bible_replacements(ctx: Context) -> dict[str, tuple[int, Look, str]]:
    """Props the bible says are replaced from a scene on, with the new one's look: name -> (scene, look, path)."""
    out: dict[str, tuple[int, Look, str]] = {}
    for p in ctx.bible.props:
        m = _REPLACED_RE.search(p.description or "")
        path = f"props.{p.name}.description"
        if m is None:
            # "replacement: chrome, from Woolworths, 49p, brought by Declan sc17": a key of its own
            key = next((k for k in p.attributes if re.search(r"\b(?:replacement|replaced|new one)\b", k)), None)
            m = _KEYED_REPLACEMENT_RE.search(p.attributes[key]) if key else None
            path = f"props.{p.name}.attributes.{key}"
        if m is None:
            continue
        words = m.group("what").lower().split()
        colour = next((w for w in words if colour_parts(w)), None)
        material = next((MATERIALS[w] for w in words if w in MATERIALS), None)
        metal = next((w for w in words if w in MATERIAL_COLOURS), None)
        scene = ctx.scene_index(m.group("n"))
        if (colour or material) and scene is not None:
            out[p.name] = (scene, Look(colour, material, m.group(0).strip(), metal), path)
    return out


def _leading_look(text: str) -> Look | None:
    """A description that opens with the thing's colour or material alone: "silver, hunter case, ..."."""
    first = re.split(r"[,;.(]", text, maxsplit=1)[0].strip()
    words = first.lower().split()
    if not words or len(words) > 3 or not all(colour_parts(w) or w in MATERIALS or w == "and" for w in words):
        return None
    colour = next((w for w in words if colour_parts(w)), None)
    material = next((MATERIALS[w] for w in words if w in MATERIALS), None)
    metal = next((w for w in words if w in MATERIAL_COLOURS), None)
    return Look(colour, material, first, metal)


def _bible_props(ctx: Context) -> Iterator[Finding]:
    """Looks of the bible's props against its description or attributes, else their first description."""
    props = prop_names(ctx)
    if not props:
        return
    canon: dict[str, tuple] = {name: ("bible", look, path) for name, (look, path) in bible_looks(ctx).items()}
    later = bible_replacements(ctx)
    patterns = {name: re.compile(r"\b(?:" + "|".join(re.escape(w) for w in words) + r")\b", re.IGNORECASE)
                for name, words in props}
    hits = [(s, name, m) for s in ctx.sentences if s.scene > 0 and s.kind == "action" and _DESCRIBED_RE.search(s.text)
            for name, rx in patterns.items() for m in [rx.search(s.text)] if m]
    if not hits:
        return
    parsed = dict(zip((s.id for s, _, _ in hits), ctx.parse_many([s for s, _, _ in hits])))
    for s, name, m in hits:
        parse = parsed[s.id]
        head = _head_index(parse, m.start(), m.end())
        if head is None:
            # "fumbles the chrome lighter out", with "lighter" parsed as an adverb: the words before it, after "the"
            before = re.split(r"[,;:(.]", s.text[:m.start()])[-1]
            look = _words_before_look(s.text, m.start(), m.end()) if re.search(
                r"\b(?:the|his|her|their|its)\s+(?:[\w-]+\s+){1,2}$", before, re.IGNORECASE) else None
        else:
            nouns = {w.lower for w in _before(parse, head) if w.pos in ("NOUN", "PROPN") and not _colour_of(w)
                     and not _material_of(w)}
            if {p for n in nouns for p in n.split("-")} - set(" ".join(dict(props)[name]).split()) - \
                    _described_words(ctx, name):
                continue  # "the red emergency phone" is not the bible's satellite phone (a "hunter-case watch" is)
            if " " not in m.group(0).strip() and " " in name.strip() and re.match(
                    r"(?:a|an|some|one|any)\s", _np_before(parse, head), re.IGNORECASE):
                continue  # "a steamer in a glass case": a case, not the bible's cigarette case
            look = describe(parse, head, s.text)
        if look is None:
            continue
        known = canon.get(name)
        replaced = later.get(name)
        if replaced is not None and s.scene >= replaced[0]:
            np = (_np_before(parse, head) if head is not None else s.text[max(0, m.start() - 30):m.end()]).lower()
            old = known[1] if known is not None else None
            if re.search(r"\b(?:broken|damaged|cracked|smashed|split|dead)\b", np) or old is not None and any(
                    w and re.search(rf"\b{re.escape(w)}\b", np) for w in (old.colour, old.material, old.metal)) and \
                    _AT_REST_RE.search(s.text[m.end():]):
                continue  # "The broken brass bell sits on the shelf": the old one, kept, not used
            known = ("bible", replaced[1], replaced[2])  # "Replaced by a new silver key (sc. 17)": from 17 on
        if known is None:
            canon[name] = ("script", look, s)
            continue
        np = _np_before(parse, head) if head is not None else s.text[max(0, m.start() - 30):m.end()]
        if OTHER_RE.search(np) or _CHANGE_RE.search(s.text) or ctx.is_flashback(s.scene):
            continue  # "a new ledger", "another compass", "repaints it": another object, or a change on screen
        what = looks_conflict(known[1], look)
        if what is None:
            continue
        said = (look.colour or look.metal) if what == "colour" else wood_of(look) if what == "wood" else look.material
        if known[0] == "bible" and what == "colour" and said and not known[1].colour and \
                _bible_names_colour(ctx, name, said):
            continue  # "steel fixed-gear bicycle, MINT-GREEN frame": the steel is painted the colour said
        if known[0] == "bible" and _bible_has_another(ctx, name, look):
            continue  # "Walt has a separate battered steel thermos": the bible's other one of its kind
        if known[0] == "bible":
            was = (known[1].colour or known[1].metal) if what == "colour" else wood_of(known[1]) if what == "wood" \
                else known[1].material
            why, ev, sev = f"the bible has {known[1].words!r} ({was})", Evidence(known[1].words, bible=known[2]), "error"
        else:
            first = known[2]
            if first.scene == s.scene:
                continue
            was = (known[1].colour or known[1].metal) if what == "colour" else wood_of(known[1]) if what == "wood" \
                else known[1].material
            why = f"{was} in scene {ctx.scene_number(first.scene)} ({known[1].words!r})"
            ev, sev = Evidence(first.text, line=first.line, scene=first.scene), "warning"
        yield Finding(
            category="prop", severity=sev, scene=s.scene, line=s.line,
            message=f"{display_name(name)} {_be(name)} {said} here ({look.words!r}), but {why}",
            text=s.text, subject=f"{name}.{what}", evidence=(ev,),
            extra=(("attribute", what), ("value", said)),
        )


def _described_words(ctx: Context, name: str) -> set[str]:
    """The words of the bible's description of prop ``name`` ("Gold hunter-case pocket watch": hunter, case...)."""
    prop = next((p for p in ctx.bible.props if p.name == name), None)
    return set(re.findall(r"[a-z]+", (prop.description or "").lower())) if prop is not None else set()


def _bible_has_another(ctx: Context, name: str, look: Look) -> bool:
    """Whether the bible's words for prop ``name`` name a second one of its kind with this look ("Cal's plastic
    thermos ...; Walt has a separate battered steel thermos")."""
    prop = next((p for p in ctx.bible.props if p.name == name), None)
    if prop is None:
        return False
    text = " ".join([prop.description or "", *(str(v) for v in prop.attributes.values())]).lower()
    said = {w.lower() for w in re.findall(r"[A-Za-z]+(?:-[A-Za-z]+)*", look.words)} & (
        set(COLOUR_GROUP) | set(MATERIALS))
    return any(re.search(r"\b(?:separate|second|another|other|spare|different)\s+(?:[a-z-]+\s+){0,3}?" + re.escape(w)
                         + r"\b", text) for w in said)


def _bible_names_colour(ctx: Context, name: str, colour: str) -> bool:
    """Whether the bible's words for prop ``name`` give it ``colour`` somewhere (before any "originally")."""
    prop = next((p for p in ctx.bible.props if p.name == name), None)
    if prop is None:
        return False
    text = " ".join([prop.description or "", *(str(v) for v in prop.attributes.values())])
    text = re.split(r"\b(?:originally|formerly|once|used to be|was)\b", text, maxsplit=1, flags=re.IGNORECASE)[0]
    said = set(colour_parts(colour.lower()))
    return any(said & set(colour_parts(w)) for w in re.findall(r"[a-z]+(?:-[a-z]+)*", text.lower()))


def _bible_look(parse, text: str, words: list[str], root: bool = True) -> Look | None:
    """The look a bible description gives its prop: said of the prop's noun, or of the description's head noun."""
    low = text.lower()
    found: list[Look] = []
    for w in words:
        # every mention: "Des's fishing-tackle tin: a red Arnott's biscuit tin" says the colour the second time
        for m in re.finditer(r"\b" + re.escape(w) + r"\b", low):
            head = _head_index(parse, m.start(), m.end())
            # ("heavy brass cigarette lighter", with "lighter" parsed as an adverb: the words before it)
            look = describe(parse, head, text) if head is not None else _words_before_look(text, m.start(), m.end())
            if look is None:
                continue
            if found and OTHER_RE.search(text[max(0, m.start() - 30): m.start()]):
                continue  # "Replaced by a new silver key": another key, not this one's look
            found.append(look)
    if found:
        first = found[0]
        later = next((lk for lk in found[1:] if lk.colour), None)
        if first.colour is None and later is not None:
            return Look(later.colour, first.material or later.material, later.words, first.metal or later.metal)
        return first
    return _root_look(parse, text) if root else None


def _words_before_look(text: str, start: int, end: int) -> Look | None:
    """The colour and material in the words right before a name, up to three, within its phrase."""
    before = re.split(r"[,;:(.]", text[:start])[-1].split()[-3:]
    dets = [i for i, w in enumerate(before) if w.lower() in ("the", "a", "an", "his", "her", "their", "its")]
    before = before[dets[-1] + 1:] if dets else before
    colour = next((w.lower() for w in before if colour_parts(w)), None)
    material = next((MATERIALS[w.lower()] for w in before if w.lower() in MATERIALS), None)
    metal = next((w.lower() for w in before if w.lower() in MATERIAL_COLOURS), None)
    if colour is None and material is None:
        return None
    return Look(colour, material, " ".join([*before, text[start:end]]), metal)


def _listed_colour(text: str) -> Look | None:
    """A colour listed on its own among a description's phrases: "Volvo 240 estate, midnight blue, Vienna plates",
    "Tom's ledger, clothbound in GREEN"."""
    for part in re.split(r"[,;]", text.split(".")[0]):
        bound = re.fullmatch(r"\s*(?:[\w-]+\s+)?(?:bound|clothbound|leatherbound|covered|painted|finished|lacquered|"
                             r"upholstered|enamelled|dyed)\s+(?:in\s+)?(?:\w+\s+)?([A-Za-z-]+)\s*", part)
        if bound and colour_parts(bound.group(1)):
            return Look(bound.group(1).lower(), None, part.strip(), None)
        words = part.split()
        if 1 <= len(words) <= 3 and colour_parts(words[-1]) and all(
                colour_parts(w) or w.lower() in _SHADES for w in words):
            return Look(words[-1].lower(), None, part.strip(), None)
    return None


_SHADES = frozenset("midnight deep dark pale light bright navy bottle racing sky royal forest olive dusty faded "
                    "metallic matt matte gloss glossy".split())


def _root_look(parse, text: str) -> Look | None:
    """"A fat book bound in green cloth.": the description's root noun is the prop."""
    roots = [t for t in parse.tokens if t.dep == "ROOT" and t.pos in ("NOUN", "PROPN")]
    # "Cream 1987 Volvo 240 wagon, rust bloom on the rear arch": the first phrase names it, whatever the
    # parser made the root
    cut = next((t.i for t in parse.tokens if t.text in (",", ";", ":", "(")), len(parse.tokens))
    first = next((t for t in parse.tokens[:cut] if t.pos in ("NOUN", "PROPN") and t.dep != "compound"
                  and not _colour_of(t) and not _material_of(t)), None)
    if first is not None and (not roots or roots[0].i > cut):
        roots = [first]
    return describe(parse, roots[0].i, text) if roots else None
