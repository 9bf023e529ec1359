"""The report's style sheet, for the screen and for A4 print (chromium --print-to-pdf): the first
page stands alone, figures fit the page width, table rows never split, and what only a screen
needs (the full tables, the scenario text, links to files) does not print."""

CSS = """
@page { size: A4; margin: 13mm 13mm 14mm 13mm; }
* { box-sizing: border-box; }
body { font-family: "DejaVu Sans", "Liberation Sans", Arial, Helvetica, sans-serif; color: #111;
       line-height: 1.45; max-width: 62em; margin: 1.5em auto; padding: 0 1.2em; font-size: 15px; }
h1 { font-size: 1.75em; margin: 0 0 0.2em 0; line-height: 1.2; }
h2 { font-size: 1.3em; border-bottom: 2px solid #0072B2; padding-bottom: 0.15em;
     margin-top: 1.8em; break-after: avoid; }
h3 { font-size: 1.05em; margin: 1.2em 0 0.3em 0; break-after: avoid; }
p.lead { font-size: 1.1em; color: #333; margin: 0 0 0.4em 0; }
.note { color: #444; font-size: 0.9em; }
#first-page { break-after: page; page-break-after: always; }
#first-page p.finding { margin: 0.45em 0; }
#first-page .chosen { background: #eef5fb; border-left: 5px solid #0072B2; padding: 0.4em 0.8em;
                      margin: 0.6em 0; }
#first-page figure { margin: 0.5em 0; }
#first-page figure img { max-height: 100mm; width: auto; max-width: 100%; display: block;
                         margin: 0 auto; }
#first-page figcaption { font-size: 0.78em; }
figure { margin: 1.2em 0; break-inside: avoid; page-break-inside: avoid; }
figure img { width: 100%; height: auto; border: 1px solid #ddd; }
figcaption { font-size: 0.85em; color: #333; margin-top: 0.3em; }
table { border-collapse: collapse; margin: 0.5em 0 1em 0; font-size: 0.85em; }
caption { caption-side: top; text-align: left; font-weight: bold; padding-bottom: 0.2em; }
th, td { padding: 3px 7px; border-bottom: 1px solid #ddd; vertical-align: top; text-align: left; }
th { background: #f3f3f3; }
td.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
th.num { text-align: right; }
table.wide { width: 100%; }
table.compact { font-size: 0.75em; }
tr.gain td { background: #fff3e6; }
tr.chosen td { font-weight: bold; }
thead { display: table-header-group; }
tr { break-inside: avoid; page-break-inside: avoid; }
pre { white-space: pre-wrap; font-size: 0.75em; background: #f7f7f7; padding: 0.6em;
      border: 1px solid #ddd; }
dl { display: grid; grid-template-columns: max-content auto; gap: 0.15em 1em; font-size: 0.9em; }
dt { font-weight: bold; } dd { margin: 0; word-break: break-all; }
.newpage { break-before: page; page-break-before: always; }
.print-only { display: none; }
@media print {
  body { margin: 0; max-width: none; font-size: 9.5pt; padding: 0; }
  h2 { margin-top: 0.6em; }
  figure img { max-height: 215mm; width: auto; max-width: 100%; display: block; margin: 0 auto; }
  #first-page figure img { max-height: 100mm; }
  .screen-only { display: none; }
  .print-only { display: inline; }
}
"""
