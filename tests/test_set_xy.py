"""Sets X and Y's first-run flags, each fixed in general: the clean case, and where it has one, its slip twin.

X (a lost-property office, a harbour tug) and Y (an opera house's wig room, a desert weather station) were
written blind at the start of the tenth session and run once before any change for them; these are the
readings their 24 flags asked for.
"""

from __future__ import annotations

from checkutil import messages

# -- names -----------------------------------------------------------------------------------------------

TUG = """
INT. TUG - WHEELHOUSE - NIGHT

HOLLIS BRAND (64) has the wheel. Rain on the glass.

HOLLIS
(into the voice pipe)
Gentle, Walt. She's heavy as sin.

BENNY LAROCQUE (19) comes in, dripping.

BENNY
Walt! Walt, come look at the skipper's face!

INT. TUG - ENGINE ROOM - NIGHT

WALT PIKE (58) wipes his hands.

WALT
Heard you.

INT. TUG - ENGINE ROOM - LATER

Walt checks the gauges.

WALT
All good.
"""


CREW = """
characters:
  - name: Hollis Brand
  - name: Benny Larocque
  - name: Walt Pike
"""


def test_a_name_said_down_a_voice_pipe_or_called_to_come_is_no_slip():
    assert messages(TUG, CREW, ["address"], "not in this scene") == []
    found = messages(TUG.replace("(into the voice pipe)\n", ""), CREW, ["address"], "not in this scene")
    assert found, found


LEDGER = """
INT. STAGE DOOR - DAY

FRANK (60) and MARGIT (58) bend over the ledger.

FRANK
(reading)
Nine-forty, H. Lindqvist, Wigs. Out ten-fifteen.

MARGIT
He never came out.

INT. WIG ROOM - DAY

HUGO LINDQVIST (50) smiles at Margit.

LINDQVIST
Madam.

INT. WIG ROOM - LATER

Lindqvist bows.

LINDQVIST
Madam.
"""


def test_a_name_read_out_of_a_ledger_is_no_call():
    assert messages(LEDGER, None, ["address"], "not in this scene") == []


BILLED = """
characters:
  rosalind_penn:
    billing: ROZ PENN
    alias: Mrs. Ivy Lark (her mother's cat)
    hair: cropped, platinum blonde
  edith_marlowe:
    billing: EDITH MARLOWE
    hair: silver, in a tight bun
"""


def test_a_billing_key_gives_the_name_the_script_uses():
    script = """
INT. LOST PROPERTY OFFICE - DAY

EDITH MARLOWE (58) at the counter. ROZ PENN (30) with a claim slip.

ROZ
It's mine.

EDITH
I'm afraid that won't do, Mrs. Lark.
"""
    assert messages(script, BILLED, ["address"], "not in this scene") == []


# -- looks -----------------------------------------------------------------------------------------------


def test_a_hank_of_hair_someone_cuts_is_not_the_cutters():
    script = """
INT. STORE ROOM - NIGHT

EDITH MARLOWE (58) wipes her shears. She stands behind DECLAN (24). He bows his head.

She takes the first hank of dark brown hair between two fingers and cuts.
"""
    assert messages(script, BILLED, ["appearance"], "EDITH") == []
    assert messages(script.replace("She takes the first hank of dark brown hair between two fingers and cuts.",
                                   "She pats her dark brown hair."), BILLED, ["appearance"], "EDITH")


def test_a_possessive_after_an_unnamed_woman_is_hers():
    script = """
EXT. TOWN HALL STEPS - DAY

ROZ PENN (30) sits on the cold stone in her camel coat. She reads her letter.

Across the square, a small woman in grey tweed with her silver bun very straight goes in at the cafe door.
"""
    assert messages(script, BILLED, ["appearance"], "PENN") == []
    assert messages(script.replace("a small woman in grey tweed with her silver bun very straight goes in",
                                   "Roz, her silver bun very straight, goes in"), BILLED, ["appearance"], "PENN")


