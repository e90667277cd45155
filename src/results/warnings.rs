//! Warnings and the premium segment.
//!
//! Warnings never change the rate; they point at data that may make the
//! prediction differ from Amazon's own figure. Premium Shipping packages
//! are in every figure above and are shown again here because Amazon
//! holds them to their own targets.

use leptos::prelude::*;
use vtr_core::numbers::{percent, thousands};
use vtr_core::rules::reason::Reason;
use vtr_core::rules::warning::Warning;

use crate::i18n::t;
use crate::results::shared::summary_memo;
use crate::state::use_state;

#[component]
pub fn Warnings() -> impl IntoView {
    let state = use_state();
    let summary = summary_memo(state);
    let lang = state.lang;

    let items = Warning::ALL
        .into_iter()
        .map(|w| {
            let key = w.key();
            let reason = Reason::Warning(w);
            let count = move || summary.with(|s| s.warnings.get(w));
            view! {
                <li class="warning" class:zero=move || count() == 0>
                    <div class="warning-head">
                        <svg class="warning-icon" viewBox="0 0 24 24" width="18" height="18" aria-hidden="true" focusable="false">
                            <path d="M12 2.5L22.5 21h-21z" class="icon-fill" />
                            <path d="M12 9v5.5M12 17.2v.6" class="icon-mark" />
                        </svg>
                        <span class="warning-label">{move || reason.text(lang.get()).label}</span>
                        <span class="warning-count" data-testid=format!("warning-{key}")>
                            {move || thousands(count())}
                        </span>
                    </div>
                    <Show when=move || count() != 0>
                        <p class="warning-text">
                            {move || reason.text(lang.get()).explanation}
                            " "
                            {move || reason.text(lang.get()).fix}
                        </p>
                    </Show>
                </li>
            }
        })
        .collect_view();

    let premium = move || summary.with(|s| s.segments.premium);

    view! {
        <section class="results-card" data-testid="warnings" aria-labelledby="warnings-title">
            <h2 id="warnings-title">{t("Warnings")}</h2>
            <p class="card-hint">{t("Counted as usual, never invalid: they show where Amazon's figure may differ.")}</p>
            <ul class="warning-list">{items}</ul>
            <h3 class="premium-title" id="premium-title">{t("Premium Shipping")}</h3>
            <dl class="premium" data-testid="premium" aria-labelledby="premium-title">
                <div>
                    <dt>{t("Considered")}</dt>
                    <dd data-testid="premium-considered">{move || thousands(premium().considered)}</dd>
                </div>
                <div>
                    <dt>{t("Valid")}</dt>
                    <dd data-testid="premium-valid">{move || thousands(premium().valid)}</dd>
                </div>
                <div>
                    <dt>{t("VTR")}</dt>
                    <dd data-testid="premium-vtr">
                        {move || {
                            let p = premium();
                            percent(p.valid, p.considered)
                        }}
                    </dd>
                </div>
            </dl>
            <p class="card-hint">
                {t("Premium Shipping packages also count in every figure above; Amazon holds them to their own targets.")}
            </p>
        </section>
    }
}
