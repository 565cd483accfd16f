"""Texts the rules write for people, in every language zairyu speaks (ja, en, ru, uk).

One catalogue per area (deadline explanations here, assessment texts in :mod:`zairyu.rules.texts`):
each message is keyed by an id and holds one ``str.format`` template per language. :func:`render`
fills a template in all four languages at once and returns a :class:`Texts`; parts of one explanation
are joined with ``+`` (Japanese without spaces, the others with one).

Parameters are the same in every language (ISO dates, numbers, the Japanese name of a holiday) except
two kinds, which are written per language: a :class:`~zairyu.duration.Duration` (a period in words)
and a ``dict`` giving the value per language (a status's names: :func:`status_names`).

Deadlines stored before ru/uk existed keep only ja/en: :func:`localize` reads such an English
explanation back into its messages and writes it in Russian or Ukrainian (the same templates, read
the other way).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from functools import cache
from typing import Any

from zairyu.duration import Duration
from zairyu.glossary import STATUSES

LANGS: tuple[str, ...] = ("ja", "en", "ru", "uk")
Catalogue = Mapping[str, Mapping[str, str]]

_PLURALS: dict[str, dict[str, tuple[str, str, str]]] = {
    "ru": {"year": ("год", "года", "лет"), "month": ("месяц", "месяца", "месяцев"), "day": ("день", "дня", "дней")},
    "uk": {"year": ("рік", "роки", "років"), "month": ("місяць", "місяці", "місяців"), "day": ("день", "дні", "днів")},
}


def plural(n: int, unit: str, lang: str) -> str:
    """``n`` units in Russian or Ukrainian: 1 год, 2 года, 5 лет; 1 рік, 3 роки, 11 років."""
    one, few, many = _PLURALS[lang][unit]
    if n % 10 == 1 and n % 100 != 11:
        word = one
    elif 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
        word = few
    else:
        word = many
    return f"{n} {word}"


def describe_period(period: Duration, lang: str) -> str:
    """A period in words: 1年3月 / 1 year 3 months / 1 год 3 месяца / 1 рік 3 місяці."""
    if lang in _PLURALS:
        parts = [plural(n, unit, lang) for n, unit in ((period.years, "year"), (period.months, "month"),
                                                         (period.days, "day")) if n]
        return " ".join(parts) or plural(0, "day", lang)
    return period.describe(lang)


def status_names(code: str, name_ja: str | None = None, name_en: str | None = None) -> dict[str, str]:
    """A status's name per language: the law's own ja/en names (they change over time, so the caller
    passes the ones in force), ru/uk from the one glossary (:mod:`zairyu.glossary`)."""
    e = STATUSES.get(code, {})
    ja, en = name_ja or e.get("ja") or code, name_en or e.get("en") or code
    return {"ja": ja, "en": en, "ru": e.get("ru") or en, "uk": e.get("uk") or en}


_CLOSED_DAYS: dict[str, tuple[str, str]] = {  # ru, uk; the Japanese name is what closed_reason() gives
    "土曜日": ("суббота", "субота"),
    "日曜日": ("воскресенье", "неділя"),
    "年末年始（12月29日〜1月3日）": ("новогодние праздники, 29 декабря — 3 января",
                             "новорічні свята, 29 грудня — 3 січня"),
    "元日": ("Новый год", "Новий рік"),
    "成人の日": ("День совершеннолетия", "День повноліття"),
    "建国記念の日": ("День основания государства", "День заснування держави"),
    "天皇誕生日": ("День рождения императора", "День народження імператора"),
    "春分の日": ("День весеннего равноденствия", "День весняного рівнодення"),
    "昭和の日": ("День Сёва", "День Сьова"),
    "憲法記念日": ("День конституции", "День конституції"),
    "みどりの日": ("День зелени", "День зелені"),
    "こどもの日": ("День детей", "День дітей"),
    "海の日": ("День моря", "День моря"),
    "山の日": ("День гор", "День гір"),
    "敬老の日": ("День почитания старших", "День шанування старших"),
    "秋分の日": ("День осеннего равноденствия", "День осіннього рівнодення"),
    "体育の日": ("День физкультуры", "День фізкультури"),
    "スポーツの日": ("День спорта", "День спорту"),
    "文化の日": ("День культуры", "День культури"),
    "勤労感謝の日": ("День благодарности труду", "День подяки праці"),
    "振替休日": ("перенесённый выходной", "перенесений вихідний"),
    "国民の休日": ("государственный выходной", "державний вихідний"),
    "天皇の即位の日": ("День восшествия императора на престол", "День сходження імператора на престол"),
    "即位礼正殿の儀が行われる日": ("День церемонии интронизации", "День церемонії інтронізації"),
}


def closed_day_names(reason: str | None) -> dict[str, str]:
    """Why offices are closed, per language (the ``reason`` parameter): ja and en keep the Japanese name
    that :func:`zairyu.calendar.admin_days.closed_reason` gives; ru and uk name the day in words."""
    ja = reason or ""
    ru, uk = _CLOSED_DAYS.get(ja, (ja, ja))
    return {"ja": ja, "en": ja, "ru": ru, "uk": uk}


class Texts(dict[str, str]):
    """One text in every language: ``{"ja": ..., "en": ..., "ru": ..., "uk": ...}``."""

    def __add__(self, other: Mapping[str, str]) -> Texts:
        out = Texts()
        for lang in LANGS:
            a, b = self.get(lang, ""), other.get(lang, "")
            out[lang] = a + b if lang == "ja" or not a or not b else f"{a} {b}"
        return out

    def get_lang(self, lang: str) -> str:
        """The text in ``lang``; English where the text has none."""
        return self.get(lang) or self.get("en", "")


EMPTY = Texts({lang: "" for lang in LANGS})


def _value(v: Any, lang: str) -> Any:
    if isinstance(v, Duration):
        return describe_period(v, lang)
    if isinstance(v, Mapping):
        return v.get(lang) or v.get("en", "")
    return v


_FIXED: dict[tuple[int, str], Texts] = {}
_PLAIN: dict[tuple[Any, ...], Texts] = {}


def render(catalogue: Catalogue, key: str, **params: Any) -> Texts:
    """Message ``key`` in every language, its ``{name}`` fields filled from ``params``.

    The result may be shared (a message is written once for the same plain values): combine texts with
    ``+``, which makes a new one, never by changing one in place."""
    entry = catalogue[key]
    if not params:
        cached = _FIXED.get((id(catalogue), key))
        if cached is None:
            cached = _FIXED[(id(catalogue), key)] = Texts({lang: entry[lang].format() for lang in LANGS})
        return cached
    if all(type(v) in (str, int) for v in params.values()):  # the same value in every language
        ck = (id(catalogue), key, *params.items())
        cached = _PLAIN.get(ck)
        if cached is None:
            if len(_PLAIN) > 8192:
                _PLAIN.clear()
            cached = _PLAIN[ck] = Texts({lang: entry[lang].format(**params) for lang in LANGS})
        return cached
    return Texts({lang: render_in(catalogue, key, lang, **params) for lang in LANGS})


def render_in(catalogue: Catalogue, key: str, lang: str, **params: Any) -> str:
    """Message ``key`` in one language."""
    return catalogue[key][lang].format(**{k: _value(v, lang) for k, v in params.items()})


# --------------------------------------------------------------------------------------------------
# deadline explanations (zairyu.calendar.deadlines / obligations)
# --------------------------------------------------------------------------------------------------

DEADLINE_TEXTS: dict[str, dict[str, str]] = {
    # the stay: expiry, filing window, special period (ICRRA Arts. 20(6), 21; Ordinance Art. 21(1))
    "expiry_of_stay": {
        "ja": "在留期間の満了日は{exp}です（この日の終わりまで在留できます）。行政機関の休日でも満了日は動きません。",
        "en": "Your period of stay ends at the end of {exp}. It does not move when that day is an administrative "
              "holiday.",
        "ru": "Ваш срок пребывания заканчивается в конце дня {exp}. Эта дата не переносится, даже если этот день — "
              "нерабочий день государственных органов.",
        "uk": "Ваш строк перебування закінчується наприкінці дня {exp}. Ця дата не переноситься, навіть якщо цей "
              "день — неробочий день державних органів.",
    },
    "sp_none_short": {
        "ja": "在留期間が30日以下（{period}）のため、申請中でも特例期間はありません（入管法20条6項括弧書）。"
              "満了日{exp}までに処分がなければ出国が必要です。",
        "en": "Your period of stay is 30 days or less ({period}), so there is no special period (ICRRA Art. 20(6)): "
              "without a decision by {exp} you must leave.",
        "ru": "Ваш срок пребывания — 30 дней или меньше ({period}), поэтому особого периода нет (ICRRA, ст. 20(6)): "
              "если решение не будет принято до {exp}, вы должны выехать.",
        "uk": "Ваш строк перебування — 30 днів або менше ({period}), тому особливого періоду немає (ICRRA, ст. 20(6)): "
              "якщо рішення не буде ухвалено до {exp}, ви маєте виїхати.",
    },
    "sp_none_late": {
        "ja": "申請日{filed}は申請期限（{last}）の後のため、特例期間はありません。",
        "en": "The application was filed on {filed}, after the last filing day {last}: no special period.",
        "ru": "Заявление подано {filed}, после последнего дня подачи {last}: особого периода нет.",
        "uk": "Заяву подано {filed}, після останнього дня подання {last}: особливого періоду немає.",
    },
    "sp_none_pr": {
        "ja": "永住許可・在留資格取得の申請には特例期間がありません（入管法22条・22条の2）。在留期限までに更新申請も必要です。",  # noqa: E501
        "en": "A pending permanent-residence or acquisition application gives no special period (ICRRA Arts. 22, "
              "22-2): keep your status by filing an extension before expiry too.",
        "ru": "Поданное заявление на постоянное проживание или на получение статуса не даёт особого периода "
              "(ICRRA, ст. 22, 22-2): чтобы сохранить статус, подайте также на продление до окончания срока.",
        "uk": "Подана заява на постійне проживання або на набуття статусу не дає особливого періоду "
              "(ICRRA, ст. 22, 22-2): щоб зберегти статус, подайте також на продовження до закінчення строку.",
    },
    "earliest_filing_day": {
        "ja": "在留期間が6か月以上のため、更新・変更申請は満了日の概ね3か月前（{earliest}）から受け付けられます。",
        "en": "Your period of stay is 6 months or more, so an extension or change application is accepted from "
              "about 3 months before expiry ({earliest}).",
        "ru": "Ваш срок пребывания — 6 месяцев или больше, поэтому заявления о продлении срока или изменении "
              "статуса принимаются примерно за 3 месяца до окончания срока ({earliest}).",
        "uk": "Ваш строк перебування — 6 місяців або більше, тому заяви про продовження строку або зміну статусу "
              "приймаються приблизно за 3 місяці до закінчення строку ({earliest}).",
    },
    "earliest_closed": {
        "ja": "この日は休日のため、実際に窓口で申請できるのは{open}からです。",
        "en": "That day is an administrative holiday; the office is first open on {open}.",
        "ru": "Этот день — нерабочий день государственных органов; ближайший день приёма — {open}.",
        "uk": "Цей день — неробочий день державних органів; найближчий день прийому — {open}.",
    },
    "earliest_short": {
        "ja": "在留期間が6か月未満（{period}）のため、満了日までいつでも申請できると考えられます"
              "（未確認：入管庁の明示の説明は見つかっていません）。",
        "en": "Your period of stay is under 6 months ({period}): you can apply any time before expiry, as ISA's "
              "wording implies (unverified: no explicit ISA statement found).",
        "ru": "Ваш срок пребывания меньше 6 месяцев ({period}): подать заявление можно в любое время до окончания "
              "срока, как следует из формулировок ISA (не проверено: прямого разъяснения ISA не найдено).",
        "uk": "Ваш строк перебування менше 6 місяців ({period}): подати заяву можна будь-коли до закінчення "
              "строку, як випливає з формулювань ISA (не перевірено: прямого роз'яснення ISA не знайдено).",
    },
    "last_filing_day": {
        "ja": "更新・変更申請は在留期間の満了日（{exp}）までに行う必要があります。",
        "en": "File an extension or change application by the expiry date ({exp}).",
        "ru": "Подайте заявление о продлении срока или изменении статуса не позднее дня окончания срока ({exp}).",
        "uk": "Подайте заяву про продовження строку або зміну статусу не пізніше дня закінчення строку ({exp}).",
    },
    "last_filing_rolled": {
        "ja": "満了日は行政機関の休日（{reason}）のため、次の開庁日{last}の申請も期限内として受け付けられます。"
              "ただし在留期間そのものは{exp}で終わるので、それまでに申請するのが安全です。",
        "en": "The expiry is an administrative holiday ({reason}), so filing on the next open day {last} is accepted "
              "as in time; but the period of stay itself still ends on {exp}, so filing before then is safer.",
        "ru": "День окончания срока — нерабочий день государственных органов ({reason}), поэтому заявление, "
              "поданное в ближайший рабочий день {last}, принимается как поданное вовремя; но сам срок пребывания "
              "всё равно заканчивается {exp}, поэтому безопаснее подать до этой даты.",
        "uk": "День закінчення строку — неробочий день державних органів ({reason}), тому заяву, подану "
              "найближчого робочого дня {last}, приймають як подану вчасно; але сам строк перебування все одно "
              "закінчується {exp}, тому безпечніше подати до цієї дати.",
    },
    "special_period_decided": {
        "ja": "申請中の特例期間は、処分がされた{end}に終わりました。",
        "en": "The special period ended with the decision on {end}.",
        "ru": "Особый период закончился с принятием решения {end}.",
        "uk": "Особливий період закінчився з ухваленням рішення {end}.",
    },
    "special_period": {
        "ja": "申請が満了日までに処分されない場合、処分の時か{end}の終了時のいずれか早い時まで、"
              "現在の在留資格で引き続き在留できます（特例期間）。",
        "en": "If the application is not decided by the expiry date, you may keep staying with your current status "
              "until the decision or the end of {end}, whichever is earlier (special period).",
        "ru": "Если решение по заявлению не будет принято до дня окончания срока, вы можете оставаться с текущим "
              "статусом до решения или до конца дня {end}, смотря что наступит раньше (особый период).",
        "uk": "Якщо рішення за заявою не буде ухвалено до дня закінчення строку, ви можете залишатися з поточним "
              "статусом до рішення або до кінця дня {end}, залежно від того, що настане раніше (особливий період).",
    },
    "special_period_card": {
        "ja": "在留カードもその間有効です。",
        "en": "Your residence card stays valid meanwhile.",
        "ru": "Карта резидента на это время остаётся действительной.",
        "uk": "Картка резидента на цей час залишається дійсною.",
    },
    # notifications (Arts. 19-7 to 19-9, 19-12, 19-16)
    "notice_rolled": {
        "ja": "期限日は行政機関の休日のため、{next}の届出も期限内です。",
        "en": "The day is an administrative holiday, so notifying on {next} is still in time.",
        "ru": "Последний день — нерабочий день государственных органов, поэтому уведомление {next} тоже будет "
              "своевременным.",
        "uk": "Останній день — неробочий день державних органів, тому повідомлення {next} теж буде вчасним.",
    },
    "address_landing": {
        "ja": "上陸後に住居地を定めた日（{on}）から14日以内に、住居地の市区町村で届け出てください（在留カードを持参）。",  # noqa: E501
        "en": "You fixed your place of residence on {on} after landing: notify it at that municipal office within "
              "14 days (bring your residence card).",
        "ru": "После въезда вы определили место жительства {on}: заявите его в муниципалитете по месту жительства "
              "в течение 14 дней (возьмите карту резидента).",
        "uk": "Після в'їзду ви визначили місце проживання {on}: заявіть його в муніципалітеті за місцем "
              "проживання протягом 14 днів (візьміть картку резидента).",
    },
    "address_permission": {
        "ja": "{on}の許可で中長期在留者になったため、14日以内に住居地の市区町村で住居地を届け出てください"
              "（その後に住居地を定めた場合は、定めた日から14日以内）。",
        "en": "The permission of {on} made you a mid/long-term resident: notify your place of residence at the "
              "municipal office within 14 days (if you fix a residence later, within 14 days of fixing it).",
        "ru": "Разрешение от {on} сделало вас средне- или долгосрочным резидентом: заявите место жительства в "
              "муниципалитете в течение 14 дней (если вы определите место жительства позже — в течение 14 дней с "
              "этого дня).",
        "uk": "Дозвіл від {on} зробив вас середньо- або довгостроковим резидентом: заявіть місце проживання в "
              "муніципалітеті протягом 14 днів (якщо ви визначите місце проживання пізніше — протягом 14 днів від "
              "цього дня).",
    },
    "address_moved": {
        "ja": "{on}に転居したため、14日以内に新しい住居地の市区町村で届け出てください（在留カードを持参。転入届で足ります）。",  # noqa: E501
        "en": "You moved on {on}: notify the new address at the new municipal office within 14 days (bring your "
              "residence card; the move-in notice counts).",
        "ru": "Вы переехали {on}: заявите новый адрес в муниципалитете по новому месту жительства в течение 14 "
              "дней (возьмите карту резидента; уведомление о въезде (転入届) засчитывается).",
        "uk": "Ви переїхали {on}: заявіть нову адресу в муніципалітеті за новим місцем проживання протягом 14 днів "
              "(візьміть картку резидента; повідомлення про прибуття (転入届) зараховується).",
    },
    "organization_activity": {
        "ja": "{status}の活動機関からの{verb}（{on}）は、14日以内に出入国在留管理庁へ届け出てください"
              "（電子届出システム、郵送または窓口）。",
        "en": "Leaving or joining your activity organisation ({on}, status {status}) must be notified to the "
              "Immigration Services Agency within 14 days (online, by post or at the counter).",
        "ru": "Об уходе из организации, где вы ведёте деятельность, или о переходе в другую ({on}, статус "
              "«{status}») нужно уведомить Агентство иммиграционных услуг в течение 14 дней (онлайн, по почте или "
              "лично).",
        "uk": "Про вихід з організації, де ви провадите діяльність, або про перехід до іншої ({on}, статус "
              "«{status}») потрібно повідомити Агентство імміграційних послуг протягом 14 днів (онлайн, поштою або "
              "особисто).",
    },
    "organization_contract": {
        "ja": "{status}の契約機関からの{verb}（{on}）は、14日以内に出入国在留管理庁へ届け出てください"
              "（電子届出システム、郵送または窓口）。",
        "en": "Leaving or joining your contracting organisation ({on}, status {status}) must be notified to the "
              "Immigration Services Agency within 14 days (online, by post or at the counter).",
        "ru": "О прекращении договора с организацией или о заключении нового ({on}, статус «{status}») нужно "
              "уведомить Агентство иммиграционных услуг в течение 14 дней (онлайн, по почте или лично).",
        "uk": "Про припинення договору з організацією або укладення нового ({on}, статус «{status}») потрібно "
              "повідомити Агентство імміграційних послуг протягом 14 днів (онлайн, поштою або особисто).",
    },
    "spouse_divorce": {
        "ja": "離婚（{on}）は、14日以内に出入国在留管理庁へ届け出てください。",
        "en": "Notify divorce ({on}) to the Immigration Services Agency within 14 days.",
        "ru": "Уведомите Агентство иммиграционных услуг о разводе ({on}) в течение 14 дней.",
        "uk": "Повідомте Агентство імміграційних послуг про розлучення ({on}) протягом 14 днів.",
    },
    "spouse_death": {
        "ja": "配偶者との死別（{on}）は、14日以内に出入国在留管理庁へ届け出てください。",
        "en": "Notify the death of your spouse ({on}) to the Immigration Services Agency within 14 days.",
        "ru": "Уведомите Агентство иммиграционных услуг о смерти супруга(и) ({on}) в течение 14 дней.",
        "uk": "Повідомте Агентство імміграційних послуг про смерть чоловіка/дружини ({on}) протягом 14 днів.",
    },
    "lost_card": {
        "ja": "在留カードの紛失等を知った日（{on}）から14日以内に再交付を申請してください（海外で知った場合は帰国後14日以内）。",  # noqa: E501
        "en": "Apply for a new residence card within 14 days of learning it was lost, stolen or destroyed ({on}); "
              "if you learned it abroad, within 14 days of returning.",
        "ru": "Подайте на перевыпуск карты резидента в течение 14 дней с того дня, как узнали о её утере, краже "
              "или уничтожении ({on}); если вы узнали об этом за границей — в течение 14 дней после возвращения.",
        "uk": "Подайте на перевипуск картки резидента протягом 14 днів від дня, коли дізналися про її втрату, "
              "крадіжку чи знищення ({on}); якщо ви дізналися про це за кордоном — протягом 14 днів після "
              "повернення.",
    },
    # revocation risks (Art. 22-4(1)); the caveat follows each of them (Art. 22-4(2))
    "revocation_caveat": {
        "ja": "正当な理由がある場合は取消しの対象になりません。取消しの前には意見聴取があります（22条の4第2項）。",
        "en": "This is a risk, not an automatic loss: there is no revocation where there is a justifiable reason, "
              "and the person is heard before any revocation (Art. 22-4(2)).",
        "ru": "Это риск, а не автоматическая потеря статуса: при уважительной причине аннулирования нет, и перед "
              "любым аннулированием человека выслушивают (ст. 22-4(2)).",
        "uk": "Це ризик, а не автоматична втрата статусу: за поважної причини анулювання немає, і перед будь-яким "
              "анулюванням особу вислуховують (ст. 22-4(2)).",
    },
    "risk_activity": {
        "ja": "{since}から{status}の活動を行っていない状態が{until}まで3か月続くと、在留資格取消しの対象となり得ます。",
        "en": "If you do not engage in the activities of {status} from {since} until {until} (3 months), your "
              "status may be revoked (e.g. genuine job hunting after leaving a job is a justifiable reason).",
        "ru": "Если вы не будете вести деятельность по статусу «{status}» с {since} по {until} (3 месяца), статус "
              "могут аннулировать (например, настоящий поиск работы после увольнения — уважительная причина).",
        "uk": "Якщо ви не провадитимете діяльність за статусом «{status}» з {since} по {until} (3 місяці), статус "
              "можуть анулювати (наприклад, справжній пошук роботи після звільнення — поважна причина).",
    },
    "risk_spouse": {
        "ja": "{since}から配偶者としての活動を行わない状態が{until}まで6か月続くと、在留資格取消しの対象となり得ます"
              "（離婚調停中、DV避難などは正当な理由になり得ます）。定住者などへの変更申請を検討してください。",
        "en": "If you do not live as a spouse from {since} until {until} (6 months), your status may be revoked "
              "(divorce proceedings or fleeing domestic violence can be justifiable reasons). Consider applying for "
              "a change of status, e.g. to Long-Term Resident.",
        "ru": "Если вы не будете жить как супруг(а) с {since} по {until} (6 месяцев), статус могут аннулировать "
              "(бракоразводный процесс или бегство от домашнего насилия могут быть уважительными причинами). "
              "Рассмотрите заявление об изменении статуса, например на «Долгосрочный житель».",
        "uk": "Якщо ви не житимете як подружжя з {since} по {until} (6 місяців), статус можуть анулювати "
              "(шлюборозлучний процес або втеча від домашнього насильства можуть бути поважними причинами). "
              "Розгляньте заяву про зміну статусу, наприклад на «Довгостроковий мешканець».",
    },
    "risk_new_address": {
        "ja": "{since}に中長期在留者となってから90日以内（{until}まで）に住居地を届け出ないと、在留資格取消しの対象となり得ます。",  # noqa: E501
        "en": "If you do not notify a place of residence within 90 days of becoming a mid/long-term resident on "
              "{since} (by {until}), your status may be revoked.",
        "ru": "Если вы не заявите место жительства в течение 90 дней с того дня, как стали средне- или "
              "долгосрочным резидентом ({since}), то есть до {until}, статус могут аннулировать.",
        "uk": "Якщо ви не заявите місце проживання протягом 90 днів від дня, коли стали середньо- або "
              "довгостроковим резидентом ({since}), тобто до {until}, статус можуть анулювати.",
    },
    "risk_left_address": {
        "ja": "届け出た住居地を{since}に離れてから90日以内（{until}まで）に新しい住居地を届け出ないと、"
              "在留資格取消しの対象となり得ます。",
        "en": "You left your notified address on {since}: if you do not notify a new place of residence within 90 "
              "days (by {until}), your status may be revoked.",
        "ru": "Вы покинули заявленный адрес {since}: если вы не заявите новое место жительства в течение 90 дней "
              "(до {until}), статус могут аннулировать.",
        "uk": "Ви залишили заявлену адресу {since}: якщо ви не заявите нове місце проживання протягом 90 днів "
              "(до {until}), статус можуть анулювати.",
    },
    # birth in Japan (Art. 22-2)
    "acquisition_filing": {
        "ja": "日本で生まれた子が60日を超えて在留するには、出生から30日以内（{by}まで）に在留資格の取得を申請してください。",  # noqa: E501
        "en": "A child born in Japan who will stay beyond 60 days must apply for a status within 30 days of birth "
              "(by {by}).",
        "ru": "Ребёнок, родившийся в Японии и остающийся дольше 60 дней, должен подать на получение статуса в "
              "течение 30 дней после рождения (до {by}).",
        "uk": "Дитина, яка народилася в Японії й залишатиметься довше 60 днів, має подати на набуття статусу "
              "протягом 30 днів після народження (до {by}).",
    },
    "acquisition_rolled": {
        "ja": "期限日は休日のため{filing}の申請も期限内です。",
        "en": "That day is an administrative holiday; filing on {filing} is in time.",
        "ru": "Этот день — нерабочий день государственных органов; подача {filing} будет своевременной.",
        "uk": "Цей день — неробочий день державних органів; подання {filing} буде вчасним.",
    },
    "acquisition_spr": {
        "ja": "特別永住者の子は入管特例法4条の手続によります。",
        "en": "Children of special permanent residents use Special Act Art. 4 instead.",
        "ru": "Для детей особых постоянных жителей действует процедура ст. 4 Особого закона.",
        "uk": "Для дітей особливих постійних мешканців діє процедура ст. 4 Особливого закону.",
    },
    "stay_without_status": {
        "ja": "在留資格を取得するまでは、出生から60日（{until}まで）に限り在留資格なしで在留できます。"
              "取得申請中でも特例期間は適用されません（20条6項は準用されていません）。",
        "en": "Until a status is acquired, the child may stay without status for 60 days from birth (until "
              "{until}). A pending acquisition application does not extend this: Art. 20(6) (special period) is "
              "not applied to acquisitions.",
        "ru": "Пока статус не получен, ребёнок может находиться в Японии без статуса 60 дней с рождения (до "
              "{until}). Поданное заявление о получении статуса этот срок не продлевает: ст. 20(6) (особый период) "
              "к получению статуса не применяется.",
        "uk": "Поки статус не набуто, дитина може перебувати в Японії без статусу 60 днів від народження (до "
              "{until}). Подана заява про набуття статусу цей строк не продовжує: ст. 20(6) (особливий період) до "
              "набуття статусу не застосовується.",
    },
    # re-entry (Arts. 26, 26-2; Special Act Art. 23)
    "re_entry_permit": {
        "ja": "再入国許可により{d}までに再入国してください。やむを得ない事情があれば在外公館で有効期間の延長を申請できる"  # noqa: E501
              "場合があります。期限を過ぎると在留資格を失います。",
        "en": "Re-enter Japan by {d} on your re-entry permit. For unavoidable reasons a Japanese embassy or "
              "consulate may extend the permit abroad. After this date the status is lost.",
        "ru": "Вернитесь в Японию по разрешению на повторный въезд не позднее {d}. При неизбежных обстоятельствах "
              "посольство или консульство Японии за рубежом может продлить разрешение. После этой даты статус "
              "теряется.",
        "uk": "Поверніться до Японії за дозволом на повторний в'їзд не пізніше {d}. За невідворотних обставин "
              "посольство або консульство Японії за кордоном може продовжити дозвіл. Після цієї дати статус "
              "втрачається.",
    },
    "special_re_entry": {
        "ja": "みなし再入国許可で出国したため、{d}までに再入国してください（出国から1年と在留期限の早い方）。"
              "この期限は海外で延長できず、過ぎると在留資格を失います。",
        "en": "You left on a special re-entry permit: re-enter by {d} (the earlier of 1 year(s) after departure and "
              "the end of your period of stay). It cannot be extended abroad; after it the status is lost.",
        "ru": "Вы выехали по особому разрешению на повторный въезд (みなし再入国許可): вернитесь не позднее {d} "
              "(более ранняя из дат: 1 год после выезда или окончание срока пребывания). Этот срок нельзя продлить за "
              "границей; после него статус теряется.",
        "uk": "Ви виїхали за особливим дозволом на повторний в'їзд (みなし再入国許可): поверніться не пізніше {d} "
              "(раніша з дат: 1 рік після виїзду або закінчення строку перебування). Цей строк не можна продовжити "
              "за кордоном; після нього статус втрачається.",
    },
    "special_re_entry_spr": {
        "ja": "みなし再入国許可で出国したため、{d}までに再入国してください（出国から2年と在留期限の早い方）。"
              "この期限は海外で延長できず、過ぎると在留資格を失います。",
        "en": "You left on a special re-entry permit: re-enter by {d} (the earlier of 2 year(s) after departure and "
              "the end of your period of stay). It cannot be extended abroad; after it the status is lost.",
        "ru": "Вы выехали по особому разрешению на повторный въезд (みなし再入国許可): вернитесь не позднее {d} "
              "(более ранняя из дат: 2 года после выезда или окончание срока пребывания). Этот срок нельзя продлить за "
              "границей; после него статус теряется.",
        "uk": "Ви виїхали за особливим дозволом на повторний в'їзд (みなし再入国許可): поверніться не пізніше {d} "
              "(раніша з дат: 2 роки після виїзду або закінчення строку перебування). Цей строк не можна "
              "продовжити за кордоном; після нього статус втрачається.",
    },
    # the residence card (Arts. 19-5, 19-11)
    "card_period_of_stay": {
        "ja": "在留カードの有効期間は在留期間の満了日（{until}）までです。在留期間の更新・変更の許可で新しいカードが交付されます。",  # noqa: E501
        "en": "Your residence card is valid until your period of stay ends ({until}); an extension or change brings "
              "a new card.",
        "ru": "Ваша карта резидента действительна до окончания срока пребывания ({until}); при продлении срока или "
              "изменении статуса выдаётся новая карта.",
        "uk": "Ваша картка резидента дійсна до закінчення строку перебування ({until}); у разі продовження строку "
              "або зміни статусу видається нова картка.",
    },
    "card_seven_year": {
        "ja": "在留カードの有効期間は{until}までです（永住者・高度専門職2号は交付から7年）。有効期間の更新を満了日までに"  # noqa: E501
              "申請してください。",
        "en": "Your residence card is valid until {until} (7 years from issue for permanent residents and HSP (ii)). "
              "Apply to renew its validity by that date.",
        "ru": "Ваша карта резидента действительна до {until} (у постоянных жителей и высококвалифицированных "
              "специалистов (ii) — 7 лет с выдачи). Подайте на продление срока её действия до этой даты.",
        "uk": "Ваша картка резидента дійсна до {until} (у постійних мешканців і висококваліфікованих фахівців (ii) "
              "— 7 років від видачі). Подайте на продовження строку її дії до цієї дати.",
    },
    "card_renewal_from": {
        "ja": "在留カードの有効期間更新の申請は、満了日の2か月前（{frm}）からできます。",
        "en": "You can apply to renew the card's validity from 2 months before it expires ({frm}).",
        "ru": "Подать на продление срока действия карты можно за 2 месяца до его окончания ({frm}).",
        "uk": "Подати на продовження строку дії картки можна за 2 місяці до його закінчення ({frm}).",
    },
    "card_under16_new": {
        "ja": "16歳未満で交付された在留カードは{until}で有効期間が終わります（2023年11月1日以降の交付：16歳の誕生日の前日）。"  # noqa: E501
              "同居の親族等が有効期間の更新を申請してください。",
        "en": "A residence card issued under 16 expires on {until} (issued since 2023-11-01: the day before the 16th "
              "birthday). A cohabiting relative aged 16 or over (or a registered agent) applies to renew it.",
        "ru": "Карта резидента, выданная до 16 лет, истекает {until} (выдана с 2023-11-01: накануне 16-летия). "
              "Продление оформляет проживающий вместе родственник в возрасте от 16 лет (или зарегистрированный "
              "представитель).",
        "uk": "Картка резидента, видана до 16 років, спливає {until} (видана з 2023-11-01: напередодні 16-річчя). "
              "Продовження оформлює родич віком від 16 років, який проживає разом (або зареєстрований "
              "представник).",
    },
    "card_under16_old": {
        "ja": "16歳未満で交付された在留カードは{until}で有効期間が終わります（2023年11月1日より前の交付：16歳の誕生日）。"  # noqa: E501
              "同居の親族等が有効期間の更新を申請してください。",
        "en": "A residence card issued under 16 expires on {until} (issued before 2023-11-01: the 16th birthday). "
              "A cohabiting relative aged 16 or over (or a registered agent) applies to renew it.",
        "ru": "Карта резидента, выданная до 16 лет, истекает {until} (выдана до 2023-11-01: в день 16-летия). "
              "Продление оформляет проживающий вместе родственник в возрасте от 16 лет (или зарегистрированный "
              "представитель).",
        "uk": "Картка резидента, видана до 16 років, спливає {until} (видана до 2023-11-01: у день 16-річчя). "
              "Продовження оформлює родич віком від 16 років, який проживає разом (або зареєстрований "
              "представник).",
    },
    "card_under16_renewal": {
        "ja": "更新申請は{frm}（6か月前）からできます。",
        "en": "The renewal can be filed from {frm} (6 months before).",
        "ru": "Подать на продление можно с {frm} (за 6 месяцев).",
        "uk": "Подати на продовження можна з {frm} (за 6 місяців).",
    },
    "card_under16_unverified": {
        "ja": "2023年11月以降の新ルールでの正確な受付期間は未確認です。",
        "en": "The exact window under the rule since 2023-11-01 is unverified.",
        "ru": "Точный период подачи по правилу, действующему с 2023-11-01, не проверен.",
        "uk": "Точний період подання за правилом, що діє з 2023-11-01, не перевірено.",
    },
    "card_as_printed": {
        "ja": "在留カードの有効期間は{until}までです（カードの記載による）。",
        "en": "Your residence card is valid until {until} (as printed on it).",
        "ru": "Ваша карта резидента действительна до {until} (как указано на ней).",
        "uk": "Ваша картка резидента дійсна до {until} (як зазначено на ній).",
    },
    # the certificate of eligibility (Art. 7-2)
    "coe_expiry": {
        "ja": "在留資格認定証明書（{issued}交付）は3か月後の{d}まで有効とされています（入管庁の運用。根拠条文は未確認）。"  # noqa: E501
              "この日までに上陸申請（または変更申請）に使ってください。",
        "en": "The certificate of eligibility issued on {issued} is treated as valid for 3 months, until {d} (ISA "
              "practice; the article is unverified). Use it to land (or to apply for a change) by then.",
        "ru": "Сертификат соответствия (COE), выданный {issued}, считается действительным 3 месяца — до {d} "
              "(практика ISA; статья закона не проверена). Используйте его для въезда (или для заявления об "
              "изменении статуса) до этой даты.",
        "uk": "Сертифікат відповідності (COE), виданий {issued}, вважається дійсним 3 місяці — до {d} (практика "
              "ISA; статтю закону не перевірено). Використайте його для в'їзду (або для заяви про зміну статусу) до "
              "цієї дати.",
    },
}


def deadline_text(key: str, **params: Any) -> Texts:
    """A deadline explanation (or a part of one) in every language."""
    return render(DEADLINE_TEXTS, key, **params)


# --------------------------------------------------------------------------------------------------
# reading a stored English explanation back (deadlines stored before ru/uk existed)
# --------------------------------------------------------------------------------------------------

_FIELD = re.compile(r"\{(\w+)\}")
_DATE = r"\d{4}-\d{2}-\d{2}"
_PERIOD_WORDS = re.compile(r"(\d+) (year|month|day)s?")


def template_regex(template: str, field_body: Callable[[str], str]) -> tuple[str, re.Pattern[str]]:
    """A regex reading a text written from ``template`` (its ``{name}`` fields as named groups, each matched
    by ``field_body(name)``; a field used twice must repeat its value), and the template's longest fixed part
    (a cheap test before trying the regex). Shared by the explanation and trace catalogues."""
    out, pos, seen, fixed = [], 0, set(), [""]
    for m in _FIELD.finditer(template):
        fixed.append(template[pos:m.start()])
        out.append(re.escape(template[pos:m.start()]))
        name = m.group(1)
        if name in seen:
            out.append(f"(?P={name})")
        else:
            seen.add(name)
            out.append(f"(?P<{name}>{field_body(name)})")
        pos = m.end()
    fixed.append(template[pos:])
    out.append(re.escape(template[pos:]))
    return max(fixed, key=len), re.compile("".join(out))


def _explanation_field(name: str) -> str:
    return r"(?:\d+ (?:years?|months?|days?) ?)+?" if name == "period" else (
        r".+?" if name in ("status", "reason") else _DATE)


def _pattern(template: str) -> re.Pattern[str]:
    return template_regex(template, _explanation_field)[1]


@cache
def _patterns(catalogue_id: int) -> list[tuple[str, re.Pattern[str]]]:
    cat = _CATALOGUES[catalogue_id]
    return [(key, _pattern(entry["en"])) for key, entry in cat.items()]


_CATALOGUES: dict[int, Catalogue] = {id(DEADLINE_TEXTS): DEADLINE_TEXTS}


@cache
def _status_codes() -> dict[str, str]:
    """English status names (the law's and the glossary's) → code."""
    from zairyu.law.loader import packaged_law
    out = {e["en"]: code for code, e in STATUSES.items()}
    for s in packaged_law().statuses:
        for name_en in (s.name_en, *(f.name_en for f in s.former_names)):
            out[name_en] = s.code
    return out


def _param(name: str, value: str) -> Any:
    if name == "period":
        found = {unit: int(n) for n, unit in _PERIOD_WORDS.findall(value)}
        return Duration(years=found.get("year", 0), months=found.get("month", 0), days=found.get("day", 0))
    if name == "reason":
        return closed_day_names(value)
    if name == "status":
        code = _status_codes().get(value)
        return status_names(code, name_en=value) if code else {"en": value}
    return value


def localize(text_en: str, lang: str, catalogue: Catalogue = DEADLINE_TEXTS) -> str | None:
    """An English text written by the rules, in ``lang``; None when a part of it is not a known message
    (the caller then shows the English)."""
    if lang == "en" or not text_en:
        return text_en
    pats = _patterns(id(catalogue))
    parts: list[str] = []
    pos, n = 0, len(text_en)
    while pos < n:
        best: tuple[int, str, re.Match[str]] | None = None
        for key, pat in pats:
            m = pat.match(text_en, pos)
            if m is not None and (m.end() == n or text_en[m.end()] == " ") and (best is None or m.end() > best[0]):
                best = (m.end(), key, m)
        if best is None:
            return None
        end, key, m = best
        params = {k: _param(k, v) for k, v in m.groupdict().items()}
        try:
            parts.append(render_in(catalogue, key, lang, **params))
        except (KeyError, IndexError, ValueError):
            return None  # a template needing a value the English does not carry: keep the English
        pos = end + 1
    sep = "" if lang == "ja" else " "
    return sep.join(parts)
