"""The main window's tabs, in order."""

TAB_LIST, TAB_ENTRY, TAB_DETAIL, TAB_OVERVIEW, TAB_BREAKDOWN = range(5)
