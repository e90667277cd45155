//! What every result section shares, so the figures look and read the
//! same everywhere: the summary memo, the status badge and words, names of
//! the engine's placeholder labels, threshold text.

use leptos::prelude::*;
use vtr_core::result::{Status, Summary, UNCATEGORISED};
use vtr_core::settings::format_bp;

use crate::i18n::{tr, use_lang, Lang};
use crate::state::AppState;

/// The section-8 summary as a memo of its own, so a section re-renders only
/// when the figures change, not on every new `Analysis` with equal figures.
pub fn summary_memo(state: AppState) -> Memo<Summary> {
    Memo::new(move |_| state.result.with(|r| r.summary.clone()))
}

/// The status as a seller reads it.
pub fn status_text(status: Status) -> &'static str {
    match status {
        Status::Ok => "OK",
        Status::AtRisk => "At risk",
        Status::NoData => "No data",
    }
}

/// A category or carrier name as shown: the engine's placeholder labels are
/// English words, so they are translated; real names are data and are not.
pub fn shown_name(lang: Lang, name: &str) -> String {
    match name {
        UNCATEGORISED => tr(lang, "(uncategorised)").to_string(),
        "(none)" => tr(lang, "(no carrier)").to_string(),
        other => other.to_string(),
    }
}

/// A threshold in basis points as a percentage: 9500 is "95.00%".
pub fn threshold_text(bp: u32) -> String {
    format!("{}%", format_bp(bp))
}

/// The shape that goes with each status, so status never rests on colour:
/// a check in a circle, a warning triangle, a dashed circle with a dash.
#[component]
pub fn StatusIcon(status: Status) -> impl IntoView {
    let body = match status {
        Status::Ok => view! {
            <circle cx="12" cy="12" r="10" class="icon-fill" />
            <path d="M7 12.5l3.2 3.2L17 9" class="icon-mark" />
        }
        .into_any(),
        Status::AtRisk => view! {
            <path d="M12 2.5L22.5 21h-21z" class="icon-fill" />
            <path d="M12 9v5.5M12 17.2v.6" class="icon-mark" />
        }
        .into_any(),
        Status::NoData => view! {
            <circle cx="12" cy="12" r="9.5" class="icon-ring" />
            <path d="M8 12h8" class="icon-mark icon-mark-dark" />
        }
        .into_any(),
    };
    view! {
        <svg
            class="vtr-status-icon"
            viewBox="0 0 24 24"
            width="20"
            height="20"
            aria-hidden="true"
            focusable="false"
        >
            {body}
        </svg>
    }
}

/// Status as icon plus text; `data-status` carries the engine's key.
#[component]
pub fn StatusBadge(
    status: Status,
    #[prop(optional)] testid: Option<&'static str>,
) -> impl IntoView {
    let lang = use_lang();
    view! {
        <span
            class=format!("vtr-status status-{}", status.key())
            data-status=status.key()
            data-testid=testid
        >
            <StatusIcon status=status />
            <span class="status-text">{move || tr(lang.get(), status_text(status))}</span>
        </span>
    }
}
