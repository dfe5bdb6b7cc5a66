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
