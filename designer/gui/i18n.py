"""The UI's message catalogue (English source strings → Korean) and live language switching.

Every user-visible string in designer.gui goes through `tr("English text")`. Widgets that
show text connect to `translator().language_changed` and re-set their texts in a
`retranslate()` method, so View ▸ Language switches without a restart. A test walks the
gui package and fails on any `tr()` literal that has no Korean entry in `KO`.
"""

from __future__ import annotations

from PySide6.QtCore import QLocale, QObject, Signal

LANGUAGES = ("en", "ko")

# English source string -> Korean. Terms follow glossary-ko.md (AWS Korea's own terms).
KO: dict[str, str] = {
    "File": "파일",
    "Edit": "편집",
    "View": "보기",
    "Help": "도움말",
    "Language": "언어",
    "English": "English",
    "Korean": "한국어",
}


class Translator(QObject):
    """Holds the current UI language and tells widgets when it changes."""

    language_changed = Signal(str)

    def __init__(self) -> None:
        super().__init__()
        self.language = default_language()

    def set_language(self, language: str) -> None:
        if language not in LANGUAGES:
            raise ValueError(f"unsupported language {language!r}")
        if language != self.language:
            self.language = language
            self.language_changed.emit(language)


def default_language() -> str:
    """Korean when the system locale is Korean, else English."""
    return "ko" if QLocale.system().language() == QLocale.Language.Korean else "en"


_translator: Translator | None = None


def translator() -> Translator:
    """The application-wide translator (created on first use, after QApplication)."""
    global _translator
    if _translator is None:
        _translator = Translator()
    return _translator


def language() -> str:
    return translator().language


def tr(text: str) -> str:
    """`text` in the current UI language (English source strings; Korean from KO)."""
    if translator().language == "ko":
        return KO.get(text, text)
    return text
