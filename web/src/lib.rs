//! The pullpolicy playground (yew): paste a manifest, see which `imagePullPolicy`
//! Kubernetes applies to every container and what the node does with it.
//!
//! `main.rs` only renders [`App`]. The pure pieces (state, share links, Markdown,
//! highlighting, line maths) are plain modules with native unit tests; the
//! components live in [`components`].

pub mod actions;
pub mod app;
pub mod browser;
pub mod codec;
pub mod components;
pub mod crash;
pub mod describe;
pub mod diagnosis;
pub mod embed;
pub mod engine;
pub mod evidence;
pub mod examples;
pub mod highlight;
pub mod library;
pub mod lines;
pub mod markdown;
pub mod markup;
pub mod objects;
pub mod open;
pub mod params;
pub mod share;
pub mod state;
pub mod storage;
pub mod worker;

pub use app::App;

/// The allocator of the playground's WebAssembly modules (page, worker and deferred
/// module): talc instead of the standard library's dlmalloc, measured 2.1 KB gzip
/// smaller in a module of the same code (and faster, by talc's own benchmarks).
#[cfg(all(target_family = "wasm", not(target_feature = "atomics")))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();
/// The presentation every edge shares (the fuzz targets reach it through this crate).
pub use pullpolicy_view as view;

/// The largest manifest the playground analyses, in bytes (UTF-8). Larger texts stay
/// in the editor but are not analysed; the CLI has no such limit.
pub const MAX_INPUT: usize = 2_000_000;
