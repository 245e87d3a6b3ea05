"""One-dimensional placement: items in a row, each as near its wished-for centre as the
others allow, in order, never closer than their separations.

This is the balanced placement of layered graph drawing (Brandes-Köpf style "pool
adjacent violators"): items that want the same spot share it symmetrically instead of the
first one taking it and pushing the rest aside. Corridors are x positions where other
edges run through the row; an item whose wish falls on one moves its wish off the
corridor, so it does not sit on a line it has nothing to do with.
"""

from __future__ import annotations

from collections.abc import Sequence


def avoid_corridors(wish: float, half: float, corridors: Sequence[tuple[float, float]],
                    margin: float = 10.0) -> float:
    """`wish` moved the shortest way so that [wish - half, wish + half] clears every corridor
    (an x range, a single x for a line)."""
    reach = half + margin
    for _ in range(len(corridors) + 1):  # each move can land on a neighbouring corridor
        hit = [c for c in corridors if c[0] - reach < wish < c[1] + reach]
        if not hit:
            return wish
        left = min(c[0] for c in hit) - reach
        right = max(c[1] for c in hit) + reach
        wish = left if wish - left <= right - wish else right
    return wish


def spread(wishes: Sequence[float], seps: Sequence[float], low: float) -> list[float]:
    """Centres for items in this order: close to `wishes`, item i+1 at least `seps[i]` to the
    right of item i, and item 0 at least at `low` (the row's left bound plus its half width).

    Linear time: blocks of touching items sit at the mean of their members' wishes.
    """
    n = len(wishes)
    if n == 0:
        return []
    offsets = [0.0] * n  # each item's distance from the first item of its block
    blocks: list[list] = []  # [first index, sum of (wish - offset), count]
    for i, wish in enumerate(wishes):
        blocks.append([i, wish, 1])
        offsets[i] = 0.0
        while len(blocks) > 1:
            prev, cur = blocks[-2], blocks[-1]
            prev_pos = prev[1] / prev[2]
            cur_pos = cur[1] / cur[2]
            last_of_prev = cur[0] - 1
            need = offsets[last_of_prev] + seps[last_of_prev]  # where cur's first item must be
            if cur_pos >= prev_pos + need:
                break
            # Merge: cur's items join prev, offset by prev's extent.
            for j in range(cur[0], cur[0] + cur[2]):
                offsets[j] += need
            prev[1] += cur[1] - need * cur[2]
            prev[2] += cur[2]
            blocks.pop()
    out = [0.0] * n
    floor = low
    for first, total, count in blocks:
        start = max(total / count, floor)
        for j in range(first, first + count):
            out[j] = start + offsets[j]
        last = first + count - 1
        floor = out[last] + (seps[last] if last < n - 1 else 0.0)
    return out


def clear_corridors(centres: Sequence[float], halves: Sequence[float], seps: Sequence[float],
                    corridors: Sequence[tuple[float, float]], low: float, margin: float = 10.0) -> list[float]:
    """`centres` (a spread row) with every item moved off the corridors: to the left when
    its left neighbour leaves room and that is nearer, else to the right, pushing the
    items after it along."""
    out = list(centres)
    for i in range(len(out)):
        floor = out[i - 1] + seps[i - 1] if i else low
        out[i] = max(out[i], floor)
        if not corridors:
            continue
        reach = halves[i] + margin
        for _ in range(len(corridors) + 1):
            hit = [c for c in corridors if c[0] - reach < out[i] < c[1] + reach]
            if not hit:
                break
            left, right = min(c[0] for c in hit) - reach, max(c[1] for c in hit) + reach
            out[i] = left if left >= floor and out[i] - left <= right - out[i] else right
    return out
