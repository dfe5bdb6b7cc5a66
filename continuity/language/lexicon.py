"""Explicit vocabulary for the values continuity depends on.

Embeddings tell which established fact a sentence is about; these tables decide
whether two values conflict. Keeping the decision explicit (``red`` vs ``blonde``
hair) makes every finding explainable and keeps near-synonyms (``grey``/``gray``,
``auburn``/``red``) from being reported as changes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Hair colours grouped so that synonyms compare equal.
HAIR_COLOURS: dict[str, str] = {
    **dict.fromkeys(["red", "ginger", "auburn", "copper", "flame-red", "strawberry", "redheaded"], "red"),
    **dict.fromkeys(["blonde", "blond", "golden", "flaxen", "fair", "platinum", "sandy"], "blonde"),
    **dict.fromkeys(["brown", "brunette", "chestnut", "mousy", "mousey"], "brown"),
    **dict.fromkeys(["black", "jet-black", "raven", "ebony"], "black"),
    "dark": "dark",
    **dict.fromkeys(["grey", "gray", "silver", "white", "salt-and-pepper", "greying", "graying", "grizzled"], "grey"),
    "bald": "bald",
    **dict.fromkeys(["pink", "purple", "blue", "green"], None),  # dyed: keep literal
}
EYE_COLOURS: dict[str, str] = {
    **dict.fromkeys(["blue", "pale blue", "ice-blue", "sky-blue"], "blue"),
    **dict.fromkeys(["green", "emerald", "jade"], "green"),
    **dict.fromkeys(["brown", "dark brown", "chocolate"], "brown"),
    # hazel and amber eyes are told apart from brown ones on a continuity sheet
    **dict.fromkeys(["hazel", "amber"], "hazel"),
    **dict.fromkeys(["grey", "gray", "steel-grey", "steel-gray"], "grey"),
    "black": "black",
}
# Unambiguous build words only: "thin" (voice), "lean" (verb), "fat" (catfish)
# describe other things too often.
BUILDS: dict[str, str] = {
    **dict.fromkeys(["wiry", "slender", "skinny", "lanky", "gaunt", "willowy", "petite", "scrawny", "rail-thin",
                     "reed-thin", "stick-thin", "whip-thin", "rake-thin", "pencil-thin", "emaciated",
                     "svelte", "rangy", "waifish", "twig-thin"], "slim"),
    **dict.fromkeys(["stocky", "heavyset", "heavy-set", "portly", "stout", "overweight", "chubby", "plump", "rotund", "burly",
                     "barrel-chested", "hulking", "beefy", "pot-bellied", "thickset", "thick-set", "paunchy", "tubby",
                     "corpulent", "obese", "pudgy", "big-bellied", "heavy-built"], "heavy"),
    **dict.fromkeys(["muscular", "brawny", "strapping"], "muscular"),
}
COLOURS = [
    "red", "scarlet", "crimson", "maroon", "burgundy", "pink", "orange", "yellow", "mustard",
    "gold", "golden", "green", "olive", "khaki", "teal", "blue", "navy", "turquoise", "purple",
    "violet", "lavender", "brown", "tan", "beige", "camel", "black", "white", "cream", "ivory",
    "grey", "gray", "silver", "charcoal",
    # less common colour words, each mapped to its family below
    "emerald", "jade", "lime", "sage", "ruby", "cherry", "rust", "rusty", "copper", "bronze", "peach", "coral",
    "salmon", "magenta", "fuchsia", "lilac", "mauve", "plum", "indigo", "cobalt", "azure", "cyan", "aqua",
    "ochre", "amber", "taupe", "chocolate", "tawny", "ebony", "jet-black", "snow-white", "pearl", "sky-blue",
    "royal-blue", "bottle-green", "forest-green", "blood-red", "wine", "claret", "oxblood", "ox-blood", "lemon", "saffron", "mint",
    "whitewashed",
    # paint-chart names a set description uses ("magnolia walls", "a gunmetal filing cabinet")
    "magnolia", "ecru", "terracotta", "avocado", "duck-egg", "gunmetal", "cornflower", "cerulean", "sapphire",
    "vermilion", "carmine", "aubergine", "eau-de-nil", "celadon", "pistachio", "aquamarine",
]
COLOUR_GROUP: dict[str, str] = {
    **dict.fromkeys(["red", "scarlet", "crimson", "maroon", "burgundy"], "red"),
    **dict.fromkeys(["yellow", "mustard", "gold", "golden"], "yellow"),
    **dict.fromkeys(["green", "olive", "khaki"], "green"),
    **dict.fromkeys(["blue", "navy", "turquoise", "teal"], "blue"),
    **dict.fromkeys(["purple", "violet", "lavender"], "purple"),
    **dict.fromkeys(["brown", "tan", "beige", "camel"], "brown"),
    **dict.fromkeys(["white", "cream", "ivory"], "white"),
    **dict.fromkeys(["grey", "gray", "silver", "charcoal"], "grey"),
    "pink": "pink", "orange": "orange", "black": "black",
    **dict.fromkeys(["emerald", "jade", "lime", "sage", "bottle-green", "forest-green", "mint"], "green"),
    **dict.fromkeys(["ruby", "cherry", "blood-red", "wine", "claret", "oxblood", "ox-blood"], "red"),
    **dict.fromkeys(["rust", "rusty", "copper", "bronze", "ochre", "amber", "taupe", "chocolate", "tawny"], "brown"),
    **dict.fromkeys(["peach", "coral", "salmon"], "orange"),
    **dict.fromkeys(["magenta", "fuchsia"], "pink"),
    **dict.fromkeys(["lilac", "mauve", "plum", "indigo"], "purple"),
    **dict.fromkeys(["cobalt", "azure", "cyan", "aqua", "sky-blue", "royal-blue"], "blue"),
    **dict.fromkeys(["ebony", "jet-black"], "black"),
    **dict.fromkeys(["snow-white", "pearl", "whitewashed"], "white"),
    **dict.fromkeys(["lemon", "saffron"], "yellow"),
    **dict.fromkeys(["magnolia", "ecru"], "white"),
    "terracotta": "brown", "avocado": "green", "gunmetal": "grey", "aubergine": "purple",
    **dict.fromkeys(["duck-egg", "cornflower", "cerulean", "sapphire"], "blue"),
    **dict.fromkeys(["vermilion", "carmine"], "red"),
    **dict.fromkeys(["eau-de-nil", "celadon", "pistachio"], "green"),
    "aquamarine": "blue",
}
# Shades within a colour family that a reader tells apart (navy is not turquoise);
# the bare family word ("blue") agrees with every shade of its family.
SHADES: tuple[frozenset[str], ...] = tuple(frozenset(x.split()) for x in (
    "red scarlet crimson cherry ruby blood-red", "maroon burgundy wine claret",
    "blue azure cobalt sky-blue royal-blue", "navy", "turquoise teal aqua cyan",
    "green emerald jade forest-green bottle-green", "olive khaki sage", "lime mint", "eau-de-nil celadon pistachio",
    "yellow lemon gold golden saffron", "mustard",
    "brown chocolate tan camel beige taupe", "rust rusty copper bronze ochre amber tawny",
    "grey gray silver", "charcoal", "purple violet indigo plum", "lavender lilac mauve",
))


def colour_parts(word: str) -> list[str]:
    """The colour words that one (possibly hyphenated) word names.

    ``navy`` -> ``[navy]``; ``mustard-yellow`` -> ``[mustard, yellow]``; ``red-brick`` ->
    ``[red]``; ``rust-red`` -> ``[rust, red]``; ``brick`` -> ``[]``.
    """
    w = word.lower().strip()
    if w in COLOUR_GROUP:
        return [w]
    return [p for p in w.split("-") if p in COLOUR_GROUP]


def colour_group(word: str) -> str | None:
    """The colour family of a word, hyphenated compounds included (the last colour part names it)."""
    parts = colour_parts(word)
    return COLOUR_GROUP[parts[-1]] if parts else None


def colours_conflict(a: str, b: str) -> bool:
    """Whether two colour words (as written) describe visibly different colours.

    Different families always conflict; within a family, two named shades conflict
    (navy/turquoise, maroon/crimson) but the family's own word agrees with any of
    its shades (blue/navy). A compound agrees with either of its colours
    ("mustard-yellow" and "yellow", "blue-grey" and "grey").
    """
    pa, pb = colour_parts(a) or [a.lower()], colour_parts(b) or [b.lower()]
    return all(_shades_conflict(x, y) for x in pa for y in pb)


def _shades_conflict(a: str, b: str) -> bool:
    ga, gb = COLOUR_GROUP.get(a, a), COLOUR_GROUP.get(b, b)
    if ga != gb:
        return True
    if a == b or ga in (a, b):
        return False
    sa = next((i for i, x in enumerate(SHADES) if a in x), None)
    sb = next((i for i, x in enumerate(SHADES) if b in x), None)
    return sa is not None and sb is not None and sa != sb


def colour_word(words: str) -> str | None:
    """The first colour word in ``words`` ("faded navy" -> "navy")."""
    for w in re.findall(r"[a-z]+(?:-[a-z]+)?", words.lower()):
        if w in COLOUR_GROUP:
            return w
    return None


GARMENTS: dict[str, str] = {
    **dict.fromkeys(["coat", "overcoat", "raincoat", "oilskin", "oilskins", "parka", "trenchcoat", "trench coat", "trench", "greatcoat", "peacoat", "anorak",
                     "duster", "poncho", "serape", "cloak", "cape", "frock coat", "turnout coat", "slicker", "rain slicker",
                     "mackintosh", "duffel coat", "car coat"], "coat"),
    **dict.fromkeys(["helmet", "hard hat", "hardhat"], "helmet"),
    **dict.fromkeys(["jacket", "blazer", "windbreaker", "rain jacket", "bomber jacket", "leather jacket", "puffer",
                     "puffer jacket", "down jacket", "fleece", "gilet", "hardshell", "softshell", "shell jacket", "cagoule",
                     "kagoule", "windcheater", "donkey jacket", "denim jacket", "jean jacket"], "jacket"),
    **dict.fromkeys(["sweater", "jumper", "cardigan", "pullover", "hoodie", "sweatshirt", "turtleneck", "roll-neck",
                     "rollneck", "polo-neck", "polo neck"], "sweater"),
    **dict.fromkeys(["shirt", "blouse", "t-shirt", "tee", "polo", "henley", "singlet", "tank top", "camisole", "tunic"], "shirt"),
    **dict.fromkeys(["dress", "gown", "sundress", "nightgown", "nightdress", "frock", "chiffon", "bombazine", "taffeta", "organza", "tulle"], "dress"),
    **dict.fromkeys(["skirt"], "skirt"),
    **dict.fromkeys(["trousers", "pants", "jeans", "slacks", "shorts", "sweatpants", "joggers", "chinos",
                     "leggings", "cords", "corduroys"], "trousers"),
    **dict.fromkeys(["hat", "cap", "beanie", "fedora", "bonnet", "sou'wester", "beret", "trilby", "stetson", "bowler",
                     "baseball cap"], "hat"),
    **dict.fromkeys(["scarf", "shawl"], "scarf"),
    **dict.fromkeys(["boots", "shoes", "sneakers", "wellingtons", "wellies", "sandals", "heels", "trainers", "loafers", "brogues",
                     "high-tops", "clogs", "slippers", "plimsolls"], "shoes"),
    **dict.fromkeys(["gloves", "mittens"], "gloves"),
    **dict.fromkeys(["tie", "bow tie", "necktie"], "tie"),
    **dict.fromkeys(["suit", "tuxedo", "uniform", "overalls", "robe", "bathrobe", "pajamas", "pyjamas", "apron",
                     "coveralls", "boilersuit", "jumpsuit", "dungarees", "scrubs", "oversuit", "wetsuit", "drysuit",
                     "snowsuit", "flightsuit", "flight suit", "undersuit", "pantsuit", "trouser suit", "tracksuit",
                     "sweatsuit", "catsuit", "tux", "onesie"], "suit"),
    **dict.fromkeys(["vest", "waistcoat"], "vest"),
}

_WORD = r"[A-Za-z][A-Za-z'\-]*"
_HAIR_RE = re.compile(
    r"\b(?P<c>" + "|".join(sorted(map(re.escape, HAIR_COLOURS), key=len, reverse=True)) + r")"
    r"(?:[\s,]+(?:and\s+)?(?:long|short|curly|straight|wavy|thinning|tousled|cropped|wild|messy|shaggy|wet|tangled|windblown|wind-blown|braided|unruly|close-cropped|shoulder-length)\b)*"
    r"(?:[\s-]+(?P<n>hair(?:ed)?|locks|curls|mane|ponytail|braid|braids))\b",
    re.IGNORECASE,
)
_HAIR_POST_RE = re.compile(
    r"\b(?:hair|locks|curls),?\s+(?:(?:now|still|dyed|gone|bleached|turned)\s+){0,2}(?P<c>"
    + "|".join(sorted(map(re.escape, HAIR_COLOURS), key=len, reverse=True)) + r")\b(?!\s+(?:eyes|coat|jacket))",
    re.IGNORECASE,
)
_REDHEAD_RE = re.compile(r"\b(red[\s-]?head(?:ed)?|blonde?s?(?=,|\s+(?:woman|man|girl|boy)))\b", re.IGNORECASE)
_EYES_RE = re.compile(
    r"\b(?P<c>" + "|".join(sorted(map(re.escape, EYE_COLOURS), key=len, reverse=True)) + r")[\s-]+(?:eyes|eyed)\b",
    re.IGNORECASE,
)
_BUILD_RE = re.compile(r"\b(?P<b>" + "|".join(sorted(map(re.escape, BUILDS), key=len, reverse=True)) + r")\b", re.IGNORECASE)
_AGE_RES = (
    re.compile(r"\bAGE\s+(?P<a>\d{1,3})\b"),
    re.compile(r"\(\s*(?P<a>\d{1,2}0'?s|\d{1,3})\s*\)"),
    re.compile(r"(?<![\w$])(?P<a>(?:early|mid|late)[\s-]\d0'?s|\d0'?s)(?![\w])", re.IGNORECASE),
    re.compile(r"\b(?P<a>\d{1,2})[\s-]years?[\s-]old\b", re.IGNORECASE),
    re.compile(r"\bnow\s+(?P<a>\d{1,2})\b"),
)
_BEARD_RE = re.compile(
    r"\b(?P<c>grey|gray|white|black|red|ginger|brown|silver|blond|blonde)[\s-]+(?P<n>beard|bearded|moustache|mustache|stubble)\b",
    re.IGNORECASE,
)
_CLEAN_SHAVEN_RE = re.compile(r"\bclean[\s-]shaven\b", re.IGNORECASE)
# Ages in words: "seven-year-old", "eight-year old", "thirty-five year old".
NUMBER_WORDS: dict[str, int] = {
    w: i for i, w in enumerate("one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
                               "fifteen sixteen seventeen eighteen nineteen".split(), start=1)
} | {w: 10 * i for i, w in enumerate("twenty thirty forty fifty sixty seventy eighty ninety".split(), start=2)}
_UNITS = "one|two|three|four|five|six|seven|eight|nine"
_AGE_WORDS_RE = re.compile(
    r"\b(?P<a>(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[\s-](?:" + _UNITS + r"))?|"
    r"eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|ten|" + _UNITS + r")"
    r"[\s-]years?[\s-]old\b",
    re.IGNORECASE,
)
# "bald" alone is a head of hair; a bald spot, bald tyres or a bald lie are not.
_BALD_RE = re.compile(
    # (nor is a thing "rubbed bald" or "worn bald")
    r"(?<!rubbed )(?<!worn )(?<!scraped )(?<!scuffed )(?<!brushed )(?<!sanded )"
    r"\bbald(?:[\s-]headed)?\b(?![\s-]+(?:spots?|patch(?:es)?|tyres?|tires?|treads?|eagles?|lies?|truths?|statements?|"
    r"facts?|figures?|prairies?|cypress(?:es)?|carpets?|rugs?))",
    re.IGNORECASE,
)
# Hair styles: recorded, never compared (hair is worn up, down, braided within a day).
HAIRSTYLES: dict[str, str] = {
    **dict.fromkeys(["braids", "plaits", "braided hair", "plaited hair"], "braids"),
    "pigtails": "pigtails", "ponytail": "ponytail", "cornrows": "cornrows", "dreadlocks": "dreadlocks",
    "mohawk": "mohawk", **dict.fromkeys(["crew cut", "crew-cut", "buzz cut", "buzzcut", "buzz-cut"], "crew cut"),
}
_HAIRSTYLE_RE = re.compile(
    r"\b(?P<s>" + "|".join(sorted(map(re.escape, HAIRSTYLES), key=len, reverse=True)) + r")\b", re.IGNORECASE
)
_GLASSES_RE = re.compile(r"\b(glasses|spectacles|bespectacled|eyeglasses)\b", re.IGNORECASE)
_SCAR_RE = re.compile(r"\bscar(?:red)?\b(?:\s+(?:on|across|over|down)\s+(?:his|her|their|the)\s+(?P<where>(?:left |right )?[a-z]+))?", re.IGNORECASE)
_GARMENT_RE = re.compile(
    r"\b(?:(?P<c>" + "|".join(COLOURS) + r")(?:[\s-]+(?:and|&)[\s-]+(?:" + "|".join(COLOURS) + r"))?[\s,-]+)"
    # the colour nearest the garment is its colour: "black, white cap" is a white cap
    r"(?P<m>(?:(?!(?:and|or|with|in|on|of|the|a|an|his|her|their|its|to|at|by|for|is|are|was|"
    + "|".join(COLOURS) + r")\b)[a-z][a-z'\-]*[\s-]+){0,2})"
    r"(?P<g>" + "|".join(sorted(map(re.escape, GARMENTS), key=len, reverse=True)) + r")\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Value:
    """An attribute value found in text: the slot, its canonical value and the words."""

    attribute: str
    value: str
    words: str
    start: int


def appearance_in(text: str) -> list[Value]:
    """Find appearance values (hair, eyes, age, build, beard, glasses, scar, hairstyle) in text."""
    found: list[Value] = []
    for m in _HAIR_RE.finditer(text):
        word = m.group("c").lower()
        found.append(Value("hair", HAIR_COLOURS.get(word) or word, m.group(0), m.start()))
    for m in _HAIR_POST_RE.finditer(text):
        word = m.group("c").lower()
        found.append(Value("hair", HAIR_COLOURS.get(word) or word, m.group(0), m.start()))
    for m in _REDHEAD_RE.finditer(text):
        word = m.group(1).lower()
        found.append(Value("hair", "red" if word.startswith("red") else "blonde", m.group(0), m.start()))
    for m in _EYES_RE.finditer(text):
        word = m.group("c").lower()
        found.append(Value("eyes", EYE_COLOURS.get(word, word), m.group(0), m.start()))
    for m in _BEARD_RE.finditer(text):
        word = m.group("c").lower()
        found.append(Value("beard", HAIR_COLOURS.get(word) or word, m.group(0), m.start()))
    for m in _CLEAN_SHAVEN_RE.finditer(text):
        found.append(Value("beard", "none", m.group(0), m.start()))
    for m in _BUILD_RE.finditer(text):
        word = m.group("b").lower()
        found.append(Value("build", BUILDS[word], m.group(0), m.start()))
    for rx in _AGE_RES:
        for m in rx.finditer(text):
            found.append(Value("age", normalise_age(m.group("a")), m.group(0), m.start()))
    for m in _AGE_WORDS_RE.finditer(text):
        words = re.split(r"[\s-]+", m.group("a").lower())
        found.append(Value("age", str(sum(NUMBER_WORDS[w] for w in words)), m.group(0), m.start()))
    for m in _BALD_RE.finditer(text):
        found.append(Value("hair", "bald", m.group(0), m.start()))
    for m in _HAIRSTYLE_RE.finditer(text):
        found.append(Value("hairstyle", HAIRSTYLES[" ".join(m.group("s").lower().split())], m.group(0), m.start()))
    for m in _GLASSES_RE.finditer(text):
        found.append(Value("glasses", "yes", m.group(0), m.start()))
    for m in _SCAR_RE.finditer(text):
        found.append(Value("scar", (m.group("where") or "yes").lower(), m.group(0), m.start()))
    # One value per slot and position: the first pattern wins on overlaps.
    seen: set[tuple[str, int]] = set()
    out = []
    for v in sorted(found, key=lambda v: v.start):
        if any(v.attribute == a and abs(v.start - s) < 12 for a, s in seen):
            continue
        seen.add((v.attribute, v.start))
        out.append(v)
    return out


def attributes_in(text: str) -> dict[str, str]:
    """The first value of each appearance attribute in ``text`` (for bible extraction)."""
    out: dict[str, str] = {}
    for v in appearance_in(text):
        out.setdefault(v.attribute, v.value)
    return out


def normalise_age(raw: str) -> str:
    """``40's`` -> ``40s``, ``mid-30s`` -> ``30s``, ``AGE 3`` -> ``3``."""
    a = raw.lower().replace("'", "").replace(" ", "-")
    m = re.search(r"(\d+)", a)
    if not m:
        return a
    num = m.group(1)
    if a.endswith("s") and num.endswith("0"):
        return num + "s"
    return num


