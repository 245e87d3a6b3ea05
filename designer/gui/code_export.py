"""Writing a code/IaC export (Terraform, CloudFormation, diagrams, draw.io) from the window.

One file goes to the chosen path; several go into the chosen folder. Each file is written
atomically (temporary file, then rename), so a failed export never leaves half a file.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from designer.exporters import ExportResult


def write_export(result: ExportResult, target: Path) -> list[Path]:
    """Write the result's files; `target` is a file for one file, a folder for several."""
    if len(result.files) == 1 and not target.is_dir():
        paths = {target: result.single}
    else:
        target.mkdir(parents=True, exist_ok=True)
        paths = {target / name: content for name, content in result.files.items()}
    for path, content in paths.items():
        _write_atomic(path, content)
    return list(paths)


def _write_atomic(path: Path, content: str | bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    data = content.encode("utf-8") if isinstance(content, str) else content
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, path)
    except OSError:
        Path(tmp).unlink(missing_ok=True)
        raise
