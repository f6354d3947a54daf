"""MinHash over character shingles, vectorised with numpy: the math of the
near-duplicate index, as pure functions.

Chinese has no spaces to split words on, and a word segmenter would make
the fingerprint depend on its dictionary; overlapping character k-grams of
the normalised text need neither and keep a copy's long identical runs.

The hash family, kept deliberately simple so that :func:`reference_signature`
(plain Python ints) and :func:`shingle_ids` + :func:`signature` (numpy) agree
bit for bit:

* shingle id: polynomial hash of the k code points mod 2**64 with a random
  odd multiplier, finalised by one xor-shift and one multiply; the id is the
  top 32 bits;
* signature: one-permutation MinHash. The id space is cut into P equal bins
  (bin ``(id * P) >> 32``) and slot i keeps the smallest id in bin i. The ids
  are already sorted (deduplication needs that), so bin minima are one
  ``searchsorted`` of the P bin edges: the signature costs O(P log n), not
  the P x n products of a P-permutation signature;
* densification (Shrivastava 2017, "optimal"): an empty bin copies the
  minimum of the first non-empty bin in its own fixed pseudo-random order of
  the bins (seeded), so two texts with the same empty bins borrow alike and
  the estimate stays that of ideal MinHash (error ``sqrt(J(1-J)/P)``, checked
  in the tests). Bodies of a few hundred characters or more fill every bin.
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
SHINGLE_MUL = 0xD6E8FEB86659FD93  # random odd 64-bit multiplier of the polynomial
FINAL_MUL = 0xFF51AFD7ED558CCD  # MurmurHash3 fmix64's first multiplier
GOLDEN = 0x9E3779B97F4A7C15  # golden-ratio constant: spreads consecutive integers
FMIX1, FMIX2 = 0xFF51AFD7ED558CCD, 0xC4CEB9FE1A85EC53  # MurmurHash3 fmix64
_32 = np.uint64(32)
_33 = np.uint64(33)
_MUL = np.uint64(SHINGLE_MUL)
_MUL2 = np.uint64(SHINGLE_MUL * SHINGLE_MUL & MASK64)
_FINAL = np.uint64(FINAL_MUL)
_HIGH = 1 if sys.byteorder == "little" else 0  # index of a uint64's high uint32


# --- normal form ---------------------------------------------------------------
@functools.cache
def _kinds() -> npt.NDArray[np.uint8]:
    """Per code point: 0 kept as is, 1 removed, 2 needs NFKC / lower-casing.

    Kinds 0 and 1 are the code points NFKC and lower-casing leave alone in
    any context (CJK unified ideographs, 〇, ASCII lower-case letters and
    digits) and the removable marks, so a text made only of them skips both.
    Hangul jamo and combining marks are left out on purpose: they compose
    with neighbours.
    """
    kinds = np.full(sys.maxunicode + 1, 2, np.uint8)
    for low, high in ((0x4E00, 0x9FFF), (0x3400, 0x4DBF), (0x61, 0x7A), (0x30, 0x39),
                      (0x3007, 0x3007)):
        kinds[low : high + 1] = 0
    kinds[_masks()[0]] = 1
    return kinds


@functools.cache
def _masks() -> tuple[npt.NDArray[np.bool_], npt.NDArray[np.bool_]]:
    """Per-code-point deletion masks, built once per process (~0.5 s scan).

    ``drop``: everything :func:`crawler.dedup.fingerprint.hash_form` removes
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
    codes = _codes(text)
    kinds = _kinds().take(codes)
    if not len(codes) or kinds.max() < 2:  # the usual Chinese body: nothing to normalise
        return codes.compress(kinds == 0)
    pre, drop = _masks()
    stripped = codes[~pre[codes]].tobytes().decode("utf-32-le")
    if not unicodedata.is_normalized("NFKC", stripped):
        stripped = unicodedata.normalize("NFKC", stripped)
    codes = _codes(stripped.lower())
    return codes[~drop[codes]]


