"""Visual continuity: shot lists, frames, and the checks on them.

``shots`` (the shot-list model and its JSON), ``shots_json`` (reading and
validating shot lists), ``frames`` (stills read safely), ``checks`` (screen
direction over a shot list, colour and light on frames).

May import: ``continuity.checks`` (for the findings model) and everything below.
"""
