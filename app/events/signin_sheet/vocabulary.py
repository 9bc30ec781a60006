"""Words that sign-in sheets use: header synonyms, attendance marks, genders and countries."""

from __future__ import annotations

import re

NAME_FIELDS = ("full_name", "surname", "given_name", "patronymic")
SESSION_HEADER = re.compile(
    r"^(day|день|күн|session|сессия|занятие|module|модуль)\s*№?\s*\d+|^\d{1,2}[./]\d{1,2}([./]\d{2,4})?$"
    r"|^\d{4}-\d{2}-\d{2}$"
)

_HEADER_SYNONYMS: dict[str, tuple[str, ...]] = {
    "full_name": ("фио", "ф.и.о.", "name", "full name", "participant", "participant name", "участник",
                  "фамилия имя отчество", "фамилия имя", "фамилия и имя", "имя фамилия", "аты-жөні",
                  "name and surname", "surname and name", "last name first name"),
    "surname": ("фамилия", "surname", "last name", "family name", "тегі"),
    "given_name": ("имя", "first name", "given name", "forename", "аты"),
    "patronymic": ("отчество", "patronymic", "middle name", "әкесінің аты"),
    "email": ("email", "e-mail", "mail", "эл. почта", "эл почта", "электронная почта", "почта",
              "email address", "e-mail address", "адрес электронной почты", "электрондық пошта"),
    "phone": ("телефон", "тел", "phone", "tel", "mobile", "мобильный телефон", "моб. телефон", "phone number",
              "контактный телефон", "номер телефона", "телефон нөмірі"),
    "organisation": ("организация", "organisation", "organization", "место работы", "ведомство", "учреждение",
                     "company", "institution", "affiliation", "employer", "ұйым", "жұмыс орны"),
    "position": ("должность", "position", "job title", "title", "лауазымы"),
    "country": ("страна", "country", "ел"),
    "gender": ("пол", "gender", "sex", "жынысы"),
    "present": ("присутствие", "присутствовал", "present", "attended", "attendance", "подпись", "signature",
                "қолы", "отметка"),
    "ignore": ("no", "n", "nn", "пп", "п п", "number"),
}  # fmt: skip

_MARKS: dict[str, tuple[str, ...]] = {
    "present": ("+", "v", "✓", "✔", "x", "х", "1", "да", "yes", "y", "present", "присутствовал",
                "присутствовала", "был", "была", "p", "п", "иә"),
    "late": ("late", "опоздал", "опоздала", "опоздание", "l", "о"),
    "excused": ("excused", "уваж", "уважительная", "по уважительной причине", "e", "у"),
    "absent": ("-", "–", "0", "нет", "no", "n", "absent", "отсутствовал", "отсутствовала", "не был",
               "не была", "a", "н", "жоқ"),
}  # fmt: skip

_GENDERS: dict[str, tuple[str, ...]] = {
    "female": ("ж", "жен", "женский", "женщина", "f", "female", "w", "woman", "әйел"),
    "male": ("м", "муж", "мужской", "мужчина", "m", "male", "man", "ер"),
    "other": ("other", "другое", "иное", "басқа"),
    "not_stated": ("не указан", "не указано", "prefer not to say", "n/a", "-"),
}  # fmt: skip

# ISO 3166-1 alpha-2 with the names coordinators write: Central Asia first, then partners.
_COUNTRIES: dict[str, str] = {
    "KZ": "kazakhstan, казахстан, қазақстан, qazaqstan, республика казахстан, republic of kazakhstan, рк",
    "KG": "kyrgyzstan, кыргызстан, киргизия, кыргызская республика, kyrgyz republic, kirghizia, кр, kgz",
    "TJ": "tajikistan, таджикистан, тоҷикистон, tojikiston, республика таджикистан, republic of tajikistan",
    "TM": "turkmenistan, туркменистан, türkmenistan, туркмения, tkm",
    "UZ": "uzbekistan, узбекистан, ўзбекистон, o'zbekiston, ozbekiston, республика узбекистан, uzb",
    "AF": "afghanistan, афганистан", "RU": "russia, russian federation, россия, российская федерация, рф",
    "CN": "china, китай, кнр", "MN": "mongolia, монголия", "AZ": "azerbaijan, азербайджан",
    "AM": "armenia, армения", "GE": "georgia, грузия", "BY": "belarus, беларусь, белоруссия",
    "UA": "ukraine, украина", "TR": "turkey, türkiye, турция", "IR": "iran, иран", "PK": "pakistan, пакистан",
    "IN": "india, индия", "JP": "japan, япония", "KR": "south korea, korea, корея, южная корея",
    "DE": "germany, германия, deutschland", "FR": "france, франция", "IT": "italy, италия",
    "ES": "spain, испания", "PT": "portugal, португалия", "NL": "netherlands, нидерланды, голландия",
    "BE": "belgium, бельгия", "LU": "luxembourg, люксембург", "AT": "austria, австрия",
    "CH": "switzerland, швейцария", "PL": "poland, польша", "CZ": "czechia, czech republic, чехия",
    "SK": "slovakia, словакия", "HU": "hungary, венгрия", "RO": "romania, румыния",
    "BG": "bulgaria, болгария",
    "GR": "greece, греция", "FI": "finland, финляндия", "SE": "sweden, швеция", "DK": "denmark, дания",
    "NO": "norway, норвегия", "IE": "ireland, ирландия", "LV": "latvia, латвия", "LT": "lithuania, литва",
    "EE": "estonia, эстония", "SI": "slovenia, словения", "HR": "croatia, хорватия",
    "GB": "united kingdom, uk, great britain, britain, великобритания, англия",
    "US": "united states, usa, united states of america, сша", "CA": "canada, канада",
}  # fmt: skip


def normalise_label(text: str) -> str:
    """Lower-case words without punctuation, so "Эл. почта" and "эл почта" compare equal."""
    cleaned = re.sub(r"[^\w]+", " ", text.lower().replace("ё", "е").replace("'", "").replace("ʻ", ""))
    return " ".join(cleaned.replace("_", " ").split())


def _lookup_table(table: dict[str, tuple[str, ...]]) -> dict[str, str]:
    """Map each word, as written and normalised, to its key; "-" stays "-" instead of becoming ""."""
    lookup = {word.lower(): key for key, words in table.items() for word in words}
    normalised = {normalise_label(word): key for word, key in lookup.items()}
    return lookup | {label: key for label, key in normalised.items() if label}


HEADER_LOOKUP = _lookup_table(_HEADER_SYNONYMS)
GENDER_LOOKUP = _lookup_table(_GENDERS)
MARK_LOOKUP = {word: key for key, words in _MARKS.items() for word in words}
COUNTRY_LOOKUP = _lookup_table({code: (code, *names.split(", ")) for code, names in _COUNTRIES.items()})
