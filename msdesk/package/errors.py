"""Why a package is refused: one reason code, one exit code, one Chinese message each.

Exit codes (msdesk package verify / import):
  0  valid / imported
  1  file not found
  10 corrupt or unsafe zip (truncated, ../ paths, zip bomb, duplicate members)
  11 file missing or extra file
  12 file altered after signing
  13 bad signature
  14 unknown signer (not in the trust store)
  15 revoked signer; certificate not yet valid, expired when the package was made,
     or expired more than 30 days (verify.GRACE_DAYS) before the package was received
  16 package for another office, period or purpose
  17 made by a newer version (schema)
  18 already imported (duplicate or older than what is stored)
  19 data does not match this office's plan, or wrong JSON
  21 folder import: some packages were rejected
"""

from __future__ import annotations

from ..errors import MsdeskError

EXIT_HELP = (
    "退出码：0 有效/成功；1 找不到文件；10 压缩包损坏或不安全；11 缺少或多出文件；12 文件被修改；"
    "13 签名无效；14 签名单位不在信任列表；15 证书已撤销、未生效或过期（过期 30 天后收到的不接受）；"
    "16 不是发给本单位/本期或类型不对；"
    "17 由更新版本制作；18 已导入过；19 数据与计划不一致或格式错误；21 文件夹中部分被拒绝。"
)

EXIT_CODES = {
    "not_found": 1,
    "corrupt": 10,
    "unsafe": 10,
    "missing": 11,
    "extra": 11,
    "altered": 12,
    "bad_signature": 13,
    "unknown_signer": 14,
    "revoked_signer": 15,
    "expired_signer": 15,
    "wrong_office": 16,
    "wrong_period": 16,
    "wrong_kind": 16,
    "newer_schema": 17,
    "duplicate": 18,
    "bad_data": 19,
    "plan_mismatch": 19,
}
SOME_REJECTED = 21

OFFICE_FILE = (
    "“{name}”是 {what}（可能改过扩展名），不是 msdesk 数据包。"
    "进展表请用“报送 → 导入进展表”导入（命令行：msdesk import progress），通知请用“导入通知”。"
)
CORRUPT = "“{name}”不是完整的数据包（压缩文件已损坏或不完整：{detail}）。请让对方重新发送。"
NOT_FOUND = "找不到文件“{name}”。"
UNSAFE_PATH = "数据包中的文件名“{member}”指向包外（含 ../、绝对路径或子文件夹），已拒绝。该包可能被恶意修改。"
TOO_BIG = "数据包中的“{member}”过大（超过 {limit} MB），已拒绝。"
PACKAGE_TOO_BIG = "数据包“{name}”过大（超过 {limit} MB），已拒绝。"
TOO_MANY = "数据包中的文件过多（{count} 个），已拒绝。"
BOMB = "数据包中的“{member}”压缩比异常（约 {ratio} 倍），疑似“压缩炸弹”，已拒绝。"
DUPLICATE_MEMBER = "数据包中“{member}”出现了不止一次，已拒绝。该包可能被篡改。"
MISSING = "数据包缺少文件“{member}”。请让对方重新导出后发送。"
EXTRA = "数据包中有签名清单以外的文件“{member}”，已拒绝。"
ALTERED = "文件“{member}”在签名后被修改过（SHA-256 校验值不符），已拒绝。"
BAD_SIGNATURE = "签名无效：签名清单（manifest.json）与数字签名不符，数据包可能被篡改。"
BAD_CERT = "数据包中的签名证书与清单中的签名单位不符，已拒绝。"
BAD_PDF_SIGNATURE = "PDF 报表“{member}”上的数字签名无效（{detail}）。"
UNKNOWN_SIGNER = (
    "签名单位“{name}”（证书指纹 {fp}）不在本单位的信任列表中。请与对方电话核对指纹后，在“信任列表”中添加其证书。"
)
UNKNOWN_PARENT = (
    "任务包的签名单位“{name}”（证书指纹 {fp}）不在本单位的信任列表中。请与上级单位电话核对指纹后，"
    "在“信任列表”中把其证书添加为上级单位（命令行：msdesk trust add 证书文件 --parent）。"
)
WRONG_ROLE = (
    "签名单位“{name}”（证书指纹 {fp}）在信任列表中登记为{have}，而{kind}应由{want}签名，已拒绝。"
    "如对方确是本单位的{want}，请在“信任列表”中重新把其证书添加为{want}。"
)
REVOKED_SIGNER = "签名单位“{name}”的证书（指纹 {fp}）已于 {at} 撤销，不再接受其数据包。"
EXPIRED_SIGNER = (
    "签名单位“{name}”的证书（指纹 {fp}）有效期为 {start} 至 {until}，数据包制作于 {at}，"
    "证书当时已过期，已拒绝。请对方新建证书，电话核对指纹后重新加入信任列表。"
)
NAME_MISMATCH = (
    "数据包自称由“{stated}”报送，但签名证书（指纹 {fp}）属于“{signer}”，已拒绝。"
    "一个单位的证书不能代表另一个单位报送；请与对方电话核实。"
)
NOT_YET_VALID = (
    "签名单位“{name}”的证书（指纹 {fp}）有效期为 {start} 至 {until}，现在尚未生效，已拒绝。"
    "请对方检查电脑日期后重新创建证书。"
)
EXPIRED_AT_RECEIPT = (
    "签名单位“{name}”的证书（指纹 {fp}）已于 {until} 过期（过期后 {grace} 天内收到的才接受），"
    "已拒绝。请对方新建证书，电话核对指纹后重新加入信任列表。"
)
BAD_JSON = "“{member}”不是有效的数据（{detail}）。"
NEWER_SCHEMA = "数据包由更新版本的程序制作（数据格式版本 {found}，本程序支持到 {supported}）。请升级程序后再导入。"
WRONG_OFFICE = "该数据包是发给“{to}”的，不是本单位（{me}）。"
WRONG_OFFICE_SAME_NAME = (
    "该数据包是发给另一份“{me}”台账的（单位编号不同），不是本台账。对方的任务包或上级证书"
    "不是从本台账发出的：请打开原来的台账文件导入，或从本台账重新下发任务包、请对方重新报送。"
)
WRONG_PERIOD = "该报送包是{got}的，不是所选的{want}。"
WRONG_KIND = "这是{got}，不是{want}。"
NOT_FOR_ME = (
    "任务包中没有本单位“{me}”的任务。任务包包含：{names}。请在“单位设置”中把单位名称改成与任务包一致，或指定单位。"
)
DUPLICATE = "该数据包已经导入过（{office}，{period}{version}，导入于 {at}），未重复导入。"
OUTDATED = "已收到{office}{period}更新的报送（{have}），这份{got}较旧，未导入。"
PLAN_MISMATCH = "报送包的数据与本单位的计划不一致（{detail}）。请确认对方使用的是本单位下发的任务包。"
NO_PLAN = "本台账还没有计划。请先导入年度通知或上级下发的任务包。"


def when(stamp: str | None) -> str:
    """A stored time as a clerk reads it: 2023-10-08 09:30 (no ISO "T", no seconds)."""
    return (stamp or "")[:16].replace("T", " ")


class PackageError(MsdeskError):
    """A package refused for one precise reason (reason codes above)."""

    def __init__(self, reason: str, message: str, member: str | None = None):
        super().__init__(message)
        self.reason = reason
        self.member = member
        self.exit_code = EXIT_CODES.get(reason, 1)
