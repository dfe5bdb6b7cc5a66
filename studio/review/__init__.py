"""Reviewing audit findings: the findings store, the actions, the local web page and ``studio findings``."""
