"""glibc's heap for a long-running bot: RSS stays near what the bot uses.

Answers run in worker threads (bot/fairness.py; asyncio.to_thread for the rest), and glibc gives each thread that
allocates at once its own heap ("arena", up to 8 per core). Memory freed in one arena
serves only that arena's later allocations, and free pages inside a heap go back to the
system only when asked (malloc_trim), so RSS grows with the threads and with every
peak. At 100k passages, after 10,000 distinct questions (bench/serve.py): 184 MB as
glibc leaves it, about 160 MB with two arenas, about 147 MB trimming every 2 seconds too.
Two arenas still let two threads allocate without waiting for each other.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import threading
import time

M_ARENA_MAX = -8  # glibc's malloc.h
ARENAS = 2
TRIM_EVERY = 2.0  # seconds; a trim walks the heap's free lists, about a millisecond


def tame_heap(arenas: int = ARENAS, every: float = TRIM_EVERY) -> bool:
    """Cap glibc's arenas and return free pages every `every` seconds; call before any thread starts.

    False, doing nothing, where the C library is not glibc (musl, macOS: other allocators).
    """
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c"))
        mallopt, malloc_trim = libc.mallopt, libc.malloc_trim
    except (OSError, AttributeError, TypeError):
        return False
    if not mallopt(M_ARENA_MAX, arenas):
        return False

    def trim() -> None:
        while True:
            time.sleep(every)
            malloc_trim(0)

    threading.Thread(target=trim, name="malloc-trim", daemon=True).start()
    return True
