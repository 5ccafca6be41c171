"""PDFs read as a reader reads them: page furniture set aside, paragraphs whole, columns in order, a real title."""

from pathlib import Path

from citebot.index.documents.sources import read_source
from tests.pdfmaker import column, even_font, write_pages, write_shown

HEADER = (72, 760, 9, "Statement to the Assembly · 12 May 2023")


def read(path: Path):
    source = read_source(path, None, 10_000_000)
    return source.cleaned, source.document


def test_a_speech_keeps_its_sentences_whole_across_page_numbers_headers_and_an_abbreviation(tmp_path):
    first = [HEADER, (72, 720, 18, "Statement by Prof."), (72, 698, 18, "Ada Example, Special Rapporteur"),
             *column(72, 660, ["GENEVA, 12 May 2023 – Mr. President, I thank the Assembly for this",
                               "chance to speak. The witnesses I met described the events in great",
                               "detail, and one said that the judges were far from his mind when he",
                               "recorded that state-"]), (300, 40, 9, "1")]
    second = [HEADER, *column(72, 720, ["ment. Later I met Dr.", "Lena Sample, who had kept the records since the",
                                        "first hearing in the capital."]),
              *column(90, 660, ["A second paragraph starts with an indent and goes on",
                                "to the end of the line and stops here."]), (300, 40, 9, "2")]
    write_pages(tmp_path / "speech.pdf", [first, second], {"Author": "Office of the Rapporteur"})
    cleaned, doc = read(tmp_path / "speech.pdf")
    assert cleaned.text.split("\n\n") == [
        "Statement by Prof. Ada Example, Special Rapporteur",
        "GENEVA, 12 May 2023 – Mr. President, I thank the Assembly for this chance to speak. The witnesses I met "
        "described the events in great detail, and one said that the judges were far from his mind when he recorded "
        "that statement. Later I met Dr. Lena Sample, who had kept the records since the first hearing in the capital.",
        "A second paragraph starts with an indent and goes on to the end of the line and stops here.",
    ]
    assert {"1", "2", "Statement to the Assembly · 12 May 2023"} <= set(cleaned.dropped)  # furniture, not text
    assert (doc.title, doc.how["title"]) == ("Statement by Prof. Ada Example, Special Rapporteur",
                                             "the largest type on the first page")
    assert (doc.date, doc.date_precision, doc.how["date"]) == ("2023-05-12", "day", 'the dateline "GENEVA, 12 May 2023 –"')
    assert (doc.author, doc.how["author"]) == ("Office of the Rapporteur", "the PDF's /Author")


def test_the_admins_card_for_a_speech_pdf_says_where_each_field_came_from(tmp_path):
    from citebot.bot.terminal import draft_card
    from citebot.index import prepare_file
    from tests.conftest import settings_for

    pages = [[HEADER, (72, 720, 18, "Remarks on the inquiry"),
              *column(72, 680, ["GENEVA, 12 May 2023 – The inquiry has heard from forty witnesses so far, and",
                                "it will hear more before the summer ends."]), (300, 40, 9, "1")],
             [HEADER, *column(72, 720, ["Its report is due in the autumn of next year, as agreed."]), (300, 40, 9, "2")]]
    write_pages(tmp_path / "remarks.pdf", pages)
    draft = prepare_file(settings_for(tmp_path), (tmp_path / "remarks.pdf").read_bytes(), "remarks.pdf")
    card = draft_card(draft)
    assert "     title: Remarks on the inquiry  [inferred from the largest type on the first page]" in card
    assert '      date: 12 May 2023  [inferred from the dateline "GENEVA, 12 May 2023 –"]' in card
    assert "Left out as page furniture: “Statement to the Assembly · 12 May 2023”, “1”, “2”." in card


def test_a_two_column_page_is_read_column_by_column(tmp_path):
    left = column(72, 700, ["The left column opens the yearly report with", "a sentence that runs over three lines of",
                            "type and ends on this line here.", "Its second paragraph is short."], size=10)
    right = column(320, 700, ["The right column follows on from the left one", "and goes on to end the whole page with",
                              "this rather shorter line.", "Nothing else is said here."], size=10)
    interleaved = [line for pair in zip(left, right) for line in pair]  # as many PDFs store them: row by row
    write_pages(tmp_path / "report.pdf", [[(72, 740, 16, "Annual report"), *interleaved]])
    cleaned, doc = read(tmp_path / "report.pdf")
    assert cleaned.text.split("\n\n") == [
        "Annual report",
        "The left column opens the yearly report with a sentence that runs over three lines of type and ends on this "
        "line here.",
        "Its second paragraph is short.",
        "The right column follows on from the left one and goes on to end the whole page with this rather shorter "
        "line.",
        "Nothing else is said here.",
    ]
    assert doc.title == "Annual report"


def test_a_line_break_hyphen_goes_and_a_compound_keeps_its_hyphen(tmp_path):
    lines = ["The mission interviewed many wit-", "nesses over the summer, and its fact-",
             "finding report was published in the autumn of that same year."]
    write_pages(tmp_path / "hyphens.pdf", [column(72, 700, lines)])
    cleaned, _ = read(tmp_path / "hyphens.pdf")
    assert cleaned.text == ("The mission interviewed many witnesses over the summer, and its fact-finding report "
                            "was published in the autumn of that same year.")


def test_a_raised_footnote_marker_does_not_become_a_number_in_the_sentence(tmp_path):
    lines = [(72, 700, 11, "The report was handed to the court in March"), (300, 704, 7, "1"),
             (72, 686, 11, "and read in full the next day, the clerk said"), (300, 688, 7, "2"),
             (72, 672, 11, "in a letter to the families.")]
    write_pages(tmp_path / "marker.pdf", [lines])
    cleaned, _ = read(tmp_path / "marker.pdf")
    assert cleaned.text == ("The report was handed to the court in March and read in full the next day, the clerk said "
                            "in a letter to the families.")


