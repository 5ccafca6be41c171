"""Answering: one line a user typed in, one `Answer` (plain data) out.

The Answerer reads the question once (question.py), sends it to its command and returns plain data;
bot/ renders it. Built on store/ and below.
"""
