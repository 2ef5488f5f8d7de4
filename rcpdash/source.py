"""Find verbatim quotes in the report's text, whitespace-insensitively.

Used by the data tests (every evidence quote must occur in the source) and as a small CLI
for whoever curates the data::

    python -m rcpdash.source "the quote to look up"      # prints its line number(s)
"""

from __future__ import annotations

import bisect
import re
import sys
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .config import SOURCE_TEXT

_WS = re.compile(r"\s+")


def normalise(text: str) -> str:
    """Collapse every run of whitespace to one space and strip the ends."""
    return _WS.sub(" ", text).strip()


@dataclass(frozen=True)
class SourceText:
    """The report's text with whitespace collapsed, and a map back to 1-based line numbers."""

    flat: str
    line_starts: tuple[int, ...]  # offset in `flat` where each source line begins

    def find(self, quote: str) -> list[int]:
        """Return the 1-based lines where `quote` starts (empty if it is not verbatim)."""
        needle = normalise(quote)
        if not needle:
            return []
        lines, start = [], self.flat.find(needle)
        while start != -1:
            lines.append(bisect.bisect_right(self.line_starts, start))
            start = self.flat.find(needle, start + 1)
        return lines

    def contains(self, quote: str) -> bool:
        """True when `quote` occurs verbatim (whitespace collapsed)."""
        return bool(self.find(quote))


def parse_source(raw: str) -> SourceText:
    """Build a :class:`SourceText` from the raw report text."""
    parts: list[str] = []
    starts: list[int] = []
    offset = 0
    for line in raw.splitlines():
        piece = normalise(line)
        starts.append(offset)
        if piece:
            parts.append(piece)
            offset += len(piece) + 1
    return SourceText(" ".join(parts), tuple(starts))


@lru_cache(maxsize=2)
def load_source(path: Path = SOURCE_TEXT) -> SourceText | None:
    """Load the report's text, or None when it is not on this machine."""
    try:
        return parse_source(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    source = load_source()
    if source is None:
        print(f"source text not found at {SOURCE_TEXT}", file=sys.stderr)
        return 2
    status = 0
    for quote in args:
        lines = source.find(quote)
        print(f"{','.join(map(str, lines)) or 'NOT FOUND'}\t{normalise(quote)[:80]}")
        status |= not lines
    return status


if __name__ == "__main__":
    raise SystemExit(main())
