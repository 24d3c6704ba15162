"""打开所在文件夹: every finished job (export, package, certificate) tells the clerk where the
file went and offers to open that folder in the file manager."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QMessageBox, QWidget

OPEN_FOLDER = "打开所在文件夹"
CLOSE = "关闭"


def folder_of(paths) -> Path:
    """The folder to open for one file or several (their common folder)."""
    paths = [Path(p) for p in ([paths] if isinstance(paths, (str, Path)) else paths)]
    folders = {str(p if p.is_dir() else p.parent) for p in paths}
    return Path(os.path.commonpath(sorted(folders)))


def open_folder(paths) -> bool:
    """Open the folder holding the file(s) in the system's file manager."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder_of(paths))))


def finished(parent: QWidget | None, title: str, message: str, paths) -> QMessageBox:
    """An information box naming the files, with 打开所在文件夹 and 关闭 (not shown: call exec()
    or open()). Clicking 打开所在文件夹 opens the folder and closes the box."""
    files = [Path(p) for p in ([paths] if isinstance(paths, (str, Path)) else paths)]
    listing = "\n".join(f"　{p.name}" for p in files)
    box = QMessageBox(
        QMessageBox.Information, title, f"{message}\n\n{listing}\n\n保存在：{folder_of(files)}", parent=parent
    )
    box.open_button = box.addButton(OPEN_FOLDER, QMessageBox.ActionRole)
    box.addButton(CLOSE, QMessageBox.RejectRole)
    box.setDefaultButton(box.open_button)
    box.open_button.clicked.connect(lambda: open_folder(files))
    return box
