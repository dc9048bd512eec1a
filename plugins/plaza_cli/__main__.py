"""``python -m plaza_cli``: the ``plaza`` command without its installed launcher."""

import sys

from plaza_cli.cli import main

sys.exit(main())
