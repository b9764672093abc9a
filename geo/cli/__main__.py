"""``python -m geo.cli``: the ``industry-atlas`` command."""

import sys

from .commands import main

sys.exit(main())
