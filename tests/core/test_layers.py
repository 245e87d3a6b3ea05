"""Architecture contracts: Qt only in designer.gui, layers in order, core works without Qt."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_import_linter_contracts_hold():
    lint = Path(sys.executable).parent / "lint-imports"
    result = subprocess.run([str(lint)], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_core_runs_with_pyside6_absent():
    # A meta-path blocker makes `import PySide6` fail, as if it were not installed.
    code = (
        "import sys\n"
        "class Block:\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if name == 'PySide6' or name.startswith('PySide6.'):\n"
        "            raise ImportError('PySide6 blocked')\n"
        "sys.meta_path.insert(0, Block())\n"
        "import pkgutil, importlib, designer\n"
        "for m in pkgutil.walk_packages(designer.__path__, 'designer.'):\n"
        "    if m.name.startswith('designer.gui') or m.name == 'designer.__main__':\n"
        "        continue\n"
        "    importlib.import_module(m.name)\n"
        "from designer.cli import main\n"
        "raise SystemExit(main(['check', 'samples/three-tier.awsd.json']))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
