"""Source texts: where a file names one, how its words are read, and how a passage is
found again when the words are not there verbatim.

Both :mod:`pactgraph.validate` (quotes written as offsets) and :mod:`pactgraph.literate`
(quotes written as words) read texts through here, so they count characters alike.
"""

from __future__ import annotations

from pathlib import Path

__all__ = ["CLOSE_ENOUGH", "beside", "closest_passage", "read_source", "shown"]


def shown(words: str) -> str:
    """Words of a text for a one-line message: spaces as one, the first 60 characters."""
    flat = " ".join(words.split())
    return f'"{flat[:60]}{"…" if len(flat) > 60 else ""}"'


#: How like a quote a passage must be to be that quote, changed (a ratio of difflib's).
CLOSE_ENOUGH = 0.8


def closest_passage(text: str, exact: str, near: int) -> tuple[int, int] | None:
    """Where ``text`` says nearly what ``exact`` says, as ``(start, end)``, or None.

    Candidates start where the longest run of characters the two share puts them (in the
    whole text, and in the stretch around ``near``, where the quote stood); each is tried
    with its ends moved by up to a fifth of the quote's length, snapped to whole words, and
    the likest passage wins if it is at least :data:`CLOSE_ENOUGH` alike.
    """
    import difflib

    if not exact or not text:
        return None
    size = len(exact)
    spans = [(max(0, near - 2 * size), min(len(text), near + 3 * size))]
    if len(text) <= 200_000:  # and in the whole text, where that is quick
        spans.append((0, len(text)))
    starts: set[int] = set()
    for low, high in spans:
        matcher = difflib.SequenceMatcher(None, text, exact, autojunk=False)
        block = matcher.find_longest_match(low, high, 0, size)
        if block.size:
            starts.add(max(0, block.a - block.b))
    slack = min(40, max(3, size // 5))
    # long quotes are compared word by word: as good a measure, and far quicker
    by_words = size > 400
    matcher = difflib.SequenceMatcher(
        None, [], exact.split() if by_words else exact, autojunk=False
    )  # the quote read once
    best: tuple[float, int, int] = (CLOSE_ENOUGH, -1, -1)
    for first in sorted(starts):
        for start in range(max(0, first - slack), min(len(text), first + slack) + 1):
            if start and not text[start - 1].isspace():
                continue  # passages start at a word
            for end in range(start + size - slack, min(len(text), start + size + slack) + 1):
                if end < len(text) and not text[end].isspace():
                    continue  # and end at one
                passage = text[start:end]
                matcher.set_seq1(passage.split() if by_words else passage)
                if matcher.real_quick_ratio() < best[0] or matcher.quick_ratio() < best[0]:
                    continue  # cannot beat the best so far
                ratio = matcher.ratio()
                if ratio > best[0] or (best[1] < 0 and ratio >= best[0]):
                    best = (ratio, start, end)
    return (best[1], best[2]) if best[1] >= 0 else None


def beside(agreement_file: Path, file_name: str) -> Path | None:
    """The source text ``file_name`` names beside ``agreement_file``, or None if it names
    anything else: a path, a parent folder, a link out of the folder, a device or a pipe."""
    name = Path(file_name)
    if name.name != file_name or file_name in {"", ".", ".."}:
        return None
    folder = agreement_file.parent.resolve()
    candidate = folder / name
    try:
        resolved = candidate.resolve()
    except OSError:
        return None
    if resolved.parent != folder:
        return None
    if candidate.exists() and not candidate.is_file():
        return None
    return candidate


def read_source(path: Path) -> str:
    """A source text as quotes count in it: UTF-8, line breaks as they are (``\\r\\n``
    counts two), a byte order mark not counted."""
    return path.read_bytes().decode("utf-8").removeprefix("\ufeff")
