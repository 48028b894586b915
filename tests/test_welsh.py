"""Welsh (Cymraeg) on every public page: the catalogue is complete and compiled, and the pages
at /cy/report/... and /cy/track/... show Welsh, with no English left over.

The English left-over check is built from the catalogue itself: any English msgid (or a long
piece of one) found in a Welsh page's text fails the test, as do the phrases listed below.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import polib
import pytest
from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import translation

from candour.intake import services
from candour.intake.models import Relationship
from candour.intake.tracking import _STATE_TEXT, REVIEW_BODY_LABELS
from candour.testing.cast import PNG_BYTES, Cast
from candour.web.portal import forms as f
from candour.web.portal import views as portal_views

LOCALE = Path(settings.BASE_DIR) / "candour" / "locale" / "cy" / "LC_MESSAGES"
PO_PATH = LOCALE / "django.po"
MO_PATH = LOCALE / "django.mo"

#: Where public-page strings come from: every msgid found here must have a Welsh translation.
PUBLIC_SOURCES = (
    *(f"candour/web/portal/templates/web/portal/{name}.html" for name in (
        "public_base", "portal_start", "portal_step", "portal_evidence", "portal_check",
        "portal_confirmation", "already_sent", "refused", "rate_limited", "too_large", "track",
        "track_not_found", "track_lookup", "track_code", "_field", "track_form", "privacy", "accessibility",
        "cookies", "contact", "feedback")),
    "candour/web/templates/base.html",
    "candour/web/templates/includes/error_summary.html",
    "candour/web/templates/includes/back_link.html",
    "candour/web/templates/gds/",
    "candour/web/forms.py",
    "candour/web/portal/forms.py",
    "candour/intake/validation.py",
    "candour/intake/tracking.py",
    "candour/intake/storage.py",
    "candour/intake/sniff.py",
    "candour/web/portal/views.py",
    "candour/web/templatetags/portal.py",
)

#: English that must never be seen on a Welsh page (besides every msgid in the catalogue).
ENGLISH = ["What happened?", "Continue", "There is a problem", "Check your answers", "Back", "Change",
           "Skip to main content", "This is a new service", "open-source software", "Error:", "Day",
           "Month", "Year", "You can enter up to", "Start now", "Report sent", "Received",
           # Django's own messages, which Django translates.
           "This field is required", "Enter a valid email address"]

PROBLEM = "Mae problem wedi codi"


@pytest.fixture(autouse=True)
def _english_afterwards() -> Iterator[None]:
    """The test client leaves the last request's language active: do not leak Welsh."""
    yield
    translation.deactivate()


@pytest.fixture(scope="module")
def catalogue() -> polib.POFile:
    return polib.pofile(str(PO_PATH))


# -- the catalogue ------------------------------------------------------------------------


def _pairs(entries: Any) -> dict[tuple[str | None, str], Any]:
    return {(e.msgctxt, e.msgid): (e.msgstr_plural if e.msgid_plural else e.msgstr) for e in entries}


def test_the_compiled_catalogue_matches_its_source(catalogue: polib.POFile) -> None:
    compiled = polib.mofile(str(MO_PATH))
    source = _pairs(e for e in catalogue.translated_entries() if not e.obsolete)
    assert source, "the Welsh catalogue is empty"
    assert _pairs(compiled) == source, (
        "django.mo is stale: run `manage.py compilemessages -l cy` (or msgfmt) and commit it")
    assert compiled.metadata.get("Language") == "cy"


def test_no_entry_is_fuzzy(catalogue: polib.POFile) -> None:
    assert not catalogue.metadata_is_fuzzy
    assert [e.msgid for e in catalogue.fuzzy_entries()] == []


def test_every_public_string_has_a_welsh_translation(catalogue: polib.POFile) -> None:
    public = [e for e in catalogue if not e.obsolete
              and any(path.startswith(PUBLIC_SOURCES) for path, _line in e.occurrences)]
    assert len(public) > 150
    missing = [e.msgid for e in public if not e.translated()]
    assert missing == [], f"translate these in {PO_PATH}"


_PLACEHOLDER = re.compile(r"%\([a-z_]+\)[sd]|%\{[a-z]+\}")


