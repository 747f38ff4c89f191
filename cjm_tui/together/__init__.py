"""Several editors on one map: the shared state, its wire format, the host and its guests.

Headless: no textual here. See docs/architecture.md, "Together".
"""
