"""Every page, by area, in the three URL namespaces the templates and tests reverse.

The namespaces are older than the areas: ``intake`` holds the public portal and staff intake,
``web`` the staff pages, ``accounts`` sign-in. config/urls.py mounts each pair below.
"""

from __future__ import annotations

from django.urls import URLPattern, URLResolver

from candour.web.accounts import urls as accounts
from candour.web.cases import urls as cases
from candour.web.home import urls as home
from candour.web.intake import urls as intake
from candour.web.integrity import urls as integrity
from candour.web.jobs import urls as jobs
from candour.web.notifications import urls as notifications
from candour.web.officers import urls as officers
from candour.web.portal import urls as portal
from candour.web.privacy import urls as privacy
from candour.web.screening import urls as screening
from candour.web.tokens import urls as tokens
from candour.web.vetting import urls as vetting

Patterns = tuple[list[URLPattern | URLResolver], str]

#: Public pages first: they take most of the traffic (config/urls.py).
INTAKE: Patterns = ([*portal.urlpatterns, *intake.urlpatterns], "intake")
WEB: Patterns = ([*home.urlpatterns, *cases.urlpatterns, *officers.urlpatterns, *integrity.urlpatterns,
                  *vetting.urlpatterns, *screening.urlpatterns, *tokens.urlpatterns, *jobs.urlpatterns,
                  *notifications.urlpatterns, *privacy.urlpatterns], "web")
ACCOUNTS: Patterns = (list(accounts.urlpatterns), "accounts")
