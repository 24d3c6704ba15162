"""msdesk Qt GUI. Owns no business rules: it shows and edits what msdesk/ computes."""
