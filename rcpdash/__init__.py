"""rcpdash: network analysis of interstate cooperation on migration (IOM, 2005)."""

__version__ = "0.1.0"
