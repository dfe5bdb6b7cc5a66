"""The audit's address check (continuity/checks/address.py): names misspelt in dialogue and action, and a
character called by a name that is not theirs; false names the script establishes are never flagged.

The scenes are written as a writer writes them. The natural development set (../shared/corpus/natural, read by
path, skipped when absent) has the planted slips and the traps (cover names, pet names) of four screenplays.
"""

from __future__ import annotations

import json

import pytest
from checkutil import audit_text

from continuity.language.names import misspelling_of, self_names, vocatives

WEDDING = """
INT. NORA'S APARTMENT - MORNING

NORA QUINLAN (33) sorts the mail. MAGGIE (30s) leans in the doorway with a coffee.

MAGGIE
Nora, you have to open it eventually.

NORA
I know what it says.

Nora opens the envelope. Maggie reads over her shoulder.

MAGGIE
Nora and guest. Nora, that's you.

NORA
Maggie, please.

MAGGIE
Fine. But you're going.

INT. BOATHOUSE - NIGHT

Nora and JONAH (35) stand at the rail. Jonah holds two glasses.

JONAH
You're Nora.

NORA
And you're nobody I invited.

JONAH
{line}

Nora laughs. Jonah hands her a glass.

NORA
{reply}
"""


def findings(line: str, reply: str = "Thanks.", checks=("address",)):
    report = audit_text(WEDDING.format(line=line, reply=reply), checks=list(checks))
    return [f for f in report.findings if f.severity != "info"]


def test_a_name_misspelt_in_dialogue():
    [f] = findings("Grant has told me all about you, Norah.")
    assert (f.category, f.severity, f.subject, f.character) == ("name", "warning", "Norah", "NORA")
    assert f.message == "'Norah' looks like a misspelling of 'Nora' (NORA) in dialogue"


def test_a_vowel_for_a_vowel_in_action():
    report = audit_text(WEDDING.format(line="Cheers.", reply="Thanks.").replace(
        "Jonah hands her a glass.", "Jonuh hands her a glass."), checks=["address"])
    [f] = [f for f in report.findings if f.severity != "info"]
    assert f.subject == "Jonuh" and "in action" in f.message and f.character == "JONAH"


def test_a_character_called_by_the_name_of_someone_not_in_the_scene():
    [f] = findings("Drink up, Maggie.")
    assert (f.category, f.subject, f.character) == ("name", "MAGGIE.address", "MAGGIE")
    assert f.message == "JONAH calls someone 'Maggie' (MAGGIE), but MAGGIE is not in this scene"


@pytest.mark.parametrize("line, reply", [
    ("Drink up, Nora.", "Thanks."),                                    # the right name
    ("Daniel Ferris. I'm an architect.", "Cheers, Daniel."),          # a cover name, and her using it
    ("Call me Dan.", "Fine, Dan."),                                    # a short form of it
    ("Claude's idea, the boathouse.", "Claude?"),                      # a pet name for someone else
    ("Nora? Nora, look at me.", "Maggie would love this."),           # an absent character named, not called
    ("Maggie?", "Thanks."),                                            # a name alone asks about someone
])
def test_what_a_writer_writes_is_not_flagged(line, reply):
    assert findings(line, reply) == []


def test_the_name_helpers():
    assert vocatives("Nell, please.") == [("Nell", 0)]
    assert [n for n, _ in vocatives("Died of loneliness. Hold it still, June.")] == ["June"]
    assert vocatives("Yes, well.") == [] and vocatives("Nak?") == []
    assert self_names("Hi. I'm Rory, the passenger.") == ["Rory"]
    assert misspelling_of("Norah", ["Nora"]) == "Nora" and misspelling_of("Cicely", ["Cecily"]) == "Cecily"
    assert misspelling_of("Theo", ["Teo"]) == "Teo" and misspelling_of("Claude", ["Claudette"]) is None
    assert misspelling_of("Nells", ["Nell"]) is None and misspelling_of("Jonny", ["Jon"]) is None


NAME_KINDS = ("name-dialogue", "name-action", "name-cue", "wrong-name")


