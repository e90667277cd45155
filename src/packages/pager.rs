//! Paging through the package list.

use leptos::prelude::*;

use crate::i18n::{t, tr, trf};
use crate::state::use_state;

/// The page shown (from 0) and how many there are (at least 1).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PagePos {
    pub current: usize,
    pub pages: usize,
}

/// First / previous / "page X of Y" / next / last.
#[component]
pub fn Pager(
    pos: Memo<PagePos>,
    go: impl Fn(usize) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let lang = use_state().lang;
    let at_start = move || pos.get().current == 0;
    let at_end = move || pos.with(|p| p.current + 1 >= p.pages);
    view! {
        <nav class="pager" aria-label=move || tr(lang.get(), "Pages of the package list")>
            <button type="button" class="button small" data-testid="page-first"
                prop:disabled=at_start on:click=move |_| go(0)>
                <span aria-hidden="true">"«"</span>" "{t("First")}
            </button>
            <button type="button" class="button small" data-testid="page-prev"
                prop:disabled=at_start on:click=move |_| go(pos.get_untracked().current.saturating_sub(1))>
                <span aria-hidden="true">"‹"</span>" "{t("Previous")}
            </button>
            <span class="page-info" data-testid="page-info" aria-live="polite">
                {move || {
                    let p = pos.get();
                    trf(lang.get(), "Page {x} of {y}", &[
                        ("x", (p.current + 1).to_string()),
                        ("y", p.pages.to_string()),
                    ])
                }}
            </span>
            <button type="button" class="button small" data-testid="page-next"
                prop:disabled=at_end on:click=move |_| go(pos.get_untracked().current + 1)>
                {t("Next")}" "<span aria-hidden="true">"›"</span>
            </button>
            <button type="button" class="button small" data-testid="page-last"
                prop:disabled=at_end on:click=move |_| go(pos.get_untracked().pages.saturating_sub(1))>
                {t("Last")}" "<span aria-hidden="true">"»"</span>
            </button>
        </nav>
    }
}
