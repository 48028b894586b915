"""/api/v1: the JSON interface onto the same selectors and services as the pages.

The one ``NinjaAPI``, made here from the areas' routers: cases and casework
(:mod:`candour.api.cases`), the integrity registers (:mod:`candour.api.integrity`), vetting
(:mod:`candour.api.vetting`) and screening (:mod:`candour.api.screening`). What they share
(token auth, JSON errors, ``declares``) is in :mod:`candour.api.base` and
:mod:`candour.api.schemas`.

Every operation declares its ``Action`` with ``@declares``; a test fails when one does not.
Reads are scoped exactly as the pages are: another force's case is a 404.
``tests/test_schema.py`` fuzzes every operation against the OpenAPI document with schemathesis,
and ``tests/test_openapi.py`` keeps the document as published.
"""

from __future__ import annotations

from candour.api import cases, integrity, screening, vetting
from candour.api.base import CandourAPI, TokenAuth, signed_in_only

api = CandourAPI(title="Candour API", version="1", urls_namespace="api", auth=TokenAuth(),
                 docs_decorator=signed_in_only)
# Schema names are unique across the areas (tests/test_structure.py): the document keeps one
# schema per name, so a second of the same name would silently replace the first.
api.add_router("", cases.router)
api.add_router("", integrity.router)
api.add_router("", vetting.router)
api.add_router("", screening.router)
api.authorise_before_validation()
