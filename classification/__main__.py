"""``python -m classification``: see classification/cli.py."""

import sys

from classification.cli import main

sys.exit(main())
