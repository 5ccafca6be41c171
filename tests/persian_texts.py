"""Persian documents written for the tests (no text copied from any article): a news story with «…»
quotations, a memoir excerpt and a statement, each in the shape such documents have."""

from __future__ import annotations

# A news story: headline, a dateline with a Solar Hijri day, a mother quoted in «…» (speaker before, then a
# pro-drop "او افزود" after), Montazeri's memoirs quoted, a continuation paragraph, a source "به گفته".
NEWS = """خانواده‌های اعدام‌شدگان سال ۶۷ بار دیگر در گورستان خاوران گرد هم آمدند
تهران — ۱۰ شهریور ۱۴۰۲
صدها تن از خانواده‌های زندانیان سیاسی که در تابستان ۱۳۶۷ اعدام شدند، روز جمعه در گورستان خاوران گرد هم آمدند.
مادر یکی از این زندانیان به خبرنگار ما گفت: «ما هنوز نمی‌دانیم فرزندانمان را کجا به خاک سپرده‌اند.»
«سی و پنج سال است که برای یک پاسخ ساده صبر کرده‌ایم»، او افزود.
آیت‌الله حسين‌علی منتظري در خاطرات خود نوشت: «من به آقایان گفتم که این کار در تاریخ به نام ما ثبت خواهد شد.»
«نسل‌های بعد درباره این روزها داوری خواهند کرد و ما پاسخی نخواهیم داشت.»
به گفته ماموران امنیتی، ورود به گورستان تنها برای چند ساعت آزاد بود.
«این دیوارها را هر سال بلندتر می‌کنند.»
"""

# A memoir excerpt: the author's own voice, a doctor quoted by name after the quotation, an unnamed guard.
MEMOIR = """از خاطرات یک زندانی: تابستان ۱۳۶۷

آن روزها در بند ما کسی نمی‌دانست چه در راه است. ملاقات‌ها را قطع کردند و تلویزیون را بردند.

«هر کس نامش خوانده شد، وسایلش را جمع کند»، نگهبانی از پشت در فریاد زد.

دکتر مهدی رستگار که در بهداری زندان کار می‌کرد، بعدها به من گفت: «فهرست‌ها از پیش آماده بود.»

«ما فقط دستور را اجرا می‌کردیم»، یکی از ماموران گفت.

«هیچ‌کس اجازه نداشت با خانواده‌اش خداحافظی کند»، رستگار افزود.
"""

# A statement: an organisation's statement quoted, a lawyer quoted with "به گفته", Montazeri spaced and titled.
STATEMENT = """بیانیه درباره کشتار زندانیان سیاسی

کانون مدافعان حقوق بشر روز دوشنبه در بیانیه‌ای اعلام کرد: «اعدام‌های سال ۱۳۶۷ جنایت علیه بشریت است و باید بررسی شود.»

خانم دکتر شیرین احمدی، وکیل خانواده‌ها، اظهار داشت: «خانواده‌ها حق دارند محل دفن عزیزانشان را بدانند.»

به گفته احمدی، «هیچ دادگاهی تاکنون به این پرونده رسیدگی نکرده است.»

حسین علی منتظری در آن زمان در نامه‌ای به مقامات هشدار داده بود که این اعدام‌ها خلاف قانون است.
"""

# A court story: a lawyer and a former prisoner named with their roles (no title), an unnamed plaintiff, the
# defendant's lawyer unnamed, a ministry spokesman unnamed, a pronoun after a named speaker, «سیاسی» a term.
COURT = open(__file__.replace("persian_texts.py", "data/persian-court.txt"), encoding="utf-8").read()
