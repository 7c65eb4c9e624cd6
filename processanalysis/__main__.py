"""``python -m processanalysis`` runs the command line."""

from processanalysis.cli.main import main

raise SystemExit(main())
