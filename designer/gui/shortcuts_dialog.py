"""Help ▸ Keyboard Shortcuts: every action that has a shortcut, read from the actions themselves."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from designer.gui.i18n import tr

# Qt's multimedia keys ("Open", "Save" keys of some keyboards) start here: not worth listing.
MEDIA_KEYS = 0x01000061

# Keys the canvas handles itself (no menu action carries them).
CANVAS_KEYS = (
    ("Arrow keys", "Move the selection (Shift: larger steps)"),
    ("Space + drag", "Pan the canvas"),
    ("Middle button drag", "Pan the canvas"),
    ("Mouse wheel", "Zoom"),
    ("Esc", "Cancel the current gesture"),
)


def shortcut_rows(actions: Iterable[QAction]) -> list[tuple[str, str]]:
    """(action text, shortcuts) for every action that has at least one shortcut."""
    rows = []
    for action in actions:
        keys = [k.toString(QKeySequence.SequenceFormat.NativeText) for k in action.shortcuts()
                if not k.isEmpty() and k[0].key().value < MEDIA_KEYS]
        if keys:
            rows.append((action.text().replace("&", ""), ", ".join(keys)))
    return rows


class ShortcutsDialog(QDialog):
    """A two-column table: what, which keys."""

    def __init__(self, actions: Iterable[QAction], parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(tr("Keyboard Shortcuts"))
        canvas_rows = [(tr_canvas(what), tr_canvas_key(keys)) for keys, what in CANVAS_KEYS]
        rows = shortcut_rows(actions) + canvas_rows
        table = QTableWidget(len(rows), 2, self)
        table.setHorizontalHeaderLabels([tr("Command"), tr("Keys")])
        table.verticalHeader().setVisible(False)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        for row, (what, keys) in enumerate(rows):
            table.setItem(row, 0, QTableWidgetItem(what))
            table.setItem(row, 1, QTableWidgetItem(keys))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(table)
        layout.addWidget(buttons)
        self.table = table
        self.resize(520, 560)


def tr_canvas(text: str) -> str:
    """The canvas keys' descriptions (listed literally so the i18n scan sees them)."""
    return {
        "Move the selection (Shift: larger steps)": tr("Move the selection (Shift: larger steps)"),
        "Pan the canvas": tr("Pan the canvas"),
        "Zoom": tr("Zoom"),
        "Cancel the current gesture": tr("Cancel the current gesture"),
    }[text]


def tr_canvas_key(text: str) -> str:
    return {
        "Arrow keys": tr("Arrow keys"),
        "Space + drag": tr("Space + drag"),
        "Middle button drag": tr("Middle button drag"),
        "Mouse wheel": tr("Mouse wheel"),
        "Esc": "Esc",
    }[text]
