"""MinHash over character shingles, vectorised with numpy: the math of the
near-duplicate index, as pure functions.

Chinese has no spaces to split words on, and a word segmenter would make
the fingerprint depend on its dictionary; overlapping character k-grams of
the normalised text need neither and keep a copy's long identical runs.

The hash family, kept deliberately simple so that :func:`reference_signature`
(plain Python ints) and :func:`signature` (numpy) agree bit for bit:

* shingle id: polynomial hash of the k code points mod 2**64, finalised with
  MurmurHash3's ``fmix64``; the id is its top 32 bits;
* permutation i: ``(a_i * id) mod 2**32`` with a random odd ``a_i``
  (multiplicative hashing); the signature keeps the minimum per permutation.

One 32-bit multiply and one min per (shingle, permutation), no modulo by a
prime and no ``+ b``: the whole signature is two numpy passes over 32-bit
words, half the memory traffic of 64-bit arithmetic. Because the ids are
already fmix-mixed, the estimates behave like ideal MinHash (error
``sqrt(J(1-J)/P)``, checked in the tests).
"""

from __future__ import annotations

import functools
import sys
import unicodedata

import numpy as np
import numpy.typing as npt

U64 = npt.NDArray[np.uint64]
U32 = npt.NDArray[np.uint32]
MASK64 = (1 << 64) - 1
MASK32 = (1 << 32) - 1
SHINGLE_PRIME = 0x100000001B3  # FNV-1a's 64-bit prime: odd, with well-spread bits
FMIX1, FMIX2 = 0xFF51AFD7ED558CCD, 0xC4CEB9FE1A85EC53  # MurmurHash3 fmix64
BAND_MIX = 0x9E3779B97F4A7C15  # golden-ratio constant: decorrelates rows within a band
_33 = np.uint64(33)
_32 = np.uint64(32)


# --- normal form ---------------------------------------------------------------
@functools.cache
def _plain() -> npt.NDArray[np.bool_]:
    """Code points NFKC and lower-casing leave alone in any context, so a text
    made only of them (and of removable marks) skips both: CJK unified
    ideographs and ASCII lower-case letters and digits. Hangul jamo and
    combining marks are left out on purpose: they compose with neighbours."""
    plain = np.zeros(sys.maxunicode + 1, np.bool_)
    for low, high in ((0x4E00, 0x9FFF), (0x3400, 0x4DBF), (0x61, 0x7A), (0x30, 0x39)):
        plain[low : high + 1] = True
    return plain | _masks()[0]


@functools.cache
def _masks() -> tuple[npt.NDArray[np.bool_], npt.NDArray[np.bool_]]:
    """Per-code-point deletion masks, built once per process (~0.5 s scan).

    ``drop``: everything :func:`crawler.fingerprint.hash_form` removes
    (whitespace, punctuation); ``pre``: the subset whose NFKC form is itself
    only whitespace/punctuation, so removing it before NFKC changes nothing
    but the speed. Boolean arrays indexed by code point: numpy filters a
    whole text in one step, where ``str.translate`` calls back per character.
    """
    drop = np.zeros(sys.maxunicode + 1, np.bool_)
    pre = np.zeros(sys.maxunicode + 1, np.bool_)
    for cp in range(sys.maxunicode + 1):
        ch = chr(cp)
        if _droppable(ch):
            drop[cp] = True
            folded = unicodedata.normalize("NFKC", ch).lower()
            pre[cp] = unicodedata.combining(ch) == 0 and all(_droppable(c) for c in folded)
    return pre, drop


def _droppable(ch: str) -> bool:
    return ch.isspace() or unicodedata.category(ch).startswith("P")


def _codes(text: str) -> U32:
    return np.frombuffer(text.encode("utf-32-le"), np.uint32)


def near_codes(text: str) -> U32:
    """Code points of :func:`near_form`, the input :func:`shingle_ids` wants."""
    pre, drop = _masks()
    codes = _codes(text)
    if _plain()[codes].all():  # the usual Chinese body: nothing to normalise
        return codes[~pre[codes]]
    stripped = codes[~pre[codes]].tobytes().decode("utf-32-le")
    if not unicodedata.is_normalized("NFKC", stripped):
        stripped = unicodedata.normalize("NFKC", stripped)
    codes = _codes(stripped.lower())
    return codes[~drop[codes]]


def near_form(text: str) -> str:
    """:func:`crawler.fingerprint.hash_form`, ~20x faster on Chinese text.

    ``hash_form`` runs NFKC over every character, and CPython's NFKC is slow
    (~200 ns/char) as soon as one full-width comma is present, which in
    Chinese is always. Removing punctuation first usually leaves an already
    normalised string, and ``is_normalized`` is a fast check. The two forms
    differ only where a removed mark sat between a letter and a combining
    accent (they would then compose): no Chinese body does that.
    """
    return near_codes(text).tobytes().decode("utf-32-le")


# --- shingles ---------------------------------------------------------------------
def _fmix64(h: U64) -> U64:
    h ^= h >> _33
    h *= np.uint64(FMIX1)
    h ^= h >> _33
    h *= np.uint64(FMIX2)
    h ^= h >> _33
    return h


