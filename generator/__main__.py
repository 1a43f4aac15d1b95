"""`python -m generator`: the same command line as `bdp`."""
from generator.cli import main

raise SystemExit(main())
