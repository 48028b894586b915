"""Audit verbs: one stable, past-tense value per kind of change.

``record`` refuses any verb not listed here, so the trail's vocabulary is reviewable in
one place (datasette's ``events.py``, lite-api's ``AuditType``).
"""

from __future__ import annotations

from enum import StrEnum


class AuditVerb(StrEnum):
    FORCE_CREATED = "force_created"
    UNIT_CREATED = "unit_created"
    USER_CREATED = "user_created"
    USER_ROLES_CHANGED = "user_roles_changed"
    USER_SIGNED_IN = "user_signed_in"
    USER_REAUTHENTICATED = "user_reauthenticated"
    OFFICER_CREATED = "officer_created"
    STAFF_MEMBER_CREATED = "staff_member_created"
    PROTECTED_CHARACTERISTICS_SET = "protected_characteristics_set"
    PROTECTED_CHARACTERISTICS_VIEWED = "protected_characteristics_viewed"
    MEMBER_OF_PUBLIC_CREATED = "member_of_public_created"
    CASE_OPENED = "case_opened"
    CASE_STATE_CHANGED = "case_state_changed"
    ALLEGATION_ADDED = "allegation_added"
    SUBJECT_ADDED = "subject_added"
    SUBJECT_OUTCOME_RECORDED = "subject_outcome_recorded"
    SYNTHETIC_FORCE_LOADED = "synthetic_force_loaded"
    REFERENCE_DATA_CHANGED = "reference_data_changed"
    REPORT_SUBMITTED = "report_submitted"
    REPORT_TRIAGED = "report_triaged"
    EVIDENCE_VIEWED = "evidence_viewed"
    CASE_FACTS_SET = "case_facts_set"
    INVESTIGATOR_APPOINTED = "investigator_appointed"
    SEVERITY_ASSESSED = "severity_assessed"
    NOTICE_SERVED = "notice_served"
    CASE_TO_ANSWER_DECIDED = "case_to_answer_decided"
    REQUEST_MADE = "request_made"
    REQUEST_ANSWERED = "request_answered"
    LIST_ENTRY_CREATED = "list_entry_created"
    COMPLAINANT_UPDATED = "complainant_updated"
    NOTICE_RESPONSE_RECORDED = "notice_response_recorded"
    INTERVIEW_SCHEDULED = "interview_scheduled"
    VETTING_CLEARANCE_RECORDED = "vetting_clearance_recorded"
    VETTING_AFTERCARE_RECORDED = "vetting_aftercare_recorded"
    VETTING_REVIEW_OPENED = "vetting_review_opened"
    VETTING_REVIEW_DECIDED = "vetting_review_decided"
    WITHDRAWAL_ASSESSMENT_STARTED = "withdrawal_assessment_started"
    WITHDRAWAL_STEP_RECORDED = "withdrawal_step_recorded"
    SCREENING_RUN_IMPORTED = "screening_run_imported"
    SCREENING_CANDIDATE_DECIDED = "screening_candidate_decided"
    SCREENING_VIEWED = "screening_viewed"
    VETTING_CLEARANCE_STATUS_CHANGED = "vetting_clearance_status_changed"