def shingle_ids(form: str | U32, size: int) -> U32:
    """Sorted distinct 32-bit ids of the ``size``-character shingles of ``form``
    (a string, or its code points from :func:`near_codes`).

    A text shorter than ``size`` is one shingle (a title-length body still
    gets a fingerprint); an empty text has none.
    """
    if not len(form):
        return np.empty(0, np.uint32)
    codes = (_codes(form) if isinstance(form, str) else form).astype(np.uint64)
    width = min(size, len(codes))
    count = len(codes) - width + 1
    ids = codes[:count].copy()
    for j in range(1, width):
        ids *= np.uint64(SHINGLE_PRIME)
        ids += codes[j : j + count]
    top: U32 = (_fmix64(ids) >> _32).astype(np.uint32)
    top.sort()
    return top[np.concatenate(([True], top[1:] != top[:-1]))]


def jaccard(a: U32, b: U32) -> float:
    """Exact Jaccard similarity of two sorted distinct id arrays."""
    if not len(a) and not len(b):
        return 1.0
    common = len(np.intersect1d(a, b, assume_unique=True))
    return common / (len(a) + len(b) - common)


# --- MinHash ----------------------------------------------------------------------
def permutations(num_perm: int, seed: int) -> U32:
    """The odd multipliers ``a_i``: fixed by ``seed`` so stored signatures stay valid."""
    rng = np.random.Generator(np.random.PCG64(seed))
    return rng.integers(0, MASK32, size=num_perm, dtype=np.uint32, endpoint=True) | np.uint32(1)


CHUNK = 4096  # shingles per product matrix: 2 MB at 128 permutations, whatever the text


def signature(ids: U32, perms: U32, work: U32 | None = None) -> U32:
    """MinHash signature of a shingle id set (all ``0xFFFFFFFF`` when empty).

    The (permutations x shingles) product matrix is built :data:`CHUNK`
    shingles at a time, so a book-length body costs time, not memory.
    ``work`` (``len(perms) * CHUNK`` words, reused across calls) spares the
    allocator: a fresh ~0.5 MB matrix is large enough for malloc to map and
    fault in new pages for every text.
    """
    if not len(ids):
        return np.full(len(perms), MASK32, np.uint32)
    if work is None or len(work) < len(perms) * CHUNK:
        work = np.empty(len(perms) * min(len(ids), CHUNK), np.uint32)
    out = np.full(len(perms), MASK32, np.uint32)
    for start in range(0, len(ids), CHUNK):
        part = ids[start : start + CHUNK]
        products = work[: len(perms) * len(part)].reshape(len(perms), len(part))
        np.multiply(perms[:, None], part[None, :], out=products)  # wraps mod 2**32
        np.minimum(out, products.min(axis=1), out=out)
    return out


def reference_signature(form: str, size: int, perms: list[int]) -> list[int]:
    """The same signature, one shingle and one permutation at a time.

    The specification :func:`shingle_ids` and :func:`signature` are tested
    against; far too slow for a crawl.
    """
    ids = set()
    width = min(size, len(form))
    for i in range(len(form) - width + 1 if form else 0):
        h = 0
        for ch in form[i : i + width]:
            h = (h * SHINGLE_PRIME + ord(ch)) & MASK64
        h ^= h >> 33
        h = (h * FMIX1) & MASK64
        h ^= h >> 33
        h = (h * FMIX2) & MASK64
        ids.add((h ^ (h >> 33)) >> 32)
    if not ids:
        return [MASK32] * len(perms)
    return [min((a * x) & MASK32 for x in ids) for a in perms]


def estimate(sig: U32, others: U32) -> npt.NDArray[np.float64]:
    """Estimated Jaccard of ``sig`` against each row of ``others`` (matching slots)."""
    return (others == sig).mean(axis=1)


# --- LSH banding --------------------------------------------------------------------
def band_keys(sig: U32, bands: int) -> list[int]:
    """One signed 64-bit bucket key per band, the band number mixed in.

    Two texts share a key in some band with probability ``1 - (1 - J**r)**b``
    (``r`` rows per band). Mixing the band number in makes keys of different
    bands distinct, so one indexed column holds them all.
    """
    rows = len(sig) // bands
    grid = sig[: bands * rows].reshape(bands, rows).astype(np.uint64)
    keys = (grid * _row_weights(rows)).sum(axis=1, dtype=np.uint64)  # wraps mod 2**64
    keys ^= np.arange(1, bands + 1, dtype=np.uint64) * np.uint64(BAND_MIX)
    return _fmix64(keys).view(np.int64).tolist()


@functools.cache
def _row_weights(rows: int) -> U64:
    """Fixed odd 64-bit weights: a band's rows become one sum, then one ``fmix64``."""
    rng = np.random.Generator(np.random.PCG64(0x5EED))
    return rng.integers(0, MASK64, size=rows, dtype=np.uint64, endpoint=True) | np.uint64(1)


def candidate_probability(similarity: float, bands: int, rows: int) -> float:
    """Chance that LSH proposes a pair of Jaccard ``similarity``: for choosing b, r."""
    return 1.0 - (1.0 - similarity**rows) ** bands
