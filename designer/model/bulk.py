"""Building many long-lived objects at once (loading a design, building its scene)."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while a large design's objects are built.

    Every few hundred allocations CPython scans the young objects, and each time the heap
    has grown by a quarter it walks all of it: loading and drawing 10,000 resources create
    about half a million objects that live as long as the design, so those walks cost a
    quarter to a third of the build and find nothing to free.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


# Below this many nodes a full collection is quick (tens of ms) and freezing is not worth it.
FREEZE_MIN_NODES = 1000
_thawed = False  # objects were frozen and released since: collect before freezing again


def freeze_long_lived(node_count: int) -> bool:
    """Hide every object alive now from the cyclic garbage collector (`gc.freeze`).

    With a 10,000-resource design open, ~800,000 tracked objects live as long as the
    design, and each full (generation-2) collection walks all of them: ~0.4-0.7 s, every
    few dozen edits, to free nothing. Frozen, they are never walked; the objects an edit
    creates are collected as usual. Call it once a design is opened and checked; when an
    earlier design was released by `thaw_long_lived()`, it is collected first, so its
    cycles are freed rather than frozen again. Returns whether it froze anything.
    """
    global _thawed
    if node_count < FREEZE_MIN_NODES:
        return False
    if _thawed:
        gc.collect()  # the replaced design's cycles: free them rather than freeze them
        _thawed = False
    gc.freeze()
    return True


def thaw_long_lived() -> None:
    """Give frozen objects back to the garbage collector (a design is being replaced or
    closed), so whatever of them is garbage is freed by the next full collection."""
    global _thawed
    if gc.get_freeze_count():
        gc.unfreeze()
        _thawed = True
