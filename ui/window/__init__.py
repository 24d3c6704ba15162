"""The parts of the main window (ui/main_window.py), one job each: menus, the 计划/报告期 boxes,
the project list, moving between projects, undo, and keeping the screens up to date."""
