"""A family name several of the bible's people share is a name, and its misspelling is theirs, not the
nearest alias's ("Anna Dobrowska", the name Fern books under)."""

from __future__ import annotations

from checkutil import messages

BIBLE = """
people:
  - name: Casimir "Cas" Dobrowski
    cue: CAS
    age: 68
  - name: Fern Lowrie
    cue: FERN
    age: 19
    alias: Books the test as his daughter "Anna Dobrowska"
  - name: Piotr Dobrowski
    cue: PIOTR
  - name: Priya Nair
    cue: DR NAIR
    age: 40
"""

SCRIPT = """
INT. DOBROWSKI PIANOS - DAY

CASIMIR "CAS" DOBROWSKI (68) pours tea. FERN LOWRIE (19) sweeps.

CAS
Tea.

FERN
Ta.

INT. CLINIC - DAY

DR NAIR (40) looks up.

DR NAIR
Mr Dobrowski? Sit.

CAS
Fine.

DR NAIR
Right, Mr {name}. Into the booth.
"""


def test_a_misspelt_family_name_is_the_familys():
    found = messages(SCRIPT.format(name="Dombrowski"), BIBLE, ["name", "address"], "Dombrowski")
    assert found and "'Dobrowski' (CAS, PIOTR" in found[0]


def test_the_family_name_itself_is_no_misspelling_of_an_alias():
    assert messages(SCRIPT.format(name="Dobrowski"), BIBLE, ["name", "address"]) == []


def test_a_name_with_its_last_e_dropped_is_a_slip():
    bible = """
characters:
  - name: Junie Okafor
    cue: JUNIE
    age: 16
  - name: Margo Bell
    cue: MARGO
    age: 60
"""
    script = """
INT. STUDIO - NIGHT

JUNIE (16) and MARGO (60) hold the plywood. Junie grins.

JUNIE
Up.

MARGO
Up.

INT. STUDIO - CONTINUOUS

Margo sweeps glass into a dustpan. {name} stares at the plywood.

JUNIE
We can't see the harbor.
"""
    found = messages(script.format(name="Juni"), bible, ["name", "address"], "Juni")
    assert found and "'Junie'" in found[0]
    assert messages(script.format(name="Junie"), bible, ["name", "address"]) == []
