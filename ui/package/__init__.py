"""签名与报送: one file per dialog, shared widgets in widgets.py.

Each dialog takes the open file's session (msdesk/session.py) and a parent widget; run(window)
opens it non-modal for window.session and keeps it on window.package_dialog. The dialogs only
call msdesk.identity / trust / package; slow work (signing, importing a folder) runs on a worker
thread through ui.ops.run_op and never touches a widget. Methods that would ask for a file take
the path as an optional argument, so tests (and other screens) can drive them without a file dialog.
"""
