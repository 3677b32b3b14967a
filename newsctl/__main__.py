"""`python -m newsctl` runs the command line."""

from newsctl.cli.app import main

main()
