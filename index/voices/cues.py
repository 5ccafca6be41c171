"""Speech cues next to a quotation, and the name they give: `“…,” NAME said`, `“…,” said NAME`, `NAME said: “…”`.

News names a speaker with a description before the name ("MSNBC host Chris
Matthews", "White House press secretary Josh Earnest", "Vermont Sen. Bernie
Sanders"), a party tag or an appositive after it ("Sen. Ann Roe (D-Mass.)",
"Jo Bloggs, R-Wis.,", "Jo Bloggs, a former aide,"), or a clause
("said Jo Bloggs, who ..."). A cue's name is the capitalised run that ends
the subject, without the description's words; a pronoun, an unnamed source
("a spokesman", "one official") or anything less plain gives no name.
Organisations speak too: a run that is an acronym or ends with an
organisation's word ("CNN", "Amnesty International", "the Trump campaign").

The window never leaves the quotation's sentence and paragraph: after the
closing mark up to the sentence end, or from the sentence start to the
opening mark. Only the text decides; nothing here knows the registry.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from .names import NOT_NAMES, ROLES, SUFFIXES, TITLES, common_english_words, fold

VERBS = (
    r"said|says|say|told|tells|added|adds|asked|asks|wrote|writes|tweeted|tweets|argued|argues|insisted|insists|"
    r"explained|explains|noted|notes|continued|continues|responded|responds|replied|replies|declared|declares|"
    r"stated|states|warned|warns|recalled|recalls|acknowledged|acknowledges|admitted|admits|conceded|concedes|"
    r"countered|counters|quipped|joked|jokes|lamented|laments|predicted|predicts|cautioned|cautions|complained|"
    r"complains|observed|observes|remarked|suggested|suggests|concluded|concludes|announced|announces|posted|"
    r"shouted|yelled|recounted|recounts|emailed|testified|claimed|claims|boasted|boasts|urged|urges|"
    r"stressed|stresses|emphasized|emphasised|reiterated|agreed|agrees|mused|muses|sighed|chimed in|went on|"
    r"goes on|pointed out|points out|wrote in|added in|told reporters|interjected|retorted|snapped|thundered|"
    r"shot back|fired back|marveled|exclaimed|assured|promised|vowed|pledged|charged|alleged|contended|contends|"
    r"demanded|demands|scolded|remembered|remembers|put it|puts it|maintained|maintains|opined|informed|informs|"
    r"reminded|reminds|offered|answered|answers|wondered|asserted|asserts|proclaimed|reported|reports"
)
# A verb, not the noun it can also be ("the states", "his claims", "a report").
NOT_A_NOUN = r"(?<!\bthe )(?<!\bThe )(?<!\bhis )(?<!\bher )(?<!\bits )(?<!\btheir )(?<!\ba )(?<!\bour )(?<!\bof )"
VERB = re.compile(rf"{NOT_A_NOUN}\b(?:{VERBS})\b")
SIGN_OFF = re.compile(r"[―—–]\s*(?P<name>[A-Z][^\s,.―—–“”\"]*(?:\s[A-Z][^\s,―—–“”\"]*){1,4})\.?\s*(?:$|\n)")
LABEL = re.compile(r"(?P<name>(?:[A-Z][\w’'.\-]*\s){0,4}[A-Z][\w’'\-]*)(?P<party>\s*\([DRI](?:-[A-Z][\w.]*)?\))?\s*:\s*")
INVERTED = re.compile(r"(?:Said|Says|Added|Adds|Asked|Wrote|Continued|Replied|Explained|Noted|Concluded)\s+"
                      r"(?=[^,:“”\"]{2,80}[,:]\s*$)")
ADVERB = r"(?:also|later|then|simply|recently|once|previously|flatly|quickly|again|bluntly|finally|earlier|further)"

# A word of a name: capitalised (with its inner apostrophes and hyphens), an initial, or a title with its stop.
NAME_WORD = r"(?:[A-Z][\w’'\-]*[\w]|(?:[A-Z]\.){2,3}|[A-Z]\.?)"
PARTICLE = r"(?:de|del|della|der|van|von|den|da|di|du|la|le|al|el|bin|ibn|st\.)"
RUN = re.compile(rf"{NAME_WORD}\.?(?:\s(?:{NAME_WORD}\.?|{PARTICLE}(?=\s[A-Z])))*(?:,?\s(?:Jr|Sr|III|II|IV)\b\.?)?")
PARTY_TAG = re.compile(r"\s*\([DRI](?:-[A-Z][\w.]*)?\)|,\s[DRI]-[A-Z][\w.]*,?")
APPOSITIVE = re.compile(r",\s[^,“”\"]{1,120},\s*$")
APPOSITIVES = re.compile(r",\s[^“”\"]{1,200}?,\s*$")  # several: "Jo Bloggs, the attorney general, one of …, said"
# A common noun, then "of"/"for"/"to", right before a name: the son of, the lawyer for, chief of staff to. The
# name is whom the speaker is related to ("said the son of Jo Bloggs"), never the speaker. A capitalised title
# ("Secretary of State Jo Bloggs", "Court of Appeals Judge Jo Bloggs") is not a relation.
# A title and what it is of, before a name: "Secretary of State John Kerry", "Minister of Justice Ann Roe".
OFFICE_OF = re.compile(r"\s+of\s+(?:the\s+)?(?=[A-Z])")
RELATION = re.compile(r"\b[a-z][\w’'\-]*\s+(?:of|for|to|from)\s+(?:the\s+)?$")
HONORIFICS = {"mr", "mrs", "ms", "miss", "dr"}
PRONOUNS = {"he", "she", "they", "i", "we"}
UNNAMED = {"a", "an", "one", "another", "some", "two", "three", "several", "many", "most", "other", "others",
           "this", "that", "these", "those", "his", "her", "their", "its", "our", "my", "your", "no", "each", "both"}
# Words of a description before a name that the shared lists do not hold: "Sen.", "Whip", "anchor".
DESCRIPTION = {
    "sen", "rep", "gov", "lt", "col", "capt", "sgt", "gen", "adm", "atty", "supt", "insp", "det", "cmdr", "amb",
    "rev", "fr", "pres", "sec", "hon", "whip", "speaker", "nominee", "hopeful", "strategist", "pollster", "aide",
    "alderman", "councilman", "councilwoman", "congressman", "congresswoman", "assemblyman", "assemblywoman",
    "lawmaker", "delegate", "sheriff", "attorney", "justice", "anchor", "host", "columnist", "commentator",
    "pundit", "ceo", "cfo", "coo", "executive", "manager", "organizer", "organiser", "pastor", "bishop",
    "archbishop", "cardinal", "pope", "rabbi", "reverend", "coach", "captain", "sergeant", "detective",
    "superintendent", "treasurer", "supporter", "voter", "resident", "fellow", "democrat", "republican",
    "democratic", "gop", "independent", "libertarian", "conservative", "liberal", "progressive", "majority",
    "minority", "senate", "house", "congress", "former", "acting", "interim", "vice", "assistant", "associate",
    "senior", "junior", "press", "campaign", "communications", "policy", "political", "white", "state", "city",
    "county", "federal", "u.s", "us", "presidential", "vice-president", "running", "mate", "first", "founding",
    "co-founder", "cofounder", "owner", "partner", "employee", "worker", "student", "teacher", "doctor", "nurse",
    "lieutenant", "governor", "mayor", "secretary", "spokesman", "spokeswoman", "spokesperson", "chief", "rep.",
    "sen.", "gov.", "del", "dr", "mr", "mrs", "ms", "prof", "professor", "judge", "chairman", "chairwoman", "chair",
    "president", "director", "leader", "official", "adviser", "advisor", "editor", "economist", "analyst",
}
# Unnamed people as news refers to them in the plural.
GENERIC = {
    "officials", "sources", "experts", "analysts", "critics", "residents", "witnesses", "police", "authorities",
    "investigators", "prosecutors", "aides", "advisers", "advisors", "supporters", "opponents", "protesters",
    "observers", "insiders", "strategists", "lawmakers", "voters", "organizers", "organisers", "officers",
    "spokesmen", "spokespeople", "scientists", "researchers", "doctors", "economists", "diplomats", "leaders",
    "members", "staff", "people", "others", "many", "some", "both", "neighbours", "neighbors", "friends",
}
# The last word of an organisation's name.
ORGANISATION = {
    "campaign", "committee", "news", "times", "post", "journal", "party", "association", "institute", "university",
    "department", "agency", "international", "foundation", "center", "centre", "council", "office", "group",
    "network", "press", "magazine", "company", "corp", "corporation", "inc", "coalition", "union", "fund", "bureau",
    "ministry", "commission", "administration", "watch", "tribune", "herald", "review", "report", "gazette",
    "daily", "weekly", "radio", "television", "tv", "channel", "society", "federation", "organization",
    "organisation", "alliance", "project", "caucus", "pac", "action", "league", "club", "board", "court", "trust",
}
SENTENCE_END = re.compile(r"(?<![\w.])(?P<word>[\w.’'-]*)[.!?](?=\s|$)|\n\n")
# Words a full stop ends without ending the sentence: titles and abbreviations news puts before names.
ABBREVIATED = {
    "mr", "mrs", "ms", "dr", "st", "jr", "sr", "lt", "sen", "rep", "gov", "gen", "col", "sgt", "capt", "prof",
    "rev", "del", "hon", "adm", "atty", "pres", "supt", "cmdr", "amb", "fr", "maj", "cpl", "pvt", "mt", "ft",
    "no", "vs", "u.s", "u.n", "u.k", "d.c", "inc", "corp", "co", "ltd", "calif", "mass", "wis", "fla", "ill", "tenn",
}
STOP_AFTER_NAME = re.compile(
    r"\s*(?:$|[,.;:!?(—–]|\s-\s|\s(?:of|who|whose|which|in|on|at|when|after|as|during|while|to|from|before|about|"
    r"according|adding|referring|noting|speaking|said|says|told|and|for|with|via|last|this|on|earlier|later|"
    r"yesterday|today|tonight|monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b)",
    re.I)


@dataclass
class Cue:
    """The speaker a speech cue names: text[start:end] is the name (or the pronoun, or the organisation)."""

    start: int
    end: int
    name: str
    kind: str  # "person" | "organisation" | "pronoun"
    how: str  # the cue's shape: "said NAME", "NAME said", "NAME said:", "according to NAME", "― NAME", …


def cue(text: str, start: int, end: int, lower: set[str] = frozenset()) -> Cue | None:  # type: ignore[assignment]
    """The speaker a cue right after or right before the quotation text[start:end] names, if any.

    `lower`: common_words(text), the words the document mostly writes in lower case; such a word opening a
    sentence ("Officials said") or a name ("Yet Jo Bloggs said") is not a name.
    """
    return after(text, end, lower) or before(text, start, lower)


def after(text: str, end: int, lower: set[str] = frozenset()) -> Cue | None:  # type: ignore[assignment]
    """`“…,” said NAME`, `“…,” NAME said`, `“…,” NAME, a former aide, told CNN`, `“…,” he said`."""
    stop = _sentence_end(text, end)
    tail = text[end:stop]
    lead = re.match(r"[\s,”’\"'—–-]*", tail)
    at = end + (lead.end() if lead else 0)
    if (at == end and tail[:1].isalnum()) or (
            at > end and not re.search(r"[,?!—–-][”\"’']$", text[max(0, end - 2):end])
            and re.match(rf"\s+(?!(?:{ADVERB}\s)?(?:{VERBS})\b|(?:he|she|they|it|we|i)\b)[a-z]", tail)):
        return _closing_cue(text, end, stop, lower)  # the sentence runs on: its cue can only end it
    rest = text[at:stop]
    if m := SIGN_OFF.match(rest):  # “…” ― Jo Bloggs
        found = _named(text, at + m.start("name"), at + m.end("name"), "", "― NAME")
        return found if found and found.kind == "person" else None
    if re.search(r"\.[”’\"']*$", text[max(0, end - 3):end]):
        return None  # the quotation ended its sentence: what follows starts another
    if m := re.match(r"according to\s+(?=[A-Z])", rest):
        return _name_after_verb(text, at + m.end(), stop, "according to NAME")
    if m := re.match(rf"(?:{ADVERB}\s)?(?:{VERBS})\s+", rest):
        return _name_after_verb(text, at + m.end(), stop, "said NAME")
    if m := VERB.search(rest):
        return _subject(text, at, at + m.start(), "NAME said", lower) or \
            _described_subject(text, at, at + m.start(), lower)
    return None


def _closing_cue(text: str, end: int, stop: int, lower: set[str]) -> Cue | None:
    """`“Boots on the ground” would be right, Jo Bloggs said.`: the cue closing the sentence the quotation opens,
    after its last comma that a cue follows (`…, said Jo Bloggs, a party elder.`)."""
    rest = text[end:stop]
    for m in reversed(list(re.finditer(r",\s+", rest))):
        if re.search(r"[“”\"]", rest[:m.start()]):
            return None
        at, cue_text = end + m.end(), rest[m.end():]
        if v := re.match(rf"(?:{VERBS})\s+(?=[A-Z])", cue_text):
            return _name_after_verb(text, at + v.end(), stop, "…, said NAME")
        if cue_text[:1].isupper() and (v := VERB.search(cue_text)):
            return _subject(text, at, at + v.start(), "…, NAME said", lower)
    return None


def before(text: str, start: int, lower: set[str] = frozenset()) -> Cue | None:  # type: ignore[assignment]
    """`NAME said: “…`, `NAME told CNN, “…`, `When asked, NAME said that “…`, `according to NAME, “…`."""
    s_start = _sentence_start(text, start)
    clause = text[s_start:start]
    if m := re.search(r"\b[Aa]ccording to\s+(?=[A-Z])", clause):
        return _name_after_verb(text, s_start + m.end(), start, "according to NAME")
    if m := INVERTED.match(clause):  # "Said Jo Bloggs: “…"
        return _name_after_verb(text, s_start + m.end(), start, "said NAME")
    if (m := LABEL.fullmatch(clause)) and (m["party"] or role_word(m["name"].split()[0]) or len(m["name"].split()) <= 3):
        # "Rep. Jo Bloggs (R-S.C.): “…", "Jo B. Bloggs: “…": a speaker's label, titled, tagged or a name alone
        # ("Jo Bloggs Hits Back: ‘…’" is a headline)
        found = _subject(text, s_start, s_start + m.end("name"), "NAME:", lower)
        return found if found and found.kind == "person" and len(found.name.split()) > 1 else None
    verbs = list(VERB.finditer(clause))
    if not verbs:
        return None
    v = verbs[-1]
    between = clause[v.end():]
    if re.search(r"[“”\"]", between) or len(between) > 90 or re.search(r"[.;!?]", between):
        return None  # the verb does not introduce this quotation
    if not re.fullmatch(r"(?:\s+[^,:“”\"]{0,80}?)?\s*(?:[,:]|\s+that)?\s*", between):
        return None
    # The subject is what stands right before the verb, after the last comma that does not open an appositive;
    # or the name opening the sentence, described up to the verb ("Jo Bloggs, head of the X Party said: “").
    subject_start = s_start + _clause_start(clause[:v.start()])
    return _subject(text, subject_start, s_start + v.start(), "NAME said:", lower) or \
        _described_subject(text, s_start, s_start + v.start(), lower)


def _described_subject(text: str, start: int, verb: int, lower: set[str]) -> Cue | None:
    """`Jo Bloggs, spokeswoman of the Department, in a video, said …`: a name opening the sentence, then
    descriptions naming no one else, then the verb."""
    comma = text.find(",", start, verb)
    rest = text[comma + 1:verb]
    if comma < 0 or len(rest) > 200 or not re.match(r"\s*(?:the\s|a\s|an\s|[a-z])", rest):
        return None
    if any((c := _named(text, m.start(), m.end(), "", "")) and c.kind == "person" for m in _runs(text, comma + 1, verb)):
        return None  # someone else is named before the verb
    return _subject(text, start, comma, "NAME, …, said", lower)


def _name_after_verb(text: str, start: int, stop: int, how: str) -> Cue | None:
    """`said NAME[, who …]`: a description, then the name, up to a comma, a clause or the sentence end."""
    words = text[start:stop].split()
    if not words or fold(words[0]) in UNNAMED:
        return None
    organisation: Cue | None = None
    office: int | None = None  # where "Secretary of State …" began: an office, then the name
    for m in _runs(text, start, stop):
        if m.start() - start > 80:
            break
        at = m.start() if office is None else office
        before_run = text[start:at]
        if appositive := re.fullmatch(r"((?:[\w’'.\-]+\s){1,6}?[\w’'\-]+),\s", before_run):
            if not role_word(appositive[1].split()[-1]):
                break
            before_run = appositive[1]  # "said Rubio's deputy campaign manager, Rich Beeson, who …"
        elif re.search(r"[,.;:!?(“”\"]", before_run):
            break  # the description ended without a name
        if office is None and role_word(m.group().split()[-1]) and OFFICE_OF.match(text, m.end()):
            office = m.start()  # "said Secretary of State John Kerry": the name is in a run after the office's
            continue
        if not STOP_AFTER_NAME.match(text, m.end()) or text.startswith(("’s", "'s"), m.end()):
            continue  # a modifier ("Trump campaign manager Jo Bloggs") or a possessive: the name comes later
        if RELATION.search(before_run):
            break  # "said the lawyer for Jo Bloggs": Jo Bloggs is whom the speaker is related to, not the speaker
        if office is not None and len(m.group().split()) < 3:
            break  # "said the Governor of Texas": what the office is of, and no name (one word could be anyone's)
        found = _named(text, at, m.end(), before_run, how)
        if office is not None and found and not _plain_name(text[found.start:found.end]):
            return None  # "Director of National Intelligence Jo Bloggs": where the office ends is not certain
        if found and found.kind == "organisation" and re.match(r"\s+of\s+[A-Z]", text[m.end():]):
            organisation = organisation or found  # "Court of Appeals Judge Jo Bloggs": a person may follow
            continue
        return found
    return organisation


def _plain_name(name: str) -> bool:
    """Two words, or three with a middle initial: "John Kerry", "Ilse M. Varga"."""
    words = name.split()
    return len(words) == 2 or (len(words) == 3 and re.fullmatch(r"[A-Z]\.", words[1]) is not None)


def _subject(text: str, start: int, verb: int, how: str, lower: set[str]) -> Cue | None:
    """The subject text[start:verb] of a speech verb: a pronoun, a name with its description, or an organisation."""
    region = text[start:verb]
    region = re.sub(rf"\s+{ADVERB}\s*$", "", region)
    region = PARTY_TAG.sub(lambda m: " " * len(m.group()), region)
    if m := APPOSITIVE.search(region):  # "Jo Bloggs, a former aide, said"; "the rapporteur, Jo Bloggs, said"
        inner = m.group().strip(", ")
        if (run := RUN.fullmatch(inner)) and (named := _named(text, start + m.start() + m.group().index(inner),
                                                              start + m.start() + m.group().index(inner) + run.end(),
                                                              "", how)):
            return named
    if m := APPOSITIVES.search(region):
        region = region[:m.start()]
    region = region.rstrip()
    if not region:
        return None
    words = region.split()
    if len(words) == 1 and fold(words[0]) in PRONOUNS:
        s = start + region.index(words[0])
        return Cue(s, s + len(words[0]), words[0], "pronoun", how)
    if fold(words[0]) in UNNAMED or len(words) > 10:
        return None
    if m := re.fullmatch(r"(?P<the>[Tt]he\s+)?(?P<org>[A-Z][\w’'.&\-]*(?:\s[A-Z][\w’'.&\-]*)*\s(?:campaign|"
                         r"administration|committee|party))", region):
        return Cue(start + m.start("org") - len(m["the"] or "") , start + m.end(), region, "organisation", how)
    runs = list(_runs(text, start, start + len(region)))
    if not runs or runs[-1].end() != start + len(region):
        return None  # the subject does not end with a name ("a Trump spokesman", "the senator")
    last = runs[-1]
    description = text[start:last.start()]
    if description.strip() and not re.fullmatch(r"(?:[\w’'.\-]+\s+){1,8}", description):
        return None
    if description.strip() and fold(description.split()[0]) in UNNAMED:
        return None
    if any(re.fullmatch(r"[a-z]+(?:ing|ed)|by|with|to|for|about|against|from|on|at|in", w) and not role_word(w)
           for w in description.split()) or RELATION.search(description):
        return None  # "Voters embracing Senator Jo Bloggs said", "The son of Jo Bloggs said": not the subject
    cue_ = _named(text, last.start(), last.end(), description, how, lower)
    if cue_ and cue_.kind == "person" and len(cue_.name.split()) == 1 and last.start() == start:
        if _opens_sentence(text, start) and (cue_.name.lower() in lower or generic(cue_.name)):
            return None  # "Officials said", "Sources said": a common noun opening the sentence
    return cue_


def _named(text: str, start: int, end: int, description: str, how: str,
           lower: set[str] = frozenset()) -> Cue | None:  # type: ignore[assignment]
    """The name within a capitalised run, without the description's words; an organisation if it reads as one.

    A first word the document mostly writes in lower case is not part of the name ("Yet Trump said",
    "Using Ted Cruz's words"): it is dropped when a full name remains, else there is no name.
    """
    words = [(m.group(), start + m.start(), start + m.end()) for m in re.finditer(r"[^\s,]+", text[start:end])]
    if _is_organisation([w for w, _, _ in words]) and description.strip() in ("", "the", "The"):
        return Cue(start, end, text[start:end], "organisation", how)
    first = 0
    text_words = [w for w, _, _ in words]
    for i, (w, _, _) in enumerate(words[:-1]):
        if describes(w):
            first = i + 1
    words = words[first:]
    if words and opens_no_name([w for w, _, _ in words], lower):
        if len(words) < 3:
            return None
        words = words[1:]
    if any(w.lower() in lower and not re.fullmatch(PARTICLE, w) for w, _, _ in words[1:-1]):
        return None  # a headline's words ("Jo Bloggs Hints Ann Roe"), not a name
    while len(words) > 1 and fold(words[-1][0].rstrip(".")) in SUFFIXES:
        words = words[:-1]
    names = [w for w, _, _ in words if not re.fullmatch(r"[A-Z]\.?", w)]
    if not names or len(names) > 4 or any(fold(w.rstrip(".")) in NOT_NAMES - {"may", "will"} for w in names):
        return None
    honorific = first > 0 and fold(text_words[first - 1].rstrip(".")) in HONORIFICS  # "Mr. King"
    if any(len(w) > 1 and w.replace("-", "").isupper() for w in names) or \
            (all(describes(w) for w in names) and not honorific) or \
            (len(names) > 1 and fold(names[-1].strip(".")) in DESCRIPTION | ROLES):
        return None  # an acronym inside a description, a run of titles only, or "Wisconsin Republican"
    s, e = words[0][1], words[-1][2]
    return Cue(s, e, text[s:e], "person", how)


def common_words(text: str) -> set[str]:
    """Words `text` writes in lower case more often than capitalised inside a sentence: "using", "bill" in a
    text about a bill, not "Bill" in one about Bill Clinton."""
    low = Counter(re.findall(r"\b[a-z][\w’'-]*", text))
    capitalised = Counter(w.lower() for w in re.findall(r"(?<=[a-z,;] )[A-Z][\w’'-]*", text))
    return {w for w, n in low.items() if n > capitalised[w]}


def opens_no_name(words: Sequence[str], lower: set[str]) -> bool:
    """Whether the capitalised word opening a run of `words` is no given name: one the document mostly writes in
    lower case (`lower`: "Yet Trump said", "Using Ted Cruz's words"), or, before another capitalised word, an
    English verb's -ing or -ed form ("Chasing Trump and Cruz was Rubio", "Continued Stone: …"). Alone it may be
    a surname (Suckling, Harding), and a short one a given name (Ahmed, Hamed)."""
    w = words[0].lower()
    if w in lower:
        return True
    if len(words) < 2 or len(w) < 6 or not w.endswith(("ing", "ed")):
        return False
    stems = (w[:-3], w[:-3] + "e") if w.endswith("ing") else (w[:-2], w[:-1])
    return any(s in common_english_words() for s in stems)


def name_in(text: str, start: int, end: int, lower: set[str] = frozenset()) -> str | None:  # type: ignore[assignment]
    """The person's name a capitalised run text[start:end] holds, without its description, or None."""
    found = _named(text, start, end, "", "", lower)
    return found.name if found and found.kind == "person" else None


