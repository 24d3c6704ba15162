"""Errors a clerk may see. Messages say what happened and what to do next."""

from __future__ import annotations

import errno
from typing import Any


class MsdeskError(Exception):
    """Any error whose message is meant for the user (in Chinese)."""

    exit_code = 1

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class StoreError(MsdeskError):
    exit_code = 3


class FileAccessError(MsdeskError):
    """A file or folder the user named cannot be read or written (the CLI's exit code 3)."""

    exit_code = 3


class ValidationError(MsdeskError):
    exit_code = 4

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.field = field


class ForeignFileError(StoreError):
    """Another program's SQLite database: never opened, never replaced."""


class TooNewError(StoreError):
    """Written by a newer msdesk: never opened, never replaced."""


class FileLockedError(StoreError):
    """Another program has the file open for writing; holder says who (user, host, since, pid)."""

    def __init__(self, message: str, holder: dict[str, Any] | None = None):
        super().__init__(message)
        self.holder = holder or {}


class ReadOnlyError(StoreError):
    """The file was opened read-only (no write permission, or on purpose): nothing can be saved."""


class WriteFailedError(StoreError):
    """A write did not reach the file (disk full, I/O error, the file went away): nothing was saved."""


class LockTimeoutError(WriteFailedError):
    """Another program held the file's write lock longer than the store's lock wait."""


_OS_REASONS = {
    errno.ENOENT: "找不到该文件或文件夹",
    errno.EACCES: "没有权限",
    errno.EPERM: "没有权限",
    errno.EEXIST: "已有同名的文件",
    errno.ENOTDIR: "路径中有一项是文件而不是文件夹",
    errno.EISDIR: "这是一个文件夹，不是文件",
    errno.ENOSPC: "磁盘空间不足",
    errno.EROFS: "磁盘是只读的",
    errno.EBUSY: "文件正被其他程序使用",
    errno.ENAMETOOLONG: "文件名或路径太长",
    errno.EIO: "读写出错（磁盘或U盘可能有问题）",
}


def clerk_message(exc: BaseException) -> str:
    """Any failure as a clerk reads it: the core's own Chinese message, a file error's reason in
    Chinese, else a plain Chinese line (never the bare English text of a library)."""
    if isinstance(exc, MsdeskError):
        return exc.message
    if isinstance(exc, OSError):
        name = f"“{exc.filename}”：" if exc.filename else ""
        return f"操作失败：{name}{os_reason(exc)}"
    return f"操作失败（{type(exc).__name__}），未完成。请重试；若仍失败，请把此提示告诉技术人员。"


def os_reason(exc: OSError) -> str:
    """Why a file operation failed, in Chinese (the system's own text is English on most machines)."""
    reason = _OS_REASONS.get(exc.errno) if exc.errno is not None else None
    return reason or f"系统错误：{exc.strerror or exc}"


FILE_MISSING = "找不到文件：{path}。请检查路径是否正确，或用“文件→新建”创建新的台账文件。"
NOT_SQLITE = (
    "文件“{path}”不是民生实事台账文件（也不是 SQLite 数据库），未做任何修改。请选择扩展名为 .msdesk 的台账文件。"
)
CORRUPT = "文件“{path}”已损坏（完整性检查未通过：{detail}），未做任何修改。请用“文件→从备份恢复”恢复最近的备份。"
FOREIGN = "文件“{path}”是其他程序的数据库，不是民生实事台账文件，未做任何修改。"
TOO_NEW = (
    "文件“{path}”由更新版本的程序创建（数据版本 {found}，本程序支持到 {supported}），未做任何修改。请升级程序后再打开。"
)
EXISTS = "文件“{path}”已存在。为防止覆盖数据，请另选文件名。"
BACKUP_INVALID = "备份文件“{path}”无法使用：{detail}"
UNENCODABLE = "内容中有无法保存的字符（不成对的代理码，常见于从损坏的文件复制的文字），未保存。请删去该字符后重新输入。"
EMPTY_SCHEMA = (
    "文件“{path}”里没有台账数据（没有民生实事台账的数据表），未做任何修改。它可能是在程序打开台账时"
    "只复制了 .msdesk 文件而漏了同名的 -wal 文件。请在原电脑上关闭程序后重新复制，或选择正确的台账文件。"
)
LOCKED = (
    "文件“{path}”正在使用：{user}（电脑 {host}）于 {since} 打开了它（进程 {pid}）。为防止两边的修改互相覆盖，"
    "现在不能修改它。请先在那边关闭该台账；只需查看时可以只读方式打开。"
)
READ_ONLY_FILE = "文件“{path}”是只读文件（没有写入权限），已以只读方式打开：可以查看、导出，修改不能保存。"
READ_ONLY_FOLDER = "文件“{path}”所在的文件夹是只读的（没有写入权限），已以只读方式打开：可以查看、导出，修改不能保存。"
READ_ONLY_ASKED = "文件“{path}”已以只读方式打开：可以查看、导出，修改不能保存。"
READ_ONLY_WRITE = "{reason}本次修改未保存。如需修改，请把文件复制到可写的文件夹（如“文档”）后打开副本。"
READ_ONLY_OLD = (
    "文件“{path}”由旧版本程序创建，需要升级后才能打开，但它是只读的，无法升级。请把文件复制到可写的文件夹后再打开。"
)
NO_READ = "没有读取文件“{path}”的权限，未做任何修改。请检查文件权限，或请管理员处理。"
LOCK_TIMEOUT = (
    "文件“{path}”正被其他程序写入，等待 {seconds:g} 秒后仍未完成，本次修改未保存。"
    "请稍后重试；若一直如此，请关闭其他打开该台账的程序。"
)
WRITE_FAILED = "无法写入文件“{path}”（{detail}），本次修改未保存。请检查磁盘空间和U盘是否已拔出，然后重试。"
CANNOT_CREATE = "不能在“{path}”所在的文件夹中新建台账（文件夹是只读的，没有写入权限）。请另选文件夹，如“文档”。"
