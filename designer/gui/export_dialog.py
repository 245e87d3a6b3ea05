"""File ▸ Export ▸ PNG/SVG/PDF: where to write and how (scale, background, margin, title,
legend, whole design or the selection), and the progress of a long export. The image is
rendered by `designer.gui.render` from the same scene code the canvas draws with."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressDialog,
    QPushButton,
    QSpinBox,
    QWidget,
)

from designer.gui.i18n import tr

IMAGE_FORMATS = ("png", "svg", "pdf")


@dataclass
class ImageExportOptions:
    """What the dialog collected; `render_to_file` takes these as keyword arguments."""

    path: Path
    fmt: str
    scale: float = 2.0
    transparent: bool = False
    margin: int = 40
    title: str | None = None
    legend: bool = False
    selection_only: bool = False


def format_filter(fmt: str) -> str:
    """The file-dialog filter for an image format."""
    names = {"png": tr("PNG image (*.png)"), "svg": tr("SVG drawing (*.svg)"), "pdf": tr("PDF document (*.pdf)")}
    return names[fmt]


class ExportImageDialog(QDialog):
    """Asks for the export options; `options()` gives them once accepted."""

    def __init__(self, fmt: str, default_path: Path, design_title: str, selection_count: int,
                 parent: QWidget | None = None):
        super().__init__(parent)
        if fmt not in IMAGE_FORMATS:
            raise ValueError(f"unknown image format {fmt!r}")
        self.fmt = fmt
        self.setWindowTitle(tr("Export {format}").format(format=fmt.upper()))
        form = QFormLayout(self)
        self.path_edit = QLineEdit(str(default_path))
        browse = QPushButton(tr("Browse…"))
        browse.clicked.connect(self._on_browse_clicked)
        row = QHBoxLayout()
        row.addWidget(self.path_edit, 1)
        row.addWidget(browse)
        form.addRow(tr("File"), row)
        self.scale = QDoubleSpinBox()
        self.scale.setRange(0.25, 8.0)
        self.scale.setSingleStep(0.5)
        self.scale.setValue(2.0)
        self.scale.setSuffix("×")
        self.scale.setToolTip(tr("An image larger than 40 megapixels is drawn at the largest scale that fits."))
        form.addRow(tr("Scale"), self.scale)
        self.scale.setEnabled(fmt == "png")  # SVG and PDF are vector: the size does not blur them
        self.transparent = QCheckBox(tr("Transparent background"))
        self.transparent.setEnabled(fmt != "pdf")
        form.addRow("", self.transparent)
        self.margin = QSpinBox()
        self.margin.setRange(0, 400)
        self.margin.setValue(40)
        self.margin.setSuffix(" px")
        form.addRow(tr("Margin"), self.margin)
        self.show_title = QCheckBox(tr("Title"))
        self.title_edit = QLineEdit(design_title)
        self.title_edit.setEnabled(False)
        self.show_title.toggled.connect(self.title_edit.setEnabled)
        title_row = QHBoxLayout()
        title_row.addWidget(self.show_title)
        title_row.addWidget(self.title_edit, 1)
        form.addRow("", title_row)
        self.legend = QCheckBox(tr("Legend of the kinds used"))
        form.addRow("", self.legend)
        self.selection_only = QCheckBox(tr("Only the selection ({count} items)").format(count=selection_count))
        self.selection_only.setEnabled(selection_count > 0)
        self.selection_only.setChecked(selection_count > 0)
        form.addRow("", self.selection_only)
        self.error = QLabel()
        self.error.setStyleSheet("color: #C62828;")
        form.addRow("", self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(tr("Export"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(tr("Cancel"))
        buttons.accepted.connect(self._on_accepted)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def _on_browse_clicked(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, tr("Export {format}").format(format=self.fmt.upper()),
                                              self.path_edit.text(), format_filter(self.fmt))
        if path:
            self.path_edit.setText(path)

    def _on_accepted(self) -> None:
        text = self.path_edit.text().strip()
        if not text:
            self.error.setText(tr("Choose a file name."))
            return
        path = Path(text).expanduser()
        if path.suffix.lower() != f".{self.fmt}":
            path = path.with_name(path.name + f".{self.fmt}")
            self.path_edit.setText(str(path))
        if not path.parent.is_dir():
            self.error.setText(tr("The folder does not exist: {folder}").format(folder=path.parent))
            return
        self.accept()

    def options(self) -> ImageExportOptions:
        """The chosen options."""
        text = self.path_edit.text().strip()
        return ImageExportOptions(
            path=Path(text).expanduser(),
            fmt=self.fmt,
            scale=self.scale.value(),
            transparent=self.transparent.isChecked() and self.fmt != "pdf",
            margin=self.margin.value(),
            title=self.title_edit.text() if self.show_title.isChecked() else None,
            legend=self.legend.isChecked(),
            selection_only=self.selection_only.isChecked() and self.selection_only.isEnabled(),
        )


class ExportProgress:
    """A window-modal progress dialog with Cancel for a long export; pass the object as
    `render_to_file(progress=…)`. Quick exports end before it appears."""

    SHOW_AFTER_MS = 500

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        self.dialog = QProgressDialog(tr("Exporting {name}…").format(name=name), tr("Cancel"), 0, 100, parent)
        self.dialog.setWindowTitle(tr("Export"))
        self.dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.dialog.setMinimumDuration(self.SHOW_AFTER_MS)
        self.dialog.setAutoClose(False)
        self.dialog.setValue(0)

    def __call__(self, fraction: float) -> bool:
        """Show how far the export is (a modal dialog's setValue also handles the Cancel
        click); False once the user cancelled."""
        self.dialog.setValue(round(fraction * 100))
        return not self.dialog.wasCanceled()

    def close(self) -> None:
        """Hide the dialog and stop its show-later timer."""
        self.dialog.reset()
        self.dialog.hide()
        self.dialog.deleteLater()
