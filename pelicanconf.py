"""Development settings for the sample site: the Los Angeles County ICE-Free Zones coalition.

Build with `make html`; preview with `make serve`. Production overrides are in
publishconf.py.
"""

import os

SITENAME = "ICE-Free Zones LA Coalition"
SITEURL = ""
# Absolute address used inside calendars and feeds, which leave the site.
PLAZA_PUBLIC_URL = "https://icefreezones-la.example.org"
PLAZA_ORGANIZATION = "ICE-Free Zones LA Coalition"
PLAZA_UID_NAMESPACE = "icefreezones-la"

# The content editor at /admin/ saves through pull requests to this GitHub repository
# ("owner/name") and branch; without PLAZA_ADMIN_REPO the site has no editor. See
# CONTRIBUTING.md, "Editing in the browser". PLAZA_ADMIN_AUTH_URL is the address of the
# helper that signs volunteers in with GitHub (optional: they can also paste a token).
PLAZA_ADMIN_REPO = "icefreezones-la/site"
PLAZA_ADMIN_BRANCH = "main"

PATH = "content"
OUTPUT_PATH = "output"
TIMEZONE = "America/Los_Angeles"
DEFAULT_LANG = "en"

# Every language the site is published in; adding one is one line here.
PLAZA_LANGUAGES = [
    "en",
    "es",
    "zh-Hans",
    "zh-Hant",
    "ko",
    "tl",
    "vi",
    "hy",
    "fa",
    "ru",
    "ja",
    "km",
    "ar",
]

PLAZA_AUDIENCES = [
    "residents",
    "community-leaders",
    "legal-advocates",
    "local-government",
    "law-enforcement",
    "service-providers",
]
# Topics events are sorted by (each has a calendar): id -> English label. The labels are
# translated in content/translations/ like the interface's strings.
PLAZA_CATEGORIES = {
    "coalition-meetings": "Coalition meetings",
    "dialogues": "Dialogues",
    "know-your-rights": "Know your rights",
    "legal-help": "Legal help",
    "resource-fairs": "Resource fairs",
    "town-halls": "Town halls",
    "trainings": "Trainings",
}
# The help block: first on the home page and one tap from every page (/help/). Labels are
# English and translated in content/translations/ like the category labels; a link goes
# to a page of the site (faq:<id>#<question anchor>, page:<id>, event:<id>…).
PLAZA_HELP = {
    "phones": [
        {"label": "Report immigration agents (CHIRLA hotline)", "number": "+1 888 624 4752"},
        {"label": "Services and legal aid in your language (211 LA County)", "number": "211"},
    ],
    "links": [
        {"label": "Know your rights", "to": "faq:residents"},
        {"label": "If agents come to your door", "to": "faq:residents#agents-at-the-door"},
        {"label": "Free legal help", "to": "page:resources"},
    ],
}
# Pages in the main navigation (and featured on the home page), after Plaza's lists.
PLAZA_NAV_PAGES = ["ice-free-zones"]
PLAZA_ACCESSIBILITY = [
    "wheelchair",
    "asl",
    "captions",
    "childcare",
    "interpretation",
    "quiet-room",
    "parking",
    "transit",
]
# Months of past events kept in the subscribable calendars (per-event files are complete).
PLAZA_CALENDAR_PAST_MONTHS = 12
# Rows on one page of the upcoming-events, past-events and notes lists.
PLAZA_LIST_PAGE_SIZE = 50

# What a build keeps to make the next one fast (see plugins/plaza/cache.py); gitignored.
# Set the environment variable PLAZA_CACHE_PATH="" to build without it.
PLAZA_CACHE_PATH = os.path.join(os.path.dirname(os.path.abspath(__file__)), "cache")

THEME = "theme"
PLUGIN_PATHS = ["plugins"]
PLUGINS = ["plaza_pelican"]

# Plaza reads content/ itself (see plugins/plaza_pelican/generator.py): Pelican's own
# article and page readers get nothing, and its feed writer is off (one feed stack).
ARTICLE_PATHS: list[str] = []
PAGE_PATHS: list[str] = []
# Plaza publishes content/images/ itself, with photo metadata removed (plaza/images.py).
STATIC_PATHS: list[str] = []
DIRECT_TEMPLATES: list[str] = []
PAGINATED_TEMPLATES: dict[str, int] = {}
AUTHOR_SAVE_AS = CATEGORY_SAVE_AS = TAG_SAVE_AS = ""
ARCHIVES_SAVE_AS = AUTHORS_SAVE_AS = CATEGORIES_SAVE_AS = TAGS_SAVE_AS = ""
FEED_ALL_ATOM = FEED_ALL_RSS = CATEGORY_FEED_ATOM = TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = AUTHOR_FEED_RSS = None
DELETE_OUTPUT_DIRECTORY = True
CACHE_CONTENT = False
LOAD_CONTENT_CACHE = False

JINJA_ENVIRONMENT = {
    "extensions": ["jinja2.ext.i18n"],
    "trim_blocks": True,
    "lstrip_blocks": True,
}
