"""The Textual editor: `cjm edit FILE`."""
