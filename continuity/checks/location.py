"""Locations: a feature of a place described with conflicting attributes.

A location's features (``door: blue`` in the bible, or the first ``the blue door``
the script mentions in a scene there) must keep their colour in every scene at
that location. Two passes:

1. explicit: definite references ("the red door", "its red door"); "a red door"
   may be another door;
2. aligned: each established feature is phrased as a sentence ("The door of the
   lantern room is blue.") and searched in the FAISS index of the script's
   sentences; a sentence at that location that is about it (cosine >= ALIGN_MIN)
   and names another colour near the feature word is reported too. This finds
   "The lantern room door, painted red years ago, swings open", which no fixed
   pattern expects.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from continuity.checks.findings import Evidence, Finding
from continuity.language.lexicon import COLOUR_GROUP, COLOURS, colour_group, colours_conflict, garment_kind
from continuity.story.context import Context
from continuity.story.places import Places

FEATURES = (
    "door", "doors", "front door", "walls", "wall", "wallpaper", "curtains", "drapes", "shutters", "roof",
    "carpet", "rug", "sofa", "couch", "armchair", "table", "lamp", "lampshade", "fence", "gate", "shutters",
    "awning", "sign", "neon sign", "mailbox", "floor", "tiles", "ceiling", "bedspread", "tablecloth", "stairs",
    "staircase", "railing", "banister", "window frames", "trim", "paint", "porch", "mural",
    # furniture, fittings and set dressing
    "radiator", "radiators", "window boxes", "window box", "porch swing", "swing", "bench", "benches", "bookcase",
    "bookshelf", "bookshelves", "shelves", "cabinet", "cabinets", "cupboard", "cupboards", "dresser", "desk",
    "chair", "chairs", "stool", "stools", "bed", "headboard", "quilt", "duvet", "pillows", "cushions", "blinds",
    "shades", "canopy", "gazebo", "shed", "mailboxes", "door frame", "doorframe", "window frame", "sill",
    "windowsill", "counter", "countertop", "booth", "booths", "couches", "sofas", "armchairs", "recliner",
    "ottoman", "fridge", "refrigerator", "stove", "oven", "sink", "bathtub", "tub", "toilet", "mirror frame",
    "lampshades", "lamps", "lantern", "chandelier", "vase", "vases", "curtain", "drape", "rugs", "mat", "doormat",
    "fences", "gates", "picket fence", "hedge", "shutter", "façade", "facade", "siding", "clapboards", "brickwork",
    "bricks", "roof tiles", "pillars", "columns", "steps", "doorstep", "door", "garage door", "front steps",
    "phone booth", "payphone", "jukebox", "piano", "bar stools", "barstools", "tablecloths", "napkins",
    "ropes", "ring ropes", "clock", "wall clock", "poster", "posters", "banner", "awnings", "tarp", "tarpaulin",
)
_FEATURE_RE = re.compile(
    # "the dented grey filing cabinet": up to two words before the colour, one (a noun modifier) after it
    r"\b(?:the|its|this)\s+(?:(?!(?:and|or|but|with|of|in|on|at|to|from|by|for|as)\b)[a-z]+(?:-[a-z]+)*,?\s+){0,2}"
    r"(?P<c>" + "|".join(COLOURS) + r")\s+(?:(?!(?:and|or|but|with|of|in|on|at|to|from|by|for|as)\b)[a-z]+\s+)?"
    r"(?P<f>" + "|".join(sorted(map(re.escape, set(FEATURES)), key=len, reverse=True)) + r")\b"
    # ("the beige wall telephone", "the brass door knocker": a thing on the feature, not the feature)
    r"(?!\s+(?:tele)?phones?\b|\s+clocks?\b|\s+calendars?\b|\s+lamps?\b|\s+sockets?\b|\s+switch(?:es)?\b|"
    r"\s+heaters?\b|\s+handles?\b|\s+knobs?\b|\s+knockers?\b|\s+hinges?\b|\s+keys?\b|\s+bells?\b|\s+plates?\b|"
    r"\s+charts?\b|\s+maps?\b|\s+units?\b|\s+cabinets?\b|\s+hooks?\b|\s+mounts?\b|\s+posters?\b|\s+hangings?\b)",
    re.IGNORECASE,
)


ALIGN_MIN = 0.5
ALIGN_TOP_K = 25
_COLOUR_WORD_RE = re.compile(r"\b(" + "|".join(COLOURS) + r")\b", re.IGNORECASE)


def _plural(feature: str) -> bool:
    return feature.endswith("s") and not feature.endswith("ss")


def _feature(word: str) -> str:
    w = word.lower()
    w = {"doors": "door", "front door": "door", "wall": "walls", "drapes": "curtains", "couch": "sofa",
         "staircase": "stairs", "banister": "railing", "curtain": "curtains", "drape": "curtains",
         "shutter": "shutters", "couches": "sofa", "sofas": "sofa", "radiators": "radiator",
         "window box": "window boxes", "facade": "façade", "windowsill": "sill", "barstools": "bar stools",
         "doorframe": "door frame"}.get(w, w)
    return w


def check(ctx: Context) -> Iterator[Finding]:
    """Yield location findings (explicit pass, then the aligned pass)."""
    canon: dict[tuple[str, str], object] = {}
    reported: set[int] = set()
    for f in _explicit(ctx, canon):
        reported.add(f.line)
        yield f
    yield from _aligned(ctx, canon, reported)


def _at(ctx: Context, scene_index: int, place: str) -> bool:
    scene = ctx.scene(scene_index)
    if scene is None:
        return False
    return place in _places(ctx, scene)


def _places(ctx: Context, scene) -> list[str]:
    """The bible's places a scene is set in (the story's one reading of its heading), else its heading's place."""
    known = {loc.name for loc in ctx.bible.locations}
    return [p for p in Places.of(ctx).places_of(scene.index) if p in known] or [scene.heading.location]


