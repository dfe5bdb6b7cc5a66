"""Readings the development sets missed (sets C, J, M, N and O): things lost or given away and used again, and
states carried across a cut. Each is written as a script would, with the slip and without it."""

from __future__ import annotations

from checkutil import audit_text

from continuity.language.parse import Parser
from continuity.language.traits import read


def _messages(text: str, bible: str | None, checks: list[str], word: str = "") -> list[str]:
    return [f.message for f in audit_text(text, bible, checks).findings if word in f.message]


def _traits(text: str) -> list[tuple[str, str]]:
    return [(t.key, t.value) for t in read(Parser(None).parse(text))]


# --- things lost, then used -------------------------------------------------------------------------------------

_LEDGER = """
INT. BACK ROOM - DAY

OLIVE (30) stands at the furnace with the ledger in her hands. She opens the furnace door.

Then she feeds the ledger to the fire, a fistful of pages at a time, then the covers.

INT. KITCHEN - NIGHT

Olive sits by the stove. She taps two fingers against the green ledger in her lap.
"""

_LEDGER_BIBLE = """
props:
  ledger: Tom's ledger, clothbound in GREEN, the company name stamped in gold on the cover.
"""


def test_a_thing_tapped_against_after_it_burnt():
    assert _messages(_LEDGER, _LEDGER_BIBLE, ["prop"], "burnt")
    other = _LEDGER.replace("against the green ledger in her lap", "against the table")
    assert _messages(other, _LEDGER_BIBLE, ["prop"], "burnt") == []


def test_the_bible_s_colour_tells_the_lost_thing_from_another():
    # the bible's green ledger burnt; a red one is some other book
    red = _LEDGER.replace("green ledger", "red ledger")
    assert _messages(red, _LEDGER_BIBLE, ["prop"], "burnt") == []


_CHIP = """
EXT. BRIDGE - DUSK

Owen leans on the rail. He takes the black chip out of his jacket pocket.

Then he flips it off his thumb like a coin toss. It spins, catches the last of the light, and drops into the river without a sound.

INT. APARTMENT - NIGHT

Owen sits on the arm of the couch, rolling the black poker chip across his knuckles.
"""


def test_it_after_a_sentence_about_it_means_the_same_thing():
    # "It" is the chip the sentence before flipped, not the thumb or the toss
    assert _messages(_CHIP, None, ["prop"], "lost")
    assert _messages(_CHIP.replace("rolling the black poker chip across his knuckles", "rolling a coin across his "
                                   "knuckles"), None, ["prop"], "lost") == []


_PHONE = """
EXT. SHOP - NIGHT

Teo pulls out his phone, orange case, screen already cracked, to take a picture.

Moth slaps it out of his hand and stamps it flat on the pavement. Plastic crunches.

INT. SHOP - DAY

Teo stacks boxes. A cheap flip phone, store sticker still on it, buzzes in his hoodie pocket. He fumbles it open.

INT. BATHROOM - NIGHT

Teo leans on the sink. His orange phone buzzes on the edge of the sink. He lets it ring.
"""


def test_a_thing_stamped_flat_and_replaced_then_the_old_one_again():
    assert _messages(_PHONE, None, ["prop"], "destroyed")
    # the new one is the one in use from then on
    assert _messages(_PHONE.replace("His orange phone", "The flip phone"), None, ["prop"], "destroyed") == []


# --- things given away, then the giver has them -------------------------------------------------------------------

_CARDIGAN = """
INT. DEE'S CAR - NIGHT

NELL (19) is shivering. DEE (58) reaches into the back seat for the burgundy cardigan she left there and drapes it around the girl's shoulders.

DEE
Keep it. It looks better on you anyway.

INT. SHOP - DAY

Dee waits behind the counter in her burgundy cardigan, elbows worn through.
"""


_CARDIGAN_BIBLE = """
characters:
  NELL: {age: 19, notes: She is on the run.}
  DEE: {age: 58, notes: She runs the pawnshop.}
"""


def test_a_garment_draped_round_the_girl_s_shoulders_is_hers():
    assert _messages(_CARDIGAN, _CARDIGAN_BIBLE, ["wardrobe"], "gave it to NELL")
    assert _messages(_CARDIGAN.replace("in her burgundy cardigan", "in an old brown coat"), _CARDIGAN_BIBLE,
                     ["wardrobe"], "gave it to") == []


