"""Opening a file in the GUI backs it up first (at most once every 12 hours)."""

from msdesk import backup


def test_opening_a_file_makes_an_automatic_backup(window, gui_file):
    path, _ids = gui_file
    saved = backup.list_backups(path)
    assert len(saved) == 1 and "自动" in saved[0].name
    window.close_store()
    window.open_path(path, background=False)
    assert len(backup.list_backups(path)) == 1  # not again within the interval
