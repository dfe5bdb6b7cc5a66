"""Who is in each scene: on screen (speaking or not), heard only, or only talked about.

The cast is every speaking cue plus the people the action introduces in capitals
without ever cueing them (``A MAILMAN in a rain poncho``, ``DELL (50s)``, ``BERNIE
(60s), security``). A character is **present** in a scene when they speak on screen
(a cue without V.O., O.S., ON PHONE...), or when the action names them other than
only through a possessive (``Henry's brown cardigan``) or a negation (``Nak is
nowhere to be seen``). A character is **heard** when they speak only off screen,
or, in a scene an ``INTERCUT WITH:`` cuts to, when they were on screen in the scene
it cuts from and this scene's action does not show them. A character is
**mentioned** when their name is said or written (dialogue, action, supers) and
they are neither present nor heard. Kinship words alone ("Mom", "your dad") are
not mentions: which character they mean is a judgement.

Also read here, because the story's time needs it: the ages the action states
(``Will (6)``, ``an eight-year-old Will``, ``EDWARD BLOOM, 40's``) and whether a
younger self appears (a ``YOUNG X`` cue or introduction).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

from continuity.screenplay.model import Kind, Scene, Script
from continuity.story.time_words import is_super, number

#: Cue extensions that put a voice off screen.
_OFF = re.compile(r"^(?:V\.?\s?O\.?|O\.?\s?S\.?|O\.?\s?C\.?|ON\s+(?:THE\s+)?(?:PHONE|RADIO|TV|SPEAKER|SPEAKERPHONE|INTERCOM|"
                  r"SCREEN|TAPE|VIDEO|MONITOR|P\.?A\.?)|PHONE|FILTERED|RADIO|TV|PRELAP|PRE-LAP|INTERCOM|OVER\s+PHONE|"
                  r"THROUGH\s+DOOR|VOICEMAIL|RECORDING|RECORDED|OFF)\b")
#: Cue words of voices that come through a set or a speaker: heard, unless the action shows them.
_BROADCAST = frozenset({"NEWSCASTER", "ANNOUNCER", "ANCHOR", "ANCHORMAN", "ANCHORWOMAN", "DJ", "RADIO", "TV", "INTERCOM",
                        "PAGE", "LOUDSPEAKER", "NARRATOR", "NEWSREADER", "BROADCASTER", "PA"})
_GROUP_WORDS = frozenset({"ALL", "BOTH", "EVERYONE", "EVERYBODY", "TOGETHER", "UNISON", "CROWD", "VARIOUS", "CHORUS",
                          "GROUP", "TOWNFOLK", "TOWNSPEOPLE", "OTHERS", "THEY"})
_TITLES = frozenset({"MR", "MRS", "MS", "MISS", "DR", "DOCTOR", "DEPUTY", "SHERIFF", "OFFICER", "DETECTIVE", "AGENT",
                     "CAPTAIN", "CAPT", "SGT", "SERGEANT", "LT", "LIEUTENANT", "PROFESSOR", "PROF", "FATHER", "SISTER",
                     "UNCLE", "AUNT", "AUNTIE", "NURSE", "COACH", "JUDGE", "REV", "REVEREND", "SIR", "LADY", "LORD",
                     "MADAME", "MADAM", "GRANDMA", "GRANDPA", "COLONEL", "GENERAL", "MAJOR", "PRINCE", "PRINCESS"})
_AGE_PREFIX = frozenset({"YOUNG", "YOUNGER", "OLD", "OLDER", "LITTLE", "ADULT", "TEEN", "TEENAGE", "BABY", "ELDERLY",
                         "GROWN-UP", "GROWN"})
#: Words that make a capitalised run a person even when no cue matches it.
_PERSON_NOUNS = frozenset("""MAN WOMAN BOY GIRL KID CHILD LADY GUY GENTLEMAN BABY TEENAGER TEEN STRANGER FIGURE
MAILMAN POSTMAN GUARD STEWARDESS STEWARD NURSE DOCTOR DIRECTOR JUDGE PRINCIPAL OFFICER COP DETECTIVE DRIVER CASHIER
ATTENDANT TELLER CLERK WAITER WAITRESS BARTENDER FARMER SCOUT PROFESSOR TEACHER STUDENT EMCEE HOST HOSTESS MAYOR
SHERIFF DEPUTY PRIEST PASTOR PREACHER SOLDIER SAILOR PILOT CAPTAIN LEADER BOSS MINION ASSISTANT SECRETARY
RECEPTIONIST JANITOR BUTLER MAID VALET CHAUFFEUR NEIGHBOR NEIGHBOUR LANDLORD LANDLADY COURIER MESSENGER SALESMAN
WITNESS VENTRILOQUIST TOTER SHEPHARD SHEPHERD SHARECROPPER BRAVE HUSBAND WIFE MOTHER FATHER SON DAUGHTER
GRANDMOTHER GRANDFATHER PARAMEDIC MEDIC SURGEON TECHNICIAN TECH ENGINEER MECHANIC AGENT REPORTER NEWSCASTER
ANNOUNCER PHOTOGRAPHER SNIPER KILLER HITMAN THUG HEAVY BOUNCER DEALER VENDOR PEDDLER BEGGAR TOURIST
CUSTOMER PATIENT PASSENGER CONDUCTOR PORTER USHER DANCER SINGER MUSICIAN ARTIST PAINTER COLOSSUS""".split())
_PLURAL_PEOPLE = frozenset("""MEN WOMEN BOYS GIRLS KIDS CHILDREN LADIES GUYS PEOPLE GUARDS NURSES DOCTORS SOLDIERS
OFFICERS COPS FARMERS SCOUTS STUDENTS TEACHERS WAITERS DANCERS SINGERS MUSICIANS CROWD CROWDS CUSTOMERS PATIENTS
PASSENGERS TOURISTS EMPLOYEES WORKERS CARNIES FIREBREATHERS REPORTERS PHOTOGRAPHERS BROTHERS SISTERS NEIGHBORS
NEIGHBOURS CITIZENS TOWNSPEOPLE VILLAGERS SAILORS PILOTS AGENTS THUGS HEAVIES MINIONS EXTRAS FANS
BIDDERS CONGREGATION""".split())
#: Capitalised words that are never people: camera, sound and transition words.
_NOT_PEOPLE = frozenset("""ANGLE ON CLOSE CLOSEUP WIDE SHOT POV INSERT CUT FADE DISSOLVE SUPER TITLE CARD INTERCUT
BACK TO CONTINUOUS LATER SAME MOMENTS V.O. O.S. O.C. CONT'D MORE THE A AN AND OF IN AT WITH FROM INTO ONTO OVER
UNDER FREEZE FRAME SLOW MOTION PAN TILT ZOOM DOLLY CRANE TRACKING HANDHELD AERIAL ESTABLISHING MONTAGE SERIES SHOTS
END BEGIN FLASHBACK FLASH FORWARD DREAM SOUND MUSIC SFX VFX NOTE REVERSE RESUME BANG BOOM CRASH THUD SLAM KNOCK
RING RINGS RINGING POP POPS SNAP CRACK WHAM THWACK SPLASH SCREAM SCREAMS YELL HONK BEEP BUZZ CLICK CLANG
INT EXT DAY NIGHT MORNING EVENING NOTHING EVERYTHING OK OKAY NO YES STOP NOW WE US I YOU HE SHE IT
MONDAY TUESDAY WEDNESDAY THURSDAY FRIDAY SATURDAY SUNDAY JANUARY FEBRUARY MARCH APRIL MAY JUNE JULY AUGUST SEPTEMBER
OCTOBER NOVEMBER DECEMBER""".split())
_WRITTEN_BEFORE = re.compile(r"\b(?:says|reads|reading|read|labell?ed|marked|named|addressed to|signed|spells?)\s*:?\s*[\"'“]?$",
                             re.IGNORECASE)
_NEGATED_AFTER = re.compile(r"^(?:'s|s')?\s+(?:is|was|are|were)\s+(?:nowhere|not here|not there|gone|absent|missing)\b|"
                            r"^(?:'s|s')?\s+(?:isn't|wasn't)\s+(?:here|there|around)\b", re.IGNORECASE)
_NEGATED_BEFORE = re.compile(r"\b(?:no sign of|without|instead of|no|not)\s+$", re.IGNORECASE)
#: A name someone is compared with ("younger than Billups", "built like Karl") is talked of, not shown.
_COMPARED_BEFORE = re.compile(r"\b(?:than|like)\s+$", re.IGNORECASE)
#: "Nancy calls in from the bathroom", "Ma shouts up from the kitchen": a voice from another room.
_CALLS_FROM = re.compile(r"^\s+(?:calls|shouts|yells|hollers|cries|sings|answers)(?:\s+(?:in|out|up|down|over|back))?"
                         r"\s+from\s+(?:the|a|an|her|his|their|next|another)\b", re.IGNORECASE)
#: "Will's made it", "Will's been here": the 's of has or is, not of a possessive.
_CONTRACTED_AFTER = re.compile(r"^\s+(?:been|got|gotten|made|done|gone|had|taken|finished|managed|found|left|already|just|"
                               r"still|never|always|not|about to|going to|trying)\b", re.IGNORECASE)
#: "Will's rental car drives past": a person's vehicle on the move has them at the wheel.
_VEHICLE_MOVES = re.compile(r"^\s+(?:[\w-]+\s+){0,2}(?:car|truck|van|pickup|jeep|bike|motorcycle|motorbike|scooter|"
                            r"boat|canoe|wagon|cab|taxi|limo|sedan|convertible)\s+(?:drives|pulls|speeds|races|roars|"
                            r"rolls|turns|swerves|screeches|stops|parks|approaches|comes|heads|rattles|bumps|winds|crawls)\b",
                            re.IGNORECASE)
_BODY = r"(?:(?:left|right)\s+)?(?:hand|hands|face|eyes?|arm|arms|shoulder|head|palm|feet|foot|fingers?|lips?|mouth|back|knee|neck|cheek|wrist)"
_MODAL_WILL = re.compile(r"^\s+(?:you|he|she|we|they|it|i|that|this|there|anyone|someone|somebody|everyone|ever|not|be)\b",
                         re.IGNORECASE)
_MONTH_NAMES = frozenset({"JANUARY", "FEBRUARY", "MARCH", "APRIL", "MAY", "JUNE", "JULY", "AUGUST", "SEPTEMBER",
                          "OCTOBER", "NOVEMBER", "DECEMBER"})
_MONTH_BEFORE = re.compile(r"\b(?:in|of|since|until|till|by|last|next|this|early|late|mid|every|through|during)\s+$",
                           re.IGNORECASE)
_CAPS_RUN_RE = re.compile(r"(?<![\w'])((?:(?:MR|MRS|MS|DR|ST|JR|SR)\.\s*|[A-Z][A-Z'\-]*[A-Z](?:\.)?\s*|[A-Z]\.\s*|"
                          r"[\"\u201c][A-Z][A-Z'\-]*[A-Z][\"\u201d]\s*)+)(?![a-z])")  # (TEODOR "TEO" LACH)
_AGE_AFTER = re.compile(r"^\s*(?:\((?P<p>\d{1,2})(?P<ps>0?'?s)?\)|,\s*AGE\s+(?P<a>\d{1,3})\b|,\s*(?P<c>\d{1,2}0?)(?P<cs>'?s)?(?:-ish)?\b"
                        r"(?![:.]\d))", re.IGNORECASE)
_AGE_BEFORE = re.compile(r"\b(?P<w>\d{1,2}|[a-z]+(?:-[a-z]+)?)[\s-]years?[\s-]old\s+$", re.IGNORECASE)


@dataclass(frozen=True)
class SceneCast:
    """Who is in one scene, names as the script cues them (or as the action introduces them).

    Attributes:
        index: the scene's 1-based index.
        present: on screen, speaking or not, in order of appearance.
        speaking: those of ``present`` who speak on screen.
        heard: heard only (V.O., O.S., on a phone), not seen.
        mentioned: named, but neither present nor heard.
        ages: ``(character, age, line)`` for each age the action states (``Will (6)``).
        young: a younger self is in the scene (a ``YOUNG X`` cue or introduction, X in the cast).
        young_selves: the characters seen here as their younger selves.
        background: the groups the action introduces in capitals (``SOLDIERS``, ``A CROWD``): extras, not cast.
    """

    index: int
    present: tuple[str, ...]
    speaking: tuple[str, ...]
    heard: tuple[str, ...]
    mentioned: tuple[str, ...]
    ages: tuple[tuple[str, int, int], ...] = ()
    young: bool = False
    young_selves: tuple[str, ...] = ()
    background: tuple[str, ...] = ()


@dataclass(frozen=True)
class Presence:
    """The cast of a script and who is in each scene (``scenes[i]`` is scene ``i + 1``)."""

    characters: tuple[str, ...]
    scenes: tuple[SceneCast, ...]
    forms: dict

    def of(self, index: int) -> SceneCast | None:
        """The scene with this 1-based index."""
        return self.scenes[index - 1] if 1 <= index <= len(self.scenes) else None


@lru_cache(maxsize=4096)
def _word_tuple(name: str) -> tuple[str, ...]:
    return tuple(w.strip(".,").upper() for w in name.split() if w.strip(".,"))


def _words(name: str) -> list[str]:
    return list(_word_tuple(name))


def _is_group(cue: str) -> bool:
    ws = _words(cue)
    return bool(set(ws) & _GROUP_WORDS) or (bool(ws) and ws[-1] in _PLURAL_PEOPLE) or " AND " in f" {cue} " or "/" in cue


def _title(form: str) -> str:
    """``MRS. PARK`` -> ``Mrs. Park``, ``O'BRIEN`` -> ``O'Brien``, ``MCHIBBON`` stays close enough."""
    def word(w: str) -> str:
        if "'" in w and len(w) > 2 and w[1] == "'":
            return w[:2] + w[2:3] + w[3:].lower()
        return "-".join(p[:1] + p[1:].lower() for p in w.split("-"))
    return " ".join(word(w) for w in form.split())


class _Names:
    """Finds the cast's names in text: capitals (introductions, cues) and Title case, never lower case."""

    def __init__(self, forms: dict[str, str]):
        self.forms = forms  # upper-case form -> character
        alts = sorted(forms, key=len, reverse=True)
        pats = []
        for f in alts:
            pats.append(re.escape(f))
            pats.append(re.escape(_title(f)).replace(r"\ ", r"\s+"))
        self.rx = re.compile(r"(?<![\w'])(" + "|".join(pats) + r")('s|'S|s'|’s)?(?![\w])") if pats else None

    def find(self, text: str):
        """``(character, start, end, possessive, form)`` for each name in ``text``."""
        if self.rx is None:
            return
        for m in self.rx.finditer(text):
            raw = m.group(1)
            form = " ".join(raw.split()).upper()
            who = self.forms.get(form)
            if who is None:
                continue
            if raw == "Will" and _MODAL_WILL.match(text[m.end():]):
                continue
            if form in _MONTH_NAMES and not raw.isupper() and not m.group(2) and (
                    _MONTH_BEFORE.search(text[: m.start()]) or re.match(r"^\s+\d", text[m.end():])):
                continue
            yield who, m.start(), m.end(), bool(m.group(2)), raw


