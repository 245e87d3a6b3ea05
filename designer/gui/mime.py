"""MIME types of the canvas: a palette drag carries a kind key; the clipboard carries JSON."""

from __future__ import annotations

from PySide6.QtCore import QMimeData

KIND_MIME = "application/x-aws-designer-kind"
FRAGMENT_MIME = "application/x-aws-designer-fragment"


def kind_mime_data(kind: str) -> QMimeData:
    """Mime data for dragging one kind out of the palette (also readable as plain text)."""
    data = QMimeData()
    data.setData(KIND_MIME, kind.encode("utf-8"))
    data.setText(kind)
    return data


def kind_from_mime(data: QMimeData | None) -> str | None:
    """The kind key a drag carries, or None when it carries no kind."""
    if data is None or not data.hasFormat(KIND_MIME):
        return None
    raw = bytes(data.data(KIND_MIME).data()).decode("utf-8", errors="replace").strip()
    return raw or None


def fragment_mime_data(text: str) -> QMimeData:
    """Mime data for a copied fragment: our JSON in our own type and as plain text."""
    data = QMimeData()
    data.setData(FRAGMENT_MIME, text.encode("utf-8"))
    data.setText(text)
    return data


def fragment_from_mime(data: QMimeData | None) -> str | None:
    """The fragment JSON on the clipboard (our type first, then plain text), or None."""
    if data is None:
        return None
    if data.hasFormat(FRAGMENT_MIME):
        return bytes(data.data(FRAGMENT_MIME).data()).decode("utf-8", errors="replace")
    if data.hasText():
        return data.text()
    return None
