"""The ``industry-atlas`` command, on top of everything: :mod:`.commands` registers every
subcommand with its options beside it, :mod:`.support` holds what several commands share,
:mod:`.reality` and :mod:`.draft` run the two longest ones.
"""

from .commands import main

__all__ = ["main"]
