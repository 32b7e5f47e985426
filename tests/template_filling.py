"""Fill in the data-entry template as a person does: through its dropdowns and example rows.

The person knows nothing of the layout: only the headers in row 1 and the dropdowns the
file itself defines, resolved to the values they offer at the moment of picking (a dropdown
of actors' ids lists the ids entered so far).
"""


def dropdown(worksheet, coordinate):
    """Return the list validation covering a cell, or ``None``."""
    for validation in worksheet.data_validations.dataValidation:
        if validation.type == "list" and coordinate in validation.sqref:
            return validation
    return None


def offered(book, validation):
    """Return the values a list validation offers: its literal list or its range's values."""
    formula = validation.formula1
    if formula.startswith('"'):
        return formula.strip('"').split(",")
    sheet, cells = formula.rsplit("!", 1)
    rows = book[sheet.strip("'")][cells.replace("$", "")]
    return [cell.value for (cell,) in rows if cell.value not in (None, "")]


class Person:
    """Types into a template opened with openpyxl; picks from dropdowns wherever there is one."""

    def __init__(self, path):
        import openpyxl

        self.path = path
        self.book = openpyxl.load_workbook(path)
        self.picked = 0  # how many values came from a dropdown

    def column(self, sheet, header):
        """Return the letter of the column headed ``header`` in row 1 of ``sheet``."""
        from openpyxl.utils import get_column_letter

        headers = [cell.value for cell in self.book[sheet][1]]
        return get_column_letter(headers.index(header) + 1)

    def fill(self, sheet, row, values):
        """Enter ``values`` (header -> value) into a row."""
        for header, value in values.items():
            self.enter(sheet, row, header, value)

    def enter(self, sheet, row, header, value):
        """Enter one value; a cell with a dropdown takes only what the dropdown offers."""
        worksheet = self.book[sheet]
        coordinate = f"{self.column(sheet, header)}{row}"
        validation = dropdown(worksheet, coordinate)
        if validation is not None and value is not None:
            choices = offered(self.book, validation)
            # Several values: each picked from the list, the rest typed with ";".
            parts = [part.strip() for part in str(value).split(";")]
            missing = [part for part in parts if part not in choices]
            assert missing == [], f"{sheet}!{coordinate} offers no {missing} ({choices})"
            assert validation.errorStyle == "information" or len(parts) == 1
            self.picked += 1
        worksheet[coordinate] = value

    def copy_row(self, sheet, source, target):
        """Copy a row's values, as copying an example row and pasting it below does."""
        worksheet = self.book[sheet]
        for cell in worksheet[source]:
            worksheet.cell(target, cell.column, cell.value)

    def delete_rows_below_header(self, sheet):
        """Delete every row but the header, as a person deletes the example rows."""
        worksheet = self.book[sheet]
        worksheet.delete_rows(2, worksheet.max_row)

    def save(self):
        """Save the workbook where it was opened."""
        self.book.save(self.path)
        return self.path
