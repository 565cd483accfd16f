"""Law terms in ja/en/ru/uk, keyed by their canonical code: statuses of residence, procedures,
deadline kinds, application stages, verdicts and roles. The one place where a term is translated;
templates and API answers look terms up here (``term("status", "student", "ru")``).

Japanese names follow the Act (別表第一・第二); English names follow ISA's official English. Terms
meant for the immigration office are always shown in Japanese beside the reader's language.
"""

from __future__ import annotations

from typing import Final

Entry = dict[str, str]

STATUSES: Final[dict[str, Entry]] = {
    "diplomat": {"ja": "外交", "en": "Diplomat", "ru": "Дипломат", "uk": "Дипломат"},
    "official": {"ja": "公用", "en": "Official", "ru": "Официальный", "uk": "Офіційний"},
    "professor": {"ja": "教授", "en": "Professor", "ru": "Профессор", "uk": "Професор"},
    "artist": {"ja": "芸術", "en": "Artist", "ru": "Деятель искусства", "uk": "Митець"},
    "religious_activities": {"ja": "宗教", "en": "Religious Activities", "ru": "Религиозная деятельность",
                             "uk": "Релігійна діяльність"},
    "journalist": {"ja": "報道", "en": "Journalist", "ru": "Журналист", "uk": "Журналіст"},
    "hsp_1a": {"ja": "高度専門職1号イ", "en": "Highly Skilled Professional (i)(a)",
               "ru": "Высококвалифицированный специалист (i)(a)", "uk": "Висококваліфікований фахівець (i)(a)"},
    "hsp_1b": {"ja": "高度専門職1号ロ", "en": "Highly Skilled Professional (i)(b)",
               "ru": "Высококвалифицированный специалист (i)(b)", "uk": "Висококваліфікований фахівець (i)(b)"},
    "hsp_1c": {"ja": "高度専門職1号ハ", "en": "Highly Skilled Professional (i)(c)",
               "ru": "Высококвалифицированный специалист (i)(c)", "uk": "Висококваліфікований фахівець (i)(c)"},
    "hsp_2": {"ja": "高度専門職2号", "en": "Highly Skilled Professional (ii)",
              "ru": "Высококвалифицированный специалист (ii)", "uk": "Висококваліфікований фахівець (ii)"},
    "business_manager": {"ja": "経営・管理", "en": "Business Manager", "ru": "Руководитель бизнеса",
                         "uk": "Керівник бізнесу"},
    "legal_accounting_services": {"ja": "法律・会計業務", "en": "Legal/Accounting Services",
                                  "ru": "Юридические/бухгалтерские услуги", "uk": "Юридичні/бухгалтерські послуги"},
    "medical_services": {"ja": "医療", "en": "Medical Services", "ru": "Медицинские услуги",
                         "uk": "Медичні послуги"},
    "researcher": {"ja": "研究", "en": "Researcher", "ru": "Исследователь", "uk": "Дослідник"},
    "instructor": {"ja": "教育", "en": "Instructor", "ru": "Преподаватель", "uk": "Викладач"},
    "engineer_humanities_intl": {"ja": "技術・人文知識・国際業務",
                                 "en": "Engineer/Specialist in Humanities/International Services",
                                 "ru": "Инженер/специалист в гуманитарной сфере/международных услугах",
                                 "uk": "Інженер/фахівець з гуманітарних наук/міжнародних послуг"},
    "intra_company_transferee": {"ja": "企業内転勤", "en": "Intra-company Transferee",
                                 "ru": "Внутрикорпоративный перевод", "uk": "Внутрішньокорпоративний переведений"},
    "nursing_care": {"ja": "介護", "en": "Nursing Care", "ru": "Уход за больными", "uk": "Догляд"},
    "entertainer": {"ja": "興行", "en": "Entertainer", "ru": "Артист", "uk": "Артист"},
    "skilled_labor": {"ja": "技能", "en": "Skilled Labor", "ru": "Квалифицированный труд",
                      "uk": "Кваліфікована праця"},
    "ssw_1": {"ja": "特定技能1号", "en": "Specified Skilled Worker (i)", "ru": "Особо квалифицированный работник (i)",
              "uk": "Особливо кваліфікований працівник (i)"},
    "ssw_2": {"ja": "特定技能2号", "en": "Specified Skilled Worker (ii)",
              "ru": "Особо квалифицированный работник (ii)", "uk": "Особливо кваліфікований працівник (ii)"},
    "titp_1a": {"ja": "技能実習1号イ", "en": "Technical Intern Training (i)(a)",
                "ru": "Техническая стажировка (i)(a)", "uk": "Технічне стажування (i)(a)"},
    "titp_1b": {"ja": "技能実習1号ロ", "en": "Technical Intern Training (i)(b)",
                "ru": "Техническая стажировка (i)(b)", "uk": "Технічне стажування (i)(b)"},
    "titp_2a": {"ja": "技能実習2号イ", "en": "Technical Intern Training (ii)(a)",
                "ru": "Техническая стажировка (ii)(a)", "uk": "Технічне стажування (ii)(a)"},
    "titp_2b": {"ja": "技能実習2号ロ", "en": "Technical Intern Training (ii)(b)",
                "ru": "Техническая стажировка (ii)(b)", "uk": "Технічне стажування (ii)(b)"},
    "titp_3a": {"ja": "技能実習3号イ", "en": "Technical Intern Training (iii)(a)",
                "ru": "Техническая стажировка (iii)(a)", "uk": "Технічне стажування (iii)(a)"},
    "titp_3b": {"ja": "技能実習3号ロ", "en": "Technical Intern Training (iii)(b)",
                "ru": "Техническая стажировка (iii)(b)", "uk": "Технічне стажування (iii)(b)"},
    "cultural_activities": {"ja": "文化活動", "en": "Cultural Activities", "ru": "Культурная деятельность",
                            "uk": "Культурна діяльність"},
    "temporary_visitor": {"ja": "短期滞在", "en": "Temporary Visitor", "ru": "Краткосрочное пребывание",
                          "uk": "Короткострокове перебування"},
    "student": {"ja": "留学", "en": "Student", "ru": "Учёба", "uk": "Навчання"},
    "trainee": {"ja": "研修", "en": "Trainee", "ru": "Стажёр", "uk": "Стажист"},
    "dependent": {"ja": "家族滞在", "en": "Dependent", "ru": "Член семьи (иждивенец)", "uk": "Член сім'ї (утриманець)"},
    "designated_activities": {"ja": "特定活動", "en": "Designated Activities", "ru": "Особая деятельность",
                              "uk": "Визначена діяльність"},
    "permanent_resident": {"ja": "永住者", "en": "Permanent Resident", "ru": "Постоянный житель",
                           "uk": "Постійний мешканець"},
    "spouse_child_of_japanese": {"ja": "日本人の配偶者等", "en": "Spouse or Child of Japanese National",
                                 "ru": "Супруг(а) или ребёнок гражданина Японии",
                                 "uk": "Чоловік/дружина або дитина громадянина Японії"},
    "spouse_child_of_pr": {"ja": "永住者の配偶者等", "en": "Spouse or Child of Permanent Resident",
                           "ru": "Супруг(а) или ребёнок постоянного жителя",
                           "uk": "Чоловік/дружина або дитина постійного мешканця"},
    "long_term_resident": {"ja": "定住者", "en": "Long-Term Resident", "ru": "Долгосрочный житель",
                           "uk": "Довгостроковий мешканець"},
    "special_permanent_resident": {"ja": "特別永住者", "en": "Special Permanent Resident",
                                   "ru": "Особый постоянный житель", "uk": "Особливий постійний мешканець"},
    "employment_skill_development": {"ja": "育成就労", "en": "Employment for Skill Development",
                                     "ru": "Трудоустройство для развития навыков",
                                     "uk": "Працевлаштування для розвитку навичок"},
}

