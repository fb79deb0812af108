"""`python -m phraselint` runs the command line."""

from .launch import main

main()
