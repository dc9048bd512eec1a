"""Production settings: the published site's address. Used by the deploy workflow."""

import os
import sys

sys.path.append(os.curdir)
from pelicanconf import *  # noqa: E402,F403

SITEURL = os.environ.get("PLAZA_SITEURL", "https://icefreezones-la.example.org")
PLAZA_PUBLIC_URL = SITEURL
RELATIVE_URLS = False