PROCEDURES: Final[dict[str, Entry]] = {
    "change_of_status": {"ja": "在留資格変更許可申請", "en": "Change of status of residence",
                         "ru": "Изменение статуса пребывания", "uk": "Зміна статусу перебування"},
    "extension_of_stay": {"ja": "在留期間更新許可申請", "en": "Extension of period of stay",
                          "ru": "Продление срока пребывания", "uk": "Продовження строку перебування"},
    "permanent_residence": {"ja": "永住許可申請", "en": "Permanent residence",
                            "ru": "Разрешение на постоянное проживание", "uk": "Дозвіл на постійне проживання"},
    "acquisition_of_status": {"ja": "在留資格取得許可申請", "en": "Acquisition of status of residence",
                              "ru": "Получение статуса пребывания", "uk": "Набуття статусу перебування"},
    "certificate_of_eligibility": {"ja": "在留資格認定証明書交付申請", "en": "Certificate of Eligibility",
                                   "ru": "Сертификат соответствия (COE)", "uk": "Сертифікат відповідності (COE)"},
    "re_entry_permit": {"ja": "再入国許可申請", "en": "Re-entry permit", "ru": "Разрешение на повторный въезд",
                        "uk": "Дозвіл на повторний в'їзд"},
    "refugee_recognition": {"ja": "難民認定申請", "en": "Refugee recognition", "ru": "Признание беженцем",
                            "uk": "Визнання біженцем"},
    "complementary_protection": {"ja": "補完的保護対象者認定申請", "en": "Complementary protection",
                                 "ru": "Дополнительная защита", "uk": "Додатковий захист"},
    "special_permission_to_stay": {"ja": "在留特別許可", "en": "Special permission to stay",
                                   "ru": "Особое разрешение на пребывание", "uk": "Особливий дозвіл на перебування"},
    "departure_order": {"ja": "出国命令", "en": "Departure order", "ru": "Приказ о выезде", "uk": "Наказ про виїзд"},
    "card_renewal": {"ja": "在留カード有効期間更新申請", "en": "Residence card renewal",
                     "ru": "Продление карты резидента", "uk": "Продовження картки резидента"},
    "permission_outside_activity": {"ja": "資格外活動許可申請", "en": "Permission for activity outside status",
                                    "ru": "Разрешение на деятельность вне статуса",
                                    "uk": "Дозвіл на діяльність поза статусом"},
}