def _off_screen(exts: tuple[str, ...]) -> bool:
    return any(_OFF.match(e.upper()) for e in exts)


def _intro_runs(text: str):
    """Capitalised runs in action text that may introduce a person: ``(start, end, words)``."""
    for m in _CAPS_RUN_RE.finditer(text):
        raw = m.group(1).rstrip()
        words = [w for w in re.split(r"\s+", raw) if w]
        if not words or not any(len(w.strip(".'")) >= 2 for w in words):
            continue
        yield m.start(1), m.start(1) + len(raw), [w.strip(",\"\u201c\u201d") for w in words]


def scene_bodies(script: Script) -> tuple[Scene, ...]:
    """The scenes with what follows a scene's closing transition moved to the next scene.

    ``MATCH CUT TO:`` then ``A SPINNING PINWHEEL held by a LITTLE BOY`` before the next
    heading: the shot after the cut is the next scene's first.
    """
    out: list[Scene] = []
    carry: tuple = ()
    scenes = script.scenes
    for k, scene in enumerate(scenes):
        els = (*carry, *scene.elements)
        carry = ()
        cut = max((i for i, el in enumerate(els) if el.kind is Kind.TRANSITION), default=None)
        if cut is not None and k + 1 < len(scenes):
            after = els[cut + 1 :]
            if any(el.kind in (Kind.ACTION, Kind.CHARACTER) for el in after):
                carry, els = after, els[: cut + 1]
        out.append(replace(scene, elements=els) if els != scene.elements else scene)
    return tuple(out)


