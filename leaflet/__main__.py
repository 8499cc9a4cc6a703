"""`python -m leaflet`: the same as the `leaflet` command."""

import sys

from .cli import main

sys.exit(main())
