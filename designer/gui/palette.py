"""The palette: every kind grouped by category like the AWS icon set, searchable, draggable.

A drag carries the kind key in MIME type `application/x-aws-designer-kind`; the canvas
looks it up in the catalogue on drop. Labels and search work in English and Korean.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QDrag
from PySide6.QtWidgets import QLineEdit, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from designer.catalogue import CATEGORIES, kinds_in_category
from designer.gui.i18n import language, tr, translator
from designer.gui.icons import kind_pixmap, kind_qicon
from designer.gui.mime import kind_mime_data

KIND_ROLE = Qt.ItemDataRole.UserRole + 1


class PaletteTree(QTreeWidget):
    """The tree of categories and kinds; dragging a kind starts a palette drag."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setHeaderHidden(True)
        self.setIconSize(QSize(28, 28))
        self.setDragEnabled(True)
        self.setDragDropMode(QTreeWidget.DragDropMode.DragOnly)
        self.setSelectionMode(QTreeWidget.SelectionMode.SingleSelection)
        self.setRootIsDecorated(True)
        self.setIndentation(12)
        self.setUniformRowHeights(True)

    def mimeData(self, items):  # noqa: N802 - Qt override
        kind = items[0].data(0, KIND_ROLE) if items else None
        return kind_mime_data(kind) if kind else None

    def startDrag(self, actions) -> None:  # noqa: N802 - Qt override
        item = self.currentItem()
        kind = item.data(0, KIND_ROLE) if item is not None else None
        if not kind:
            return
        drag = QDrag(self)
        drag.setMimeData(kind_mime_data(kind))
        drag.setPixmap(kind_pixmap(kind, 48))
        drag.exec(Qt.DropAction.CopyAction)


class PaletteWidget(QWidget):
    """The palette dock's widget: a search box over the categorised kinds."""

    kind_activated = Signal(str)  # double-click or Enter on a kind

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.search = QLineEdit(self)
        self.search.setClearButtonEnabled(True)
        self.tree = PaletteTree(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.search)
        layout.addWidget(self.tree)
        self._items: dict[str, QTreeWidgetItem] = {}
        self._categories: dict[str, QTreeWidgetItem] = {}
        self._build()
        self.search.textChanged.connect(self.filter)
        self.tree.itemActivated.connect(self._on_tree_item_activated)
        translator().language_changed.connect(self.retranslate)
        self.retranslate()

    def _build(self) -> None:
        for key, _en, _ko in CATEGORIES:
            kinds = kinds_in_category(key)
            if not kinds:
                continue
            category = QTreeWidgetItem(self.tree)
            category.setFlags(Qt.ItemFlag.ItemIsEnabled)
            font = category.font(0)
            font.setBold(True)
            category.setFont(0, font)
            self._categories[key] = category
            for spec in kinds:
                item = QTreeWidgetItem(category)
                item.setIcon(0, kind_qicon(spec.key))
                item.setData(0, KIND_ROLE, spec.key)
                item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsDragEnabled)
                self._items[spec.key] = item
            category.setExpanded(True)

    def kinds(self) -> list[str]:
        """Every kind the palette offers, in display order."""
        return list(self._items)

    def item_for_kind(self, kind: str) -> QTreeWidgetItem | None:
        return self._items.get(kind)

    def retranslate(self, *_args) -> None:
        """Category and kind names, tooltips and the search hint in the UI language."""
        lang = language()
        self.search.setPlaceholderText(tr("Search services…"))
        for key, en, ko in CATEGORIES:
            if key in self._categories:
                self._categories[key].setText(0, ko if lang == "ko" else en)
        from designer.catalogue import get_kind

        for kind, item in self._items.items():
            spec = get_kind(kind)
            item.setText(0, spec.label(lang))
            description = spec.description_ko if lang == "ko" else spec.description_en
            item.setToolTip(0, f"<b>{spec.label(lang)}</b><br>{description}" if description else spec.label(lang))
        self.filter(self.search.text())

    def filter(self, text: str) -> None:
        """Show the kinds whose English or Korean name, or key, contains `text`."""
        from designer.catalogue import get_kind

        needle = text.strip().casefold()
        for category in self._categories.values():
            visible = 0
            for i in range(category.childCount()):
                item = category.child(i)
                spec = get_kind(item.data(0, KIND_ROLE))
                haystack = " ".join((spec.key, spec.label_en, spec.label_ko, spec.key.replace("_", " "))).casefold()
                match = not needle or needle in haystack
                item.setHidden(not match)
                visible += match
            category.setHidden(visible == 0)
            if needle:
                category.setExpanded(True)

    def _on_tree_item_activated(self, item: QTreeWidgetItem, _column: int) -> None:
        kind = item.data(0, KIND_ROLE)
        if kind:
            self.kind_activated.emit(kind)