def read_presence(script: Script) -> Presence:
    """Read who is present, heard and mentioned in every scene of ``script``."""
    script = replace(script, scenes=scene_bodies(script))
    speakers = [c for c in script.speakers if not _is_group(c)]
    cues = set(speakers)
    forms: dict[str, str] = {}
    for cue in speakers:
        forms.setdefault(cue, cue)
    text_all = _mid_sentence_names(
        "\n".join(el.text for _, el in script.elements() if el.kind in (Kind.ACTION, Kind.DIALOGUE)))
    # Non-speakers the action introduces in capitals, and full names introduced for cues; not the name of a place
    # the headings go to ("INT. MIDNIGHT SUN": the boat, whose name is painted on her side, "MIDNIGHT SUN.")
    places = {p.strip() for sc in script.scenes if sc.heading.setting for p in sc.heading.location.upper().split(" - ")}
    extra: dict[str, None] = {}
    for scene in script.scenes:
        for el in scene.elements:
            if el.kind is not Kind.ACTION or is_super(el):
                continue
            if not re.search(r"[a-z]", el.text):
                continue  # a line all in capitals is a slug or a sound, not an introduction
            for start, end, words in _intro_runs(el.text):
                found = _intro_name(words, el.text, end, cues, text_all)
                if found is None:
                    continue
                name, person = found
                if name in places and name not in cues:
                    continue
                cue = _cue_for(name, cues, scene.speakers)
                if cue is not None:
                    if name != cue and not set(_words(name)) & _AGE_PREFIX:
                        forms.setdefault(name, cue)
                    continue
                if not person:
                    continue
                if name not in forms:
                    forms[name] = name
                    extra[name] = None
    # People named only with a title in Title case ("Mr. Hoff is at the railing"), twice or more, one in the action.
    titled: dict[str, int] = {}
    in_action: set[str] = set()
    for scene_, el in script.elements():
        if el.kind not in (Kind.ACTION, Kind.DIALOGUE):
            continue
        for m in _TITLED_RE.finditer(el.text):
            key = f"{m.group(1).upper()}. {m.group(2).upper()}"
            titled[key] = titled.get(key, 0) + 1
            if el.kind is Kind.ACTION:
                in_action.add(key)
    known_words = {w for f in forms for w in _word_tuple(f)}
    for key, n in titled.items():
        if n >= 2 and key in in_action and key not in forms and key.split()[-1] not in known_words:
            forms[key] = key
            extra[key] = None
    characters = tuple(dict.fromkeys([*speakers, *extra]))
    # Short forms: a first name or a surname after a title, when only one character has it.
    short: dict[str, set[str]] = {}
    for form, who in list(forms.items()):
        ws = _words(form)
        if len(ws) < 2 or who in extra and not _names_like(ws):
            continue
        core = [w for w in ws if w not in _TITLES and w not in _AGE_PREFIX and w != "THE"]
        if not core or ws[-1] in _PERSON_NOUNS or core[-1] in _PERSON_NOUNS or ws[-1] == "VOICE" or any("'" in w for w in ws):
            continue
        cands = {core[0], core[-1]} if ws[0] not in _TITLES else {core[-1]}
        for c in cands:
            if len(c) >= 3 and c not in _PERSON_NOUNS:
                short.setdefault(c, set()).add(who)
    for form, whos in short.items():
        if len(whos) == 1 and form not in forms:
            forms[form] = next(iter(whos))
    names = _Names(forms)
    scenes = []
    prev: SceneCast | None = None
    prev_scene: Scene | None = None
    for scene in script.scenes:
        cast = _scene_cast(scene, names, cues, prev, prev_scene)
        scenes.append(cast)
        prev, prev_scene = cast, scene
    return Presence(characters, tuple(scenes), forms)


