"""The words the object reader knows: verbs of loss and use, places things go for good, and nouns
that are never props (:mod:`continuity.story.objects` reads sentences with them)."""

from __future__ import annotations

import re

# -- verb lexicons (lemmas) --------------------------------------------------------------

DESTROY = frozenset(
    "smash shatter destroy crush burn incinerate snap shred demolish pulverize pulverise wreck melt torch "
    "splinter flatten obliterate stamp stomp trample explode cremate dissolve mangle crumple annihilate "
    "vaporize vaporise squash pulp grind shatter pound".split()
)
# Intransitive destruction: the subject is lost.
PERISH = frozenset(
    "shatter burst explode disintegrate crumble splinter smash implode melt dissolve incinerate perish crunch crumple "
    "fragment collapse short fuse".split()
)
SINK = frozenset("sink founder submerge drown".split())
VANISH = frozenset("vanish disappear".split())
THROW = frozenset(
    "throw fling hurl toss drop kick dump tip pitch chuck lob cast push knock flush feed heave launch "
    "slide roll let sling bin ditch jettison post shove jam cram stuff".split()
)
SWEEP = frozenset("sweep wash carry drag blow snatch suck pull take".split())
STEAL = frozenset("steal snatch pickpocket pilfer swipe filch loot".split())
LOSE = frozenset("lose misplace ditch discard jettison".split())  # ("ditched her umbrella": thrown away, wherever)
GIVE = frozenset("give hand pass sell pawn trade swap lend donate surrender bequeath offer slip toss throw".split())
ALIENATE = frozenset("sell pawn trade auction".split())
RECOVER = frozenset(
    "find recover retrieve repair fix mend glue rescue salvage replace buy fish regain reclaim restore "
    "rebuild patch solder reassemble purchase return spot discover unearth dredge recapture".split()
)
# Verbs whose object is not physically there.
ABSENT = frozenset(
    "search seek miss lack need want mourn remember recall imagine picture dream describe mention ask discuss "
    "think talk wonder regret crave wish grieve".split()
)
#: What a thing breaks against when it hits it.
HARD = frozenset("boulder boulders rock rocks stone stones floor wall walls concrete pavement ground tarmac asphalt "
                  "bitumen tiles flagstones kerb curb step steps sidewalk".split())
#: Eating or drinking a thing up: gone ("eats it all", "wolfs down the last sandwich", "drains the flask").
CONSUME = frozenset("eat devour gobble wolf scoff swallow polish drink drain down guzzle finish".split())
STATE = frozenset(
    "sit lie rest gleam glint glow shine tick ring buzz vibrate hang dangle stand wait remain lay perch shimmer "
    "hum beep chime flash blink sparkle twinkle glisten lean peek poke protrude swing sway jut".split()
)
# Places an object does not come back from.
#: Places a thing is gone into only when it vanishes there ("vanishes into the slurry"; not "boots sink into the mud").
MIRES = frozenset("mud slurry muck mire sludge silt ooze slime".split())
GONE_PLACES = frozenset(
    "fire flames flame fireplace hearth furnace stove oven bonfire blaze pyre inferno incinerator sea ocean river "
    "lake harbour harbor bay canal well drain sewer pond water waves wave surf abyss chasm ravine gorge toilet bin "
    "trash garbage dumpster shredder grinder depths deep current void gutter swamp marsh bog lava quicksand "
    "rapids waterfall falls tide torrent ashes edge cliff precipice side railing rail parapet ledge "
    "letterbox postbox mailbox slot "
    "bush scrub saltbush undergrowth bracken heather weeds reeds dunes desert wilderness darkness dark night "
    "snowdrift crevasse canyon quarry".split()
)
AWAY = frozenset("overboard away".split())
#: Motions that take a thing away on something else ("riding away on the tram", "sails away on the ferry").
CARRIED_OFF = frozenset("ride sail trundle rattle roll travel disappear go".split())
VEHICLES = frozenset("tram bus train ferry boat ship truck lorry car cart wagon taxi cab coach barge".split())
#: Putting a thing into a fire burns it; putting it on the stove does not.
PUT = frozenset("put place lay set stuff tuck slip push lower".split())
FIRE = frozenset("fire flames flame fireplace hearth furnace stove oven bonfire blaze pyre inferno incinerator lava".split())
ASH = frozenset("ash ashes dust splinters pieces rubble cinders smithereens ruins wreckage fragments shards scrap "
                "junk pulp mush powder fragment shard piece bits splinter".split())
NOTHING_LEFT_RE = re.compile(
    r"\b(?:nothing (?:is |was )?(?:left|remains)|beyond repair|reduced to (?:ash|ashes|dust|rubble|pieces)|"
    r"to (?:dust|ashes|smithereens)|into (?:a thousand|a hundred|a million) pieces)\b", re.IGNORECASE)