def generic(word: str) -> bool:
    """A common noun for unnamed people, capitalised only because it opens a sentence ("Officials", "Sources")."""
    return fold(word) in GENERIC


def role_word(word: str) -> bool:
    """A title or a role ("Sen.", "Secretary", "anchor"), the words of a description that name no one."""
    w = fold(word.strip(".,")).replace(" ", "-")
    return w in TITLES or w in ROLES or w in DESCRIPTION


def describes(word: str) -> bool:
    """A word of a description, not of a name: a title, a role, "Sen.", an acronym ("MSNBC"), a party."""
    w = fold(word.strip(".,")).replace(" ", "-")  # fold spaces hyphens; the lists spell "president-elect"
    bare = word.rstrip(".")
    roles = TITLES | ROLES | DESCRIPTION
    return w in roles or w in NOT_NAMES or (len(bare) > 1 and bare.replace("-", "").isupper()) \
        or (word.endswith(".") and len(bare) > 2) \
        or ("-" in w and any(part in roles for part in w.split("-")))  \
        or bare.endswith(("’s", "'s"))  # "Secretary-Treasurer", "Iowa State University's"


def _is_organisation(words: list[str]) -> bool:
    if not words:
        return False
    if len(words) == 1 and len(words[0]) > 1 and words[0].replace("&", "").isupper():
        return True  # "CNN", "AP"
    return fold(words[-1].strip(".")) in ORGANISATION


