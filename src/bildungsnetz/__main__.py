"""Run the command line: ``python -m bildungsnetz``."""

import sys

from bildungsnetz.cli import main

if __name__ == "__main__":
    sys.exit(main())
