"""Screenplay writers: :mod:`.fountain` and :mod:`.fdx`, the inverses of the readers.

:func:`continuity.io.save_script` picks one by file extension.
"""