def age_range(value: str) -> tuple[int, int] | None:
    """Years spanned by a normalised age: ``30s`` -> (30, 39), ``17`` -> (17, 17)."""
    m = re.fullmatch(r"(\d+)(s?)", value)
    if not m:
        return None
    n = int(m.group(1))
    return (n, n + 9) if m.group(2) else (n, n)


def values_conflict(attribute: str, a: str, b: str) -> bool:
    """Whether two canonical values of one attribute contradict each other."""
    if a == b:
        return False
    if attribute == "age":
        ra, rb = age_range(a), age_range(b)
        if ra is None or rb is None:
            return False
        # Ages are fuzzy: 30s vs 35 agree; 30s vs 50s do not; allow a year of slack.
        return ra[1] + 1 < rb[0] or rb[1] + 1 < ra[0]
    if attribute in ("glasses", "scar", "hairstyle"):
        return False  # presence is not contradicted by absence in one line; styles change within a day
    if attribute in ("hair", "beard") and {a, b} & {"dark"}:
        return not ({a, b} - {"dark"}) <= {"brown", "black"}
    return True


@dataclass(frozen=True)
class Garment:
    """A garment mention: colour group, kind, and the words as written."""

    colour: str
    kind: str
    words: str
    start: int


#: "The blue of her suit is the only colour left": a garment's colour named as a noun.
_COLOUR_OF_RE = re.compile(
    r"\bthe\s+(?P<c>" + "|".join(COLOURS) + r")\s+of\s+(?:his|her|their|the)\s+(?:[a-z][a-z'\-]*\s+){0,2}?"
    r"(?P<g>" + "|".join(sorted(map(re.escape, GARMENTS), key=len, reverse=True)) + r")\b",
    re.IGNORECASE,
)


