"""Source texts: where a file names one, how its words are read, and how a passage is
found again when the words are not there verbatim.

Both :mod:`pactgraph.validate` (quotes written as offsets) and :mod:`pactgraph.literate`
(quotes written as words) read texts through here, so they count characters alike.
"""

from __future__ import annotations

from pathlib import Path

__all__ = [
    "CLOSE_ENOUGH",
    "beside",
    "closest_passage",
    "read_source",
    "reads_after",
    "reads_before",
    "shown",
    "source_text",
]


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


def reads_before(text: str, at: int, words: str) -> bool:
    """Whether ``text`` just before ``at`` reads ``words`` (a quote's recorded prefix),
    spacing aside: any run of spaces and line breaks is one space, and the first word may be
    the end of a longer one. Reads back only as far as those words go."""
    want = words.split()
    if not want:
        return True
    size = 2 * len(words) + 8
    while True:
        low = max(0, at - size)
        got = text[low:at].split()
        if low == 0 or len(got) > len(want):  # the words counted are whole
            return " ".join(got[-len(want) :]).endswith(" ".join(want))
        size *= 2


def reads_after(text: str, at: int, words: str) -> bool:
    """Whether ``text`` from ``at`` on reads ``words`` (a quote's recorded suffix), spacing
    aside; the last word may be the start of a longer one."""
    want = words.split()
    if not want:
        return True
    size = 2 * len(words) + 8
    while True:
        high = min(len(text), at + size)
        got = text[at:high].split()
        if high == len(text) or len(got) > len(want):
            return " ".join(got[: len(want)]).startswith(" ".join(want))
        size *= 2


def source_text(data: bytes) -> str:
    """A source text as quotes count in it: UTF-8, line breaks as they are (a Windows line
    break counts two), a byte order mark not counted. Raises ``UnicodeDecodeError``."""
    return data.decode("utf-8").removeprefix("\ufeff")


def read_source(path: Path) -> str:
    """The source text at ``path`` (:func:`source_text` of its bytes)."""
    return source_text(path.read_bytes())
