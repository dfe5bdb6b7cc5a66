"""Readings the development sets missed (sets A, D, J and L): each written as a script would, slip and no slip."""

from __future__ import annotations

from checkutil import audit_text

from continuity.bible.sections import day_table
from continuity.language.lexicon import garments_in


def _messages(text: str, bible: str | None, checks: list[str], word: str) -> list[str]:
    return [f.message for f in audit_text(text, bible, checks).findings if word in f.message]


# --- years -----------------------------------------------------------------------------------------------------

_AGNES = """
characters:
  AGNES:
    age: 67
    notes: runs the pottery
"""

_KILN = """
INT. POTTERY - DAY

SUPER: Monday, 14 October 2024

AGNES (67) sweeps the floor. RUTH (30) watches.

RUTH
You never told me how you got that burn.

AGNES
The bottle kiln. Nineteen eighty-seven, the year I turned thirty. My sleeve caught.
"""


def test_the_year_one_turned_an_age_dates_a_birth():
    assert _messages(_KILN, _AGNES, ["timeline"], "AGNES") == []
    wrong = _KILN.replace("Nineteen eighty-seven", "Nineteen eighty-two")
    assert _messages(wrong, _AGNES, ["timeline"], "turned thirty")


def test_an_age_the_first_time_with_the_year_in_the_next_sentence():
    bible = """
characters:
  TOM:
    age: 46
    notes: caver
"""
    text = """
INT. HUT - NIGHT

SUPER: Friday, 10 May 2024

TOM (46) lays out the rope. KIT (26) watches.

TOM
I was sixteen the first time I went down this pot. Nineteen ninety-four. Her dad took me.
"""
    assert _messages(text, bible, ["timeline"], "TOM") == []
    wrong = text.replace("Nineteen ninety-four", "Nineteen eighty-nine")
    assert _messages(wrong, bible, ["timeline"], "sixteen")


def test_a_calendar_row_keyed_flashback_is_not_a_story_day():
    rows = [{"day": 1, "date": "Monday, July 14"}, {"day": 2, "date": "Tuesday, July 15"},
            {"flashback": 1987, "notes": "Young Walt finds a bone."}]
    _, dates, _ = day_table(rows, 2025)
    assert dates == {"D1": "2025-07-14", "D2": "2025-07-15"}


# --- sides -----------------------------------------------------------------------------------------------------


def test_a_propped_leg_is_the_hurt_one():
    text = """
EXT. CAVE - DAY

TOM (46) falls. He grabs his right ankle.

KIT
Is it broken?

Kit wraps Tom's right ankle in gaffer tape.

INT. CAVE - ATTIC - NIGHT

Tom lies with his right leg propped on a tackle bag.
"""
    assert _messages(text, None, ["appearance"], "left") == []
    wrong = text.replace("his right leg propped", "his left leg propped")
    assert _messages(wrong, None, ["appearance"], "left")


def test_a_finger_healing_on_the_other_hand():
    bible = """
characters:
  SEUN:
    marks: Gold hoop in the LEFT ear. Cuts the pad of his LEFT index finger on Day Two.
"""
    text = """
INT. KITCHEN - NIGHT

SEUN (24) chops onions.

Seun, plaster off, a pink line healing on his left index finger.
"""
    assert _messages(text, bible, ["appearance"], "SEUN") == []
    assert _messages(text.replace("his left index", "his right index"), bible, ["appearance"], "SEUN")


def test_the_other_hand_bandaged():
    text = """
INT. PRINT SHOP - NIGHT

CORA (30) cuts the heel of her left hand on a type case. Gus binds Cora's left hand with a strip of sheet.

INT. PRINT SHOP - LATER

Cora proofreads with her right hand, the left bandaged on her knee.
"""
    assert _messages(text, None, ["appearance"], "CORA") == []
    wrong = text.replace("with her right hand, the left", "with her left hand, the right")
    assert _messages(wrong, None, ["appearance"], "CORA")


def test_a_missing_fingertip_has_a_side():
    bible = """
characters:
  GUS:
    marks: Top joint of the LEFT index finger missing since a press accident
"""
    text = """
INT. PRINT SHOP - DAY

GUS (60) sets type, the stump of his left index finger tapping each letter home.
"""
    assert _messages(text, bible, ["appearance"], "GUS") == []
    assert _messages(text.replace("his left index", "his right index"), bible, ["appearance"], "stump")


# --- wardrobe ---------------------------------------------------------------------------------------------------


