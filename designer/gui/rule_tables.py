"""Table editors for list-of-rule props (security group and NACL rules, listeners, S3
lifecycle) and the small health-check form.

Each row is one dict of the prop's list; a cell edit copies the row, changes only its own
key (so keys this editor does not know survive) and emits the whole list. A cell that
cannot be written turns red and the list is not emitted until it is fixed.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from designer.catalogue import PROTOCOLS, PropSpec
from designer.gui import field_parsing as fp
from designer.gui.i18n import tr
from designer.gui.prop_editors import ChoiceEditor, PropEditor
from designer.model import MISSING

LB_PROTOCOLS = ("HTTP", "HTTPS", "TCP", "TLS", "UDP", "TCP_UDP")
S3_CLASSES = ("STANDARD_IA", "ONEZONE_IA", "INTELLIGENT_TIERING", "GLACIER_IR", "GLACIER", "DEEP_ARCHIVE")
INVALID_BRUSH = QBrush(QColor("#FDECEA"))


def _text(value: Any) -> str:
    return fp.format_scalar(value)


def _any_text(text: str) -> Any:
    return text.strip() if text.strip() else MISSING


@dataclass
class Column:
    """One column of a rule table: how to show a row's value and how to write typed text."""

    key: str
    title: str
    choices: tuple[str, ...] = ()  # a drop-down cell when not empty
    parse: Callable[[str], Any] = _any_text
    show: Callable[[Any], str] = _text
    absent: str = ""  # shown when the key is missing (e.g. "allow")
    tooltip: str = ""

    def get(self, row: dict) -> str:
        """The cell text of `row`."""
        value = row.get(self.key, MISSING)
        return self.absent if value is MISSING else self.show(value)

    def put(self, row: dict, text: str) -> dict:
        """A copy of `row` with this column set from `text` (raises FieldError)."""
        value = self.parse(text)
        new = copy.deepcopy(row)
        if value is MISSING:
            new.pop(self.key, None)
        else:
            new[self.key] = value
        return new


@dataclass
class LifecycleActionColumn(Column):
    """"transition" rows hold {after_days, storage_class}; "expire" rows {expire_after_days}."""

    def get(self, row: dict) -> str:
        return "expire" if "expire_after_days" in row else "transition"

    def put(self, row: dict, text: str) -> dict:
        new = copy.deepcopy(row)
        days = new.pop("after_days", None) if text == "expire" else new.pop("expire_after_days", None)
        if text == "expire":
            new.pop("storage_class", None)
            new["expire_after_days"] = days if days is not None else 365
        else:
            new["after_days"] = days if days is not None else 30
            new.setdefault("storage_class", "STANDARD_IA")
        return new


@dataclass
class LifecycleDaysColumn(Column):
    """The day count of either kind of lifecycle row."""

    def _key(self, row: dict) -> str:
        return "expire_after_days" if "expire_after_days" in row else "after_days"

    def get(self, row: dict) -> str:
        return _text(row.get(self._key(row)))

    def put(self, row: dict, text: str) -> dict:
        new = copy.deepcopy(row)
        new[self._key(row)] = fp.parse_int(text, required=True)
        return new


@dataclass
class TableSpec:
    """The columns of one table prop type and the row a new "Add" starts with."""

    columns: list[Column]
    new_row: Callable[[list[dict]], dict]
    add_text: str = field(default="")


def _sg_columns(spec: PropSpec) -> TableSpec:
    peer = tr("Destination") if spec.name == "outbound" else tr("Source")
    return TableSpec(
        [
            Column("protocol", tr("Protocol"), choices=PROTOCOLS),
            Column("port", tr("Port"), parse=fp.parse_port, tooltip=tr("A port (443) or a range (1024-65535); empty for all")),
            Column("source", peer,
                   tooltip=tr("A CIDR block (0.0.0.0/0) or a security group id")),
            Column("action", tr("Action"), choices=("allow", "deny"), absent="allow"),
        ],
        lambda rows: {"protocol": "tcp", "port": 443, "source": "0.0.0.0/0"},
        tr("Add rule"),
    )


