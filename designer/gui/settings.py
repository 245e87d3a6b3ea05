"""Persistent preferences (QSettings): window geometry, recent files, language, snap.

`use_settings_file(path)` points every window at an INI file instead of the platform
store, which the tests (and a portable install) use.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings

ORGANIZATION = "aws-architecture-designer"
APPLICATION = "AWS Architecture Designer"
MAX_RECENT = 10

_settings_file: str | None = None


def use_settings_file(path: str | Path | None) -> None:
    """Keep settings in this INI file (None: back to the platform's store)."""
    global _settings_file
    _settings_file = str(path) if path is not None else None


def app_settings() -> QSettings:
    """The settings store (a new handle each time; QSettings syncs them)."""
    if _settings_file is not None:
        return QSettings(_settings_file, QSettings.Format.IniFormat)
    return QSettings(ORGANIZATION, APPLICATION)


def _as_list(value) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):  # QSettings gives a single-item list back as a str on some back-ends
        return [value] if value else []
    return [str(v) for v in value]


def recent_files() -> list[str]:
    """Recently opened or saved design files, newest first."""
    return _as_list(app_settings().value("recent_files", []))


def add_recent_file(path: str | Path) -> list[str]:
    """Put `path` first in the recent list (absolute, no duplicates, at most MAX_RECENT)."""
    absolute = str(Path(path).resolve())
    files = [absolute] + [f for f in recent_files() if f != absolute]
    files = files[:MAX_RECENT]
    app_settings().setValue("recent_files", files)
    return files


def remove_recent_file(path: str | Path) -> None:
    """Drop a file from the recent list (it could not be opened)."""
    absolute = str(Path(path).resolve())
    app_settings().setValue("recent_files", [f for f in recent_files() if f != absolute])


def clear_recent_files() -> None:
    app_settings().setValue("recent_files", [])


def value(key: str, default=None):
    """A stored preference."""
    return app_settings().value(key, default)


def set_value(key: str, data) -> None:
    app_settings().setValue(key, data)


def bool_value(key: str, default: bool) -> bool:
    """A stored boolean (INI files give "true"/"false" strings back)."""
    raw = app_settings().value(key, default)
    if isinstance(raw, str):
        return raw.lower() in ("1", "true", "yes")
    return bool(raw)
