"""`python -m phraselint` runs the command line."""

from .cli import main

main()
