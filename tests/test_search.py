"""Every fast search path against brute force, on generated corpora: rankings, phrase sets, counts."""

from __future__ import annotations

import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from citebot.index.answers.answerer import Answerer
from citebot.index.store.build import reindex
from citebot.index.store.generations import Generation, StaleIndex
from citebot.index.store.hot import HOT_DF
from citebot.index.store.search import Literal, _whole, every_word, literal_phrase, run, search, stemmed
from citebot.index.text.analysis import ANALYZER_VERSION, TOKEN, terms
from citebot.index.text.headings import within
from tests.bruteforce import documents_saying, every_passage, exhaustive_top, says
from tests.conftest import settings_for

# Few words, so many are hot (their phrases go through pairs), with stop words, stems that collide
# ("exported"/"exports", "hi"/"his"), case and accents.
VOCAB = ("the of a to in lantern Lantern quay keeper keepers exported exports export his hi night Évin evin "
         "harbour book red amber 1988 30,000 list device memory policy applied power runtime states "
         "4G G 16MB 16 MB 0x10 0").split() + [  # glued tokens: "G" in "4G" is not the word "G"
    "30000", "30.000", "30\u00a0000", "3.5", "35", "19", "200", "July"]  # one number in many writings (Persian digits: test_numbers)
GAPS = [" "] * 12 + [", ", ". ", "-", "’", " — ", "\n"]


