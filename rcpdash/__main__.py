"""``python -m rcpdash``: the ``rcpdash`` command (rcpdash.cli)."""

from .cli import main

raise SystemExit(main())