_MEDAL = """
INT. MINIBUS - DAY

CORA (17) and DEZ (18) sit together at the back.

She lifts the cord over her head and presses the medal into his palm. He closes his fingers round it.

INT. SPORTS HALL - DAY

The hall has gone quiet. Dez watches from the stands.

Cora reaches for the medal at her throat and squeezes it through her jacket.
"""


_MEDAL_BIBLE = """
characters:
  CORA: {age: 17, notes: She fences.}
  DEZ: {age: 18, notes: He rides the team minibus.}
"""


def test_a_medal_given_to_hold_and_then_at_the_giver_s_throat():
    assert _messages(_MEDAL, _MEDAL_BIBLE, ["prop"], "gave it to DEZ")
    # reached for out of habit, and not there: its absence
    absent = _MEDAL.replace(" and squeezes it through her jacket.", ", out of habit. It isn't there.")
    assert _messages(absent, _MEDAL_BIBLE, ["prop"], "gave it to") == []


_DOLLAR = """
INT. DINER - NIGHT

NANA ROSE (80) sits across from MARGO (40). Nana Rose opens her handbag, rummages, and comes out with a coin: a silver dollar, worn almost smooth.

NANA ROSE
My father carried it through Korea. You take it.

She presses the coin into Margo's palm and folds Margo's fingers over it.

INT. COURTROOM - DAY

Nana Rose sits in the front row in her green church hat.

She turns her silver dollar over and over in her fingers.
"""


def test_a_coin_given_for_keeps_by_its_other_name():
    assert _messages(_DOLLAR, None, ["prop"], "gave it to MARGO")
    back = _DOLLAR.replace("NANA ROSE\nMy father carried it through Korea. You take it.",
                           "NANA ROSE\nMy father carried it through Korea. Hold it for me tonight.")
    back = back.replace("She turns her silver dollar", "Margo hands the silver dollar back. Nana Rose turns her silver "
                                                       "dollar")
    assert _messages(back, None, ["prop"], "gave it to") == []


_CAP = """
EXT. STREET - DAY

WALT (61) climbs down from the truck, a red Reds cap pulled low over his eyes. PELL (84), frail, sits on the kerb. ANDRE (30) and TEO (25) roll the hose.

Walt takes off his Reds cap and settles it on the old man's head. Pell touches the brim.

INT. STATION - DAY

TWO DAYS LATER

Pell sits on the bench. Walt's red Reds cap on his head.

INT. BAR - NIGHT

Walt at the bar, his red Reds cap pushed back on his head.
"""


_CAP_BIBLE = """
characters:
  WALT: {age: 61, notes: He drives the engine.}
  PELL: {age: 84, notes: He lives alone.}
  ANDRE: {age: 30, notes: He is a firefighter.}
  TEO: {age: 25, notes: He is a firefighter.}
"""


def test_a_cap_set_on_the_old_man_s_head_and_kept():
    found = _messages(_CAP, _CAP_BIBLE, ["wardrobe"], "gave it to PELL")
    assert found and "WALT" in found[0]
    # "pushed back" is how it sits, not a return; the owner's name on it is not who wears it
    handed_back = _CAP.replace("Walt at the bar, his red Reds cap", "Pell gives the cap back. Walt at the bar, his red "
                                                                    "Reds cap")
    assert _messages(handed_back, _CAP_BIBLE, ["wardrobe"], "gave it to") == []


# --- states across a cut ------------------------------------------------------------------------------------------

_COFFEE = """
INT. CORRIDOR - DAY

A brown wave of coffee hits SAM (40), soaking the front of his fresh white shirt.

INT. OFFICE - CONTINUOUS

Sam stands with his arms folded across his crisp, spotless white shirt.
"""


def test_coffee_that_soaks_a_shirt_stains_it():
    assert _messages(_COFFEE, None, ["wardrobe", "appearance"])
    rain = _COFFEE.replace("A brown wave of coffee hits SAM (40), soaking", "The rain hits SAM (40), soaking")
    assert _messages(rain, None, ["wardrobe", "appearance"], "stain") == []


_SOAKED = """
EXT. ROAD - NIGHT

DAWN (22) stands in the road, soaked through in seconds, the denim jacket gone dark with water.

INT. DINER - CONTINUOUS

Dawn climbs back in through the window, dripping.

She shrugs off her dry denim jacket and drops it on the linoleum.
"""


def test_a_jacket_shrugged_off_is_as_it_was():
    assert _messages(_SOAKED, None, ["wardrobe", "appearance"], "dry")
    assert _messages(_SOAKED.replace("her dry denim jacket", "her sodden denim jacket"), None,
                     ["wardrobe", "appearance"], "dry") == []


