"""``python -m pactgraph``: the same as the ``pactgraph`` command."""

from pactgraph.cli import main

raise SystemExit(main())
