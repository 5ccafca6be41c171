"""Fewer C heaps for a long-running bot: its RSS stays near what it uses.

Answers run in worker threads (asyncio.to_thread), and glibc gives each thread that
allocates at once its own heap ("arena", up to 8 per core). Memory freed in one arena
serves only that arena's later allocations and is seldom returned to the system, so RSS
grows with the number of threads times what each once needed at its peak: 184 MB after
10,000 questions at 100k passages against 165 MB with two arenas (bench/serve.py). Two
arenas still let two threads allocate without waiting for each other.
"""

from __future__ import annotations

import ctypes
import ctypes.util

M_ARENA_MAX = -8  # glibc's malloc.h
ARENAS = 2


def fewer_arenas(arenas: int = ARENAS) -> bool:
    """Cap glibc's arenas (as MALLOC_ARENA_MAX does) before any thread starts; False where libc is not glibc."""
    name = ctypes.util.find_library("c")
    try:
        mallopt = ctypes.CDLL(name).mallopt
    except (OSError, AttributeError, TypeError):  # musl, macOS: other allocators, nothing to set
        return False
    return bool(mallopt(M_ARENA_MAX, arenas))