def test_a_characters_props_are_not_her_looks():
    bible = """
characters:
  - name: Benny Larocque
    hair: blond curls
    props: red tartan thermos with black stripe -- crushed by the hawser sc2
"""
    script = """
EXT. WHARF - DAY

BENNY LAROCQUE (19) coils a line.

EXT. WHARF - LATER

Benny, blond curls going every which way, drinks from a thermos.

EXT. WHARF - DUSK

Benny, blond curls in his eyes, waves.
"""
    assert messages(script, bible, ["appearance"], "hair") == []


WIG_BIBLE = """
characters:
  margit_szabo:
    billing: MARGIT SZABO
    hair: silver, scraped into a tight bun
  teddy_vance:
    billing: TEDDY VANCE
    facial_hair: clean-shaven; wears a glued stage beard only in costume
    wardrobe:
      street: camel-hair coat, burgundy paisley scarf
      costume: Edgardo's black velvet doublet and cloak
props:
  stage_beard: crepe hair, dark and curly, applied with spirit gum
"""


def test_hair_in_a_box_just_opened_or_on_a_foundation_is_no_ones():
    script = """
INT. WIG ROOM - DAY

MARGIT SZABO (58) unlocks the glass case. She lifts the hatbox lid an inch. Black hair inside, glossy as a rook's wing.

INT. WIG ROOM - NIGHT

Margit knots at the block. Half the foundation is thick with red hair.
"""
    assert messages(script, WIG_BIBLE, ["appearance", "prop"]) == []
    assert messages(script.replace("Black hair inside, glossy", "Her black hair glossy"), WIG_BIBLE, ["appearance"])


def test_a_wardrobe_of_named_looks_keeps_each_look():
    script = """
INT. WIG ROOM - DAY

TEDDY VANCE (41) fills the door: a camel-hair coat, a burgundy paisley scarf.

INT. STAGE - NIGHT

Teddy, in Edgardo's black velvet doublet and cloak, waits in the wings.
"""
    assert messages(script, WIG_BIBLE, ["wardrobe"]) == []


def test_clothes_looked_at_are_not_the_lookers():
    bible = """
characters:
  - name: Hazel Morrow
    costume: khaki drill shirt, sleeves rolled; khaki trousers
"""
    script = """
EXT. STATION - DAY

HAZEL MORROW (34) waits. TOMMY PELL (19) climbs down from the truck.

Hazel takes in the white shirt, the flannels, the shoes.
"""
    assert messages(script, bible, ["wardrobe"]) == []
    assert messages(script.replace("Hazel takes in the white shirt", "Hazel, in a white shirt, takes in"), bible,
                    ["wardrobe"])


def test_a_beard_lathered_and_taken_off_is_gone():
    script = """
EXT. VERANDAH - DAY

ERROL QUAID (60), great ginger-grey beard, sits with a basin and a razor.

He lathers the great ginger-grey beard and takes it off, stroke by careful stroke.

INT. MESS - CONTINUOUS

Errol, clean-shaven, shuffles in with two mugs of tea.
"""
    assert messages(script, None, ["appearance"], "beard") == []


# -- props -----------------------------------------------------------------------------------------------


def test_a_thing_still_at_the_bottom_of_the_bay_is_not_used():
    script = """
EXT. TUG - DECK - NIGHT

BENNY LAROCQUE (19) goes over the side. Hauled back, he lies on the deck gasping, his watch cap gone to the bottom of the Bay.

EXT. WHARF - DAY

Benny, bareheaded -- his watch cap still at the bottom of the Bay -- coils a line.
"""
    assert messages(script, None, ["prop"], "lost") == []
    assert messages(script.replace("his watch cap still at the bottom of the Bay", "his watch cap pulled low"), None,
                    ["prop"], "lost")


