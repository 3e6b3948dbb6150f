"""``python -m spocdesk``."""

import sys

from spocdesk.cli import main

sys.exit(main())
