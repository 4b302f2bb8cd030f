//! The pullpolicy playground (yew). `main.rs` only renders [`App`].

use yew::prelude::*;

/// The whole playground.
#[function_component(App)]
pub fn app() -> Html {
    html! {
        <main>
            <h1>{ "pullpolicy" }</h1>
            <p class="verdict">{ pullpolicy::version() }</p>
        </main>
    }
}