_CUFF = """
EXT. SHOP DOOR - NIGHT

TEO (24) sits on the step, cradling his right hand. Blood runs between his fingers, down his wrist and into the cuff of his grey hoodie.

INT. SHOP - CONTINUOUS

Teo sits on a stool. He pushes up the clean grey sleeve of his hoodie.
"""


def test_a_clean_sleeve_of_a_bloodied_hoodie():
    assert _messages(_CUFF, None, ["wardrobe", "appearance"])
    assert _messages(_CUFF.replace("the clean grey sleeve", "the bloody grey sleeve"), None,
                     ["wardrobe", "appearance"]) == []


def test_hair_slicked_flat_by_rain_is_wet():
    assert ("state.clothes.wet", "wet") in _traits("Nell's new black hair is slicked flat to her skull.")
    assert not any(k == "state.clothes.wet" for k, _ in _traits("His hair is slicked back."))


def test_powder_smeared_across_a_cheek():
    assert ("state.face.dirt", "dirty") in _traits(
        "She goes down hard against the worktable, and black powder smears across her cheek and both hands.")


# --- days said from today -----------------------------------------------------------------------------------------

_FUNERAL = """
INT. SHOP - DAY

SUPER: Wednesday, October 8

DEE (58) counts the till. NELL (19) sweeps.

DEE
The funeral's tomorrow. Thursday, ten o'clock, St. Brendan's.

EXT. CHURCH - DAY

SUPER: Thursday, October 9

Dee and Nell stand at the graveside.
"""


def test_tomorrow_and_its_weekday_together():
    assert _messages(_FUNERAL, None, ["timeline"], "tomorrow") == []
    found = _messages(_FUNERAL.replace("tomorrow. Thursday", "tomorrow. Friday"), None, ["timeline"], "tomorrow")
    assert found and "Thursday" in found[0]
    later = _FUNERAL.replace("The funeral's tomorrow. Thursday, ten o'clock, St. Brendan's.",
                             "The porters come on Saturday. The day after tomorrow.")
    assert _messages(later.replace("Saturday", "Friday"), None, ["timeline"], "day after tomorrow") == []
    assert _messages(later, None, ["timeline"], "day after tomorrow")


# --- a year said alone, paint-chart colours, a set's parts -------------------------------------------------------

def test_a_year_said_alone_dates_the_age_after_it():
    bible = """
characters:
  MAGNUS:
    age: 56
    notes: He coaches the club.
"""
    text = """
INT. CAR - DAY

SUPER: Wednesday, 16 October 2024

MAGNUS (56) drives. CORA (17) sits beside him.

CORA
Dad said you went to the Olympics.

MAGNUS
Barcelona. 1992. I was twenty-four and very beautiful.
"""
    assert _messages(text, bible, ["timeline"], "MAGNUS's birth") == []
    assert _messages(text.replace("twenty-four", "thirty-one"), bible, ["timeline"], "MAGNUS's birth")


_DRUGSTORE_BIBLE = """
locations:
  MACREADY'S DRUG CO:
    front: plate-glass window with a row of GREEN glass apothecary jars (scenes 1-3); gold-leaf lettering on the door
    window_history: smashed by a brick in scene 3; COBALT BLUE replacement jars in scene 4
    walls: pale green, the colour of mint
"""

_DRUGSTORE = """
INT. MACREADY'S DRUG CO - DAY

OLIVE (24) dusts the counter. The green glass jars in the window glow like bottles of sea water.

INT. MACREADY'S DRUG CO - NIGHT

A brick comes through the window. The jars burst on the sidewalk.

INT. MACREADY'S DRUG CO - DAY

Olive sweeps up the glass.

INT. MACREADY'S DRUG CO - DAY

New glass. The blue glass jars in the window catch the morning.
"""


def test_a_set_s_parts_in_force_for_the_scenes_the_bible_gives():
    assert _messages(_DRUGSTORE, _DRUGSTORE_BIBLE, ["location"], "jars") == []
    assert _messages(_DRUGSTORE.replace("The green glass jars", "The blue glass jars"), _DRUGSTORE_BIBLE,
                     ["location"], "jars")


def test_magnolia_walls_are_a_colour():
    bible = """
locations:
  ST BRIDGET'S HALL:
    description: a church hall with pale green walls and a sprung floor
"""
    text = """
INT. ST BRIDGET'S HALL - DAY

CORA (17) warms up. The pale green walls need paint.

INT. ST BRIDGET'S HALL - NIGHT

Fairy lights glow against the magnolia walls.
"""
    assert _messages(text, bible, ["location"], "magnolia")
    assert _messages(text.replace("magnolia walls", "green walls"), bible, ["location"], "walls") == []