def test_the_natural_set_slips_found_and_traps_left_alone(corpus):
    from continuity.audit import run
    from continuity.language.embedding import HashingEmbedder
    from continuity.screenplay.io import load_script

    natural = corpus / "natural"
    if not natural.is_dir():
        pytest.skip("no natural development set")
    found, missed = [], []
    for labels in sorted(natural.glob("*.labels.json")):
        name = labels.name.split(".")[0]
        script = load_script(natural / f"{name}.planted.fountain")
        report = run(script, None, embedder=HashingEmbedder(), cache_dir=None, checks=["name", "address"])
        loud = [f for f in report.findings if f.severity != "info"]
        lines = {f.line for f in loud}
        for slip in json.loads(labels.read_text()):
            if slip["kind"] in NAME_KINDS:
                (found if slip["line"] in lines else missed).append((name, slip["kind"], slip["text"]))
        slips = {s["line"] for s in json.loads(labels.read_text())}
        traps = {t["line"] for t in json.loads((natural / f"{name}.traps.json").read_text())}
        assert not lines & traps, (name, sorted(lines & traps))
        assert lines <= slips, (name, [f.to_dict() for f in loud if f.line not in slips])
    # 8 of the 9: the one left is a wrong name in action (the bride called by her friend's name), not dialogue
    assert len(found) == 8 and [k for _, k, _ in missed] == ["wrong-name"], missed


def test_the_corpus_screenplays_give_the_address_check_nothing(corpus):
    from continuity.audit import run
    from continuity.language.embedding import HashingEmbedder
    from continuity.screenplay.io import load_script

    for path in sorted((corpus / "screenplays").iterdir()):
        report = run(load_script(path), None, embedder=HashingEmbedder(), cache_dir=None, checks=["address"])
        assert [f.to_dict() for f in report.findings if f.severity != "info"] == [], path.name


CAMP = """
INT. STORE - DAY

DEPUTY CALEB DUNMORE (41) leans on the counter. HANNAH (34) counts coins. MATEO (44) waits by the door. Mateo nods to Hannah.

DEPUTY DUNMORE
Three dollars.

HANNAH
{line}

MATEO
Leave it, Hannah.

Mateo pays. Dunmore pockets it. Mateo goes. Hannah and Dunmore stare at each other.

DEPUTY DUNMORE
Good day.
"""


@pytest.mark.parametrize("line, called", [
    ("Put it away, Calvin, or I'll put you out.", "Calvin"),
    ("Does your wife know you're here, Calum?", "Calum"),
])
def test_someone_called_by_a_name_that_only_begins_like_theirs(line, called):
    r = audit_text(CAMP.format(line=line), checks=["address"])
    [f] = [f for f in r.findings if f.severity != "info"]
    assert f.character == "DEPUTY DUNMORE" and f.subject == "DEPUTY DUNMORE.address"
    assert f"calls DEPUTY DUNMORE {called!r}" in f.message


@pytest.mark.parametrize("line", ["Put it away, Cal.", "Put it away, Caleb.", "Joan of Arc couldn't pay that.",
                                  "Put it away, Deputy."])
def test_pet_names_real_names_and_titles_are_no_other_name(line):
    r = audit_text(CAMP.format(line=line), checks=["address"])
    assert [f.message for f in r.findings if f.severity != "info"] == []


def test_a_name_that_is_also_a_word_of_the_world_is_a_slip_only_where_its_look_alike_is():
    here = audit_text(CAMP.replace("Mateo pays.", "Matteo pays."), checks=["address"])
    assert [f.subject for f in here.findings if f.severity != "info"] == ["Matteo"]
    # a Matteo in a scene Mateo is not in may be anyone
    away = CAMP.replace("MATEO (44) waits by the door. Mateo nods to Hannah.", "").replace("MATEO\nLeave it, Hannah.\n", "")
    away = away.replace("Mateo pays. Dunmore pockets it. Mateo goes.", "Matteo's mule brays outside.")
    r = audit_text(away + "\nINT. CLAIM - DAY\n\nMATEO digs. Mateo rests. Mateo digs again.\n", checks=["address"])
    assert [f.subject for f in r.findings if f.severity != "info"] == []


def test_a_question_that_ends_with_a_name_calls_them():
    assert vocatives("Does your daughter know you're here, Augustus?") == [("Augustus", 37)]
    assert vocatives("Nak?") == []
