"""Screenshots of the dialogs wired for issues 12 and 14 at the size a 1366×768 screen allows
(docs/screens/dialog_*.png). Run:

    QT_QPA_PLATFORM=offscreen:configfile=/path/screen.json PYTHONPATH=. python scripts/dialog_screens.py docs/screens

where screen.json describes one 1366×768 screen (see --help); without it Qt's offscreen
screen is 800×600 and the dialogs are capped to that.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("MSDESK_HOME", tempfile.mkdtemp(prefix="msdesk-shots-home-"))


def main(out: Path) -> None:
    from PySide6.QtCore import QTimer
    from PySide6.QtGui import QImage

    from ui.app import make_app

    app = make_app()  # the app's font, style sheet and Chinese Qt texts
    from msdesk import presign
    from msdesk.package import import_submission
    from tests import _package_fixtures as F
    from tests.gui_helpers import Window
    from ui.audit_dialog import AuditDialog
    from ui.export_dialog import ExportDialog
    from ui.import_dialog import ImportDialog
    from ui.package import export as E
    from ui.package import keys as K
    from ui.package import rollup as RU
    from ui.package import verify as V
    from ui.presign_dialog import PresignDialog

    out.mkdir(parents=True, exist_ok=True)
    root = Path(tempfile.mkdtemp(prefix="msdesk-shots-"))
    net = F.network(root / "办公室", townships=("古饶镇", "宋疃镇"))
    F.enter_progress(net.townships["古饶镇"], net.plan_id, {net.indicators["培训"]: 600, net.indicators["康复"]: 90})
    assert import_submission(net.district, F.submit(net, "古饶镇", root / "收件").path).ok

    def save(widget, name):
        widget.show()
        for _ in range(5):
            app.processEvents()
        image = widget.grab().toImage().convertToFormat(QImage.Format_Indexed8)
        image.save(str(out / f"dialog_{name}.png"))
        print(name, widget.width(), "×", widget.height())
        widget.close()

    dwin, twin = Window(net.district, net.plan_id), Window(net.townships["古饶镇"], net.plan_id)
    roll = RU.RollupDialog(dwin.session, dwin)
    roll.resize(1366, 768)
    from ui import geometry

    geometry.cap_to_screen(roll)
    save(roll, "rollup")
    save(E.ExportPackageDialog(twin.session, twin), "package_export_township")
    save(E.ExportPackageDialog(dwin.session, dwin), "package_export_district")
    gaps = presign.missing_entries(net.townships["古饶镇"], net.plan_id, F.PERIOD)
    save(PresignDialog(gaps, "2023年第3季度", twin), "presign")
    save(K.KeysDialog(twin.session, twin), "keys")
    v = V.VerifyDialog(dwin.session, dwin)
    bad = root / "0.zip"
    import zipfile

    with zipfile.ZipFile(bad, "w") as z:
        z.writestr("manifest.json", "[" * 100000)
    v.verify(str(bad))
    save(v, "verify_hostile")
    save(ExportDialog(dwin.session, dwin), "export")
    notice = ImportDialog(None, net.district)
    notice.resize(1180, 760)
    geometry.cap_to_screen(notice)
    save(notice, "notice_import")
    save(AuditDialog(dwin.session, dwin), "audit")
    from msdesk import plans
    from ui.bulletin_dialog import BulletinDialog
    from ui.file_settings_dialog import FileSettingsDialog
    from ui.new_plan_dialog import NewPlanDialog
    from ui.office_settings import OfficeSettingsDialog
    from ui.progress_import_dialog import ProgressImportDialog, ProgressTemplateDialog
    from ui.subordinates_dialog import SubordinatesDialog

    dwin.session.period = F.PERIOD
    bulletin = BulletinDialog(dwin.session, dwin)
    bulletin.resize(1100, 760)
    geometry.cap_to_screen(bulletin)
    save(bulletin, "bulletin")
    save(ProgressImportDialog(dwin.session, dwin), "progress_import")
    save(ProgressTemplateDialog(dwin.session, dwin), "progress_template")
    save(OfficeSettingsDialog(dwin.session, dwin), "office_settings")
    save(SubordinatesDialog(dwin.session, dwin), "subordinates")
    save(FileSettingsDialog(dwin.session, dwin), "file_settings")
    save(NewPlanDialog(plans.plans(net.district), 2024, dwin), "new_plan")
    net.close()
    QTimer.singleShot(0, app.quit)


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "docs/screens"))
