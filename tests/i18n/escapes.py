"""Finds user-facing strings in the window's code that do not go through Qt's tr.

A string literal (or f-string) with a letter in it, given as the text argument of a Qt call that
shows text (setText, setWindowTitle, QLabel(…), addAction(…), QMessageBox.warning(…), …), is an
escape. So is an f-string inside tr (lupdate cannot extract it) and a tr call whose text is not a
literal. A line may say `# i18n: not text` when the literal is not words for people (a format,
an object name, a product or protocol name), and a tr call of a variable may say
`# i18n: marked` when its texts are marked where they are written (QT_TRANSLATE_NOOP /
QT_TR_NOOP, so lupdate extracts them)."""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from pathlib import Path

# method/constructor name → positions of its text arguments (keyword names too)
TEXT_CALLS: dict[str, tuple[int, ...]] = {
    "setText": (0,), "setWindowTitle": (0,), "setToolTip": (0,), "setStatusTip": (0,),
    "setWhatsThis": (0,), "setPlaceholderText": (0,), "setAccessibleName": (0,),
    "setAccessibleDescription": (0,), "setTitle": (0,), "setLabelText": (0,),
    "setInformativeText": (0,), "setDetailedText": (0,), "setSuffix": (0,), "setPrefix": (0,),
    "setSpecialValueText": (0,), "setTabText": (1,), "setTabToolTip": (1,), "setItemText": (1,),
    "showMessage": (0,), "setHeaderLabels": (0,), "setHorizontalHeaderLabels": (0,),
    "setVerticalHeaderLabels": (0,), "addTab": (1,), "insertTab": (2,), "addAction": (0, 1),
    "addMenu": (0, 1), "addButton": (0,), "addRow": (0,), "insertRow": (1,), "setButtonText": (1,),
    "setNoItemsText": (0,), "setEmptyText": (0,), "setFormat": (0,), "setSubTitle": (0,),
    "setHtml": (0,), "setMarkdown": (0,), "setPlainText": (0,),
    "QLabel": (0,), "QPushButton": (0, 1), "QCheckBox": (0,), "QRadioButton": (0,),
    "QGroupBox": (0,), "QAction": (0, 1), "QMenu": (0,), "QToolButton": (), "QCommandLinkButton": (0, 1),
    "QListWidgetItem": (0, 1), "QTreeWidgetItem": (), "QStandardItem": (0, 1),
    "information": (1, 2), "warning": (1, 2), "critical": (1, 2), "question": (1, 2), "about": (1, 2),
    "getText": (1, 2), "getItem": (1, 2), "getInt": (1, 2), "getDouble": (1, 2),
    "getOpenFileName": (1,), "getSaveFileName": (1,), "getExistingDirectory": (1,),
    "QMessageBox": (1, 2),
}
TEXT_KEYWORDS = {"text", "title", "toolTip", "windowTitle", "placeholderText", "label"}
TR_NAMES = {"tr", "translate", "QT_TRANSLATE_NOOP", "QT_TR_NOOP"}
MARKS = ("i18n: not text", "i18n: marked")


@dataclass(frozen=True)
class Escape:
    path: str
    line: int
    call: str
    text: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.call}({self.text!r})"


def _name(func: ast.expr) -> str:
    if isinstance(func, ast.Attribute):
        return func.attr
    if isinstance(func, ast.Name):
        return func.id
    return ""


def _wordy(text: str) -> bool:
    """Words for people: letters outside markup (`<b></b>` alone is not text)."""
    text = re.sub(r"<[^>]*>|&[a-z]+;", "", text)
    return any(ch.isalpha() for ch in text)


def _literal_text(node: ast.expr) -> str | None:
    """The words of a literal text argument that did not go through tr, else None."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value if _wordy(node.value) else None
    if isinstance(node, ast.JoinedStr):
        parts = "".join(v.value for v in node.values if isinstance(v, ast.Constant) and isinstance(v.value, str))
        return parts if _wordy(parts) else None
    if isinstance(node, ast.BinOp) and isinstance(node.op, (ast.Mod, ast.Add)):
        return _literal_text(node.left) or _literal_text(node.right)
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "format":
        return _literal_text(node.func.value)
    if isinstance(node, ast.IfExp):
        return _literal_text(node.body) or _literal_text(node.orelse)
    if isinstance(node, (ast.List, ast.Tuple)):
        for elt in node.elts:
            found = _literal_text(elt)
            if found:
                return found
    return None


def escapes_in(path: Path, root: Path) -> list[Escape]:
    source = path.read_text(encoding="utf-8")
    lines = source.splitlines()
    found: list[Escape] = []
    rel = str(path.relative_to(root))

    def marked(node: ast.AST) -> bool:
        end = getattr(node, "end_lineno", node.lineno)
        return any(m in lines[i - 1] for m in MARKS for i in range(node.lineno, end + 1))

    for node in ast.walk(ast.parse(source, filename=rel)):
        if not isinstance(node, ast.Call):
            continue
        name = _name(node.func)
        if name in TR_NAMES and name != "QT_TR_NOOP":
            text_arg = node.args[1] if name in ("translate", "QT_TRANSLATE_NOOP") and len(node.args) > 1 else (
                node.args[0] if node.args else None)
            if text_arg is not None and not (isinstance(text_arg, ast.Constant) and isinstance(text_arg.value, str)):
                if not marked(node):
                    found.append(Escape(rel, node.lineno, name, "<text not a literal: lupdate cannot see it>"))
            continue
        positions = TEXT_CALLS.get(name)
        if positions is None:
            continue
        args = [node.args[i] for i in positions if i < len(node.args)]
        args += [kw.value for kw in node.keywords if kw.arg in TEXT_KEYWORDS]
        for arg in args:
            text = _literal_text(arg)
            if text and not marked(node):
                found.append(Escape(rel, node.lineno, name, text))
    return found


def escapes(root: Path, files: list[Path]) -> list[Escape]:
    out: list[Escape] = []
    for path in files:
        out.extend(escapes_in(path, root))
    return out
