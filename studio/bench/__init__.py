"""``studio bench``: measurements of the audit and of generation.

``commands`` (the group), ``reliability`` (the verification loop against a
fault-injecting model), ``fidelity`` (what a generated script keeps of its
treatment), ``detection`` and ``plant`` (planted errors the audit must find),
``common`` (what the runs share).

May import: ``studio.generation`` and everything below it.
"""
