"""Inspector editors, one per prop type of the catalogue (text, cidr, int, bool, choice, ids, lists).

An editor shows a value from the model (`set_value`, never echoing a signal) and emits
`edited(value)` when the user changes it (MISSING removes the key). Text that cannot be
written (a non-number, a malformed CIDR) turns the field red with a one-line message and
is not emitted; leaving the field puts the model's value back.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from designer.catalogue import PropSpec
from designer.gui import field_parsing as fp
from designer.gui.i18n import tr
from designer.model import MISSING

ERROR_STYLE = "color: #C62828;"
INVALID_FIELD_STYLE = "QLineEdit { border: 1px solid #C62828; background: #FDECEA; }"


def empty_value(spec: PropSpec) -> Any:
    """What clearing a field writes: the key is removed when the prop has no default."""
    if spec.default is None:
        return MISSING
    return [] if isinstance(spec.default, list) else ""


class PropEditor(QWidget):
    """Base of every prop editor: the edit widget plus a one-line error label under it."""

    edited = Signal(object)

    def __init__(self, spec: PropSpec, parent: QWidget | None = None):
        super().__init__(parent)
        self.spec = spec
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(2)
        self.error_label = QLabel(self)
        self.error_label.setStyleSheet(ERROR_STYLE)
        self.error_label.setWordWrap(True)
        self.error_label.hide()
        self.error: str | None = None  # the message shown under the field, if any

    def _finish_layout(self, widget: QWidget) -> None:
        self._layout.addWidget(widget)
        self._layout.addWidget(self.error_label)

    def set_value(self, value: Any) -> None:  # pragma: no cover - abstract
        """Show `value` from the model (MISSING when the key is absent) without emitting."""
        raise NotImplementedError

    def show_error(self, message: str | None) -> None:
        """Show (or clear, with None) the one-line message under the field."""
        self.error = message or None
        self.error_label.setText(message or "")
        self.error_label.setVisible(bool(message))


class LineEditor(PropEditor):
    """A one-line text field with a parser; typing writes every valid intermediate value."""

    def __init__(self, spec: PropSpec, parse: Callable[[str], Any], show: Callable[[Any], str],
                 parent: QWidget | None = None):
        super().__init__(spec, parent)
        self._parse = parse
        self._show = show
        self._model_value: Any = MISSING
        self.line = QLineEdit(self)
        if spec.default not in (None, "", []):
            self.line.setPlaceholderText(show(spec.default))
        self.line.textEdited.connect(self._on_line_text_edited)
        self.line.editingFinished.connect(self._on_line_editing_finished)
        self._finish_layout(self.line)

    def set_value(self, value: Any) -> None:
        self._model_value = value
        try:
            if self._parse(self.line.text()) == value and self.error is None:
                return  # keep what the user is typing ("t3." → "t3.micro") and the cursor
        except fp.FieldError:
            pass
        self.line.blockSignals(True)
        self.line.setText(self._show(value))
        self.line.blockSignals(False)
        self._set_invalid(None)

    def _set_invalid(self, message: str | None) -> None:
        self.line.setStyleSheet(INVALID_FIELD_STYLE if message else "")
        self.show_error(message)

    def _on_line_text_edited(self, text: str) -> None:
        try:
            value = self._parse(text)
        except fp.FieldError as exc:
            self._set_invalid(str(exc))
            return
        self._set_invalid(None)
        self.edited.emit(value)

    def _on_line_editing_finished(self) -> None:
        if self.error is not None:  # the text was never written: show the model's value again
            self.line.blockSignals(True)
            self.line.setText(self._show(self._model_value))
            self.line.blockSignals(False)
            self._set_invalid(None)


class BoolEditor(PropEditor):
    """A check box; an absent key shows the catalogue default."""

    def __init__(self, spec: PropSpec, parent: QWidget | None = None):
        super().__init__(spec, parent)
        self.check = QCheckBox(self)
        self.check.toggled.connect(self.edited.emit)
        self._finish_layout(self.check)

    def set_value(self, value: Any) -> None:
        shown = bool(self.spec.default) if value is MISSING or value is None else bool(value)
        self.check.blockSignals(True)
        self.check.setChecked(shown)
        self.check.blockSignals(False)


class ChoiceEditor(PropEditor):
    """A drop-down of the declared choices; a value from a file that is not one is kept and shown."""

    def __init__(self, spec: PropSpec, parent: QWidget | None = None):
        super().__init__(spec, parent)
        self.combo = QComboBox(self)
        self._fill(spec.choices)
        self.combo.activated.connect(self._on_combo_activated)
        self._finish_layout(self.combo)

    def _fill(self, choices: tuple[str, ...] | list[str]) -> None:
        self.combo.clear()
        for choice in choices:
            self.combo.addItem(choice if choice else tr("(none)"), choice)

    def set_value(self, value: Any) -> None:
        shown = self.spec.default if value is MISSING or value is None else value
        shown = "" if shown is None else shown
        self.combo.blockSignals(True)
        index = self.combo.findData(shown)
        if index < 0:  # an unknown value from a file: show it rather than hide it
            self.combo.addItem(tr("{value} (not a known choice)").format(value=shown), shown)
            index = self.combo.count() - 1
        self.combo.setCurrentIndex(index)
        self.combo.blockSignals(False)

    def _on_combo_activated(self, index: int) -> None:
        value = self.combo.itemData(index)
        self.edited.emit(empty_value(self.spec) if value == "" else value)


class IdsEditor(PropEditor):
    """A checkable list of the nodes of `ref_kind` (by label); ids not in the design stay listed."""

    def __init__(self, spec: PropSpec, parent: QWidget | None = None):
        super().__init__(spec, parent)
        self.list = QListWidget(self)
        self.list.setMaximumHeight(120)
        self._value: list[str] = []
        self._options: list[tuple[str, str]] = []
        self.list.itemChanged.connect(self._on_list_item_changed)
        self._finish_layout(self.list)

    def set_options(self, options: list[tuple[str, str]]) -> None:
        """The candidate nodes: (id, display text)."""
        self._options = list(options)
        self._rebuild()

    def set_value(self, value: Any) -> None:
        self._value = [str(v) for v in value] if isinstance(value, list) else []
        self._rebuild()

    def _rebuild(self) -> None:
        self.list.blockSignals(True)
        self.list.clear()
        known = {node_id for node_id, _ in self._options}
        rows = list(self._options) + [(v, tr("{id} (not in the design)").format(id=v))
                                      for v in self._value if v not in known]
        for node_id, text in rows:
            item = QListWidgetItem(text, self.list)
            item.setData(Qt.ItemDataRole.UserRole, node_id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if node_id in self._value else Qt.CheckState.Unchecked)
        if not rows:
            item = QListWidgetItem(tr("(none in the design yet)"), self.list)
            item.setFlags(Qt.ItemFlag.NoItemFlags)
        self.list.blockSignals(False)

    def checked_ids(self) -> list[str]:
        """The ids currently ticked, in list order."""
        out = []
        for row in range(self.list.count()):
            item = self.list.item(row)
            if item.checkState() == Qt.CheckState.Checked:
                out.append(item.data(Qt.ItemDataRole.UserRole))
        return out

    def _on_list_item_changed(self, item: QListWidgetItem) -> None:
        node_id = item.data(Qt.ItemDataRole.UserRole)
        if node_id is None:
            return
        # Keep the stored order and append new ids, so a file's order is not reshuffled.
        if item.checkState() == Qt.CheckState.Checked:
            value = self._value + ([node_id] if node_id not in self._value else [])
        else:
            value = [v for v in self._value if v != node_id]
        self._value = value
        self.edited.emit(value)


def make_line_editor(spec: PropSpec) -> LineEditor:
    """The text-field editor for str, cidr, int, str_list and cidr_list props."""
    required = spec.default is not None
    empty = empty_value(spec)
    if spec.type == "int":
        return LineEditor(spec, lambda t: fp.parse_int(t, required=required), fp.format_scalar)
    if spec.type == "cidr":
        return LineEditor(spec, lambda t: fp.parse_cidr(t, required=required), fp.format_scalar)
    if spec.type == "str_list":
        return LineEditor(spec, lambda t: fp.parse_str_list(t, empty=empty), fp.format_list)
    if spec.type == "cidr_list":
        return LineEditor(spec, lambda t: fp.parse_cidr_list(t, empty=empty), fp.format_list)
    return LineEditor(spec, lambda t: t if t else empty, fp.format_scalar)


def editor_for(spec: PropSpec) -> PropEditor:
    """The editor widget for one prop declaration."""
    from designer.gui import rule_tables  # tables are larger; kept in their own module

    if spec.type == "bool":
        return BoolEditor(spec)
    if spec.type == "choice":
        return ChoiceEditor(spec)
    if spec.type == "ids":
        return IdsEditor(spec)
    if spec.type in rule_tables.TABLE_COLUMNS:
        return rule_tables.TableEditor(spec)
    if spec.type == "health_check":
        return rule_tables.HealthCheckEditor(spec)
    return make_line_editor(spec)
