"""cjm: draft customer journey maps in the terminal, kept as clean TOML files."""

__version__ = "0.1.0"
