"""Screenplay writers: :mod:`.fountain`, :mod:`.fdx` and :mod:`.pdf` (industry format).

:func:`continuity.api.save_script` picks one by file extension and refuses others.
"""
