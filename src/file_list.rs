//! The list of added files with what was counted in each.

use leptos::prelude::*;

use crate::{
    size::human_size,
    state::{AppState, FileStatus, LoadedFile},
};

/// One row per file, or nothing before the first file.
#[component]
pub fn FileList() -> impl IntoView {
    let state = expect_context::<AppState>();
    let has_files = move || state.files.with(|f| !f.is_empty());

    view! {
        <Show when=has_files>
            <section class="files" aria-labelledby="files-title">
                <div class="files-head">
                    <h2 id="files-title">"Files"</h2>
                    <button type="button" class="button small" on:click=move |_| state.clear()>
                        "Clear all"
                    </button>
                </div>
                <ul class="file-list" aria-live="polite">
                    <For
                        each=move || state.files.get()
                        key=|file| (file.id, file.status.clone())
                        children=|file| view! { <FileRow file=file /> }
                    />
                </ul>
            </section>
        </Show>
    }
}

#[component]
fn FileRow(file: LoadedFile) -> impl IntoView {
    let size = human_size(file.size);
    let body = match file.status {
        FileStatus::Reading => view! { <p class="file-status">"Reading…"</p> }.into_any(),
        FileStatus::Ready(summary) => view! {
            <dl class="file-counts">
                <div>
                    <dt>"Rows"</dt>
                    <dd data-testid="file-rows">{summary.rows}</dd>
                </div>
                <div>
                    <dt>"Columns"</dt>
                    <dd data-testid="file-columns">{summary.columns}</dd>
                </div>
            </dl>
        }
        .into_any(),
        FileStatus::Failed(message) => view! {
            <p class="file-error" role="alert" data-testid="file-error">{message}</p>
        }
        .into_any(),
    };
    view! {
        <li class="file-row" data-testid="file-row">
            <div class="file-meta">
                <span class="file-name" data-testid="file-name">{file.name}</span>
                <span class="file-size">{size}</span>
            </div>
            {body}
        </li>
    }
}
