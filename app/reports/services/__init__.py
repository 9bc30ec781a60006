"""Report services: every figure is one SQL aggregate; nothing here loops over ORM rows."""

from app.reports.services.base import ReportFilters

__all__ = ["ReportFilters"]