def test_the_colour_of_her_suit():
    assert [(g.colour, g.kind) for g in garments_in("The blue of her suit is the only colour left.")] == [
        ("blue", "suit")]
    assert garments_in("the blue of her eyes") == []
    bible = """
characters:
  MAGDA:
    costume: red one-piece down suit
"""
    text = """
EXT. SUMMIT RIDGE - DAY

MAGDA (45) stops beside the cairn. The red of her suit is the only colour left in the world.
"""
    assert _messages(text, bible, ["wardrobe"], "MAGDA") == []
    assert _messages(text.replace("The red of her suit", "The blue of her suit"), bible, ["wardrobe"], "MAGDA")


def test_an_oversuit_is_a_suit():
    bible = """
characters:
  NADIA:
    costume: RED Cordura oversuit, yellow helmet
"""
    text = """
EXT. SHAKEHOLE - DUSK

Then NADIA (34), her red suit black with mud, crawls up the slope.
"""
    assert _messages(text, bible, ["wardrobe"], "NADIA") == []
    assert _messages(text.replace("her red suit", "her orange suit"), bible, ["wardrobe"], "NADIA")


# --- props ------------------------------------------------------------------------------------------------------

_BAR = """
INT. CAVE - ATTIC - NIGHT

NADIA (34), TOM (46) and KIT (26) huddle under a space blanket.

Nadia unwraps the Mars bar, cuts it into three with her knife, and hands it round. They eat it slowly.

INT. CAVE - ATTIC - LATER

Kit stares at the roof. Tom hums.
"""


def test_a_bar_eaten_is_gone():
    assert _messages(_BAR, None, ["prop"], "Mars bar") == []
    wrong = _BAR.replace("Kit stares at the roof.", "Kit breaks off a square of the Mars bar.")
    assert _messages(wrong, None, ["prop"], "eaten")
    bite = _BAR.replace("They eat it slowly.", "They eat some of it slowly.")
    assert _messages(bite.replace("Kit stares at the roof.", "Kit breaks off a square of the Mars bar."), None,
                     ["prop"], "Mars bar") == []


def test_what_is_handed_round_is_nobody_s():
    # the knife is not handed to Kit: "it" is the bar, shared out
    text = _BAR.replace("Kit stares at the roof.", "Nadia cleans her knife on her sleeve.")
    assert _messages(text, None, ["prop"], "knife") == []


_LAMP_BIBLE = """
characters:
  NADIA:
    notes: cave surveyor, daughter of Luis
  KIT:
    notes: a student on his first trip underground
props:
  carbide lamp:
    description: Luis's old BRASS carbide lamp, dented, L.F. scratched into the water chamber
"""

_LAMP = """
INT. POT - THE SUMP - DAY

NADIA (34) stands waist-deep at the bolt. KIT (26) crouches on the last dry rock, his glasses fogged.

She unclips the brass lamp from her hip and hands it up to him.

NADIA
Hold that. I want it back.

EXT. SHAKEHOLE - DUSK

Nadia crawls up the slope and flops onto her back, her helmet lamp still burning.
"""


def test_a_lent_lamp_is_not_on_its_owner_far_from_its_holder():
    assert _messages(_LAMP, _LAMP_BIBLE, ["prop"], "lamp") == []
    wrong = _LAMP.replace("her helmet lamp still burning", "her father's brass lamp clanking against her hip")
    assert _messages(wrong, _LAMP_BIBLE, ["prop"], "KIT")


# --- sets M and N (development after their first runs) ------------------------------------------------------------


def test_a_calendar_with_its_own_year_and_a_flashback_inside_a_day():
    rows = {"year": 2025,
            "day_1": {"date": "Monday 3 March", "scenes": "1-2"},
            "day_3": {"date": "Wednesday 5 March", "scenes": "3-5", "notes": "police, Helena's, flashback, studio"},
            "flashback": {"date": "14 May 1987", "scenes": "4"}}
    days, dates, _ = day_table(rows)
    assert dates["D1"] == "2025-03-03" and dates["D3"] == "2025-03-05"
    assert days["3"] == "D3" and days["4"] == "FB1" and days["5"] == "D3"


def test_a_date_announced_is_not_today_unless_asked():
    text = """
INT. HALL - DAY

SUPER: Tuesday, 8 October 2024

MAGNUS (56) clicks the stopwatch.

MAGNUS
Saturday the nineteenth. Regional qualifiers at Whitcombe.
"""
    assert _messages(text, None, ["timeline"], "Saturday") == []
    asked = text.replace("MAGNUS\nSaturday", "CORA\nWhat day is it?\n\nMAGNUS\nSaturday")
    assert _messages(asked, None, ["timeline"], "Saturday")