def _names_like(words: list[str]) -> bool:
    return not (set(words) & _PERSON_NOUNS)


_TITLED_RE = re.compile(r"\b(Mr|Mrs|Ms|Dr)\.\s+([A-Z][a-z][\w'-]+)\b")
_MID_NAME_RE = re.compile(r"(?<=[a-z,;] )(?<!\b[Tt]he )(?<!\b[Aa] )(?<!\b[Aa]n )(?<!\bhis )(?<!\bher )(?<!\btheir )(?<!'s )"
                          r"([A-Z][a-z][\w']*)\b(?!-)")


def _mid_sentence_names(text: str) -> frozenset[str]:
    """Words in Title case in the middle of a sentence, not after an article or a possessive: names."""
    return frozenset(m.group(1) for m in _MID_NAME_RE.finditer(text))


def _intro_name(words: list[str], text: str, end: int, cues: set[str], text_all: frozenset[str]) -> tuple[str, bool] | None:
    """The name a capitalised run may introduce, and whether it reads as a person on its own, or None.

    ``("MARA VOSS", True)``: a cue inside it or a description after it; the caller maps
    it to a cue when it names one. Camera and sound words before a name are dropped
    (``ANGLE ON MARA`` is ``MARA``).
    """
    ws = [w.strip(".,'") for w in words]
    ws = [w for w in ws if w]
    while ws and ws[0] in _NOT_PEOPLE and ws[0] not in cues:
        ws = ws[1:]
    if not ws:
        return None
    name = " ".join(words[len(words) - len(ws):]).strip(" ,")
    name = name.rstrip(".,") if not re.search(r"\b(?:MR|MRS|MS|DR|ST|JR|SR)\.$", name) else name
    up = name.upper()
    if up in cues:
        return up, True
    if ws[-1] in _PLURAL_PEOPLE or set(ws) & _GROUP_WORDS:
        return None
    if any(w in _NOT_PEOPLE and w not in cues for w in ws) or any(w.endswith(("'S", "S'")) for w in ws):
        return up, False
    after = text[end:]
    if re.match(r"^\s*\(\s*\d", after) or ws[-1] in _PERSON_NOUNS:
        return up, True
    # A proper name: each word comes back in Title case mid-sentence, not as a thing ("DELL ... Dell watches").
    if len(ws) <= 3 and all(len(w) >= 3 for w in ws) and all(_title(w) in text_all for w in ws):
        return up, True
    return up, False