def garments_in(text: str) -> list[Garment]:
    """Find coloured garments (``a yellow rain jacket``, ``the blue of her suit``) in text."""
    out = []
    for m in _COLOUR_OF_RE.finditer(text):
        colour = m.group("c").lower()
        out.append(Garment(COLOUR_GROUP.get(colour, colour), GARMENTS.get(m.group("g").lower(), m.group("g").lower()),
                           m.group(0)[4:], m.start() + 4))
    for m in _GARMENT_RE.finditer(text):
        colour = m.group("c").lower()
        garment = m.group("g").lower()
        kind = GARMENTS.get(garment, garment)
        mods = (m.group("m") or "").lower().split()
        if mods and f"{mods[-1]} {garment}" in GARMENTS:  # "white hard hat" is a hard hat
            kind = GARMENTS[f"{mods[-1]} {garment}"]
        # "rain jacket" is caught as a modifier + jacket; the kind is what matters.
        start, words = m.start(), m.group(0)
        prefix = re.search(r"([a-z]+-)$", text[:start], re.IGNORECASE)
        if prefix:  # "an emerald-green dress": the whole colour, as written
            start, words = start - len(prefix.group(1)), prefix.group(1) + words
        out.append(Garment(COLOUR_GROUP.get(colour, colour), kind, words, start))
    return out


