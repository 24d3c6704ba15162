"""Roles (what a township and a district are offered) and 关于 (where things are)."""

from __future__ import annotations

from msdesk import about, identity, offices, roles
from msdesk.store import create_store


def test_township_is_offered_township_actions_and_starts_from_the_task_package(tmp_path):
    s = create_store(tmp_path / "宋疃镇.msdesk", actor="x")
    with s.transaction():
        offices.set_self_office(s, "宋疃镇", "township")
    assert not roles.is_upper(s)
    assert not roles.can(s, roles.BREAKDOWN) and not roles.can(s, roles.TASK_PACKAGE)
    assert not roles.can(s, roles.ROLLUP) and roles.can(s, "submission_package")
    assert roles.first_step(s).startswith("本台账还没有计划。乡镇（街道）请先") and "任务包" in roles.first_step(s)
    # a township with its own villages below splits and rolls up too
    with s.transaction():
        offices.add_subordinate(s, "王楼村")
    assert roles.can(s, roles.ROLLUP)
    s.close()


def test_district_sees_both(store, small_plan):
    assert roles.is_upper(store) and all(roles.can(store, c) for c in roles.UPPER_ONLY)
    assert "导入通知" in roles.first_step(store)


def test_about_says_where_everything_is(store, small_plan, db_path):
    text = "\n".join(about.lines(store, db_path))
    assert text.startswith("民生实事台账 ")
    assert f"台账文件：{db_path.resolve()}" in text
    assert f"自动备份：{db_path.resolve().parent / (db_path.name + '.backups')}" in text
    assert f"导出的报表：{db_path.resolve().parent / '报表'}" in text
    assert f"签名密钥和证书：{identity.keys_dir()}" in text
    assert "尚未生成签名密钥" in text
    ident = identity.create_identity(store, "测试口令12345")
    assert f"本单位证书指纹：{ident.fingerprint}" in about.lines(store, db_path)