def _cue_for(full: str, cues: set[str], here: tuple[str, ...]) -> str | None:
    """The cue a capitalised name stands for: itself, a cue spoken here, or the one cue inside it."""
    up = full.upper()
    if up in cues:
        return up
    ws = _words(up)
    core = [w for w in ws if w not in _AGE_PREFIX]
    mine = set(ws)
    cues = {c for c in cues if mine & set(_word_tuple(c))}  # only cues that share a word can be inside it
    found = [cue for cue in cues if _contains(ws, _words(cue))]
    if not found:  # "a PRETTY GIRL" for the GIRL who speaks in this scene
        found = [cue for cue in here if cue in cues and len(_words(cue)) == 1 and ws[-1:] == _words(cue)]
    if not found:
        # "YOUNG EDWARD" introduces the EDWARD who speaks; an adult "MAREN" is not "YOUNG MAREN"
        found = [cue for cue in cues if any(w in _AGE_PREFIX for w in ws) and not any(w in _AGE_PREFIX for w in _words(cue))
                 and _contains(core, _words(cue))]
    if not found:
        return None
    spoken = [c for c in found if c in here]
    pick = spoken or found
    pick = sorted(pick, key=lambda c: (-len(c), c))
    if len(pick) == 1 or len(pick[0]) > len(pick[1]):
        return pick[0]
    return None


