-- msdesk schema: 完成时限 of projects and of indicators (a sub-task's own deadline).
-- deadline is the text as written (12月底前, 9月投入使用); due_date the ISO date it
-- means in the plan's year, NULL when the text cannot be read as a date.
-- Adds columns only; earlier versions are never edited.
ALTER TABLE projects ADD COLUMN deadline TEXT;
ALTER TABLE projects ADD COLUMN due_date TEXT;
ALTER TABLE indicators ADD COLUMN deadline TEXT;
ALTER TABLE indicators ADD COLUMN due_date TEXT;
