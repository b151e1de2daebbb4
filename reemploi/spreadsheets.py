"""Exports opened in a spreadsheet: text typed by users must never run as a formula."""

# A cell starting with one of these is read as a formula (or a DDE call) by Excel, LibreOffice
# and Google Sheets; a tab or a carriage return hides the sign behind blank space. OWASP's
# "CSV injection" advice: prefix such a cell with an apostrophe, which the spreadsheet shows
# as plain text and drops from the displayed value.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value):
    """The value as given, except text that a spreadsheet would evaluate: that gets a ' first."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return f"'{value}"
    return value


class SafeSpreadsheetExportMixin:
    """For a Wagtail view with SpreadsheetExportMixin: every CSV and XLSX cell neutralised."""

    def preprocess_field_value(self, field, value, export_format):
        return neutralise(super().preprocess_field_value(field, value, export_format))

    def get_heading(self, queryset, field):
        # Form builder questions are headings, and an editor types them.
        return neutralise(super().get_heading(queryset, field))