def _contains(words: list[str], part: list[str]) -> bool:
    n = len(part)
    if n == 0 or any(w in _TITLES for w in part) and len(part) == 1:
        return False
    if len(part) == 1 and part[0] in _PERSON_NOUNS | _AGE_PREFIX:
        return False
    if any(words[i : i + n] == part for i in range(len(words) - n + 1)):
        return True
    if n < 2:
        return False
    it = iter(words)  # "DR. JULIUS BENNETT" holds "DR. BENNETT": the same words in order
    return all(w in it for w in part) and words[0] == part[0] and words[-1] == part[-1]


def _scene_cast(scene: Scene, names: _Names, cues: set[str], prev: SceneCast | None,
                prev_scene: Scene | None) -> SceneCast:
    on: dict[str, None] = {}
    if scene.heading.setting is None:  # a forced heading that names someone shows them: "SCOTT", "BACK ON NAK"
        for who, _, _, poss, _ in names.find(scene.heading.location):
            if not poss:
                on.setdefault(who, None)
    off: dict[str, None] = {}
    speaking: dict[str, None] = {}
    said: dict[str, None] = {}
    ages: list[tuple[str, int, int]] = []
    young = False
    selves: dict[str, None] = {}
    group: dict[str, None] = {}
    called: dict[str, None] = {}  # who calls from another room
    acted: dict[str, None] = {}  # who the action shows
    for el in scene.elements:
        if el.kind is Kind.CHARACTER and el.character:
            who = el.character
            if _is_group(who):
                continue
            if _younger_self(who, names.forms):
                young = True
                selves.setdefault(who, None)
            if _off_screen(el.extensions) or _words(who)[-1:] == ["VOICE"] or set(_words(who)) & _BROADCAST:
                off.setdefault(who, None)
            else:
                on.setdefault(who, None)
                speaking.setdefault(who, None)
        elif el.kind is Kind.ACTION:
            for who, start, end, poss, raw in names.find(el.text):
                if _words(who)[-1:] == ["VOICE"]:
                    continue  # "Edward's VOICE begins": a voice is never seen
                if raw.isupper() and _younger_self(raw, names.forms):
                    young = True
                    selves.setdefault(who, None)
                after, before = el.text[end:], el.text[:start]
                if _NEGATED_AFTER.match(after) or _NEGATED_BEFORE.search(before[-20:]) or _WRITTEN_BEFORE.search(before[-30:]) \
                        or _COMPARED_BEFORE.search(before[-8:]) or is_super(el) or (not raw.isupper() and _written_block(el.text)):
                    said.setdefault(who, None)
                    continue
                if _CALLS_FROM.match(after):
                    called.setdefault(who, None)  # "Nancy calls in from the bathroom": heard from out of shot
                    continue
                if not re.match(r"^\s+(?:screams|shrieks|yells|shouts|calls|cries|sobs|gasps|laughs)\b", after):
                    acted.setdefault(who, None)  # (a scream from the bathroom shows no one)
                if poss and not re.match(rf"^\s*{_BODY}\b", after, re.IGNORECASE) and not (
                        el.text[end - 2:end] in ("'s", "’s") and (_CONTRACTED_AFTER.match(after) or _VEHICLE_MOVES.match(after))):
                    said.setdefault(who, None)
                    continue
                on.setdefault(who, None)
                age = _age_near(el.text, start, end)
                if age is not None:
                    ages.append((who, age, el.line))
            if re.search(r"[a-z]", el.text):
                for _, _, words in _intro_runs(el.text):
                    ws = [w.strip(".,'") for w in words]
                    if ws and (ws[-1] in _PLURAL_PEOPLE or ws[-1] in {"CROWD", "CHORUS", "CONGREGATION"}):
                        group.setdefault(" ".join(w for w in ws if w not in _NOT_PEOPLE or w == ws[-1]), None)
            for m in re.finditer(r"\bYOUNG(?:ER)?\s+[A-Z][A-Z.' -]+[A-Z]", el.text):
                if _younger_self(m.group(0), names.forms):
                    young = True
                    rest = m.group(0).split(None, 1)[1]
                    who = names.forms.get(rest) or next((names.forms[f] for f in names.forms if rest.startswith(f + " ")), None)
                    if who and not who.startswith(("YOUNG ", "YOUNGER ")):
                        selves.setdefault(who, None)
        elif el.kind in (Kind.DIALOGUE, Kind.CENTERED, Kind.LYRIC):
            for who, *_ in names.find(el.text):
                said.setdefault(who, None)
    # "The guard bursts out": a role the previous scene showed (SECURITY GUARD), named by its head noun.
    if prev is not None:
        for who in prev.present:
            if who not in on and who not in off and _by_role(who, scene, cues):
                on.setdefault(who, None)
                said.pop(who, None)
    # Whoever only calls from another room and speaks from there is heard, not seen.
    for who in called:
        if who not in acted:
            on.pop(who, None)
            speaking.pop(who, None)
            off.setdefault(who, None)
    # An INTERCUT cuts between two places: who was on screen there is heard here, unless shown.
    if prev is not None and prev_scene is not None and _intercut_tail(prev_scene):
        shown = _named_in_action(scene, names)
        for who in list(on):
            if (who in prev.present or who in prev.heard) and who not in shown:
                del on[who]
                speaking.pop(who, None)
                off.setdefault(who, None)
    # One person is not both X and YOUNG X in a scene: the one the scene cues wins.
    for who in list(on):
        ws = who.split()
        if len(ws) > 1 and ws[0] in _YOUNG_WORDS:
            base = " ".join(ws[1:])
            if base in on and who not in speaking and base in speaking:
                del on[who]
            elif base in on and base not in speaking:
                del on[base]
    heard = tuple(w for w in off if w not in on)
    mentioned = tuple(w for w in said if w not in on and w not in off)
    return SceneCast(scene.index, tuple(on), tuple(w for w in speaking if w in on), heard, mentioned, tuple(ages), young,
                     tuple(selves), tuple(group))