def _aligned(ctx: Context, canon: dict, reported: set[int]) -> Iterator[Finding]:
    items = [(key, known) for key, known in canon.items()]
    if not items or not ctx.sentences:
        return
    queries = []
    for (place, feature), known in items:
        colour = known[1]
        queries.append(f"The {feature} of the {place.split(' - ')[-1].lower()} is {colour}.")
    qv = ctx.collection.embed(queries)
    scores, ids = ctx.mention_index.search(qv, ALIGN_TOP_K)
    for ((place, feature), known), row_s, row_i in zip(items, scores, ids):
        for score, i in zip(row_s, row_i):
            if i < 0 or score < ALIGN_MIN:
                continue
            s = ctx.sentences[i]
            if s.kind != "action" or s.line in reported or not _at(ctx, s.scene, place) or _dated_past(ctx, s.scene):
                continue
            if known[0] == "script" and known[2].scene == s.scene:
                continue
            colour = _colour_near(s.text, feature)
            if colour is None or colour == known[1]:
                continue
            if _repainted(ctx, place, known[2].scene if known[0] == "script" else 0, s.scene, colour, known[1]):
                continue
            reported.add(s.line)
            if known[0] == "bible":
                _, _, path, raw, _ = known
                why, ev, sev = f"the bible has {raw!r}", Evidence(str(raw), bible=path), "error"
            else:
                first = known[2]
                why = f"{'they were' if _plural(feature) else 'it was'} {known[1]} in scene {ctx.scene_number(first.scene)}"
                ev, sev = Evidence(first.text, line=first.line, scene=first.scene), "warning"
            yield _finding(s, place, feature, colour, why, ev, sev, (("similarity", round(float(score), 3)),))


_CAPS_RE = re.compile(r"\b[A-Z]{3,}\b")


def _repainted(ctx: Context, place: str, since: int, scene: int, colour: str, old: str | None = None) -> bool:
    """Whether the set was painted ``colour`` on screen (or by the bible's dates) after ``since`` and by ``scene``.

    The same set by name, or a repaint from the very colour it had (the mess hut's blue door, painted green,
    is the green door the yard scene sees).
    """
    group = colour_group(colour) or colour.lower()
    was = colour_group(old) if old else None
    for r in Places.of(ctx).repaints:
        same = r.place == place or place.startswith(f"{r.place} - ") or r.place.startswith(f"{place} - ") or (
            was is not None and r.old == was)
        if same and since <= r.scene <= scene and r.colour == group:
            return True
    return False


#: Painting done on screen: a verb of painting, a brush or roller, a stroke or a coat.
_PAINTING_RE = re.compile(r"\b(?:paints|repaints|painting|repainting|rollers?|brush(?:es)?|strokes?|coats?\s+of)\b",
                          re.IGNORECASE)