def test_translations_keep_their_placeholders(catalogue: polib.POFile) -> None:
    wrong = [e.msgid for e in catalogue.translated_entries()
             if sorted(_PLACEHOLDER.findall(e.msgid)) != sorted(_PLACEHOLDER.findall(e.msgstr))]
    assert wrong == []


# -- the Python side: public text is lazy or translated per request ------------------------


def _texts(form: forms.Form) -> list[Any]:
    texts: list[Any] = []
    for field in form.fields.values():
        texts += [field.label, field.help_text]
        if isinstance(field, forms.ChoiceField) and not isinstance(form, f.ForceForm):
            texts += [label for _value, label in field.choices]  # type: ignore[misc]
        required = field.error_messages.get("required")
        if field.required and required is not forms.Field.default_error_messages["required"]:
            texts.append(required)
    return [t for t in texts if t]


def _public_texts() -> list[Any]:
    public_forms = [f.ForceForm(choices=[("ALPHA", "Alpha")]), f.KindForm(), f.WhatForm(), f.WhenForm(),
                    f.WhereForm(), f.WhoForm(), f.RelationshipForm(), f.EvidenceForm(), f.ContactForm(),
                    f.SubmitForm(), f.TrackingLookupForm(), f.TrackingCodeForm()]
    texts: list[Any] = []
    for form in public_forms:
        texts += _texts(form)
    texts += [step.title() for step in portal_views.STEPS]
    texts += [label for _value, label in Relationship.choices]
    texts += list(REVIEW_BODY_LABELS.values())
    for pair in _STATE_TEXT.values():
        texts += list(pair())
    return texts


def test_public_forms_and_statuses_are_in_welsh() -> None:
    with translation.override("en"):
        english = [str(t) for t in _public_texts()]
    with translation.override("cy"):
        welsh = [str(t) for t in _public_texts()]
    assert len(english) > 60
    untranslated = [en for en, cy in zip(english, welsh, strict=True) if en == cy]
    assert untranslated == []


@pytest.mark.django_db
def test_service_errors_shown_on_the_tracking_page_are_in_welsh(cast: Cast) -> None:
    with translation.override("cy"), pytest.raises(ValidationError) as caught:
        services.complainant_review_request(report=cast.report, reasons=" ", review_body="iopc")
    assert caught.value.messages == ["Rhowch y rheswm pam rydych chi eisiau adolygiad"]


# -- the pages ------------------------------------------------------------------------------


def _english_in_catalogue(catalogue: polib.POFile) -> list[str]:
    """English that a Welsh page must not show: whole msgids, and long pieces of those with
    placeholders (a msgid identical to its Welsh, such as "Beta", is left out)."""
    phrases = set(ENGLISH)
    for entry in catalogue.translated_entries():
        if entry.msgstr == entry.msgid:
            continue
        pieces = _PLACEHOLDER.split(entry.msgid)
        if len(pieces) == 1:
            phrases.add(entry.msgid.strip())
        else:
            phrases.update(p.strip().strip(".,:") for p in pieces if len(p.split()) >= 3)
    return sorted(p for p in phrases if p)


def _visible(page: str) -> str:
    """The text a person sees or hears: no scripts, no hidden inputs, no URLs; with button
    values and accessible names."""
    page = re.sub(r"<script\b.*?</script>", " ", page, flags=re.S)
    extra = re.findall(r'<input[^>]*type="submit"[^>]*value="([^"]*)"', page)
    extra += re.findall(r'aria-label="([^"]*)"', page)
    text = re.sub(r"<[^>]+>", " ", page)
    text = html.unescape(" ".join([text, *extra]))
    text = re.sub(r"https?://\S+", " ", text)
    return re.sub(r"\s+", " ", text)


class Pages:
    """A Welsh-speaking visitor, checking every page they get."""

    def __init__(self, client: Client, english: list[str]) -> None:
        self.client = client
        self.english = english

    def check(self, response: Any, *welsh: str, status: int = 200) -> str:
        assert response.status_code == status, response.content.decode()[:2000]
        page = response.content.decode()
        assert '<html lang="cy"' in page
        text = _visible(page)
        for phrase in welsh:
            assert phrase in text, f"{phrase!r} missing from {response.request['PATH_INFO']}: {text}"
        found = [p for p in self.english if re.search(rf"(?<![\w’']){re.escape(p)}(?![\w’'])", text)]
        assert found == [], f"English on {response.request['PATH_INFO']}: {found}\n{text}"
        return page

    def get(self, url: str, *welsh: str, status: int = 200) -> str:
        return self.check(self.client.get(url), *welsh, status=status)

    def post(self, url: str, data: dict[str, Any], *welsh: str, status: int = 200) -> str:
        return self.check(self.client.post(url, data), *welsh, status=status)

    def advance(self, url: str, data: dict[str, Any]) -> str:
        response = self.client.post(url, data)
        assert response.status_code == 302, response.content.decode()[:2000]
        location: str = response["Location"]
        assert location.startswith("/cy/"), location
        return location


