"""Wet through and dry again, rings and coats that changed hands or went into a stove, and parts of props.

Each reading has a slip case and its clean twin. Written in the ninth session, after misses
on sets I, N, M, S, U and flags on the clean scripts of B, H, M, G and the development set C.
"""

from __future__ import annotations

from checkutil import messages

from continuity.language.parse import Parser
from continuity.language.state_phrases import read as read_states


def _states(text: str) -> list[tuple[str, str]]:
    return [(t.key, t.value) for t in read_states(Parser(None).parse(text))]


def test_through_the_ice_streaming_and_snow_packed_in_are_wet():
    assert ("state.clothes.wet", "wet") in _states("Otto drops through it to his chest, into the grey water.")
    assert ("state.clothes.wet", "wet") in _states("He slides out onto the ice like a seal, streaming, and lies there.")
    assert ("state.clothes.wet", "wet") in _states("He flounders up with snow packed into his collar.")
    assert ("state.clothes.wet", "dry") in _states("She combs out the end of her bone-dry braid.")
    # snow in a moustache is weather on a face, not wet clothes
    assert _states("Owen patrols the rope line, snow crusted in his moustache.") == []


FALL = """
EXT. THE RIDGE - DAY

OTTO (70) walks out onto the ice. It gives, and Otto drops through it to his chest in the black water.

NELL (12) hauls him out. He slides onto the ice, streaming, and lies there.

NELL
Grandpa!

OTTO
I'm all right.

INT. RAY'S TRUCK - CONTINUOUS

Heater roaring. The windows steam in seconds.

In the back seat, Otto shakes so hard his teeth click, {state} from his hat to his boots.
"""


def test_dry_in_the_continuous_scene_after_the_ice_is_flagged():
    found = messages(FALL.format(state="dry"), None, ["wardrobe"], "OTTO")
    assert any("dry" in m for m in found), found
    # windows that steam dry no one; soaked still is right
    assert messages(FALL.format(state="soaked"), None, ["wardrobe"], "OTTO") == []


APRON = """
EXT. COYLE STREET - NIGHT

IDA (50) stands alone in the middle of the cobbles, drenched to the skin. She lifts her face. Rain soaks her
mustard apron.

INT. MARROW SIGNS - CONTINUOUS

She comes back in, dripping. TEO (20) shakes his head at her. He takes the rag-towel from the stove rail and hands it to her.

IDA
Thank you, Teo.

TEO
You'll catch your death.

She sits on her stool and {act} the crisp, dry hem of her apron.
"""


def test_a_towel_dries_hair_not_a_soaked_apron():
    found = messages(APRON.format(act="smooths"), None, ["wardrobe"], "IDA")
    assert any("dry hem of her apron" in m for m in found), found


def test_clothes_changed_on_screen_and_hair_towelled_are_not_flagged():
    changed = """
EXT. CANAL - NIGHT

Theo hauls himself onto the towpath, drenched, the cardigan hanging off him.

INT. THE BLACK HERON - CONTINUOUS

Theo stands there soaked to the skin. Rafe comes back with a folded black T-shirt.

Theo peels off the sodden cardigan and drags on the dry shirt. Lena towels her hair.
"""
    assert messages(changed, None, ["wardrobe"], "dry") == []
    braid = """
INT. FLAT - NIGHT

Lena comes in soaked to the skin, her braid dripping.

Lena sits in the green armchair, out of her wet things now and into a dry grey hoodie, a towel round her
shoulders, her braid still dark and damp.
"""
    assert messages(braid, None, ["wardrobe"], "damp") == []


RING = """
INT. DOME - NIGHT

MARGIT (60s) waits at the foot of the stair. On her left hand, a milky moonstone ring.

MARGIT
Hold out your hand.

ISLA (15) does. Margit works the moonstone ring off her own finger and drops it into Isla's palm.

Margit at the console with her glasses on, {whose} moonstone ring tapping on the dials.
"""


def test_a_ring_dropped_into_another_palm_is_theirs():
    found = messages(RING.format(whose="her"), None, ["wardrobe"], "ring")
    assert any("MARGIT" in m and "ISLA" in m for m in found), found
    assert messages(RING.format(whose="Isla's"), None, ["wardrobe"], "gave it") == []


