"""One widget per module: the panes of the editor."""
