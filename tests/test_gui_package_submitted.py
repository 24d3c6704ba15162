"""Submitted periods: marked on export, flagged by a later edit, numbered resubmissions."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from msdesk import progress, submissions
from tests import _package_fixtures as F
from ui.package.submitted import confirm_edit_submitted


def test_edit_after_submission_is_flagged_once(tmp_path, qtbot):
    net = F.network(tmp_path, townships=("古饶镇",))
    t = net.townships["古饶镇"]
    ind = net.indicators["培训"]
    F.enter_progress(t, net.plan_id, {ind: 500})
    assert submissions.status_text(t, F.PERIOD) == "未报送"
    assert submissions.edit_warning(t, F.PERIOD) is None
    F.submit(net, "古饶镇")
    assert submissions.status_text(t, F.PERIOD).startswith("已报送（首次报送，")
    assert "确定要修改吗" in submissions.edit_warning(t, F.PERIOD)
    # saving the same value is not a change
    with t.transaction():
        progress.set_actual(t, ind, F.PERIOD, 500)
    assert not submissions.is_changed(t, F.PERIOD)
    # a figure of another period does not touch this period
    with t.transaction():
        progress.set_actual(t, ind, "2023Q4", 600)
    assert not submissions.is_changed(t, F.PERIOD)
    # at the district, a subordinate's row is not the district's own submitted figure
    d = net.district
    F.export_submission(d, F.PERIOD, tmp_path / "区报市", F.PASS)
    with d.transaction():
        progress.set_actual(d, ind, F.PERIOD, 300, office_id=net.township_ids["古饶镇"])
    assert not submissions.is_changed(d, F.PERIOD)
    with d.transaction():
        progress.set_actual(d, ind, F.PERIOD, 300)
    assert submissions.is_changed(d, F.PERIOD)

    def answer(button):
        box = next(w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible())
        assert "将作为第2次报送" in box.text()
        box.button(button).click()

    QTimer.singleShot(50, lambda: answer(QMessageBox.No))
    assert confirm_edit_submitted(None, t, F.PERIOD) is False
    QTimer.singleShot(50, lambda: answer(QMessageBox.Yes))
    assert confirm_edit_submitted(None, t, F.PERIOD) is True

    with t.transaction():
        progress.set_report_field(t, net.projects["3"], F.PERIOD, "problems", "资金未到位")
    assert submissions.is_changed(t, F.PERIOD)
    assert submissions.status_text(t, F.PERIOD) == "报送后已修改（下次为第2次报送）"
    assert submissions.edit_warning(t, F.PERIOD) is None  # asked once, not on every keystroke
    again = F.submit(net, "古饶镇")
    assert again.version == 2 and submissions.status_text(t, F.PERIOD).startswith("已报送（第2次报送，")
    net.close()
