//! The printable page of the table for the council packet: one standalone HTML document in the
//! layout of the Excel export, for A4 landscape. It loads nothing (no fonts, scripts, images or
//! links): the city's closed network (LGWAN) reaches no other site. Every text is escaped.

use std::fmt::Write as _;

use shinko_db::table::{CompiledTable, TableMeasure};

use super::{cells, headers, table_title_line};

/// Column widths A:H, near the proportions of the Excel export (24, 16, 40, 60, 10, 10, 10, 20),
/// with room for 実施状況 and 今後の方向性 in the header and less for the one-letter 評価.
const WIDTHS: [&str; 8] = ["12%", "8.5%", "20.5%", "31%", "6%", "4.5%", "6.5%", "11%"];

const STYLE: &str = r#"
:root { color-scheme: light; }
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body {
  margin: 0; padding: 24px; background: #f4f5f7; color: #1a1a1a;
  font-family: "BIZ UDPGothic", "Yu Gothic UI", "Yu Gothic", YuGothic, "Hiragino Kaku Gothic ProN", "Hiragino Sans", Meiryo, "Noto Sans CJK JP", "Noto Sans JP", sans-serif;
  font-size: 14px; line-height: 1.6;
}
.sheet { max-width: 1400px; margin: 0 auto; background: #fff; padding: 32px 40px; border: 1px solid #d6d9de; border-radius: 4px; }
.doc-header { border-bottom: 2px solid #1a1a1a; margin-bottom: 20px; padding-bottom: 8px; }
h1 { font-size: 22px; margin: 0; }
.plan { margin: 4px 0 0; font-size: 15px; }
.hint { margin: 8px 0 0; color: #555; font-size: 13px; }
.measure { margin: 28px 0 0; }
h2 { font-size: 17px; margin: 0 0 6px; }
.description { margin: 0 0 6px; white-space: pre-wrap; }
.table-title { margin: 0 0 6px; }
table { width: 100%; border-collapse: collapse; table-layout: fixed; }
th, td { border: 1px solid #8c9096; padding: 4px 6px; vertical-align: top; text-align: left; white-space: pre-wrap; overflow-wrap: anywhere; }
thead th { background: #ddebf7; font-weight: bold; text-align: center; vertical-align: middle; }
tr.direction th { background: #f2f2f2; font-weight: bold; }
td.label { text-align: center; }
.empty { margin: 28px 0 0; color: #555; }
@media print {
  @page {
    size: A4 landscape;
    margin: 12mm;
    @bottom-center { content: counter(page) " / " counter(pages); font-size: 8pt; }
  }
  body { background: #fff; padding: 0; font-size: 9pt; line-height: 1.45; }
  .sheet { max-width: none; padding: 0; border: 0; border-radius: 0; }
  .hint { display: none; }
  h1 { font-size: 14pt; }
  .plan { font-size: 10pt; }
  h2 { font-size: 11pt; break-after: avoid; }
  .description, .table-title { break-after: avoid; }
  .measure { margin-top: 14pt; }
  th, td { padding: 2pt 4pt; }
  thead { display: table-header-group; }
  tr { break-inside: avoid; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
"#;

/// The page of `table`.
pub fn render(table: &CompiledTable) -> String {
    let mut html = String::with_capacity(64 * 1024);
    let plan_line = format!("{} {}", table.municipality, table.plan_name);
    html.push_str("<!DOCTYPE html>\n<html lang=\"ja\">\n<head>\n<meta charset=\"utf-8\">\n");
    html.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    let _ = writeln!(html, "<title>{} {}</title>", escape(&table.title), escape(&plan_line));
    let _ = writeln!(html, "<style>{STYLE}</style>\n</head>\n<body>\n<div class=\"sheet\">");
    let _ = writeln!(
        html,
        "<header class=\"doc-header\">\n<h1>{}</h1>\n<p class=\"plan\">{}</p>\n<p class=\"hint\">印刷するときは、ブラウザの印刷機能（Ctrl+P）で A4 横向きを選んでください。</p>\n</header>\n<main>",
        escape(&table.title),
        escape(&plan_line)
    );
    for measure in &table.measures {
        render_measure(&mut html, table, measure);
    }
    if table.measures.is_empty() {
        html.push_str("<p class=\"empty\">条件に当てはまる事業はありません。</p>\n");
    }
    html.push_str("</main>\n</div>\n</body>\n</html>\n");
    html
}

fn render_measure(html: &mut String, table: &CompiledTable, measure: &TableMeasure) {
    let _ = writeln!(html, "<section class=\"measure\">\n<h2>{}</h2>", escape(&measure.heading));
    if !measure.description.trim().is_empty() {
        let _ = writeln!(html, "<p class=\"description\">{}</p>", escape(&measure.description));
    }
    if let Some(line) = table_title_line(measure) {
        let _ = writeln!(html, "<p class=\"table-title\">{}</p>", escape(&line));
    }
    html.push_str("<table>\n<colgroup>");
    for width in WIDTHS {
        let _ = write!(html, "<col style=\"width: {width}\">");
    }
    html.push_str("</colgroup>\n<thead><tr>");
    for header in headers(table, measure) {
        let _ = write!(html, "<th scope=\"col\">{}</th>", escape(header));
    }
    html.push_str("</tr></thead>\n");
    for section in &measure.sections {
        html.push_str("<tbody>\n");
        if let Some(direction) = &section.direction {
            let _ = writeln!(
                html,
                "<tr class=\"direction\"><th colspan=\"8\" scope=\"rowgroup\">{}</th></tr>",
                escape(&direction.label)
            );
        }
        for row in &section.rows {
            html.push_str("<tr>");
            for (col, text) in cells(row).iter().enumerate() {
                let class = if (4..=6).contains(&col) { " class=\"label\"" } else { "" };
                let _ = write!(html, "<td{class}>{}</td>", escape(text));
            }
            html.push_str("</tr>\n");
        }
        html.push_str("</tbody>\n");
    }
    html.push_str("</table>\n</section>\n");
}

/// Text as HTML: the five characters with a meaning in markup or attributes become references.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::sample;

    #[test]
    fn the_page_is_standalone_japanese_and_escapes_every_text() {
        let html = render(&sample::table());
        assert!(html.starts_with("<!DOCTYPE html>\n<html lang=\"ja\">"));
        assert!(html.contains("<h1>施策別事業進行管理表（令和7年度9月末まで）</h1>"));
        assert!(html.contains("<p class=\"plan\">あきる野市 第2次自殺対策推進計画</p>"));
        assert!(!html.contains("<script"), "the report's markup is text, not markup");
        assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;引用&quot;"));
        for external in ["http://", "https://", "src=", "href=", "@import", "url("] {
            assert!(!html.contains(external), "nothing loaded from elsewhere: {external}");
        }
        assert!(html.contains("size: A4 landscape"));
        assert!(html.contains("thead { display: table-header-group; }"));
    }

    #[test]
    fn the_page_keeps_the_layout_of_the_table() {
        let html = render(&sample::table());
        let order = [
            "<h2>基本施策1 地域におけるネットワークの強化</h2>",
            "<th scope=\"col\">会議名</th><th scope=\"col\">担当課</th><th scope=\"col\">内容</th><th scope=\"col\">取組進捗状況（令和7年9月末まで）</th>",
            "<th colspan=\"8\" scope=\"rowgroup\">①ネットワークを強化する</th>",
            "<td>あきる野市自殺対策推進協議会</td><td>健康課</td>",
            "<h2>基本施策4 自殺未遂者への支援の充実</h2>",
            "<p class=\"table-title\">表中の施策名：自殺未遂者等への支援の充実</p>",
            "<td>健康相談</td><td>健康課／福祉総務課</td>",
            "<td class=\"label\">実施済</td><td class=\"label\">A</td><td class=\"label\">継続</td><td>備考, カンマ入り</td>",
            "<h2>重点施策2 生活困窮者の自殺対策の推進</h2>",
            "<td>ケースワーカー活動</td>",
        ];
        let mut from = 0;
        for part in order {
            let at = html[from..].find(part).unwrap_or_else(|| panic!("{part} after byte {from}"));
            from += at + part.len();
        }
        assert_eq!(html.matches("表中の施策名").count(), 1);
    }
}
