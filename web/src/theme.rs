//! Light and dark themes: the system's `prefers-color-scheme` by default (followed live), or
//! the user's choice from the "Dark theme" toggle, remembered in `localStorage`. The theme is
//! the `data-theme` attribute of the playground (and of `<html class="ss-page">` on the
//! playground page itself); www/style.css holds the colours of both.

use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// Where the explicit choice is remembered.
const STORAGE_KEY: &str = "schemashift-theme";
const DARK_QUERY: &str = "(prefers-color-scheme: dark)";

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Theme {
    Light,
    Dark,
}

impl Theme {
    pub fn name(self) -> &'static str {
        match self {
            Theme::Light => "light",
            Theme::Dark => "dark",
        }
    }

    pub fn parse(text: &str) -> Option<Theme> {
        match text {
            "light" => Some(Theme::Light),
            "dark" => Some(Theme::Dark),
            _ => None,
        }
    }

    /// The theme shown: the user's choice, else the system's.
    pub fn effective(chosen: Option<Theme>, system_dark: bool) -> Theme {
        chosen.unwrap_or(if system_dark { Theme::Dark } else { Theme::Light })
    }
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

fn media() -> Option<web_sys::MediaQueryList> {
    web_sys::window()?.match_media(DARK_QUERY).ok().flatten()
}

/// Put the theme on the page's `<html>` when the page is the playground page.
fn mark_page(theme: Theme) {
    let root = web_sys::window().and_then(|w| w.document()).and_then(|d| d.document_element());
    if let Some(root) = root.filter(|r| r.class_list().contains("ss-page")) {
        let _ = root.set_attribute("data-theme", theme.name());
    }
}

/// The theme signal of one playground: `(shown theme, toggle)`.
pub fn use_theme() -> (Signal<Theme>, Callback<()>) {
    let chosen = RwSignal::new(storage().and_then(|s| s.get_item(STORAGE_KEY).ok().flatten()).and_then(|t| Theme::parse(&t)));
    let system_dark = RwSignal::new(media().is_some_and(|m| m.matches()));
    if let Some(m) = media() {
        let listener = Closure::<dyn FnMut(web_sys::Event)>::new(move |ev: web_sys::Event| {
            if let Some(list) = ev.dyn_ref::<web_sys::MediaQueryListEvent>() {
                system_dark.set(list.matches());
            }
        });
        let _ = m.add_event_listener_with_callback("change", listener.as_ref().unchecked_ref());
        listener.forget();
    }
    let theme = Signal::derive(move || Theme::effective(chosen.get(), system_dark.get()));
    Effect::new(move |_| mark_page(theme.get()));
    let toggle = Callback::new(move |()| {
        let next = match theme.get_untracked() {
            Theme::Light => Theme::Dark,
            Theme::Dark => Theme::Light,
        };
        chosen.set(Some(next));
        if let Some(s) = storage() {
            let _ = s.set_item(STORAGE_KEY, next.name());
        }
    });
    (theme, toggle)
}

#[component]
pub fn ThemeToggle(theme: Signal<Theme>, toggle: Callback<()>) -> impl IntoView {
    view! {
        <button
            type="button"
            class="ss-button ss-theme-toggle"
            aria-pressed=move || (theme.get() == Theme::Dark).to_string()
            on:click=move |_| toggle.run(())
        >
            <span aria-hidden="true">{move || if theme.get() == Theme::Dark { "☾ " } else { "☀ " }}</span>
            "Dark theme"
        </button>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn choice_wins_over_the_system() {
        assert_eq!(Theme::effective(None, true), Theme::Dark);
        assert_eq!(Theme::effective(None, false), Theme::Light);
        assert_eq!(Theme::effective(Some(Theme::Light), true), Theme::Light);
        assert_eq!(Theme::parse("dark"), Some(Theme::Dark));
        assert_eq!(Theme::parse("blue"), None);
    }
}