def test_another_cap_and_then_the_cap_are_not_the_lost_one():
    script = """
EXT. TUG - DECK - DAY

BENNY LAROCQUE (19), a navy watch cap jammed down, coils rope. HOLLIS BRAND (64) at the rail.

EXT. TUG - DECK - NIGHT

Benny goes over the side. He lies on the deck gasping, his watch cap gone to the bottom of the Bay.

EXT. WHARF - DAY

Hollis comes down the wharf, the white-topped cap on his grey crew cut.

Hollis takes off the cap. Looks at it.
"""
    assert messages(script, None, ["prop"], "lost") == []


def test_a_thing_stolen_turns_up_with_the_thief():
    script = """
INT. WIG ROOM - DAY

MARGIT SZABO (58) checks the glass case: the red hatbox in its place.

INT. WIG ROOM - DAWN

Margit stops. The glass case stands open. The lock has been levered. The red hatbox is gone.

INT. CAFE - DAY

In the booth sits HUGO LINDQVIST (50). On the seat beside him, the red leather hatbox.

LINDQVIST
(tapping the hatbox)
Yours, I think.
"""
    assert messages(script, WIG_BIBLE, ["prop"], "never recovered") == []


def test_a_thing_of_an_hour_that_will_not_go_up_is_no_use():
    script = """
EXT. BALLOON SHED - DAY

ERROL QUAID (60) lets go. The three o'clock balloon climbs, small and then smaller, and is gone.

EXT. STATION - DUSK

A wall of red dust rolls in. The three o'clock balloon will not be going up.
"""
    assert messages(script, None, ["prop"], "never recovered") == []


BELL_BIBLE = """
props:
  counter_bell:
    original: brass; knocked off sc2, dome split
    replacement: chrome, from Woolworths, brought by Declan sc3
"""


def test_a_replacement_in_its_own_key_is_the_thing_from_its_scene():
    script = """
INT. OFFICE - DAY

EDITH (58) sets a brass bell on the counter.

INT. OFFICE - DAY

HASK (47) knocks the brass bell off. The dome splits.

INT. OFFICE - DAY

DECLAN (24) takes out a bell. Chrome, a price sticker on its base. He sets it down.

The broken brass bell sits on the shelf behind her now, a yellow tag tied to its split dome.

DING. The chrome bell.
"""
    assert messages(script, BELL_BIBLE, ["prop"], "bell") == []
    assert messages(script.replace("DING. The chrome bell.", "DING. The copper bell."), BELL_BIBLE, ["prop"], "bell")


# -- sets and time ---------------------------------------------------------------------------------------

DOOR_BIBLE = """
locations:
  lost_property_office:
    door: >
      half-glazed, LOST PROPERTY in gold leaf. Chocolate brown until Tue morning; repainted corporation green on
      screen sc2; green thereafter.
  blue_moon_cafe: mustard-yellow walls, neon crescent moon in window
"""


def test_a_door_repainted_by_the_bible_and_the_screen_is_green_after():
    script = """
INT. LOST PROPERTY OFFICE - DAY

The door is half-glazed and painted chocolate brown.

INT. LOST PROPERTY OFFICE - DAY

The door stands propped open, corporation green now from top to bottom, a WET PAINT card on the glass.

INT. LOST PROPERTY OFFICE - DAY

The door is green now, top to bottom, dry and glossy.

EXT. BLUE MOON CAFE - DUSK

The neon crescent moon flickers on. The neon crescent buzzes blue.
"""
    assert messages(script, DOOR_BIBLE, ["location"]) == []


def test_a_count_said_again_is_no_year():
    script = """
INT. WARD - NIGHT

SUPER: November 1983.

ARTHUR (80) in bed.

ARTHUR
Forty years I've had that fiddle. Forty-one.
"""
    assert messages(script, None, ["timeline"], "do not meet") == []


# -- misses of X and Y, read in general ------------------------------------------------------------------


def test_an_aid_back_in_the_other_ear():
    bible = """
characters:
  - name: Desmond Keogh
    aids: beige hearing aid in RIGHT ear
"""
    script = """
INT. STAGE DOOR - DAY

DESMOND KEOGH (67) reads the ledger. Desmond's hearing aid is back in his {side} ear, turned up high.
"""
    assert messages(script.format(side="right"), bible, ["appearance"]) == []
    assert messages(script.format(side="left"), bible, ["appearance"], "left")


