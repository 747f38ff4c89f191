"""`cjm report`: the analysis of a map as text for the terminal, Markdown or HTML (headless).

`document.build` lays the report out once as blocks; `text.render`, `markdown.render` and
`html.render` turn the blocks into their format. Across maps (`cjm report DIR|FILE...`):
`portfolio.py` reads the maps and works out the report, `portfolio_report.py` lays it out as the
same blocks and also writes JSON.
"""
