"""`python -m newsctl` runs the command line."""

from newsctl.cli.entry import main

main()
