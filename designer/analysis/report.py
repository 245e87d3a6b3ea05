"""The failure-drill report as data (JSON) and as text a teacher can read (no I/O here)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from designer.analysis.exercises import ExerciseInfo, ExerciseResult
from designer.analysis.failure import (
    FailureResult,
    PathStatus,
    SinglePointOfFailure,
    path_label,
    simulate_failure,
    single_points_of_failure,
)
from designer.model import Design

STATUS_TEXT = {"ok": ("ok", "정상"), "lost": ("LOST", "끊김"), "broken": ("broken", "원래 안 됨")}
LANGS = ("en", "ko", "both")


@dataclass(frozen=True)
class DrillReport:
    """Everything `aws-designer analyze` prints: paths, SPOFs, an optional failure and exercise."""

    design: Design
    result: FailureResult  # the intact design when nothing was failed
    spofs: tuple[SinglePointOfFailure, ...]
    exercise: tuple[ExerciseInfo, ExerciseResult] | None = None

    @property
    def drilled(self) -> bool:
        return bool(self.result.failed)


def build_report(design: Design, failed: Iterable[str] = (),
                 exercise: tuple[ExerciseInfo, ExerciseResult] | None = None) -> DrillReport:
    """Run the drill (raises UnknownNodeError for an id that is not in the design)."""
    return DrillReport(design, simulate_failure(design, failed), tuple(single_points_of_failure(design)),
                       exercise)


def report_json(report: DrillReport) -> dict[str, object]:
    """The JSON shape: {"single_points_of_failure": [...], "paths": [...], ...}."""
    data: dict[str, object] = {
        "title": report.design.title,
        "single_points_of_failure": [s.to_json() for s in report.spofs],
        "paths": [p.to_json() for p in report.result.paths],
    }
    if report.drilled:
        failure = report.result.to_json()
        del failure["paths"]  # the top-level paths already show the state after the failure
        data["failure"] = failure
    if report.exercise is not None:
        info, result = report.exercise
        data["exercise"] = {"id": info.id, "topic": info.topic, "topic_ko": info.topic_ko, **result.to_json()}
    return data


def _pick(lang: str, en: str, ko: str) -> list[str]:
    if lang == "en":
        return [en]
    if lang == "ko":
        return [ko]
    return [en, ko] if en != ko else [en]


def _path_line(design: Design, path: PathStatus, lang: str) -> str:
    status_en, status_ko = STATUS_TEXT[path.status]
    status = status_ko if lang == "ko" else status_en
    name = path_label(design, path, "ko" if lang == "ko" else "en")
    line = f"  {status:<7} {name}"
    if path.via:
        hops = (*path.via, "인터넷" if lang == "ko" else "internet") if path.direction == "outbound" else path.via
        line += f"   [{' → '.join(hops)}]"
    if path.cut_by:
        line += f"   {'원인' if lang == 'ko' else 'cut by'}: {', '.join(path.cut_by)}"
    return line


def report_text(report: DrillReport, lang: str = "both") -> str:
    """The report as plain text; `lang` is "en", "ko" or "both" (reasons in both languages)."""
    design, result = report.design, report.result
    ko = lang == "ko"
    out: list[str] = []
    if report.exercise is not None:  # a teacher checking a fix wants the verdict first
        out += _exercise_lines(*report.exercise, lang) + [""]
    out += [f"{'장애 훈련' if ko else 'Failure drill'}: {design.title}", ""]
    if report.drilled:
        out += _failure_lines(design, result, lang)
    paths_title = ("장애 후 경로" if ko else "Paths after the failure") if report.drilled else (
        "경로" if ko else "Paths")
    out.append(f"{paths_title} ({len(result.paths)}):")
    if not result.paths:
        out.append("  " + ("인터넷/온프레미스에서 계층(role, 로드 밸런서 대상, DB)으로 가는 경로가 없습니다."
                           if ko else "no path from internet/on-premises to a tier (role, load balancer "
                           "targets, databases) is drawn."))
    out += [_path_line(design, p, lang) for p in result.paths]
    out.append("")
    out.append(f"{'단일 장애 지점' if ko else 'Single points of failure'} ({len(report.spofs)}):")
    if not report.spofs:
        out += ["  " + t for t in _pick(lang, "none: no single AZ or node cuts a working path.",
                                         "없음: 가용 영역이나 노드 하나를 잃어도 끊기는 경로가 없습니다.")]
    for spof in report.spofs:
        tag = "AZ" if spof.kind == "az" else ("노드" if ko else "node")
        out.append(f"  {tag} {spof.id} ({spof.label})")
        out += ["      " + t for t in _pick(lang, spof.reason, spof.reason_ko)]
    return "\n".join(out) + "\n"


def _failure_lines(design: Design, result: FailureResult, lang: str) -> list[str]:
    ko = lang == "ko"

    def names(ids: tuple[str, ...]) -> str:
        return ", ".join(ids) if ids else ("없음" if ko else "none")

    lines = [
        f"{'장애 발생' if ko else 'Failed'}: {names(result.failed)}",
        f"{'중단됨' if ko else 'Down'} ({len(result.down)}): {names(result.down)}",
        f"{'일부 AZ 손실(계속 동작)' if ko else 'Degraded (still up)'} ({len(result.degraded)}): "
        f"{names(result.degraded)}",
        f"{'끊긴 경로' if ko else 'Lost paths'}: {len(result.lost_paths)} / "
        f"{sum(1 for p in result.paths if p.status != 'broken')}",
        "",
    ]
    return lines


def _exercise_lines(info: ExerciseInfo, result: ExerciseResult, lang: str) -> list[str]:
    ko = lang == "ko"
    head = f"{'실습 문제' if ko else 'Exercise'} {info.id}: {info.topic_ko if ko else info.topic}"
    lines = [head] + ["  " + t for t in _pick(lang, info.prompt, info.prompt_ko) if t]
    lines += ["  " + line for line in result.lines("ko" if ko else "en")]
    if lang == "both":
        # The verdict in Korean too, right after the English one; the findings only once.
        lines.insert(len(lines) - len(result.lines("en")) + 1, "  " + result.message_ko)
    return lines