def test_the_files_own_title_and_date_are_used_when_they_look_real(tmp_path):
    body = column(72, 700, ["A short note on the hearing, which was held in public and lasted", "one full day.",
                            "The second paragraph of the note says nothing more than this line."])
    write_pages(tmp_path / "real.pdf", [body], {"Title": "Note on the hearing", "CreationDate": "D:20210304120000Z"})
    write_pages(tmp_path / "junk.pdf", [body], {"Title": "Microsoft Word - note_v3.docx", "Author": "admin",
                                               "CreationDate": "D:20219999"})
    _, real = read(tmp_path / "real.pdf")
    assert (real.title, real.how["title"]) == ("Note on the hearing", "the PDF's /Title")
    assert (real.date, real.how["date"]) == ("2021-03-04", "the PDF's /CreationDate (when the file was made)")
    _, junk = read(tmp_path / "junk.pdf")
    assert (junk.title, junk.date, junk.author) == ("junk", None, None)
    assert junk.how["title"] == "the file name"


def test_without_larger_type_the_first_short_lines_are_the_title(tmp_path):
    lines = ["Joint statement", "on the inquiry", "The undersigned organisations welcome the decision to open an inquiry",
             "into the events of that summer, and call on every state to support it."]
    write_pages(tmp_path / "joint.pdf", [column(72, 700, lines)])
    _, doc = read(tmp_path / "joint.pdf")
    assert (doc.title, doc.how["title"]) == ("Joint statement on the inquiry", "the first lines of the first page")


def test_a_table_is_read_row_by_row_not_as_two_columns(tmp_path):
    rows = [("Witness", "Heard on"), ("First guard", "3 May"), ("Second guard", "4 May"), ("A clerk", "9 May")]
    cells = [cell for n, (a, b) in enumerate(rows) for cell in ((72, 600 - 14 * n, 11, a), (320, 600 - 14 * n, 11, b))]
    write_pages(tmp_path / "table.pdf", [[*column(72, 700, ["The hearings of the inquiry, as the clerk listed them."]),
                                          *cells]])
    cleaned, _ = read(tmp_path / "table.pdf")
    assert cleaned.text.split("\n\n")[1:] == ["Witness Heard on", "First guard 3 May", "Second guard 4 May", "A clerk 9 May"]


def test_words_set_apart_by_offsets_in_a_font_with_a_wide_space_are_read_as_words(tmp_path):
    # TeX sets a line as one TJ array, each word gap an offset of about a quarter of an em; pypdf reads an offset as
    # a space only when wider than half the font's space, which it misjudges for fonts with no space glyph.
    lines = [["The", -249, "witnesses", -249, "described", -60, "the", -333, "events."],
             ["A", -480, "line", -210, "with", -20, "kerning", 50, "only", -249, "between", -249, "letters:",
              -249, "W", -80, "A", -80, "V", -249, "ends."]]
    write_shown(tmp_path / "tex.pdf", lines, even_font(space_width=600))
    cleaned, _ = read(tmp_path / "tex.pdf")
    assert cleaned.text == "The witnesses describedthe events. A line withkerningonly between letters: WAV ends."


def test_a_font_with_a_plain_space_reads_as_before(tmp_path):
    write_shown(tmp_path / "plain.pdf", [["The witnesses", -40, " described the events."]], even_font(278))
    assert read(tmp_path / "plain.pdf")[0].text == "The witnesses described the events."


def test_a_table_of_contents_and_headers_numbered_in_roman_then_arabic_are_furniture(tmp_path):
    contents = [(72, 760, 9, "Annual Report ii"), (72, 700, 14, "Contents"),
                *column(72, 670, ["1 Introduction . . . . . . . . . . . . . . . . . . . . . . . . 1",
                                  "2 What the witnesses said . . . . . . . . . . . . . . . . . . 2",
                                  "Annex: sources ........................................ iv"])]
    said = [["The witnesses described the events in great detail to the commission, and",
             "each of them named the prison where they had been held and the month when",
             "the hearings began."],
            ["The commission then checked every account against the records kept by",
             "the families, who had written down the dates of each visit and of each",
             "refusal at the prison gate."]]
    body = [[(72, 760, 9, f"Annual Report {n}"), *column(72, 700, lines)] for n, lines in enumerate(said, 1)]
    write_pages(tmp_path / "report.pdf", [contents, *body])
    cleaned, _ = read(tmp_path / "report.pdf")
    assert cleaned.text.split("\n\n") == ["Contents", " ".join(said[0]), " ".join(said[1])]
    assert {"Annual Report ii", "Annual Report 1", "Annual Report 2",
            "2 What the witnesses said . . . . . . . . . . . . . . . . . . 2"} <= set(cleaned.dropped)


def test_words_placed_apart_in_a_font_with_no_space_glyph_are_read_as_words(tmp_path):
    # Each word its own text object, a fifth of an em apart (0.2 * 11 pt), in a font whose code 32 is a "Q".
    words = ["This", "report", "is", "about", "the", "hearings."]
    x, placed = 72.0, []
    for w in words:
        placed.append((x, 700, 11, w))
        x += (500 * len(w) / 1000 + 0.2) * 11
    write_pages(tmp_path / "placed.pdf", [placed], font=even_font(None))
    assert read(tmp_path / "placed.pdf")[0].text == "This report is about the hearings."