def _dated_past(ctx: Context, scene: int) -> bool:
    """A flashback whose heading states its year ("INT. OPTICIANS - DAY (FLASHBACK - JUNE 1985)")."""
    sc = ctx.scene(scene)
    return ctx.is_flashback(scene) and sc is not None and sc.heading.year is not None


def _repaint_before(ctx: Context, place: str, feature: str, scene: int):
    """The last repaint of ``place`` (of this feature, or of the set as a whole) in a scene before ``scene``."""
    found = None
    for r in Places.of(ctx).repaints:
        same = r.place == place or place.startswith(f"{r.place} - ") or r.place.startswith(f"{place} - ")
        whole = r.what == "set" and feature in ("door", "doors", "wall", "walls", "shutters", "fence", "front")
        seen = r.sentence is None or _PAINTING_RE.search(r.sentence.text)  # (not "whitewashed", "white-painted")
        if same and seen and (r.what in (feature, feature.rstrip("s")) or whole) and 0 < r.scene < scene:
            found = r
    return found


def _named_before(ctx: Context, text: str, feature: str) -> list[str]:
    """The one bible place whose name stands in the words right before ``feature`` ("the black boiling house, the
    red door"), else nothing."""
    low = text.lower()
    at = low.find(feature.rstrip("s"))
    if at < 0:
        return []
    before = low[max(0, at - 60):at]
    hits = [loc.name for loc in ctx.bible.locations
            if len(loc.name.split()) >= 2 and re.search(r"\b" + re.escape(loc.name.lower()) + r"\b[^.;]*$", before)]
    return hits if len(hits) == 1 else []


#: A colour the bible gives for a while: "door white until painted red in scene 10".
_UNTIL_RE = re.compile(r"[\s,]*(?:\w+\s+)?(?:until|till|before|up to)\b", re.IGNORECASE)


def _entries(value) -> bool:
    """A list of several things each named before a colon ("No. 1 MARIT: forest green ...", "No. 7 NORTHERN LIGHTS:
    purple"): what it says is each entry's, not the whole set's."""
    return isinstance(value, list) and len(value) >= 2 and sum(
        bool(re.match(r"\s*[^:]{2,40}:\s", str(v))) for v in value) >= 2


def _colour_near(text: str, feature: str) -> str | None:
    """The colour named within the clause that mentions ``feature``, if exactly one."""
    low = text.lower()
    pos = low.find(feature.rstrip("s"))
    if pos < 0:
        return None
    lo = max(low.rfind(sep, 0, pos) for sep in (";", ".", " and ", " but ")) + 1
    his = [low.find(sep, pos) for sep in (";", ".", " but ")]
    hi = min([h for h in his if h >= 0] or [len(low)])
    clause = text[lo:hi]
    # (not a colour worn: "The camel-hair overcoat hangs on the back of the door")
    colours = {COLOUR_GROUP.get(m.group(1).lower()) for m in _COLOUR_WORD_RE.finditer(clause)
               if not garment_kind(" ".join(clause[m.end():].split()[:2]).replace("-hair", ""))
               and not re.match(r"-?hair(?:ed)?\b", clause[m.end():])}
    colours.discard(None)
    return colours.pop() if len(colours) == 1 else None


_FEATURE_WORD_RE = re.compile(
    r"\b(?:" + "|".join(sorted(map(re.escape, set(FEATURES)), key=len, reverse=True)) + r")\b", re.IGNORECASE)
_PREDICATE_DEPS = ("acomp", "oprd", "attr", "xcomp", "advmod", "dobj", "npadvmod", "ccomp")


def _colour(word: str) -> str | None:
    return colour_group(word)


_EXISTENTIAL_RE = re.compile(r"(?:there (?:is|are|'s|stands|stand|sits|sit)|here (?:is|are))\b", re.IGNORECASE)
_FEATURE_SET = frozenset(FEATURES)


def _feature_name(parse, t) -> str | None:
    """The set feature token ``t`` heads, with its compound if that makes one (*window boxes*)."""
    compounds = [c.lower for c in parse.children(t.i, "compound") if c.i == t.i - 1]
    for name in ([f"{compounds[0]} {t.lower}"] if compounds else []) + [t.lower]:
        if name in _FEATURE_SET:
            return name
    return None