def test_the_tips_dyed_leave_the_hair_its_colour():
    bible = """
characters:
  CORA:
    hair: long black hair in a single plait; from scene 2 the last four inches are dyed electric blue
"""
    text = """
INT. HALL - DAY

CORA (17) fences.

INT. HALL - NIGHT

Cora comes in with her long black plait and its new electric-blue tips.
"""
    assert _messages(text, bible, ["appearance"], "CORA") == []


def test_the_plait_he_looks_at_is_not_his():
    bible = """
characters:
  MAGNUS:
    hair: shaved head
  CORA:
    hair: long black plait
"""
    text = """
INT. HALL - DAY

CORA (17) and MAGNUS (56) stand at the piste. Cora swings her long black plait.

Magnus looks at the plait. Looks at it some more.
"""
    assert _messages(text, bible, ["appearance"], "MAGNUS") == []


def test_a_moustache_shaved_in_a_later_clause_is_worn_until_then():
    bible = """
characters:
  MAGNUS:
    facial_hair: thick white walrus moustache, worn since he was nineteen; shaved off (scene 2); clean-shaven after that
"""
    text = """
INT. HALL - DAY

MAGNUS (56) strokes his moustache.

INT. CHANGING ROOM - DAY

Magnus shaves. A swathe of white moustache drops into the sink.

INT. HALL - LATER

Magnus, clean-shaven, touches his bare upper lip.
"""
    assert _messages(text, bible, ["appearance"], "moustache") == []


def test_fencing_whites_are_a_white_jacket():
    bible = """
characters:
  CORA:
    costume: fencing whites; off the piste a red club track jacket
"""
    text = """
INT. SPORTS HALL - DAY

CORA (17) lifts her mask. Blood runs down the front of her white jacket.
"""
    assert _messages(text, bible, ["wardrobe"], "CORA") == []


def test_a_door_rolled_a_new_colour_is_repainted():
    text = """
EXT. ST BRIDGET'S HALL - DAY

The door at the back, all peeling brown paint, bangs open.

EXT. ST BRIDGET'S HALL - DAY

Three volunteers are rolling the old peeling brown door a violent shade of sunflower yellow.

EXT. ST BRIDGET'S HALL - NIGHT

The sunflower-yellow door stands open to the street.
"""
    assert _messages(text, None, ["location"], "door") == []


def test_a_bible_door_painted_a_colour_and_the_script_s_description():
    bible = """
locations:
  Fontaine house:
    exterior: narrow frame house, white siding, front door painted deep glossy BLUE
"""
    text = """
EXT. FONTAINE HOUSE - NIGHT

A narrow frame house: white siding, a front door painted a deep, glossy blue. Margo rings.
"""
    assert _messages(text, bible, ["location"], "door") == []
    assert _messages(text.replace("glossy blue", "glossy red"), bible, ["location"], "door")


def test_props_described_under_what_and_a_colour_listed_alone():
    bible = """
props:
  beauchamp_watch:
    what: Gold hunter-case pocket watch. Stopped at twenty to twelve.
  the Volvo: Volvo 240 estate, midnight blue, Vienna plates
  ledger: Tom's ledger, clothbound in GREEN, stamped in gold on the cover
"""
    text = """
INT. OFFICE - DAY

BEAUCHAMP (60) takes out the gold hunter-case watch and thumbs it open. The Volvo noses up to the barrier, blue paint
filmed with road dust. OLIVE (30) holds the green ledger.
"""
    assert _messages(text, bible, ["prop"], "") == []
    wrong = text.replace("gold hunter-case", "silver hunter-case").replace("blue paint", "white paint") \
        .replace("green ledger", "red ledger")
    found = _messages(wrong, bible, ["prop"], "")
    assert len(found) == 3, found


def test_a_helmet_binned_and_another_one_in_grey():
    text = """
EXT. EXPO HALL - NIGHT

ROZ (30), the white helmet pushed back on her head, holds the cracked black helmet in both hands.

Then she drops the helmet into the dumpster. It clanks on the bottom.

CASS (28) walks out, grey helmet under her arm.
"""
    assert _messages(text, None, ["prop"], "helmet") == []


