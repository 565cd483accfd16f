"""The assessment's texts in ja, en, ru and uk: requirements, their notes, option explanations.

Keys: ``<requirement id>`` (or ``<id>.<variant>`` where one id is worded differently by route),
``note.*`` for a requirement's note, ``extra.*`` for the sentences an option adds to its explanation,
``verdict.*`` and ``explain.*`` for the explanation's frame. Templates use ``str.format`` fields; see
:func:`zairyu.calendar.texts.render` for the parameters written per language. Law terms follow the
glossary (:mod:`zairyu.glossary`): status names are quoted as it gives them.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from zairyu.calendar.texts import LANGS, Texts, render

RULE_TEXTS: dict[str, dict[str, str]] = {
    # ---- the verdict and the frame of an explanation (zairyu.rules.common.explain)
    "verdict.eligible": {
        "ja": "法律上の要件は、与えられた事実の上ではすべて満たされています（許否は法務大臣の判断です）。",
        "en": "Every legal requirement is met on the facts given (the grant remains the Minister's decision).",
        "ru": "Все требования закона выполнены по указанным фактам (решение о разрешении остаётся за министром).",
        "uk": "Усі вимоги закону виконано за наведеними фактами (рішення про дозвіл залишається за міністром).",
    },
    "verdict.discretionary": {
        "ja": "例外的な裁量判断によってのみ可能です。",
        "en": "Possible only through an exceptional discretionary finding.",
        "ru": "Возможно только в исключительном порядке, на усмотрение органов.",
        "uk": "Можливо лише у винятковому порядку, на розсуд органів.",
    },
    "verdict.ineligible": {
        "ja": "要件を満たしていません。", "en": "A requirement is not met.",
        "ru": "Требование не выполнено.", "uk": "Вимогу не виконано.",
    },
    "verdict.needs_facts": {
        "ja": "結論は不明な事実によります。", "en": "The outcome turns on facts not given.",
        "ru": "Результат зависит от неуказанных фактов.", "uk": "Результат залежить від невказаних фактів.",
    },
    "explain.head": {"ja": "{name}：{verdict}", "en": "{name}: {verdict}", "ru": "{name}: {verdict}",
                     "uk": "{name}: {verdict}"},
    "explain.with_target": {"ja": "{name}（{status}）", "en": "{name} ({status})", "ru": "{name} ({status})",
                            "uk": "{name} ({status})"},
    "explain.special_re_entry": {"ja": "みなし再入国許可", "en": "Special re-entry",
                                 "ru": "Особое разрешение на повторный въезд",
                                 "uk": "Особливий дозвіл на повторний в'їзд"},
    "explain.unmet": {"ja": "未充足：{text}{when}［{prov}］。", "en": "Not met: {text}{when} [{prov}].",
                      "ru": "Не выполнено: {text}{when} [{prov}].", "uk": "Не виконано: {text}{when} [{prov}]."},
    "explain.when": {"ja": "（{date}以降に満たされ得る）", "en": " (could be met from {date})",
                     "ru": " (может быть выполнено с {date})", "uk": " (може бути виконано з {date})"},
    "explain.unknown": {"ja": "不明：{text}（{facts}）［{prov}］。", "en": "Unknown: {text} ({facts}) [{prov}].",
                        "ru": "Неизвестно: {text} ({facts}) [{prov}].", "uk": "Невідомо: {text} ({facts}) [{prov}]."},
    "explain.discretionary": {"ja": "裁量：{text}［{prov}］。", "en": "Discretionary: {text} [{prov}].",
                              "ru": "На усмотрение: {text} [{prov}].", "uk": "На розсуд: {text} [{prov}]."},
    "explain.note": {"ja": "{note}。", "en": "{note}.", "ru": "{note}.", "uk": "{note}."},

    "note.no_stay": {
        "ja": "現在の在留（stay）が分からないため、評価できる手続はありません。",
        "en": "No current stay is given, so no procedure can be assessed.",
        "ru": "Текущее пребывание (stay) не указано, поэтому оценить процедуры невозможно.",
        "uk": "Поточне перебування (stay) не вказано, тому оцінити процедури неможливо.",
    },

    # ---- ISA guideline factors for change and extension (zairyu.rules.common.guideline_factors)
    "past_conduct_of_activity": {
        "ja": "現に有する在留資格に応じた活動を行っていたこと",
        "en": "Has been engaged in the activities of the current status",
        "ru": "Вёл(а) деятельность, соответствующую текущему статусу",
        "uk": "Провадив(ла) діяльність, що відповідає поточному статусу",
    },
    "good_conduct.guideline": {
        "ja": "素行が不良でないこと", "en": "Not of bad conduct",
        "ru": "Нет нарушений поведения (素行不良)", "uk": "Немає порушень поведінки (素行不良)",
    },
    "independent_livelihood.guideline": {
        "ja": "独立の生計を営むに足りる資産又は技能を有すること",
        "en": "Assets or skills for an independent livelihood",
        "ru": "Средства или навыки для самостоятельного обеспечения жизни",
        "uk": "Кошти або навички для самостійного забезпечення життя",
    },
    "note.humanitarian_waiver": {
        "ja": "人道上の理由がある場合は考慮されないことがある", "en": "may be waived on humanitarian grounds",
        "ru": "при гуманитарных основаниях может не учитываться",
        "uk": "за гуманітарних підстав може не враховуватися",
    },
    "taxes_paid": {"ja": "納税義務を履行していること", "en": "Taxes paid", "ru": "Налоги уплачены",
                   "uk": "Податки сплачено"},
    "notifications": {
        "ja": "入管法に定める届出等の義務を履行していること", "en": "ICRRA notifications complied with",
        "ru": "Обязанности по уведомлениям по ICRRA выполнены",
        "uk": "Обов'язки щодо повідомлень за ICRRA виконано",
    },

    # ---- change of status, extension, COE, acquisition (zairyu.rules.procedures.residence)
    "holds_valid_status": {
        "ja": "有効な在留資格をもって在留していること", "en": "Holds a status of residence that has not expired",
        "ru": "Имеет действующий (не истёкший) статус пребывания",
        "uk": "Має чинний (не прострочений) статус перебування",
    },
    "note.in_special_period": {
        "ja": "特例期間中（入管法20条6項）", "en": "in the special period (ICRRA Art. 20(6))",
        "ru": "в особый период (ICRRA, ст. 20(6))", "uk": "в особливий період (ICRRA, ст. 20(6))",
    },
    "in_japan.staying": {"ja": "本邦に在留していること", "en": "Is staying in Japan", "ru": "Находится в Японии",
                         "uk": "Перебуває в Японії"},
    "note.left_japan": {"ja": "出国中", "en": "has left Japan", "ru": "выехал(а) из Японии",
                        "uk": "виїхав(ла) з Японії"},
    "target_status_exists": {
        "ja": "「{status}」の在留資格がこの日に存在すること", "en": "The status {status} exists on this date",
        "ru": "Статус «{status}» существует на эту дату", "uk": "Статус «{status}» існує на цю дату",
    },
    "activity_fits_status": {
        "ja": "予定する活動が「{status}」に該当すること", "en": "The intended activity falls under {status}",
        "ru": "Планируемая деятельность соответствует статусу «{status}»",
        "uk": "Запланована діяльність відповідає статусу «{status}»",
    },
    "landing_criteria": {
        "ja": "上陸許可基準に適合すること", "en": "Meets the landing criteria for the target status",
        "ru": "Соответствует критериям разрешения на въезд для нового статуса",
        "uk": "Відповідає критеріям дозволу на в'їзд для нового статусу",
    },
    "special_unavoidable_circumstances.measure": {
        "ja": "やむを得ない特別の事情（本国情勢を踏まえた特別措置）",
        "en": "Special unavoidable circumstances: the ISA special measure '{measure}'",
        "ru": "Особые неизбежные обстоятельства: особая мера ISA «{measure}»",
        "uk": "Особливі невідворотні обставини: особливий захід ISA «{measure}»",
    },
    "special_unavoidable_circumstances": {
        "ja": "やむを得ない特別の事情があること", "en": "Special unavoidable circumstances",
        "ru": "Особые неизбежные обстоятельства", "uk": "Особливі невідворотні обставини",
    },
    "note.ground_coe": {
        "ja": "在留中に在留資格認定証明書が交付された",
        "en": "a certificate of eligibility was issued in Japan on {date}",
        "ru": "сертификат соответствия (COE) выдан в Японии {date}",
        "uk": "сертифікат відповідності (COE) видано в Японії {date}",
    },
    "note.ground_marriage": {
        "ja": "在留中の婚姻", "en": "marriage while in Japan",
        "ru": "брак, заключённый во время пребывания в Японии",
        "uk": "шлюб, укладений під час перебування в Японії",
    },
    "note.ground_humanitarian": {
        "ja": "人道上の事情（安全に帰国できない）", "en": "humanitarian: cannot return safely{grounds}",
        "ru": "гуманитарные основания: невозможно безопасно вернуться{grounds}",
        "uk": "гуманітарні підстави: неможливо безпечно повернутися{grounds}",
    },
    "note.inconvenience": {
        "ja": "帰国の手間は理由にならない", "en": "inconvenience of going home is not accepted",
        "ru": "неудобство возвращения на родину причиной не считается",
        "uk": "незручність повернення на батьківщину причиною не вважається",
    },
    "target_status_known": {
        "ja": "変更先の在留資格が分かっていること", "en": "The target status is known",
        "ru": "Известен статус, на который нужно перейти", "uk": "Відомий статус, на який потрібно перейти",
    },
    "titp_plan": {
        "ja": "技能実習計画の途中での変更は原則として認められない",
        "en": "A change in the middle of a training plan is in principle not allowed",
        "ru": "Изменение статуса посреди плана технической стажировки, как правило, не допускается",
        "uk": "Зміна статусу посеред плану технічного стажування, як правило, не допускається",
    },
    "extra.no_special_period_short": {
        "ja": "現在の在留期間が30日以下のため、特例期間（入管法20条6項）はありません。",
        "en": "The current period of stay is 30 days or less, so no special period applies (ICRRA Art. 20(6)).",
        "ru": "Текущий срок пребывания — 30 дней или меньше, поэтому особого периода нет (ICRRA, ст. 20(6)).",
        "uk": "Поточний строк перебування — 30 днів або менше, тому особливого періоду немає (ICRRA, ст. 20(6)).",
    },
    "extra.special_period": {
        "ja": "満了日までに申請すれば、処分まで又は満了日から2か月を経過する日まで在留できます（入管法20条6項）。",
        "en": "Filed by the expiry date, the stay continues until the decision or the end of the day two months "
              "after expiry, whichever is earlier (ICRRA Art. 20(6)).",
        "ru": "Если подать заявление до дня окончания срока, пребывание продолжается до решения или до конца дня, "
              "когда истекают два месяца после окончания срока, смотря что наступит раньше (ICRRA, ст. 20(6)).",
        "uk": "Якщо подати заяву до дня закінчення строку, перебування триває до рішення або до кінця дня, коли "
              "спливають два місяці після закінчення строку, залежно від того, що настане раніше (ICRRA, ст. 20(6)).",
    },
    "filed_by_expiry": {
        "ja": "満了日までに申請すること", "en": "Filed by the expiry date",
        "ru": "Заявление подано не позднее дня окончания срока", "uk": "Заяву подано не пізніше дня закінчення строку",
    },
    "note.converted_change": {
        "ja": "係属中の変更申請を更新申請に切り替える（{filed}に申請したものとみなす）",
        "en": "by converting the pending change application in person (deemed filed on {filed})",
        "ru": "если лично переоформить поданное заявление об изменении статуса в заявление о продлении (считается "
              "поданным {filed})",
        "uk": "якщо особисто переоформити подану заяву про зміну статусу на заяву про продовження (вважається "
              "поданою {filed})",
    },
    "note.last_filing_day_passed": {
        "ja": "申請可能日（{last}）を過ぎています", "en": "the last filing day was {last}",
        "ru": "последний день подачи был {last}", "uk": "останній день подання був {last}",
    },
    "filing_window_open": {
        "ja": "申請受付期間内であること（満了日の概ね3か月前から）",
        "en": "Within the filing window (from about 3 months before expiry)",
        "ru": "Срок приёма заявлений уже открыт (примерно за 3 месяца до окончания срока)",
        "uk": "Строк приймання заяв уже відкрито (приблизно за 3 місяці до закінчення строку)",
    },
    "visa_waiver_six_months": {
        "ja": "査証免除取決めにより通算6か月まで更新可能な国籍",
        "en": "Visa-waiver nationality allowing a total stay of up to 6 months",
        "ru": "Гражданство с безвизовым режимом, допускающим пребывание в общей сложности до 6 месяцев",
        "uk": "Громадянство з безвізовим режимом, що допускає перебування загалом до 6 місяців",
    },
    "humanitarian_grounds": {
        "ja": "真にやむを得ない人道上の事情又はこれに準ずる特別な事情",
        "en": "A truly unavoidable humanitarian (or equivalent special) circumstance",
        "ru": "Действительно неизбежные гуманитарные (или равноценные особые) обстоятельства",
        "uk": "Справді невідворотні гуманітарні (або рівноцінні особливі) обставини",
    },
    "note.cannot_return": {"ja": "人道上の事情", "en": "cannot return safely", "ru": "невозможно безопасно вернуться",
                           "uk": "неможливо безпечно повернутися"},
    "note.medical_treatment": {"ja": "人道上の事情", "en": "medical treatment", "ru": "лечение", "uk": "лікування"},
    "extra.visa_waiver_nationals": {
        "ja": "国籍により（アイルランド、オーストリア、スイス、ドイツ、リヒテンシュタイン、英国、メキシコ）通算6か月まで更新できます。",  # noqa: E501
        "en": "Nationals of Ireland, Austria, Switzerland, Germany, Liechtenstein, the UK and Mexico may extend a "
              "visa-waiver stay to a total of 6 months.",
        "ru": "Граждане Ирландии, Австрии, Швейцарии, Германии, Лихтенштейна, Великобритании и Мексики могут "
              "продлить безвизовое пребывание в общей сложности до 6 месяцев.",
        "uk": "Громадяни Ірландії, Австрії, Швейцарії, Німеччини, Ліхтенштейну, Великої Британії та Мексики можуть "
              "продовжити безвізове перебування загалом до 6 місяців.",
    },
    "continues_activity": {
        "ja": "在留資格に応じた活動を継続すること", "en": "Continues the activities of the current status",
        "ru": "Продолжает деятельность по текущему статусу", "uk": "Продовжує діяльність за поточним статусом",
    },
    "ssw1_cumulative_cap": {
        "ja": "特定技能1号での通算在留期間が5年に達していないこと", "en": "Cumulative SSW (i) stay below 5 years",
        "ru": "Общий срок пребывания со статусом «Особо квалифицированный работник (i)» меньше 5 лет",
        "uk": "Загальний строк перебування зі статусом «Особливо кваліфікований працівник (i)» менше 5 років",
    },
    "note.five_years_on": {"ja": "5年到達：{date}", "en": "5 years reached on {date}",
                           "ru": "рубеж 5 лет: {date}", "uk": "межа 5 років: {date}"},
    "note.ssw1_six_years": {
        "ja": "2025-09-30以降、相当の理由があれば6年まで（例：2号試験にわずかに不合格）",
        "en": "from 2025-09-30 up to 6 years where there is reasonable ground (ISA's example: narrowly failed the "
              "SSW (ii) test)",
        "ru": "с 2025-09-30 — до 6 лет при обоснованной причине (пример ISA: немного не хватило до сдачи "
              "экзамена на SSW (ii))",
        "uk": "з 2025-09-30 — до 6 років за обґрунтованої причини (приклад ISA: трохи не вистачило до складання "
              "іспиту на SSW (ii))",
    },
    "coe_available_for_status": {
        "ja": "在留資格認定証明書の対象となる在留資格であること（短期滞在・永住者を除く）",
        "en": "A status a certificate of eligibility can be issued for (not Temporary Visitor or Permanent Resident)",
        "ru": "Статус, для которого выдаётся сертификат соответствия (COE) (не «Краткосрочное пребывание» и не "
              "«Постоянный житель»)",
        "uk": "Статус, для якого видається сертифікат відповідності (COE) (не «Короткострокове перебування» і не "
              "«Постійний мешканець»)",
    },
    "no_landing_denial_ground": {
        "ja": "上陸拒否事由に該当しないこと", "en": "No landing-denial ground",
        "ru": "Нет оснований для отказа во въезде", "uk": "Немає підстав для відмови у в'їзді",
    },
    "extra.coe_route": {
        "ja": "通常の経路：在留資格認定証明書の交付後、在外公館で査証を取得して入国します（代理人による申請可）。"
              "交付後概ね3か月以内に入国が必要です。",
        "en": "The ordinary route: once the certificate is issued, obtain a visa at a Japanese mission abroad and "
              "land in Japan (a proxy in Japan may apply). Land within about 3 months of issue.",
        "ru": "Обычный путь: после выдачи сертификата получите визу в дипломатическом представительстве Японии за "
              "рубежом и въезжайте в Японию (подать заявление может представитель в Японии). Въехать нужно примерно "
              "в течение 3 месяцев после выдачи.",
        "uk": "Звичайний шлях: після видачі сертифіката отримайте візу в дипломатичному представництві Японії за "
              "кордоном і в'їжджайте до Японії (подати заяву може представник у Японії). В'їхати потрібно приблизно "
              "протягом 3 місяців після видачі.",
    },
    "event_without_landing": {
        "ja": "出生その他の事由により上陸の手続を経ることなく在留することとなったこと",
        "en": "Came to stay in Japan without landing (birth in Japan)",
        "ru": "Оказался(ась) в Японии без процедуры въезда (рождение в Японии)",
        "uk": "Опинився(лася) в Японії без процедури в'їзду (народження в Японії)",
    },
    "within_30_days": {
        "ja": "事由が生じた日から30日以内に申請すること", "en": "Apply within 30 days of the event",
        "ru": "Подать заявление в течение 30 дней с события", "uk": "Подати заяву протягом 30 днів від події",
    },
    "target_status_known.acquisition": {
        "ja": "取得する在留資格が分かっていること", "en": "The status to acquire is known",
        "ru": "Известен статус, который нужно получить", "uk": "Відомий статус, який потрібно набути",
    },
    "extra.acquisition": {
        "ja": "申請中でも特例期間はなく、60日を超えて在留資格なく在留することはできません。",
        "en": "No special period applies while pending: staying beyond 60 days without a status is a deportation "
              "ground (Art. 24(vii)).",
        "ru": "Пока заявление рассматривается, особого периода нет: пребывание без статуса дольше 60 дней — "
              "основание для депортации (ст. 24(vii)).",
        "uk": "Поки заява розглядається, особливого періоду немає: перебування без статусу довше 60 днів — "
              "підстава для депортації (ст. 24(vii)).",
    },

    # ---- permanent residence (zairyu.rules.procedures.permanent)
    "route.ten_years": {
        "ja": "引き続き10年以上在留し、うち5年以上は就労資格（技能実習・特定技能1号を除く）又は居住資格",
        "en": "10 years' continuous residence, 5 of them on a work status (not Technical Intern Training or SSW (i)) "
              "or a Table II status",
        "ru": "10 лет непрерывного проживания, из них не менее 5 лет — с рабочим статусом (кроме технической "
              "стажировки и «Особо квалифицированного работника (i)») или статусом из Таблицы II",
        "uk": "10 років безперервного проживання, з них щонайменше 5 років — з робочим статусом (крім технічного "
              "стажування та «Особливо кваліфікованого працівника (i)») або статусом із Таблиці II",
    },
    "route.spouse": {
        "ja": "日本人・永住者・特別永住者の配偶者：実体を伴う婚姻3年以上かつ引き続き1年以上在留",
        "en": "Spouse of a Japanese national, PR or SPR: 3 years of real marriage and 1 year in Japan",
        "ru": "Супруг(а) гражданина Японии, постоянного или особого постоянного жителя: 3 года фактического брака "
              "и 1 год в Японии",
        "uk": "Чоловік/дружина громадянина Японії, постійного або особливого постійного мешканця: 3 роки "
              "фактичного шлюбу та 1 рік у Японії",
    },
    "route.child": {
        "ja": "日本人・永住者・特別永住者の実子等：引き続き1年以上在留",
        "en": "Child of a Japanese national, PR or SPR: 1 year in Japan",
        "ru": "Ребёнок гражданина Японии, постоянного или особого постоянного жителя: 1 год в Японии",
        "uk": "Дитина громадянина Японії, постійного або особливого постійного мешканця: 1 рік у Японії",
    },
    "route.long_term_resident": {
        "ja": "定住者として引き続き5年以上在留", "en": "5 years' continuous residence as a Long-Term Resident",
        "ru": "5 лет непрерывного проживания со статусом «Долгосрочный житель»",
        "uk": "5 років безперервного проживання зі статусом «Довгостроковий мешканець»",
    },
    "route.refugee": {
        "ja": "難民・補完的保護対象者の認定後引き続き5年以上在留",
        "en": "5 years' continuous residence after refugee or complementary-protection recognition",
        "ru": "5 лет непрерывного проживания после признания беженцем или предоставления дополнительной защиты",
        "uk": "5 років безперервного проживання після визнання біженцем або надання додаткового захисту",
    },
    "route.hsp_points": {
        "ja": "高度専門職ポイント{threshold}点以上で引き続き{years}年以上在留",
        "en": "HSP points {points} (≥{threshold}): {years} year(s) continuous residence",
        "ru": "Баллы высококвалифицированного специалиста: {points} (≥{threshold}): {span} непрерывного проживания",
        "uk": "Бали висококваліфікованого фахівця: {points} (≥{threshold}): {span} безперервного проживання",
    },
    "route.hsp": {
        "ja": "高度専門職ポイントによる特例", "en": "HSP points route",
        "ru": "Путь по баллам высококвалифицированного специалиста",
        "uk": "Шлях за балами висококваліфікованого фахівця",
    },
    "route.contribution": {
        "ja": "我が国への貢献があると認められる者（外交、社会、経済、文化等の分野）：5年以上本邦に在留",
        "en": "Recognised contribution to Japan (diplomacy, society, economy, culture…): 5 years' residence in Japan",
        "ru": "Признанный вклад в интересы Японии (дипломатия, общество, экономика, культура…): 5 лет проживания "
              "в Японии",
        "uk": "Визнаний внесок в інтереси Японії (дипломатія, суспільство, економіка, культура…): 5 років "
              "проживання в Японії",
    },
    "route.special_zone": {
        "ja": "地域再生の特区における研究者等：3年以上在留",
        "en": "Researcher etc. in a regional-revitalisation special zone: 3 years in Japan",
        "ru": "Исследователь и т. п. в особой зоне регионального возрождения: 3 года в Японии",
        "uk": "Дослідник тощо в особливій зоні регіонального відродження: 3 роки в Японії",
    },
    "route.j_skip": {
        "ja": "特別高度人材（J-Skip、2023-04-21改定以降）：特別高度人材として引き続き1年以上在留、又は引き続き1年以上"
              "在留し申請日の1年前の時点で基準に適合",
        "en": "Special Highly Skilled Professional (J-Skip, from the 2023-04-21 revision): 1 year's continuous stay "
              "as a Special HSP, or 1 year's continuous residence with the J-Skip criteria met 1 year before the "
              "application",
        "ru": "Особый высококвалифицированный специалист (J-Skip, с редакции от 2023-04-21): 1 год непрерывного "
              "пребывания в этом качестве или 1 год непрерывного проживания при соответствии критериям J-Skip за "
              "1 год до подачи заявления",
        "uk": "Особливий висококваліфікований фахівець (J-Skip, з редакції від 2023-04-21): 1 рік безперервного "
              "перебування в цій якості або 1 рік безперервного проживання з відповідністю критеріям J-Skip за "
              "1 рік до подання заяви",
    },
    "note.route": {"ja": "経路：{route}", "en": "route: {route}", "ru": "путь: {route}", "uk": "шлях: {route}"},
    "note.closest_route": {"ja": "経路：{route}", "en": "closest route: {route}", "ru": "ближайший путь: {route}",
                           "uk": "найближчий шлях: {route}"},
    "note.otherwise_route": {
        "ja": "上記に該当しない場合：{route}の経路で{date}から", "en": "otherwise: route {route} from {date}",
        "ru": "в противном случае: путь {route} с {date}", "uk": "інакше: шлях {route} з {date}",
    },
    "longest_period": {
        "ja": "現に有する在留資格の最長の在留期間をもって在留していること",
        "en": "Holds the longest period of stay for the current status",
        "ru": "Имеет максимальный срок пребывания для текущего статуса",
        "uk": "Має максимальний строк перебування для поточного статусу",
    },
    "note.three_years_counts": {
        "ja": "当面、在留期間3年は最長として扱われる（2027-04-01に終了予定：実務情報・未確認）",
        "en": "for the time being 3 years counts as the longest (reported to end 2027-04-01: practice, unverified)",
        "ru": "пока что срок 3 года считается максимальным (по сообщениям, до 2027-04-01: практика, не проверено)",
        "uk": "поки що строк 3 роки вважається максимальним (за повідомленнями, до 2027-04-01: практика, не "
              "перевірено)",
    },
    "note.longest_for_status": {
        "ja": "この在留資格の最長の在留期間：{longest}", "en": "longest for this status: {longest}",
        "ru": "максимальный срок для этого статуса: {longest}", "uk": "максимальний строк для цього статусу: {longest}",
    },
    "note.three_years_ended": {
        "ja": "在留期間3年を最長とみなす取扱いは2027-04-01に終了（実務情報・未確認）",
        "en": "the 3-years-counts treatment ended 2027-04-01 (practice, unverified)",
        "ru": "правило «3 года считаются максимальным сроком» перестало действовать 2027-04-01 (практика, не "
              "проверено)",
        "uk": "правило «3 роки вважаються максимальним строком» припинило діяти 2027-04-01 (практика, не "
              "перевірено)",
    },
    "good_conduct.waived": {"ja": "素行が善良であること", "en": "Good conduct", "ru": "Добропорядочное поведение",
                            "uk": "Добропорядна поведінка"},
    "note.waived_family": {"ja": "配偶者・子は免除", "en": "waived for spouses and children",
                           "ru": "не требуется для супругов и детей", "uk": "не вимагається для подружжя та дітей"},
    "good_conduct.pr": {
        "ja": "素行が善良であること（罰金・拘禁刑に処せられていない）", "en": "Good conduct (no fine or imprisonment)",
        "ru": "Добропорядочное поведение (не было штрафов и лишения свободы)",
        "uk": "Добропорядна поведінка (не було штрафів і позбавлення волі)",
    },
    "independent_livelihood.pr": {
        "ja": "独立の生計を営むに足りる資産又は技能", "en": "Assets or skills for an independent livelihood",
        "ru": "Средства или навыки для самостоятельного обеспечения жизни",
        "uk": "Кошти або навички для самостійного забезпечення життя",
    },
    "note.waived_refugee": {
        "ja": "免除", "en": "waived (refugees: Art. 61-2-11, number unverified)",
        "ru": "не требуется (беженцы: ст. 61-2-11, номер статьи не проверен)",
        "uk": "не вимагається (біженці: ст. 61-2-11, номер статті не перевірено)",
    },
    "note.waived_family_short": {"ja": "免除", "en": "waived for spouses and children",
                                 "ru": "не требуется для супругов и детей",
                                 "uk": "не вимагається для подружжя та дітей"},
    "public_obligations": {
        "ja": "公的義務（納税、年金・医療保険料、入管法上の届出）を適正に履行していること",
        "en": "Public obligations met: taxes, pension and health-insurance contributions, ICRRA notifications",
        "ru": "Публичные обязанности выполнены: налоги, пенсионные и медицинские страховые взносы, уведомления по "
              "ICRRA",
        "uk": "Публічні обов'язки виконано: податки, пенсійні та медичні страхові внески, повідомлення за ICRRA",
    },
    "landing_criteria_current_status": {
        "ja": "現に有する在留資格の上陸許可基準等に適合すること",
        "en": "Meets the landing criteria etc. for the status currently held",
        "ru": "Соответствует критериям разрешения на въезд и т. п. для текущего статуса",
        "uk": "Відповідає критеріям дозволу на в'їзд тощо для поточного статусу",
    },
    "note.guideline_2024": {"ja": "2024-11-18改定ガイドライン", "en": "guideline as revised 2024-11-18",
                            "ru": "руководство в редакции от 2024-11-18", "uk": "настанова в редакції від 2024-11-18"},
    "public_health": {"ja": "公衆衛生上の観点から有害となるおそれがないこと", "en": "No public-health risk",
                      "ru": "Нет угрозы для здоровья населения", "uk": "Немає загрози для здоров'я населення"},
    "hsp_points_maintained": {
        "ja": "ポイントが期間を通じて維持されていること", "en": "The HSP points were maintained throughout the period",
        "ru": "Баллы высококвалифицированного специалиста сохранялись в течение всего периода",
        "uk": "Бали висококваліфікованого фахівця зберігалися протягом усього періоду",
    },
    "continuous_residence": {
        "ja": "在留が継続していること（長期の出国は継続性を失わせ得る。ガイドラインに日数の定めはない）",
        "en": "Residence has been continuous (long absences abroad can break it; the guideline sets no number of "
              "days)",
        "ru": "Проживание было непрерывным (длительное отсутствие в Японии может его прервать; руководство не "
              "устанавливает число дней)",
        "uk": "Проживання було безперервним (тривала відсутність у Японії може його перервати; настанова не "
              "встановлює кількість днів)",
    },
    "note.one_practitioner_source": {
        "ja": "一つの実務情報による", "en": "one practitioner source (2024 revision)",
        "ru": "один источник из практики (редакция 2024 г.)", "uk": "одне джерело з практики (редакція 2024 р.)",
    },
    "extra.permanent_residence": {
        "ja": "永住許可申請には特例期間がありません。審査中も在留期間更新で現在の在留資格を維持してください。",
        "en": "No special period applies to a permanent-residence application: keep the current status valid by "
              "extensions while it is pending.",
        "ru": "Для заявления на постоянное проживание особого периода нет: пока оно рассматривается, сохраняйте "
              "текущий статус, продлевая срок пребывания.",
        "uk": "Для заяви на постійне проживання особливого періоду немає: поки вона розглядається, зберігайте "
              "поточний статус, продовжуючи строк перебування.",
    },

    # ---- protection and removal (zairyu.rules.procedures.protection)
    "in_japan.present": {"ja": "本邦に在る外国人であること", "en": "Is in Japan", "ru": "Находится в Японии",
                         "uk": "Перебуває в Японії"},
    "well_founded_fear_convention_reason": {
        "ja": "人種、宗教、国籍、特定の社会的集団の構成員であること又は政治的意見を理由に迫害を受けるおそれがあること",
        "en": "A well-founded fear of persecution for race, religion, nationality, membership of a particular "
              "social group or political opinion",
        "ru": "Обоснованные опасения преследования по признаку расы, вероисповедания, гражданства, принадлежности "
              "к определённой социальной группе или политических убеждений",
        "uk": "Обґрунтовані побоювання переслідування за ознакою раси, віросповідання, громадянства, належності "
              "до певної соціальної групи або політичних поглядів",
    },
    "extra.refugee": {
        "ja": "申請に期限はありませんが、申請しても在留資格は延長されません（在留期間更新が別途必要）。"
              "認定されれば定住者への変更が許可されます（入管法61条の2の3）。不認定には7日以内に審査請求。",
        "en": "No filing deadline, but an application does not extend the current status (file extensions as "
              "usual). Recognition leads to a change to Long-Term Resident (Art. 61-2-3); a refusal can be appealed "
              "within 7 days.",
        "ru": "Срока подачи нет, но заявление не продлевает текущий статус (продлевайте срок пребывания как "
              "обычно). Признание ведёт к изменению статуса на «Долгосрочный житель» (ст. 61-2-3); отказ можно "
              "обжаловать в течение 7 дней.",
        "uk": "Строку подання немає, але заява не продовжує поточний статус (продовжуйте строк перебування як "
              "зазвичай). Визнання веде до зміни статусу на «Довгостроковий мешканець» (ст. 61-2-3); відмову можна "
              "оскаржити протягом 7 днів.",
    },
    "extra.grounds_stated": {"ja": "申告された事情：{grounds}。", "en": "Grounds stated: {grounds}.",
                             "ru": "Заявленные обстоятельства: {grounds}.", "uk": "Заявлені обставини: {grounds}."},
    "system_in_force": {
        "ja": "補完的保護対象者認定制度が施行されていること（2023-12-01から）",
        "en": "The complementary-protection system is in force (from 2023-12-01)",
        "ru": "Система дополнительной защиты действует (с 2023-12-01)",
        "uk": "Система додаткового захисту діє (з 2023-12-01)",
    },
    "serious_harm_feared": {
        "ja": "迫害を受けるおそれ（条約上の理由によらない）があること",
        "en": "A well-founded fear of persecution (serious harm) for a non-Convention reason",
        "ru": "Обоснованные опасения преследования (серьёзного вреда) по причине, не предусмотренной Конвенцией",
        "uk": "Обґрунтовані побоювання переслідування (серйозної шкоди) з причини, не передбаченої Конвенцією",
    },
    "extra.complementary_protection": {
        "ja": "難民に当たらないが、条約上の理由以外で迫害のおそれがある人のための認定です。",
        "en": "For people who are not refugees only because the feared persecution is not for a Convention reason "
              "(designed with Ukrainian evacuees in mind).",
        "ru": "Для тех, кто не признаётся беженцем лишь потому, что преследование, которого он опасается, не "
              "связано с причинами из Конвенции (система создавалась с учётом эвакуированных из Украины).",
        "uk": "Для тих, кого не визнають біженцем лише тому, що переслідування, якого вони побоюються, не "
              "пов'язане з причинами з Конвенції (систему створено з урахуванням евакуйованих з України).",
    },
    "deportable": {
        "ja": "退去強制対象者（不法残留等）であること", "en": "Is deportable (e.g. staying past the period of stay)",
        "ru": "Подлежит депортации (например, пребывание после окончания срока)",
        "uk": "Підлягає депортації (наприклад, перебування після закінчення строку)",
    },
    "application_procedure": {
        "ja": "在留特別許可の申請手続があること（2024-06-10から）",
        "en": "Special permission can be applied for (from 2024-06-10)",
        "ru": "Можно подать заявление об особом разрешении на пребывание (с 2024-06-10)",
        "uk": "Можна подати заяву про особливий дозвіл на перебування (з 2024-06-10)",
    },
    "note.only_in_proceedings": {
        "ja": "それ以前は退去強制手続の異議申出の中でのみ",
        "en": "before then only within deportation proceedings (objection)",
        "ru": "до этой даты — только в рамках процедуры депортации (возражение)",
        "uk": "до цієї дати — лише в межах процедури депортації (заперечення)",
    },
    "in_proceedings": {
        "ja": "収容令書による収容中又は監理措置中であること",
        "en": "Under a detention order (incl. provisional release) or supervision measures",
        "ru": "Находится под действием ордера на задержание (включая временное освобождение) или мер надзора",
        "uk": "Перебуває під дією ордера на затримання (включно з тимчасовим звільненням) або заходів нагляду",
    },
    "before_deportation_order": {
        "ja": "退去強制令書が発付される前であること", "en": "Before a deportation order is issued",
        "ru": "Приказ о депортации ещё не вынесен", "uk": "Наказ про депортацію ще не видано",
    },
    "special_circumstances": {
        "ja": "在留を特別に許可すべき事情があること", "en": "Circumstances warranting special permission",
        "ru": "Есть обстоятельства, оправдывающие особое разрешение",
        "uk": "Є обставини, що виправдовують особливий дозвіл",
    },
    "humanitarian_need": {
        "ja": "人道的配慮の必要性", "en": "Humanitarian need (cannot return safely)",
        "ru": "Гуманитарная необходимость (невозможно безопасно вернуться)",
        "uk": "Гуманітарна потреба (неможливо безпечно повернутися)",
    },
    "family_in_japan": {"ja": "本邦の家族関係", "en": "Family in Japan", "ru": "Семья в Японии",
                        "uk": "Сім'я в Японії"},
    "conduct": {"ja": "素行", "en": "Conduct (no criminal record)", "ru": "Поведение (нет судимости)",
                "uk": "Поведінка (немає судимості)"},
    "extra.special_permission": {
        "ja": "法務大臣が積極・消極要素を総合的に考慮して判断します（子の利益、地域社会との結びつき等）。",
        "en": "The Minister weighs positive and negative factors (best interests of children, ties to the local "
              "community, conduct, length of stay, humanitarian need).",
        "ru": "Министр взвешивает положительные и отрицательные факторы (интересы детей, связи с местным "
              "сообществом, поведение, длительность пребывания, гуманитарная необходимость).",
        "uk": "Міністр зважує позитивні й негативні чинники (інтереси дітей, зв'язки з місцевою громадою, "
              "поведінка, тривалість перебування, гуманітарна потреба).",
    },
    "intends_to_leave_promptly": {
        "ja": "速やかに本邦から出国する意思をもって出頭したこと",
        "en": "Appeared (or will appear) at an immigration office intending to leave promptly",
        "ru": "Явился(лась) (или явится) в иммиграционное бюро с намерением быстро выехать",
        "uk": "З'явився(лася) (або з'явиться) до імміграційного бюро з наміром швидко виїхати",
    },
    "no_specified_sentence": {
        "ja": "入国後に窃盗等の罪により拘禁刑に処せられていないこと",
        "en": "Not sentenced to imprisonment for theft or other specified offences after entry",
        "ru": "После въезда не был(а) осуждён(а) к лишению свободы за кражу или другие указанные преступления",
        "uk": "Після в'їзду не був(ла) засуджений(а) до позбавлення волі за крадіжку чи інші визначені злочини",
    },
    "not_previously_removed": {
        "ja": "過去に退去強制又は出国命令を受けたことがないこと", "en": "Never previously deported or ordered to depart",  # noqa: E501
        "ru": "Ранее не депортировался(лась) и не получал(а) приказа о выезде",
        "uk": "Раніше не депортувався(лася) і не отримував(ла) наказу про виїзд",
    },
    "certain_to_leave": {
        "ja": "速やかに出国することが確実と見込まれること（旅券等）",
        "en": "Certain to leave promptly (passport, ticket, funds)",
        "ru": "Несомненно сможет быстро выехать (паспорт, билет, средства)",
        "uk": "Безсумнівно зможе швидко виїхати (паспорт, квиток, кошти)",
    },
    "no_deportation_order": {
        "ja": "退去強制令書が発付されていないこと", "en": "No deportation order issued",
        "ru": "Приказ о депортации не выносился", "uk": "Наказ про депортацію не видавався",
    },
    "extra.departure_order": {
        "ja": "収容されず、15日以内の期限で出国します。上陸拒否期間は1年（退去強制では5年）。",
        "en": "No detention; departure by a date set at 15 days or less (Art. 55-3). Landing is then refused for 1 "
              "year instead of 5 after deportation.",
        "ru": "Без задержания; выезд до даты, назначенной в пределах 15 дней (ст. 55-3). После этого во въезде "
              "отказывают 1 год, а не 5 лет, как после депортации.",
        "uk": "Без затримання; виїзд до дати, призначеної в межах 15 днів (ст. 55-3). Після цього у в'їзді "
              "відмовляють 1 рік, а не 5 років, як після депортації.",
    },

    # ---- re-entry (zairyu.rules.procedures.travel)
    "valid_passport": {"ja": "有効な旅券を所持していること", "en": "Holds a valid passport",
                       "ru": "Имеет действующий паспорт", "uk": "Має чинний паспорт"},
    "extra.re_entry_until": {
        "ja": "出国前、在留期限（{until}）までに申請します。",
        "en": "Apply before departure, while the stay is valid (until {until}).",
        "ru": "Подайте заявление до выезда, пока пребывание действительно (до {until}).",
        "uk": "Подайте заяву до виїзду, поки перебування чинне (до {until}).",
    },
    "extra.re_entry_permit": {
        "ja": "有効期間は最長5年（在留期限を超えない）。海外で1年ごと、通算6年まで延長可能（実務情報）。",
        "en": "Valid up to 5 years and not beyond the period of stay; extendable abroad by up to 1 year at a time, "
              "6 years in all (practice).",
        "ru": "Действует до 5 лет, но не дольше срока пребывания; за рубежом продлевается не более чем на 1 год за "
              "раз, всего до 6 лет (практика).",
        "uk": "Діє до 5 років, але не довше строку перебування; за кордоном продовжується не більше ніж на 1 рік "
              "за раз, загалом до 6 років (практика).",
    },
    "extra.re_entry_special_period": {
        "ja": "特例期間中は一回限りの許可のみ（実務情報）。",
        "en": "During the special period only a single-entry permit is issued (practice).",
        "ru": "В особый период выдаётся только однократное разрешение (практика).",
        "uk": "В особливий період видається лише одноразовий дозвіл (практика).",
    },
    "special_permanent_resident": {"ja": "特別永住者であること", "en": "A Special Permanent Resident",
                                   "ru": "Особый постоянный житель", "uk": "Особливий постійний мешканець"},
    "mid_long_term_resident": {
        "ja": "中長期在留者（在留カード所持者）であること",
        "en": "A mid- to long-term resident holding a residence card",
        "ru": "Средне- или долгосрочный резидент с картой резидента",
        "uk": "Середньо- або довгостроковий резидент із карткою резидента",
    },
    "not_refugee_applicant_designation": {
        "ja": "難民認定申請者としての特定活動でないこと",
        "en": "Not Designated Activities as a refugee-status applicant",
        "ru": "Не «Особая деятельность», предоставленная как лицу, подавшему на признание беженцем",
        "uk": "Не «Визначена діяльність», надана як особі, що подала на визнання біженцем",
    },
    "extra.special_re_entry": {
        "ja": "出国時に再入国の意図を表明すれば、出国後1年又は在留期限のいずれか早い日まで再入国できます（国外での延長不可）。",  # noqa: E501
        "en": "Declared at departure (no application): re-enter within 1 year of departure or before the period of "
              "stay ends, whichever is earlier; it cannot be extended abroad.",
        "ru": "Достаточно заявить о намерении вернуться при выезде (без заявления): вернитесь в течение 1 года "
              "после выезда или до окончания срока пребывания, смотря что наступит раньше; за рубежом этот срок не "
              "продлевается.",
        "uk": "Достатньо заявити про намір повернутися під час виїзду (без заяви): поверніться протягом 1 року "
              "після виїзду або до закінчення строку перебування, залежно від того, що настане раніше; за кордоном "
              "цей строк не продовжується.",
    },
    "extra.special_re_entry_spr": {
        "ja": "出国時に再入国の意図を表明すれば、出国後2年以内に再入国できます（国外での延長不可）。",
        "en": "Declared at departure (no application): re-enter within 2 years of departure; it cannot be extended "
              "abroad.",
        "ru": "Достаточно заявить о намерении вернуться при выезде (без заявления): вернитесь в течение 2 лет "
              "после выезда; за рубежом этот срок не продлевается.",
        "uk": "Достатньо заявити про намір повернутися під час виїзду (без заяви): поверніться протягом 2 років "
              "після виїзду; за кордоном цей строк не продовжується.",
    },
    "extra.re_enter_by": {"ja": "再入国期限：{date}。", "en": "Re-enter by {date}.",
                          "ru": "Вернитесь не позднее {date}.", "uk": "Поверніться не пізніше {date}."},
}


def rule_text(key: str, **params: Any) -> Texts:
    """An assessment text in every language."""
    return render(RULE_TEXTS, key, **params)


def join(parts: Iterable[Texts], ja_sep: str = "、", sep: str = "; ") -> Texts:
    """List items joined: 、 in Japanese, ``sep`` in the other languages."""
    items = list(parts)
    return Texts({lang: (ja_sep if lang == "ja" else sep).join(p[lang] for p in items) for lang in LANGS})


def texts_of(ja: str, en: str, ru: str | None = None, uk: str | None = None) -> Texts:
    """A text given per language (English where ru/uk are missing, e.g. law data without them)."""
    return Texts({"ja": ja, "en": en, "ru": ru or en, "uk": uk or en})
