//! The drop zone: drag files onto it, or choose them with the file picker.

use leptos::{html, prelude::*, task::spawn_local};
use web_sys::{DragEvent, FileList, KeyboardEvent};

use crate::{file_read, sample, state::AppState};

/// Reads every file of `list` into the state, each on its own task so that
/// one slow or broken file does not hold up the others.
pub fn add_files(state: AppState, list: &FileList) {
    for file in file_read::files_of(list) {
        // `size()` is a JS number; file sizes fit exactly below 2^53.
        let id = state.start(file.name(), file.size() as u64);
        spawn_local(async move {
            let bytes = file_read::read_bytes(&file).await;
            state.finish(id, bytes);
        });
    }
}

/// Adds the built-in sample file as if the user had picked it.
pub fn add_sample(state: AppState) {
    let id = state.start(
        sample::SAMPLE_NAME.to_owned(),
        sample::SAMPLE_CSV.len() as u64,
    );
    state.finish(id, Ok(sample::SAMPLE_CSV.to_vec()));
}

/// The zone with its file input, picker button and sample button.
#[component]
pub fn DropZone() -> impl IntoView {
    let state = expect_context::<AppState>();
    let dragging = RwSignal::new(false);
    let input_ref = NodeRef::<html::Input>::new();

    let open_picker = move || {
        if let Some(input) = input_ref.get() {
            input.click();
        }
    };
    let on_drag_over = move |ev: DragEvent| {
        // Without preventDefault the browser refuses the drop and opens the file.
        ev.prevent_default();
        if let Some(dt) = ev.data_transfer() {
            dt.set_drop_effect("copy");
        }
        dragging.set(true);
    };
    let on_drop = move |ev: DragEvent| {
        ev.prevent_default();
        dragging.set(false);
        if let Some(list) = ev.data_transfer().and_then(|dt| dt.files()) {
            add_files(state, &list);
        }
    };
    let on_key = move |ev: KeyboardEvent| {
        if ev.key() == "Enter" || ev.key() == " " {
            ev.prevent_default();
            open_picker();
        }
    };
    let on_change = move |_| {
        if let Some(input) = input_ref.get() {
            if let Some(list) = input.files() {
                add_files(state, &list);
            }
            // Clearing lets the same file be picked again after a fix.
            input.set_value("");
        }
    };

    view! {
        <section
            class="drop-zone"
            class:dragging=move || dragging.get()
            data-testid="drop-zone"
            tabindex="0"
            role="button"
            aria-describedby="drop-hint"
            aria-label="Add shipment files: drop them here, or press Enter to choose"
            on:dragenter=on_drag_over
            on:dragover=on_drag_over
            on:dragleave=move |_| dragging.set(false)
            on:drop=on_drop
            on:keydown=on_key
        >
            <p class="drop-title">"Drop shipment files here"</p>
            <p id="drop-hint" class="drop-hint">
                "CSV or tab-separated exports, one or more at a time. They are read in this browser and never uploaded."
            </p>
            <div class="drop-actions">
                <label class="button primary" for="file-input">"Choose files"</label>
                <input
                    id="file-input"
                    class="visually-hidden"
                    type="file"
                    multiple
                    accept=".csv,.tsv,.txt,text/csv,text/tab-separated-values,text/plain"
                    tabindex="-1"
                    data-testid="file-input"
                    node_ref=input_ref
                    on:change=on_change
                />
                <button
                    type="button"
                    class="button"
                    data-testid="sample-button"
                    on:click=move |_| add_sample(state)
                    on:keydown=|ev: KeyboardEvent| ev.stop_propagation()
                >
                    "Try sample data"
                </button>
            </div>
        </section>
    }
}