def _parsed_pairs(ctx: Context, sentences: list) -> dict[int, list[tuple[str, str, str, bool]]]:
    """(feature, colour as written, the writer's phrase) stated in any phrasing, from parses.

    "The shutters here are painted red.", "paints the door a deep green", "the
    walls, once white": the colour is a modifier of the feature word, or the
    predicate of the clause whose subject (or object, for *paint*) it is.
    """
    out: dict[int, list[tuple[str, str, str, bool]]] = {}
    parses = dict(zip((s.id for s in sentences), ctx.parse_many(sentences)))
    for s in sentences:
        parse = parses[s.id]
        pairs = []
        for t in parse.tokens:
            if t.lower in ("it", "they") and t.dep == "nsubj" and s.id - 1 in parses:
                # "Will notices the armchair. It is bright scarlet."
                before = [x for x in parses[s.id - 1].tokens if x.pos == "NOUN" and _FEATURE_WORD_RE.fullmatch(x.text)]
                colours = [c for c in parse.children(t.head, "acomp", "attr", "oprd") if _colour(c.text)] + [
                    k for c in parse.children(t.head, "acomp", "attr") for k in parse.children(c.i, "amod", "compound")
                    if _colour(k.text)]
                if len(before) == 1 and colours and ctx.sentences[s.id - 1].element == s.element:
                    pairs.append((_feature(before[0].text), colours[0].text.lower(), s.text, True))
                continue
        pairs += _feature_colours(parse, s.text)
        if pairs:
            out[s.id] = pairs
    return out


#: Surfaces that carry a pattern: "wallpaper of pink peonies" is pink wallpaper.
_PATTERNED = frozenset({"wallpaper", "curtains", "tiles", "rug", "carpet", "quilt", "bedspread", "tablecloth", "mural",
                        "duvet", "blinds", "cushions", "pillows"})


def _feature_colours(parse, text: str) -> list[tuple[str, str, str, bool]]:
    """(feature, colour as written, the writer's phrase, definite) for each set feature given a colour in ``parse``."""
    pairs = []
    for t in parse.tokens:
        name = _feature_name(parse, t)
        if t.pos not in ("NOUN", "PROPN") or name is None:
            continue
        if t.dep == "compound" and parse.head(t.i).i > t.i and parse.head(t.i).pos in ("NOUN", "PROPN") and \
                not _FEATURE_WORD_RE.fullmatch(parse.head(t.i).text):
            continue  # "the beige wall telephone": the telephone's colour
        feature = _feature(name)
        # "a red door" may be another door: it may start the canon, never contradict it,
        # unless the sentence presents the place ("There is a red door behind her").
        definite = not any(c.dep == "det" and c.lower in ("a", "an", "another", "some") for c in parse.children(t.i)) \
            or bool(_EXISTENTIAL_RE.match(text))
        colours = [c for c in parse.children(t.i, "amod", "compound", "nmod") if _colour(c.text)]
        # "the green-striped wallpaper": the colour the parser hung under the hyphenated word
        colours += [k for c in parse.children(t.i, "amod", "compound") for k in parse.children(c.i, "advmod", "npadvmod",
                    "compound", "amod") if _colour(k.text) and k.i + 1 < len(parse.tokens)
                    and parse.tokens[k.i + 1].text == "-"]
        if not colours and feature in _PATTERNED:
            # "Wallpaper of pink peonies": a pattern's colour is the surface's
            colours += [k for p in parse.children(t.i, "prep") if p.lower == "of" for o in parse.children(p.i, "pobj")
                        for k in parse.children(o.i, "amod", "compound") if _colour(k.text)]
        # "Lace curtains, white and thin, hang at the window": adjectives set off after the noun
        colours += [c for c in parse.children(t.i, "conj") if c.pos == "ADJ" and _colour(c.text)]
        for a in parse.children(t.i, "appos"):  # "The radiator, a faded brown, looks older"
            colours += [a] if _colour(a.text) else [k for k in parse.children(a.i, "amod", "compound") if _colour(k.text)]
        if not colours and t.i + 2 < len(parse.tokens) and parse.tokens[t.i + 1].text == "(":
            # "The tiles (maroon, chipped) catch the light"
            for k in parse.tokens[t.i + 2:]:
                if k.text == ")":
                    break
                if _colour(k.text):
                    colours.append(k)
                    break
        v = parse.head(t.i) if t.dep in ("nsubj", "nsubjpass", "dobj") else None
        if not colours and v is not None and v.i != t.i:
            preds = parse.children(v.i, *_PREDICATE_DEPS)
            preds += [c for c in parse.children(v.i, "conj") if c.pos == "ADJ"]  # "whitewashed, white as bone"
            for c in preds:
                if c.i == t.i:
                    continue
                if _colour(c.text) and _only_where(parse, c):
                    # "mustard yellow, nicotine-brown where they meet the ceiling": the colour before the local one
                    colours.extend(k for k in parse.children(c.i, "amod") if _colour(k.text) and k.i < c.i)
                elif _colour(c.text):
                    colours.append(c)
                else:  # "painted a deep red": the colour modifies the predicate noun
                    colours.extend(k for k in parse.children(c.i, "amod", "compound") if _colour(k.text))
            if t.dep == "dobj" and v.lemma not in ("paint", "repaint", "colour", "color", "dye", "stain"):
                colours = []
        groups = {_colour(c.text) for c in colours}
        if len(groups) == 1:
            pairs.append((feature, colours[0].text.lower(),
                          text[min(t.start, colours[0].start):max(t.end, colours[0].end)], definite))
    return pairs


