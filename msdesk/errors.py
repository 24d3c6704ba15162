"""Errors a clerk may see. Messages say what happened and what to do next."""
from __future__ import annotations


class MsdeskError(Exception):
    """Any error whose message is meant for the user (in Chinese)."""

    exit_code = 1

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class StoreError(MsdeskError):
    exit_code = 3


class ValidationError(MsdeskError):
    exit_code = 4

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.field = field


FILE_MISSING = "找不到文件：{path}。请检查路径是否正确，或用“文件→新建”创建新的台账文件。"
NOT_SQLITE = "文件“{path}”不是民生实事台账文件（也不是 SQLite 数据库），未做任何修改。请选择扩展名为 .msdesk 的台账文件。"
CORRUPT = "文件“{path}”已损坏（完整性检查未通过：{detail}），未做任何修改。请用“文件→从备份恢复”恢复最近的备份。"
FOREIGN = "文件“{path}”是其他程序的数据库，不是民生实事台账文件，未做任何修改。"
TOO_NEW = "文件“{path}”由更新版本的程序创建（数据版本 {found}，本程序支持到 {supported}），未做任何修改。请升级程序后再打开。"
EXISTS = "文件“{path}”已存在。为防止覆盖数据，请另选文件名。"
BACKUP_INVALID = "备份文件“{path}”无法使用：{detail}"
UNENCODABLE = "内容中有无法保存的字符（不成对的代理码，常见于从损坏的文件复制的文字），未保存。请删去该字符后重新输入。"
