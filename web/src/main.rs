//! The playground's entry point: render the app, or, when this same module was
//! started in a Web Worker, serve analyses (see `pullpolicy_web::worker`).

fn main() {
    #[cfg(target_arch = "wasm32")]
    if pullpolicy_web::worker::is_worker() {
        pullpolicy_web::worker::serve();
        return;
    }
    pullpolicy_web::crash::install();
    // A `#z=` link is inflated first, by the share-link codec loaded for it.
    #[cfg(target_arch = "wasm32")]
    pullpolicy_web::codec::read_then(pullpolicy_web::browser::hash(), || {
        yew::Renderer::<pullpolicy_web::App>::new().render();
    });
    #[cfg(not(target_arch = "wasm32"))]
    yew::Renderer::<pullpolicy_web::App>::new().render();
}
