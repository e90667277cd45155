//! The page's engine worker (built by Trunk for wasm32; see `web.rs`).

#[cfg(target_arch = "wasm32")]
mod alloc;
#[cfg(target_arch = "wasm32")]
mod helper;
#[cfg(target_arch = "wasm32")]
mod scope;
#[cfg(target_arch = "wasm32")]
mod web;

fn main() {
    #[cfg(target_arch = "wasm32")]
    web::start();
}