DEADLINE_KINDS: Final[dict[str, Entry]] = {
    "expiry_of_stay": {"ja": "在留期間満了日", "en": "End of period of stay", "ru": "Окончание срока пребывания",
                       "uk": "Закінчення строку перебування"},
    "earliest_filing_day": {"ja": "申請受付開始日（目安）", "en": "Earliest filing day (about)",
                            "ru": "Самый ранний день подачи (примерно)", "uk": "Найраніший день подання (приблизно)"},
    "last_filing_day": {"ja": "申請期限", "en": "Last filing day", "ru": "Последний день подачи",
                        "uk": "Останній день подання"},
    "special_period_end": {"ja": "特例期間の終了", "en": "End of the special period",
                           "ru": "Окончание особого периода", "uk": "Закінчення особливого періоду"},
    "address_notification": {"ja": "住居地の届出期限", "en": "Address notification due",
                             "ru": "Срок уведомления об адресе", "uk": "Строк повідомлення про адресу"},
    "organization_notification": {"ja": "所属機関等に関する届出期限", "en": "Organisation notification due",
                                  "ru": "Срок уведомления об организации", "uk": "Строк повідомлення про організацію"},
    "spouse_notification": {"ja": "配偶者に関する届出期限", "en": "Spouse notification due",
                            "ru": "Срок уведомления о супруге", "uk": "Строк повідомлення про подружжя"},
    "card_expiry": {"ja": "在留カードの有効期間満了日", "en": "Residence card expires",
                    "ru": "Окончание срока действия карты", "uk": "Закінчення строку дії картки"},
    "revocation_risk": {"ja": "在留資格取消しのおそれ", "en": "Risk of revocation", "ru": "Риск аннулирования статуса",
                        "uk": "Ризик анулювання статусу"},
    "notification": {"ja": "届出期限", "en": "Notification due", "ru": "Срок уведомления", "uk": "Строк повідомлення"},
    "acquisition_filing": {"ja": "在留資格取得申請の期限", "en": "Apply for a status by",
                           "ru": "Подать на получение статуса до", "uk": "Подати на набуття статусу до"},
    "stay_without_status_end": {"ja": "在留資格なく在留できる期間の終了", "en": "End of stay without a status",
                                "ru": "Окончание пребывания без статуса", "uk": "Закінчення перебування без статусу"},
    "card_renewal_from": {"ja": "在留カード更新申請の受付開始", "en": "Card renewal opens",
                          "ru": "Открывается продление карты", "uk": "Відкривається продовження картки"},
    "coe_expiry": {"ja": "在留資格認定証明書の有効期限", "en": "Certificate of Eligibility expires",
                   "ru": "Окончание срока действия COE", "uk": "Закінчення строку дії COE"},
    "re_entry_deadline": {"ja": "再入国の期限", "en": "Return to Japan by", "ru": "Вернуться в Японию до",
                          "uk": "Повернутися до Японії до"},
}