def _nacl_columns(spec: PropSpec) -> TableSpec:
    def next_number(rows: list[dict]) -> int:
        numbers = [r["number"] for r in rows if isinstance(r.get("number"), int)]
        return (max(numbers) // 10 * 10 + 10) if numbers else 100

    return TableSpec(
        [
            Column("number", tr("Rule #"), parse=lambda t: fp.parse_int(t, required=True)),
            Column("direction", tr("Direction"), choices=("inbound", "outbound")),
            Column("protocol", tr("Protocol"), choices=PROTOCOLS),
            Column("port", tr("Port"), parse=fp.parse_port),
            Column("cidr", tr("CIDR"), parse=lambda t: fp.parse_cidr(t, required=True)),
            Column("action", tr("Action"), choices=("allow", "deny")),
        ],
        lambda rows: {"number": next_number(rows), "direction": "inbound", "protocol": "tcp",
                      "port": 443, "cidr": "0.0.0.0/0", "action": "allow"},
        tr("Add rule"),
    )


def _listener_columns(spec: PropSpec) -> TableSpec:
    return TableSpec(
        [
            Column("protocol", tr("Protocol"), choices=LB_PROTOCOLS),
            Column("port", tr("Port"), parse=lambda t: fp.parse_int(t, required=True)),
            Column("certificate", tr("Certificate")),
            Column("certificate_region", tr("Certificate Region")),
        ],
        lambda rows: {"protocol": "HTTPS", "port": 443},
        tr("Add listener"),
    )


def _lifecycle_columns(spec: PropSpec) -> TableSpec:
    return TableSpec(
        [
            LifecycleActionColumn("action", tr("Action"), choices=("transition", "expire")),
            LifecycleDaysColumn("days", tr("After days")),
            Column("storage_class", tr("Storage class"), choices=("",) + S3_CLASSES),
        ],
        lambda rows: {"after_days": 30, "storage_class": "STANDARD_IA"},
        tr("Add lifecycle rule"),
    )


TABLE_COLUMNS: dict[str, Callable[[PropSpec], TableSpec]] = {
    "sg_rules": _sg_columns,
    "nacl_rules": _nacl_columns,
    "listeners": _listener_columns,
    "lifecycle": _lifecycle_columns,
}


class TableEditor(PropEditor):
    """An editable table of rule dicts with Add and Remove buttons."""

    def __init__(self, spec: PropSpec, parent: QWidget | None = None):
        super().__init__(spec, parent)
        self.table_spec = TABLE_COLUMNS[spec.type](spec)
        self.rows: list[dict] = []
        self._absent = True
        self.table = QTableWidget(0, len(self.table_spec.columns), self)
        self.table.setHorizontalHeaderLabels([c.title for c in self.table_spec.columns])
        for index, column in enumerate(self.table_spec.columns):
            if column.tooltip:
                self.table.horizontalHeaderItem(index).setToolTip(column.tooltip)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.itemChanged.connect(self._on_table_item_changed)
        self.add_button = QPushButton(self.table_spec.add_text, self)
        self.remove_button = QPushButton(tr("Remove"), self)
        self.add_button.clicked.connect(self.add_row)
        self.remove_button.clicked.connect(self.remove_selected_rows)
        buttons = QWidget(self)
        row_layout = QHBoxLayout(buttons)
        row_layout.setContentsMargins(0, 0, 0, 0)
        row_layout.addWidget(self.add_button)
        row_layout.addWidget(self.remove_button)
        if spec.default is None:  # absent means something (SG outbound: allow all)
            self.unset_button = QPushButton(tr("Unset"), self)
            self.unset_button.setToolTip(tr("Remove the key: the AWS default applies"))
            self.unset_button.clicked.connect(lambda: self.edited.emit(MISSING))
            row_layout.addWidget(self.unset_button)
        row_layout.addStretch(1)
        self._layout.addWidget(self.table)
        self._layout.addWidget(buttons)
        self._layout.addWidget(self.error_label)

    # ------------------------------------------------------------------ model → widget
    def set_value(self, value: Any) -> None:
        self._absent = value is MISSING or value is None
        self.rows = [dict(r) if isinstance(r, dict) else {} for r in value] if isinstance(value, list) else []
        self.table.blockSignals(True)
        self.table.setRowCount(len(self.rows))
        for r, row in enumerate(self.rows):
            for c, column in enumerate(self.table_spec.columns):
                self._set_cell(r, c, column, row)
        self.table.blockSignals(False)
        self._fit_height()
        self.show_error(tr("Not set: the AWS default applies.") if self._absent and self.spec.default is None
                        else None)
        self.error_label.setStyleSheet("color: palette(mid);" if self._absent else "color: #C62828;")

    def _fit_height(self) -> None:
        """As tall as the rows (one empty row's worth when there are none), at most 8 rows."""
        header = self.table.horizontalHeader().sizeHint().height()
        row = self.table.verticalHeader().defaultSectionSize()
        shown = min(max(len(self.rows), 1), 8)
        self.table.setFixedHeight(header + row * shown + 2 * self.table.frameWidth() + 2)

    def _set_cell(self, r: int, c: int, column: Column, row: dict) -> None:
        text = column.get(row)
        if column.choices:
            combo = QComboBox(self.table)
            for choice in column.choices:
                combo.addItem(choice if choice else "—", choice)
            if combo.findData(text) < 0:  # a value from a file outside the list: keep it visible
                combo.addItem(text, text)
            combo.setCurrentIndex(combo.findData(text))
            combo.activated.connect(lambda _i, rr=r, cc=c, cb=combo: self._commit(rr, cc, cb.currentData()))
            self.table.setCellWidget(r, c, combo)
        else:
            item = QTableWidgetItem(text)
            item.setToolTip(text)  # long values (certificate ARNs) are elided in the cell
            self.table.setItem(r, c, item)

    # ------------------------------------------------------------------ widget → model
    def _on_table_item_changed(self, item: QTableWidgetItem) -> None:
        self._commit(item.row(), item.column(), item.text())

    def _commit(self, r: int, c: int, text: str) -> None:
        column = self.table_spec.columns[c]
        try:
            new_row = column.put(self.rows[r], text)
        except fp.FieldError as exc:
            self._mark(r, c, True)
            self.error_label.setStyleSheet("color: #C62828;")
            self.show_error(tr("Row {row}, {column}: {message}").format(row=r + 1, column=column.title,
                                                                       message=str(exc)))
            return
        self._mark(r, c, False)
        self.show_error(None)
        rows = [copy.deepcopy(x) for x in self.rows]
        rows[r] = new_row
        self.rows = rows
        self.edited.emit(rows)

    def _mark(self, r: int, c: int, invalid: bool) -> None:
        item = self.table.item(r, c)
        if item is not None:
            self.table.blockSignals(True)
            item.setBackground(INVALID_BRUSH if invalid else QBrush())
            self.table.blockSignals(False)

    def add_row(self) -> None:
        """Append the table's default new row and write the list."""
        rows = [copy.deepcopy(x) for x in self.rows] + [self.table_spec.new_row(self.rows)]
        self.edited.emit(rows)

    def remove_selected_rows(self) -> None:
        """Remove the selected rows (or the last one when none is selected) and write the list."""
        selected = {index.row() for index in self.table.selectionModel().selectedRows()}
        if not selected and self.table.currentRow() >= 0:
            selected = {self.table.currentRow()}
        if not selected and self.rows:
            selected = {len(self.rows) - 1}
        if not selected:
            return
        self.edited.emit([copy.deepcopy(x) for i, x in enumerate(self.rows) if i not in selected])


class HealthCheckEditor(PropEditor):
    """A load balancer's health check: protocol, port and path as one dict."""

    def __init__(self, spec: PropSpec, parent: QWidget | None = None):
        super().__init__(spec, parent)
        self._value: dict = {}
        box = QWidget(self)
        form = QFormLayout(box)
        form.setContentsMargins(0, 0, 0, 0)
        self.protocol = ChoiceEditor(PropSpec("protocol", "choice", "", "", choices=("HTTP", "HTTPS", "TCP")))
        self.port = _line(tr("traffic port"))
        self.path = _line("/")
        form.addRow(tr("Protocol"), self.protocol)
        form.addRow(tr("Port"), self.port)
        form.addRow(tr("Path"), self.path)
        self.protocol.edited.connect(lambda v: self._commit("protocol", v))
        self.port.textEdited.connect(self._on_port_text_edited)
        self.path.textEdited.connect(lambda t: self._commit("path", t if t else MISSING))
        self._finish_layout(box)

    def set_value(self, value: Any) -> None:
        self._value = dict(value) if isinstance(value, dict) else {}
        self.protocol.set_value(self._value.get("protocol", MISSING))
        for line, key in ((self.port, "port"), (self.path, "path")):
            shown = _text(self._value.get(key))
            if line.text() != shown:
                line.blockSignals(True)
                line.setText(shown)
                line.blockSignals(False)

    def _on_port_text_edited(self, text: str) -> None:
        try:
            value = fp.parse_int(text)
        except fp.FieldError as exc:
            self.show_error(str(exc))
            return
        self.show_error(None)
        self._commit("port", value)

    def _commit(self, key: str, value: Any) -> None:
        new = copy.deepcopy(self._value)
        if value is MISSING:
            new.pop(key, None)
        else:
            new[key] = value
        self._value = new
        self.edited.emit(new)


def _line(placeholder: str) -> QLineEdit:
    """A plain line edit with a placeholder (the health-check sub-fields)."""
    line = QLineEdit()
    line.setPlaceholderText(placeholder)
    return line
