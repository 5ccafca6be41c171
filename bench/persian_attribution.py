"""Whose words, in Persian: citebot's speakers against hand-labelled Persian text written for it (issue 25).

    python -m bench.persian_attribution

Each case is a short Persian text (one to three sentences, paragraphs where the kind needs them) with one
«…» quotation and the speaker a careful reader names: a person's name, an organisation, or None where the
text does not say ("not identified"). The text is read as `citebot reindex` reads a document (cleaned, people
discovered over all the cases with config/people.yaml, then mentions and quotations), and the quotation's
speaker is compared by name. Precision first: a wrong speaker is the worst answer.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from citebot.index.text.clean import clean
from citebot.index.voices.people import Registry, discover
from citebot.index.voices.quotes import find_quotes

PEOPLE = Path(__file__).resolve().parents[1] / "config" / "people.yaml"
Q = ["این پرونده هنوز بسته نشده است", "ما حق داریم حقیقت را بدانیم", "هیچ‌کس پاسخ‌گوی این اعدام‌ها نبوده است",
     "آن تابستان هرگز از یاد ما نمی‌رود", "فهرست نام‌ها از پیش آماده شده بود", "دادگاه‌ها فقط چند دقیقه طول می‌کشید"]
NAMED = [("حسین‌علی منتظری", "Hossein-Ali Montazeri"), ("مریم رجوی", "Maryam Rajavi"),
         ("ابراهیم رئیسی", "Ebrahim Raisi"), ("مصطفی پورمحمدی", "Mostafa Pour-Mohammadi"),
         ("علی خامنه‌ای", "Ali Khamenei"), ("جاوید رحمان", "Javaid Rehman")]
VERBS = ["گفت", "اظهار داشت", "تصریح کرد", "نوشت", "می‌گوید", "تاکید کرد", "اعلام کرد", "افزود"]
UNNAMED = ["یک زندانی سابق", "مادر یکی از قربانیان", "یک مقام قضایی", "یکی از نگهبانان", "خبرنگاری", "برادر او"]


@dataclass
class Case:
    kind: str
    text: str
    speaker: str | None  # the name a reader gives; None: the text does not say


def cases() -> list[Case]:
    out: list[Case] = []
    for i, (fa, en) in enumerate(NAMED):
        q, verb = Q[i % len(Q)], VERBS[i % len(VERBS)]
        out.append(Case("speaker before", f"{fa} روز دوشنبه {verb}: «{q}.»", en))
        out.append(Case("speaker after", f"«{q}»، {fa.split()[-1]} {VERBS[(i + 3) % len(VERBS)]}.", en))
        out.append(Case("according to", f"{'به گفته' if i % 2 else 'طبق اظهارات'} {fa}، «{q}.»", en))
        out.append(Case("pronoun, one subject before",
                        f"{fa} هفته گذشته در ژنو سخنرانی کرد. «{Q[(i + 1) % len(Q)]}»، او افزود.", en))
        out.append(Case("not identified: pronoun, two people before",
                        f"{fa} و {NAMED[(i + 1) % len(NAMED)][0]} آن روز در تهران بودند. «{q}»، او گفت.", None))
        out.append(Case("not identified: the name is an object",
                        f"{UNNAMED[i % len(UNNAMED)]} به {fa.split()[-1]} گفت: «{q}.»", None))
        out.append(Case("not identified: a relative of the name",
                        f"پسر {fa.split()[-1]} {verb}: «{q}.»", None))
        out.append(Case("continuation paragraph", f"{fa} {verb}: «{q}.»\n\n«{Q[(i + 2) % len(Q)]}.»", en))
        out.append(Case("news agency lead", f"به گزارش خبرگزاری ایسنا، {fa} در این نشست {verb}: «{q}.»", en))
        out.append(Case("speaker before, another name as object",
                        f"{fa} در نامه‌ای به {NAMED[(i + 2) % len(NAMED)][0]} {verb}: «{q}.»", en))
        out.append(Case("headline label", f"{fa.split()[-1]}: «{q}»", en))
        other = NAMED[(i + 3) % len(NAMED)]
        out.append(Case("reported: the second speaker's words",
                        f"{fa} گفت که {other[0]} به او گفته بود: «{q}.»", other[1]))
        out.append(Case("not identified: an unnamed speaker reported",
                        f"{fa} نوشت که {UNNAMED[i % len(UNNAMED)]} به او گفته بود: «{q}.»", None))
        out.append(Case("not identified: an unnamed subject after a named sentence",
                        f"{fa} هفته گذشته در ژنو سخنرانی کرد. {UNNAMED[(i + 2) % len(UNNAMED)]} {verb}: «{q}.»", None))
        out.append(Case("not identified: the name is the report's source",
                        f"به گزارش {fa}، {UNNAMED[(i + 1) % len(UNNAMED)]} {verb}: «{q}.»", None))
    for i, who in enumerate(UNNAMED):
        q, verb = Q[i % len(Q)], VERBS[i % len(VERBS)]
        out.append(Case("not identified: unnamed speaker before", f"{who} {verb}: «{q}.»", None))
        out.append(Case("not identified: unnamed speaker after", f"«{q}»، {who} {VERBS[(i + 2) % len(VERBS)]}.", None))
        out.append(Case("not identified: no subject", f"{'او ' if i % 2 else ''}{verb}: «{q}.»", None))
    titled = [("دکتر کاوه نیک‌نام", "کاوه نیک‌نام"), ("خانم پروین سلامی", "پروین سلامی"),
              ("حجت‌الاسلام محمود صادقی‌پور", "محمود صادقی‌پور")]
    for i, (fa, name) in enumerate(titled):
        out.append(Case("titled new name, before", f"{fa}، وکیل خانواده‌ها، {VERBS[i]}: «{Q[i]}.»", name))
        out.append(Case("titled new name, surname after",
                        f"{fa} در دادگاه حاضر شد.\n\n«{Q[i + 1]}»، {name.split()[-1]} افزود.", name))
    described = [("کاوه رضایی", "وکیل خانواده‌ها"), ("نسرین ملکی", "زندانی سیاسی سابق"),
                 ("بهرام فرهادی", "عضو کانون نویسندگان")]
    for i, (name, role) in enumerate(described):
        out.append(Case("new name with a role after it", f"{name}، {role}، {VERBS[i]}: «{Q[i]}.»", name))
        out.append(Case("new name, a speech verb in its relative clause",
                        f"{name}، {role}، که در دادگاه شهادت داده بود، {VERBS[i + 1]}: «{Q[i + 1]}.»", name))
    untitled = [("سیما نادری", "سیما نادری"), ("هومن کاظمی", "هومن کاظمی"), ("لیلا صدری", "لیلا صدری")]
    for i, (fa, name) in enumerate(untitled):  # known limits: counted as misses, never guessed
        out.append(Case("limit: a new name with no title or role", f"{fa} {VERBS[i]}: «{Q[i]}.»", name))
        en = NAMED[i][1]
        out.append(Case("limit: the subject two sentences back",
                        f"{NAMED[i][0]} به ژنو رفت. در آنجا با خبرنگاران دیدار کرد. «{Q[i]}»، او گفت.", en))
    out.append(Case("organisation", "سازمان عفو بین‌الملل در گزارشی اعلام کرد: «این اعدام‌ها جنایت علیه بشریت است.»",
                    "سازمان عفو بین‌الملل"))
    out.append(Case("organisation", "کانون مدافعان حقوق بشر روز جمعه اعلام کرد: «خانواده‌ها باید حقیقت را بدانند.»",
                    "کانون مدافعان حقوق بشر"))
    return out


def score(all_cases: list[Case]) -> dict[str, Counter]:
    """Per kind: quotations, found, named a speaker, right (a gold of None is right only when none is named)."""
    registry = Registry.from_yaml(PEOPLE)
    texts = [clean(c.text).text for c in all_cases]
    discover(registry, texts)
    by_kind: dict[str, Counter] = {}
    for case, text in zip(all_cases, texts):
        quotes = find_quotes(text, registry.mentions(text))
        count = by_kind.setdefault(case.kind, Counter())
        count["quotations"] += 1
        last = quotes[-1] if quotes else None  # the case's quotation: the last (a continuation's is its second)
        count["found"] += last is not None
        named = (registry.entries[last.speaker].name if last.speaker else last.source) if last else None
        count["gold named"] += case.speaker is not None
        count["named"] += named is not None
        count["right"] += named is not None and named == case.speaker
        count["wrong"] += named is not None and named != case.speaker
        count["silent right"] += named is None and case.speaker is None
    return by_kind


def report(by_kind: dict[str, Counter]) -> str:
    total = sum(by_kind.values(), Counter())
    lines = ["| kind | quotations | found | speaker in text | named | right | wrong | silent, rightly |",
             "|---|---|---|---|---|---|---|---|"]
    for kind, c in [*by_kind.items(), ("**all**", total)]:
        lines.append(f"| {kind} | {c['quotations']} | {c['found']} | {c['gold named']} | {c['named']} | {c['right']} | "
                     f"{c['wrong']} | {c['silent right']} |")
    precision = total["right"] / total["named"] if total["named"] else 0.0
    recall = total["right"] / total["gold named"] if total["gold named"] else 0.0
    lines.append("")
    lines.append(f"Precision {precision:.1%} ({total['right']} of {total['named']} named), recall {recall:.1%} "
                 f"({total['right']} of {total['gold named']} the text names); {total['silent right']} of "
                 f"{total['quotations'] - total['gold named']} unnamed speakers left \"not identified\".")
    return "\n".join(lines)


def main() -> None:
    print(report(score(cases())))


if __name__ == "__main__":
    main()
