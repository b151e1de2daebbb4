"""The questionnaire's answers in the admin and their CSV/XLSX export."""

from wagtail.contrib.forms.views import SubmissionsListView

from reemploi.spreadsheets import SafeSpreadsheetExportMixin


class SafeSubmissionsListView(SafeSpreadsheetExportMixin, SubmissionsListView):
    """Answers typed by the public, exported with no cell a spreadsheet would evaluate."""
