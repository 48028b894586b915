"""Screening: probabilistic record linkage of the workforce against intelligence, conviction
and barred-list extracts (docs/screening.md). The engine modules import no Django."""
