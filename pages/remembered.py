"""What every page needs and content rarely changes — each language's home, the organisation,
the main menu, which sections are private — remembered in the process for as long as the
site's content generation stays the same.

The project sets the generation of each request (`remembering()`); page_cache/generation.py keeps it
in the shared cache and bumps it on every publish, unpublish, move, delete and settings
change, so whatever was remembered is computed again at every host's next request after a
change. Without a generation (outside requests, or the shared cache unreachable) nothing is
remembered and every call computes.
"""

import contextlib
import contextvars

_generation = contextvars.ContextVar("content_generation", default=None)
# One generation at a time: entries of an older one are dropped all at once.
_remembered = {"generation": None, "values": {}}


def generation_known():
    return _generation.get() is not None


def remember(key, compute):
    """`compute()`, computed once per content generation and process."""
    generation = _generation.get()
    if generation is None:
        return compute()
    if _remembered["generation"] != generation:
        _remembered["generation"] = generation
        _remembered["values"] = {}
    values = _remembered["values"]
    if key not in values:
        values[key] = compute()
    return values[key]


def is_remembered(key):
    """Whether `key` has a value for the current generation (so reading it costs nothing)."""
    generation = _generation.get()
    return generation is not None and _remembered["generation"] == generation and (
        key in _remembered["values"]
    )


@contextlib.contextmanager
def remembering(generation):
    """Within this block, `remember()` keeps values for `generation` (None: nothing)."""
    token = _generation.set(generation)
    try:
        yield
    finally:
        _generation.reset(token)


def forget():
    """Drop everything remembered (tests roll their database back without a bump)."""
    _remembered["generation"] = None
    _remembered["values"] = {}