def test_a_new_row_of_jars_replaces_the_smashed_ones():
    text = """
INT. DRUGSTORE - DAY

FRANKIE (40) watches the street. A brick comes through the window and the green apothecary jars burst on the sidewalk.

INT. DRUGSTORE - DAY

A new row of apothecary jars stands in the window, cobalt blue this time.

Frankie dusts the jars.
"""
    assert _messages(text, None, ["prop"], "jars") == []


def test_sides_in_phrases():
    bible = """
characters:
  SOLLY:
    jewelry: diamond ring on the little finger of his LEFT hand
  KESSLER:
    spectacles_damage: LEFT lens cracked clean across
  MARCHETTI:
    injury: cut above the RIGHT eyebrow, closed with a square white dressing
  THEO:
    tattoo: small blue swallow on the inside of the RIGHT forearm
"""
    text = """
INT. ALLEY - NIGHT

SOLLY (50), KESSLER (52), MARCHETTI (45) and THEO (29) stand in the rain. Agents cuff Solly, the diamond on his left
little finger flashing. Kessler rubs his knee. Behind the cracked left lens, his eye looks enormous. Marchetti has a
square of white dressing stuck above his right eyebrow. Theo pushes up his sleeves: the little blue swallow tattooed
inside his right forearm.
"""
    assert _messages(text, bible, ["appearance"], "") == []
    wrong = text.replace("his left\nlittle", "his right\nlittle").replace("cracked left lens", "cracked right lens") \
        .replace("above his right eyebrow", "above his left eyebrow").replace("inside his right forearm",
                                                                                 "inside his left forearm")
    found = _messages(wrong, bible, ["appearance"], "")
    assert {m.split("'")[0] for m in found} == {"SOLLY", "KESSLER", "MARCHETTI", "THEO"}, found


def test_a_weekday_with_a_day_and_no_month():
    text = """
INT. HALL - DAY

SUPER: Saturday, 12 October 2024

PRIYA (40) counts the tin.

PRIYA
We've got till Thursday the thirty-first. Then the diocese sells.

MAGNUS
Saturday, the sixth round, they'll all be here.
"""
    assert _messages(text, None, ["timeline"], "31 October") == []
    assert _messages(text.replace("Thursday the thirty-first", "Tuesday the thirty-first"), None, ["timeline"],
                     "31 October")
    assert _messages(text, None, ["timeline"], "sixth") == []  # "the sixth round" is no date


def test_a_surname_in_a_heading_is_not_someone_there():
    bible = """
characters:
  JUNO PARK:
    age: 18
  CORA:
    age: 17
  DEZ:
    age: 44
"""
    text = """
INT. HALL - DAY

JUNO (18) and CORA (17) fence. DEZ (44) watches.

EXT. MULTI-STOREY CAR PARK - ROOF - DUSK

Cora works through her footwork. Dez leans on his taxi.

DEZ
Come on, Juno. It's getting dark.
"""
    assert _messages(text, bible, ["address"], "is not in this scene")


def test_the_speaker_s_own_name_said_to_another():
    bible = """
characters:
  DEZ:
    aliases: [Desmond]
  MAGNUS:
    age: 56
"""
    text = """
INT. CHANGING ROOM - DAY

DEZ (44) films MAGNUS (56) on his phone.

DEZ
Say something, Desmond.
"""
    assert _messages(text, bible, ["address"], "own name")
    assert _messages(text.replace("Say something, Desmond.", "Say something, Magnus."), bible, ["address"],
                     "own name") == []


_EPEES = """
props:
  Cora's epee:
    look: black pistol grip, silver guard
    fate: blade snaps in sparring (scene 2); Priya throws both halves in the scrap bin. Gone for good
  Juno's old epee:
    look: matte black guard wrapped in green electrical tape
"""


def test_an_epee_binned_and_the_other_one_given():
    text = """
INT. HALL - DAY

CORA (17) and JUNO (18) fence.

INT. HALL - LATER

Cora's blade snaps. PRIYA (40) bins both halves.

INT. ARMOURY - DAY

Juno holds out her old one. Cora looks at the green tape. Then she takes the épée with her left hand.
"""
    assert _messages(text, _EPEES, ["prop"], "") == []
    wrong = text.replace("Then she takes the épée", "Then she lifts her own épée")
    assert _messages(wrong, _EPEES, ["prop"], "scrap bin")


