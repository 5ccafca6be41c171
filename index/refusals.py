"""Why the collection refuses a file, a URL or a field, as keyed English templates.

A refusal (a CitebotError made by `CitebotError.said`) keeps its key and parameters beside
the English text, so a front end can say it in another language (bot/locales/<lang>.py has the
same "refusal.*" keys, as it has the answer layer's "answer.*").
"""

from __future__ import annotations

MESSAGES = {
    # a field an admin typed (index/collection/collection.py)
    "refusal.unknown_field": "unknown field {field!r}: one of {fields}",
    "refusal.empty_field": "the {field} cannot be empty",
    "refusal.bad_id": "{value!r} is not an id: use lower-case letters, digits and hyphens (at most 40)",
    "refusal.not_a_date": "{value!r} is not a date: use YYYY-MM-DD, YYYY-MM or YYYY (or 'unknown')",
    "refusal.not_a_url": "{value!r} is not a web address (http:// or https://)",
    "refusal.kind": "kind must be one of {kinds}",
    "refusal.too_long": "the {field} is too long ({length} characters; at most 300)",
    # the collection
    "refusal.file_type": "unsupported file type {suffix!r}",
    "refusal.duplicate_file": "duplicate: this file is already in the collection as {id}",
    "refusal.no_document": "no document {id!r} in the collection",
    "refusal.no_document_ids": "no document {id!r} in the collection (see /docs for the ids)",
    "refusal.bundled": "{id} is a bundled document (corpus/): change corpus/sources.yaml on the server",
    # reading a file (index/collection/intake.py, sources.py, formats.py, extract.py)
    "refusal.send_file_type": "unsupported file type {suffix!r}: send a .pdf, .html, .txt or .md file",
    "refusal.too_large": "too large ({size:.1f} MB; the limit is {limit:.0f} MB)",
    "refusal.duplicate": "duplicate: this is already in the collection as {id} ({title})",
    "refusal.empty": "empty file",
    "refusal.binary": "binary file, not text",
    "refusal.no_text": "no text found",
    "refusal.no_main_text": "no text found (the page has no main text, only menus, links or scripts)",
    "refusal.encrypted_pdf": "encrypted PDF (password-protected): send an unprotected copy",
    "refusal.unreadable_pdf": "unreadable PDF ({problem})",
    "refusal.no_text_layer": "PDF has no text layer (scanned image?)",
    # a file read in a child process within limits (index/documents/sandbox.py)
    "refusal.parse_cpu": "this {kind} took more than {seconds} s of CPU to read",
    "refusal.parse_timeout": "this {kind} took more than {seconds} s to read",
    "refusal.parse_memory": "this {kind} needed more than {megabytes} MB of memory to read",
    "refusal.parse_crash": "the reader crashed on this {kind} (exit {code}; it may need more than {megabytes} MB of memory)",
    "refusal.parse_nested": "this {kind} is nested too deeply to read (a deep object graph)",
    "refusal.parse_limit": "this {kind} exceeds a safety limit of its reader ({problem})",
    "refusal.parse_encoding": "the text of this {kind} cannot be decoded",
    "refusal.parse_failed": "this {kind} could not be read ({problem})",
    # fetching a URL (index/documents/fetch.py)
    "refusal.timeout": "{host} did not answer within {seconds:.0f} s",
    "refusal.unreachable": "cannot reach {host} ({problem})",
    "refusal.redirects": "too many redirects (more than {count})",
    "refusal.not_web": "not a web address: {url!r} (http:// or https:// only)",
    "refusal.unknown_host": "unknown host {host}",
    "refusal.private_address": "{host} is a private, loopback or link-local address ({address}): refused",
    "refusal.http_status": "{host} answered {status} {reason}",
    "refusal.content_type": "unsupported content type {kind!r}: web pages, text and PDF only",
    "refusal.too_large_download": "too large (more than {limit:.0f} MB)",
    "refusal.slow": "{host} is too slow (the download took more than {seconds:.0f} s in all)",
    "refusal.redirect_loop": "redirect loop (back to {url})",
    "refusal.encoding": "{host} sent the page in an encoding citebot does not read ({encoding})",
    "refusal.bad_encoding": "{host} sent a broken {encoding} stream",
    "refusal.too_large_decoded": "{host} sent more than {limit:.0f} MB once decompressed (a compression bomb?)",
    "refusal.empty_page": "{host} sent an empty page",
}