def _only_where(parse, c) -> bool:
    """A colour said of a part only: "nicotine-brown where they meet the ceiling", "grey in places"."""
    return any(r.dep == "relcl" and any(w.lower == "where" for w in parse.children(r.i, "advmod"))
               for r in parse.children(c.i))


def _part_colours(ctx: Context, canon: dict) -> None:
    """A part of a set the bible keeps under its own key ("sign: BLUE enamel, beside the door" under the lock):
    the colour its words open with is the set's canon for that feature."""
    names = {loc.name for loc in ctx.bible.locations}
    for loc in ctx.bible.locations:
        parent, _, part = loc.name.rpartition(" - ")
        if not parent or parent not in names or not _FEATURE_WORD_RE.fullmatch(part.lower()):
            continue
        text = (loc.description or "").strip()
        word = next((w for w in re.findall(r"[A-Za-z]+", text)[:3] if colour_group(w)), None)
        if word and not re.search(r"\b(?:re)?paint|until|till|from\s+sc", text, re.IGNORECASE):
            canon.setdefault((parent, _feature(part.lower())), ("bible", colour_group(word),
                                                                f"locations.{loc.name}.description", text, word))


def _explicit(ctx: Context, canon: dict) -> Iterator[Finding]:
    """Definite references ("the red door") and predicates ("the shutters are painted red")."""
    # "A cramped office with a green filing cabinet", "fixed_features: [YELLOW wall clock above the door]": the set
    # dressing the bible describes, in its description or in any field of prose
    texts = {loc.name: ". ".join(t.strip().rstrip(".") for t in [loc.description or "", *(
        str(v) for v in loc.attributes.values() if len(str(v).split()) > 3 and not _entries(v))] if t.strip())
        for loc in ctx.bible.locations}
    texts = {name: _CAPS_RE.sub(lambda m: m.group(0).lower() if m.group(0).lower() in COLOURS else m.group(0), t)
             for name, t in texts.items()}  # "YELLOW wall clock": a colour in capitals for emphasis
    described = [loc for loc in ctx.bible.locations if texts[loc.name]]
    for loc, parse in zip(described, ctx.parse_prose([texts[loc.name] for loc in described]) if described else []):
        for feature, written, phrase, _ in _feature_colours(parse, texts[loc.name]):
            if _UNTIL_RE.match(texts[loc.name], texts[loc.name].find(phrase) + len(phrase)) if phrase in \
                    texts[loc.name] else False:
                continue  # "door white until painted fire-engine red in scene 10": not its colour for good
            canon.setdefault((loc.name, feature), ("bible", colour_group(written), f"locations.{loc.name}.description",
                                                   phrase, written))
    for loc in ctx.bible.locations:
        for attr, value in loc.attributes.items():
            # "door: green"; "door: egg-yolk yellow with a brass 7": its one colour (a value telling a repaint,
            # "Peeling BLUE in sc. 2. Repainted bottle GREEN", ends on the colour it has now)
            said = [w for w in re.findall(r"[A-Za-z]+", str(value)) if colour_group(w)]
            words = str(value).split()
            word = said[0] if len({colour_group(w) for w in said}) == 1 else (words[-1] if words else None)
            head = re.split(r"\s+(?:with|and|under|over|except)\s+|[;,(]", str(value))[0]
            first = [w for w in re.findall(r"[A-Za-z]+", head) if colour_group(w)]
            if len({colour_group(w) for w in said}) > 1 and len({colour_group(w) for w in first}) == 1 and not re.search(
                    r"paint|until|till|from\s+sc|\bnow\b|\bthen\b", str(value), re.IGNORECASE):
                word = first[-1]  # "Duck-egg blue with white cornicing": the walls are the blue
            colour = colour_group(word) if word else None
            if colour:
                canon[(loc.name, _feature(attr))] = ("bible", colour, f"locations.{loc.name}.attributes.{attr}", value,
                                                     word)
    _part_colours(ctx, canon)
    candidates = [s for s in ctx.sentences if s.kind == "action" and s.scene > 0 and _FEATURE_WORD_RE.search(s.text)
                  and _COLOUR_WORD_RE.search(s.text)]
    # "Will notices the armchair. It is bright scarlet.": the pronoun's sentence and the one before it.
    ids = {s.id for s in candidates}
    for s in ctx.sentences:
        if (s.kind == "action" and s.scene > 0 and s.id > 0 and re.match(r"(?:It|They)\b", s.text)
                and _COLOUR_WORD_RE.search(s.text) and _FEATURE_WORD_RE.search(ctx.sentences[s.id - 1].text)):
            ids |= {s.id, s.id - 1}
    candidates = [ctx.sentences[i] for i in sorted(ids)]
    parsed = _parsed_pairs(ctx, candidates)
    for s in candidates:
        scene = ctx.scene(s.scene)
        found = [(_feature(m.group("f")), m.group("c"), True) for m in _FEATURE_RE.finditer(s.text)]
        found += [(f, c, d) for f, c, _, d in parsed.get(s.id, []) if f not in {x for x, _, _ in found}]
        for feature, written, definite in found:
            colour = colour_group(written) or written.lower()
            # ("Below, the black boiling house, the red door": the door of the place named just before it)
            named = _named_before(ctx, s.text, feature)
            for place in named or _places(ctx, scene):
                key = (place, feature)
                known = canon.get(key)
                # (a repaint of the scene's own place is the dressing check's)
                r = _repaint_before(ctx, place, feature, s.scene) if named else None
                if r is not None and definite and colours_conflict(r.colour, written) and not _repainted(
                        ctx, place, r.scene + 1, s.scene, written):
                    # the door painted green on screen, then "the red door" again
                    where = f"scene {ctx.scene_number(r.scene)}"
                    ev = Evidence(r.sentence.text, line=r.sentence.line, scene=r.scene) if r.sentence is not None \
                        else Evidence(r.text, bible=r.path)
                    yield _finding(s, place, feature, written.lower(),
                                   f"{'they were' if _plural(feature) else 'it was'} painted {r.colour} in {where}",
                                   ev, "error")
                    break

                if known is None:
                    if place == scene.heading.location:
                        canon[key] = ("script", colour, s, written.lower())
                    continue
                if not definite:
                    break
                if known[0] == "bible" and _dated_past(ctx, s.scene):
                    break  # (a flashback to a stated year shows the place as it was: "sugary pink in those days")
                if known[0] == "script" and _dated_past(ctx, known[2].scene) != _dated_past(ctx, s.scene):
                    break  # the present and a flashback to a stated year: two times of one place
                if known[0] == "bible":
                    _, bcolour, path, raw, word = known
                    if colours_conflict(word, written) and not _repainted(ctx, place, 1, s.scene, written, word):
                        yield _finding(s, place, feature, written.lower(), f"the bible has {raw!r}",
                                       Evidence(str(raw), bible=path), "error")
                    break
                _, first_colour, first, first_written = known
                if colours_conflict(first_written, written) and first.scene != s.scene and not _repainted(
                        ctx, place, first.scene, s.scene, written, first_written):
                    yield _finding(
                        s, place, feature, written.lower(),
                        f"{'they were' if _plural(feature) else 'it was'} {first_written} in scene {ctx.scene_number(first.scene)}",
                        Evidence(first.text, line=first.line, scene=first.scene), "warning",
                    )
                break


def _finding(
    s, place: str, feature: str, colour: str, why: str, evidence: Evidence, severity: str, extra: tuple = ()
) -> Finding:
    return Finding(
        category="location",
        severity=severity,
        scene=s.scene,
        line=s.line,
        message=f"the {feature} at {place} {'are' if _plural(feature) else 'is'} {colour} here, but {why}",
        text=s.text,
        subject=f"{place}.{feature}",
        evidence=(evidence,),
        extra=(("attribute", feature), ("value", colour), *extra),
    )
