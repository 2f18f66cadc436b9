//! What changed between two versions of a report: the 取組進捗状況 text character by character
//! (Japanese has no spaces to split words on) and the other fields that differ.
//!
//! A character diff of two long unrelated texts is quadratic at worst (5.3 s for two
//! 20,000-character texts in a debug build), so it gets a time budget: past it the diff algorithm
//! stops looking for the smallest diff and finishes with a coarser one, still exact in what it
//! says was removed and added.

use std::time::Duration;

use serde::Serialize;
use shinko_db::reports::ReportVersion;
use similar::{Algorithm, ChangeTag, TextDiff};
use utoipa::ToSchema;

/// How long one text comparison may search for the smallest diff.
pub const TEXT_DIFF_BUDGET: Duration = Duration::from_millis(200);

/// A piece of a text diff.
#[derive(Debug, Serialize, ToSchema)]
pub struct DiffSegment {
    /// equal, insert or delete.
    pub op: String,
    /// The characters concerned.
    pub text: String,
}

/// A field (other than the text) whose value differs between two versions.
#[derive(Debug, Serialize, ToSchema)]
pub struct ReportFieldChange {
    /// Field name, e.g. `evaluation`.
    pub field: String,
    /// Value in the older version.
    pub from: Option<String>,
    /// Value in the newer version.
    pub to: Option<String>,
}

/// What changed between two versions of a report.
#[derive(Debug, Serialize, ToSchema)]
pub struct ReportDiff {
    /// The older version.
    pub from: ReportVersion,
    /// The newer version.
    pub to: ReportVersion,
    /// The 取組進捗状況 text, character by character (Japanese has no spaces to split words on).
    pub progress: Vec<DiffSegment>,
    /// The other fields that differ.
    pub fields: Vec<ReportFieldChange>,
}

/// Compares two versions; the text comparison stops refining after `budget`.
pub fn between(from: ReportVersion, to: ReportVersion, budget: Duration) -> ReportDiff {
    let progress = text_diff(&from.progress, &to.progress, budget);
    let mut fields = Vec::new();
    let mut compare = |field: &str, a: Option<String>, b: Option<String>| {
        if a != b {
            fields.push(ReportFieldChange { field: field.into(), from: a, to: b });
        }
    };
    compare("state", Some(from.state.label_ja().into()), Some(to.state.label_ja().into()));
    compare(
        "implementation_status",
        from.implementation_status.map(|s| s.label_ja().into()),
        to.implementation_status.map(|s| s.label_ja().into()),
    );
    compare("evaluation", from.evaluation.clone(), to.evaluation.clone());
    compare(
        "future_direction",
        from.future_direction.map(|d| d.label_ja().into()),
        to.future_direction.map(|d| d.label_ja().into()),
    );
    compare("remarks", Some(from.remarks.clone()), Some(to.remarks.clone()));
    compare("return_comment", from.return_comment.clone(), to.return_comment.clone());
    ReportDiff { from, to, progress, fields }
}

/// The character diff of two texts, runs of the same operation merged into phrases.
pub fn text_diff(from: &str, to: &str, budget: Duration) -> Vec<DiffSegment> {
    let diff = TextDiff::configure().algorithm(Algorithm::Myers).timeout(budget).diff_chars(from, to);
    diff.iter_all_changes().fold(Vec::<DiffSegment>::new(), |mut segments, change| {
        let op = match change.tag() {
            ChangeTag::Equal => "equal",
            ChangeTag::Insert => "insert",
            ChangeTag::Delete => "delete",
        };
        // Runs of the same operation are merged, so the client gets phrases, not characters.
        match segments.last_mut() {
            Some(last) if last.op == op => last.text.push_str(change.value()),
            _ => segments.push(DiffSegment { op: op.into(), text: change.value().into() }),
        }
        segments
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The two texts a diff shows: the old one (equal + delete) and the new one (equal + insert).
    fn sides(segments: &[DiffSegment]) -> (String, String) {
        let side = |skip: &str| segments.iter().filter(|s| s.op != skip).map(|s| s.text.as_str()).collect::<String>();
        (side("insert"), side("delete"))
    }

    #[test]
    fn a_small_change_is_shown_as_the_characters_that_changed() {
        let d = text_diff("相談件数は131件", "相談件数は140件", TEXT_DIFF_BUDGET);
        let ops: Vec<(&str, &str)> = d.iter().map(|s| (s.op.as_str(), s.text.as_str())).collect();
        assert_eq!(ops, [("equal", "相談件数は1"), ("delete", "31"), ("insert", "40"), ("equal", "件")]);
    }

    #[test]
    fn two_long_unrelated_texts_cut_short_by_the_budget_still_give_an_exact_diff() {
        // Two pseudo-random 20,000-character texts over a small alphabet: the worst case of a
        // character diff.
        let text = |seed: u64| {
            let mut x = seed;
            (0..20_000)
                .map(|_| {
                    x = x.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                    ['相', '談', '件', '数', '人', '回'][(x >> 33) as usize % 6]
                })
                .collect::<String>()
        };
        let (a, b) = (text(1), text(2));
        // How long it takes is measured in bench/, not here; a test checks what it says.
        let d = text_diff(&a, &b, Duration::from_millis(50));
        assert_eq!(sides(&d), (a, b), "whatever the budget, the diff rebuilds both texts");
    }
}
