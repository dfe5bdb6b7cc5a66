"""Visual continuity: shot lists, frames, and the checks on them.

``shots`` (the shot-list model and its JSON), ``shots_json`` (reading and
validating shot lists), ``identity`` (how a character looks in a scene: the one
reader of looks and wardrobe), ``staging`` (poses, props and sets from the action),
``layout`` (where each figure is in a frame), ``board`` (the three per shot),
``frames`` (stills read safely), ``colour`` (colour science), ``checks`` (screen
direction over a shot list, colour and light on frames), ``wardrobe`` (figure
colours read back: the identity check and score).

May import: ``continuity.checks`` (for the findings model), ``continuity.story``
(the costume timeline) and everything below.
"""
