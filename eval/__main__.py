"""``python -m eval``: see ``python -m eval --help``."""

import sys

from eval.cli import main

sys.exit(main())
