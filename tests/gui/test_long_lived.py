"""A checked large design is hidden from the garbage collector's full passes (gc.freeze),
and replacing or closing it gives it back, so an old design is still freed."""

from __future__ import annotations

import gc
import weakref

import pytest

pytest.importorskip("PySide6")

from designer.gui.document import Document  # noqa: E402
from designer.model import Design, bulk  # noqa: E402
from tests.conftest import load_sample  # noqa: E402


@pytest.fixture
def freezing(monkeypatch):
    """Freeze designs of any size (the samples are small), and leave nothing frozen after."""
    monkeypatch.setattr(bulk, "FREEZE_MIN_NODES", 1)
    gc.unfreeze()
    yield
    gc.unfreeze()


def cyclic_design(name: str) -> Design:
    """A sample whose Design sits in a reference cycle: only the collector can free it."""
    design = load_sample(name)
    design.loop = design  # type: ignore[attr-defined]
    return design


def test_a_checked_design_is_frozen(qtbot, freezing):
    document = Document(load_sample("three-tier"))  # checks now
    assert gc.get_freeze_count() > len(document.design)


def test_a_small_design_is_not_frozen(qtbot):
    gc.unfreeze()
    Document(load_sample("three-tier"))
    assert gc.get_freeze_count() == 0


@pytest.mark.parametrize("validate", ["now", "later"])
def test_replacing_a_frozen_design_frees_it(qtbot, freezing, validate):
    document = Document(cyclic_design("three-tier"))
    old = weakref.ref(document.design)
    assert gc.get_freeze_count() > 0
    gc.collect()
    assert old() is not None  # frozen (and still shown): the collector leaves it alone
    document.replace(load_sample("static-website"), None, validate=validate)
    if validate == "later":
        gc.collect()  # nothing froze the new design yet; a full pass finds the old one
    assert old() is None
    document.check_now()
    assert gc.get_freeze_count() > 0  # the new design is frozen in its turn


def test_closing_the_window_thaws(qtbot, freezing, tmp_path):
    from tests.gui.shell_helpers import make_window

    window = make_window(qtbot, tmp_path, load_sample("three-tier"))
    assert gc.get_freeze_count() > 0
    window.close()
    assert gc.get_freeze_count() == 0
