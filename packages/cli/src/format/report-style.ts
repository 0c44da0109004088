/** The report page's own CSS: inline, so the page needs nothing from outside. */
export const STYLE = `
*{box-sizing:border-box}
body{margin:0;background:#f4f6f9;color:#1f2733;font:14px/1.6 -apple-system,"PingFang SC","Hiragino Sans GB","Microsoft YaHei","Noto Sans CJK SC","WenQuanYi Micro Hei",system-ui,sans-serif;-webkit-font-smoothing:antialiased}
.page{max-width:1180px;margin:0 auto;padding:36px 28px 56px}
.masthead{display:flex;justify-content:space-between;align-items:flex-end;gap:24px;margin-bottom:24px}
.masthead h1{margin:0;font-size:26px;font-weight:700;letter-spacing:.5px}
.masthead .sub{color:#6b7685;margin-top:4px}
.masthead .meta{color:#6b7685;text-align:right;font-size:13px}
.kpis{display:grid;grid-template-columns:repeat(5,1fr);gap:16px;margin-bottom:20px}
.kpi{background:#fff;border-radius:14px;padding:18px 20px;box-shadow:0 1px 2px rgba(16,24,40,.06),0 1px 3px rgba(16,24,40,.08)}
.kpi .label{color:#6b7685;font-size:13px}
.kpi .value{font-size:30px;font-weight:700;margin-top:2px;font-variant-numeric:tabular-nums}
.kpi .hint{color:#8a94a3;font-size:12px}
.grid{display:grid;grid-template-columns:5fr 7fr;gap:20px;margin-bottom:20px}
.card{background:#fff;border-radius:14px;padding:22px 24px;box-shadow:0 1px 2px rgba(16,24,40,.06),0 1px 3px rgba(16,24,40,.08);margin-bottom:20px}
.grid .card{margin-bottom:0}
.card h2{font-size:16px;margin:0 0 14px;font-weight:650}
.card h2 small{color:#8a94a3;font-weight:400;margin-left:8px;font-size:12px}
.share-card{display:flex;flex-direction:column}
.share-body{display:flex;align-items:center;gap:28px;flex:1}
.donut-total{font-size:30px;font-weight:700;fill:#1f2733}
.donut-caption{font-size:12px;fill:#6b7685}
.legend{list-style:none;margin:0;padding:0;flex:1}
.legend li{display:flex;align-items:center;gap:10px;padding:7px 0;border-bottom:1px dashed #edf0f3}
.legend li:last-child{border-bottom:0}
.legend b{margin-left:auto;font-variant-numeric:tabular-nums}
.legend em{font-style:normal;color:#8a94a3;width:44px;text-align:right;font-size:12px}
.legend.inline{display:flex;gap:22px;margin-top:12px}
.legend.inline li{border:0;padding:0}
.legend.inline b,.legend.inline em{margin-left:4px;width:auto}
.swatch{width:12px;height:12px;border-radius:3px;display:inline-block}
.bar-label{font-size:13px;fill:#3a4452}
.bars .bar-label{font-size:12.5px}
.bar-note{fill:#8a94a3;font-size:12px}
.bar-value{font-size:12px;fill:#4a5563;font-variant-numeric:tabular-nums}
.seg-value{font-size:11px;fill:#fff;font-weight:600}
.rules-table{width:100%;border-collapse:collapse}
.empty{color:#2f9e69;padding:10px 0}
h2.section{font-size:18px;margin:32px 0 14px}
.provider-head{display:flex;justify-content:space-between;align-items:center;gap:16px}
.provider-head h3{margin:0;font-size:17px}
.muted{color:#8a94a3;font-size:12px}
.mono{font-family:"SF Mono",Menlo,Consolas,monospace}
.provider-figures{display:flex;gap:26px;text-align:center}
.provider-figures b{display:block;font-size:20px;font-variant-numeric:tabular-nums}
.provider-figures span{color:#8a94a3;font-size:12px}
.err-text{color:#d64545}.warn-text{color:#c98417}
.mini-share{display:flex;height:8px;border-radius:4px;overflow:hidden;margin:14px 0 10px;background:#eef1f4}
.rule-chips{display:flex;flex-wrap:wrap;gap:6px;margin-bottom:8px}
.chip{background:#fdf1f1;color:#a33636;border-radius:999px;padding:2px 10px;font-size:12px}
.chip code{font-size:11.5px}
table{width:100%;border-collapse:collapse;margin-top:6px}
th{text-align:left;font-weight:600;color:#6b7685;font-size:12px;padding:8px 10px;border-bottom:1px solid #e6e9ee}
td{padding:9px 10px;border-bottom:1px solid #f0f2f5;vertical-align:middle}
tr:last-child td{border-bottom:0}
.num{text-align:right;font-variant-numeric:tabular-nums}
.res-name{font-weight:550}
.res-code{color:#8a94a3;font:12px "SF Mono",Menlo,Consolas,monospace}
.badge{display:inline-block;padding:1px 9px;border-radius:999px;font-size:12px;color:var(--c);background:color-mix(in srgb,var(--c) 13%,white);border:1px solid color-mix(in srgb,var(--c) 35%,white);white-space:nowrap}
.meter{display:inline-block;width:90px;height:7px;background:#eef1f4;border-radius:4px;overflow:hidden;vertical-align:middle}
.meter span{display:block;height:100%}
.meter-text{margin-left:8px;font-size:12px;color:#4a5563;font-variant-numeric:tabular-nums}
.count{display:inline-block;min-width:22px;padding:0 6px;border-radius:999px;font-size:12px;text-align:center;margin-left:4px}
.count.err{background:#fde8e8;color:#c03535}.count.warn{background:#fdf3e1;color:#a86a0e}
.ok{color:#2f9e69}
footer{color:#9aa3af;font-size:12px;text-align:center;margin-top:28px}
.eval-kpis{display:grid;grid-template-columns:repeat(3,1fr);gap:16px;margin-bottom:12px}
.eval-kpis .kpi{box-shadow:none;border:1px solid #edf0f3}
.eval-kpis .value small{font-size:14px;color:#8a94a3;font-weight:500}
.eval-h3{font-size:14px;margin:16px 0 6px;color:#3a4452}
.eval-table th .muted{font-weight:400}
.eval-score{display:inline-block;min-width:44px;padding:0 6px;border-radius:999px;font-size:12px;text-align:center;color:var(--c);background:color-mix(in srgb,var(--c) 13%,white)}
.eval-notes{color:#6b7685;font-size:12px;margin:12px 0 0;padding-left:18px}
@media (max-width:900px){.kpis{grid-template-columns:repeat(2,1fr)}.grid{grid-template-columns:1fr}}
@media print{body{background:#fff}.card,.kpi{box-shadow:none;border:1px solid #e6e9ee}}
`;
