/**
 * CSS of the findings sections and the report's print stylesheet. On screen the findings list scrolls inside
 * its card so that the charts stay near; on paper nothing has a fixed height or scrolls, tables break across
 * pages with their header repeated, and links print where they lead.
 */
export const FINDINGS_STYLE = `
.fix-first{border-left:4px solid #d64545}
.fix-first-body{display:grid;grid-template-columns:3fr 2fr;gap:24px}
.fix-first h3{font-size:13px;color:#6b7685;margin:0 0 6px;font-weight:600}
.fix-list{margin:0;padding-left:20px}
.fix-list li{padding:5px 0;border-bottom:1px dashed #edf0f3}
.fix-list li:last-child{border-bottom:0}
.figure{display:block;font-size:12px;color:#6b7685}
.figure.err-text{color:#d64545}
.rule-label{overflow-wrap:anywhere}
.rule-id{font-size:11px;color:#8a94a3}
.findings-scroll{max-height:70vh;overflow:auto;border:1px solid #edf0f3;border-radius:8px}
.findings-table{margin:0;table-layout:auto}
.findings-table thead th{position:sticky;top:0;background:#fff;z-index:1}
.findings-table td{vertical-align:top;overflow-wrap:anywhere}
.findings-table td.where{width:24%}
.findings-table td.field-cell{width:15%;min-width:8em}
.findings-table td.fix-cell{width:21%;min-width:10em}
.findings-table code.field{overflow-wrap:normal;word-break:keep-all}
.dept-row th{background:#f4f6f9;color:#1f2733;font-size:14px;padding:10px}
.dept-row .figure{display:inline;margin-left:12px;font-weight:400}
.res-row td{background:#fafbfc;padding:6px 10px}
.sev{display:inline-block;padding:0 7px;border-radius:999px;font-size:11.5px;white-space:nowrap}
.sev.error{background:#fde8e8;color:#c03535}.sev.warning{background:#fdf3e1;color:#a86a0e}.sev.info{background:#eef1f4;color:#4a5563}
.rule-table td{vertical-align:top}
.rule-bar{display:inline-block;height:10px;border-radius:3px;vertical-align:middle;background:#e8a33d}
.rule-bar.error{background:#d64545}
a.findings-link{font-size:12px;color:#2b6cb0}
@media (max-width:900px){.fix-first-body{grid-template-columns:1fr}}
@media print{
  @page{margin:14mm}
  body{background:#fff;font-size:11pt}
  .page{max-width:none;padding:0}
  .findings-scroll{max-height:none;overflow:visible;border:0}
  .findings-table thead th{position:static}
  .card{break-inside:auto;box-shadow:none;border:1px solid #e6e9ee}
  table{break-inside:auto}
  thead{display:table-header-group}
  tr{break-inside:avoid}
  h2,h3,.dept-row,.res-row{break-after:avoid}
  .kpis{grid-template-columns:repeat(5,1fr)}
  .grid{grid-template-columns:1fr}
  a[href]:not([href^="#"])::after{content:" (" attr(href) ")";font-size:10pt}
  a[href^="#"]{color:inherit;text-decoration:none}
}
`;
