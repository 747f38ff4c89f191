"""What a map looks like, as text and numbers, for every screen and export: the journey's
columns, the emotion timeline, its colours, presentation slides, `cjm show`, the curve diff.

Nothing here imports Textual."""
