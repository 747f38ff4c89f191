"""Editing an open map: the open map with undo (`openmap`), the quick-add line, form fields,
the lock, recovery drafts and the user's settings.

Nothing here imports Textual."""
