"""Everything a person reads: charts, the network drawing, narrative sentences and report files.

- `charts`, `member_charts`, `network_chart`: Plotly figures from a report (never computing a metric);
- `narrative`: the report's findings as sentences in Indonesian or English;
- `report_document`: the HTML and PDF report;
- `spreadsheet`, `csvsafe`: CSV and XLSX tables (exact values; spreadsheet safety only where asked);
- `safewrite`: all-or-nothing writing of an output folder;
- `glyphs`, `textmetrics`, `xmltext`: text that fonts, layout and XML can carry.
"""