# --- names --------------------------------------------------------------------------------------------------------

def test_a_list_entry_is_named_by_its_name_not_its_handle():
    from continuity.bible.load import parse_bible

    bible = parse_bible("""
characters:
  - id: sam
    name: Sam Duquesne
    cue: SAM
    age: 34
""")
    assert [(c.name, c.aliases) for c in bible.characters] == [("SAM DUQUESNE", ["SAM"])]


def test_a_title_makes_a_word_a_name():
    bible = """
characters:
  AUGUST BRANDT:
    aliases: [Augie]
    age: 52
    notes: He lends money.
  TEO:
    age: 24
    notes: He works the counter.
  MOTH:
    age: 30
    notes: He collects for Augie.
"""
    text = """
INT. SHOP - DAY

AUGIE (52) counts money. TEO (24) watches.

EXT. SHOP - NIGHT

MOTH (30) leans on the door.

MOTH
Tell your aunt Mr. Brandt wants the ring.
"""
    assert _messages(text, bible, ["address"], "misspelling") == []
    assert _messages(text.replace("Mr. Brandt", "Mr. Brant"), bible, ["address"], "misspelling of 'Brandt'")


# --- sides --------------------------------------------------------------------------------------------------------

def test_a_scar_that_splits_an_eyebrow_and_a_wedding_band_have_sides():
    assert ("side.scar.eye", "left") in _traits("A pale scar splits his left eyebrow.")
    assert ("side.scar.eye", "left") in _traits("pale scar splitting his LEFT eyebrow")
    assert ("side.ring", "right") in _traits("Kessler twists the gold band on his right hand, thinking.")
    assert not any(k == "side.ring" for k, _ in _traits("She snaps a rubber band round her left wrist."))


_AUGIE_BIBLE = """
characters:
  AUGIE:
    age: 52
    marks: pale scar splitting his LEFT eyebrow
    notes: He lends money.
  GORDON:
    age: 44
    notes: He owes him.
"""

_AUGIE = """
INT. LINCOLN - NIGHT

AUGIE (52) flicks his Zippo. GORDON (44) sweats.

AUGIE
You told me your aunt was not long for this world.

GORDON
She wasn't.

The scar through his left eyebrow twitches.
"""


def test_a_mark_after_an_exchange_is_the_one_who_has_it():
    assert _messages(_AUGIE, _AUGIE_BIBLE, ["appearance"], "scar") == []
    assert _messages(_AUGIE.replace("his left eyebrow", "his right eyebrow"), _AUGIE_BIBLE, ["appearance"],
                     "AUGIE's scar")


def test_a_fresh_scar_is_not_the_old_one_on_the_other_side():
    bible = """
characters:
  DANNY:
    age: 24
    marks: an old white scar splitting the LEFT eyebrow; he boxes.
"""
    text = """
INT. GYM - DAY

DANNY (24) wraps his hands. A head clash opens a cut above his right eye.

INT. GYM - DAY

TEN DAYS LATER

Danny sits still. A nurse peers at the pink scar through his right eyebrow.
"""
    assert _messages(text, bible, ["appearance"], "scar") == []
    assert _messages(text.replace("the pink scar", "the scar"), bible, ["appearance"], "scar")


# --- whose looks ----------------------------------------------------------------------------------------------------

def test_glasses_after_a_bun_lend_the_hair_no_colour():
    assert ("hair.colour", "black") not in _traits("Auburn hair pinned up in its low bun, black-framed glasses.")
    assert ("hair.colour", "blonde") in _traits("her hair a dry white-blonde fuzz")


def test_a_paragraph_of_looks_after_someone_comes_in_is_theirs():
    bible = """
characters:
  NADIA:
    age: 41
    hair: auburn, long, worn in a low bun
    notes: She restores paintings.
"""
    text = """
INT. STUDIO - DAY

NADIA (41) sits at the easel. She takes the shears and cuts her hair into a short crop above the ears.

INT. GALLERY - DAY

LATER

The door opens. Nadia comes in from the street.

Auburn hair in a short crop, black-framed glasses, black sweater under the camel coat.
"""
    assert _messages(text, bible, ["appearance"], "NADIA") == []
    assert _messages(text.replace("in a short crop, black", "pinned up in its low bun, black"), bible,
                     ["appearance"], "NADIA")


def test_a_bad_knee_is_the_hurt_one():
    assert ("side.injury.leg", "right") in _traits("He rubs his bad right knee.")
