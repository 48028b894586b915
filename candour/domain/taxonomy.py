"""Vocabularies of the IOPC data guidance and the Standards of Professional Behaviour.

Category and sub-category labels follow the IOPC 2024/25 statistics tables (Table 18);
codes are Candour's own stable identifiers (the IOPC letter codes are unverified, see
regulations.md §11.1). Labels tagged [M] there are kept but flagged ``confirmed=False``.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Category:
    code: str
    label: str
    subcategories: tuple[tuple[str, str], ...]
    confirmed: bool = True


PROTECTED_CHARACTERISTICS: tuple[tuple[str, str], ...] = (
    ("age", "Age"),
    ("disability", "Disability"),
    ("gender_reassignment", "Gender reassignment"),
    ("marriage_and_civil_partnership", "Marriage and civil partnership"),
    ("pregnancy_and_maternity", "Pregnancy and maternity"),
    ("race", "Race"),
    ("religion_or_belief", "Religion or belief"),
    ("sex", "Sex"),
    ("sexual_orientation", "Sexual orientation"),
    ("other", "Other"),
)

CATEGORIES: tuple[Category, ...] = (
    Category("delivery_of_duties", "Delivery of duties and service", (
        ("police_action_following_contact", "Police action following contact"),
        ("decisions", "Decisions"),
        ("general_level_of_service", "General level of service"),
        ("information", "Information"),
    )),
    Category("police_powers", "Police powers, policies and procedures", (
        ("stop_and_search", "Stops, and stop and search"),
        ("search_of_premises", "Searches of premises and seizure of property"),
        ("arrest_and_detention", "Power to arrest and detain"),
        ("custody", "Detention in police custody"),
        ("bail_identification_interview", "Bail, identification and interview procedures"),
        ("use_of_force", "Use of force"),
        ("evidential_procedures", "Evidential procedures"),
        ("out_of_court_disposals", "Out of court disposals"),
        ("other_policies", "Other policies and procedures"),
    )),
    Category("property", "Handling of or damage to property / premises", ()),
    Category("information_access", "Access and/or disclosure of information", (
        ("police_systems", "Use of police systems"),
        ("disclosure", "Disclosure of information"),
        ("handling", "Handling of information"),
        ("other_sources", "Accessing and handling of information from other sources"),
    )),
    Category("vehicles", "Use of police vehicles", ()),
    Category("discriminatory_behaviour", "Discriminatory behaviour", PROTECTED_CHARACTERISTICS),
    Category("abuse_of_position", "Abuse of position / corruption", (
        ("financial", "Abuse of position for financial purpose"),
        ("sexual", "Abuse of position for sexual purpose"),
        ("emotional_relationship",
         "Abuse of position for the purpose of pursuing an inappropriate emotional relationship"),
        ("other_purpose", "Abuse of position for other purpose"),
        ("obstruction_of_justice", "Obstruction of justice"),
        ("organisational_corruption", "Organisational corruption"),
    )),
    Category("individual_behaviours", "Individual behaviours", (
        ("impolite_language", "Impolite language/tone"),
        ("impolite_actions", "Impolite and intolerant actions"),
        ("lack_of_fairness", "Lack of fairness and impartiality"),
        ("overbearing", "Overbearing or harassing behaviours"),
        ("unprofessional", "Unprofessional attitude and disrespect"),
    ), confirmed=False),
    Category("sexual_conduct", "Sexual conduct", (
        ("sexual_assault", "Sexual assault"),
        ("sexual_harassment", "Sexual harassment"),
        ("other_sexual_conduct", "Other sexual conduct"),
    ), confirmed=False),
    Category("discreditable_conduct", "Discreditable conduct", ()),
    Category("other", "Other", (), confirmed=False),
)

CATEGORIES_BY_CODE = {c.code: c for c in CATEGORIES}

#: Standards of Professional Behaviour, Police (Conduct) Regulations 2020, Schedule 2.
STANDARDS: tuple[tuple[str, str], ...] = (
    ("honesty_and_integrity", "Honesty and integrity"),
    ("authority_respect_courtesy", "Authority, respect and courtesy"),
    ("equality_and_diversity", "Equality and diversity"),
    ("use_of_force", "Use of force"),
    ("orders_and_instructions", "Orders and instructions"),
    ("duties_and_responsibilities", "Duties and responsibilities"),
    ("confidentiality", "Confidentiality"),
    ("fitness_for_work", "Fitness for work"),
    ("discreditable_conduct", "Discreditable conduct"),
    ("challenging_and_reporting", "Challenging and reporting improper conduct"),
)
STANDARD_LABELS = dict(STANDARDS)


def category_label(code: str) -> str:
    category = CATEGORIES_BY_CODE.get(code)
    return category.label if category else code


def subcategory_label(category_code: str, code: str) -> str:
    category = CATEGORIES_BY_CODE.get(category_code)
    if category is None:
        return code
    return dict(category.subcategories).get(code, code)
