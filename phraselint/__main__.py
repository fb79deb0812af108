"""`python -m phraselint` runs the command line."""

from .cli.launch import main

main()
