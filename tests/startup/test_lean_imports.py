"""whitephone/lean_imports.py: PySide6's import hook no longer leaves every later module's source
in linecache (~19 MiB of the window's memory), and answers its question as before."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap


def test_modules_imported_after_pyside_leave_no_source_lines(tmp_path):
    (tmp_path / "plain_mod.py").write_text("X = 1\n" * 2000)
    (tmp_path / "qt_mod.py").write_text("import PySide6.QtCore  # uses PySide6\nY = 2\n")
    code = textwrap.dedent("""
        import linecache, sys
        import PySide6.QtWidgets
        from whitephone.lean_imports import lighter_pyside_import_hook
        assert lighter_pyside_import_hook()
        assert not lighter_pyside_import_hook()  # once
        import plain_mod, qt_mod
        feature = sys.modules["PySide6.support.feature"]
        print(feature.pyside_feature_dict.get("plain_mod"), feature.pyside_feature_dict.get("qt_mod"),
              any(k.endswith("plain_mod.py") for k in linecache.cache))
    """)
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(tmp_path), *(p for p in sys.path if p)]))
    out = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, timeout=120,
                         env=env)
    assert out.returncode == 0, out.stderr
    # PySide6's own answer: -1 (ignore) for a module that does not mention PySide6, 0 for one that does
    assert out.stdout.split() == ["-1", "0", "False"]

