"""Text in any script spelled in ASCII: the one way ids are made from names (`model/ids.py`)
and find folds what it compares (`views/find.py`), so "Київ" is `kiyiv` in both.

text-unidecode, chosen explicitly: python-slugify would take an installed Unidecode instead,
and the same name would give other ids. NFC first, not NFKD: decomposed, "ї" would lose its
dots and "Київ" read "kiiv". Importing this module costs ~6 ms (text-unidecode reads its whole
table): the editor's first frame does not import it.
"""

from __future__ import annotations

import unicodedata

from text_unidecode import unidecode


def in_ascii(text: str) -> str:
    """`text` spelled in ASCII letters, digits and punctuation ("Þórður" is "Thordur")."""
    spelled: str = unidecode(unicodedata.normalize("NFC", text))  # the library has no types
    return spelled