def _written_block(text: str) -> bool:
    """Whether an action element reads as written words shown (a card's sign-off and address), not action.

    Two or more short lines, none ending as a sentence does: "Jacob Billups / Palace Hotel, RM 412 /
    1:00 pm tomorrow".
    """
    lines = [ln.strip() for ln in text.split("\n") if ln.strip()]
    return len(lines) >= 2 and all(len(ln.split()) <= 10 and not ln.endswith((".", "!", "?", "...")) for ln in lines)


#: Head nouns too common to stand for one character ("the man" is anyone).
_ANYONE = frozenset("MAN WOMAN BOY GIRL KID CHILD LADY GUY GENTLEMAN BABY TEENAGER TEEN STRANGER FIGURE VOICE".split())


def _by_role(who: str, scene: Scene, cues: set[str]) -> bool:
    """Whether the scene's action calls ``who`` (``SECURITY GUARD``) by their role's head noun ("the guard").

    Only a head noun no other cue of the script shares, and never one as common as "man".
    """
    ws = _words(who)
    if len(ws) < 2 or ws[-1] not in _PERSON_NOUNS or ws[-1] in _ANYONE:
        return False
    if any(c != who and _words(c)[-1:] == ws[-1:] for c in cues):
        return False
    rx = re.compile(rf"\bthe\s+{ws[-1].lower()}\b(?!'s)", re.IGNORECASE)
    return any(el.kind is Kind.ACTION and not _NEGATED_AFTER.match(el.text[m.end():])
               and not _NEGATED_BEFORE.search(el.text[max(0, m.start() - 20):m.start()])
               for el in scene.elements for m in rx.finditer(el.text))


