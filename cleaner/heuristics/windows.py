"""Means over the lines around each line, from prefix sums: the context columns of both
line models (``features``: stage one's neighbourhood and stage two's scores; ``layout``:
the marks of a comment thread nearby) read their windows here.

Each window is the difference of two running sums, so it costs the same whatever its
size; windows are cut at the page's edges and the line itself is left out.
"""

from __future__ import annotations

import numpy as np


def padded_prefix(values: np.ndarray, pad: int) -> np.ndarray:
    """The running sums of ``values`` (along the last axis) after ``pad`` + 1 zeros, and
    the total repeated ``pad`` times after them: then every window of up to ``pad``
    lines around a line is the difference of two slices, edges included."""
    n = values.shape[-1]
    padded = np.zeros((*values.shape[:-1], n + 1 + 2 * pad))
    np.cumsum(values, axis=-1, out=padded[..., pad + 1 : pad + 1 + n])
    padded[..., pad + 1 + n :] = padded[..., pad + n : pad + 1 + n]
    return padded


_CAPPED: dict[int, np.ndarray] = {}  # radius -> min(i, radius) for i = 0, 1, ... (grown as pages need)


def window_sizes(n: int, radius: int) -> np.ndarray:
    """How many other lines lie within ``radius`` of each of ``n`` lines: those before
    it, min(i, radius), and those after it, the same counted from the end."""
    capped = _CAPPED.get(radius)
    if capped is None or len(capped) < n:
        capped = np.minimum(np.arange(max(n, 1024)), radius)
        _CAPPED[radius] = capped
    head = capped[:n]
    return head + head[::-1]  # type: ignore[no-any-return]


def window_mean(padded: np.ndarray, values: np.ndarray, radius: int, pad: int) -> np.ndarray:
    """Mean of the values within ``radius`` of each line, the line itself left out
    (``padded``: ``padded_prefix(values, pad)``, ``pad`` >= ``radius``, so one prefix
    serves windows of several sizes; rows of several columns at once work alike), over
    the lines actually in the window."""
    n = values.shape[-1]
    if n < 2:
        return np.zeros(values.shape)
    upper = padded[..., pad + radius + 1 : pad + radius + 1 + n]
    lower = padded[..., pad - radius : pad - radius + n]
    return (upper - lower - values) / window_sizes(n, radius)  # type: ignore[no-any-return]


def mean_within(values: np.ndarray, radius: int) -> np.ndarray:
    """``window_mean`` of ``values`` within ``radius`` lines, for a window of one size."""
    return window_mean(padded_prefix(values, radius), values, radius, radius)
