//! The drop zone: drag files onto it, choose them with the file picker (also
//! by keyboard), or try the built-in sample.

use leptos::{html, prelude::*};
use web_sys::{DataTransfer, DragEvent, File, FileList, KeyboardEvent};

use crate::browser::files;
use crate::i18n::{fmt_count, fmt_date, t, tr, trf};
use crate::load::file_list::remove_file;
use crate::load::{folders, sample};
use crate::state::{use_state, AppState, AsOf};

/// Adds every file of `list` to the analysis.
pub fn add_files(state: AppState, list: &FileList) {
    add_own(state, files::files_of(list));
}

/// Adds what was dropped on the page: files at once, in the order dropped;
/// a folder's files once the browser has listed them.
pub fn add_dropped(state: AppState, dt: &DataTransfer) {
    let dropped = folders::take(dt);
    if dropped
        .iter()
        .all(|d| matches!(d, folders::Dropped::File(_)))
    {
        let files = dropped
            .into_iter()
            .filter_map(|d| match d {
                folders::Dropped::File(f) => Some(f),
                folders::Dropped::Folder(_) => None,
            })
            .collect();
        add_own(state, files);
    } else {
        leptos::task::spawn_local(async move {
            add_own(state, folders::files_of(dropped).await);
        });
    }
}

/// Adds the seller's own files. The sample, if it is there, makes way: a
/// seller's own files are never checked together with it.
fn add_own(state: AppState, added: Vec<File>) {
    if added.is_empty() {
        return;
    }
    let samples: Vec<u64> = state.files.with_untracked(|f| {
        f.iter()
            .filter(|f| sample::is_sample(f))
            .map(|f| f.id)
            .collect()
    });
    for id in samples {
        remove_file(state, id);
    }
    state.add_all(added);
}

/// Hands one file to the engine, which reads it in the background after
/// the files before it. The page never holds its bytes.
pub fn add_file(state: AppState, file: File) {
    state.add(file);
}

/// Adds the built-in sample file as if the user had picked it, and checks
/// it as of the day its dates were made for. Does nothing when the sample
/// is already there: twice the same rows would only count as duplicates.
pub fn add_sample(state: AppState) {
    if sample::sample_loaded(state) {
        return;
    }
    leptos::task::spawn_local(async move {
        match sample::sample_file().await {
            Ok(file) => {
                state.set_as_of(AsOf::Fixed(sample::sample_as_of()));
                state.add(file);
            }
            Err(e) => state
                .engine_problem
                .set(Some(format!("The sample could not be loaded: {e}"))),
        }
    });
}