GONE_STATES = frozenset("gone missing lost destroyed ruined stolen".split())
REMAINS_ADJ = frozenset(
    "broken shattered smashed burnt burned charred ruined crushed twisted melted destroyed wrecked dead "
    "mangled cracked sodden waterlogged blackened scorched empty useless".split()
)
REMAINS_NOUN = frozenset(
    "pieces piece shards shard fragments fragment remains wreckage ashes ash remnants remnant bits bit debris "
    "photo photograph picture drawing painting sketch memory thought image ghost shell husk rest splinters "
    "outline replica copy model dream".split()
)
# Things fixed to a place: a window that breaks here is not the window of another set.
FIXTURES = frozenset(
    "window windows windowpane pane mirror chandelier statue fountain windshield windscreen skylight greenhouse shed "
    "barn cabin hut tower lighthouse tree fence gate sign signpost bridge pier jetty dam wall clock television tv "
    "aquarium tank boiler pipe pipes sink bathtub toilet stove oven fridge refrigerator furnace streetlight lamppost "
    "bulb lightbulb headlight headlights".split()
)
INDEFINITE = frozenset("a an another some one new spare replacement second fresh different other".split())
SPECIFIC_WITH_DEFINITE = frozenset("spare second other".split())
# People who are not the cast: a hand-over to them, or a taking by them, loses the object.
PERSON_NOUNS = frozenset(
    "thief thieves pickpocket burglar robber mugger bandit crook looter stranger strangers man woman men women boy "
    "girl kid kids child guard guards officer cop cops soldier soldiers policeman policewoman dealer pawnbroker "
    "collector buyer customer passer-by passerby boater fisherman sailor beggar vagrant tramp waiter waitress "
    "bartender clerk attendant porter driver cabbie mugger gang gangster tourist vendor merchant trader peddler "
    "figure someone somebody crowd dog gull gulls seagull crow crows magpie monkey".split()
)
# Forces of nature that carry a thing off ("The tide takes it.", "the sea swallows the ring").
FORCES = frozenset("tide tides sea ocean waves wave current river wind gale storm flood fire flames blaze water "
                   "surf swell undertow rapids whirlpool avalanche".split())
SWALLOW = frozenset("take swallow claim consume devour carry sweep snatch pull drag suck".split())
TAKE = frozenset("take lift grab snatch pocket swipe nab seize confiscate pinch nick steal filch pilfer".split())
PERSON_PRONOUNS = frozenset("he she they him her them i you we me us".split())
OBJECT_PRONOUNS = frozenset("it them they".split())
# Nouns that are events, feelings or surroundings, never props.
NOT_PROPS = frozenset(
    "half halves rest part parts bit bits remainder most none "  # "half of his beard is gone": a quantity, not a thing
    "silence tension spell mood news rules rule law record promise heart stillness quiet calm peace moment "
    "illusion deadlock ice connection contact fast habit concentration trance light darkness dark sun moon sky "
    "day night dawn dusk morning evening afternoon noon time sound noise music voice laugh laughter smile "
    "tears tear breath air wind rain snow fog mist smoke steam cloud clouds storm thunder lightning silence "
    "wave waves sea ocean water river fire flames flame world life hope dream dreams moment moments mind "
    "thought thoughts memory memories eyes eye face head hand hands arm arms leg legs body skin hair mouth lips "
    "nose ear ears feet foot finger fingers shoulder shoulders back chest heart stomach neck knees knee "
    "man woman men women boy girl people crowd kid kids child children baby guy lady person family "
    "room house floor wall walls ceiling street road door doors window windows ground earth surface "
    "bottom top side edge end middle way place world story game match deal plan idea truth lie joke "
    "point line lines word words name names thing things something nothing everything anything one ones "
    "tension spirits mood momentum bond bonds barrier barriers code cycle chain routine minute minutes second "
    "seconds hour hours while nothing shut open "
    "gust gusts breeze squall draught "  # "A gust tears the beanie off his head and flings it"
    "clay mud dirt soil sand silt gravel dust grit muck gumbo slush sludge ash plaster matrix sediment".split()
    # ("the clay has fallen away from a curved ridge of bone": the ground, not a thing anyone holds)
) | FORCES

__all__ = [
    "ATTACHED",
    "FROM_BEFORE_RE",
    "PART_AFTER_RE",
    "DESTROY",
    "PERISH",
    "SINK",
    "VANISH",
    "THROW",
    "SWEEP",
    "STEAL",
    "LOSE",
    "GIVE",
    "ALIENATE",
    "RECOVER",
    "ABSENT",
    "HARD",
    "CONSUME",
    "STATE",
    "GONE_PLACES",
    "AWAY",
    "CARRIED_OFF",
    "VEHICLES",
    "PUT",
    "FIRE",
    "ASH",
    "NOTHING_LEFT_RE",
    "GONE_STATES",
    "REMAINS_ADJ",
    "REMAINS_NOUN",
    "FIXTURES",
    "INDEFINITE",
    "SPECIFIC_WITH_DEFINITE",
    "PERSON_NOUNS",
    "FORCES",
    "SWALLOW",
    "TAKE",
    "PERSON_PRONOUNS",
    "OBJECT_PRONOUNS",
    "NOT_PROPS",
]


#: A thing named as where another came from: "from his waistcoat" (not "shrugs out of his jacket": taken off).
FROM_BEFORE_RE = re.compile(r"\bfrom\s+(?:his|her|their|the|its)\s+(?:[\w-]+\s+){0,2}$", re.IGNORECASE)
#: Things that hang on another, named after it: the chain of a watch is not what is then held out.
ATTACHED = {"chain": {"watch", "locket", "pendant", "medal", "medallion", "key", "keys", "whistle", "compass"},
             "strap": {"watch", "bag", "camera", "satchel"}, "cord": {"whistle", "stopwatch", "medal", "pendant"}}
#: A thing's word used of a part of it ("her jacket pocket"): the pocket is named, not the jacket.
PART_AFTER_RE = re.compile(r"\s+(?:pocket|pockets|sleeve|sleeves|collar|lining|buttons?|hood|zip|cuffs?|strap|lid|case|"
                            r"flap|clip|cord|chain|screen)\b", re.IGNORECASE)