_YOUNG_WORDS = frozenset({"YOUNG", "YOUNGER", "LITTLE", "TEEN", "TEENAGE", "BABY", "CHILD"})


def _younger_self(name: str, forms: dict[str, str]) -> bool:
    """``YOUNG MARA`` when MARA is in the cast: a character at an earlier age."""
    ws = name.upper().split()
    if len(ws) < 2 or ws[0].strip(".") not in _YOUNG_WORDS:
        return False
    rest = " ".join(ws[1:])
    if ws[-1] in _PERSON_NOUNS:
        return False
    return rest in forms or any(" ".join(ws[1:k]) in forms for k in range(2, len(ws) + 1))


def _named_in_action(scene: Scene, names: _Names) -> set[str]:
    return {who for el in scene.elements if el.kind is Kind.ACTION for who, *_ in names.find(el.text)}


def _intercut_tail(scene: Scene) -> bool:
    for el in reversed(scene.elements):
        if el.kind in (Kind.TRANSITION, Kind.CENTERED, Kind.ACTION):
            return bool(re.match(r"^\s*INTERCUT\b", el.text.upper())) and el.kind is not Kind.ACTION or bool(
                re.fullmatch(r"\s*INTERCUT(?: WITH)?:?\s*", el.text.upper()))
        if el.kind in (Kind.DIALOGUE, Kind.CHARACTER, Kind.PARENTHETICAL):
            return False
    return False


def _age_near(text: str, start: int, end: int) -> int | None:
    """An age stated with a name: ``Will (6)``, ``WILL BLOOM, AGE 3``, ``Edward, 20-ish``, ``an eight-year-old Will``."""
    m = _AGE_AFTER.match(text[end : end + 24])
    if m:
        raw = m.group("p") or m.group("a") or m.group("c")
        try:
            return int(raw)
        except (TypeError, ValueError):
            return None
    b = _AGE_BEFORE.search(text[max(0, start - 30) : start])
    if b:
        return number(b.group("w"))
    return None


__all__ = ["SceneCast", "Presence", "read_presence"]
