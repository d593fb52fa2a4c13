"""reviewer: translation-quality review: checks, scores, interactive review and export."""

from __future__ import annotations

__version__ = "0.1.0"