def test_shaved_already_is_no_shave_in_the_scene():
    bible = """
characters:
  - name: Errol Quaid
    beard: full ginger-grey beard until he shaves it off on screen, sc. 2; clean-shaven sc. 2-4
    tattoo: blue anchor, LEFT forearm
"""
    script = """
EXT. VERANDAH - DAY

ERROL QUAID (52), ginger-grey beard, reads the barometer.

EXT. VERANDAH - DAY

Errol lathers the great ginger-grey beard and takes it off, stroke by careful stroke.

EXT. AIRSTRIP - DAY

Errol, shaved and in a clean shirt, waits.

Errol tugs at his {what} and grins at the ground. The blue anchor on Errol's {side} forearm flexes.
"""
    assert messages(script.format(what="collar", side="left"), bible, ["appearance"]) == []
    found = messages(script.format(what="beard", side="right"), bible, ["appearance"])
    assert any("beard" in m for m in found) and any("tattoo" in m for m in found), found


def test_a_surname_said_another_way():
    from continuity.language.names import near_miss

    assert near_miss("QUADE", "QUAID")
    assert not near_miss("QUAID", "QUAID")


def test_a_moustache_is_all_the_facial_hair_the_bible_gives():
    bible = """
characters:
  - name: Gordon Hask
    facial_hair: thick black moustache
"""
    script = """
INT. OFFICE - DAY

GORDON HASK (47), a thick black moustache, fills the doorway.

Hask's {what} twitches. He goes.
"""
    assert messages(script.format(what="moustache"), bible, ["appearance"]) == []
    assert messages(script.format(what="beard"), bible, ["appearance"], "beard")


def test_a_garment_in_a_list_of_fragments_is_the_wearers():
    bible = """
characters:
  - name: Declan Moss
    wardrobe: mustard corduroy jacket, white shirt, borrowed green knitted tie
"""
    script = """
INT. OFFICE - DAY

DECLAN MOSS (24), on the stool, yawns hugely. Same mustard jacket, same borrowed {colour} tie.
"""
    assert messages(script.format(colour="green"), bible, ["wardrobe"]) == []
    assert messages(script.format(colour="red"), bible, ["wardrobe"], "red tie")


def test_hauled_out_streaming_then_bone_dry():
    script = """
EXT. TUG - DECK - NIGHT

BENNY LAROCQUE (19) goes over the side, his lifeline snapping. Connie hauls him back. Benny lies gasping, water pouring out of his sleeves.

CONNIE
Below! Get warm!

INT. TUG - ENGINE ROOM - CONTINUOUS

Benny falls down the ladder, blue-lipped, {state}.

BENNY
Cold.
"""
    assert messages(script.format(state="dripping"), None, ["appearance", "wardrobe"], "dry") == []
    assert messages(script.format(state="bone dry"), None, ["appearance", "wardrobe"], "dry")


def test_without_his_glasses_when_he_always_wears_them():
    bible = """
characters:
  - name: Walt Pike
    glasses: round wire-rimmed, always
"""
    script = """
INT. ENGINE ROOM - NIGHT

WALT PIKE (58), his glasses steamed opaque, rides the throttle.

EXT. WHARF - DAY

Walt sits on a bollard with his cold pipe, squinting {how} his glasses.
"""
    assert messages(script.format(how="through"), bible, ["appearance"], "glasses") == []
    assert messages(script.format(how="without"), bible, ["appearance"], "without his glasses")


def test_without_his_glasses_is_a_moment_not_a_look():
    script = """
INT. FLAT - NIGHT

TOMAS (40), wire-rimmed glasses, sets his glasses on the sill. Tomas sits bolt upright, blind without his glasses.

INT. FLAT - DAY

Grey light. Tomas is awake, dressed, his glasses on.

TOMAS
Morning.
"""
    assert messages(script, None, ["appearance"], "glasses") == []
