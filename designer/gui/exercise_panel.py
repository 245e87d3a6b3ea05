""""Find the mistake" exercises in the window: File ▸ Open Exercise and the Exercise panel.

Opening an exercise starts an unnamed copy of it (the bundled file stays as it is; Save
asks for a name and keeps the hidden answer key in the student's file). The panel shows
the exercise's prompt in the UI language and a hint on request; Check my answer runs
`designer.analysis.exercises.check_exercise` with the live findings and says, in Korean or
English, what is still wrong, or that the exercise is solved.
"""

from __future__ import annotations

import html
import json
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from designer.analysis.exercises import (
    ExerciseError,
    ExerciseInfo,
    ExerciseResult,
    check_exercise,
    exercise_info,
)
from designer.analysis.exercises import answer_key as decode_key
from designer.gui.i18n import language, tr, translator

EXERCISES_DIR = Path(__file__).resolve().parents[2] / "samples" / "exercises"
SUFFIX = ".awsd.json"
SOLVED_STYLE = "QLabel { background: #E9F5E1; color: #1D8102; border: 2px solid #1D8102; border-radius: 6px; padding: 8px; }"
WRONG_STYLE = "QLabel { background: #FDECEA; color: #B0260F; border: 2px solid #D13212; border-radius: 6px; padding: 8px; }"
STALE_STYLE = "QLabel { background: #F2F3F3; color: #5F6B7A; border: 1px solid #AAB7B8; border-radius: 6px; padding: 8px; }"


def exercise_files(folder: Path | None = None) -> list[Path]:
    """The bundled exercise files, in order (01-…, 02-…)."""
    folder = folder or EXERCISES_DIR
    return sorted(folder.glob(f"*{SUFFIX}")) if folder.is_dir() else []


def exercise_title(path: Path, lang: str) -> str:
    """"03 · NAT 게이트웨이": the file's number and its exercise topic (the file name if unreadable)."""
    number = path.name.split("-", 1)[0]
    try:
        data = json.loads(path.read_text(encoding="utf-8")).get("exercise", {})
        topic = data.get("topic_ko" if lang == "ko" else "topic") or data.get("topic") or ""
    except (OSError, ValueError, AttributeError):
        topic = ""
    return f"{number} · {topic}" if topic else path.name.removesuffix(SUFFIX)


