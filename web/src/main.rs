//! The playground's entry point: install the panic hook, render the app.

fn main() {
    console_error_panic_hook::set_once();
    yew::Renderer::<pullpolicy_web::App>::new().render();
}
