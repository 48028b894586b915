"""Screening: probabilistic record linkage of the workforce against intelligence, conviction
and barred-list extracts (docs/screening.md). The engine modules (``cli``, ``screen``,
``linkage``, ``prepare``, ``explain``, ``names``, ``synthetic``) import no Django; the match
review queue (``models``, ``services``, ``selectors``) is the Django app on top of them."""
