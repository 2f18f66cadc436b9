//! Search across a plan's rows (取組項目, 内容) and the report texts (取組進捗状況) of all its
//! periods: case-insensitive substring matches, since Japanese writes no spaces between words, so
//! ゲートキーパー or 相談件数 are found inside longer text. The trigram indexes of the `search`
//! migration serve queries of three or more characters; shorter ones scan.

use std::collections::HashMap;

use diesel::prelude::*;
use diesel_async::{AsyncPgConnection, RunQueryDsl};
use serde::Serialize;

use crate::enums::{MeasureKind, ReportState};
use crate::initiatives::InitiativeRow;
use crate::measures::{Direction, Measure};
use crate::pagination::{PageRequest, Paged};
use crate::schema::{directions, initiatives, measures, reporting_periods, reports};
use crate::table::circled;

/// Characters shown on each side of the first match in a snippet.
pub const SNIPPET_CONTEXT: usize = 40;

/// Where a query matched.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum MatchField {
    /// The row's name (取組項目 / 会議名).
    Name,
    /// The row's 内容.
    Content,
    /// A period's report text (取組進捗状況).
    Progress,
}

/// One place a row matched, with the text around the match.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct SearchMatch {
    /// name, content or progress.
    pub field: MatchField,
    /// For progress matches: the period of the report.
    pub period_id: Option<i64>,
    /// For progress matches: the period's label, e.g. 令和7年度 9月末.
    pub period_label: Option<String>,
    /// For progress matches: the report.
    pub report_id: Option<i64>,
    /// For progress matches: the report's workflow state.
    pub report_state: Option<ReportState>,
    /// Up to 40 characters on each side of the first match, line breaks as spaces, with `…` where
    /// the text goes on.
    pub snippet: String,
    /// Where the match starts in `snippet`, in characters (Unicode scalar values).
    pub highlight_start: usize,
    /// How many characters of `snippet` the match covers.
    pub highlight_length: usize,
}

/// The measure a hit sits under.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct SearchMeasure {
    /// Measure id.
    pub id: i64,
    /// basic (基本施策) or priority (重点施策).
    pub kind: MeasureKind,
    /// Number within its kind.
    pub number: i32,
    /// The measure's title.
    pub title: String,
    /// 基本施策2 自殺対策を支える人材の育成.
    pub heading: String,
}

/// The direction (①②③) a hit sits under.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct SearchDirection {
    /// Direction id.
    pub id: i64,
    /// 1 for ①.
    pub number: i32,
    /// Title without the marker.
    pub title: String,
    /// ③ゲートキーパーを養成する: as the table's spanning row shows it.
    pub label: String,
}

/// A row of the table that matched, with every place it matched.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct SearchHit {
    /// The row (`GET /rows/{id}`).
    pub row_id: i64,
    /// Its measure.
    pub measure: SearchMeasure,
    /// Its direction; null for rows directly under a measure.
    pub direction: Option<SearchDirection>,
    /// 取組項目 / 会議名.
    pub name: String,
    /// Owning departments in order.
    pub departments: Vec<String>,
    /// 担当課 as the table prints it: 健康課／福祉総務課.
    pub departments_label: String,
    /// Where it matched: the name, the 内容, then the report texts, newest period first.
    pub matches: Vec<SearchMatch>,
}

