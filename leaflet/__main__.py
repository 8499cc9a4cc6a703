"""`python -m leaflet`: the same as the `leaflet` command."""

from .cli import run

run()