def _runs(text: str, start: int, stop: int):
    pos = start
    while (m := RUN.search(text, pos, stop)) is not None:
        yield m
        pos = m.end()


def _clause_start(clause: str) -> int:
    """Where the subject before a verb may begin: after the last comma, unless that comma closes an appositive."""
    body = PARTY_TAG.sub(lambda m: " " * len(m.group()), clause)
    if m := APPOSITIVE.search(body.rstrip() + (" " if body.endswith(" ") else "")):
        body = body[:m.start()]
    cut = max(body.rfind(","), body.rfind(":"), body.rfind("—"), body.rfind("("), body.rfind(")"))
    return cut + 1 if cut >= 0 else 0


def _opens_sentence(text: str, pos: int) -> bool:
    before = text[max(0, pos - 4):pos]
    return not before.strip() or re.search(r"(?:[.!?][”\"’]?|:|\n|^\s*[“\"])\s*$", before) is not None


def _ends(text: str, start: int, stop: int):
    """Sentence ends in text[start:stop]: full stops after abbreviations and initials do not count."""
    for m in SENTENCE_END.finditer(text, start, stop):
        word = (m["word"] or "").lower()
        if m.group() == "\n\n" or not (word in ABBREVIATED or re.fullmatch(r"(?:\w\.)*\w", word) and len(word) <= 3
                                        and word[:1].isalpha() and text[m.start()].isupper()):
            yield m


def _sentence_end(text: str, pos: int) -> int:
    m = next(_ends(text, pos, len(text)), None)
    return m.start() + (0 if m.group() == "\n\n" else len(m["word"] or "")) if m else len(text)


def _sentence_start(text: str, pos: int) -> int:
    para = text.rfind("\n\n", 0, pos)
    start = para + 2 if para >= 0 else 0
    for m in _ends(text, start, pos):
        start = m.end()
    return start
