"""msdesk core: plans, progress, exports and packages. Knows nothing of Qt."""

__version__ = "0.1.0"
APP_NAME = "msdesk"
APP_TITLE = "民生实事台账"