/// The zone with its file input, picker button and sample button. With
/// the seller's own files loaded, the sample button asks first: the sample
/// replaces them, it never joins them.
#[component]
pub fn DropZone() -> impl IntoView {
    let state = use_state();
    // The seller's own files: how many, and the first one's name.
    let own = Memo::new(move |_| {
        state.files.with(|f| {
            let mut own = f.iter().filter(|f| !sample::is_sample(f));
            let first = own.next().map(|f| f.name());
            (first.is_some() as usize + own.count(), first)
        })
    });
    let asking = RwSignal::new(false);
    let try_sample = move |_| {
        if own.with(|o| o.0 == 0) {
            add_sample(state);
        } else {
            asking.set(true);
        }
    };
    let replace = move |_| {
        asking.set(false);
        state.clear();
        add_sample(state);
    };
    // dragenter/dragleave fire for every child the pointer crosses, so the
    // zone counts them rather than trusting the last event.
    let depth = RwSignal::new(0_i32);
    let input_ref = NodeRef::<html::Input>::new();

    let open_picker = move || {
        if let Some(input) = input_ref.get() {
            input.click();
        }
    };
    let accept_drag = |ev: &DragEvent| {
        // Without preventDefault the browser refuses the drop and opens the file.
        ev.prevent_default();
        if let Some(dt) = ev.data_transfer() {
            dt.set_drop_effect("copy");
        }
    };
    let on_drag_enter = move |ev: DragEvent| {
        accept_drag(&ev);
        depth.update(|d| *d += 1);
    };
    let on_drag_over = move |ev: DragEvent| {
        accept_drag(&ev);
        // A drag that starts outside the window may skip dragenter.
        if depth.get_untracked() == 0 {
            depth.set(1);
        }
    };
    let on_drag_leave = move |_: DragEvent| depth.update(|d| *d = (*d - 1).max(0));
    let on_drop = move |ev: DragEvent| {
        ev.prevent_default();
        depth.set(0);
        if let Some(dt) = ev.data_transfer() {
            add_dropped(state, &dt);
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
    let lang = state.lang;

    view! {
        <section
            class="drop-zone"
            class:dragging=move || { depth.get() > 0 }
            data-testid="drop-zone"
            tabindex="0"
            role="button"
            aria-describedby="drop-hint"
            aria-label=move || tr(lang.get(), "Add shipment files: drop them here, or press Enter to choose")
            on:dragenter=on_drag_enter
            on:dragover=on_drag_over
            on:dragleave=on_drag_leave
            on:drop=on_drop
            on:keydown=on_key
        >
            <svg class="drop-icon" viewBox="0 0 24 24" width="36" height="36" aria-hidden="true" focusable="false">
                <path d="M12 15V4M7.5 8.5L12 4l4.5 4.5M5 14v5h14v-5" />
            </svg>
            <p class="drop-title">
                {move || if depth.get() > 0 {
                    tr(lang.get(), "Release to add the files")
                } else {
                    tr(lang.get(), "Drop shipment files here")
                }}
            </p>
            <p id="drop-hint" class="drop-hint">
                {t("CSV, text or Excel exports (order reports, shipping confirmations, ShipStation, eBay, ERP), one or more at a time, or a folder of them. They are read in this browser and never uploaded.")}
            </p>
            <div class="drop-actions">
                <label class="button primary" for="file-input">{t("Choose files")}</label>
                <input
                    id="file-input"
                    class="visually-hidden"
                    type="file"
                    multiple
                    accept=".csv,.tsv,.txt,.xlsx,.xlsm,.xlsb,.xls,.ods,text/csv,text/tab-separated-values,text/plain"
                    tabindex="-1"
                    data-testid="file-input"
                    node_ref=input_ref
                    on:change=on_change
                />
                <button
                    type="button"
                    class="button"
                    data-testid="sample-button"
                    aria-expanded=move || asking.get().then_some("true")
                    on:click=try_sample
                    on:keydown=|ev: KeyboardEvent| ev.stop_propagation()
                >
                    {t("Try sample data")}
                </button>
            </div>
        </section>
        <Show when=move || asking.get() && own.with(|o| o.0 > 0)>
            <SampleQuestion own=own replace=replace keep=move |_| asking.set(false) />
        </Show>
    }
}

/// "The sample replaces your 2 files and is checked as of Nov 25, 2026":
/// replace them, or keep them. Focus starts on keeping them.
#[component]
fn SampleQuestion(
    own: Memo<(usize, Option<String>)>,
    replace: impl Fn(web_sys::MouseEvent) + 'static,
    keep: impl Fn(web_sys::MouseEvent) + 'static,
) -> impl IntoView {
    let lang = use_state().lang;
    let keep_ref = NodeRef::<html::Button>::new();
    Effect::new(move |_| {
        if let Some(b) = keep_ref.get() {
            let _ = b.focus();
        }
    });
    let text = move || {
        let lang = lang.get();
        let date = ("date", fmt_date(lang, sample::sample_as_of()));
        own.with(|(n, first)| match (n, first) {
            (1, Some(name)) => trf(
                lang,
                "The sample replaces your file {name} and is checked as of {date}.",
                &[("name", name.clone()), date],
            ),
            _ => trf(
                lang,
                "The sample replaces your {n} files and is checked as of {date}.",
                &[("n", fmt_count(*n as u64)), date],
            ),
        })
    };
    view! {
        <div class="sample-question" role="group" aria-labelledby="sample-question-text" data-testid="sample-question">
            <p id="sample-question-text">{text}</p>
            <div class="sample-question-actions">
                <button type="button" class="button" data-testid="sample-replace" on:click=replace>
                    {t("Replace with the sample")}
                </button>
                <button type="button" class="button primary" data-testid="sample-keep" node_ref=keep_ref on:click=keep>
                    {t("Keep my files")}
                </button>
            </div>
        </div>
    }
}
