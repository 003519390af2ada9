"""Certificate verification codes: short, unguessable, easy to read aloud and type."""

import secrets

# No 0/O, 1/I/L: a code read over the phone must not be mistyped.
ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
LENGTH = 10


def new_code() -> str:
    """10 characters from a 31-letter alphabet: about 49 bits of randomness."""
    return "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))


def normalise_code(raw: str) -> str:
    """What a person typed, as stored: upper case, no spaces or dashes."""
    return "".join(ch for ch in (raw or "").upper() if ch.isalnum())


def display_code(code: str) -> str:
    """ABCDE-FGHJK: two groups read more easily than ten characters."""
    return f"{code[:5]}-{code[5:]}" if len(code) == LENGTH else code