@pytest.fixture
def pages(client: Client, catalogue: polib.POFile) -> Pages:
    return Pages(client, _english_in_catalogue(catalogue))


#: (slug, answers, the page's Welsh question, the English one)
STEPS: list[tuple[str, dict[str, Any], str, str]] = [
    ("force", {"force": "ALPHA"}, "Am ba heddlu mae eich adroddiad?", "Which police force is your report about?"),
    ("about", {"kind": "complaint"}, "Am beth hoffech chi ddweud wrthym?", "What do you want to tell us about?"),
    ("what-happened", {"what_happened": "Cefais fy ngwthio yn erbyn wal."}, "Beth ddigwyddodd?",
     "What happened?"),
    ("when", {"incident_on_0": "3", "incident_on_1": "4", "incident_on_2": "2025"}, "Pryd y digwyddodd hyn?",
     "When did it happen?"),
    ("where", {"incident_location": "Heol yr Orsaf, Aberystwyth"}, "Ble y digwyddodd hyn?",
     "Where did it happen?"),
    ("who", {"person_name": "Rhingyll Jones", "person_number": "AB12"}, "Pwy oedd yn rhan o hyn?",
     "Who was involved?"),
    ("connection", {"relationship": "happened_to_me"}, "Beth yw eich cysylltiad â’r hyn a ddigwyddodd?",
     "How are you connected to what happened?"),
    ("evidence", {"continue": ""}, "Oes gennych chi unrhyw dystiolaeth?", "Do you have any evidence?"),
    ("contact", {"contact": "yes", "contact_name": "Siân", "contact_email": "sian@example.com"},
     "Gawn ni gysylltu â chi am eich adroddiad?", "Can we contact you about your report?"),
]


def _walk_to(pages: Pages, last: str | None = None) -> None:
    for slug, answers, _welsh, _english in STEPS:
        if slug == last:
            return
        pages.advance(f"/cy/report/{slug}/", answers)


def _key(page: str) -> str:
    match = re.search(r'name="submission_key" value="([0-9a-f]+)"', page)
    assert match, page[:2000]
    return match.group(1)


@pytest.mark.django_db
def test_the_english_pages_show_the_english_the_welsh_test_looks_for(cast: Cast, client: Client) -> None:
    page = client.get("/report/").content.decode()
    assert '<html lang="en' in page and "Start now" in page and "Cymraeg" in page
    for slug, answers, _welsh, english in STEPS:
        page = client.get(f"/report/{slug}/").content.decode()
        assert english in page and "Back" in page and "Continue" in _visible(page), slug
        assert client.post(f"/report/{slug}/", answers).status_code == 302
    page = client.get("/report/what-happened/").content.decode()
    assert "You can enter up to" in page
    page = client.post("/report/what-happened/", {"what_happened": ""}).content.decode()
    assert "There is a problem" in page and "Enter what happened" in page and "Error:" in page
    page = client.get("/report/check-your-answers/").content.decode()
    assert "Check your answers before sending your report" in page and "Change" in page


