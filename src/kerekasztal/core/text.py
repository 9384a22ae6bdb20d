import unicodedata


def fold(text: str) -> str:
    """Lower case without accents, for search that forgives 'koszeg' for 'Kőszeg'."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold().strip()