def garment_kind(item: str) -> str | None:
    """The garment kind named in a free-text item (``green oilskin coat`` -> ``coat``)."""
    low = item.lower()
    best = None
    for word, kind in GARMENTS.items():
        if re.search(rf"\b{re.escape(word)}\b", low):
            pos = low.rfind(word)
            if best is None or pos > best[0]:
                best = (pos, kind)
    return best[1] if best else None


def colour_of(item: str) -> str | None:
    """The colour group named in a free-text item, if any."""
    for word in re.findall(r"[a-z]+", item.lower()):
        if word in COLOUR_GROUP:
            return COLOUR_GROUP[word]
    return None

#: Woods told apart by name: a walnut box is not a mahogany one.
WOODS = frozenset("oak pine mahogany walnut teak birch maple cherry ebony rosewood elm beech cedar ash yew "
                  "hickory chestnut sycamore".split())


def wood_named(text: str) -> str | None:
    """The first wood ``text`` names ("walnut box, initials inlaid in pale maple": walnut)."""
    return next((w for w in re.findall(r"[a-z]+", text.lower()) if w in WOODS), None)


#: Material words by family: what a thing is made of ("oak" and "pine" are wood).
MATERIALS: dict[str, str] = {
    **dict.fromkeys(["leather", "suede", "leathern"], "leather"),
    **dict.fromkeys(["canvas", "cloth", "linen", "cotton", "wool", "woollen", "woolen", "felt", "velvet", "silk",
                     "denim", "hessian", "burlap", "tweed", "corduroy"], "fabric"),
    **dict.fromkeys(["steel", "tin", "iron", "brass", "aluminium", "aluminum", "chrome", "metal", "pewter", "zinc",
                     "stainless", "copper", "bronze", "silver", "gold", "golden", "gilt"], "metal"),
    **dict.fromkeys(["wood", "wooden", "oak", "pine", "mahogany", "walnut", "teak", "birch", "bamboo", "timber"], "wood"),
    **dict.fromkeys(["plastic", "vinyl", "nylon", "polystyrene", "acrylic"], "plastic"),
    **dict.fromkeys(["glass", "crystal"], "glass"),
    **dict.fromkeys(["paper", "cardboard", "paperback"], "paper"),
    **dict.fromkeys(["ceramic", "china", "porcelain", "earthenware", "clay", "stoneware"], "ceramic"),
    **dict.fromkeys(["stone", "marble", "granite", "slate"], "stone"),
    **dict.fromkeys(["ivory", "bone", "horn", "antler", "whalebone"], "bone"),
}


class WordGate:
    """Whether a text names any of ``words`` as a whole word: ``\\b(?:w1|w2|...)\\b``, ignoring case.

    The set of the text's words is asked first, and a pattern only for the few entries of more than one word
    ("trench coat", "clean-shaven"): a long alternation of words is slow to run over every sentence of a feature.
    """

    def __init__(self, words) -> None:
        words = list(words)
        self._single = frozenset(w.lower() for w in words if re.fullmatch(r"\w+", w))
        multi = sorted((re.escape(w) for w in words if not re.fullmatch(r"\w+", w)), key=len, reverse=True)
        self._multi = re.compile(r"\b(?:" + "|".join(multi) + r")\b", re.IGNORECASE) if multi else None

    def __call__(self, text: str) -> bool:
        return not self._single.isdisjoint(re.findall(r"\w+", text.lower())) or (
            self._multi is not None and self._multi.search(text) is not None)