STAGES: Final[dict[str, Entry]] = {
    "draft": {"ja": "準備中", "en": "Draft", "ru": "Черновик", "uk": "Чернетка"},
    "prepared": {"ja": "提出準備完了", "en": "Ready to file", "ru": "Готово к подаче", "uk": "Готово до подання"},
    "filed": {"ja": "申請済み", "en": "Filed", "ru": "Подано", "uk": "Подано"},
    "under_examination": {"ja": "審査中", "en": "Under examination", "ru": "На рассмотрении", "uk": "На розгляді"},
    "additional_documents_requested": {"ja": "資料提出通知", "en": "Documents requested",
                                       "ru": "Запрошены документы", "uk": "Запитано документи"},
    "decided": {"ja": "結果通知", "en": "Decided", "ru": "Решение принято", "uk": "Рішення ухвалено"},
    "withdrawn": {"ja": "取下げ", "en": "Withdrawn", "ru": "Отозвано", "uk": "Відкликано"},
}

DECISIONS: Final[dict[str, Entry]] = {
    "granted": {"ja": "許可", "en": "Granted", "ru": "Одобрено", "uk": "Схвалено"},
    "denied": {"ja": "不許可", "en": "Denied", "ru": "Отказано", "uk": "Відмовлено"},
}

VERDICTS: Final[dict[str, Entry]] = {
    "eligible": {"ja": "要件を満たす", "en": "Eligible", "ru": "Условия выполнены", "uk": "Умови виконано"},
    "discretionary": {"ja": "裁量（特別な事情が必要）", "en": "Discretionary (exceptional grounds needed)",
                      "ru": "На усмотрение (нужны особые обстоятельства)",
                      "uk": "На розсуд (потрібні особливі обставини)"},
    "needs_facts": {"ja": "情報が不足", "en": "Needs more facts", "ru": "Нужно больше сведений",
                    "uk": "Потрібно більше відомостей"},
    "ineligible": {"ja": "要件を満たさない", "en": "Not eligible", "ru": "Условия не выполнены",
                   "uk": "Умови не виконано"},
}

RESULTS: Final[dict[str, Entry]] = {
    "met": {"ja": "満たす", "en": "met", "ru": "выполнено", "uk": "виконано"},
    "unmet": {"ja": "満たさない", "en": "not met", "ru": "не выполнено", "uk": "не виконано"},
    "unknown": {"ja": "不明", "en": "unknown", "ru": "неизвестно", "uk": "невідомо"},
}

