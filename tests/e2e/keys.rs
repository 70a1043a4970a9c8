//! Keyboard-only steps for the end-to-end walk (`keyboard.rs`): keys pressed through WebDriver's
//! actions (they reach whatever has the focus, as a user's keyboard does), a bounded `tab_to`, and
//! the checks that the focus sits where the user needs it and shows a visible ring.

use fantoccini::actions::{InputSource, KeyAction, KeyActions};
use fantoccini::key::Key;
use fantoccini::Client;
use std::time::{Duration, Instant};

/// Presses and releases `keys` in order (a chord when `held` keys are pressed around them).
async fn keystrokes(c: &Client, held: &[char], keys: &[char]) {
    let mut seq = KeyActions::new("keyboard".into());
    for &k in held {
        seq = seq.then(KeyAction::Down { value: k });
    }
    for &k in keys {
        seq = seq
            .then(KeyAction::Down { value: k })
            .then(KeyAction::Up { value: k });
    }
    for &k in held.iter().rev() {
        seq = seq.then(KeyAction::Up { value: k });
    }
    c.perform_actions(seq).await.expect("keyboard actions");
    c.release_actions().await.expect("release the keys");
}

/// Presses one key (Tab, Enter, Space, Escape, an arrow inside a list).
pub async fn press(c: &Client, key: Key) {
    keystrokes(c, &[], &[key.into()]).await;
}

/// Shift-Tab.
pub async fn shift_tab(c: &Client) {
    keystrokes(c, &[Key::Shift.into()], &[Key::Tab.into()]).await;
}

/// Types `text` into the focused field, key by key.
pub async fn type_text(c: &Client, text: &str) {
    let keys: Vec<char> = text.chars().collect();
    keystrokes(c, &[], &keys).await;
}

/// Whether the focused element matches the CSS selector `css`.
pub async fn focus_is(c: &Client, css: &str) -> bool {
    c.execute(
        "const el = document.activeElement; return !!el && el !== document.body && el.matches(arguments[0]);",
        vec![css.into()],
    )
    .await
    .unwrap()
    .as_bool()
    .unwrap_or(false)
}

/// A short description of the focused element, for failure messages.
pub async fn focused(c: &Client) -> String {
    c.execute(
        "const el = document.activeElement;
         if (!el) return 'nothing';
         const html = el.outerHTML;
         return html.slice(0, html.indexOf('>') + 1).slice(0, 240) + ' ' + (el.innerText || el.value || '').slice(0, 60);",
        vec![],
    )
    .await
    .unwrap()
    .as_str()
    .unwrap_or_default()
    .to_string()
}

/// Waits until the focus is on an element matching `css` (focus that follows an action, such as
/// a test's result arriving).
pub async fn wait_focus(c: &Client, css: &str, limit: Duration) {
    let deadline = Instant::now() + limit;
    while !focus_is(c, css).await {
        assert!(
            Instant::now() < deadline,
            "focus did not move to {css}; it is on {}",
            focused(c).await
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

async fn step_to(c: &Client, css: &str, max_presses: usize, backwards: bool) {
    for _ in 0..max_presses {
        if focus_is(c, css).await {
            return;
        }
        if backwards {
            shift_tab(c).await;
        } else {
            press(c, Key::Tab).await;
        }
    }
    assert!(
        focus_is(c, css).await,
        "{max_presses} × {} did not reach {css}; focus is on {}",
        if backwards { "Shift-Tab" } else { "Tab" },
        focused(c).await
    );
}

/// Presses Tab until an element matching `css` has the focus, at most `max_presses` times.
pub async fn tab_to(c: &Client, css: &str, max_presses: usize) {
    step_to(c, css, max_presses, false).await;
}

/// Presses Shift-Tab until an element matching `css` has the focus, at most `max_presses` times.
pub async fn shift_tab_to(c: &Client, css: &str, max_presses: usize) {
    step_to(c, css, max_presses, true).await;
}

/// Asserts that the focused element shows a focus ring: its outline or box-shadow is drawn and
/// differs from the same element's unfocused look (read from a copy placed beside it for a
/// moment). A visually hidden radio (Mantine's SegmentedControl) shows its ring on its label.
pub async fn assert_focus_ring(c: &Client, step: &str) {
    let look = c
        .execute(
            r#"const el = document.activeElement;
            if (!el || el === document.body) return { error: "nothing has the focus" };
            const box = el.getBoundingClientRect();
            const hidden = box.width <= 2 || box.height <= 2 || getComputedStyle(el).opacity === "0";
            const target = hidden && el.labels && el.labels.length > 0 ? el.labels[0] : el;
            const ring = (node) => {
                const s = getComputedStyle(node);
                return { outline: `${s.outlineStyle} ${s.outlineWidth} ${s.outlineColor}`,
                         drawn: s.outlineStyle !== "none" && parseFloat(s.outlineWidth) > 0,
                         shadow: s.boxShadow };
            };
            const focused = ring(target);
            const copy = target.cloneNode(true);
            for (const node of [copy, ...copy.querySelectorAll("[id], [name]")]) {
                node.removeAttribute("id");
                node.removeAttribute("name");
            }
            target.after(copy);
            const plain = ring(copy);
            copy.remove();
            const html = target.outerHTML;
            return { focused, plain, focusVisible: el.matches(":focus-visible"),
                     element: html.slice(0, html.indexOf(">") + 1).slice(0, 200) };"#,
            vec![],
        )
        .await
        .unwrap();
    assert!(look.get("error").is_none(), "{step}: {look}");
    let focused = &look["focused"];
    let plain = &look["plain"];
    let drawn = focused["drawn"].as_bool().unwrap_or(false)
        || focused["shadow"].as_str().is_some_and(|s| s != "none");
    let differs = focused["outline"] != plain["outline"] || focused["shadow"] != plain["shadow"];
    assert!(
        drawn && differs,
        "{step}: no visible focus ring on {} (:focus-visible {}): focused {focused}, unfocused {plain}",
        look["element"],
        look["focusVisible"]
    );
}
