"""The languages Plaza knows: their own names, Babel locales and writing direction."""

from __future__ import annotations

from dataclasses import dataclass

from babel import Locale, UnknownLocaleError


@dataclass(frozen=True)
class Language:
    code: str  # BCP 47, as used in file names and lang="" attributes
    native_name: str
    babel_locale: str
    rtl: bool = False

    @property
    def dir(self) -> str:
        return "rtl" if self.rtl else "ltr"

    @property
    def og_locale(self) -> str:
        """The locale as Open Graph writes it, language_TERRITORY without a script
        (zh_Hant_TW is zh_TW)."""
        return "_".join(part for part in self.babel_locale.split("_") if len(part) != 4)



# Los Angeles County's threshold languages plus English. Adding one is one entry here
# (if missing) and one code in the site's LANGUAGES setting.
KNOWN_LANGUAGES: dict[str, Language] = {
    lang.code: lang
    for lang in (
        Language("en", "English", "en_US"),
        Language("es", "Español", "es_US"),
        Language("zh-Hans", "简体中文", "zh_Hans_CN"),
        Language("zh-Hant", "繁體中文", "zh_Hant_TW"),
        Language("ko", "한국어", "ko_KR"),
        Language("tl", "Tagalog", "fil_PH"),
        Language("vi", "Tiếng Việt", "vi_VN"),
        Language("hy", "Հայերեն", "hy_AM"),
        Language("fa", "فارسی", "fa_IR", rtl=True),
        Language("ru", "Русский", "ru_RU"),
        Language("ja", "日本語", "ja_JP"),
        Language("km", "ខ្មែរ", "km_KH"),
        Language("ar", "العربية", "ar", rtl=True),
    )
}


def language(code: str) -> Language:
    """Look a language up by its code; unknown codes still work, left to right."""
    if code in KNOWN_LANGUAGES:
        return KNOWN_LANGUAGES[code]
    try:
        locale = Locale.parse(code.replace("-", "_"))
    except (ValueError, LookupError, UnknownLocaleError):
        return Language(code, code, "en_US")
    return Language(code, (locale.display_name or code), str(locale),
                    rtl=locale.character_order == "right-to-left")


def is_language_code(code: str) -> bool:
    """True for a code Babel knows (``es``, ``zh-Hant``, ``fil``)."""
    if code in KNOWN_LANGUAGES:
        return True
    try:
        Locale.parse(code.replace("-", "_"))
    except (ValueError, LookupError, UnknownLocaleError):
        return False
    return True
