"""Shared fixtures: the samples folder and loaded sample designs; test-run isolation
(Qt settings, Hypothesis profiles, no modal dialog can block a test)."""

from __future__ import annotations

import itertools
import os
import sys
import tempfile
from pathlib import Path

import pytest
from hypothesis import settings as hypothesis_settings

# Tests never need a display; GUI tests render offscreen.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

_SETTINGS_FILES = itertools.count()

# Hypothesis: under CI (CI set, as on every CI service) the examples are derived from each
# test's name, so a red run is reproduced by running it again, and nothing is kept in a
# database. Developers get fresh random examples each run. Each property's max_examples is
# set where it is defined (sized to its cost); HYPOTHESIS_PROFILE picks a profile by name.
hypothesis_settings.register_profile("ci", deadline=None, derandomize=True, database=None,
                                     print_blob=True)
hypothesis_settings.register_profile("dev", deadline=None)
hypothesis_settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE") or ("ci" if os.environ.get("CI") else "dev"))

ROOT = Path(__file__).resolve().parent.parent
_QT_HOME: Path | None = None


@pytest.hookimpl(trylast=True)  # after pytest's tmp_path plugin has set up its factory
def pytest_configure(config):
    """Give this test process (each xdist worker has its own) a private Qt settings store.

    Tests never write the user's real preferences, and parallel workers never share a
    window state, recent-files list or language. It lives in pytest's base temp folder
    (Qt writes its file-dialog state there at exit, after any Python cleanup; pytest keeps
    only the last few). Set before collection, so before anything creates a QSettings.
    """
    global _QT_HOME
    factory = getattr(config, "_tmp_path_factory", None)
    base = factory.getbasetemp() if factory is not None else Path(tempfile.mkdtemp(prefix="awsd-tests-"))
    _QT_HOME = base / "qt-home"
    _QT_HOME.mkdir(parents=True, exist_ok=True)
    os.environ["XDG_CONFIG_HOME"] = str(_QT_HOME / "config")
SAMPLES_DIR = ROOT / "samples"
SAMPLE_FILES = sorted(SAMPLES_DIR.glob("*.awsd.json"))


@pytest.fixture
def samples_dir() -> Path:
    return SAMPLES_DIR


def load_sample(name: str):
    """Load samples/<name>.awsd.json as a fresh Design."""
    from designer.storage import load_design

    return load_design(SAMPLES_DIR / f"{name}.awsd.json")


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    """Keep each phase's report on the item (the modal guard reads whether the call failed)."""
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


@pytest.fixture(autouse=True)
def _qt_isolation(request, monkeypatch):
    """Where Qt is loaded: a fresh settings file per test, and no modal dialog can block it.

    A dialog a test does not answer within a couple of seconds is closed and fails the test
    with its title (see tests/modal_guard.py). Skipped entirely when no Qt module is loaded,
    so the core tests run with PySide6 absent.
    """
    if "PySide6" not in sys.modules:
        yield
        return
    from tests.modal_guard import install

    guard = install(monkeypatch)
    request.node.modal_guard = guard  # the guard's own tests clear what they provoked
    gui_settings = sys.modules.get("designer.gui.settings")
    if gui_settings is not None:  # tests that choose a file (make_window) still override this
        gui_settings.use_settings_file(_QT_HOME / f"settings-{next(_SETTINGS_FILES)}.ini")
    i18n = sys.modules.get("designer.gui.i18n")
    if i18n is not None and {"qtbot", "qapp"} & set(request.fixturenames):
        # Tests are written against the English UI and switch to Korean themselves; on a
        # Korean desktop the translator would otherwise start in Korean for whichever test
        # comes first in its process (which one depends on how xdist shares them out).
        request.getfixturevalue("qapp")
        i18n.translator().set_language("en")
    yield
    guard.stop()
    if gui_settings is not None:
        gui_settings.use_settings_file(None)
    call = getattr(request.node, "report_call", None)
    if guard.unexpected and not (call is not None and call.failed):
        pytest.fail("a modal dialog blocked the test and was closed: " + "; ".join(guard.unexpected))
