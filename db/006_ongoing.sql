-- msdesk schema: 常态化开展 (ongoing). A standing project (完成时限 常态化开展/长期坚持, a standing
-- service with no yearly figure) is reported on but not scored: no light, no 滞后, no 序时进度.
-- Adds a column only; a file made before it opens with every project scored as before (0).
ALTER TABLE projects ADD COLUMN ongoing INTEGER NOT NULL DEFAULT 0;
