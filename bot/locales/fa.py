"""Every user-facing string of the Telegram bot, in Persian (same keys and {parameters} as en.py).

Excerpts are never translated: they are the documents' own English words.
The answer layer's messages (index/answers/messages.py) are keyed "answer.*"; bot/
uses these when present and the English `Answer.message` otherwise.
Parameters holding Latin text are wrapped in Unicode isolates by bot/catalogue.py; a command (/who)
starts with LEFT-TO-RIGHT MARK (\\u200e) so its slash stays on its left, and a line that starts with one
with RIGHT-TO-LEFT MARK (\\u200f) first so that the line reads right to left.
"""

MESSAGES = {
    # the command menu
    "bot.description": "من به پرسش‌ها دربارهٔ {collection} با نقل‌قول‌های عینی از اسناد پاسخ می‌دهم و برای هر یک "
                       "منبع، تاریخ و گوینده‌اش را می‌آورم. سخن منابع را هرگز به بیان خودم بازنویسی نمی‌کنم.\n\n"
                       "\u200e/who، \u200e/quote، \u200e/source را بیازمایید یا چند واژه بنویسید.",
    "bot.short_description": "نقل‌قول‌های عینی و مستند از اسناد دربارهٔ {collection}.",
    "menu.who": "یک شخص کیست، به روایت خود منابع",
    "menu.quote": "نقل‌قول‌های مستقیم از یک شخص یا دربارهٔ یک موضوع",
    "menu.source": "همهٔ اسنادی که این را می‌گویند",
    "menu.docs": "فهرست اسناد",
    "menu.help": "چگونه بپرسیم",
    "menu.reindex": "بازسازی نمایه",
    "menu.stats": "آمار نمایه و ربات",
    "menu.add": "افزودن یک سند از نشانی اینترنتی (یا فرستادن پرونده)",
    "menu.edit": "اصلاح یک فیلد: شناسه فیلد مقدار",
    "menu.remove": "حذف یک سند: شناسه",
    "menu.report": "در پاسخ به یک جواب: گزارش بخشی نادرست",
    "menu.cancel": "توقف آنچه ربات از شما خواسته",
    "menu.reports": "گزارش‌های بازِ خوانندگان",
    # /start, /help and the group introduction
    "start.intro": "من به پرسش‌ها دربارهٔ {collection} با نقل‌قول‌های عینی پاسخ می‌دهم و برای هر یک عنوان، "
                   "ناشر و تاریخ آن را می‌آورم. هرگز سخن منابع را به بیان خودم بازنویسی نمی‌کنم.",
    "start.collection": "{description} ({documents} سند، به زبان {language}.)",
    "start.collection_plain": "{documents} سند.",
    "help.commands": "\u200f\u200e/who نام: یک شخص کیست، به روایت خود منابع\n"
                     "\u200f\u200e/quote نام یا موضوع: نقل‌قول‌های مستقیم\n"
                     "\u200f\u200e/source متن: همهٔ اسنادی که این را می‌گویند\n"
                     "\u200f\u200e/docs: فهرست اسناد (برای گشودن هر سند روی آن بزنید)\n"
                     "یا فقط چند واژه بنویسید تا جست‌وجو کنم. می‌توانید به فارسی بپرسید؛ "
                     "اسناد به انگلیسی‌اند و نقل‌قول‌ها بی‌کم‌وکاست به همان زبان آورده می‌شوند.",
    "help.inline": "در هر گفت‌وگویی، \u200e@{bot}\u200e و چند واژه بنویسید (برای نمونه \u200e@{bot} {example}\u200e) تا بخشی از "
                   "یک سند را هم‌رسانی کنید.",
    "help.groups": "در گروه‌ها نام مرا همراه پرسش بیاورید (\u200e@{bot} رئیسی)، از فرمان‌ها استفاده کنید، یا برای پرسش تکمیلی به یکی از پاسخ‌هایم پاسخ دهید.",
    "button.docs": "📚 اسناد",
    "group.intro": "سلام! من به پرسش‌ها دربارهٔ {collection} با نقل‌قول‌های عینی و مستند پاسخ می‌دهم.\n"
                   "نام مرا همراه پرسش بیاورید (\u200e@{bot} گورهای جمعی)، با \u200e/who نام، \u200e/quote موضوع یا "
                   "\u200e/source واژه‌ها بپرسید، یا به یکی از پاسخ‌هایم پاسخ دهید.",
    "group.mentioned": "پس از نام من چند واژه بنویسید، برای نمونه: \u200e@{bot} گورهای جمعی",
    "default_collection": "یک مجموعهٔ اسناد",
    # no silences
    "unknown.command": "فرمان \u200e/{command}\u200e را نمی‌شناسم. من با نقل‌قول‌های عینی از {collection} پاسخ می‌دهم: "
                       "\u200e/who {name}\u200e یا \u200e/docs\u200e را بیازمایید، یا فقط چند واژه بنویسید. \u200e/help\u200e",
    "unsupported": "من فقط متن را می‌خوانم. با نقل‌قول‌های عینی از {collection} پاسخ می‌دهم: \u200e/who {name}\u200e یا "
                   "\u200e/docs\u200e را بیازمایید، یا برای جست‌وجو چند واژه بنویسید. \u200e/help\u200e",
    # /docs
    "docs.open": "گشودن: \u200e/doc_{number}\u200e",
    "doc.no_number": "سند شمارهٔ {number} وجود ندارد: {count} سند هست. برای فهرست، \u200e/docs\u200e را بفرستید.",
    # answers
    "page.range": "{first} تا {last} از {total}",
    "button.more": "بیشتر »",
    "button.back": "« بازگشت",
    "button.doc": "📄 {number}",
    "hint.language": "اسناد به زبان {language} هستند: واژه‌هایی به {language} را بیازمایید.",
    "result.also_in": "همچنین در: {titles}",
    "result.figures": "رقم‌های داده‌شده: {figures}",
    "result.reworded_in": "همچنین با واژه‌هایی دیگر نقل شده در: {titles}",
    "publisher.unknown": "ناشر نامعلوم",
    "unknown": "نامعلوم",
    # the document card
    "card.publisher": "ناشر: {publisher}",
    "card.publisher_note": "ناشر: {publisher} ({note})",
    "card.date": "تاریخ: {date}",
    "card.date_note": "تاریخ: {date} ({note})",
    "card.link": "متن کامل: {url}",
    "card.link_note": "متن کامل: {url} ({note})",
    "card.no_link": "پیوند عمومی‌ای به این سند شناخته نیست.",
    "card.share": "هم‌رسانی این کارت: {link}",
    "card.archived": "نسخهٔ بایگانی‌شده، SHA-256 {sha256}، دریافت‌شده در {date} (citebot verify آن را می‌سنجد).",
    "card.excerpts": "این مجموعه {count} بخش از این سند را در خود دارد.",
    "card.inferred": "به تأیید مدیر نرسیده است (استنباط‌شده: {fields}).",
    "result.inferred": "استنباط‌شده: {fields}",
    "voice.quotation": "، به نقل از:",
    "voice.speech": "، متن سخنرانی در:",
    "voice.reported_by": "، به روایت {name}",
    "voice.includes": "شامل سخنانی از {whos}.",
    "voice.unresolved": "[{word}: کسی که متن پیش از این بخش نام می‌برد؛ متن پیرامون را ببینید]",
    "result.heading": "(عنوانی از سند، نه جمله‌ای از متن آن.)",
    "button.context": "📖 متن پیرامون",
    "button.read": "📖 خواندن سند",
    "button.cite": "❝ ارجاع",
    "button.report": "⚑ گزارش یک اشکال",
    # a reader's report on an excerpt
    "report.expired": "این دکمه منقضی شده است. لطفاً پرسش خود را دوباره بفرستید.",
    "report.changed": "نمایه از آن زمان تغییر کرده است: لطفاً دوباره بپرسید.",
    "report.which": "کدام بخش نادرست است؟",
    "report.what": "این بخش چه اشکالی دارد؟",
    "report.reason.speaker": "گوینده نادرست است",
    "report.reason.context": "بیرون از بافت",
    "report.reason.source": "تاریخ یا منبع نادرست",
    "report.reason.link": "پیوند خراب",
    "report.reason.other": "دیگر",
    "report.recorded": "سپاس: گزارش #{id} ({reason}) برای مدیران ثبت شد.",
    "report.note_prompt": "برای افزودن توضیح، با یک خط به همین پیام پاسخ دهید (اختیاری).",
    "report.note_added": "سپاس: توضیح شما به گزارش #{id} افزوده شد.",
    "report.how": "برای گزارش یک بخش، به پاسخی از من که آن را نشان می‌دهد با \u200e/report پاسخ دهید (یا ⚑ زیر آن را بزنید).",
    "cancel.nothing": "چیزی برای لغو نیست: منتظر چیزی از شما نیستم.",
    "cancel.field": "لغو شد: {field} پیش‌نویس همان‌گونه که بود می‌ماند.",
    "cancel.note": "لغو شد: گزارش #{id} بدون توضیح همان‌گونه می‌ماند.",
    "help.admin": "فرمان‌های مدیر:\n"
                  "\u200f\u200e/add نشانی، یا فرستادن پرونده: افزودن سند (نخست کارت آن را تأیید می‌کنید)\n"
                  "\u200f\u200e/edit شناسه فیلد مقدار: اصلاح یک فیلد\n"
                  "\u200f\u200e/remove شناسه: حذف یک سند\n"
                  "\u200f\u200e/reindex: بازسازی نمایه\n"
                  "\u200f\u200e/stats: آمار نمایه و ربات\n"
                  "\u200f\u200e/reports: گزارش‌های باز خوانندگان\n"
                  "\u200f\u200e/cancel: توقف آنچه از شما خواسته‌ام",
    "context.title": "{title}، بندهای {first} تا {last} از {total}",
    "button.earlier": "« پیش‌تر",
    "button.later": "پس‌تر »",
    "cite.title": "ارجاع، آمادهٔ رونوشت:",
    "cite.via": "گشودن در citebot: {link}",
    "cite.unquoted": "(سخن گزارش‌شده: سند این واژه‌ها را در گیومه نیاورده است.)",
    # buttons that no longer work
    "button.expired": "این دکمه دیگر کار نمی‌کند. لطفاً پرسش خود را دوباره بفرستید.",
    "button.expired_short": "این دکمه دیگر کار نمی‌کند.",
    "button.foreign": "این دکمه از من نیست یا دیگر کار نمی‌کند.",
    # inline mode
    "inline.hint": "برای جست‌وجو واژه یا نامی بنویسید",
    "inline.via": "گشودن منبع در \u200e@{bot}\u200e",
    "inline.no_match": "هیچ بخشی با «{query}» جور نیست: ربات را بگشایید",
    # flooding
    "flood.button": "لطفاً کمی آهسته‌تر.",
    "flood.notice": "شما در {seconds} ثانیه بیش از {limit} پیام فرستادید، پس آنچه را در {wait} ثانیهٔ آینده "
                    "بفرستید نادیده می‌گیرم. لطفاً پس از آن، پرسش‌هایتان را دوباره بفرستید.",
    "flood.cost": "پاسخ دادن به پرسش‌های اخیر شما زمان زیادی گرفت، پس آنچه را در {wait} ثانیهٔ آینده بفرستید "
                  "نادیده می‌گیرم. لطفاً پس از آن، پرسش‌هایتان را دوباره بفرستید.",
    # admin
    "admin.refuse_reindex": "فقط مدیران ربات می‌توانند نمایه را بازسازی کنند.",
    "admin.refuse_stats": "فقط مدیران ربات می‌توانند آمار را ببینند.",
    "reindex.busy": "بازسازی نمایه هم‌اکنون در جریان است.",
    "reindex.started": "در حال بازسازی نمایه…",
    "reindex.progress": "در حال بازسازی نمایه… {done} از {total} سند",
    "reindex.failed": "بازسازی نمایه ناموفق بود: {error}. نمایهٔ پیشین همچنان پاسخ می‌دهد.",
    "stats": "نمایهٔ {generation}: {megabytes:.1f} مگابایت، {documents} سند، {passages} بند، {quotes} نقل‌قول، "
             "{people} شخص.\nزمان کارکرد {hours} ساعت و {minutes} دقیقه؛ {served} پرسش پاسخ داده شد.",
    "stats.worker": "پردازشگر {worker}؛ وضعیت حافظهٔ مشترک: {health}.",
    "stats.unopened": "نسل تازه‌تری از نمایه اینجا باز نشد ({problem})؛ همین نسل به پاسخ‌دادن ادامه می‌دهد.",
    "reindex.done": "{documents} سند نمایه شد: {passages} بند، {quotes} نقل‌قول و {people} شخص در {seconds:.1f} ثانیه "
                    "(نسل {generation}).",
    "reindex.skipped": "{count} پرونده کنار گذاشته شد:",
    "reindex.check_one": "نمایه ساخته شد، ولی {count} مدخل فهرست منابع را بررسی کنید:",
    "reindex.check": "نمایه ساخته شد، ولی {count} مدخل فهرست منابع را بررسی کنید:",
    "health.memory": "در همین فرایند (یک پردازشگر)",
    "health.redis_ok": "ردیس سالم است، {ms:.1f} میلی‌ثانیه؛ {workers} پردازشگر فعال",
    "health.redis_down": "ردیس از دسترس خارج است ({error})؛ این پردازشگر از حافظهٔ خودش پاسخ می‌دهد",
    # admins grow the collection: a draft card, then confirm, edit a field or cancel
    "admin.refuse_change": "فقط مدیران ربات می‌توانند سندی بیفزایند یا تغییر دهند.",
    "admin.refuse_reports": "فقط مدیران ربات می‌توانند گزارش‌ها را ببینند.",
    "admin.refuse_resolve": "فقط مدیران ربات می‌توانند گزارش‌ها را رسیدگی‌شده اعلام کنند.",
    "add.usage": "یک پرونده با پسوند \u200e.pdf\u200e، \u200e.html\u200e، \u200e.txt\u200e یا \u200e.md\u200e برایم بفرستید، "
                 "یا \u200e/add https://…\u200e",
    "add.wrong_type": "افزوده نشد: {name} پرونده‌ای با پسوند \u200e.pdf\u200e، \u200e.html\u200e، \u200e.txt\u200e یا "
                      "\u200e.md\u200e نیست.",
    "add.too_large": "افزوده نشد: حجم {name} {size:.1f} مگابایت است و سقف مجاز {limit:.0f} مگابایت.",
    "add.too_large_unknown": "افزوده نشد: حجم {name} از سقف مجاز {limit:.0f} مگابایت بیشتر است.",
    "add.reading": "در حال خواندن…",
    "add.failed": "افزوده نشد: {error}.",
    "add.done": "افزوده شد، {id}: {title} · {publisher} · {date}.",
    "field.title": "عنوان",
    "field.publisher": "ناشر",
    "field.date": "تاریخ",
    "field.url": "نشانی اینترنتی",
    "field.kind": "نوع",
    "field.id": "شناسه",
    "field.date_note": "دربارهٔ تاریخ",
    "field.publisher_note": "دربارهٔ ناشر",
    "field.author": "نویسنده",
    "field.url_note": "دربارهٔ نشانی",
    "field.short_title": "عنوان کوتاه",
    "field.file": "پرونده",
    "field.original": "نسخهٔ اصلی",
    "field.metadata": "مشخصات",
    "ask.title": "عنوان را بفرستید.",
    "ask.publisher": "نام ناشر را بفرستید (یا «نامعلوم»).",
    "ask.date": "تاریخ را به میلادی بفرستید: \u200eYYYY-MM-DD\u200e، \u200eYYYY-MM\u200e یا \u200eYYYY\u200e (یا «نامعلوم»).",
    "ask.url": "نشانی اینترنتی را بفرستید (\u200ehttp://\u200e یا \u200ehttps://\u200e)، یا «نامعلوم».",
    "ask.kind": "نوع سند را بفرستید، یکی از این‌ها: {kinds}.",
    "draft.title": "{new} {id} از {source}",
    "draft.new": "سند تازه",
    "draft.inferred": "(استنباط‌شده)",
    "draft.unknown": "(نامعلوم)",
    "draft.found": "یافته‌ها: {passages}، {quotes}، {people}.",
    "count.passages_one": "{count} بند",
    "count.passages": "{count} بند",
    "count.quotes_one": "{count} نقل‌قول",
    "count.quotes": "{count} نقل‌قول",
    "count.people_one": "{count} شخص",
    "count.people": "{count} شخص",
    "draft.similar": "⚠️ شبیه به {id} ({title}): {share:.0%} از این متن در آن هست.",
    "draft.unsaved": "تا تأیید نکنید، چیزی ذخیره نمی‌شود.",
    "draft.furniture": "به‌عنوان حاشیهٔ صفحه کنار گذاشته شد: {lines}.",
    "draft.inferred_from": "(استنباط‌شده از {how})",
    "draft.damaged_quotes": "⚠️ متن {marks} علامت نقل‌قول دارد ولی هیچ نقل‌قولی در آن پیدا نشد: ممکن است متن آسیب دیده باشد.",
    "draft.damaged_paragraph": "⚠️ یک بند {chars} نویسه دارد: شاید سطرها به هم چسبیده باشند.",
    "draft.damaged_lines": "⚠️ {short} بند از {total} بند سطرهای کوتاه‌اند: شاید منو یا فهرست مطالب در متن آمده باشد.",
    "draft.expired": "این پیش‌نویس دیگر در دسترس نیست: پرونده یا نشانی را دوباره بفرستید.",
    "draft.cancelled": "لغو شد: {title} افزوده نشد.",
    "draft.invalid": "تغییر نکرد: {error}. دوباره بفرستید.",
    "precision.day": "روز",
    "precision.month": "ماه",
    "precision.year": "سال",
    "button.confirm": "✅ تأیید",
    "button.cancel": "✖️ لغو",
    # /edit and /remove
    "edit.usage": "کاربرد: \u200e/edit\u200e شناسه فیلد مقدار؛ فیلد یکی از این‌ها: {fields}.",
    "edit.failed": "تغییر نکرد: {error}.",
    "edit.done": "{id}: {field} اکنون «{value}» است.",
    "remove.usage": "کاربرد: \u200e/remove\u200e شناسه (شناسه‌ها را در \u200e/docs\u200e ببینید).",
    "remove.failed": "حذف نشد: {error}.",
    "remove.ask": "{id} ({title}) از مجموعه حذف شود؟ از آن پس بخش‌هایش در پاسخ‌ها نمی‌آیند.",
    "button.remove": "🗑 حذف",
    "button.keep": "نگهش دار",
    "remove.kept": "{id} نگه داشته شد.",
    "remove.done": "{id} حذف شد.",
    # readers' reports, for admins: /reports, the notice, /stats
    "reports.none": "هیچ گزارش بازی نیست.",
    "reports.in_private": "گزارش‌های باز را در گفت‌وگوی خصوصی برایتان فرستادم: یادداشت‌های خوانندگان در گروه‌ها نمی‌آیند.",
    "reports.open_private": "گزارش‌های خوانندگان فقط در گفت‌وگوی خصوصی نشان داده می‌شوند: گفت‌وگویی با \u200e@{bot}\u200e "
                            "بگشایید، Start را بزنید و آنجا /reports را بفرستید.",
    "reports.count_one": "{count} گزارش باز، تازه‌ترین نخست:",
    "reports.count": "{count} گزارش باز، تازه‌ترین نخست:",
    "reports.title": "گزارش #{id}",
    "reports.note": "توضیح: «{note}»",
    "reports.where": "سند {doc} [{start}:{end}]، نسل {generation}",
    "reports.asked": "پرسش: {question}",
    "button.resolve": "✓ رسیدگی شد",
    "button.open_doc": "📄 گشودن سند",
    "reports.gone": "پیش‌تر به آن رسیدگی شده، یا چنین گزارشی نیست.",
    "reports.resolved": "به گزارش #{id} رسیدگی شد.",
    "reports.resolved_by": "به گزارش #{id} رسیدگی شد (به دست {who}).",
    "reports.notice_one": "{count} گزارش تازه از خوانندگان:",
    "reports.notice": "{count} گزارش تازه از خوانندگان:",
    "reports.notice_item": "• #{id} {reason} در {doc}",
    "reports.notice_open": "برای دیدنشان \u200e/reports\u200e را بفرستید.",
    "audit.open": "گزارش‌های باز خوانندگان: {count}.",
    "audit.recent": "تازه‌ترین کارهای مدیران",
    "audit.none": "هنوز هیچ کار مدیریتی‌ای ثبت نشده است.",
    "audit.add": "افزودن",
    "audit.edit": "اصلاح",
    "audit.remove": "حذف",
    "audit.reindex": "بازسازی نمایه",
    "audit.resolve": "رسیدگی",
    "date.unknown": "تاریخ نامعلوم",
    # `citebot chat`
    "chat.intro": "همان‌گونه که در تلگرام می‌پرسید، بپرسید (\u200e/help\u200e برای فرمان‌ها، \u200eCtrl-D\u200e برای خروج).",
    "chat.building": "هنوز نمایه‌ای نیست: نخست آن را از اسناد می‌سازم.",
    "chat.more": "۱ تا {last} از {total}. برای بقیه «بیشتر» را بنویسید.",
    # errors
    "error": "متأسفم، خطایی رخ داد. لطفاً دوباره تلاش کنید.",
    # why the index refused a file, a URL or a field (index/refusals.py), keyed "refusal.*"
    "refusal.unknown_field": "فیلد ناشناخته «{field}»: یکی از این‌ها را بفرستید: {fields}",
    "refusal.empty_field": "{field} نمی‌تواند خالی باشد",
    "refusal.bad_id": "«{value}» شناسه نیست: فقط حروف کوچک لاتین، رقم و خط تیره (حداکثر ۴۰)",
    "refusal.not_a_date": "«{value}» تاریخ نیست: به صورت \u200eYYYY-MM-DD\u200e، \u200eYYYY-MM\u200e یا \u200eYYYY\u200e بنویسید (یا «نامعلوم»)",
    "refusal.not_a_url": "«{value}» نشانی اینترنتی نیست (\u200ehttp://\u200e یا \u200ehttps://\u200e)",
    "refusal.kind": "نوع باید یکی از این‌ها باشد: {kinds}",
    "refusal.too_long": "{field} بیش از حد بلند است ({length} نویسه؛ حداکثر ۳۰۰)",
    "refusal.file_type": "نوع پروندهٔ «{suffix}» پشتیبانی نمی‌شود",
    "refusal.duplicate_file": "تکراری: این پرونده با شناسهٔ {id} در مجموعه هست",
    "refusal.no_document": "سندی با شناسهٔ «{id}» در مجموعه نیست",
    "refusal.no_document_ids": "سندی با شناسهٔ «{id}» در مجموعه نیست (شناسه‌ها را در \u200e/docs\u200e ببینید)",
    "refusal.bundled": "{id} از اسناد همراه برنامه است (\u200ecorpus/\u200e): آن را در \u200ecorpus/sources.yaml\u200e روی "
                       "سرور تغییر دهید",
    "refusal.send_file_type": "نوع پروندهٔ «{suffix}» پشتیبانی نمی‌شود: پرونده‌ای با پسوند \u200e.pdf\u200e، \u200e.html\u200e، "
                              "\u200e.txt\u200e یا \u200e.md\u200e بفرستید",
    "refusal.too_large": "بیش از حد بزرگ است ({size:.1f} مگابایت؛ سقف مجاز {limit:.0f} مگابایت)",
    "refusal.duplicate": "تکراری: این متن با شناسهٔ {id} ({title}) در مجموعه هست",
    "refusal.empty": "پرونده خالی است",
    "refusal.binary": "پروندهٔ دودویی است، نه متن",
    "refusal.no_text": "متنی یافت نشد",
    "refusal.no_main_text": "متنی یافت نشد (صفحه متن اصلی ندارد، فقط منو، پیوند یا اسکریپت)",
    "refusal.encrypted_pdf": "پی‌دی‌اف رمزگذاری‌شده است (با گذرواژه): نسخه‌ای بی‌رمز بفرستید",
    "refusal.unreadable_pdf": "پی‌دی‌اف خوانا نیست ({problem})",
    "refusal.no_text_layer": "پی‌دی‌اف لایهٔ متنی ندارد (تصویر اسکن‌شده؟)",
    "refusal.parse_cpu": "خواندن این {kind} بیش از {seconds} ثانیه زمان پردازنده گرفت",
    "refusal.parse_timeout": "خواندن این {kind} بیش از {seconds} ثانیه طول کشید",
    "refusal.parse_memory": "خواندن این {kind} بیش از {megabytes} مگابایت حافظه می‌خواست",
    "refusal.parse_crash": "خواننده روی این {kind} از کار افتاد (کد خروج {code}؛ شاید بیش از {megabytes} مگابایت حافظه لازم داشت)",
    "refusal.parse_nested": "این {kind} برای خواندن بیش از حد تودرتو است (گراف اشیای عمیق)",
    "refusal.parse_limit": "این {kind} از یکی از سقف‌های ایمنی خواننده‌اش فراتر می‌رود ({problem})",
    "refusal.parse_encoding": "متن این {kind} رمزگشایی نمی‌شود",
    "refusal.parse_failed": "این {kind} خوانده نشد ({problem})",
    "refusal.timeout": "{host} در {seconds:.0f} ثانیه پاسخ نداد",
    "refusal.unreachable": "دسترسی به {host} ممکن نشد ({problem})",
    "refusal.redirects": "تغییر مسیرهای بیش از حد (بیش از {count})",
    "refusal.not_web": "نشانی اینترنتی نیست: «{url}» (فقط \u200ehttp://\u200e یا \u200ehttps://\u200e)",
    "refusal.unknown_host": "میزبان ناشناخته: {host}",
    "refusal.private_address": "{host} نشانی خصوصی، محلی یا درون‌شبکه‌ای است ({address}): پذیرفته نشد",
    "refusal.http_status": "{host} با کد {status} {reason} پاسخ داد",
    "refusal.content_type": "نوع محتوای «{kind}» پشتیبانی نمی‌شود: فقط صفحهٔ وب، متن و پی‌دی‌اف",
    "refusal.too_large_download": "بیش از حد بزرگ است (بیش از {limit:.0f} مگابایت)",
    "refusal.slow": "{host} بیش از حد کند است (بارگیری روی هم بیش از {seconds:.0f} ثانیه طول کشید)",
    "refusal.redirect_loop": "تغییر مسیر چرخشی (بازگشت به {url})",
    "refusal.encoding": "{host} صفحه را با رمزگذاری‌ای فرستاد که citebot نمی‌خواند ({encoding})",
    "refusal.bad_encoding": "{host} جریان {encoding} خرابی فرستاد",
    "refusal.too_large_decoded": "{host} پس از بازگشایی فشرده‌سازی بیش از {limit:.0f} مگابایت فرستاد (بمب فشرده‌سازی؟)",
    "refusal.empty_page": "{host} صفحه‌ای خالی فرستاد",
    # the answer layer's messages (index/answers/messages.py), keyed "answer.*"
    "answer.help": "دربارهٔ اسناد بپرسید و نقل‌قول‌های عینی را همراه با منبعشان دریافت کنید.\n"
                   "\u200f\u200e/who نام: یک شخص کیست، به روایت خود منابع\n"
                   "\u200f\u200e/quote نام یا موضوع: نقل‌قول‌های مستقیم\n"
                   "\u200f\u200e/source متن: همهٔ اسنادی که این را می‌گویند\n"
                   "\u200f\u200e/docs: فهرست اسناد؛ \u200e/doc شناسه: یک سند\n"
                   "یا فقط چند واژه بنویسید تا جست‌وجو کنم.",
    "answer.unknown_command": "فرمان \u200e/{command}\u200e را نمی‌شناسم. برای دیدن آنچه از من برمی‌آید، "
                              "\u200e/help\u200e را بفرستید.",
    "answer.limit": "(فقط {limit} نویسهٔ نخست پیام شما به کار رفت.)",
    "answer.closest": "نمایش {name} (نزدیک‌ترین به «{typed}»).",
    "answer.who.everyone": "اشخاصی که در منابع نامشان آمده است، به ترتیب شمار اسنادی که از آنان یاد می‌کنند:",
    "answer.who.found": "{name}، به روایت خود منابع.",
    "answer.who.documents_one": "نامش در یک سند آمده است.",
    "answer.who.documents": "نامش در {count} سند آمده است.",
    "answer.who.aliases": "به این صورت‌ها نیز نوشته شده است: {aliases}.",
    "answer.who.none": "در منابع از کسی به نام «{name}» یاد نشده است.",
    "answer.who.several": "«{name}» ممکن است چند نفر باشد: {names}. کدام یک؟ نام کامل را بفرستید.",
    "answer.did_you_mean": "آیا منظورتان {names} بود؟",
    "answer.title.one": "«{title}» به معنای {name} خوانده شد: منابع این عنوان را به {name} می‌دهند.",
    "answer.title.several": "منابع عنوان «{title}» را به چند نفر می‌دهند: {names}.",
    "answer.title.choose": "هر گزیدهٔ زیر نشان می‌دهد کجا. کدام یک؟ \u200e/{command}\u200e را با نام کامل بفرستید.",
    "answer.see_who": "برای دیدن همهٔ کسانی که منابع نام می‌برند، \u200e/who\u200e را بفرستید.",
    "answer.quote.ask": "سخنان چه کسی، یا دربارهٔ چه؟ برای نمونه \u200e/quote Montazeri\u200e یا "
                        "\u200e/quote mass graves\u200e را بیازمایید.",
    "answer.quote.of": "نقل‌قول‌های مستقیم از {name}:",
    "answer.quote.none_of": "در منابع هیچ نقل‌قول مستقیمی از {name} نیست. برای آنچه منابع دربارهٔ او می‌گویند، "
                            "\u200e/who {name}\u200e را بیازمایید.",
    "answer.quote.of_about": "نقل‌قول‌های مستقیم از {name} دربارهٔ «{topic}»:",
    "answer.quote.none_of_about": "در منابع هیچ نقل‌قول مستقیمی از {name} دربارهٔ «{topic}» نیست. برای همهٔ سخنانش "
                                  "\u200e/quote {name}\u200e را بیازمایید.",
    "answer.read_as": "به صورت \u200e{command}\u200e خوانده شد.",
    "answer.read_as_about": "به صورت \u200e{command}\u200e خوانده شد، با نقل‌قول‌هایی که دربارهٔ «{topic}» است.",
    "answer.search.scaffolding": "این واژه‌های پرسشی از جست‌وجو کنار گذاشته شدند: {words}.",
    "answer.quote.about": "نقل‌قول‌های مستقیم دربارهٔ «{topic}»:",
    "answer.quote.none_about": "در منابع هیچ نقل‌قول مستقیمی دربارهٔ «{topic}» نیست.",
    "answer.docs": "{count} سند در این مجموعه، به ترتیب تاریخ (قدیمی‌ترین نخست):",
    "answer.doc": "{title}",
    "answer.doc.none": "سندی با شناسهٔ «{id}» وجود ندارد.",
    "answer.see_docs": "برای فهرست، \u200e/docs\u200e را بفرستید.",
    "answer.search.ask": "چند واژه برای جست‌وجو بفرستید، یا \u200e/help\u200e.",
    "answer.search.found": "بخش‌هایی از اسناد برای «{query}»:",
    "answer.search.found_first_one": "بخش‌هایی از اسناد برای «{query}»: نخستین، همهٔ واژه‌ها را دارد و بقیه تنها برخی را.",
    "answer.search.found_first": "بخش‌هایی از اسناد برای «{query}»: {count} مورد نخست همهٔ واژه‌ها را دارند و بقیه تنها برخی را.",
    "answer.search.no_full": "هیچ بخشی همهٔ واژه‌های «{query}» را ندارد.",
    "answer.search.some": "بخش‌هایی که برخی از آن‌ها را دارند:",
    "answer.search.common": "«{query}» تنها واژه‌هایی دارد که برای جست‌وجو بیش از حد رایج‌اند (مانند «the» یا «of»). "
                            "واژه‌ای کمیاب‌تر بیفزایید، یا \u200e/help\u200e را بفرستید.",
    "answer.chatter": "سلام! چند واژه بفرستید تا با نقل‌قول‌های عینی از اسناد، همراه با منبعشان، پاسخ دهم. "
                      "برای نمونه: mass graves. برای راهنمایی \u200e/help\u200e را بفرستید.",
    "answer.no_mention": "هیچ سندی از {words} نام نمی‌برد.",
    "answer.search.none": "هیچ بخشی از منابع با «{query}» جور نیست.",
    "answer.search.absent": "اسناد «{query}» را با این واژه‌ها نمی‌گویند.",
    "answer.search.closest_one": "نزدیک‌ترین بخش، که تنها برخی از واژه‌ها را دارد، در زیر آمده است. "
                                 "برای دیدن همهٔ بخش‌ها \u200e{command}\u200e را بفرستید.",
    "answer.search.closest": "{count} بخشِ نزدیک‌تر، که تنها برخی از واژه‌ها را دارند، در زیر آمده‌اند. "
                             "برای دیدن همهٔ بخش‌ها \u200e{command}\u200e را بفرستید.",
    "answer.figures.found": "رقم‌هایی که اسناد برای «{query}» می‌دهند، هر یک در زیر با منبع، تاریخ و گوینده‌اش، کنار هم "
                            "(جمع زده نشده‌اند و هیچ‌کدام برگزیده نشده): {figures}.",
    "answer.search.closest_one_long": "نزدیک‌ترین بخش، که تنها برخی از واژه‌ها را دارد، در زیر آمده است. "
                                      "برای دیدن همهٔ بخش‌ها \u200e/search\u200e و واژه‌های خود را بفرستید.",
    "answer.search.closest_long": "{count} بخشِ نزدیک‌تر، که تنها برخی از واژه‌ها را دارند، در زیر آمده‌اند. "
                                  "برای دیدن همهٔ بخش‌ها \u200e/search\u200e و واژه‌های خود را بفرستید.",
    "answer.persian.sense": "«{word}» به معنای «{sense}» خوانده شد، معنایی که اسناد بیش از همه با دیگر واژه‌ها به کار "
                            "می‌برند (معناهای دیگر: {others}).",
    "answer.persian.sense_none": "«{word}» می‌تواند به معنای {senses} باشد: هیچ بخشی هیچ‌یک از آن‌ها را با دیگر "
                                 "واژه‌ها ندارد (به معنای «{sense}» جست‌وجو شد).",
    "answer.words.near": "هیچ سندی «{typed}» را به کار نمی‌برد؛ اسناد {near} دارند.",
    "answer.words.not_used": "هیچ سندی «{typed}» را به کار نمی‌برد.",
    "answer.words.written": "به شکلی که اسناد می‌نویسند هم جست‌وجو شد: {words}.",
    "answer.words.related": "واژه‌های هم‌معنا هم جست‌وجو شد: {words}.",
    "answer.words.negation": "واژه‌های منفی (به معنای عکس، نه همان واژه) هم جست‌وجو شد: {words}.",
    "answer.source.ask": "کدام واژه‌ها؟ برای نمونه \u200e/source refrigerated trucks\u200e را بیازمایید.",
    "answer.source.none": "هیچ سندی «{text}» را نمی‌گوید.",
    "answer.source.common": "«{text}» تنها واژه‌هایی دارد که برای جست‌وجو بیش از حد رایج‌اند (مانند «the» یا «of»). "
                            "واژه‌ای کمیاب‌تر بیفزایید.",
    "answer.source.says_one": "۱ سند «{text}» را می‌گوید؛ به ترتیب از قدیمی‌ترین:",
    "answer.source.says": "{total} سند «{text}» را می‌گویند؛ به ترتیب از قدیمی‌ترین:",
    "answer.source.says_some": "{shown} از {total} سند «{text}» را می‌گویند؛ به ترتیب از قدیمی‌ترین:",
    "answer.source.forms_one": "۱ سند «{text}» را تنها با صورت‌های دیگر واژه‌ها (نه عیناً) می‌گوید؛ به ترتیب از قدیمی‌ترین:",
    "answer.source.forms": "{total} سند «{text}» را تنها با صورت‌های دیگر واژه‌ها (نه عیناً) می‌گویند؛ "
                           "به ترتیب از قدیمی‌ترین:",
    "answer.source.forms_some": "{shown} از {total} سند «{text}» را تنها با صورت‌های دیگر واژه‌ها (نه عیناً) می‌گویند؛ "
                                "به ترتیب از قدیمی‌ترین:",
    "answer.source.all_one": "۱ سند همهٔ واژه‌های «{text}» را به کار می‌برد، نه پشت سر هم؛ به ترتیب از قدیمی‌ترین:",
    "answer.source.all": "{total} سند همهٔ واژه‌های «{text}» را به کار می‌برند، نه پشت سر هم؛ به ترتیب از قدیمی‌ترین:",
    "answer.source.all_some": "{shown} از {total} سند همهٔ واژه‌های «{text}» را به کار می‌برند، نه پشت سر هم؛ "
                              "به ترتیب از قدیمی‌ترین:",
    "answer.source.written": "اسناد {numbers} را به صورت {forms} نوشته‌اند.",
    "answer.source.written_some": "برخی از اسناد {numbers} را به صورت {forms} نوشته‌اند.",
    "answer.read.searched": "جست‌وجو شد برای: {terms}.",
    "answer.read.number": "«{words}» به صورت {number} خوانده شد.",
    "answer.read.hijri": "{year} سال خورشیدی خوانده شد (از مارس {start} تا مارس {end}).",
    "answer.read.hijri_month": "{date} تاریخ خورشیدی خوانده شد: {months} {years}.",
    "answer.persian.searched": "جست‌وجو شد برای: {terms}.",
    "answer.persian.searched_more": "جست‌وجو شد برای: {terms} و واژه‌های دیگر.",
    "answer.persian.no_one": "در منابع، که نام‌ها را با حروف لاتین می‌نویسند، از کسی به نام «{query}» یاد نشده است.",
    "answer.persian.nothing": "در منابع، که نام‌ها را با حروف لاتین می‌نویسند، چیزی با «{query}» جور نیست.",
    "answer.persian.english": "اسناد به زبان انگلیسی‌اند: واژه‌های انگلیسی را بیازمایید، برای نمونه {words}.",
}
