"""Versions of a map: what changed between two (`semdiff`, said in words by `diffwords`),
three-way merges (`semmerge`), and the ordering they share (`sequences`).

Nothing here imports Textual."""