def test_a_car_through_the_ice_is_gone():
    bible = """
props:
  packard: Gus's black Packard sedan, chains on the tires. Goes through the ice and sinks with forty cases in scene 2. Gone.
"""
    text = """
EXT. WAREHOUSE - DAY

GUS (45) polishes the black Packard.

EXT. RIVER - NIGHT

The Packard creeps across the ice. It cracks. Gus jumps clear.

EXT. ALLEY - NIGHT

OLIVE (30) waits in the snow.
"""
    assert _messages(text, bible, ["prop"], "") == []
    wrong = text.replace("OLIVE (30) waits in the snow.", "OLIVE (30) waits. Gus's black Packard backs in.")
    assert _messages(wrong, bible, ["prop"], "Packard")


def test_a_jacket_given_for_keeps_and_worn_again_in_a_list():
    text = """
EXT. RINK - NIGHT

KELSEY (16) shivers on the curb. ROZ (30) comes out with her mustard corduroy jacket over her arm.

Roz drapes the corduroy jacket over Kelsey's shoulders.

ROZ
Keep it.

INT. BUS - DAY

Roz drives in her navy uniform and a knit cap.
"""
    assert _messages(text, None, ["wardrobe", "prop"], "jacket") == []
    wrong = text.replace("in her navy uniform and a knit cap", "in her navy uniform and her mustard corduroy jacket")
    assert _messages(wrong, None, ["wardrobe", "prop"], "KELSEY")


# --- set O (development after its first run) ---------------------------------------------------------------------

_PAWN_BIBLE = """
characters:
  DEE:
    age: 58
    eyes: brown
  NELL:
    age: 31
    eyes: hazel
  GORDON VANCE:
    age: 44
    hair: thin sandy comb-over
  KESSLER:
    hair: bald
    facial_hair: grey goatee
"""


def test_whose_eyes_settle_on_someone_else():
    text = """
INT. PAWN SHOP - DAY

DEE (58) polishes the counter.

NELL (31) steps in, shaking off a yellow raincoat. Her hazel eyes check the corners of the room before they settle on Dee.
"""
    assert _messages(text, _PAWN_BIBLE, ["appearance"], "eyes") == []


def test_another_of_the_surname_is_someone_else():
    text = """
INT. PRECINCT - DAY

GORDON VANCE (44) sits. KESSLER (47) reads the file.

KESSLER
Evelyn Margaret Vance. Born 1940, died last Tuesday at eighty-five.

He slides a photo across the desk: Evelyn Vance at a garden party, white hair, pearl earrings.
"""
    assert _messages(text, _PAWN_BIBLE, ["timeline", "appearance"], "") == []


def test_a_goatee_and_the_eyes_after_it():
    text = """
INT. PAWN SHOP - DAY

KESSLER (47) stands at the counter. Bald, grey goatee, heavy through the shoulders, pale blue eyes.
"""
    assert _messages(text, _PAWN_BIBLE, ["appearance"], "") == []


def test_what_friends_call_someone_is_no_call():
    text = """
INT. PRECINCT - DAY

KESSLER (47) and DEE (58) talk.

KESSLER
That's an Eleanor Okafor. Thirty-one years old. Nell, to her friends.
"""
    assert _messages(text, _PAWN_BIBLE, ["address"], "") == []


def test_a_door_painted_and_its_colour_in_the_next_paragraph():
    text = """
EXT. PAWN SHOP - DAY

A red wooden door with a small glass pane. TEO (25) opens it.

EXT. PAWN SHOP - DAY

Teo paints the front door left-handed.

The only can in the back room was black, so the door is going black: over the red.

EXT. PAWN SHOP - NIGHT

The black door is shut.
"""
    assert _messages(text, None, ["location"], "door") == []


def test_a_car_that_drives_off_is_not_lost():
    text = """
EXT. PARKING LOT - NIGHT

HASKELL (60) gets into his car. The car jumps the light at the corner and is gone.

EXT. PARKING LOT - LATER

Haskell's car squeals out of the lot.
"""
    assert _messages(text, None, ["prop"], "car") == []


def test_a_colour_glimpsed_in_the_bin_is_no_use():
    text = """
EXT. MOTEL - DAWN

NELL (31) stuffs her yellow raincoat into a bin bag and throws it into the dumpster.

EXT. MOTEL - DUMPSTER - CONTINUOUS

She lifts the lid once more. The yellow of the raincoat shows through the plastic. She lets the lid drop.
"""
    assert _messages(text, None, ["prop"], "raincoat") == []
    worn = text.replace("The yellow of the raincoat shows through the plastic.", "She buttons the yellow raincoat.")
    assert _messages(worn, None, ["prop", "wardrobe"], "raincoat")
