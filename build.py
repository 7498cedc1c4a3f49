#!/usr/bin/env python3
"""Check the community content plan and build its site, calendars and feeds.

Run `python build.py --help` for the commands.
"""

import sys

from generator.cli import main

if __name__ == "__main__":
    sys.exit(main())
