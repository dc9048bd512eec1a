"""The help block (PLAZA_HELP): its settings, the links it checks, and what pages get."""

from __future__ import annotations

import pytest

from plaza.model.config import HelpLine, HelpLink, SettingsError, SiteConfig
from plaza.model.models import Kind
from plaza.publishing.views import LanguageView
from plaza.time.schedule import Schedule

from ..conftest import NOW

FAQ = """
---
title: For residents
audience: residents
---
## What is an ICE-Free Zone? {#what-is-it}

County property where immigration enforcement is limited.

## If agents come {#agents}

Do not open the door.
"""


def config_of(help_setting: object) -> SiteConfig:
    return SiteConfig.from_settings({"PLAZA_HELP": help_setting}, NOW)


def test_numbers_become_tap_to_call_links():
    assert HelpLine("Hotline", "+1 (888) 624-4752").tel == "tel:+18886244752"
    assert HelpLine("Services", "211").tel == "tel:211"


def test_settings_give_lines_links_and_the_strings_to_translate():
    config = config_of({"phones": [{"label": "Services", "number": "211"}],
                        "links": [{"label": "If agents come", "to": "faq:residents#agents"}]})
    assert config.help_lines == (HelpLine("Services", "211"),)
    assert config.help_links == (HelpLink("If agents come", "faq:residents#agents"),)
    [link] = config.help_links
    assert (link.kind, link.item_id, link.anchor) == ("faq", "residents", "agents")
    assert {"Services", "If agents come"} <= set(config.site_strings())


@pytest.mark.parametrize(("setting", "expected"), [
    ("call 211", "phone 1 needs a 'label' and a 'number'"),
    ({"phones": "211"}, "phone 1 needs a 'label' and a 'number'"),
    ({"phones": [{"label": "Hotline", "number": "<a href=x>"}]}, "(got '<a href=x>')"),
    ({"phones": [{"number": "211"}]}, "phone 1 needs a 'label'"),
    ({"links": [{"label": "Escape", "to": "../../etc/passwd"}]},
     "link 1 needs a 'label' and a 'to' such as 'faq:residents#agents'"),
    ({"links": [{"label": "Elsewhere", "to": "https://example.com"}]}, "link 1 needs"),
])
def test_a_malformed_help_setting_says_what_to_write(setting, expected):
    with pytest.raises(SettingsError) as raised:
        config_of(setting)
    [(name, message)] = raised.value.problems
    assert name == "PLAZA_HELP"
    assert expected in message and "write it like PLAZA_HELP = {'phones'" in message


def test_links_must_lead_to_a_page_and_a_question_that_exist(tree):
    tree.write("faq/residents.md", FAQ)
    links = (HelpLink("Agents", "faq:residents#agents"), HelpLink("Gone", "page:missing"),
             HelpLink("Typo", "faq:residents#agent"))
    assert tree.problems(help_links=links) == [
        "pelicanconf.py:0: PLAZA_HELP: link 'Gone' leads to 'page:missing', but there is no "
        "'missing' in content/pages/; check the id (the file name without .md)",
        "pelicanconf.py:0: PLAZA_HELP: link 'Typo' leads to '#agent', which is not a "
        "question of residents; use one of: what-is-it, agents",
    ]


def test_pages_get_the_numbers_and_links_in_the_reader_language(tree):
    tree.write("faq/residents.md", FAQ)
    site = tree.load(help_lines=(HelpLine("Services", "211"),),
                     help_links=(HelpLink("If agents come", "faq:residents#agents"),))
    view = LanguageView(site, Schedule.of(site), "es")
    assert view.help() == {"help_lines": (HelpLine("Services", "211"),),
                           "help_links": [("If agents come", "es/faq/residents/#agents")]}
    assert view.home()["help_links"] == view.help()["help_links"]


def test_faqs_follow_the_order_of_the_audiences_setting(tree):
    for name, audience in (("a-leaders", "community-leaders"), ("b-advocates", "legal-advocates"),
                           ("z-residents", "residents")):
        tree.write(f"faq/{name}.md", f"---\ntitle: {name}\naudience: {audience}\n---\n## Q\n\nA\n")
    site = tree.load()
    view = LanguageView(site, Schedule.of(site), "en")
    assert [entry.item.id for entry in view.faq_index()["faqs"]] == [
        "z-residents", "a-leaders", "b-advocates"]
    assert site.get(Kind.FAQ, "z-residents") is not None


def test_a_problem_with_a_setting_is_shown_at_the_line_that_sets_it(tmp_path):
    import io

    from plaza.model.problems import Problem
    from plaza_pelican.commands import report

    settings = tmp_path / "pelicanconf.py"
    settings.write_text('SITENAME = "x"\n\nPLAZA_HELP = {\n    "links": []}\n')
    shown = io.StringIO()
    report([Problem(str(settings), 0, "PLAZA_HELP", "link 'Gone' leads nowhere")], shown)
    assert shown.getvalue().splitlines()[0] == (
        f"{settings}:3: PLAZA_HELP: link 'Gone' leads nowhere")


@pytest.mark.parametrize(("setting", "expected"), [
    (["ice-free-zones"], ("ice-free-zones",)), ("ice-free-zones", ("ice-free-zones",)),
    (None, ())])
def test_navigation_pages_are_a_list_of_ids(setting, expected):
    assert SiteConfig.from_settings({"PLAZA_NAV_PAGES": setting}, NOW).nav_pages == expected


@pytest.mark.parametrize("name", ["PLAZA_NAV_PAGES", "PLAZA_FOOTER_PAGES"])
@pytest.mark.parametrize("setting", [3.5, ["../etc"], {"about": 1}])
def test_a_page_list_that_is_not_ids_says_so_instead_of_crashing(name, setting):
    with pytest.raises(SettingsError) as raised:
        SiteConfig.from_settings({name: setting}, NOW)
    assert {problem for problem, _ in raised.value.problems} == {name}
    assert "write a list such as ['about']" in raised.value.problems[0][1]