def write_corpus(folder, seed: int) -> None:
    rng = random.Random(seed)
    folder.mkdir()
    for f in range(6):
        paragraphs = []
        for _ in range(HOT_DF // 4 + rng.randrange(40)):
            # some sentences longer than a passage, spaces only: cut at a space, phrases run across the cut
            long = rng.random() < 0.2
            words = [rng.choice(VOCAB) for _ in range(rng.randrange(90, 160) if long else rng.randrange(6, 30))]
            text = words[0].capitalize()
            for w in words[1:]:
                text += (" " if long else rng.choice(GAPS)) + w
            paragraphs.append(text + ".")
        (folder / f"gen-{f}.txt").write_text("\n\n".join(paragraphs))


@pytest.fixture(scope="module", params=[11, 29])
def generated(request, tmp_path_factory):
    tmp = tmp_path_factory.mktemp(f"generated{request.param}")
    write_corpus(tmp / "corpus", request.param)
    settings = settings_for(tmp, corpus=tmp / "corpus", max_results=5)
    reindex(settings)
    answerer = Answerer(settings)
    gen = answerer.corpus().generation
    assert gen.hot, "the generated corpus has hot words, so the pair path is tested"
    return answerer, gen, every_passage(gen)


phrases = st.lists(st.sampled_from(VOCAB), min_size=1, max_size=4).map(" ".join)
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@SETTINGS
@given(words=st.lists(st.sampled_from(VOCAB), min_size=1, max_size=6), limit=st.sampled_from([1, 3, 10, 50]))
def test_ranking_is_exhaustive_scoring(generated, words, limit):
    _, gen, _ = generated
    analysed = terms(" ".join(words))
    for mode in ("any", "all"):
        found = [(h.doc, h.start, h.score) for h in search(gen, analysed, "passage", mode=mode, limit=limit)]
        assert found == exhaustive_top(gen, analysed, limit, mode), (words, mode)


@SETTINGS
@given(phrase=phrases)
def test_literal_phrase_finds_exactly_the_documents_that_say_it(generated, phrase):
    answerer, gen, every = generated
    expected = documents_saying(gen, phrase)
    said = literal_phrase(gen, phrase)
    if not terms(phrase):
        assert said is None
        return
    assert {s.doc for s in said} == expected, phrase
    for s in said:  # where it says it: the words, in the document's own text
        assert says(gen.text(s.doc)[s.start:s.end], phrase)


@SETTINGS
@given(seed=st.integers(0, 10**6), n=st.integers(1, 4))
def test_phrases_cut_from_the_text_are_found_with_true_counts(generated, seed, n):
    answerer, gen, every = generated
    rng = random.Random(seed)
    doc, start, end, text = rng.choice(every)
    words = whole_words(text)
    at = rng.randrange(max(1, len(words) - n))
    phrase = " ".join(words[at:at + n]).strip(".,—")
    answer = answerer.ask(f"/source {phrase}")
    expected = documents_saying(gen, phrase)
    if not terms(phrase):
        assert not answer.results
        return
    if expected:
        assert answer.total == len(expected) and len(answer.results) == min(5, len(expected)), phrase
        assert {r.document.id for r in answer.results} <= expected
        assert all(says(r.excerpt, phrase) for r in answer.results), phrase
        if len(expected) > 5:
            assert f"5 of {len(expected)} documents say" in answer.message, answer.message  # after how numbers are written
    else:
        assert "word for word" in answer.message or answer.message.startswith("No document says")


def whole_words(text: str) -> list[str]:
    """`text` cut at whitespace, except whitespace inside a token: "30 000" (one number) stays one word."""
    inside = {i for m in TOKEN.finditer(text) for i in range(m.start(), m.end()) if text[i].isspace()}
    out, word = [], ""
    for i, c in enumerate(text):
        if c.isspace() and i not in inside:
            out, word = out + [word] if word else out, ""
        else:
            word += c
    return out + [word] if word else out


def test_a_generation_built_with_another_analyzer_is_refused(generated, tmp_path):
    _, gen, _ = generated
    assert gen.meta.analyzer == ANALYZER_VERSION
    copy = tmp_path / "old"
    import json
    import shutil
    shutil.copytree(gen.path, copy)
    meta = json.loads((copy / "meta.json").read_text())
    (copy / "meta.json").write_text(json.dumps({**meta, "analyzer": "0"}))
    with pytest.raises(StaleIndex, match="reindex"):
        Generation(copy)


@SETTINGS
@given(phrase=phrases)
def test_other_word_forms_and_scattered_words_show_each_documents_best_passage(generated, phrase):
    answerer, gen, _ = generated
    a = answerer.ask(f"/source {phrase}")
    if "only in other word forms" in a.message:
        q = stemmed(terms(phrase))
    elif "all these words" in a.message:
        q = every_word(terms(phrase))
    else:
        return
    every = run(gen, q, None, False)  # every matching passage, scored, best first
    assert a.total == len({h.doc for h in every})
    for r in a.results:  # a heading (a title line, not a sentence) only when no other passage of the document matches
        of_doc = [h for h in every if h.doc == r.document.id]
        best = next((h for h in of_doc if not within(gen.meta.headings.get(h.doc, []), h.start, h.end)), of_doc[0])
        assert best.start <= r.start and r.end <= best.end, phrase
        assert r.heading == within(gen.meta.headings.get(best.doc, []), best.start, best.end)


def test_phrases_across_a_passage_cut_are_found(generated):
    """A long sentence is cut into passages at a space; the words around each cut are still said there."""
    _, gen, every = generated
    cuts = 0
    for (doc, _, end, before), (doc2, start, _, after) in zip(every, every[1:]):
        text = gen.text(doc)
        if doc != doc2 or text[end:start].strip() or "\n" in text[end:start]:  # a cut inside a paragraph's line
            continue
        for left, right in ((2, 1), (1, 2)):
            phrase = " ".join(before.split()[-left:] + after.split()[:right])
            if not all(w.isalpha() for w in phrase.split()):  # strict gaps only: plain words and spaces
                continue
            said = literal_phrase(gen, phrase)
            assert said is None or doc in {s.doc for s in said}, phrase
            cuts += 1
    assert cuts > 20


def test_a_word_after_a_bracketed_letter_is_a_whole_word(tmp_path):
    """"[R]DMA pins" says "dma pins" (the index reads R, DMA, pins); folded, "[r]" would look like a footnote
    marker glued to "dma". A real marker glued to a word ("[a]dma") still does not say it."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "kernel.txt").write_text("Kernel notes\n\nThe counts match unless long-term [R]DMA pins are held.\n")
    (corpus / "marker.txt").write_text("Marker notes\n\nA footnote[a]dma pins nothing here.\n")
    settings = settings_for(tmp_path, corpus=corpus)
    reindex(settings)
    gen = Answerer(settings).corpus().generation
    said = literal_phrase(gen, "dma pins") or []
    assert [(s.doc, gen.text(s.doc)[s.start:s.end]) for s in said] == [("kernel", "DMA pins")]



AROUND = [" ", "\n", ".", ",", "(", ")", '"', ";", "'", "’", "-", "_", "a", "b", "é", "3", "30 000", "[1]", "\u200c"]
around = st.lists(st.sampled_from(AROUND), max_size=6).map("".join)


@given(before=around, words=st.lists(st.text(alphabet="abe", min_size=1, max_size=3), min_size=1, max_size=3),
       after=around)
@settings(max_examples=3000, deadline=None)
def test_a_phrase_between_spaces_and_marks_is_whole_as_its_words_alone_are(before, words, after):
    """The shortcut for a plain phrase (its whole-word check made once) answers as the full check, whatever stands
    around it: spaces, marks, digits, markers, joiners, letters."""
    phrase = Literal(" ".join(words))
    text = before + phrase.needle + after
    at = text.find(phrase.needle)
    while at >= 0:
        end = at + len(phrase.needle)
        assert phrase._alone(text, at, end) == _whole(text, at, end), (text, at)
        at = text.find(phrase.needle, at + 1)