@pytest.mark.django_db
def test_the_whole_journey_in_welsh(cast: Cast, pages: Pages) -> None:
    page = pages.get("/cy/report/", "Rhoi gwybod am swyddog heddlu neu wneud cwyn", "Dechrau nawr",
                     "Neidio i’r prif gynnwys", "Mae hwn yn wasanaeth newydd.",
                     "Meddalwedd cod agored yw Candour")
    assert 'href="/report/"' in page and ">English</a>" in page
    for slug, answers, welsh, _english in STEPS:
        url = f"/cy/report/{slug}/"
        page = pages.get(url, welsh, "Yn ôl", "Parhau")
        assert 'class="govuk-back-link"' in page
        if slug == "what-happened":
            assert "Gallwch roi hyd at 5000 nod" in _visible(page)
            config = re.search(r"govukInitAll\((\{.*?\})\);", page)
            assert config, "the character count's messages are not configured"
            i18n = json.loads(config.group(1))["characterCount"]["i18n"]
            assert i18n["charactersUnderLimit"]["other"] == "Mae gennych %{count} nod ar ôl"
            assert i18n["charactersOverLimit"]["few"] == "Mae gennych %{count} nod yn ormod"
        if slug == "when":
            assert re.search(r"Diwrnod .*Mis .*Blwyddyn", _visible(page))
        pages.advance(url, answers)

    page = pages.get("/cy/report/check-your-answers/", "Gwirio eich atebion cyn anfon eich adroddiad", "Newid",
                     "Heddlu", "Beth ddigwyddodd", "3 Ebrill 2025", "Digwyddodd i mi", "Tystiolaeth Dim",
                     "Anfon adroddiad")
    location = pages.advance("/cy/report/check-your-answers/", {"submission_key": _key(page), "website": ""})
    assert location == "/cy/report/sent/"
    page = pages.get(location, "Adroddiad wedi’i anfon", "Eich cyfeirnod", "Dilyn eich adroddiad",
                     "Rydym wedi anfon e-bost cadarnhau at sian@example.com, gyda’ch cyfeirnod a’r ddolen isod.")
    link = re.search(r'href="http://testserver(/cy/track/[^"]+/)"', page)
    assert link, "the tracking link is not the Welsh one"
    pages.get(link.group(1), "Wedi dod i law", "Y cam nesaf", "Diweddariadau", "Dim diweddariadau eto.")

    # Sending the same form again.
    pages.post("/cy/report/check-your-answers/", {"submission_key": "0" * 32},
               "Mae eich adroddiad eisoes wedi’i anfon", "Gweld eich cyfeirnod a’ch dolen olrhain", status=409)


ERRORS: list[tuple[str, dict[str, Any], str]] = [
    ("force", {}, "Dewiswch yr heddlu"),
    ("about", {}, "Dewiswch am beth hoffech chi ddweud wrthym"),
    ("what-happened", {"what_happened": ""}, "Rhowch wybod i ni beth ddigwyddodd"),
    ("what-happened", {"what_happened": "x" * 5001},
     "Rhaid i’r hyn a ddigwyddodd fod yn 5,000 nod neu lai"),
    ("when", {"incident_on_0": "31", "incident_on_1": "2", "incident_on_2": "2025"},
     "Rhaid i’r dyddiad y digwyddodd hyn fod yn ddyddiad go iawn, er enghraifft 27 3 2025"),
    ("when", {"incident_on_0": "1", "incident_on_1": "1", "incident_on_2": "2999"},
     "Y dyddiad y digwyddodd hyn: rhaid rhoi dyddiad heddiw neu ddyddiad yn y gorffennol"),
    ("when", {"incident_on_0": "tri", "incident_on_1": "4", "incident_on_2": "2025"},
     "Rhaid i’r dyddiad y digwyddodd hyn fod yn ddyddiad go iawn, er enghraifft 27 3 2025"),
    ("when", {}, "Rhowch y dyddiad y digwyddodd hyn, neu dewiswch nad ydych chi’n gwybod"),
    ("where", {}, "Rhowch ble y digwyddodd hyn, neu dewiswch nad ydych chi’n gwybod"),
    ("who", {}, "Dywedwch wrthym pwy oedd yn rhan o hyn, neu dewiswch nad ydych chi’n gwybod"),
    ("who", {"person_name": "x" * 151}, "Eu henw: rhaid defnyddio 150 nod neu lai"),
    ("who", {"person_number": "AB<12>"},
     "Rhaid i’r rhif gynnwys llythrennau, rhifau, bylchau, cysylltnodau a slaesau yn unig"),
    ("connection", {}, "Dewiswch beth yw eich cysylltiad â’r hyn a ddigwyddodd"),
    ("contact", {}, "Dewiswch a gawn ni gysylltu â chi"),
    ("contact", {"contact": "yes"}, "Rhowch gyfeiriad e-bost neu rif ffôn"),
    ("contact", {"contact": "yes", "contact_email": "sian"},
     "Rhowch gyfeiriad e-bost yn y fformat cywir, fel enw@example.com"),
    ("contact", {"contact": "yes", "contact_phone": "ffoniwch fi"},
     "Rhowch rif ffôn, fel 01632 960 001 neu +44 7700 900 982"),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("slug", "answers", "message"), ERRORS)