def near_form(text: str) -> str:
    """:func:`crawler.dedup.fingerprint.hash_form`, ~20x faster on Chinese text.

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


def shingle_hashes(form: str | U32, size: int) -> U32:
    """Sorted 32-bit ids of the ``size``-character shingles of ``form`` (a
    string, or its code points from :func:`near_codes`), repeats kept.

    A text shorter than ``size`` is one shingle (a title-length body still
    gets a fingerprint); an empty text has none. Each numpy call costs more
    in dispatch than in arithmetic on a page of text, so the polynomial is
    evaluated two characters at a time (``c_i * a + c_{i+1}``, then Horner in
    ``a**2``): the same value mod 2**64 in fewer passes. Repeats do not change
    a signature, so a text that is never compared exactly skips
    :func:`distinct`.
    """
    if not len(form):
        return np.empty(0, np.uint32)
    codes = _codes(form) if isinstance(form, str) else form
    width = min(size, len(codes))
    count = len(codes) - width + 1
    if width == 1:
        h = codes.astype(np.uint64)
    else:
        pairs = codes[:-1] * _MUL  # uint32 * uint64: a new uint64 array
        pairs += codes[1:]
        h = pairs[:count]  # pairs is a temporary; h gets its own array before any write
        for t in range(1, width // 2):
            h = np.multiply(h, _MUL2, out=h if t > 1 else None)
            h += pairs[2 * t : 2 * t + count]
        if width % 2:
            h = np.multiply(h, _MUL, out=h if width >= 4 else None)
            h += codes[width - 1 : width - 1 + count]
    h ^= h >> _32
    h *= _FINAL
    top: U32 = np.sort(h.view(np.uint32)[_HIGH::2])  # the high halves, sorted into a copy
    return top


def distinct(hashes: U32) -> U32:
    """The distinct values of a sorted array (``np.unique`` without its re-sort)."""
    if len(hashes) < 2:
        return hashes
    keep = np.empty(len(hashes), np.bool_)
    keep[0] = True
    np.not_equal(hashes[1:], hashes[:-1], out=keep[1:])
    return hashes[keep]


def shingle_ids(form: str | U32, size: int) -> U32:
    """Sorted distinct 32-bit ids of the ``size``-character shingles of ``form``."""
    return distinct(shingle_hashes(form, size))


def jaccard(a: U32, b: U32) -> float:
    """Exact Jaccard similarity of two sorted distinct id arrays.

    Every shared id appears twice in the merged, sorted pair and no other id
    does: one sort and one comparison, cheaper than ``np.intersect1d``.
    """
    if not len(a) and not len(b):
        return 1.0
    merged = np.concatenate((a, b))
    merged.sort()
    common = int(np.count_nonzero(merged[1:] == merged[:-1]))
    return common / (len(a) + len(b) - common)


# --- MinHash ----------------------------------------------------------------------
@functools.cache
def bin_edges(num_bins: int) -> U32:
    """Smallest id of each bin: bin b holds the ids with ``(id * P) >> 32 == b``."""
    return np.array([-(-(b << 32) // num_bins) for b in range(num_bins)], np.uint32)


def _donor_key(seed: int, num_bins: int, i: int, j: int) -> int:
    """Rank of bin j in empty bin i's donor order (plain ints: the specification)."""
    h = (seed + (i * num_bins + j) * GOLDEN) & MASK64
    h ^= h >> 33
    h = (h * FMIX1) & MASK64
    h ^= h >> 33
    h = (h * FMIX2) & MASK64
    return h ^ (h >> 33)


@functools.cache
def donors(num_bins: int, seed: int) -> npt.NDArray[np.intp]:
    """Row i: every bin, in the order an empty bin i looks for one to copy.

    Sorted by :func:`_donor_key` (ties by bin number), computed once per
    (P, seed) with numpy: P*P keys, 16k at P = 128.
    """
    cells = np.arange(num_bins * num_bins, dtype=np.uint64)
    keys = _fmix64(cells * np.uint64(GOLDEN) + np.uint64(seed & MASK64))
    return np.argsort(keys.reshape(num_bins, num_bins), axis=1, kind="stable")


