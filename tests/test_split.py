"""Sentences and passages: exact offsets, abbreviations, phone-sized passages."""

from citebot.index.text.split import MAX_CHARS, passages, sentences


def test_abbreviations_and_initials_do_not_end_sentences():
    text = "Mrs. Maryam Rajavi spoke. The U.S. Department of State said so. J. R. Smith agreed."
    assert [text[s:e] for s, e in sentences(text)] == [
        "Mrs. Maryam Rajavi spoke.", "The U.S. Department of State said so.", "J. R. Smith agreed."]


def test_sentences_end_after_closing_quotes_and_at_paragraph_breaks():
    text = "He said: “It is over.” Then he left\n\nA new paragraph"
    assert [text[s:e] for s, e in sentences(text)] == ["He said: “It is over.”", "Then he left", "A new paragraph"]


def test_passages_are_short_exact_and_within_one_paragraph():
    text = ("One sentence here. " * 40).strip() + "\n\n" + "Another paragraph. Short."
    for (start, end), sents in passages(text):
        assert end - start <= MAX_CHARS
        assert "\n\n" not in text[start:end]
        assert len(sents) <= 3
        assert sents[0][0] == start and sents[-1][1] == end


def test_an_overlong_sentence_is_cut_at_clause_boundaries():
    text = "; ".join(f"clause number {i} of a very long list of things" for i in range(30)) + "."
    spans = passages(text)
    assert all(e - s <= MAX_CHARS for (s, e), _ in spans)
    assert "".join(text[s:e] + " " for (s, e), _ in spans).split() == text.split()