class ExercisePanel(QWidget):
    """Shows the open exercise and checks the student's answer (`check()`)."""

    checked = Signal(object)  # the ExerciseResult

    def __init__(self, document, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.info: ExerciseInfo | None = None
        self.key: tuple[str, ...] = ()
        self.error = ""
        self.result: ExerciseResult | None = None
        self.stale = False  # the design changed since the last check
        self.hint_shown = False
        self.heading = QLabel(self)
        self.heading.setWordWrap(True)
        self.prompt = QLabel(self)
        self.prompt.setWordWrap(True)
        self.prompt.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = self.prompt.font()
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.prompt.setFont(font)
        self.hint = QLabel(self)
        self.hint.setWordWrap(True)
        self.hint_button = QPushButton(self)
        self.hint_button.clicked.connect(self.toggle_hint)
        self.check_button = QPushButton(self)
        self.check_button.setDefault(True)
        self.check_button.clicked.connect(self.check)
        self.verdict = QLabel(self)
        self.verdict.setWordWrap(True)
        self.details = QLabel(self)
        self.details.setWordWrap(True)
        self.details.setTextFormat(Qt.TextFormat.RichText)
        self.details.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        buttons = QHBoxLayout()
        buttons.addWidget(self.check_button)
        buttons.addWidget(self.hint_button)
        buttons.addStretch(1)
        # Everything scrolls together, so a long prompt or verdict is never cut off in a small dock.
        content = QWidget()
        column = QVBoxLayout(content)
        column.setContentsMargins(6, 6, 6, 6)
        column.addWidget(self.heading)
        column.addWidget(self.prompt)
        column.addWidget(self.hint)
        column.addLayout(buttons)
        column.addWidget(self.verdict)
        column.addWidget(self.details)
        column.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(content)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)
        document.design_replaced.connect(self.load_from_document)
        document.findings_changed.connect(self._on_document_findings_changed)
        translator().language_changed.connect(self.retranslate)
        self.load_from_document()

    # ------------------------------------------------------------------ the exercise
    @property
    def is_exercise(self) -> bool:
        return self.info is not None

    def load_from_document(self) -> None:
        """Read the exercise (if any) of the document's design; clears the last verdict."""
        self.info, self.key, self.error = None, (), ""
        try:
            self.info = exercise_info(self.document.design)
            if self.info is not None:
                self.key = decode_key(self.document.design)
        except ExerciseError as exc:
            self.error = str(exc)
        self.result = None
        self.stale = False
        self.hint_shown = False
        self.retranslate()

    def check(self) -> ExerciseResult | None:
        """Check the design against the answer key with the live findings (None: not an exercise)."""
        if self.info is None or not self.key:
            return None
        self.result = check_exercise(self.document.design, self.key, findings=self.document.findings,
                                     requires=self.info.requires)
        self.stale = False
        self._show_verdict()
        self.checked.emit(self.result)
        return self.result

    def toggle_hint(self) -> None:
        self.hint_shown = not self.hint_shown
        self.retranslate()

    # ------------------------------------------------------------------ texts
    def retranslate(self, *_args) -> None:
        """Re-set every text in the current language."""
        lang = language()
        info = self.info
        self.check_button.setText(tr("Check my answer"))
        self.hint_button.setText(tr("Hide the hint") if self.hint_shown else tr("Show a hint"))
        if info is None:
            self.heading.setText(f"<b>{html.escape(tr('Exercise'))}</b>")
            text = tr("This design is not an exercise. Open one with File ▸ Open Exercise.")
            if self.error:
                text = tr("This exercise cannot be checked: {reason}").format(reason=self.error)
            self.prompt.setText(text)
            for widget in (self.hint, self.hint_button, self.check_button, self.verdict, self.details):
                widget.hide()
            return
        topic = info.topic_ko if lang == "ko" else info.topic
        self.heading.setText(f"<b>{html.escape(tr('Exercise'))} {html.escape(info.id)}</b> · {html.escape(topic)}")
        self.prompt.setText(info.prompt_in(lang))
        hint = info.hint_ko if lang == "ko" else info.hint
        self.hint.setText(tr("Hint: {hint}").format(hint=hint))
        self.hint.setVisible(self.hint_shown and bool(hint))
        self.hint_button.setVisible(bool(hint))
        self.check_button.show()
        if self.error:
            self.check_button.setEnabled(False)
            self.verdict.setText(tr("This exercise cannot be checked: {reason}").format(reason=self.error))
            self.verdict.setStyleSheet(STALE_STYLE)
            self.verdict.show()
            self.details.hide()
            return
        self.check_button.setEnabled(True)
        self._show_verdict()

    def _show_verdict(self) -> None:
        result = self.result
        if result is None:
            self.verdict.setText(tr("Fix the design, then press Check my answer."))
            self.verdict.setStyleSheet(STALE_STYLE)
            self.verdict.show()
            self.details.hide()
            return
        lang = language()
        self.verdict.show()
        if result.solved:
            self.verdict.setText("✔ " + (result.message_ko if lang == "ko" else result.message))
            self.verdict.setStyleSheet(SOLVED_STYLE)
        else:
            self.verdict.setText("✘ " + (result.message_ko if lang == "ko" else result.message))
            self.verdict.setStyleSheet(WRONG_STYLE)
        lines = []
        for title, findings in ((tr("Still wrong"), result.still_wrong), (tr("New error"), result.new_errors),
                                (tr("New warning"), result.new_warnings)):
            lines += [f"• <b>{html.escape(title)}</b> [{html.escape(f.rule)}] {html.escape(f.message_in(lang))}"
                      for f in findings]
        if self.stale:
            lines.insert(0, f"<i>{html.escape(tr('The design changed since this check: check again.'))}</i>")
        self.details.setText("<br>".join(lines))
        self.details.setVisible(bool(lines))

    def _on_document_findings_changed(self, _findings) -> None:
        if self.result is not None and not self.stale:
            self.stale = True
            self._show_verdict()


def exercise_entries(lang: str, folder: Path | None = None) -> list[tuple[Path, str]]:
    """(path, menu text) of each bundled exercise."""
    return [(path, exercise_title(path, lang)) for path in exercise_files(folder)]
