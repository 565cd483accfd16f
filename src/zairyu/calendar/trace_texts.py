"""The lines of a deadline's trace ("how this date was computed"), in every language zairyu speaks.

The calendar writes each trace line from the English of this catalogue (:func:`trace_line`), and the
English is what is stored and what the API gives (``trace``). A reader of another language sees each
line through :func:`localize_trace`, which reads the English back into its message (a regex built from
the English template, like :func:`zairyu.calendar.texts.localize`) and writes it in that language. A line
that matches no message (one stored by an older version of zairyu) is shown as it is, in English.

Fields are named by what they hold, and each kind is written per language:

* dates (any other name) stay ISO ``YYYY-MM-DD`` in every language;
* ``period``: an ISO period as the calendar writes it (``P1Y3M``), in words elsewhere (1年3月, 1 год 3 месяца);
* ``years``, ``months``, ``days``: a number the English follows with its unit (``{months} month(s)``),
  written with its unit elsewhere (3か月, 3 месяца, 3 місяці);
* ``status``, ``procedure``, ``event``, ``grant``, ``duty``: codes, named in the reader's language;
* ``reason``: why offices are closed (the Japanese name of the holiday; ru/uk in words);
* ``table``: an appendix table of the Act (``I-2``), as it is.

Provisions ("ICRRA Art. 20(6)", "Art. 19-5(2)") and law names stay as the English writes them, as in the
list of provisions beside each deadline.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from functools import cache, lru_cache
from typing import Any

from zairyu.calendar.texts import LANGS, closed_day_names, describe_period, plural, status_names, template_regex
from zairyu.glossary import EVENTS, PROCEDURES

TRACE_TEXTS: dict[str, dict[str, str]] = {
    # counting a period of stay (Civil Code Arts. 140, 143; extensions: law.md §3.2)
    "extension_from": {
        "en": "extension: the new period runs from the day after the old expiry {start}",
        "ja": "更新：新しい在留期間は旧満了日{start}の翌日から始まります",
        "ru": "Продление: новый срок начинается на следующий день после прежней даты окончания срока {start}",
        "uk": "Продовження: новий строк починається наступного дня після попередньої дати закінчення строку "
              "{start}",
    },
    "extension_granted_late": {
        "en": "granted on {granted}, after the old expiry (during the special period, ICRRA Art. 20(6)/21(4)): "
              "the new period still counts from the day after the old expiry",
        "ja": "{granted}に許可（旧満了日の後、特例期間中。ICRRA Art. 20(6)/21(4)）：新しい在留期間は"
              "それでも旧満了日の翌日から数えます",
        "ru": "Разрешение выдано {granted}, после прежней даты окончания срока (в особый период, ICRRA Art. "
              "20(6)/21(4)): новый срок всё равно отсчитывается со следующего дня после прежней даты окончания",
        "uk": "Дозвіл видано {granted}, після попередньої дати закінчення строку (в особливий період, ICRRA Art. "
              "20(6)/21(4)): новий строк усе одно відраховується з наступного дня після попередньої дати "
              "закінчення",
    },
    "extension_granted_early": {
        "en": "granted on {granted}, before the old expiry: the remaining days are kept",
        "ja": "{granted}に許可（旧満了日の前）：残りの日数は失われません",
        "ru": "Разрешение выдано {granted}, до прежней даты окончания срока: оставшиеся дни сохраняются",
        "uk": "Дозвіл видано {granted}, до попередньої дати закінчення строку: решта днів зберігається",
    },
    "first_day_landing": {
        "en": "landing: the period runs from {start}; that first day is not counted",
        "ja": "上陸：在留期間は{start}から進行し、その初日は算入しません",
        "ru": "Въезд: срок отсчитывается от {start}; этот первый день не засчитывается",
        "uk": "В'їзд: строк відраховується від {start}; цей перший день не зараховується",
    },
    "first_day_change": {
        "en": "change: the period runs from {start}; that first day is not counted",
        "ja": "変更：在留期間は{start}から進行し、その初日は算入しません",
        "ru": "Изменение статуса: срок отсчитывается от {start}; этот первый день не засчитывается",
        "uk": "Зміна статусу: строк відраховується від {start}; цей перший день не зараховується",
    },
    "add_months": {
        "en": "{start} + {months} month(s) → {end}",
        "ja": "{start} + {months} → {end}",
        "ru": "{start} + {months} → {end}",
        "uk": "{start} + {months} → {end}",
    },
    "add_months_clamped": {
        "en": "{start} + {months} month(s) → {end} (no such day in that month: last day of the month)",
        "ja": "{start} + {months} → {end}（その月に応当する日がないため、月の末日）",
        "ru": "{start} + {months} → {end} (такого числа в этом месяце нет: последний день месяца)",
        "uk": "{start} + {months} → {end} (такого числа в цьому місяці немає: останній день місяця)",
    },
    "add_days": {
        "en": "+ {days} day(s) → {end}",
        "ja": "+ {days} → {end}",
        "ru": "+ {days} → {end}",
        "uk": "+ {days} → {end}",
    },
    "stay_ends": {
        "en": "period of stay ends at the end of {end}",
        "ja": "在留期間は{end}の終了をもって満了します",
        "ru": "Срок пребывания заканчивается в конце дня {end}",
        "uk": "Строк перебування закінчується наприкінці дня {end}",
    },
    # the expiry, the filing window and the special period (ICRRA Arts. 20(6), 21; Ordinance Art. 21(1))
    "expiry_given": {
        "en": "expiry as given (residence card / decision): {exp}",
        "ja": "満了日は記載のとおり（在留カード・処分）：{exp}",
        "ru": "Дата окончания срока — как указано (карта резидента / решение): {exp}",
        "uk": "Дата закінчення строку — як зазначено (картка резидента / рішення): {exp}",
    },
    "expiry_given_differs": {
        "en": "note: counting {period} would give {computed}; the given date is used",
        "ja": "注：{period}を数えると{computed}になりますが、記載の日付を用います",
        "ru": "Примечание: при отсчёте срока {period} получилось бы {computed}; используется указанная дата",
        "uk": "Примітка: якщо відрахувати строк {period}, вийшло б {computed}; використовується зазначена дата",
    },
    "window_from_3_months": {
        "en": "period {period} ≥ 6 months: earliest about 3 months before expiry → {earliest}",
        "ja": "在留期間{period}（6か月以上）：申請は満了日の概ね3か月前から → {earliest}",
        "ru": "Срок {period} ≥ 6 месяцев: подать можно примерно за 3 месяца до окончания срока → {earliest}",
        "uk": "Строк {period} ≥ 6 місяців: подати можна приблизно за 3 місяці до закінчення строку → {earliest}",
    },
    "window_any_time": {
        "en": "period {period} < 6 months: no earliest day is set; file any time before expiry",
        "ja": "在留期間{period}（6か月未満）：受付開始日の定めはなく、満了日までいつでも申請できます",
        "ru": "Срок {period} < 6 месяцев: самый ранний день подачи не установлен; подать можно в любое время "
              "до окончания срока",
        "uk": "Строк {period} < 6 місяців: найраніший день подання не встановлено; подати можна будь-коли до "
              "закінчення строку",
    },
    "window_unknown": {
        "en": "period unknown: the 3-months-before rule cannot be applied",
        "ja": "在留期間が不明：満了日の3か月前からという基準を適用できません",
        "ru": "Срок неизвестен: правило «за 3 месяца до окончания срока» применить нельзя",
        "uk": "Строк невідомий: правило «за 3 місяці до закінчення строку» застосувати не можна",
    },
    "expiry_closed": {
        "en": "expiry {exp} is an administrative holiday ({reason}): filing is accepted on the next open day "
              "{last}; the period of stay still ends on {exp}",
        "ja": "満了日{exp}は行政機関の休日（{reason}）：次の開庁日{last}の申請も受け付けられますが、"
              "在留期間は{exp}で終わります",
        "ru": "Дата окончания срока {exp} — нерабочий день государственных органов ({reason}): заявление "
              "принимается в ближайший рабочий день {last}; срок пребывания всё равно заканчивается {exp}",
        "uk": "Дата закінчення строку {exp} — неробочий день державних органів ({reason}): заяву приймають "
              "найближчого робочого дня {last}; строк перебування все одно закінчується {exp}",
    },
    "expiry_open": {
        "en": "expiry {exp} is an open day: last filing day {last}",
        "ja": "満了日{exp}は開庁日：申請期限は{last}",
        "ru": "Дата окончания срока {exp} — рабочий день: последний день подачи — {last}",
        "uk": "Дата закінчення строку {exp} — робочий день: останній день подання — {last}",
    },
    "special_two_months": {
        "en": "old expiry {exp} + 2 months → end of {end} (Art. 20(6))",
        "ja": "旧満了日{exp} + 2か月 → {end}の終了時（Art. 20(6)）",
        "ru": "Прежняя дата окончания срока {exp} + 2 месяца → конец дня {end} (Art. 20(6))",
        "uk": "Попередня дата закінчення строку {exp} + 2 місяці → кінець дня {end} (Art. 20(6))",
    },
    "special_decided": {
        "en": "decision on {decided}, earlier: the special period ends then",
        "ja": "{decided}に処分（こちらが早い）：特例期間はその時に終わります",
        "ru": "Решение принято {decided}, раньше: особый период заканчивается в этот день",
        "uk": "Рішення ухвалено {decided}, раніше: особливий період закінчується цього дня",
    },
    "filed_in_time": {
        "en": "{procedure} filed on {filed} (by {last}): filing deadline met",
        "ja": "{procedure}を{filed}に申請（期限は{last}）：申請期限に間に合っています",
        "ru": "{procedure}: заявление подано {filed} (срок — до {last}): срок подачи соблюдён",
        "uk": "{procedure}: заяву подано {filed} (строк — до {last}): строк подання дотримано",
    },
    "special_applies": {
        "en": "{procedure} filed on {filed}, on or before the last filing day: Art. 20(6) applies",
        "ja": "{procedure}を{filed}に申請（申請期限まで）：Art. 20(6)が適用されます",
        "ru": "{procedure}: заявление подано {filed}, не позднее последнего дня подачи: применяется Art. 20(6)",
        "uk": "{procedure}: заяву подано {filed}, не пізніше останнього дня подання: застосовується Art. 20(6)",
    },
    "special_period_unknown": {
        "en": "current period unknown: the special period does not apply if it is 30 days or less",
        "ja": "現在の在留期間が不明：30日以下であれば特例期間はありません",
        "ru": "Текущий срок неизвестен: если он 30 дней или меньше, особый период не применяется",
        "uk": "Поточний строк невідомий: якщо він 30 днів або менше, особливий період не застосовується",
    },
    "special_filed_next_open_day": {
        "en": "filed on {filed}, the next open day after the expiry {exp} (a closed day): in time (ISA practice)",
        "ja": "満了日{exp}（閉庁日）の次の開庁日{filed}に申請：期限内の申請として扱われます（入管の運用）",
        "ru": "Заявление подано {filed}, в ближайший рабочий день после даты окончания срока {exp} (нерабочего "
              "дня): подано вовремя (практика ISA)",
        "uk": "Заяву подано {filed}, найближчого робочого дня після дати закінчення строку {exp} (неробочого "
              "дня): подано вчасно (практика ISA)",
    },
    "special_period_days": {
        "en": "current period of stay is {days} days: more than 30",
        "ja": "現在の在留期間は{days}日：30日を超えます",
        "ru": "Текущий срок пребывания — {days} дн.: больше 30",
        "uk": "Поточний строк перебування — {days} дн.: більше 30",
    },
    "special_period_status_long": {
        "en": "current period unknown, but every period this status allows is more than 30 days",
        "ja": "現在の在留期間は不明ですが、この在留資格の在留期間はいずれも30日を超えます",
        "ru": "Текущий срок неизвестен, но все сроки, допустимые для этого статуса, больше 30 дней",
        "uk": "Поточний строк невідомий, але всі строки, допустимі для цього статусу, більші за 30 днів",
    },
    "special_period_long": {
        "en": "current period {period} is more than 30 days",
        "ja": "現在の在留期間{period}は30日を超えます",
        "ru": "Текущий срок {period} — больше 30 дней",
        "uk": "Поточний строк {period} — більше 30 днів",
    },
    # the facts checked against the law data (Ordinance Art. 3, App. Table II)
    "period_not_checked": {
        "en": "period of stay not checked against the law data (grant date {granted} outside {lo}..{hi})",
        "ja": "在留期間は法令データと照合していません（許可日{granted}が{lo}〜{hi}の範囲外）",
        "ru": "Срок пребывания не сверен с данными законодательства (дата разрешения {granted} вне периода "
              "{lo}..{hi})",
        "uk": "Строк перебування не звірено з даними законодавства (дата дозволу {granted} поза періодом "
              "{lo}..{hi})",
    },
    "period_not_checked_no_date": {
        "en": "period of stay not checked against the law data (grant date unknown outside {lo}..{hi})",
        "ja": "在留期間は法令データと照合していません（許可日が不明。データの範囲は{lo}〜{hi}）",
        "ru": "Срок пребывания не сверен с данными законодательства (дата разрешения неизвестна; данные "
              "охватывают {lo}..{hi})",
        "uk": "Строк перебування не звірено з даними законодавства (дата дозволу невідома; дані охоплюють "
              "{lo}..{hi})",
    },
    "period_allowed": {
        "en": "period {period} is allowed for {status} on {granted} (Ordinance Art. 3, App. Table II)",
        "ja": "在留期間{period}は{granted}時点で「{status}」に認められています（Ordinance Art. 3, App. Table II）",
        "ru": "Срок {period} допустим для статуса «{status}» на {granted} (Ordinance Art. 3, App. Table II)",
        "uk": "Строк {period} допустимий для статусу «{status}» на {granted} (Ordinance Art. 3, App. Table II)",
    },
    # notifications (Arts. 19-7 to 19-9, 19-12, 19-16)
    "notice_14_days": {
        "en": "{trigger} + {days} days (the day of the event not counted) → {due}",
        "ja": "{trigger} + {days}（出来事の日は算入しません） → {due}",
        "ru": "{trigger} + {days} (день события не засчитывается) → {due}",
        "uk": "{trigger} + {days} (день події не зараховується) → {due}",
    },
    "notice_rolled": {
        "en": "{due} is an administrative holiday ({reason}): the notification is in time on {next} (Act on "
              "Holidays of Administrative Organs Art. 2)",
        "ja": "{due}は行政機関の休日（{reason}）：{next}の届出も期限内です（Act on Holidays of Administrative "
              "Organs Art. 2）",
        "ru": "{due} — нерабочий день государственных органов ({reason}): уведомление {next} будет своевременным "
              "(Act on Holidays of Administrative Organs Art. 2)",
        "uk": "{due} — неробочий день державних органів ({reason}): повідомлення {next} буде вчасним (Act on "
              "Holidays of Administrative Organs Art. 2)",
    },
    "notice_municipal": {
        "en": "municipal offices keep their own closed days: zairyu does not move this date",
        "ja": "市区町村の閉庁日はそれぞれ異なるため、zairyuはこの日付を動かしません",
        "ru": "У муниципалитетов свои нерабочие дни: zairyu эту дату не переносит",
        "uk": "Муніципалітети мають власні неробочі дні: zairyu цю дату не переносить",
    },
    "landed_and_fixed": {
        "en": "landed {granted} as a mid/long-term resident; residence fixed on {fixed}",
        "ja": "{granted}に中長期在留者として上陸、{fixed}に住居地を定めた",
        "ru": "Въезд {granted} в качестве средне- или долгосрочного резидента; место жительства определено {fixed}",
        "uk": "В'їзд {granted} як середньо- або довгостроковий резидент; місце проживання визначено {fixed}",
    },
    "became_mid_long_term": {
        "en": "{grant} on {granted}: previously not a mid/long-term resident (history)",
        "ja": "{granted}に{grant}：それまでは中長期在留者ではなかった（在留歴）",
        "ru": "{grant}: {granted}; до этого — не средне- или долгосрочный резидент (история статусов)",
        "uk": "{grant}: {granted}; до цього — не середньо- або довгостроковий резидент (історія статусів)",
    },
    "moved_not_notified": {
        "en": "moved on {on}; no address_notified event on or after it",
        "ja": "{on}に転居、その日以降に住居地の届出（address_notified）の記録なし",
        "ru": "Переезд {on}; записи об уведомлении об адресе (address_notified) в этот день или позже нет",
        "uk": "Переїзд {on}; запису про повідомлення адреси (address_notified) цього дня чи пізніше немає",
    },
    "notification_duty": {
        "en": "{event} on {on}; {status} has the {duty} duty (law catalogue)",
        "ja": "{on}に{event}：「{status}」には{duty}に関する届出の義務があります（法令データ）",
        "ru": "{event}: {on}; для статуса «{status}» действует обязанность уведомлять {duty} (данные "
              "законодательства)",
        "uk": "{event}: {on}; для статусу «{status}» діє обов'язок повідомляти {duty} (дані законодавства)",
    },
    "card_lost_not_applied": {
        "en": "card_lost on {on}; no card_reissue_applied / card_issued event after it",
        "ja": "{on}に在留カードを紛失、その後に再交付申請（card_reissue_applied）・交付（card_issued）の記録なし",
        "ru": "Утеря карты резидента {on}; после этого нет записи о подаче на перевыпуск (card_reissue_applied) "
              "или о выдаче карты (card_issued)",
        "uk": "Втрата картки резидента {on}; після цього немає запису про подання на перевипуск "
              "(card_reissue_applied) чи про видачу картки (card_issued)",
    },
    # revocation risks (Art. 22-4(1))
    "activity_stopped": {
        "en": "{event} on {on} with a Table {table} status; no activity_resumed / joined_organization event since",
        "ja": "{on}に{event}（別表{table}の在留資格）、その後に活動の再開（activity_resumed）・所属機関への移籍"
              "（joined_organization）の記録なし",
        "ru": "{event}: {on}, статус из таблицы {table}; с тех пор нет записи о возобновлении деятельности "
              "(activity_resumed) или о поступлении в организацию (joined_organization)",
        "uk": "{event}: {on}, статус із таблиці {table}; відтоді немає запису про відновлення діяльності "
              "(activity_resumed) чи про вступ до організації (joined_organization)",
    },
    "spouse_event": {
        "en": "{event} on {on} with {status}",
        "ja": "{on}に{event}（在留資格「{status}」）",
        "ru": "{event}: {on}, статус «{status}»",
        "uk": "{event}: {on}, статус «{status}»",
    },
    "no_address_since": {
        "en": "{grant} on {granted}; no address_notified event since",
        "ja": "{granted}に{grant}、その後に住居地の届出（address_notified）の記録なし",
        "ru": "{grant}: {granted}; с тех пор нет записи об уведомлении об адресе (address_notified)",
        "uk": "{grant}: {granted}; відтоді немає запису про повідомлення адреси (address_notified)",
    },
    "left_address_not_notified": {
        "en": "left_address on {on}; no address_notified event since",
        "ja": "{on}に届け出た住居地を離れ、その後に住居地の届出（address_notified）の記録なし",
        "ru": "Выезд с заявленного адреса {on}; с тех пор нет записи об уведомлении об адресе (address_notified)",
        "uk": "Виїзд із заявленої адреси {on}; відтоді немає запису про повідомлення адреси (address_notified)",
    },
    "plus_days": {
        "en": "{start} + {days} days → {end}",
        "ja": "{start} + {days} → {end}",
        "ru": "{start} + {days} → {end}",
        "uk": "{start} + {days} → {end}",
    },
    "plus_months": {
        "en": "{start} + {months} months → {end}",
        "ja": "{start} + {months} → {end}",
        "ru": "{start} + {months} → {end}",
        "uk": "{start} + {months} → {end}",
    },
    "plus_years": {
        "en": "{start} + {years} years → {end}",
        "ja": "{start} + {years} → {end}",
        "ru": "{start} + {years} → {end}",
        "uk": "{start} + {years} → {end}",
    },
    "minus_months": {
        "en": "{start} − {months} months → {end}",
        "ja": "{start} − {months} → {end}",
        "ru": "{start} − {months} → {end}",
        "uk": "{start} − {months} → {end}",
    },
    "months_before": {
        "en": "{months} months before → {end}",
        "ja": "{months}前 → {end}",
        "ru": "За {months} → {end}",
        "uk": "За {months} → {end}",
    },
    # birth in Japan (Art. 22-2)
    "born_in_japan": {
        "en": "born in Japan on {born}; no status yet",
        "ja": "{born}に日本で出生、在留資格はまだありません",
        "ru": "Рождение в Японии {born}; статуса пока нет",
        "uk": "Народження в Японії {born}; статусу поки немає",
    },
    "acquisition_pending": {
        "en": "acquisition application filed on {filed}: the 60 days still apply",
        "ja": "{filed}に在留資格取得を申請：それでも60日の期間は変わりません",
        "ru": "Заявление о получении статуса подано {filed}: 60 дней всё равно действуют",
        "uk": "Заяву про набуття статусу подано {filed}: 60 днів усе одно діють",
    },
    # re-entry (Arts. 26, 26-2; Special Act Art. 23)
    "departed": {
        "en": "departed on {departed}",
        "ja": "{departed}に出国",
        "ru": "Выезд из Японии {departed}",
        "uk": "Виїзд з Японії {departed}",
    },
    "re_entry_permit_until": {
        "en": "re-entry permit valid until {until}",
        "ja": "再入国許可の有効期限は{until}",
        "ru": "Разрешение на повторный въезд действительно до {until}",
        "uk": "Дозвіл на повторний в'їзд дійсний до {until}",
    },
    "permit_capped_by_stay": {
        "en": "the period of stay ends earlier ({exp}): the permit cannot outlast it",
        "ja": "在留期間の方が早く終わります（{exp}）：再入国許可はそれを超えて有効にはなりません",
        "ru": "Срок пребывания заканчивается раньше ({exp}): разрешение не может действовать дольше него",
        "uk": "Строк перебування закінчується раніше ({exp}): дозвіл не може діяти довше за нього",
    },
    "special_re_entry": {
        "en": "declared the intention to return: special re-entry, departure + {years} year(s) → {end}",
        "ja": "再入国の意図を表明：みなし再入国許可、出国日 + {years} → {end}",
        "ru": "Заявлено намерение вернуться: особый повторный въезд, дата выезда + {years} → {end}",
        "uk": "Заявлено намір повернутися: особливий повторний в'їзд, дата виїзду + {years} → {end}",
    },
    "special_re_entry_capped": {
        "en": "the period of stay ends earlier ({exp}): that is the deadline",
        "ja": "在留期間の方が早く終わります（{exp}）：それが期限です",
        "ru": "Срок пребывания заканчивается раньше ({exp}): это и есть крайний срок",
        "uk": "Строк перебування закінчується раніше ({exp}): це і є кінцевий строк",
    },
    # the residence card (Arts. 19-5, 19-11)
    "card_issued": {
        "en": "card issued on {issued}",
        "ja": "在留カードの交付日は{issued}",
        "ru": "Карта резидента выдана {issued}",
        "uk": "Картку резидента видано {issued}",
    },
    "card_issue_unknown": {
        "en": "card issue date unknown",
        "ja": "在留カードの交付日は不明",
        "ru": "Дата выдачи карты резидента неизвестна",
        "uk": "Дата видачі картки резидента невідома",
    },
    "under_16_new_rule": {
        "en": "under 16 at issue; 16th birthday {birthday}; card issued on/after {since} → the day before the "
              "birthday: {until}",
        "ja": "交付時に16歳未満、16歳の誕生日は{birthday}；{since}以降の交付 → 誕生日の前日：{until}",
        "ru": "На момент выдачи не было 16 лет; 16-летие — {birthday}; карта выдана {since} или позже → накануне "
              "дня рождения: {until}",
        "uk": "На момент видачі не було 16 років; 16-річчя — {birthday}; картку видано {since} або пізніше → "
              "напередодні дня народження: {until}",
    },
    "under_16_old_rule": {
        "en": "under 16 at issue; 16th birthday {birthday}; card issued before {since} → the birthday: {until}",
        "ja": "交付時に16歳未満、16歳の誕生日は{birthday}；{since}より前の交付 → 誕生日：{until}",
        "ru": "На момент выдачи не было 16 лет; 16-летие — {birthday}; карта выдана до {since} → в день "
              "рождения: {until}",
        "uk": "На момент видачі не було 16 років; 16-річчя — {birthday}; картку видано до {since} → у день "
              "народження: {until}",
    },
    "card_as_printed": {
        "en": "valid until {until} as printed on the card",
        "ja": "カードの記載では{until}まで有効",
        "ru": "Действительна до {until}, как указано на карте",
        "uk": "Дійсна до {until}, як зазначено на картці",
    },
    "card_until_expiry": {
        "en": "valid until the expiry of the period of stay {exp}",
        "ja": "在留期間の満了日{exp}まで有効",
        "ru": "Действительна до окончания срока пребывания {exp}",
        "uk": "Дійсна до закінчення строку перебування {exp}",
    },
    "card_under_16_earlier": {
        "en": "under-16 date {until} is earlier: the card ends then",
        "ja": "16歳未満の規定による日{until}の方が早い：カードはその日に期限を迎えます",
        "ru": "Дата по правилу для лиц до 16 лет ({until}) наступает раньше: карта истекает в этот день",
        "uk": "Дата за правилом для осіб до 16 років ({until}) настає раніше: картка спливає цього дня",
    },
    "card_birth_unknown": {
        "en": "birth date unknown: a card issued under 16 may end earlier (the under-16 rule)",
        "ja": "生年月日が不明：16歳未満で交付されたカードはより早く期限を迎えることがあります（16歳未満の規定）",
        "ru": "Дата рождения неизвестна: карта, выданная до 16 лет, может истечь раньше (правило для лиц до 16 лет)",
        "uk": "Дата народження невідома: картка, видана до 16 років, може спливти раніше (правило для осіб до "
              "16 років)",
    },
    "card_pending": {
        "en": "a change/extension is pending: the card stays valid in the special period (Art. 19-5(2))",
        "ja": "変更・更新の申請中：特例期間中もカードは有効です（Art. 19-5(2)）",
        "ru": "Заявление об изменении статуса или продлении срока на рассмотрении: в особый период карта остаётся "
              "действительной (Art. 19-5(2))",
        "uk": "Заява про зміну статусу чи продовження строку на розгляді: в особливий період картка залишається "
              "дійсною (Art. 19-5(2))",
    },
    # the certificate of eligibility (Art. 7-2)
    "coe_issued": {
        "en": "COE issued {issued}",
        "ja": "在留資格認定証明書の交付日は{issued}",
        "ru": "COE выдан {issued}",
        "uk": "COE видано {issued}",
    },
}


def trace_line(key: str, **params: object) -> str:
    """A trace line as the calendar writes and stores it: message ``key`` in English."""
    return TRACE_TEXTS[key]["en"].format(**params)


# --------------------------------------------------------------------------------------------------
# reading an English trace line back, and writing it in another language
# --------------------------------------------------------------------------------------------------

_GRANTS: dict[str, dict[str, str]] = {  # how a stay was granted (facts: stay.granted_by), as the subject of a line
    "landing": {"ja": "上陸許可", "ru": "Разрешение на въезд", "uk": "Дозвіл на в'їзд"},
    "change": {"ja": "在留資格変更許可", "ru": "Изменение статуса", "uk": "Зміна статусу"},
    "extension": {"ja": "在留期間更新許可", "ru": "Продление срока пребывания", "uk": "Продовження строку перебування"},
    "acquisition": {"ja": "在留資格取得許可", "ru": "Получение статуса", "uk": "Набуття статусу"},
    "permanent_residence": {"ja": "永住許可", "ru": "Разрешение на постоянное проживание",
                            "uk": "Дозвіл на постійне проживання"},
    "special_permission": {"ja": "在留特別許可", "ru": "Особое разрешение на пребывание",
                           "uk": "Особливий дозвіл на перебування"},
}
_DUTIES: dict[str, dict[str, str]] = {  # the notification a status carries (law catalogue: notification)
    "activity_organization": {"ja": "活動機関", "ru": "об организации, в которой ведётся деятельность",
                              "uk": "про організацію, у якій провадиться діяльність"},
    "contract_organization": {"ja": "契約機関", "ru": "об организации, с которой заключён договор",
                              "uk": "про організацію, з якою укладено договір"},
    "spouse": {"ja": "配偶者", "ru": "о супруге", "uk": "про подружжя"},
}
_UNITS_JA = {"years": "年", "months": "か月", "days": "日"}



def _one_of(codes: Iterable[str]) -> str:
    return "(?:" + "|".join(re.escape(c) for c in sorted(codes, key=len, reverse=True)) + ")"


_DATE = r"\d{4}-\d{2}-\d{2}"
# codes are read as one of the codes of their kind, so that "left_address on ..." is not taken for a grant
_FIELD_RE = {"period": r"P[0-9YMWD]+", "years": r"\d+", "months": r"\d+", "days": r"\d+",
             "status": r"[a-z][a-z0-9_]*", "procedure": _one_of(PROCEDURES), "event": _one_of(EVENTS),
             "grant": _one_of(_GRANTS), "duty": _one_of(_DUTIES), "reason": r".+?", "table": r"[A-Za-z0-9_-]+"}


def _named(names: dict[str, dict[str, str]]) -> Callable[[str], dict[str, str]]:
    def value(code: str) -> dict[str, str]:
        e = names.get(code, {})
        return {"en": code, **{lang: e.get(lang) or code for lang in ("ja", "ru", "uk")}}
    return value


def _period(iso: str) -> dict[str, str] | str:
    from zairyu.duration import Duration
    from zairyu.errors import ZairyuError
    try:
        d = Duration.parse(iso)
    except ZairyuError:
        return iso
    return {"en": iso, **{lang: describe_period(d, lang) for lang in ("ja", "ru", "uk")}}


def _count(unit: str) -> Callable[[str], dict[str, str]]:
    def value(n: str) -> dict[str, str]:
        return {"en": n, "ja": f"{int(n)}{_UNITS_JA[unit]}", "ru": plural(int(n), unit[:-1], "ru"),
                "uk": plural(int(n), unit[:-1], "uk")}
    return value


def _status(code: str) -> dict[str, str]:
    return {**status_names(code), "en": code}


_FIELD_VALUE: dict[str, Callable[[str], Any]] = {
    "period": _period, "years": _count("years"), "months": _count("months"), "days": _count("days"),
    "status": _status, "procedure": _named(PROCEDURES), "event": _named(EVENTS), "grant": _named(_GRANTS),
    "duty": _named(_DUTIES), "reason": closed_day_names,
}
def _pattern(template: str) -> tuple[str, re.Pattern[str]]:
    """(the longest fixed part of the template, a regex reading a line written from it)."""
    return template_regex(template, lambda name: _FIELD_RE.get(name, _DATE))


@cache
def _patterns() -> list[tuple[str, str, re.Pattern[str]]]:
    return [(key, *_pattern(entry["en"])) for key, entry in TRACE_TEXTS.items()]


def _value(v: Any, lang: str) -> Any:
    return (v.get(lang) or v["en"]) if isinstance(v, dict) else v


@lru_cache(maxsize=8192)
def localize_trace(line: str, lang: str) -> str:
    """A trace line the calendar wrote (English), in ``lang``; the English as it is when the line is not
    one of :data:`TRACE_TEXTS` (written by an older version) or ``lang`` is English or unknown."""
    if lang == "en" or lang not in LANGS or not isinstance(line, str):
        return line
    for key, fixed, pat in _patterns():
        if fixed not in line:
            continue
        m = pat.fullmatch(line)
        if m is None:
            continue
        params = {k: _value(_FIELD_VALUE[k](v) if k in _FIELD_VALUE else v, lang) for k, v in m.groupdict().items()}
        return TRACE_TEXTS[key][lang].format(**params)
    return line