def signature(ids: U32, num_bins: int, seed: int) -> U32:
    """One-permutation MinHash signature of a sorted id array (repeats allowed:
    a bin's first id is its minimum either way), densified (all ``0xFFFFFFFF``
    when empty)."""
    n = len(ids)
    if not n:
        return np.full(num_bins, MASK32, np.uint32)
    starts = np.searchsorted(ids, bin_edges(num_bins))
    sig: U32 = ids.take(starts, mode="clip")
    gaps = starts[1:] == starts[:-1]  # bin b empty when the next bin starts where it does
    if int(starts[-1]) < n and not gaps.any():
        return sig  # the usual body: every bin filled
    empty = np.empty(num_bins, np.bool_)
    empty[:-1] = gaps
    empty[-1] = starts[-1] == n
    holes = np.flatnonzero(empty)
    order = donors(num_bins, seed)[holes]
    pick = order[np.arange(len(holes)), (~empty)[order].argmax(axis=1)]
    sig[holes] = sig[pick]
    return sig


def reference_signature(form: str, size: int, num_bins: int, seed: int) -> list[int]:
    """The same signature, one shingle and one bin at a time.

    The specification :func:`shingle_ids` and :func:`signature` are tested
    against; far too slow for a crawl.
    """
    ids = set()
    width = min(size, len(form))
    for i in range(len(form) - width + 1 if form else 0):
        h = 0
        for ch in form[i : i + width]:
            h = (h * SHINGLE_MUL + ord(ch)) & MASK64
        h ^= h >> 32
        ids.add(((h * FINAL_MUL) & MASK64) >> 32)
    if not ids:
        return [MASK32] * num_bins
    mins: dict[int, int] = {}  # bin -> smallest id in it
    for x in ids:
        b = (x * num_bins) >> 32
        mins[b] = min(x, mins.get(b, x))
    out = []
    for i in range(num_bins):
        donor = i
        if i not in mins:
            order = sorted(range(num_bins), key=lambda j: (_donor_key(seed, num_bins, i, j), j))
            donor = next(j for j in order if j in mins)
        out.append(mins[donor])
    return out


def estimate(sig: U32, others: U32) -> npt.NDArray[np.float64]:
    """Estimated Jaccard of ``sig`` against each row of ``others`` (matching slots)."""
    return (others == sig).mean(axis=1)


# --- LSH banding --------------------------------------------------------------------
def band_keys(sig: U32, bands: int, rows: int = 0) -> list[int]:
    """One signed 64-bit bucket key per band.

    Two texts share a key in some band with probability ``1 - (1 - J**r)**b``
    (``r`` rows per band, the first ``b * r`` slots). A key is a multilinear
    hash of its band's rows with the band's own random odd 64-bit weights,
    plus a random per-band offset, so equal rows in different bands give
    different keys and one indexed column holds them all: the whole set is
    one product of the banded slots with a block-diagonal weight matrix. A
    key only has to be equal for equal bands and rarely equal otherwise (a
    collision costs one signature comparison, never a wrong merge).
    """
    rows = rows or len(sig) // bands
    matrix, offsets = _band_weights(rows, bands)
    keys: U64 = sig[: bands * rows].astype(np.uint64) @ matrix  # wraps mod 2**64
    keys += offsets
    return keys.view(np.int64).tolist()


@functools.cache
def _band_weights(rows: int, bands: int) -> tuple[U64, U64]:
    """Block-diagonal (bands * rows) x bands matrix of fixed odd 64-bit weights,
    and the band offsets."""
    rng = np.random.Generator(np.random.PCG64(0x5EED))
    weights = rng.integers(0, MASK64, size=(bands, rows), dtype=np.uint64, endpoint=True)
    offsets = rng.integers(0, MASK64, size=bands, dtype=np.uint64, endpoint=True)
    matrix = np.zeros((bands * rows, bands), np.uint64)
    for band in range(bands):
        matrix[band * rows : (band + 1) * rows, band] = weights[band] | np.uint64(1)
    return matrix, offsets


def candidate_probability(similarity: float, bands: int, rows: int) -> float:
    """Chance that LSH proposes a pair of Jaccard ``similarity``: for choosing b, r."""
    return 1.0 - (1.0 - similarity**rows) ** bands
