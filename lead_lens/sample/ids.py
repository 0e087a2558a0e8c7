"""Salesforce-style record ids, made column-wise.

A Salesforce id is 15 case-sensitive characters (3-char key prefix, 2-char pod, a reserved `0`,
9 base-62 digits) plus a 3-character checksum that makes the 18-character form case-insensitive:
each 5-character chunk yields one checksum character, whose 5 bits say which characters of the
chunk are upper-case letters (bit i = character i), looked up in `A..Z0..5`.
"""

from __future__ import annotations

import numpy as np

BASE62 = np.frombuffer(b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz", np.uint8)
CHECKSUM_ALPHABET = np.frombuffer(b"ABCDEFGHIJKLMNOPQRSTUVWXYZ012345", np.uint8)
POD = "5g0"


def checksum_suffix(ids15: np.ndarray) -> np.ndarray:
    """The 3 checksum characters of each 15-character id, as an (n, 3) uint8 array."""
    chars = ids15.reshape(-1, 3, 5)
    upper = ((chars >= ord("A")) & (chars <= ord("Z"))).astype(np.uint8)
    bits = (upper * (1 << np.arange(5, dtype=np.uint8))).sum(axis=2)
    return CHECKSUM_ALPHABET[bits]


def sf_ids(prefix: str, count: int, start: int) -> np.ndarray:
    """`count` 18-character ids with key prefix `prefix`, numbered from `start` (a str array)."""
    numbers = np.arange(start, start + count, dtype=np.int64)
    digits = np.empty((count, 9), dtype=np.uint8)
    for position in range(8, -1, -1):
        digits[:, position] = BASE62[numbers % 62]
        numbers //= 62
    head = np.frombuffer((prefix + POD).encode(), np.uint8)
    ids15 = np.concatenate([np.broadcast_to(head, (count, 6)), digits], axis=1)
    full = np.concatenate([ids15, checksum_suffix(ids15)], axis=1)
    return np.ascontiguousarray(full).view("S18").ravel().astype(str)


def is_valid_sf_id(value: str) -> bool:
    """True when an 18-character id's checksum matches its first 15 characters."""
    if len(value) != 18:
        return False
    raw = np.frombuffer(value[:15].encode(), np.uint8).reshape(1, 15)
    return bytes(checksum_suffix(raw)[0]).decode() == value[15:]