def test_bad_answers_get_welsh_error_messages(cast: Cast, pages: Pages, slug: str, answers: dict[str, Any],
                                              message: str) -> None:
    _walk_to(pages, slug)
    page = pages.post(f"/cy/report/{slug}/", answers, PROBLEM, message)
    assert re.search(r"<title>Gwall: ", page)
    assert 'class="govuk-visually-hidden">Gwall:</span>' in page


@pytest.mark.django_db
def test_evidence_errors_and_files_in_welsh(cast: Cast, pages: Pages, settings: Any) -> None:
    _walk_to(pages, "evidence")
    url = "/cy/report/evidence/"
    pages.post(url, {"upload": ""}, PROBLEM, "Dewiswch ffeil i’w huwchlwytho")
    pages.post(url, {"upload": "", "file": SimpleUploadedFile("rhaglen.exe", b"MZ\x90\x00\x03" + bytes(200))},
               PROBLEM, "Rhaid i’r ffeil a ddewiswyd fod yn JPG, PNG, GIF, WebP, HEIC, PDF, dogfen Word, MP4, "
               "MOV, M4A, MP3, WAV neu ffeil testun")
    settings.CANDOUR_EVIDENCE_MAX_BYTES = 1024 * 1024
    big = SimpleUploadedFile("llun-mawr.png", PNG_BYTES + bytes(1024 * 1024))
    pages.post(url, {"upload": "", "file": big}, PROBLEM, "Rhaid i’r ffeil a ddewiswyd fod yn llai na 1 MB")
    settings.CANDOUR_EVIDENCE_MAX_BYTES = 20 * 1024 * 1024
    assert pages.client.post(url, {"upload": "", "file": SimpleUploadedFile("llun.png", PNG_BYTES)}
                             ).status_code == 302
    pages.get(url, "Ffeiliau sydd wedi’u hychwanegu", "Ffeil 1", "llun.png", "Tynnu",
              "Gallwch ychwanegu hyd at 5 o luniau")


@pytest.mark.django_db
def test_evidence_store_messages_are_translated() -> None:
    from io import BytesIO

    from candour.intake.storage import EvidenceRejected, evidence_store

    with translation.override("cy"), pytest.raises(EvidenceRejected) as caught:
        evidence_store(stream=BytesIO(b""), name="gwag.txt", size=0)
    assert str(caught.value) == "Mae’r ffeil a ddewiswyd, gwag.txt, yn wag"


@pytest.mark.django_db
def test_refusals_in_welsh(cast: Cast, pages: Pages, settings: Any) -> None:
    _walk_to(pages)
    page = pages.get("/cy/report/check-your-answers/")
    pages.post("/cy/report/check-your-answers/", {"submission_key": _key(page), "website": "http://spam"},
               "Nid oeddem yn gallu derbyn yr adroddiad hwn", "ffoniwch 101", status=400)
    pages.post("/cy/report/check-your-answers/", {"submission_key": "f" * 32},
               "Mae’r ffurflen hon wedi dod i ben", "Dechrau eto", status=400)
    settings.CANDOUR_INTAKE_RATE_LIMIT = "1/hour"
    pages.advance("/cy/report/check-your-answers/", {"submission_key": _key(page), "website": ""})
    pages.post("/cy/report/check-your-answers/", {"submission_key": _key(page)},
               "Mae eich adroddiad eisoes wedi’i anfon", status=409)
    _walk_to(pages)
    page = pages.get("/cy/report/check-your-answers/")
    pages.post("/cy/report/check-your-answers/", {"submission_key": _key(page), "website": ""},
               "Gormod o ymdrechion", "Arhoswch awr", status=429)
    too_big = pages.client.generic("POST", "/cy/report/evidence/", b"",
                                   CONTENT_LENGTH=str(settings.CANDOUR_MAX_REQUEST_BYTES + 1))
    pages.check(too_big, "Mae’r ffeil yn rhy fawr", "Rhaid i bob ffeil fod yn llai na 20 MB", status=413)


