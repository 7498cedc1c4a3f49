"""A file's own lines wherever an edit did not touch them: a three-way merge of lines.

ruamel.yaml keeps comments and order, but writes a file back in one
indentation and one way of spacing: a file laid out another way somewhere
would change where nobody edited it. So the edited document is dumped
twice, as loaded (`roundtrip`) and as edited (`edited`), and only what
differs between those two replaces the original's lines (diff3, with the
edit taking a stretch that both changed).
"""

from __future__ import annotations

from difflib import SequenceMatcher


def merge(original: str, roundtrip: str, edited: str) -> str:
    mine, base, theirs = (text.splitlines(keepends=True) for text in (original, roundtrip, edited))
    to_mine, to_theirs = _matched(base, mine), _matched(base, theirs)
    # lines the same in all three, in order: between two of them, a stretch is one side's or the other's
    anchors = [(-1, -1, -1)]
    anchors += [(b, to_mine[b], to_theirs[b]) for b in range(len(base)) if b in to_mine and b in to_theirs]
    anchors.append((len(base), len(mine), len(theirs)))
    out: list[str] = []
    for (b0, m0, t0), (b1, m1, t1) in zip(anchors, anchors[1:]):
        stretch_base, stretch_theirs = base[b0 + 1 : b1], theirs[t0 + 1 : t1]
        out += mine[m0 + 1 : m1] if stretch_theirs == stretch_base else stretch_theirs
        if b1 < len(base):
            out.append(mine[m1])
    return "".join(out)


def _matched(a: list[str], b: list[str]) -> dict[int, int]:
    """Each line of `a` that has its place in `b` (the longest matching blocks, in order)."""
    found: dict[int, int] = {}
    for block in SequenceMatcher(None, a, b, autojunk=False).get_matching_blocks():
        for offset in range(block.size):
            found[block.a + offset] = block.b + offset
    return found


def differing_lines(a: str, b: str) -> int:
    """How many lines of `a` differ in `b`: how far a dump is from the file it came from."""
    lines_a, lines_b = a.splitlines(), b.splitlines()
    same = sum(block.size for block in SequenceMatcher(None, lines_a, lines_b, autojunk=False).get_matching_blocks())
    return max(len(lines_a), len(lines_b)) - same