/// The ILIKE pattern of a query: `%query%` with `\`, `%` and `_` escaped, so they match
/// themselves.
pub fn like_pattern(query: &str) -> String {
    let mut out = String::with_capacity(query.len() + 2);
    out.push('%');
    for c in query.chars() {
        if matches!(c, '\\' | '%' | '_') {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('%');
    out
}

fn fold(c: char) -> char {
    c.to_lowercase().next().unwrap_or(c)
}

/// The first case-insensitive occurrence of `query` in `text`, in characters.
fn find(text: &[char], query: &[char]) -> Option<usize> {
    if query.is_empty() || query.len() > text.len() {
        return None;
    }
    (0..=text.len() - query.len()).find(|&i| query.iter().zip(&text[i..]).all(|(q, t)| fold(*q) == fold(*t)))
}

/// The text around the first match of `query` in `text`: (snippet, highlight start, highlight
/// length), in characters. Without a match (the database folds case a little differently), the
/// start of the text, nothing highlighted.
pub fn snippet(text: &str, query: &str) -> (String, usize, usize) {
    let chars: Vec<char> = text.chars().map(|c| if c == '\n' || c == '\r' { ' ' } else { c }).collect();
    let query: Vec<char> = query.chars().collect();
    let (pos, len) = match find(&chars, &query) {
        Some(pos) => (pos, query.len()),
        None => (0, 0),
    };
    let start = pos.saturating_sub(SNIPPET_CONTEXT);
    let end = (pos + len + SNIPPET_CONTEXT).min(chars.len());
    let mut out = String::new();
    if start > 0 {
        out.push('…');
    }
    out.extend(&chars[start..end]);
    if end < chars.len() {
        out.push('…');
    }
    (out, pos - start + usize::from(start > 0), len)
}

fn text_match(field: MatchField, text: &str, query: &str) -> SearchMatch {
    let (snippet, highlight_start, highlight_length) = snippet(text, query);
    SearchMatch {
        field,
        period_id: None,
        period_label: None,
        report_id: None,
        report_state: None,
        snippet,
        highlight_start,
        highlight_length,
    }
}

/// The rows of plan `plan_id` whose name, 内容 or any period's report text contains `query`
/// (case-insensitive), in table order, one page at a time.
/// With `approved_only`, report texts count only once approved (what another system without the
/// drafts scope may read).
pub async fn search(
    conn: &mut AsyncPgConnection,
    plan_id: i64,
    query: &str,
    approved_only: bool,
    page: PageRequest,
) -> QueryResult<Paged<SearchHit>> {
    let pattern = like_pattern(query);
    let states: &[ReportState] = if approved_only {
        &[ReportState::Approved]
    } else {
        &[ReportState::Draft, ReportState::Submitted, ReportState::Returned, ReportState::Approved]
    };
    let base = || {
        let in_reports = reports::table
            .filter(reports::plan_id.eq(plan_id))
            .filter(reports::progress.ilike(pattern.clone()))
            .filter(reports::state.eq_any(states))
            .select(reports::initiative_id);
        initiatives::table
            .inner_join(measures::table.on(measures::id.eq(initiatives::measure_id)))
            .left_join(directions::table.on(directions::id.nullable().eq(initiatives::direction_id)))
            .filter(initiatives::plan_id.eq(plan_id))
            .filter(
                initiatives::name
                    .ilike(pattern.clone())
                    .or(initiatives::content.ilike(pattern.clone()))
                    .or(initiatives::id.eq_any(in_reports)),
            )
            .into_boxed()
    };
    let total = base().count().get_result(conn).await?;
    let ids: Vec<i64> = base()
        .order((
            measures::kind,
            measures::number,
            directions::number.nullable().asc().nulls_first(),
            initiatives::position,
        ))
        .limit(page.per_page)
        .offset(page.offset())
        .select(initiatives::id)
        .load(conn)
        .await?;
    if ids.is_empty() {
        return Ok(Paged::new(Vec::new(), total, page));
    }

    let mut rows = InitiativeRow::load_many(conn, plan_id, &ids).await?;
    let measures: HashMap<i64, Measure> =
        Measure::list_for_plan(conn, plan_id).await?.into_iter().map(|m| (m.id, m)).collect();
    let directions: HashMap<i64, Direction> =
        Direction::list_for_plan(conn, plan_id).await?.into_iter().map(|d| (d.id, d)).collect();
    type ReportHit = (i64, i64, i64, String, ReportState, String);
    let report_hits: Vec<ReportHit> = reports::table
        .inner_join(reporting_periods::table.on(reporting_periods::id.eq(reports::period_id)))
        .filter(reports::initiative_id.eq_any(&ids))
        .filter(reports::progress.ilike(pattern.clone()))
        .filter(reports::state.eq_any(states))
        .order((reporting_periods::as_of.desc(), reports::id))
        .select((
            reports::initiative_id,
            reports::id,
            reports::period_id,
            reporting_periods::label,
            reports::state,
            reports::progress,
        ))
        .load(conn)
        .await?;
    let mut by_row: HashMap<i64, Vec<SearchMatch>> = HashMap::new();
    for (row_id, report_id, period_id, period_label, state, progress) in report_hits {
        let mut m = text_match(MatchField::Progress, &progress, query);
        m.period_id = Some(period_id);
        m.period_label = Some(period_label);
        m.report_id = Some(report_id);
        m.report_state = Some(state);
        by_row.entry(row_id).or_default().push(m);
    }

    let mut hits = Vec::with_capacity(ids.len());
    for id in ids {
        let Some(row) = rows.remove(&id) else { continue };
        let Some(measure) = measures.get(&row.measure_id) else { continue };
        let mut matches = Vec::new();
        let query_chars: Vec<char> = query.chars().collect();
        for (field, text) in [(MatchField::Name, &row.name), (MatchField::Content, &row.content)] {
            let chars: Vec<char> = text.chars().collect();
            if find(&chars, &query_chars).is_some() {
                matches.push(text_match(field, text, query));
            }
        }
        matches.extend(by_row.remove(&id).unwrap_or_default());
        hits.push(SearchHit {
            row_id: row.id,
            measure: SearchMeasure {
                id: measure.id,
                kind: measure.kind,
                number: measure.number,
                title: measure.title.clone(),
                heading: format!("{}{} {}", measure.kind.label_ja(), measure.number, measure.title),
            },
            direction: row.direction_id.and_then(|d| directions.get(&d)).map(|d| SearchDirection {
                id: d.id,
                number: d.number,
                title: d.title.clone(),
                label: format!("{}{}", circled(d.number), d.title),
            }),
            departments_label: row.departments.iter().map(|d| d.name.as_str()).collect::<Vec<_>>().join("／"),
            departments: row.departments.into_iter().map(|d| d.name).collect(),
            name: row.name,
            matches,
        });
    }
    Ok(Paged::new(hits, total, page))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn like_patterns_escape_the_wildcards() {
        assert_eq!(like_pattern("相談件数"), "%相談件数%");
        assert_eq!(like_pattern("100%_達成\\"), "%100\\%\\_達成\\\\%");
    }

    #[test]
    fn snippets_show_forty_characters_around_the_first_match() {
        let text = format!("{}ゲートキーパー養成講座を開催した。{}", "あ".repeat(50), "い".repeat(50));
        let (s, start, len) = snippet(&text, "ゲートキーパー");
        assert!(s.starts_with('…') && s.ends_with('…'));
        assert_eq!(s.chars().count(), 1 + 40 + 7 + 40 + 1);
        assert_eq!(s.chars().skip(start).take(len).collect::<String>(), "ゲートキーパー");

        let (s, start, len) = snippet("相談件数は131件\nであった。", "相談件数");
        assert_eq!((s.as_str(), start, len), ("相談件数は131件 であった。", 0, 4));

        let (s, start, len) = snippet("Gatekeeper研修", "gateKEEPER");
        assert_eq!((s.as_str(), start, len), ("Gatekeeper研修", 0, 10));
    }

    #[test]
    fn a_text_without_the_match_gives_its_beginning() {
        let (s, start, len) = snippet("短い文", "ない");
        assert_eq!((s.as_str(), start, len), ("短い文", 0, 0));
    }
}