JACKET = """
INT. DEVON'S CAR - DAY

DEVON (31) sits at the wheel in his charcoal suit jacket. He checks his mirror. He drums his fingers.

MARGIT (60) drops in beside him, soaked. She wipes her glasses on her sleeve. She shivers.

Devon shrugs out of his charcoal suit jacket and holds it out to her.

DEVON
Go on.

She looks at it. Puts it on. The sleeves come down past her fingers.

MARGIT
I look like I've come to repossess something.

INT. DOME - CONTINUOUS

Devon stands beside her in {what}.
"""


def test_a_jacket_held_out_and_put_on_by_the_other_is_theirs():
    found = messages(JACKET.format(what="his charcoal suit jacket and tie"), None, ["wardrobe"], "gave it")
    assert any("DEVON" in m and "MARGIT" in m for m in found), found
    assert messages(JACKET.format(what="his shirtsleeves and tie"), None, ["wardrobe"], "gave it") == []


BIBLE_TRENCH = """
characters:
  mara:
    description: "Ash-blonde. She wears a camel trench coat."
"""

TRENCH = """
INT. EVA'S KITCHEN - NIGHT

MARA (40) in her camel trench, blood soaking into the cuff. She holds her hand to her chest.

The blood-soaked scarf lies on the floor beside the ruined trench coat.

Bruno kneels at the stove and opens its door.

He feeds the trench coat in, then the scarf. The wool hisses and catches.

MARA
They'll be looking for a woman in a camel coat.

BRUNO
Let them look.

INT. EVA'S KITCHEN - LATER

Mara {act}.
"""


def test_a_coat_fed_into_the_stove_is_not_worn_again():
    found = messages(TRENCH.format(act="belts her camel trench to the throat"), BIBLE_TRENCH, ["prop"])
    assert any("camel trench" in m and "burnt" in m for m in found), found
    # another coat of hers is another coat
    assert messages(TRENCH.format(act="buttons the navy pea coat Eva lends her"), BIBLE_TRENCH, ["prop"]) == []


def test_a_shirt_gone_see_through_is_wet_not_lost():
    text = """
EXT. CREEK - DAY

JUNE (38) in a pressed white shirt and navy slacks wades in.

June comes up gasping, white shirt gone see-through, slacks ballooning.

INT. JUNE'S HOUSE - DAY

SUPER: ONE YEAR LATER

June, in a T-shirt and jeans, signs a stack of papers.
"""
    assert messages(text, None, ["prop"], "lost") == []


PARTS_BIBLE = """
props:
  tablet:
    what: Devon's tablet in a scuffed yellow rubber case
  roz skates:
    what: Roz's quad skates, white boots, PURPLE wheels
  Juno's old epee:
    what: matte black guard wrapped in green electrical tape
"""


def _part(line: str) -> str:
    return f"""
INT. HALL - DAY

ROZ (40) and DEVON (31) wait by the lectern.

ROZ
Ready?

DEVON
Never.

{line}
"""


def test_a_part_of_a_prop_in_its_case_on_its_guard_or_by_its_owner():
    found = messages(_part("Devon at the lectern, the tablet in its red case propped on the stand."), PARTS_BIBLE,
                     ["prop"])
    assert any("red case" in m and "yellow" in m for m in found), found
    found = messages(_part("Roz lines up on the jammer line, her old orange wheels biting the sport court."),
                     PARTS_BIBLE, ["prop"])
    assert any("orange wheels" in m and "PURPLE" in m for m in found), found
    found = messages(_part("The red tape on her borrowed guard catches the light."), PARTS_BIBLE, ["prop"])
    assert any("red tape" in m and "green" in m for m in found), found


def test_parts_in_their_bible_colours_are_not_flagged():
    assert messages(_part("Devon at the lectern, the tablet in its yellow case propped on the stand."), PARTS_BIBLE,
                    ["prop"]) == []
    assert messages(_part("Roz lines up on the jammer line, her purple wheels biting the sport court."), PARTS_BIBLE,
                    ["prop"]) == []
    # lettering done in a colour is not a part
    assert messages(_part("The tablet's screen says ROUTES in white tape."), PARTS_BIBLE, ["prop"]) == []