EVENTS: Final[dict[str, Entry]] = {
    "moved": {"ja": "転居", "en": "Moved house", "ru": "Переезд", "uk": "Переїзд"},
    "address_notified": {"ja": "住居地の届出", "en": "Address notified", "ru": "Адрес заявлен",
                         "uk": "Адресу повідомлено"},
    "left_address": {"ja": "住居地を離れた", "en": "Left the registered address", "ru": "Покинул(а) адрес",
                     "uk": "Залишив(ла) адресу"},
    "arrived": {"ja": "入国", "en": "Arrived in Japan", "ru": "Прибытие в Японию", "uk": "Прибуття до Японії"},
    "departed": {"ja": "出国", "en": "Left Japan", "ru": "Выезд из Японии", "uk": "Виїзд з Японії"},
    "returned": {"ja": "再入国", "en": "Returned to Japan", "ru": "Возвращение в Японию", "uk": "Повернення до Японії"},
    "divorce": {"ja": "離婚", "en": "Divorce", "ru": "Развод", "uk": "Розлучення"},
    "spouse_death": {"ja": "配偶者の死亡", "en": "Death of the spouse", "ru": "Смерть супруга(и)",
                     "uk": "Смерть чоловіка/дружини"},
    "separated": {"ja": "別居", "en": "Separated", "ru": "Раздельное проживание", "uk": "Окреме проживання"},
    "spouse_notified": {"ja": "配偶者に関する届出", "en": "Spouse notification made",
                        "ru": "Уведомление о супруге подано", "uk": "Повідомлення про подружжя подано"},
    "left_organization": {"ja": "所属機関からの離脱", "en": "Left the school or employer",
                          "ru": "Уход из учебного заведения/с работы", "uk": "Вихід із навчального закладу/з роботи"},
    "joined_organization": {"ja": "所属機関への移籍", "en": "Joined a school or employer",
                            "ru": "Поступление в учебное заведение/на работу",
                            "uk": "Вступ до навчального закладу/на роботу"},
    "organization_notified": {"ja": "所属機関に関する届出", "en": "Organisation notification made",
                              "ru": "Уведомление об организации подано", "uk": "Повідомлення про організацію подано"},
    "stopped_activity": {"ja": "活動の停止", "en": "Stopped the activity", "ru": "Прекращение деятельности",
                         "uk": "Припинення діяльності"},
    "activity_resumed": {"ja": "活動の再開", "en": "Resumed the activity", "ru": "Возобновление деятельности",
                         "uk": "Відновлення діяльності"},
    "card_lost": {"ja": "在留カードの紛失", "en": "Residence card lost", "ru": "Утеря карты резидента",
                  "uk": "Втрата картки резидента"},
    "card_reissue_applied": {"ja": "在留カード再交付申請", "en": "Card reissue applied for",
                             "ru": "Подано на перевыпуск карты", "uk": "Подано на перевипуск картки"},
    "card_issued": {"ja": "在留カードの交付", "en": "Residence card issued", "ru": "Карта резидента выдана",
                    "uk": "Картку резидента видано"},
    "coe_issued": {"ja": "在留資格認定証明書の交付", "en": "Certificate of Eligibility issued", "ru": "COE выдан",
                   "uk": "COE видано"},
    "birth": {"ja": "出生", "en": "Birth", "ru": "Рождение", "uk": "Народження"},
    "refugee_recognized": {"ja": "難民認定", "en": "Recognised as a refugee", "ru": "Признан(а) беженцем",
                           "uk": "Визнано біженцем"},
    "complementary_protection_recognized": {"ja": "補完的保護対象者認定", "en": "Complementary protection granted",
                                            "ru": "Предоставлена дополнительная защита",
                                            "uk": "Надано додатковий захист"},
    "deportation_order": {"ja": "退去強制令書", "en": "Deportation order", "ru": "Приказ о депортации",
                          "uk": "Наказ про депортацію"},
    "detained": {"ja": "収容", "en": "Detained", "ru": "Задержан(а)", "uk": "Затримано"},
}

ROLES: Final[dict[str, Entry]] = {
    "admin": {"ja": "管理者", "en": "Administrator", "ru": "Администратор", "uk": "Адміністратор"},
    "caseworker": {"ja": "担当者", "en": "Caseworker", "ru": "Специалист", "uk": "Спеціаліст"},
    "supporter": {"ja": "支援者", "en": "Supporter", "ru": "Помощник", "uk": "Помічник"},
    "client": {"ja": "本人", "en": "Client", "ru": "Клиент", "uk": "Клієнт"},
}

FACT_STATUS: Final[dict[str, Entry]] = {
    "law": {"ja": "法令", "en": "Law", "ru": "Закон", "uk": "Закон"},
    "isa": {"ja": "入管庁", "en": "ISA", "ru": "Иммиграционное ведомство", "uk": "Імміграційна служба"},
    "practice": {"ja": "実務", "en": "Practice", "ru": "Практика", "uk": "Практика"},
    "unverified": {"ja": "未確認", "en": "Unverified", "ru": "Не проверено", "uk": "Не перевірено"},
}

KINDS: Final[dict[str, dict[str, Entry]]] = {
    "status": STATUSES, "procedure": PROCEDURES, "deadline": DEADLINE_KINDS, "stage": STAGES,
    "verdict": VERDICTS, "decision": DECISIONS, "event": EVENTS, "result": RESULTS, "role": ROLES,
    "fact_status": FACT_STATUS,
}

LANGS: Final = ("ja", "en", "ru", "uk")


def term(kind: str, code: str | None, lang: str) -> str:
    """The term for ``code`` in ``lang``; English, then the code itself, when a term is missing."""
    if code is None:
        return ""
    entry = KINDS[kind].get(code)
    if entry is None:
        return code.replace("_", " ")
    return entry.get(lang) or entry["en"]


def term_ja(kind: str, code: str | None) -> str:
    """The Japanese term (for content meant for the immigration office)."""
    return term(kind, code, "ja")