@pytest.mark.django_db
def test_tracking_pages_in_welsh(cast: Cast, pages: Pages) -> None:
    url = f"/cy/track/{cast.tracking_token}/"
    pages.get(url, f"Adroddiad {cast.report.reference}", "Wedi dod i law", "Y cam nesaf", "Erbyn ",
              "Diweddariadau")
    pages.post(url, {"review": "", "reasons": ""}, PROBLEM, "Ni allwch ofyn am adolygiad nawr")
    pages.get("/cy/track/nid-yw-hwn-yn-bod/", "Dolen heb ei hadnabod", status=404)
    pages.get("/cy/track/", "Gwirio cynnydd eich adroddiad", "Cyfeirnod yr adroddiad",
              "Anfon cod ataf drwy e-bost")
    pages.post("/cy/track/", {"reference": "", "email": "nid-e-bost"}, PROBLEM, "Rhowch gyfeirnod eich adroddiad",
               "Rhowch gyfeiriad e-bost yn y fformat cywir")
    location = pages.advance("/cy/track/", {"reference": cast.report.reference, "email": "pat@example.com"})
    pages.get(location, "Rhowch y cod a anfonwyd atoch drwy e-bost", "Cod", "Anfon cod newydd")
    pages.post(location, {"code": "000000"}, PROBLEM,
               "Mae’r cod yn anghywir neu mae wedi dod i ben. Gwiriwch yr e-bost, neu gofynnwch am god newydd")


@pytest.mark.parametrize("path", [
    "/report/", "/report/when/?change=1", "/report/check-your-answers/", "/report/sent/", "/track/",
    "/track/code/", "/track/abc123/", "/cy/report/", "/cy/report/who/?change=1", "/cy/track/",
    "/cy/track/abc123/",
])
def test_the_language_switch_links_to_the_same_page_in_the_other_language(path: str, rf: Any) -> None:
    """The switch adds or removes ``/cy`` instead of asking the resolver: it must agree with
    ``translate_url`` on every public page."""
    from django.template import Context
    from django.urls import translate_url

    from candour.web.templatetags.portal import other_language

    welsh = path.startswith("/cy/")
    with translation.override("cy" if welsh else "en-gb"):
        switch = other_language(Context({"request": rf.get(path)}))
        assert switch["url"] == translate_url(path, "en-gb" if welsh else "cy")
    assert switch["lang"] == ("en-gb" if welsh else "cy")
    assert switch["label"] == ("English" if welsh else "Cymraeg")


@pytest.mark.django_db
def test_adding_information_and_withdrawing_in_welsh(cast: Cast, pages: Pages) -> None:
    track = f"/cy/track/{cast.tracking_token}/"
    pages.get(track, "Ychwanegu gwybodaeth at eich adroddiad", "Tynnu eich adroddiad yn ôl")
    pages.get(f"{track}add-information/", "Beth ydych chi am ei ychwanegu?", "Anfon gwybodaeth")
    pages.post(f"{track}add-information/", {"text": ""}, PROBLEM, "Rhowch yr wybodaeth rydych am ei hychwanegu")
    assert pages.advance(f"{track}add-information/", {"text": "Car arian."}) == track
    pages.get(track, "Rydym wedi ychwanegu eich gwybodaeth", "Gwnaethoch ychwanegu gwybodaeth.")
    pages.post(f"{track}withdraw/", {"confirm": "yes"}, PROBLEM, "Rhowch eich enw llawn i lofnodi eich cais")
    assert pages.advance(f"{track}withdraw/", {"confirm": "yes", "signed_name": "Pat Public"}) == track
    pages.get(track, "Gofynnwyd am dynnu’n ôl")


@pytest.mark.django_db
@pytest.mark.parametrize(("path", "heading"), [
    ("/cy/privacy/", "Hysbysiad preifatrwydd"), ("/cy/accessibility/", "Datganiad hygyrchedd"),
    ("/cy/cookies/", "Cwcis hanfodol"), ("/cy/contact/", "Cysylltu â ni"),
    ("/cy/feedback/", "Rhoi adborth am y gwasanaeth hwn")])
def test_the_pages_about_the_service_in_welsh(cast: Cast, pages: Pages, settings: Any, path: str,
                                             heading: str) -> None:
    settings.CANDOUR_FEEDBACK_EMAIL = "feedback@example.com"
    pages.get(path, heading, "Preifatrwydd", "Datganiad hygyrchedd", "Adborth")
