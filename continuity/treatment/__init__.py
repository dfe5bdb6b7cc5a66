"""Treatments: what a treatment says per scene, and whether a written scene keeps to it.

``facts`` (places, times, characters, props and beats read in code from a
treatment), ``fidelity`` (does a scene say what its facts say), ``plan`` (does a
scene keep to its plan), ``reader`` (what a reader stops at: cut-off lines, names
only, wrong or misspelt names, past tense, invented words...; with ``people``, who
the bible's characters are to each other). The generation verifier uses these with the audit.

May import: ``continuity.checks`` (for the findings model) and everything below.
"""
