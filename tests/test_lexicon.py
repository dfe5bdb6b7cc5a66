"""Attribute vocabulary: extraction and conflict decisions."""

from __future__ import annotations

import pytest

from continuity.language.lexicon import appearance_in, attributes_in, garment_kind, garments_in, values_conflict


@pytest.mark.parametrize(
    "text, expected",
    [
        ("MARA QUINN (30s), wiry and restless, red hair whipped by the wind", {"age": "30s", "build": "slim", "hair": "red"}),
        ("ELI VANCE, 60s, grey beard, pale blue eyes", {"age": "60s", "beard": "grey", "eyes": "blue"}),
        ("WILL BLOOM, AGE 3, listens", {"age": "3"}),
        ("EDWARD BLOOM, 40's and handsome", {"age": "40s"}),
        ("her hair, now blonde, whips", {"hair": "blonde"}),
        ("a red-haired girl", {"hair": "red"}),
        ("a stocky man with auburn hair and green-eyed", {"build": "heavy", "hair": "red", "eyes": "green"}),
        ("He opens the red door.", {}),
    ],
)
def test_attributes_in(text, expected):
    assert attributes_in(text) == expected


def test_garments_with_colour_and_kind():
    found = garments_in("He wears a grey wool sweater and black boots; she zips her yellow rain jacket.")
    assert [(g.colour, g.kind) for g in found] == [("grey", "sweater"), ("black", "shoes"), ("yellow", "jacket")]
    assert garments_in("a coat") == []  # no colour, nothing to compare


@pytest.mark.parametrize(
    "attr, a, b, conflict",
    [
        ("hair", "red", "blonde", True),
        ("hair", "red", "red", False),
        ("hair", "dark", "black", False),
        ("hair", "dark", "blonde", True),
        ("age", "30s", "35", False),
        ("age", "30s", "50s", True),
        ("age", "17", "18", False),
        ("glasses", "yes", "no", False),
    ],
)
def test_values_conflict(attr, a, b, conflict):
    assert values_conflict(attr, a, b) is conflict


def test_synonyms_are_one_value():
    assert appearance_in("auburn hair")[0].value == appearance_in("ginger hair")[0].value == "red"
    assert appearance_in("gray eyes")[0].value == "grey"


def test_garment_kind():
    assert garment_kind("green oilskin coat") == "coat"
    assert garment_kind("grey wool sweater") == "sweater"
    assert garment_kind("a lucky charm") is None
