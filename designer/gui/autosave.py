"""Autosave and crash recovery.

Each open window writes its unsaved design every minute to a recovery file in the
application data folder (`QStandardPaths.AppDataLocation/recovery`), beside a small
metadata file and a lock file held while the window lives. A clean save, a clean close,
or undoing back to the saved state removes the recovery file. At the next start, a
recovery file whose lock is no longer held by a running process (the window crashed or
was killed) is offered for restoring.
"""

from __future__ import annotations

import json
import os
import tempfile
import uuid
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QLockFile, QObject, QStandardPaths, QTimer, Signal

from designer.gui.document import Document
from designer.model import Design
from designer.storage import StorageError, load_design, save_design

AUTOSAVE_INTERVAL_MS = 60_000
DESIGN_SUFFIX = ".awsd.json"
META_SUFFIX = ".meta.json"
LOCK_SUFFIX = ".lock"


def recovery_dir() -> Path:
    """Where recovery files live (created on demand)."""
    base = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
    if not base:  # no writable data location (unusual sandbox): fall back to the temp folder
        base = os.path.join(tempfile.gettempdir(), "aws-architecture-designer")
    return Path(base) / "recovery"


@dataclass
class Recovery:
    """An autosaved design left behind by a window that did not close cleanly."""

    design_file: Path
    original: Path | None  # the file the design was last saved to, if any
    title: str
    saved_at: str  # ISO time of the autosave

    @property
    def key(self) -> str:
        return self.design_file.name[: -len(DESIGN_SUFFIX)]

    def load(self) -> Design:
        """The autosaved design (raises StorageError)."""
        return load_design(self.design_file)

    def discard(self) -> None:
        """Delete the recovery files."""
        folder = self.design_file.parent
        for suffix in (DESIGN_SUFFIX, META_SUFFIX, LOCK_SUFFIX):
            (folder / f"{self.key}{suffix}").unlink(missing_ok=True)


def pending_recoveries(directory: Path | None = None) -> list[Recovery]:
    """Recovery files whose window is gone (its lock is free or stale), newest first."""
    folder = directory or recovery_dir()
    if not folder.is_dir():
        return []
    found: list[Recovery] = []
    for design_file in sorted(folder.glob(f"*{DESIGN_SUFFIX}")):
        key = design_file.name[: -len(DESIGN_SUFFIX)]
        lock = QLockFile(str(folder / f"{key}{LOCK_SUFFIX}"))
        lock.setStaleLockTime(0)  # a live window holds its lock for hours: only a dead owner frees it
        if not lock.tryLock(0):
            continue
        lock.unlock()
        meta = _read_meta(folder / f"{key}{META_SUFFIX}")
        original = meta.get("original")
        found.append(Recovery(design_file, Path(original) if original else None,
                              str(meta.get("title", "")), str(meta.get("saved_at", ""))))
    found.sort(key=lambda r: r.saved_at, reverse=True)
    return found


def _read_meta(path: Path) -> dict:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


class Autosaver(QObject):
    """Writes the document to its recovery file every `interval_ms` while it has unsaved changes."""

    failed = Signal(str)  # one line: why the recovery file could not be written

    def __init__(self, document: Document, directory: Path | None = None,
                 interval_ms: int = AUTOSAVE_INTERVAL_MS, parent: QObject | None = None):
        super().__init__(parent)
        self.document = document
        self.directory = directory or recovery_dir()
        self.key = f"{os.getpid()}-{uuid.uuid4().hex[:10]}"
        self._lock: QLockFile | None = None
        self._saved_index: int | None = None  # undo index at the last autosave
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.save_now)
        document.undo_stack.cleanChanged.connect(self._on_undo_stack_clean_changed)
        document.design_replaced.connect(self._on_document_design_replaced)
        document.destroyed.connect(self._on_document_destroyed)

    @property
    def design_file(self) -> Path:
        return self.directory / f"{self.key}{DESIGN_SUFFIX}"

    @property
    def meta_file(self) -> Path:
        return self.directory / f"{self.key}{META_SUFFIX}"

    def start(self) -> None:
        """Begin the periodic autosave."""
        self.timer.start()

    def save_now(self) -> bool:
        """Write the recovery file if there are changes since the last autosave; True if written."""
        stack = self.document.undo_stack
        if not self.document.modified:
            self.discard()
            return False
        if self._saved_index == stack.index() and self.design_file.exists():
            return False
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
            self._hold_lock()
            save_design(self.document.design, self.design_file)
            meta = {
                "original": str(self.document.path) if self.document.path else None,
                "title": self.document.design.title,
                "saved_at": datetime.now().isoformat(timespec="seconds"),
            }
            _write_text_atomic(self.meta_file, json.dumps(meta, ensure_ascii=False, indent=2))
        except (StorageError, OSError) as exc:
            self.failed.emit(str(exc).splitlines()[0])
            return False
        self._saved_index = stack.index()
        return True

    def discard(self) -> None:
        """Remove this window's recovery files (after a save, undo to clean, or a clean close)."""
        self.design_file.unlink(missing_ok=True)
        self.meta_file.unlink(missing_ok=True)
        self._saved_index = None

    def close(self) -> None:
        """A clean close: stop, remove the recovery files and release the lock."""
        self.timer.stop()
        self.discard()
        if self._lock is not None:
            self._lock.unlock()
            self._lock = None

    def _hold_lock(self) -> None:
        if self._lock is None:
            lock = QLockFile(str(self.directory / f"{self.key}{LOCK_SUFFIX}"))
            lock.setStaleLockTime(0)
            if lock.tryLock(0):
                self._lock = lock

    def _on_undo_stack_clean_changed(self, clean: bool) -> None:
        if clean:
            self.discard()

    def _on_document_destroyed(self, *_args) -> None:
        # The dying undo stack reports "clean" as it clears; that must not delete the recovery file.
        self.document.undo_stack.cleanChanged.disconnect(self._on_undo_stack_clean_changed)

    def _on_document_design_replaced(self) -> None:
        self.discard()


def _write_text_atomic(path: Path, text: str) -> None:
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.replace(tmp, path)
    except OSError:
        Path(tmp).unlink(missing_ok=True)
        raise
