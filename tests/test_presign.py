"""Before signing: projects with no figure or no 进展情况; a submitted period edited afterwards."""

from __future__ import annotations

from msdesk import presign, progress, submissions


def test_presign_lists_projects_without_figure_or_narrative(store, small_plan):
    i1, i2, i3, i4 = small_plan["indicators"]
    p1, _p2, p3, p4 = small_plan["projects"]
    gaps = presign.missing_entries(store, small_plan["plan"], "2023Q3")
    # 第12项 is a 市级任务 with nothing reported: nothing is expected of this office
    assert [g.seq for g in gaps] == ["3", "7", "6"]
    assert all(g.missing == (presign.NO_FIGURE, presign.NO_NARRATIVE) for g in gaps)
    with store.transaction():
        progress.set_actual(store, i1, "2023Q3", "1000")
        progress.set_actual(store, i3, "2023Q3", "300")
        progress.set_report_field(store, p3, "2023Q3", "progress_note", "已完成评估")
        progress.set_qualitative(store, i4, "2023Q3", actual_text="已落实")
    gaps = presign.missing_entries(store, small_plan["plan"], "2023Q3")
    by_seq = {g.seq: g for g in gaps}
    assert set(by_seq) == {"3", "6"}
    assert by_seq["3"].indicators == ("新增家政服务人员",)
    assert (
        by_seq["3"].text.startswith("第3项 ") and "未填累计完成（新增家政服务人员）、未填进展情况" in by_seq["3"].text
    )
    assert by_seq["6"].missing == (presign.NO_NARRATIVE,)
    assert "有 2 个项目本期填写不全：1 个未填累计完成，2 个未填进展情况" in presign.summary(gaps)
    # another period is checked on its own
    assert len(presign.missing_entries(store, small_plan["plan"], "2023Q2")) == 3


def test_presign_all_filled(store, small_plan):
    i1, i2, i3, i4 = small_plan["indicators"]
    with store.transaction():
        for ind in (i1, i2, i3):
            progress.set_actual(store, ind, "2023Q1", "10")
        progress.set_qualitative(store, i4, "2023Q1", done=True)
        for p in small_plan["projects"]:
            progress.set_report_field(store, p, "2023Q1", "progress_note", "按计划推进")
    assert presign.missing_entries(store, small_plan["plan"], "2023Q1") == []
    assert presign.summary([]).startswith("所有项目")


def _submit(store, period="2023Q3", version=1):
    with store.transaction():
        submissions.mark_submitted(store, period, version)


def test_needs_resubmission_after_an_edit_and_until_sent_again(store, small_plan):
    i3 = small_plan["indicators"][2]
    with store.transaction():
        progress.set_actual(store, i3, "2023Q3", "300")
    assert not submissions.needs_resubmission(store, "2023Q3")  # never sent: nothing to resend
    assert submissions.resubmission_notice(store, "2023Q3") is None
    _submit(store)
    assert not submissions.needs_resubmission(store, "2023Q3")
    with store.transaction():
        progress.set_actual(store, i3, "2023Q2", "100")  # another period: Q3 unaffected
    assert not submissions.needs_resubmission(store, "2023Q3")
    with store.transaction():
        progress.set_actual(store, i3, "2023Q3", "320")
    assert submissions.needs_resubmission(store, "2023Q3")
    notice = submissions.resubmission_notice(store, "2023Q3")
    assert notice.startswith("需重新报送：2023年第3季度的数据报送后") and "第2次报送" in notice
    _submit(store, version=2)
    assert not submissions.needs_resubmission(store, "2023Q3")


def test_an_undone_deletion_is_seen_from_the_audit_log(store, small_plan):
    """Deleting a figure row (undo of its first entry) writes no flag; the audit log still shows it."""
    i3 = small_plan["indicators"][2]
    with store.transaction():
        progress.set_actual(store, i3, "2023Q3", "300")
    _submit(store)
    row = progress.progress_row(store, i3, "2023Q3")
    with store.transaction():
        store.delete("progress", row["id"])
    assert not submissions.is_changed(store, "2023Q3")
    assert submissions.needs_resubmission(store, "2023Q3")
    assert [e["action"] for e in submissions.edits_since_submission(store, "2023Q3")] == ["delete"]
